"""Reviewer comments in a DOCX or ODT, mapped back to the file and line they are about.

`read_comments` reads the document (review.document): each comment's author, text, the text of
the range it marks (or, for a point comment, the text from the point on) and the whole
paragraph it stands in. `locate` finds, for each comment,
the Markdown paragraph of the project that best matches that DOCX paragraph (difflib ratio on
words, after both sides are reduced to plain text, so small edits made since the review are
tolerated), then the line of that paragraph where the anchored text starts. The reference list
and the abbreviation table are matched too, entry by entry, to their line in references.bib and
abbreviations.yaml. A comment that matches nothing is still reported, with no path and line 0.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from luanan.bibliography.reference_list import reference_list
from luanan.i18n import _
from luanan.load.abbreviations import ABBREVIATIONS_NAME
from luanan.parse import ParsedProject
from luanan.render.links import shown_text
from luanan.review.document import PAGE_NUMBER, Review, read_review

MIN_RATIO = 0.6  # below this a DOCX paragraph is taken to be gone from the chapters
ANCHOR_SHOWN = 80  # characters of the anchor shown for a comment not found


@dataclass(frozen=True)
class ReviewComment:
    author: str
    text: str
    anchor: str  # the text the comment marks (or its paragraph when the range is missing)
    paragraph: str  # the whole DOCX paragraph the marked range starts in


@dataclass(frozen=True)
class Located:
    path: str  # "" when no chapter paragraph matches
    line: int  # 1-based; 0 when not found
    author: str
    text: str
    anchor: str
    score: float  # difflib ratio of the DOCX paragraph and the chapter paragraph


@dataclass(frozen=True)
class _Block:
    """A chapter paragraph as plain words, each with the file line it stands on."""

    path: str
    words: tuple[str, ...]
    lines: tuple[int, ...]


# --- reading the DOCX or ODT ------------------------------------------------------------------


def read_comments(path: Path) -> list[ReviewComment]:
    """The comments of a DOCX or ODT, in the order their ranges (or points) appear."""
    return comments_of(read_review(Path(path)))


def comments_of(review: Review) -> list[ReviewComment]:
    found = []
    for comment in sorted(review.comments, key=lambda c: c.start):
        index, start = comment.start
        paragraph = review.shown(index)
        if comment.end is not None:
            anchor = _range_text(review, comment.start, comment.end)
        else:  # a point: the text from there on, or the last word when it ends the paragraph
            text = review.paragraphs[index]
            offset = text.old_offset(start) if review.paragraphs[index].row is None else 0
            rest = PAGE_NUMBER.sub("", text.text())[offset:]
            anchor = rest if rest.strip() else " ".join(text.text()[:offset].split()[-1:])
        if not anchor.strip():
            anchor = paragraph
        found.append(ReviewComment(comment.author, comment.text, _nfc(anchor), _nfc(paragraph)))
    return found


def _range_text(review: Review, start: tuple[int, int], end: tuple[int, int]) -> str:
    """The old text between two positions, paragraphs joined by newlines."""
    pieces = []
    for index in range(start[0], min(end[0], len(review.paragraphs) - 1) + 1):
        chars = review.paragraphs[index].chars
        first = start[1] if index == start[0] else 0
        last = end[1] if index == end[0] else len(chars)
        pieces.append("".join(c for c, kind, _ in chars[first:last] if kind != "+"))
    return "\n".join(pieces)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- the chapters as plain paragraphs ---------------------------------------------------------


def _keep_lines(replacement):
    """A re.sub replacement that never changes the number of lines (so lines can be counted)."""

    def repl(match: re.Match) -> str:
        text = replacement(match) if callable(replacement) else match.expand(replacement)
        return text + "\n" * (match.group().count("\n") - text.count("\n"))

    return repl


MARKDOWN = [  # (pattern, replacement) applied in order to a block of Markdown
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"^[ \t]*(?:`{3,}|~{3,}|:{3,}).*$", re.M), ""),  # fences and div markers
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M), ""),  # ATX heading marks
    (re.compile(r"[ \t]+#+[ \t]*$", re.M), ""),  # closing heading marks
    (re.compile(r"\{[#.][^{}\n]*\}|\{[a-z-]+=[^{}\n]*\}", re.I), ""),  # attributes {#id .class}
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)]|\(?[a-z][.)])[ \t]+(?:\[[ xX]\][ \t]+)?", re.M), ""),  # list marks
    (re.compile(r"^[ \t]*:[ \t]+"), ""),  # table caption
    (
        re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$|^=+[ \t]*$", re.M),
        "",
    ),  # table rules |---|---|, thematic breaks, setext underlines
    (re.compile(r"\[\^[^\]\s]+\](?!:)"), ""),  # footnote marks
    (re.compile(r"\^\[[^\]]*\]"), ""),  # inline notes
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"\[([^\]]*)\]\{[^}]*\}"), r"\1"),  # spans
    (re.compile(r"<((?:https?|mailto|ftp):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),  # inline HTML tags
    (re.compile(r"`+"), ""),
    (re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)"), ""),  # emphasis
    (re.compile(r"~~|\\$", re.M), ""),  # strike-through, hard line breaks
    (re.compile(r"\\(.)"), r"\1"),  # backslash escapes
]


def _blocks(parsed: ParsedProject, document) -> list[_Block]:
    """The body's paragraphs (blank-line separated; headings, list items and table rows on their
    own), and the front matter title, which the DOCX shows as the chapter heading."""
    first_line = document.source.position(document.body_start)[0]
    lines = shown_text(parsed, document).split("\n")
    blocks = [_title_block(document, lines)] if document.title else []
    chunk: list[tuple[int, str]] = []
    for number in range(first_line, len(lines) + 1):
        line = lines[number - 1]
        if HEADING.match(line):  # a heading is a paragraph of its own, blank lines or not
            if chunk:
                blocks.append(_block(document, chunk))
            blocks.append(_block(document, [(number, line)]))
            chunk = []
        elif not line.strip() or _starts_item(line, chunk):
            if chunk:
                blocks.append(_block(document, chunk))
            chunk = [(number, line)] if line.strip() else []
        else:
            chunk.append((number, line))
    if chunk:
        blocks.append(_block(document, chunk))
    return [b for b in blocks if b.words]


HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S")
ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S|^[ \t]*\|")


def _starts_item(line: str, chunk: list[tuple[int, str]]) -> bool:
    """A list item or table row inside a list or table block starts a paragraph of its own."""
    return bool(chunk) and bool(ITEM.match(chunk[0][1])) and bool(ITEM.match(line))


def _title_block(document, lines: list[str]) -> _Block:
    number = next((i for i, line in enumerate(lines, 1) if line.startswith("title:")), 1)
    words = tuple(_fold(document.title).split())
    return _Block(document.path.as_posix(), words, (number,) * len(words))


def _block(document, chunk: list[tuple[int, str]]) -> _Block:
    text = _plain_markdown("\n".join(line for _, line in chunk))
    words, numbers = [], []
    for (number, _line), line in zip(chunk, text.split("\n")):
        for word in _fold(line).split():
            words.append(word)
            numbers.append(number)
    return _Block(document.path.as_posix(), tuple(words), tuple(numbers))


def _plain_markdown(text: str) -> str:
    """Markdown reduced to the text a reader sees, line for line."""
    for pattern, replacement in MARKDOWN:
        text = pattern.sub(_keep_lines(replacement), text)
    return text


PUNCTUATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "\u00ad": None,
        "…": "...",
    }
)


def _fold(text: str) -> str:
    """Text compared on both sides: NFC, case-folded, one kind of quote and dash."""
    text = unicodedata.normalize("NFC", text).translate(PUNCTUATION)
    text = re.sub(r"-{2,}", "-", text)
    return text.replace("|", " ").casefold()  # table cells: the DOCX row and the pipe-table line


def generated_blocks(parsed: ParsedProject) -> list[_Block]:
    """The reference list's entries (at their line in the .bib file) and the abbreviation table's
    rows (at their line in abbreviations.yaml), as the DOCX shows them."""
    project = parsed.project
    if project is None:
        return []
    blocks = []
    for listed in reference_list(project.bibliography):
        entry = project.bibliography.by_key.get(listed.key)
        if entry is not None:
            words = tuple(_fold(f"{listed.number}. {listed.text}").split())
            blocks.append(_Block(entry.path.as_posix(), words, (entry.line,) * len(words)))
    for abbreviation, full in project.abbreviations.items():
        words = tuple(_fold(f"{abbreviation} {full}").split())
        line = project.abbreviation_lines.get(abbreviation, 1)
        blocks.append(_Block(ABBREVIATIONS_NAME, words, (line,) * len(words)))
    return [b for b in blocks if b.words]


# --- matching ---------------------------------------------------------------------------------


def locate(comments: list[ReviewComment], parsed: ParsedProject) -> list[Located]:
    """Each comment at the chapter file and line of the paragraph it anchors to; one on an entry
    of the reference list or the abbreviation table at that entry's line in its file."""
    blocks = [b for document in parsed.documents for b in _blocks(parsed, document.document)]
    blocks += generated_blocks(parsed)
    best: dict[tuple[str, ...], tuple[_Block | None, float]] = {}  # several comments, one paragraph
    # A paragraph that is word for word a block is that block (the first such): found by a
    # lookup, not by comparing it with every block (4,000 comments on 4,000 paragraphs: 28 s).
    for block in reversed(blocks):
        if block.words:
            best[tuple(block.words)] = (block, 1.0)
    return [_locate_one(comment, blocks, best) for comment in comments]


