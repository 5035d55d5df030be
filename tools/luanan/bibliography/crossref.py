"""`crossref` and `xdata` inheritance: a chapter takes its book's fields, an entry the fields of
the `@xdata` containers it names (biblatex's rules, simplified). `@xdata` entries are data, not
sources: they are dropped from the list once inherited."""

from __future__ import annotations

from dataclasses import replace

from luanan.bibliography.model import BibEntry
from luanan.i18n import _

# A child's own field names for the parent's fields, where they differ.
RENAMED = {"title": "booktitle", "subtitle": "booksubtitle"}
# From a multi-volume work (@mvbook, @mvcollection…) its title is the child's `maintitle`.
RENAMED_MV = {"title": "maintitle", "subtitle": "mainsubtitle"}
NOT_INHERITED = {"crossref", "refnum", "ids", "sortkey", "xref"}


def inherit(entries: list[BibEntry]) -> tuple[list[BibEntry], list[tuple[BibEntry, str]]]:
    """Entries with inherited fields filled in, and (entry, problem) for every crossref that
    names no entry or runs in a circle. Own fields always win."""
    by_key = {entry.key: entry for entry in entries}
    problems: list[tuple[BibEntry, str]] = []
    result = []
    for entry in entries:
        fields = dict(entry.fields)
        people = dict(entry.persons)
        chain, parent_key = [entry.key], entry.get("crossref").strip()
        while parent_key:
            if parent_key in chain:
                problems.append(
                    (entry, _("crossref runs in a circle: {chain}").format(chain=" -> ".join(chain + [parent_key])))
                )
                break
            parent = by_key.get(parent_key)
            if parent is None:
                problems.append(
                    (entry, _("crossref names `{key}`, which is not in the bibliography").format(key=parent_key))
                )
                break
            renamed = RENAMED_MV if parent.entry_type.startswith("mv") else RENAMED
            for name, value in parent.fields.items():
                target = renamed.get(name, name) if entry.entry_type != parent.entry_type else name
                if name not in NOT_INHERITED and target not in fields:
                    fields[target] = value
                    if name in parent.persons:
                        people[target] = parent.persons[name]
            chain.append(parent_key)
            parent_key = parent.get("crossref").strip()
        for container in filter(None, (k.strip() for k in entry.get("xdata").split(","))):
            if container not in by_key:
                problems.append(
                    (entry, _("xdata names `{key}`, which is not in the bibliography").format(key=container))
                )
                continue
            container_entry = by_key[container]
            people.update({k: v for k, v in container_entry.persons.items() if k not in fields})
            fields.update({k: v for k, v in container_entry.fields.items() if k not in fields})
        if entry.entry_type != "xdata":
            result.append(replace(entry, fields=fields, persons=people) if fields != entry.fields else entry)
    return result, problems
