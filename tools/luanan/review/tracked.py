"""`luanan changes reviewed.docx`: a reviewer's tracked insertions and deletions (Word or
LibreOffice, DOCX or ODT) carried back onto the Markdown that produced the document.

Each reviewed paragraph is matched, by its old text (the text as the reviewer received it), to
the Markdown block that rendered it (as `comments` does: heading, list item, table row, the
chapter title in the front matter); inside the block the old text is aligned word by word with
the block's plain text, whose every character knows its offset in the source. A deletion then
removes the source that printed the deleted characters (with the emphasis or link marks around
them when it takes all their text); an insertion goes where its neighbours came from, outside
emphasis and links unless inside a word. A citation is one unit: a change inside `[157, tr. 5]`
rewrites the whole citation, and a citation written by key (`[@key, tr. 5]`) stays by key. A
paragraph mark inserted starts a paragraph (`\\n\\n`); one deleted joins two blocks; a paragraph
deleted whole is removed with its blank line. A change that cannot be placed (its paragraph is
gone from the chapters, it is in the generated reference list, it crosses a citation's edge) is
listed with the reason, never dropped or guessed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from luanan.citations.format import canonical
from luanan.edits import Edit, apply_edits
from luanan.i18n import _, ngettext
from luanan.parse import ParsedDocument, ParsedProject
from luanan.review.comments import (
    HEADING,
    MARKDOWN,
    Located,
    _best_block,
    _fold,
    _starts_item,
    comments_of,
    generated_blocks,
    locate,
)
from luanan.review.document import Paragraph, Review
from luanan.rewrite import FileChange, original

MARK = "\u2029"  # a paragraph mark inside a run of changes
LINE_MARK = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]?)")
CONTEXT = 60  # characters of a paragraph shown with a change not placed


@dataclass
class Span:
    """A Markdown block as a reader of the DOCX sees it: its plain text, and for each character
    of it the source offset it was printed from."""

    document: ParsedDocument
    start: int  # the block's source range (its first line's start, its last line's end)
    end: int
    plain: str
    origin: list[int]
    index: int  # position among its document's spans
    words: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()  # unused: the shape `_best_block` expects

    @property
    def path(self) -> str:
        return self.document.document.path.as_posix()


@dataclass(frozen=True)
class Unplaced:
    author: str
    deleted: str
    inserted: str
    context: str  # the paragraph around it
    reason: str
    where: str = ""  # file:line to edit by hand, when known (a reference, an abbreviation)


@dataclass
class Planned:
    changes: list[FileChange]
    authors: dict[str, list[tuple[int, int, str]]]  # path -> (first, last source line, author)
    unplaced: list[Unplaced]
    comments: list[Located]
    counts: dict[str, int] = field(default_factory=lambda: {"insertion": 0, "deletion": 0})


@dataclass(frozen=True)
class _Old:
    """A paragraph of the document the reviewer received: its characters with the changes in
    them (an inserted paragraph mark is an inserted MARK), its own mark, its table row."""

    chars: tuple[tuple[str, str, str], ...]
    mark: tuple[str, str]
    row: int | None
    text: str  # the old text: what the Markdown printed
    shown: str  # as matched: a table cell as its whole row

    @property
    def changed(self) -> bool:
        return self.mark[0] != "=" or any(kind != "=" for _, kind, _ in self.chars)


# --- the reviewed document --------------------------------------------------------------------


def only_author(review: Review, author: str | None) -> Review:
    """The review with the other reviewers' changes undone: their insertions gone, their
    deletions kept as text."""
    if author is None:
        return review

    def keep(kind: str, who: str) -> str:
        return kind if kind == "=" or who == author else ("=" if kind == "-" else "")

    paragraphs = []
    for paragraph in review.paragraphs:
        chars = [(c, kind, who) for c, k, who in paragraph.chars if (kind := keep(k, who))]
        mark = keep(*paragraph.mark)  # "": another reviewer's inserted mark, dropped (joined to the next)
        paragraphs.append(Paragraph(chars, (mark or "drop", paragraph.mark[1]), paragraph.row, paragraph.cell))
    return Review(paragraphs, review.comments)


def old_paragraphs(review: Review) -> list[_Old]:
    """The paragraphs as the reviewer received them: DOCX paragraphs whose mark was inserted are
    joined to the next, the inserted mark kept as an inserted MARK."""
    found: list[_Old] = []
    chars: list[tuple[str, str, str]] = []
    first: int | None = None
    for index, paragraph in enumerate(review.paragraphs):
        first = index if first is None else first
        chars += paragraph.chars
        kind, author = paragraph.mark
        if kind in ("+", "drop"):
            if kind == "+":
                chars.append((MARK, "+", author))
            continue
        text = "".join(c for c, k, _ in chars if k != "+")
        shown = review.shown(first) if review.paragraphs[first].row is not None else text
        found.append(_Old(tuple(chars), (kind, author), review.paragraphs[first].row, text, shown))
        chars, first = [], None
    if chars:
        text = "".join(c for c, k, _ in chars if k != "+")
        found.append(_Old(tuple(chars), ("=", ""), None, text, text))
    return found


# --- the Markdown blocks ----------------------------------------------------------------------


def spans(parsed: ParsedProject, document: ParsedDocument) -> list[Span]:
    """The document's blocks as `comments` splits them, each with its plain text and origins."""
    source = document.document.source.text
    found = []
    title = _title_span(document)
    if title is not None:
        found.append(title)
    chunk: list[tuple[int, int]] = []

    def flush() -> None:
        if chunk:
            found.append(_span(parsed, document, chunk[0][0], chunk[-1][1], len(found)))
            chunk.clear()

    position = document.document.body_start
    while position <= len(source):
        end = source.find("\n", position)
        end = len(source) if end < 0 else end
        line = source[position:end]
        if HEADING.match(line):
            flush()
            chunk.append((position, end))
            flush()
        elif not line.strip() or _starts_item(line, [(0, source[s:e]) for s, e in chunk[:1]]):
            flush()
            if line.strip():
                chunk.append((position, end))
        else:
            chunk.append((position, end))
        if end >= len(source):
            break
        position = end + 1
    flush()
    found = [s for s in found if s.words]
    for index, span in enumerate(found):
        span.index = index
    return found