def _locate_one(comment: ReviewComment, blocks: list[_Block], best: dict) -> Located:
    words = _fold(comment.paragraph or comment.anchor).split()
    if tuple(words) not in best:
        best[tuple(words)] = _best_block(words, blocks)
    block, score = best[tuple(words)]
    if block is None:
        return Located("", 0, comment.author, comment.text, comment.anchor, round(score, 3))
    line = _anchor_line(comment.anchor, words, block)
    return Located(block.path, line, comment.author, comment.text, comment.anchor, round(score, 3))


def _best_block(words: list[str], blocks: list) -> tuple[Any, float]:
    """The block most like the paragraph's words, if it is alike enough (ratio >= MIN_RATIO)."""
    best, best_score = None, 0.0
    if not words:
        return None, 0.0
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    for block in blocks:
        matcher.set_seq1(block.words)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = block, score
    return (best, best_score) if best_score >= MIN_RATIO else (None, best_score)


def _anchor_line(anchor: str, paragraph: list[str], block: _Block) -> int:
    """The line of the block where the anchored text starts.

    The anchor is found in the DOCX paragraph, and its word carried over to the chapter
    paragraph through the word alignment of the two (so a phrase that occurs twice is placed
    where the reviewer marked it, and words edited since are stepped over). An anchor not in
    the paragraph is searched in the block by its first words; failing that, the block's first
    line (a heading's "CHƯƠNG 3", a caption's label).
    """
    first = _fold(anchor.split("\n")[0]).split() or _fold(anchor).split()
    text = " ".join(paragraph)
    found = text.find(" ".join(first)) if first else -1
    if found >= 0:
        index = _aligned(text[:found].count(" "), paragraph, block.words)
    else:
        index = _searched(_fold(anchor).split()[:12], block.words)
    return block.lines[index] if index is not None else block.lines[0]


