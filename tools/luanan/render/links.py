"""Citations in the rendered text: key citations become numbers, and every number and
appendix pointer becomes a link to its entry (`[157, tr. 671]` -> `\\[[157](#ref-157), tr. 671\\]`).
The text is otherwise kept exactly as the author wrote it."""

from __future__ import annotations

from dataclasses import replace

from luanan.bibliography.format import escape_markdown
from luanan.citations.format import canonical
from luanan.citations.labels import find_references
from luanan.edits import Edit, apply_edits
from luanan.load.chapters import Document
from luanan.parse import ParsedProject
from luanan.project import Project


def linked_body(parsed: ParsedProject, document: Document, marked=()) -> str:
    """The body with citations linked. Image paths stay as written: they are resolved from
    pandoc's reading of the part (render.ast.confined_ast), whatever the syntax. `marked` (a
    draft): spans of errors, each printed as written inside an `.unresolved` span, which both
    outputs highlight."""
    project = parsed.project
    assert project is not None
    text = document.source.text

    def wrong(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in marked)

    edits = [
        Edit(c.start, c.end, _unresolved(c.raw) if wrong(c.start, c.end) else _linked(parsed, c, text))
        for c in parsed.of(document).citations
        if c.kind != "malformed" or wrong(c.start, c.end)
    ]
    for start, end, label in find_references(text, document.body_start):  # @tbl:ket-qua -> Bảng 3.1
        target = parsed.labels.get(label)
        shown = f"[{target.shown}](#{label})" if target and target.number else _unresolved("@" + label)
        edits.append(Edit(start, end, shown))
    taken = sorted((e.start, e.end) for e in edits)
    for start, end in marked:  # other errors (an appendix that does not exist…)
        if start >= document.body_start and not any(s < end and start < e for s, e in taken):
            edits.append(Edit(start, end, _unresolved(text[start:end])))
            taken.append((start, end))
    return apply_edits(text, edits, document.body_start)[0]


def _linked(parsed: ParsedProject, citation, text: str) -> str:
    project = parsed.project
    assert project is not None
    opening, closing = citation.raw[0], citation.raw[-1]
    if citation.kind == "appendix":
        inner = citation.raw[1:-1]
        target = f"#phu-luc-{citation.appendix}" if citation.appendix in project.appendices else None
        return _escape(opening) + (f"[{inner}]({target})" if target else inner) + _escape(closing)
    if any(item.key for item in citation.items):  # written by key: printed with numbers
        items = [_numbered(parsed, item) for item in citation.items]
        return "\\[" + _link_numbers(canonical(items)[1:-1], [i.ref for i in items], project) + "\\]"
    inner_start = citation.start + 1
    pieces, position = [], inner_start
    for item in citation.items:
        number = str(item.ref)
        pieces.append(text[position : item.start])
        pieces.append(_link(project, item.ref, number))
        position = item.start + len(number)
    pieces.append(text[position : citation.end - 1])
    return _escape(opening) + "".join(pieces) + _escape(closing)


def shown_text(parsed: ParsedProject, document: Document) -> str:
    """The document's text with each citation by key as the outputs print it (`[@a, tr. 5]` ->
    `[157, tr. 5]`), line for line: what a reader of the PDF or the DOCX sees."""
    edits = []
    for citation in parsed.of(document).citations:
        if citation.kind == "reference" and any(item.key for item in citation.items):
            shown = canonical([_numbered(parsed, item) for item in citation.items])
            edits.append(Edit(citation.start, citation.end, shown + "\n" * citation.raw.count("\n")))
    return apply_edits(document.source.text, edits)[0]


def _link_numbers(inner: str, numbers: list, project: Project) -> str:
    out, position = [], 0
    for number in numbers:
        if number is None:
            continue
        found = inner.find(str(number), position)
        out += [inner[position:found], _link(project, number, str(number))]
        position = found + len(str(number))
    return "".join(out) + inner[position:]


def _link(project: Project, number: int | None, shown: str) -> str:
    if number is not None and number in project.bibliography.by_number:
        return f"[{shown}](#ref-{number})"
    return shown


def _numbered(parsed: ParsedProject, item):
    number = parsed.number_of(item)
    return replace(item, ref=number, key=None) if number is not None else item


def _unresolved(written: str) -> str:
    """A citation or label that resolves to nothing, as written, marked for a draft."""
    return "[" + escape_markdown(" ".join(written.split())) + "]{.unresolved}"


def _escape(bracket: str) -> str:
    return "\\" + bracket if bracket in "[]" else bracket
