"""Assemble the thesis as pandoc Markdown: chapters, reference list, appendices.

Citations stay exactly as the author wrote them; the reference list is generated from the
bibliography, in number order.
"""

from __future__ import annotations

import json
from dataclasses import replace

from luanan.bibliography.format import escape_markdown
from luanan.bibliography.reference_list import as_markdown, reference_list
from luanan.citations.format import canonical
from luanan.citations.parse import find_citations
from luanan.load.chapters import Document
from luanan.project import Project


def assemble(project: Project) -> str:
    parts = [_metadata(project)]
    for document in project.chapters:
        parts.append(_chapter(project, document))
    parts.append(_references(project))
    if project.appendices:
        parts.append(_appendices(project))
    return "\n\n".join(parts) + "\n"


def _metadata(project: Project) -> str:
    fields = {"title": project.config.title, "lang": project.config.language}
    if project.config.metadata.get("author"):
        fields["author"] = project.config.metadata["author"]
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def _chapter(project: Project, document: Document) -> str:
    number = document.meta.get("chapter")
    title = escape_markdown(document.title)
    if number is not None:
        label = project.profile["chapter_label"].format(number=number)
        heading = f"# {label}. {title} {{#chuong-{number}}}" if title else f"# {label} {{#chuong-{number}}}"
    else:
        heading = f"# {title}" if title else ""
    return (heading + "\n\n" + numbered_body(project, document).strip()).strip()


def _references(project: Project) -> str:
    body = as_markdown(reference_list(project.bibliography), project.profile)
    return (
        f"# {project.profile['references_title']} {{#tai-lieu-tham-khao}}\n\n"
        f"::: {{.references custom-style=\"Bibliography\"}}\n{body}\n:::"
    )


def numbered_body(project: Project, document: Document) -> str:
    """The document's body with key citations as numbers: `[@an2015, tr. 5]` -> `[1, tr. 5]`."""
    text, start = document.source.text, document.body_start
    settings = project.profile["citation"]
    pieces, position = [], start
    for citation in find_citations(text, start, settings["page_labels"], settings["bare_page_locator"]):
        if not any(item.key for item in citation.items):
            continue
        items = [_numbered(project, item) for item in citation.items]
        pieces += [text[position : citation.start], canonical(items)]
        position = citation.end
    pieces.append(text[position:])
    return "".join(pieces)


def _numbered(project: Project, item):
    entry = project.bibliography.by_key.get(item.key) if item.key else None
    number = project.bibliography.number_of(entry) if entry else None
    return replace(item, ref=number, key=None) if number is not None else item


def _appendices(project: Project) -> str:
    parts = [f"# {project.profile['appendices_title']} {{#phu-luc}}"]
    for number, document in project.appendices.items():
        label = project.profile["appendix_label"].format(number=number)
        title = escape_markdown(document.title)
        heading = f"## {label}. {title}" if title else f"## {label}"
        parts.append(f"{heading} {{#phu-luc-{number}}}\n\n{numbered_body(project, document).strip()}")
    return "\n\n".join(parts)
