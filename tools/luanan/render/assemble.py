"""Assemble the thesis as pandoc Markdown: chapters, reference list, appendices.

Citations stay exactly as the author wrote them; the reference list is generated from the
bibliography, in number order.
"""

from __future__ import annotations

import json

from luanan.bibliography.format import entry_language, escape_markdown, format_entry
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
    return (heading + "\n\n" + document.body.strip()).strip()


def _references(project: Project) -> str:
    entries = [
        f"{number}\\. {format_entry(entry, entry_language(entry))}"
        for number, entry in project.bibliography.numbered()
    ]
    body = "\n\n".join(entries)
    return (
        f"# {project.profile['references_title']} {{#tai-lieu-tham-khao}}\n\n"
        f"::: {{.references custom-style=\"Bibliography\"}}\n{body}\n:::"
    )


def _appendices(project: Project) -> str:
    parts = [f"# {project.profile['appendices_title']} {{#phu-luc}}"]
    for number, document in project.appendices.items():
        label = project.profile["appendix_label"].format(number=number)
        title = escape_markdown(document.title)
        heading = f"## {label}. {title}" if title else f"## {label}"
        parts.append(f"{heading} {{#phu-luc-{number}}}\n\n{document.body.strip()}")
    return "\n\n".join(parts)