def _title_span(document: ParsedDocument) -> Span | None:
    title = document.document.title
    source = document.document.source.text
    if not title:
        return None
    found = re.search(r"(?m)^title:[ \t]*[\"']?", source[: document.document.body_start])
    start = source.find(title, found.end()) if found else -1
    if start < 0 or (found is not None and "\n" in source[found.end() : start]):
        return None
    origin = list(range(start, start + len(title)))
    return Span(document, start, start + len(title), title, origin, 0, tuple(_fold(title).split()))


def _span(parsed: ParsedProject, document: ParsedDocument, start: int, end: int, index: int) -> Span:
    source = document.document.source.text
    chars, origin = list(source[start:end]), list(range(start, end))
    for citation in sorted(document.citations, key=lambda c: c.start, reverse=True):
        if citation.kind == "reference" and start <= citation.start and citation.end <= end:
            if any(item.key for item in citation.items):
                shown = canonical([_numbered(parsed, item) for item in citation.items])
                size = citation.end - citation.start
                i, j = citation.start - start, citation.end - start
                chars[i:j] = list(shown)
                origin[i:j] = [citation.start + min(k, size - 1) for k in range(len(shown))]
    text = "".join(chars)
    for pattern, replacement in MARKDOWN:
        text, origin = _sub(pattern, replacement, text, origin)
    return Span(document, start, end, text, origin, index, tuple(_fold(text).split()))


