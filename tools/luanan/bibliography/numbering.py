"""Numbers of the reference list, in either mode (DESIGN.md "Numbering"), and the lock file
that remembers them between builds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from luanan.bibliography.languages import entry_language
from luanan.bibliography.model import BibEntry, Bibliography
from luanan.bibliography.sorting import standard_order
from luanan.citations.model import CitationItem

LOCK_NAME = "bibliography/refnums.lock"
LOCK_HEADER = (
    "# luanan: reference number -> BibTeX key at the last successful build.\n"
    "# Literal numeric citations are checked against it; `luanan renumber` updates it.\n"
)


def build_bibliography(
    entries: list[BibEntry],
    group_order: list[str],
    cited: list[str] | None = None,
    numbering: str = "sorted",
    cited_only: bool = False,
) -> Bibliography:
    """Entries with their numbers. `cited` lists the keys in the order of their first citation
    (reading order); `numbering` is "sorted" (§9.1: groups, then the standard order) or
    "citation-order" (IEEE: numbers follow the first citation, uncited entries after the cited
    ones in the standard order); `cited_only` leaves uncited entries out of the list."""
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    unique = [e for e in entries if by_key[e.key] is e and e.entry_type != "set"]
    order = standard_order(unique, group_order)
    languages = {entry.key: language for language, entry in order}
    ranks = {entry.key: i for i, (_, entry) in enumerate(order, 1)}
    listed = [entry for _, entry in order]
    if numbering == "citation-order" and cited is not None:
        first = {key: i for i, key in enumerate(dict.fromkeys(cited))}
        listed.sort(key=lambda e: first.get(e.key, len(first)))  # stable: uncited keep the standard order
    if cited_only and cited is not None:
        wanted = set(cited)
        listed = [entry for entry in listed if entry.key in wanted]
    numbered = [e for e in unique if e.refnum is not None]
    if not unique:
        mode, by_number = "empty", {}
    elif len(numbered) == len(unique):
        mode, by_number = "explicit", _explicit(numbered)
    elif not numbered:
        mode, by_number = "sorted", dict(enumerate(listed, 1))
    else:
        mode, by_number = "mixed", _explicit(numbered)
        following = max(by_number) + 1
        for entry in listed:
            if entry.refnum is None:
                by_number[following] = entry
                following += 1
    return Bibliography(
        entries=tuple(entries),
        by_key=by_key,
        by_number=by_number,
        mode=mode,
        order="citation" if numbering == "citation-order" else "standard",
        languages=languages,
        standard_rank=ranks,
    )


def cited_keys(items: Iterable[CitationItem], lock: dict[int, str] | None, by_key: dict[str, BibEntry]) -> list[str]:
    """Keys in the order of their first citation, given the items in reading order: `[@key]`
    names its entry, a literal `[n]` the key the lock file gave n at the last build."""
    keys: list[str] = []
    for item in items:
        key = item.key if item.ref is None else (lock or {}).get(item.ref)
        if key and key in by_key:
            keys.append(key)
    return keys


def with_citations(bibliography: Bibliography, settings: dict, items: Iterable[CitationItem], lock) -> Bibliography:
    """The bibliography numbered by first citation (`numbering: citation-order`) or cut to the
    cited works (`cited_only`), as the profile's bibliography settings ask; else unchanged."""
    numbering, cited_only = settings.get("numbering", "sorted"), settings.get("cited_only", False)
    if numbering != "citation-order" and not cited_only:
        return bibliography
    cited = cited_keys(items, lock, bibliography.by_key)
    return build_bibliography(list(bibliography.entries), settings["group_order"], cited, numbering, cited_only)


def _explicit(entries: list[BibEntry]) -> dict[int, BibEntry]:
    by_number: dict[int, BibEntry] = {}
    for entry in entries:
        if entry.refnum is not None:
            by_number.setdefault(entry.refnum, entry)
    return by_number


def read_lock(root: Path) -> dict[int, str] | None:
    path = root / LOCK_NAME
    if not path.is_file():
        return None
    lock = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s*(\d+)\s+(\S+)\s*", line)
        if match:
            lock[int(match.group(1))] = match.group(2)
    return lock


def lock_text(bibliography: Bibliography) -> str:
    return LOCK_HEADER + "".join(f"{n} {entry.key}\n" for n, entry in bibliography.numbered())


def language_of(bibliography: Bibliography, entry: BibEntry) -> str:
    return bibliography.languages.get(entry.key) or entry_language(entry)