def _aligned(index: int, paragraph: list[str], words: tuple[str, ...]) -> int | None:
    """The index in `words` of the paragraph's word `index` (None: nothing to align it to)."""
    matcher = difflib.SequenceMatcher(None, words, paragraph, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if b1 <= index < b2:
            if tag == "equal":
                return a1 + index - b1
            return min(a1 + index - b1, a2 - 1) if a2 > a1 else min(a1, len(words) - 1)
    return None


def _searched(head: list[str], words: tuple[str, ...]) -> int | None:
    """Where the anchor's first words start in the block, by their longest common run."""
    if not head:
        return None
    match = difflib.SequenceMatcher(None, words, head, autojunk=False).find_longest_match(0, len(words), 0, len(head))
    if match.size == 0 or (match.size == 1 and len(head) > 1 and len(head[match.b]) < 4):
        return None
    return min(max(match.a - match.b, 0), len(words) - 1)


# --- output -----------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def as_text(located: list[Located]) -> str:
    """`path:line: [author] comment`, one comment a line, for an editor to jump to."""
    lines = []
    for item in located:
        comment = _one_line(item.text)
        if item.path:
            lines.append(f"{item.path}:{item.line}: [{item.author}] {comment}")
        else:
            anchor = _one_line(item.anchor)
            if len(anchor) > ANCHOR_SHOWN:
                anchor = anchor[: ANCHOR_SHOWN - 1].rstrip() + "…"
            shown = _("{place}: [{author}] {comment} — on “{anchor}”")
            lines.append(
                shown.format(place=_("(not found in the chapters)"), author=item.author, comment=comment, anchor=anchor)
            )
    return "".join(line + "\n" for line in lines)


def as_json(located: list[Located]) -> str:
    rows = [
        {
            "path": item.path,
            "line": item.line,
            "author": item.author,
            "comment": item.text,
            "anchor": item.anchor,
            "score": item.score,
        }
        for item in located
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