def _numbered(parsed: ParsedProject, item):
    number = parsed.number_of(item)
    return replace(item, ref=number, key=None) if number is not None else item


def _sub(pattern: re.Pattern, replacement: str, text: str, origin: list[int]) -> tuple[str, list[int]]:
    """re.sub for the MARKDOWN patterns ("" or a group), carrying each character's origin;
    line ends inside a removed match are kept (the patterns anchor on lines)."""
    pieces: list[str] = []
    origins: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(text[position : match.start()])
        origins += origin[position : match.start()]
        if replacement:
            group = int(replacement[1:])
            pieces.append(match.group(group))
            origins += origin[match.start(group) : match.end(group)]
        else:
            kept = [i for i in range(match.start(), match.end()) if text[i] == "\n"]
            pieces.append("\n" * len(kept))
            origins += [origin[i] for i in kept]
        position = match.end()
    pieces.append(text[position:])
    origins += origin[position:]
    return "".join(pieces), origins


# --- aligning a reviewed paragraph with its block -----------------------------------------------

FOLD_CHAR = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def align(old: str, plain: str) -> list[int | None]:
    """For each character of the reviewed paragraph's old text, the index in the block's plain
    text it was printed from (None: no counterpart, the text differs there)."""
    ow = [m.span() for m in re.finditer(r"\S+", old)]
    pw = [m.span() for m in re.finditer(r"\S+", plain)]
    a = [_fold(old[s:e]) for s, e in ow]
    b = [_fold(plain[s:e]) for s, e in pw]
    mapping: list[int | None] = [None] * len(old)
    pairs = []
    for tag, i1, i2, j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
    for n, (i, j) in enumerate(pairs):
        (os_, oe), (ps, pe) = ow[i], pw[j]
        same = oe - os_ == pe - ps
        for k in range(oe - os_):
            mapping[os_ + k] = ps + (k if same else min(k, pe - ps - 1))
        if n + 1 < len(pairs) and pairs[n + 1] == (i + 1, j + 1):  # the space between two words
            gap_old, gap_plain = (oe, ow[i + 1][0]), (pe, pw[j + 1][0])
            for k in range(gap_old[1] - gap_old[0]):
                mapping[gap_old[0] + k] = gap_plain[0] + min(k, gap_plain[1] - gap_plain[0] - 1)
    return mapping


# --- planning ---------------------------------------------------------------------------------


@dataclass
class _Run:
    first: int  # index into the paragraph's chars
    last: int
    old_start: int
    old_end: int
    inserted: str
    deleted: str
    author: str


def _runs(old: _Old) -> list[_Run]:
    runs, position, current = [], 0, None
    for index, (char, kind, author) in enumerate(old.chars):
        if kind == "=":
            current = None
            position += 1
            continue
        if current is None:
            current = _Run(index, index, position, position, "", "", author)
            runs.append(current)
        current.last = index
        if kind == "-":
            current.deleted += char
            current.old_end += 1
            position += 1
        else:
            current.inserted += char
        if author and author not in current.author.split(", "):
            current.author = f"{current.author}, {author}" if current.author else author
    return runs


