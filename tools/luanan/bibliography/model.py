"""Bibliography entries as luanan sees them: Unicode fields, a file and line, a number."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BibEntry:
    key: str
    entry_type: str
    fields: dict[str, str]
    path: Path
    line: int
    corporate_author: bool = False  # author written in double braces: an organisation
    # name field -> tuple of names.Person, parsed from the raw field (braces still there)
    persons: dict[str, Any] = field(default_factory=dict, compare=False)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def refnum(self) -> int | None:
        value = self.fields.get("refnum", "").strip()
        return int(value) if value.isdigit() and int(value) > 0 else None


@dataclass(frozen=True)
class Bibliography:
    """Entries with their numbers. `mode` is "explicit" (every entry has `refnum`), "sorted"
    (numbers come from the standard order), "mixed" (some have `refnum`: an error) or "empty"."""

    entries: tuple[BibEntry, ...] = ()
    by_key: dict[str, BibEntry] = field(default_factory=dict)
    by_number: dict[int, BibEntry] = field(default_factory=dict)
    mode: str = "empty"
    order: str = "standard"  # "standard" (§9.1, §10.3) or "citation" (order of first citation)
    languages: dict[str, str] = field(default_factory=dict)  # key -> language group
    standard_rank: dict[str, int] = field(default_factory=dict)  # key -> 1..N in the standard order

    def numbered(self) -> list[tuple[int, BibEntry]]:
        """(number, entry) in list order."""
        return sorted(self.by_number.items())

    def number_of(self, entry: BibEntry) -> int | None:
        number = self._numbers.get(entry.key)
        return number if number is not None and self.by_number[number] is entry else None

    @functools.cached_property
    def _numbers(self) -> dict[str, int]:
        return {entry.key: number for number, entry in self.by_number.items()}
