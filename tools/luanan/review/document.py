"""A reviewed document (DOCX from Word or LibreOffice, or LibreOffice's ODT) read into one shape:
its paragraphs in reading order, each a run of characters that are kept (`=`), inserted (`+`) or
deleted (`-`) by a tracked change, with the change's author, then its paragraph mark (itself kept,
inserted or deleted); and its comments, each at a character of a paragraph (a point comment) or
over a range of them.

Paragraph texts are "old" (the document as the reviewer received it: kept and deleted text) or
"new" (every change accepted). The parts read are bounded in size and parsed without entities.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from luanan.errors import SourceError
from luanan.files import LIMITS, ReadRefused, read_zip_part
from luanan.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
PAGE_NUMBER = re.compile(r"\t[ \t.]*(?:\d+|[ivxlcdm]+)[ \t]*$", re.I)  # a table of contents line's page


@dataclass
class Paragraph:
    chars: list[tuple[str, str, str]] = field(default_factory=list)  # (character, kind, author)
    mark: tuple[str, str] = ("=", "")  # the paragraph mark: (kind, author)
    row: int | None = None  # table cells: the row they belong to
    cell: int = 0

    def text(self, new: bool = False) -> str:
        """The old text (without insertions) or the new one (without deletions)."""
        skip = "-" if new else "+"
        return "".join(c for c, kind, _ in self.chars if kind != skip)

    def old_offset(self, index: int) -> int:
        """The old-text offset of character `index` of `chars`."""
        return sum(1 for _, kind, _ in self.chars[:index] if kind != "+")

    @property
    def changed(self) -> bool:
        return self.mark[0] != "=" or any(kind != "=" for _, kind, _ in self.chars)


@dataclass(frozen=True)
class Comment:
    author: str
    text: str
    start: tuple[int, int]  # (paragraph, index into its chars) where the range or the point is
    end: tuple[int, int] | None  # None: a point comment (nothing was selected)


@dataclass
class Review:
    paragraphs: list[Paragraph]
    comments: list[Comment]

    def shown(self, index: int, new: bool = False) -> str:
        """A paragraph's text as matched with the chapters: a table cell as its whole row, cells
        separated by ` | `; a contents line without its page number."""
        paragraph = self.paragraphs[index]
        if paragraph.row is None:
            return PAGE_NUMBER.sub("", paragraph.text(new))
        cells: dict[int, list[str]] = {}
        for other in self._rows().get(paragraph.row, []):
            cells.setdefault(other.cell, []).append(other.text(new))
        return " | ".join(" ".join(texts) for _, texts in sorted(cells.items()))

    def _rows(self) -> dict[int, list[Paragraph]]:
        rows: dict[int, list[Paragraph]] = {}
        for paragraph in self.paragraphs:
            if paragraph.row is not None:
                rows.setdefault(paragraph.row, []).append(paragraph)
        return rows


def read_review(path: Path) -> Review:
    path = Path(path)
    if not path.exists():
        raise SourceError(_("file not found"), path)
    if path.is_dir():
        raise SourceError(_("is a directory, not a DOCX or ODT file"), path)
    if not path.is_file():  # a pipe would block, a device never end
        raise SourceError(_("not a regular file (a pipe, a device or a socket): luanan reads only files"), path)
    if path.stat().st_size > LIMITS["DOCX"]:
        raise SourceError(
            _("too large: luanan reads a DOCX of up to {size} MB").format(size=LIMITS["DOCX"] >> 20), path
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                comments = _part(archive, "word/comments.xml", path) if "word/comments.xml" in names else None
                notes = [_part(archive, n, path) for n in ("word/footnotes.xml", "word/endnotes.xml") if n in names]
                return _docx(_part(archive, "word/document.xml", path), comments, notes)
            if "content.xml" in names:
                return _odt(_part(archive, "content.xml", path))
            message = (
                _("not a DOCX file (no word/document.xml inside); save it as Word (.docx)")
                if path.suffix.lower() in (".odt", ".fodt", ".doc", ".rtf")
                else _("not a DOCX file (no word/document.xml inside)")
            )
            raise SourceError(message, path)
    except ReadRefused as exc:
        raise SourceError(_("not a readable DOCX: {reason}").format(reason=exc.message), path) from None
    except zipfile.BadZipFile:
        message = (
            _("not a DOCX file (not a zip archive) (a flat or old-format file: save it as Word (.docx))")
            if path.suffix.lower() != ".docx"
            else _("not a DOCX file (not a zip archive)")
        )
        raise SourceError(message, path) from None
    except OSError as exc:
        raise SourceError(_("cannot read: {reason}").format(reason=exc.strerror or exc), path) from None


def _part(archive: zipfile.ZipFile, name: str, path: Path) -> etree._Element:
    data = read_zip_part(archive, name)  # size, ratio, encryption and tag count checked first
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise SourceError(
            _("not a readable document ({part} is damaged: {error})").format(part=name, error=exc), path
        ) from None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- DOCX -------------------------------------------------------------------------------------

SPECIAL = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
CHANGES = {f"{W}ins": "+", f"{W}moveTo": "+", f"{W}del": "-", f"{W}moveFrom": "-"}


def _docx(document: etree._Element, comments: etree._Element | None, notes: list[etree._Element]) -> Review:
    """The body's paragraphs, then the footnotes' and endnotes' (after the body: a note's text is
    a `[^1]: …` block of its own in the Markdown)."""
    meta = {}
    if comments is not None:
        for comment in comments.iter(f"{W}comment"):
            lines = ["".join(_docx_text(el) for el in p.iter()) for p in comment.iter(f"{W}p")]
            meta[comment.get(f"{W}id", "")] = (comment.get(f"{W}author", ""), _nfc("\n".join(lines).strip()))
    body = document.find(f"{W}body")
    paragraphs: list[Paragraph] = []
    starts: dict[str, tuple[int, int]] = {}
    ends: dict[str, tuple[int, int]] = {}
    points: dict[str, tuple[int, int]] = {}
    pending: list[str] = []  # range starts between paragraphs belong to the next one
    rows: dict[etree._Element, int] = {}
    if body is None:
        return Review([], [])
    containers = [body] + [
        note
        for part in notes
        for note in part
        if note.tag in (f"{W}footnote", f"{W}endnote") and note.get(f"{W}type") in (None, "normal")
    ]
    for element in (e for container in containers for e in container.iter(f"{W}p", f"{W}commentRangeStart")):
        if element.tag == f"{W}commentRangeStart":
            if next(element.iterancestors(f"{W}p"), None) is None:
                pending.append(element.get(f"{W}id", ""))
            continue
        if next(element.iterancestors(f"{W}p"), None) is not None:
            continue  # a text box inside a paragraph
        paragraph = Paragraph()
        index = len(paragraphs)
        for cid in pending:
            starts[cid] = (index, 0)
        pending.clear()
        _docx_paragraph(element, paragraph, index, starts, ends, points)
        row = next(element.iterancestors(f"{W}tr"), None)
        if row is not None:
            paragraph.row = rows.setdefault(row, len(rows))
            cell = next(element.iterancestors(f"{W}tc"))
            paragraph.cell = list(row.iter(f"{W}tc")).index(cell)
        paragraphs.append(paragraph)
    found = []
    for cid, (author, text) in meta.items():
        if cid in starts:
            found.append(Comment(author, text, starts[cid], ends.get(cid)))
        elif cid in points:
            found.append(Comment(author, text, points[cid], None))
    return Review(paragraphs, found)


def _docx_paragraph(element, paragraph: Paragraph, index: int, starts: dict, ends: dict, points: dict) -> None:
    properties = element.find(f"{W}pPr")
    for child in element.iter():
        tag = child.tag
        if child is element or not isinstance(tag, str):
            continue
        if properties is not None and (child is properties or properties in child.iterancestors()):
            continue
        cid = child.get(f"{W}id", "")
        position = (index, len(paragraph.chars))
        if tag == f"{W}commentRangeStart":
            starts[cid] = position
        elif tag == f"{W}commentRangeEnd":
            ends[cid] = position
        elif tag == f"{W}commentReference":
            points.setdefault(cid, position)
        else:
            text = _docx_text(child)
            if not text:
                continue
            changes = []
            for ancestor in child.iterancestors():
                if ancestor is element:
                    break
                if ancestor.tag in CHANGES:
                    changes.append((CHANGES[ancestor.tag], ancestor.get(f"{W}author", "")))
            if {kind for kind, _ in changes} == {"+", "-"}:
                continue  # inserted by one reviewer, deleted by another: in neither text
            kind, author = changes[0] if changes else ("=", "")
            paragraph.chars.extend((c, kind, author) for c in _nfc(text))
    if properties is not None:
        run = properties.find(f"{W}rPr")
        for tag, kind in CHANGES.items():
            mark = run.find(tag) if run is not None else None
            if mark is not None:
                paragraph.mark = (kind, mark.get(f"{W}author", ""))


def _docx_text(element: etree._Element) -> str:
    if element.tag in (f"{W}t", f"{W}delText"):
        return element.text or ""
    return SPECIAL.get(element.tag, "")


# --- ODT --------------------------------------------------------------------------------------


class _OdtReader:
    """One walk over content.xml's body in reading order; a deletion's text comes from the
    tracked-changes region it names, an insertion spans change-start to change-end."""

    def __init__(self, content: etree._Element):
        self.paragraphs: list[Paragraph] = []
        self.comments: list[Comment] = []
        self.deleted: dict[str, tuple[str, list[str]]] = {}
        self.inserted: dict[str, str] = {}
        self.open: list[str] = []  # insertions open here
        self.ranges: dict[str, tuple[str, str, tuple[int, int]]] = {}
        self.rows = 0
        for region in content.iter(f"{TEXT}changed-region"):
            cid = region.get(f"{TEXT}id", "")
            author = (
                "".join(region.find(f".//{DC}creator").itertext()) if region.find(f".//{DC}creator") is not None else ""
            )
            deletion = region.find(f"{TEXT}deletion")
            if deletion is not None:
                texts = [self._plain(p) for p in deletion if p.tag in (f"{TEXT}p", f"{TEXT}h")]
                self.deleted[cid] = (_nfc(author), texts)
            elif region.find(f"{TEXT}insertion") is not None:
                self.inserted[cid] = _nfc(author)
        body = content.find(f"{OFFICE}body")
        text = body.find(f"{OFFICE}text") if body is not None else None
        self.notes: list[etree._Element] = []
        if text is not None:
            self._blocks(text, None, 0)
        for note in self.notes:  # after the body, as in a DOCX: a note is a `[^1]: …` block
            note_body = note.find(f"{TEXT}note-body")
            if note_body is not None:
                self._blocks(note_body, None, 0)

    def _blocks(self, element, row: int | None, cell: int) -> None:
        for child in element:
            tag = child.tag
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                self._paragraph(child, row, cell)
            elif tag == f"{TABLE}table-row":
                self.rows += 1
                number = self.rows
                for i, cells in enumerate(c for c in child if c.tag == f"{TABLE}table-cell"):
                    self._blocks(cells, number, i)
            elif tag in (f"{TEXT}tracked-changes", f"{OFFICE}annotation", f"{TEXT}table-of-content-source"):
                continue
            elif tag == f"{TEXT}change":  # a deleted paragraph between paragraphs
                self._deletion(child.get(f"{TEXT}change-id", ""), None)
            elif isinstance(tag, str):
                self._blocks(child, row, cell)

    def _paragraph(self, element, row, cell) -> None:
        paragraph = Paragraph(row=row, cell=cell)
        self.paragraphs.append(paragraph)
        self._inline(element, paragraph)
        self.paragraphs[-1].mark = ("+", self.inserted.get(self.open[-1], "")) if self.open else ("=", "")

    def _add(self, paragraph: Paragraph, text: str | None) -> None:
        if text:
            kind, author = ("+", self.inserted.get(self.open[-1], "")) if self.open else ("=", "")
            paragraph.chars.extend((c, kind, author) for c in _nfc(text))

    def _inline(self, element, paragraph: Paragraph) -> None:
        self._add(paragraph, element.text)
        for child in element:
            tag = child.tag
            position = (len(self.paragraphs) - 1, len(self.paragraphs[-1].chars))
            if tag == f"{TEXT}s":
                self._add(paragraph, " " * int(child.get(f"{TEXT}c", "1") or 1))
            elif tag == f"{TEXT}tab":
                self._add(paragraph, "\t")
            elif tag == f"{TEXT}line-break":
                self._add(paragraph, "\n")
            elif tag == f"{TEXT}change-start":
                if child.get(f"{TEXT}change-id", "") in self.inserted:  # not a format change
                    self.open.append(child.get(f"{TEXT}change-id", ""))
            elif tag == f"{TEXT}change-end":
                cid = child.get(f"{TEXT}change-id", "")
                if cid in self.open:
                    self.open.remove(cid)
            elif tag == f"{TEXT}change":
                self._deletion(child.get(f"{TEXT}change-id", ""), paragraph)
            elif tag == f"{OFFICE}annotation":
                author = (
                    _nfc("".join(child.find(f"{DC}creator").itertext()))
                    if child.find(f"{DC}creator") is not None
                    else ""
                )
                words = _nfc("\n".join(self._plain(p) for p in child if p.tag == f"{TEXT}p").strip())
                name = child.get(f"{OFFICE}name")
                if name:
                    self.ranges[name] = (author, words, position)
                else:
                    self.comments.append(Comment(author, words, position, None))
            elif tag == f"{OFFICE}annotation-end":
                name = child.get(f"{OFFICE}name", "")
                if name in self.ranges:
                    author, words, start = self.ranges.pop(name)
                    self.comments.append(Comment(author, words, start, position))
            elif tag == f"{TEXT}note":
                self.notes.append(child)
            elif tag in (f"{TEXT}bookmark", f"{TEXT}bookmark-start", f"{TEXT}bookmark-end"):
                pass
            elif isinstance(tag, str):
                self._inline(child, self.paragraphs[-1])
            self._add(self.paragraphs[-1], child.tail)  # a deleted mark may have split the paragraph

    def _deletion(self, cid: str, paragraph: Paragraph | None) -> None:
        """The deleted text, where it was: a deleted paragraph mark ends the current paragraph
        (its mark becomes `-`) and the text after it starts a new one."""
        author, texts = self.deleted.get(cid, ("", []))
        if not texts:
            return
        if paragraph is None:
            self.paragraphs.append(Paragraph())
        for i, text in enumerate(texts):
            if i:
                current = self.paragraphs[-1]
                current.mark = ("-", author)
                self.paragraphs.append(Paragraph(row=current.row, cell=current.cell))
            self.paragraphs[-1].chars.extend((c, "-", author) for c in _nfc(text))

    def _plain(self, element) -> str:
        pieces = [element.text or ""]
        for child in element:
            if child.tag == f"{TEXT}s":
                pieces.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
            elif child.tag == f"{TEXT}tab":
                pieces.append("\t")
            elif child.tag == f"{TEXT}line-break":
                pieces.append("\n")
            elif child.tag not in (f"{OFFICE}annotation", f"{TEXT}note") and isinstance(child.tag, str):
                pieces.append(self._plain(child))
            pieces.append(child.tail or "")
        return "".join(pieces)


def _odt(content: etree._Element) -> Review:
    reader = _OdtReader(content)
    return Review(reader.paragraphs, reader.comments)
