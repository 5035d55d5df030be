"""Citations in the rendered text: key citations become numbers, and every number and
appendix pointer becomes a link to its entry (`[157, tr. 671]` -> `\\[[157](#ref-157), tr. 671\\]`).
The text is otherwise kept exactly as the author wrote it."""

from __future__ import annotations

from dataclasses import replace

from luanan.citations.format import canonical
from luanan.citations.images import Image, find_images, image_file, inside
from luanan.citations.parse import find_citations
from luanan.load.chapters import Document
from luanan.project import Project


def linked_body(project: Project, document: Document) -> str:
    """The body with citations linked, and image paths made relative to the project root (the
    folder both writers resolve them from)."""
    text, start = document.source.text, document.body_start
    settings = project.profile["citation"]
    edits = [
        (c.start, c.end, _linked(project, c, text))
        for c in find_citations(text, start, settings["page_labels"], settings["bare_page_locator"])
        if c.kind != "malformed"
    ]
    edits += [(image.start, image.end, path) for image, path in document_images(project, document)]
    pieces, position = [], start
    for begin, end, replacement in sorted(edits):
        pieces += [text[position:begin], replacement]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def document_images(project: Project, document: Document) -> list[tuple[Image, str]]:
    """(image, its file relative to the project root) for every image inside the project."""
    found = []
    for image in find_images(document.source.text, document.body_start):
        path = image_file(image.target, document.path, project.root)
        if path is not None and inside(path, project.root):
            found.append((image, path.relative_to(project.root).as_posix()))
    return found


def _linked(project: Project, citation, text: str) -> str:
    opening, closing = citation.raw[0], citation.raw[-1]
    if citation.kind == "appendix":
        inner = citation.raw[1:-1]
        target = f"#phu-luc-{citation.appendix}" if citation.appendix in project.appendices else None
        return _escape(opening) + (f"[{inner}]({target})" if target else inner) + _escape(closing)
    if any(item.key for item in citation.items):  # written by key: printed with numbers
        items = [_numbered(project, item) for item in citation.items]
        raw = canonical(items)
        return "\\[" + _link_numbers(raw[1:-1], [i.ref for i in items], project) + "\\]"
    inner_start = citation.start + 1
    pieces, position = [], inner_start
    for item in citation.items:
        number = str(item.ref)
        pieces.append(text[position : item.start])
        pieces.append(_link(project, item.ref, number))
        position = item.start + len(number)
    pieces.append(text[position : citation.end - 1])
    return _escape(opening) + "".join(pieces) + _escape(closing)


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


def _numbered(project: Project, item):
    entry = project.bibliography.by_key.get(item.key) if item.key else None
    number = project.bibliography.number_of(entry) if entry else None
    return replace(item, ref=number, key=None) if number is not None else item


def _escape(bracket: str) -> str:
    return "\\" + bracket if bracket in "[]" else bracket