class _Planner:
    def __init__(self, parsed: ParsedProject):
        self.parsed = parsed
        self.spans = {doc.document.path: spans(parsed, doc) for doc in parsed.documents}
        self.all = [span for found in self.spans.values() for span in found]
        self.generated = generated_blocks(parsed)
        self.edits: dict[Path, list[tuple[Edit, str]]] = {}
        self.unplaced: list[Unplaced] = []
        self.counts = {"insertion": 0, "deletion": 0}

    def place(self, paragraphs: list[_Old]) -> None:
        matched: dict[int, Span | None] = {}

        def match(index: int) -> Span | None:
            if index not in matched:
                words = _fold(paragraphs[index].shown).split()
                matched[index] = _best_block(words, self.all)[0] if words else None
            return matched[index]

        for index, old in enumerate(paragraphs):
            if not old.changed:
                continue
            span = match(index)
            if span is None:
                self._not_placed(old, _("its paragraph is not in the chapters"))
                continue
            whole = bool(old.text.strip()) and all(k == "-" for c, k, _ in old.chars if k != "+" and c.strip())
            runs = _runs(old)
            if whole and not any(r.inserted.replace(MARK, "").strip() for r in runs):
                self._whole(old, span)
                continue
            self._inside(old, span, runs)
            if old.mark[0] == "-":
                following = match(index + 1) if index + 1 < len(paragraphs) else None
                self._join(old, span, following)

    # a paragraph deleted whole: its block goes, with the blank line after it (or before it, last)
    def _whole(self, old: _Old, span: Span) -> None:
        author = old.mark[1] or next((a for _, k, a in old.chars if k == "-"), "")
        siblings = self.spans[span.document.document.path]
        start, end = span.start, span.end
        if span.index + 1 < len(siblings):
            end = siblings[span.index + 1].start
        elif span.index > 0:
            start = siblings[span.index - 1].end
        self._add(span, Edit(start, end, ""), author)
        self.counts["deletion"] += 1

    def _join(self, old: _Old, span: Span, following: Span | None) -> None:
        """A deleted paragraph mark: the next block's text follows this one's (its heading or list
        mark goes, as the paragraph it joins takes this one's place)."""
        siblings = self.spans[span.document.document.path]
        successor = siblings[span.index + 1] if span.index + 1 < len(siblings) else None
        if following is None or successor is None or following is not successor:
            self._not_placed(old, "a deleted paragraph mark: the next paragraph is not the next block")
            return
        source = span.document.document.source.text
        marker = LINE_MARK.match(source, successor.start)
        self._add(span, Edit(span.end, marker.end() if marker else successor.start, ""), old.mark[1])
        self.counts["deletion"] += 1

    def _inside(self, old: _Old, span: Span, runs: list[_Run]) -> None:
        mapping = align(old.text, span.plain)
        source = span.document.document.source.text
        units: dict[int, tuple[Any, list[_Run]]] = {}
        for run in runs:
            located = self._source_range(run, old, span, mapping, source)
            if located is None:
                self._not_placed(old, _("the text around it differs from the chapter"), run)
                continue
            start, end = located
            citation = self._citation_at(span, start, end, bool(run.deleted))
            if citation == "crosses":
                self._not_placed(old, _("it crosses the edge of a citation"), run)
                continue
            if citation is not None:
                units.setdefault(id(citation), (citation, []))[1].append(run)
                continue
            text = _inserted(run.inserted)
            if run.deleted:
                start, end, text = _deletion(source, start, end, span, run.inserted)
            self._add(span, Edit(start, end, text), run.author)
            self.counts["deletion" if run.deleted else "insertion"] += 1
            if run.deleted and run.inserted:
                self.counts["insertion"] += 1
        for citation, group in units.values():
            self._citation_edit(old, span, mapping, citation, group)

    def _source_range(self, run: _Run, old: _Old, span: Span, mapping, source: str) -> tuple[int, int] | None:
        origin = span.origin
        if run.deleted:
            inside = [mapping[i] for i in range(run.old_start, run.old_end) if old.text[i].strip()]
            if not inside or any(m is None for m in inside):
                return None
            first = mapping[run.old_start] if mapping[run.old_start] is not None else inside[0]
            last = mapping[run.old_end - 1] if mapping[run.old_end - 1] is not None else inside[-1]
            assert first is not None and last is not None
            start, end = origin[first], origin[last] + 1
            return (start, end) if start < end else None
        p = run.old_start
        before = mapping[p - 1] if p > 0 else None
        after = mapping[p] if p < len(old.text) else None
        starts_paragraph = run.inserted.endswith(MARK) and (p == 0 or not old.text[:p].strip())
        ends_paragraph = run.inserted.startswith(MARK) and not old.text[p:].strip()
        if ends_paragraph or (after is None and p >= len(old.text.rstrip()) and before is not None):
            if ends_paragraph or before is None:
                return span.end, span.end
            tail = source[origin[before] + 1 : span.end]
            point = span.end if re.fullmatch(r"(?:[*_~`]|\]\([^()\s]*\))*", tail) else origin[before] + 1
            return point, point
        if starts_paragraph:
            return span.start, span.start
        if after is None and before is None:
            return None
        if after is not None and (before is None or not old.text[p - 1].strip()):
            if before is not None:
                point = origin[before] + 1
            else:
                point = origin[after]
                while point > span.start and source[point - 1] in "*_":
                    point -= 1
            return point, point
        if after is None:
            assert before is not None
            return origin[before] + 1, origin[before] + 1
        return origin[after], origin[after]

    def _citation_at(self, span: Span, start: int, end: int, deleting: bool):
        for citation in span.document.citations:
            if citation.kind == "malformed" or citation.end <= span.start or citation.start >= span.end:
                continue
            if deleting:
                if start <= citation.start and citation.end <= end:
                    continue  # a whole citation deleted: plain text
                if citation.start <= start and end <= citation.end:
                    return citation
                if start < citation.end and citation.start < end:
                    return "crosses"
            elif citation.start < start < citation.end:
                return citation
        return None

    def _citation_edit(self, old: _Old, span: Span, mapping, citation, runs: list[_Run]) -> None:
        inside = [i for i, m in enumerate(mapping) if m is not None and citation.start <= span.origin[m] < citation.end]
        if not inside:
            self._not_placed(old, _("the citation differs from the chapter"), runs[0])
            return
        old_first, old_last = inside[0], inside[-1]
        index_of_old, position = {}, 0
        for index, (_char, kind, _author) in enumerate(old.chars):
            if kind != "+":
                index_of_old[position] = index
                position += 1
        first = min(index_of_old[old_first], *(r.first for r in runs))
        last = max(index_of_old[old_last], *(r.last for r in runs))
        shown = "".join(c for c, k, _ in old.chars[first : last + 1] if k != "-")
        text = self._by_key(citation, shown) if any(item.key for item in citation.items) else shown
        authors = ", ".join(dict.fromkeys(a for r in runs for a in r.author.split(", ") if a))
        self._add(span, Edit(citation.start, citation.end, text), authors)
        self.counts["deletion"] += 1
        self.counts["insertion"] += 1

    def _by_key(self, citation, shown: str) -> str:
        """`[158, tr. 6]` back to `[@key, tr. 6]` where the number has an entry."""
        bibliography = self.parsed.bibliography
        if bibliography is None or not (shown.startswith("[") and shown.endswith("]")):
            return shown

        def item(match: re.Match) -> str:
            entry = bibliography.by_number.get(int(match.group(2)))
            return match.group(1) + ("@" + entry.key if entry is not None else match.group(2))

        return re.sub(r"((?:^\[|;)\s*)(\d+)(?=\s*(?:,|;|\]))", item, shown)

    def _add(self, span: Span, edit: Edit, author: str) -> None:
        self.edits.setdefault(span.document.document.path, []).append((edit, author))

    def _not_placed(self, old: _Old, reason: str, run: _Run | None = None) -> None:
        where = ""
        words = _fold(old.shown).split()
        block = _best_block(words, self.generated)[0] if words and self.generated else None
        if block is not None:
            where = f"{block.path}:{block.lines[0]}"
            reason = _("it is in a generated part (the reference list or the abbreviation table)")
        runs = [run] if run is not None else _runs(old)
        if not runs and old.mark[0] != "=":
            runs = [_Run(0, 0, len(old.text), len(old.text), "", MARK, old.mark[1])]
        for each in runs:
            around = old.text[max(each.old_start - CONTEXT // 2, 0) : each.old_end + CONTEXT // 2]
            self.unplaced.append(
                Unplaced(
                    each.author, each.deleted, each.inserted.replace(MARK, "¶"), " ".join(around.split()), reason, where
                )
            )


def _inserted(text: str) -> str:
    """Inserted text as Markdown: a paragraph mark starts a paragraph."""
    return text.replace(MARK, "\n\n")


MARKED = [  # inline marks around text: (pattern, group of the text inside)
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S),
    re.compile(r"__(?=\S)(.+?)(?<=\S)__", re.S),
    re.compile(r"~~(.+?)~~", re.S),
    re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)", re.S),
    re.compile(r"(?<![_\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)", re.S),
    re.compile(r"(`+)(?P<inner>.+?)\1", re.S),
    re.compile(r"!?\[([^\[\]\n]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"),
    re.compile(r"\[([^\[\]\n]*)\]\{[^{}]*\}"),
]


