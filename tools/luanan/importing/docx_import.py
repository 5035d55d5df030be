"""Import a thesis from Word: pandoc turns the DOCX into Markdown; luanan splits it at the
thesis's part headings into chapter files, turns the printed reference list into BibTeX and the
abbreviation table into abbreviations.yaml. Citations are kept exactly as written."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from luanan.errors import SourceError, ToolError
from luanan.i18n import _
from luanan.importing.references import bibtex_key, parse_reference, to_bibtex
from luanan.pandoc import convert_file
from luanan.vietnamese.collation import words

MARKDOWN = "markdown-smart-simple_tables-multiline_tables-grid_tables"


@dataclass
class Section:
    kind: str  # front, main, chapter, references, abbreviations, appendices, skip
    title: str
    number: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class Imported:
    title: str
    files: dict[str, str]  # project-relative path -> text
    unparsed_references: list[str]


def import_docx(path: Path) -> Imported:
    try:
        markdown = convert_file(path, MARKDOWN, "docx", ["--wrap=none"])
    except ToolError as error:
        message = _("pandoc cannot read this file as DOCX: {detail}").format(detail=error.detail)
        raise SourceError(message, path) from None
    return import_markdown(_unescape(markdown))


def _unescape(markdown: str) -> str:
    """pandoc escapes literal brackets; a citation must read exactly as the author wrote it."""
    return markdown.replace("\\[", "[").replace("\\]", "]")


_PART = [
    (re.compile(r"^(?:CHƯƠNG|Chương)\s+(\d+)[.:]?\s*(.*)$"), "chapter"),
    (re.compile(r"^(MỞ ĐẦU|Mở đầu|KẾT LUẬN.*|Kết luận.*)$"), "main"),
    (re.compile(r"^(?:DANH MỤC )?TÀI LIỆU THAM KHẢO$", re.I), "references"),
    (re.compile(r"^DANH MỤC (?:CÁC )?(?:KÝ HIỆU VÀ )?CHỮ VIẾT TẮT$", re.I), "abbreviations"),
    (re.compile(r"^PHỤ LỤC$", re.I), "appendices"),
    (re.compile(r"^(LỜI CAM ĐOAN|LỜI CẢM ƠN)$", re.I), "front"),
    (re.compile(r"^(MỤC LỤC|DANH MỤC BẢNG.*|DANH MỤC HÌNH.*|DANH MỤC BIỂU ĐỒ.*)$", re.I), "skip"),
]
_APPENDIX = re.compile(r"^(?:Phụ lục|PHỤ LỤC|PL)\s+(\d+)[.:]?\s*(.*)$")


def _heading_text(line: str) -> str | None:
    """The text of a heading line (`# …`) or of a paragraph that is one bold phrase."""
    match = re.match(r"^#{1,6}\s+(.*?)\s*(?:\{[^}]*\})?$", line) or re.match(r"^\*\*(.+)\*\*$", line.strip())
    return match.group(1).replace("\\", "").strip() if match else None


def import_markdown(markdown: str) -> Imported:
    sections = _split(markdown.split("\n"))
    files: dict[str, str] = {}
    unparsed: list[str] = []
    index = 0
    title = ""
    for section in sections:
        body = "\n".join(section.lines).strip()
        if section.kind in ("front", "main", "chapter"):
            prefix = "00" if section.kind == "front" else f"{index + 1:02d}"
            index += section.kind != "front"
            slug = _slug(f"chuong-{section.number}" if section.number else section.title)
            meta = f"chapter: {section.number}\n" if section.number else ""
            files[f"chapters/{prefix}-{slug}.md"] = f"---\n{meta}title: {_yaml(section.title)}\n---\n\n{body}\n"
        elif section.kind == "references":
            files["bibliography/references.bib"], unparsed = _references(section.lines)
        elif section.kind == "abbreviations":
            files["bibliography/abbreviations.yaml"] = _abbreviations(section.lines)
        elif section.kind == "appendix":
            files[f"chapters/appendices/{int(section.number or 0):02d}-{_slug(section.title or 'phu-luc')}.md"] = (
                f"---\nappendix: {section.number}\ntitle: {_yaml(section.title)}\n---\n\n{body}\n"
            )
        elif section.kind == "title" and body:
            title = " ".join(body.split())
    files.setdefault("bibliography/references.bib", "")
    return Imported(title, files, unparsed)


# A section heading made as a bold Normal paragraph (`**1.1. Các công trình…**`), the usual Word
# habit: a heading by its numbering, one `#` per number group.
_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")


def _numbered_heading(line: str, heading: str | None, kind: str) -> str | None:
    if heading is None or line.lstrip().startswith("#"):
        return None
    match = _NUMBERED.match(heading)
    if not match or len(heading) > 200:
        return None
    depth = match.group(1).count(".") + 1
    if kind == "chapter" and depth < 2 or kind not in ("chapter", "main") or depth > 4:
        return None  # "1. …" alone in a chapter is a list item; in Mở đầu or Kết luận a section
    return "#" * (depth if kind == "chapter" else 2) + " " + heading


def _split(lines: list[str]) -> list[Section]:
    sections = [Section("title", "")]
    in_appendices = False
    for line in lines:
        heading = _heading_text(line)
        kind = number = None
        current = sections[-1]
        if (
            current.kind == "chapter"
            and not current.title
            and line.strip()
            and not any(previous.strip() for previous in current.lines)
        ):
            # "CHƯƠNG 1" with its title on the next line: a heading, a bold or a plain paragraph
            current.title = heading or line.strip().strip("*").replace("\\", "").strip()
            continue
        if heading:
            for pattern, name in _PART:
                match = pattern.match(heading)
                if match:
                    kind = name
                    number = match.group(1) if name == "chapter" else None
                    title = (match.group(2) if name == "chapter" else heading).strip()
                    break
            appendix = _APPENDIX.match(heading) if in_appendices else None
            if appendix:
                kind, number, title = "appendix", appendix.group(1), appendix.group(2).strip()
        if kind:
            in_appendices = kind in ("appendices", "appendix")
            shown = title if kind == "chapter" else title or heading or ""
            sections.append(Section(kind, shown, number))
        else:
            current.lines.append(_numbered_heading(line, heading, current.kind) or line)
    return sections


def _references(lines: list[str]) -> tuple[str, list[str]]:
    entries: list = []
    unparsed: list[str] = []
    taken: set[str] = set()
    for line in lines:
        match = re.match(r"^\s*\[?(\d+)[.)\]]?\s+(.+)$", line.replace("\\.", "."))
        if not match:
            continue
        parsed = parse_reference(match.group(2).strip(), int(match.group(1)))
        if not parsed.complete:
            unparsed.append(f"{match.group(1)}. {match.group(2).strip()}")
        key = bibtex_key(parsed, taken)
        taken.add(key)
        entries.append((key, parsed))
    return to_bibtex(entries), unparsed


def _abbreviations(lines: list[str]) -> str:
    rows = []
    for line in lines:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] and not set(cells[0]) <= set("-: ") and cells[0] not in ("Chữ viết tắt", "STT"):
            short, full = (cells[1], cells[2]) if len(cells) >= 3 and cells[0].isdigit() else (cells[0], cells[1])
            rows.append(f"{short}: {_yaml(full)}")
    header = "# " + _("Abbreviations, imported from the thesis's list: abbreviation -> full form.") + "\n"
    return header + "\n".join(rows) + ("\n" if rows else "")


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_words = ["".join(c for c in w if c.isascii() and c.isalnum()).lower() for w in words(plain)]
    return "-".join(w for w in ascii_words if w)[:40] or "phan"


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
