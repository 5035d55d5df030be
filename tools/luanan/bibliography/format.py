"""Reference-list entries as the MOET-classic list prints them (spec §9.2), as pandoc Markdown.

`Author (year), *Title*, publisher, place.` for books and documents;
`Author (year), "Title", *Journal*, volume(issue), tr. x-y.` for articles and chapters.
Field values are escaped: a bibliography is data and never becomes markup.
"""

from __future__ import annotations

import re

from luanan.bibliography.model import BibEntry

QUOTED_TITLE_TYPES = {"article", "incollection", "inproceedings", "inbook", "online", "newspaper"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$@~^|!])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def format_entry(entry: BibEntry, language: str = "vi") -> str:
    head = []
    if entry.get("author"):
        head.append(escape_markdown(_authors(entry.get("author"))))
    year = entry.get("year") or entry.get("date")[:4]
    if year:
        head.append(f"({escape_markdown(year)})")
    parts = [" ".join(head)] if head else []
    title = escape_markdown(entry.get("title"))
    if entry.entry_type in QUOTED_TITLE_TYPES:
        parts.append(f"“{title}”")
        container = entry.get("journal") or entry.get("booktitle") or entry.get("journaltitle")
        if container:
            parts.append(f"*{escape_markdown(container)}*")
        volume = escape_markdown(entry.get("volume")) + (f"({escape_markdown(entry.get('number'))})" if entry.get("number") else "")
        if volume:
            parts.append(volume)
    elif title:
        parts.append(f"*{title}*")
    for name in ("type", "school", "institution", "publisher", "address"):
        if name == "type" and entry.entry_type == "misc":
            continue  # Party and State documents carry their type in the title already
        if entry.get(name):
            parts.append(escape_markdown(entry.get(name)))
    if entry.get("pages"):
        label = "tr." if language == "vi" else "pp."
        pages = re.sub(r"\s*(?:--?|–)\s*", "-", entry.get("pages"))
        parts.append(f"{label} {escape_markdown(pages)}")
    return ", ".join(p for p in parts if p) + "."


def _authors(value: str) -> str:
    return ", ".join(name.strip() for name in re.split(r"\s+and\s+", value) if name.strip())


def entry_language(entry: BibEntry) -> str:
    langid = (entry.get("langid") or entry.get("language")).lower()
    if langid:
        return "vi" if langid.startswith(("vi", "vn")) else langid[:2]
    return "vi"