def _marked(source: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(outer start, inner start, inner end, outer end) of every emphasis, code span and link of
    source[start:end]."""
    found = []
    for pattern in MARKED:
        group = "inner" if "inner" in pattern.groupindex else 1
        for match in pattern.finditer(source, start, end):
            found.append((match.start(), match.start(group), match.end(group), match.end()))
    return found


def _deletion(source: str, start: int, end: int, span: Span, inserted: str) -> tuple[int, int, str]:
    """The source range a deletion removes and what stays of it: a deletion of all the text inside
    emphasis or a link takes the marks too (unless text is put in its place); marks of which it
    takes only part of the text stay."""
    marked = _marked(source, span.start, span.end)
    changed = not inserted
    while changed:
        changed = False
        for outer_start, inner_start, inner_end, outer_end in marked:
            if start <= inner_start and inner_end <= end and (outer_start < start or end < outer_end):
                start, end, changed = min(start, outer_start), max(end, outer_end), True
    kept = []
    for outer_start, inner_start, inner_end, outer_end in marked:
        if start <= outer_start and outer_end <= end:
            continue
        for i in [*range(outer_start, inner_start), *range(inner_end, outer_end)]:
            if start <= i < end:
                kept.append((i, source[i]))
    return start, end, "".join(char for _, char in sorted(kept)) + _inserted(inserted)


def plan_review(review: Review, parsed: ParsedProject, author: str | None = None) -> Planned:
    """The chapters' changes the review asks for (one reviewer's only, with `author`), the
    changes that cannot be placed, and the comments at their lines."""
    planner = _Planner(parsed)
    planner.place(old_paragraphs(only_author(review, author)))
    project = parsed.project
    assert project is not None
    changes, authors = [], {}
    for document in parsed.documents:
        path = document.document.path
        edits = planner.edits.get(path)
        if not edits:
            continue
        text = document.document.source.text
        new, skipped = apply_edits(text, [edit for edit, _ in edits])
        for edit in skipped:
            who = next(a for e, a in edits if e is edit)
            planner.unplaced.append(
                Unplaced(who, text[edit.start : edit.end], edit.text, "", _("it overlaps another change"))
            )
        if new != text:
            changes.append(FileChange(path, original(project, path), new))
            authors[path.as_posix()] = [
                (text.count("\n", 0, edit.start) + 1, text.count("\n", 0, max(edit.end - 1, edit.start)) + 1, who)
                for edit, who in edits
                if edit not in skipped
            ]
    comments = locate(comments_of(review), parsed) if review.comments else []
    return Planned(changes, authors, planner.unplaced, comments, planner.counts)


# --- output -----------------------------------------------------------------------------------


def as_diff(planned: Planned) -> str:
    """A unified diff, each hunk header naming the reviewers whose changes it holds."""
    out = []
    for change in planned.changes:
        old, new = change.old.splitlines(keepends=True), change.new.splitlines(keepends=True)
        path = change.path.as_posix()
        out += [f"--- a/{path}\n", f"+++ b/{path}\n"]
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for group in matcher.get_grouped_opcodes(3):
            i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
            changed = [(a1, a2) for tag, a1, a2, _, _ in group if tag != "equal"]
            names = [
                who
                for first, last, who in planned.authors.get(path, [])
                if any(_touches(first, last, *r) for r in changed)
            ]
            authors = ", ".join(dict.fromkeys(n for name in names for n in name.split(", ") if n))
            out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@{' ' + authors if authors else ''}\n")
            for tag, a1, a2, b1, b2 in group:
                if tag == "equal":
                    out += [" " + line for line in old[a1:a2]]
                    continue
                out += ["-" + line for line in old[a1:a2]]
                out += ["+" + line for line in new[b1:b2]]
            if out and not out[-1].endswith("\n"):
                out[-1] += "\n\\ No newline at end of file\n"
    return "".join(out)


def _touches(first: int, last: int, a1: int, a2: int) -> bool:
    """Whether an edit on lines first..last (1-based) is in the old lines [a1, a2) (0-based)."""
    last += 1  # an edit at the end of a line shows on the next one (a paragraph added after it)
    return first - 1 <= a1 <= last if a1 == a2 else first - 1 < a2 and last > a1


def _range(start: int, end: int) -> str:
    length = end - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def as_notes(planned: Planned) -> str:
    """The comments at their lines, then the changes not placed."""
    lines = []
    for item in planned.comments:
        where = f"{item.path}:{item.line}" if item.path else _("(not found in the chapters)")
        comment = _("{place}: comment [{author}] {text}")
        lines.append(comment.format(place=where, author=item.author, text=" ".join(item.text.split())))
    for change in planned.unplaced:
        what = []
        if change.deleted:
            what.append(_("delete “{text}”").format(text=change.deleted))
        if change.inserted:
            what.append(_("insert “{text}”").format(text=change.inserted))
        where = change.where or _("(not placed)")
        what_text = _("{first} and {last}").format(first=what[0], last=what[1]) if len(what) == 2 else ""
        what_text = what_text or (what[0] if what else _("paragraph mark"))
        line = _("{place}: change [{author}] {what} — {reason}; in “{context}”").format(
            place=where, author=change.author, what=what_text, reason=change.reason, context=change.context
        )
        lines.append(line)
    return "".join(line + "\n" for line in lines)


def review_changes(root: Path, document: Path, author: str | None, write: bool) -> int:
    """`luanan changes`: print the comments, the changes not placed and the diff, or apply it."""
    import sys

    from luanan.parse import parse_project
    from luanan.project import load_project
    from luanan.review.changes import counted_changes
    from luanan.review.document import read_review
    from luanan.rewrite import apply

    review = read_review(document)
    project = load_project(root)
    planned = plan_review(review, parse_project(project), author)
    notes = as_notes(planned)
    summary = _("{insertions}, {deletions} in {files}; {unplaced} not placed; {comments}").format(
        insertions=counted_changes(planned.counts["insertion"], "insertion"),
        deletions=counted_changes(planned.counts["deletion"], "deletion"),
        files=ngettext("{count} file", "{count} files", len(planned.changes)).format(count=len(planned.changes)),
        unplaced=len(planned.unplaced),
        comments=ngettext("{count} comment", "{count} comments", len(planned.comments)).format(
            count=len(planned.comments)
        ),
    )
    if not write:
        sys.stdout.write(notes + as_diff(planned))
        tail = _("; run again with --write to apply") if planned.changes else ""
        print(summary + tail, file=sys.stderr)
        return 0
    sys.stdout.write(notes)
    if planned.changes:
        backup = apply(project.root, planned.changes)
        for change in planned.changes:
            print(_("wrote {path}").format(path=change.path.as_posix()))
        print(_("originals kept in {folder}/").format(folder=backup.relative_to(project.root).as_posix()))
    print(summary, file=sys.stderr)
    return 0
