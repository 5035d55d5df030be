"""Reviewer comments in a DOCX, mapped back to the chapter file and line they are about.

`read_comments` reads word/comments.xml and word/document.xml straight from the zip (lxml):
each comment's author, text, the text of the range it marks (commentRangeStart to
commentRangeEnd) and the whole paragraph the range starts in. `locate` finds, for each comment,
the Markdown paragraph of the project that best matches that DOCX paragraph (difflib ratio on
words, after both sides are reduced to plain text, so small edits made since the review are
tolerated), then the line of that paragraph where the anchored text starts. A comment that
matches nothing is still reported, with no path and line 0.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from luanan.errors import SourceError
from luanan.files import LIMITS, ReadRefused, read_zip_part
from luanan.parse import ParsedProject
from luanan.render.links import shown_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


# --- reading the DOCX -------------------------------------------------------------------------


def read_comments(path: Path) -> list[ReviewComment]:
    """The comments of a DOCX, in the order their ranges appear in the document."""
    document, comments = _docx_parts(Path(path))
    meta = _comment_texts(comments) if comments is not None else {}
    anchors, starts, references, paragraphs = _walk_body(document)

    def position(cid: str) -> tuple[int, int]:
        return starts.get(cid, references.get(cid, len(paragraphs))), int(cid) if cid.isdigit() else 0

    found = []
    for cid in sorted(meta, key=position):
        author, text = meta[cid]
        start = starts.get(cid, references.get(cid))
        paragraph = paragraphs[start] if start is not None and start < len(paragraphs) else ""
        anchor = anchors.get(cid, "")
        if cid not in starts or not anchor.strip():
            anchor = paragraphs[references[cid]] if cid in references else paragraph
        found.append(ReviewComment(author, text, anchor, paragraph))
    return found


def _docx_parts(path: Path) -> tuple[etree._Element, etree._Element | None]:
    """The parsed document.xml and comments.xml (None when the DOCX has no comments)."""
    if not path.exists():
        raise SourceError("file not found", path)
    if path.is_dir():
        raise SourceError("is a directory, not a DOCX file", path)
    if not path.is_file():  # a pipe would block, a device never end
        raise SourceError("not a regular file (a pipe, a device or a socket): luanan reads only files", path)
    if path.stat().st_size > LIMITS["DOCX"]:
        raise SourceError(f"too large: luanan reads a DOCX of up to {LIMITS['DOCX'] >> 20} MB", path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise SourceError("not a DOCX file (no word/document.xml inside)", path)
            document = _parse(read_zip_part(archive, "word/document.xml"), path, "word/document.xml")
            comments = None
            if "word/comments.xml" in names:
                comments = _parse(read_zip_part(archive, "word/comments.xml"), path, "word/comments.xml")
    except ReadRefused as exc:
        raise SourceError(f"not a readable DOCX: {exc.message}", path) from None
    except zipfile.BadZipFile:
        raise SourceError("not a DOCX file (not a zip archive)", path) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path) from None
    return document, comments


def _parse(data: bytes, path: Path, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"not a readable DOCX ({part} is damaged: {exc})", path) from None


def _comment_texts(comments: etree._Element) -> dict[str, tuple[str, str]]:
    """comment id -> (author, text); the comment's paragraphs are joined by newlines."""
    texts = {}
    for comment in comments.iter(f"{W}comment"):
        paragraphs = ["".join(_run_text(el) for el in p.iter()) for p in comment.iter(f"{W}p")]
        text = unicodedata.normalize("NFC", "\n".join(paragraphs).strip())
        texts[comment.get(f"{W}id", "")] = (comment.get(f"{W}author", ""), text)
    return texts


SPECIAL = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def _run_text(element: etree._Element) -> str:
    """The visible text one element contributes (deleted text and field codes give none)."""
    if element.tag == f"{W}t":
        return element.text or ""
    return SPECIAL.get(element.tag, "")


def _walk_body(document: etree._Element):
    """One pass over the body in document order.

    Returns (anchor text by comment id, paragraph index of each range start, paragraph index
    of each commentReference, paragraph texts). A table cell's paragraph is given as its whole
    row, which is what a Markdown pipe-table line holds.
    """
    body = document.find(f"{W}body")
    if body is None:
        return {}, {}, {}, []
    index = {p: i for i, p in enumerate(body.iter(f"{W}p"))}
    parts: list[list[str]] = [[] for _ in index]
    anchors: dict[str, list[str]] = {}
    last_paragraph: dict[str, int] = {}
    open_ranges: set[str] = set()
    starts: dict[str, int] = {}
    references: dict[str, int] = {}
    pending: list[str] = []  # range starts met between paragraphs: they belong to the next one
    skipped = {f"{W}moveFrom", f"{W}del"}
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{W}p":
            for cid in pending:
                starts[cid] = index[element]
            pending.clear()
            continue
        paragraph = _paragraph_of(element, index)
        cid = element.get(f"{W}id", "")
        if tag == f"{W}commentRangeStart":
            open_ranges.add(cid)
            anchors.setdefault(cid, [])
            if paragraph is None:
                pending.append(cid)
            else:
                starts[cid] = paragraph
        elif tag == f"{W}commentRangeEnd":
            open_ranges.discard(cid)
        elif tag == f"{W}commentReference" and paragraph is not None:
            references.setdefault(cid, paragraph)
        else:
            text = _run_text(element)
            if not text or paragraph is None or any(a.tag in skipped for a in element.iterancestors()):
                continue
            parts[paragraph].append(text)
            for open_id in open_ranges:
                if last_paragraph.get(open_id, paragraph) != paragraph:
                    anchors[open_id].append("\n")
                last_paragraph[open_id] = paragraph
                anchors[open_id].append(text)
    texts = [unicodedata.normalize("NFC", "".join(p)) for p in parts]
    texts = _rows_for_cells(body, index, texts)
    return ({cid: unicodedata.normalize("NFC", "".join(t)) for cid, t in anchors.items()}, starts, references, texts)


def _paragraph_of(element: etree._Element, index: dict) -> int | None:
    for ancestor in element.iterancestors(f"{W}p"):
        return index.get(ancestor)
    return None


def _rows_for_cells(body: etree._Element, index: dict, texts: list[str]) -> list[str]:
    """Each table-cell paragraph's text becomes its row's text, cells separated by ` | `."""
    texts = list(texts)
    for row in body.iter(f"{W}tr"):
        cells = [" ".join(texts[index[p]] for p in cell.iter(f"{W}p")) for cell in row.iter(f"{W}tc")]
        row_text = " | ".join(cells)
        for p in row.iter(f"{W}p"):
            texts[index[p]] = row_text
    return texts


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
    for (number, _), line in zip(chunk, text.split("\n")):
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


# --- matching ---------------------------------------------------------------------------------


def locate(comments: list[ReviewComment], parsed: ParsedProject) -> list[Located]:
    """Each comment at the chapter file and line of the paragraph it anchors to."""
    blocks = [b for document in parsed.documents for b in _blocks(parsed, document.document)]
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


def _best_block(words: list[str], blocks: list[_Block]) -> tuple[_Block | None, float]:
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
            lines.append(f"(not found in the chapters): [{item.author}] {comment} — on “{anchor}”")
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
