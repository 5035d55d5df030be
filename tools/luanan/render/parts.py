"""The thesis as an ordered list of parts, each pandoc Markdown with a stable cache key:
front matter (declaration and other 00-*.md files, the abbreviation list), the chapters, the
reference list, the appendices. Cover, title page, table of contents and the lists of tables and
figures are placed by each writer, since Typst and Word build them differently."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luanan.bibliography.format import escape_markdown
from luanan.bibliography.reference_list import as_markdown, reference_list
from luanan.i18n import _
from luanan.load.abbreviations import sorted_abbreviations
from luanan.load.chapters import Document
from luanan.parse import ParsedProject
from luanan.project import Project
from luanan.render.links import linked_body as _linked_body


@dataclass(frozen=True)
class Part:
    key: str  # stable name: "chapter:03-chuong-3.md", "references"...
    section: str  # "front" (roman page numbers), "main" or "back"
    markdown: str
    chapter: str | None = None  # caption numbers: "3" gives Bảng 3.1, "PL22" gives Bảng PL22.1
    images: tuple[str, ...] = ()  # image files, relative to the project root
    base: str = ""  # the folder the part's image paths are relative to (the chapter's), from the root
    own_raw: tuple[tuple[str, str], ...] = ()  # the raw markup luanan itself wrote: (format, text)
    allow_raw: tuple[str, ...] = ()  # formats the author may write raw (thesis.yaml `allow_raw`)
    root: str = ""  # the project root, where every image must resolve (symlinks followed)


# luanan's own raw markup, in the text it wraps around the author's (never in the author's).
_OWN_RAW = re.compile(r"```\{=([\w-]+)\}\n(.*?)\n```|`([^`]*)`\{=([\w-]+)\}", re.S)


def own_raw(*wrappers: str) -> tuple[tuple[str, str], ...]:
    found = []
    for wrapper in wrappers:
        for match in _OWN_RAW.finditer(wrapper):
            found.append((match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3)))
    return tuple(found)


def inline(text) -> str:
    """A value from front matter or a profile as literal text on one line of Markdown."""
    return escape_markdown(" ".join(str(text).split()))


def identifier(value) -> str:
    """A value from front matter as part of an anchor (`#chuong-3`): letters, digits, `-`."""
    return re.sub(r"[^\w.-]+", "-", str(value)).strip("-") or "x"


def _confined(
    project: Project,
    document: Document | None,
    key: str,
    section: str,
    head: str,
    body: str,
    tail: str = "",
    chapter: str | None = None,
) -> Part:
    base = document.path.parent.as_posix() if document is not None else ""
    return Part(
        key,
        section,
        head + body + tail,
        chapter,
        (),
        "" if base == "." else base,
        own_raw(head, tail),
        tuple(project.config.allow_raw),
        str(project.root),
    )


def build_parts(parsed: ParsedProject, marked: dict | None = None) -> list[Part]:
    """`marked` (a draft): document path -> the spans of its errors, marked where they stand."""
    project = parsed.project
    marks = marked or {}

    def linked_body(parsed: ParsedProject, document: Document) -> str:
        return _linked_body(parsed, document, marks.get(document.path, ()))

    assert project is not None
    profile = project.profile
    parts = []
    for document in project.chapters:
        if _is_front(document):
            title = document.title or profile["titles"]["declaration"]
            # before the table of contents, so not listed in it (.unlisted: Typst; .front: Word)
            head = f"# {inline(title)} {{.unnumbered .unlisted .front}}\n\n"
            body = linked_body(parsed, document).strip() + "\n"
            parts.append(_confined(project, document, f"front:{document.path.name}", "front", head, body))
    if project.abbreviations:
        parts.append(_confined(project, None, "abbreviations", "front", "", _abbreviations(project)))
    for document in project.chapters:
        if not _is_front(document):
            head, body = _chapter(parsed, document, linked_body(parsed, document))
            number = str(document.meta.get("chapter") or "") or None
            parts.append(_confined(project, document, f"chapter:{document.path.name}", "main", head, body, "", number))
    parts.append(_confined(project, None, "references", "back", *_references(project)))
    for index, (number, document) in enumerate(project.appendices.items()):
        label = profile["appendix_label"].format(number=number)
        title = inline(document.title)
        label = inline(label)
        heading = f"## {label}. {title}" if title else f"## {label}"
        appendices = inline(profile["titles"]["appendices"])
        opening = f"# {appendices} {{#phu-luc .unnumbered}}\n\n" if index == 0 else ""
        head = f"{opening}{chapter_start('PL' + number)}{heading} {{#phu-luc-{identifier(number)}}}\n\n"
        body = f"{linked_body(parsed, document).strip()}\n"
        key = f"appendix:{document.path.name}"
        parts.append(_confined(project, document, key, "back", head, body, "", f"PL{number}"))
    return parts


def supervisors(metadata: dict) -> list[str]:
    """The supervisor lines of the title page: one per supervisor, numbered when there are two
    or more ("1. PGS.TS. Lê Hoàng Nam"). thesis.yaml gives a list, or one name as a string."""
    value = metadata.get("supervisor")
    names = [str(n).strip() for n in value] if isinstance(value, list) else _names(str(value or ""))
    names = [n for n in names if n]
    return [f"{i}. {n}" for i, n in enumerate(names, start=1)] if len(names) > 1 else names


# An academic title opens each supervisor's name: "PGS.TS.", "GS.TSKH.", "TS.", "ThS."
_TITLE = re.compile(r"(?:^|(?<=[\s,;]))(?:GS|PGS|TS|TSKH|ThS)\.(?:\s*(?:TS|TSKH|ThS)\.)*\s")


def _names(text: str) -> list[str]:
    """Two supervisors written in one string ("PGS.TS. Lê Hoàng Nam, TS. Phan Thị Kim Oanh", or
    joined by "và", ";" or a new line): one name each, split before each academic title."""
    starts = [m.start() for m in _TITLE.finditer(text)]
    if len(starts) < 2:
        return [" ".join(text.split())]
    pieces = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
    return [" ".join(re.sub(r"(?:[,;\n]|\s(?:và|-))\s*$", "", piece.strip()).split()) for piece in pieces]


def _is_front(document: Document) -> bool:
    return document.path.name.startswith("00") or document.meta.get("part") == "front"


# A line break inside a heading, said to each writer in its own words (a Typst heading ends at
# the end of its line; Word needs a break run; LaTeX a protected newline). Each writer keeps its
# own raw markup and drops the others'.
HEADING_BREAK = "`<w:r><w:br/></w:r>`{=openxml}`#[ ]#linebreak()`{=typst}`\\protect\\newline{}`{=latex}"


def chapter_start(label: str) -> str:
    """Typst: restart the table and figure numbers, which carry the chapter's label."""
    return f"```{{=typst}}\n#chapter-start({typst_string(label)})\n```\n\n"


