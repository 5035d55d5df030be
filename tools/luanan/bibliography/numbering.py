"""Numbers of the reference list, in either mode (DESIGN.md "Numbering"), and the lock file
that remembers them between builds."""

from __future__ import annotations

import re
from pathlib import Path

from luanan.bibliography.languages import entry_language
from luanan.bibliography.model import BibEntry, Bibliography
from luanan.bibliography.sorting import standard_order

LOCK_NAME = "bibliography/refnums.lock"
LOCK_HEADER = (
    "# luanan: reference number -> BibTeX key at the last successful build.\n"
    "# Literal numeric citations are checked against it; `luanan renumber` updates it.\n"
)


def build_bibliography(entries: list[BibEntry], group_order: list[str]) -> Bibliography:
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    unique = [e for e in entries if by_key[e.key] is e]
    numbered = [e for e in unique if e.refnum is not None]
    order = standard_order(unique, group_order)
    if not unique:
        mode, by_number = "empty", {}
    elif len(numbered) == len(unique):
        mode, by_number = "explicit", _explicit(numbered)
    elif not numbered:
        mode, by_number = "sorted", {i: entry for i, (_, entry) in enumerate(order, 1)}
    else:
        mode, by_number = "mixed", _explicit(numbered)
        following = max(by_number) + 1
        for _, entry in order:
            if entry.refnum is None:
                by_number[following] = entry
                following += 1
    languages = {entry.key: language for language, entry in order}
    ranks = {entry.key: i for i, (_, entry) in enumerate(order, 1)}
    return Bibliography(tuple(entries), by_key, by_number, mode, languages, ranks)


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