def typst_string(text: str) -> str:
    """A Typst string literal."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{escaped}"'


def _chapter(parsed: ParsedProject, document: Document, body: str) -> tuple[str, str]:
    project = parsed.project
    assert project is not None
    number = document.meta.get("chapter")
    title = inline(document.title)
    if number is not None:
        label = inline(project.profile["chapter_label"].format(number=number))
        heading = chapter_start(str(number)) + f"# {label}{HEADING_BREAK}{title} {{#chuong-{identifier(number)}}}"
    else:  # Mở đầu, Kết luận: sections numbered by hand, equations not numbered
        heading = "```{=typst}\n#chapter-label.update(none)\n#set math.equation(numbering: none)\n```\n\n"
        heading += f"# {title} {{.unnumbered}}" if title else ""
    body = body.strip()
    return (heading + "\n\n" if heading else ""), (body + "\n" if body or not heading else "")


def _abbreviations(project: Project) -> str:
    titles = project.profile["titles"]
    short, full = titles["abbreviation_columns"]
    rows = [f"| {escape_markdown(a)} | {escape_markdown(b)} |" for a, b in sorted_abbreviations(project.abbreviations)]
    return (
        f"# {titles['abbreviations']} {{.unnumbered}}\n\n| {short} | {full} |\n|:--|:------|\n" + "\n".join(rows) + "\n"
    )


def _references(project: Project) -> tuple[str, str, str]:
    body = as_markdown(reference_list(project.bibliography), project.profile)
    indent = project.profile["references"]["hanging_indent_cm"]
    # Typst gets the hanging indent from a `set` rule around the list; Word from the style.
    head = (
        f"# {escape_markdown(project.profile['titles']['references'])} {{#tai-lieu-tham-khao .unnumbered}}\n\n"
        # (a hanging indent made of a padded block and a negative first-line indent: Typst's own
        # hanging-indent leaves some first lines unjustified; the group headings stay at the margin)
        f"```{{=typst}}\n#pad(left: {typst_number(indent)}cm)[#set par(first-line-indent: "
        f"(amount: -{typst_number(indent)}cm, all: true))\n"
        f"#show heading: it => pad(left: -{typst_number(indent)}cm, it)\n```\n\n"
        f'::: {{.references custom-style="Bibliography"}}\n'
    )
    return head, body, "\n:::\n\n```{=typst}\n]\n```\n"


def typst_number(value) -> str:
    """A number from a profile as Typst code: a number, or a ConfigError (never code)."""
    from luanan.errors import ConfigError

    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(_("profile value `{value}` must be a number").format(value=value))
    return repr(float(value)) if isinstance(value, float) else str(int(value))
