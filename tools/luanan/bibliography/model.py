"""Bibliography entries as luanan sees them: Unicode fields, a file and line, a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BibEntry:
    key: str
    entry_type: str
    fields: dict[str, str]
    path: Path
    line: int
    corporate_author: bool = False  # author written in double braces: an organisation

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def refnum(self) -> int | None:
        value = self.fields.get("refnum", "").strip()
        return int(value) if value.isdigit() and int(value) > 0 else None


@dataclass(frozen=True)
class Bibliography:
    entries: tuple[BibEntry, ...] = ()
    by_key: dict[str, BibEntry] = field(default_factory=dict)
    by_number: dict[int, BibEntry] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: list[BibEntry]) -> "Bibliography":
        by_key: dict[str, BibEntry] = {}
        by_number: dict[int, BibEntry] = {}
        for entry in entries:
            by_key.setdefault(entry.key, entry)
            if entry.refnum is not None:
                by_number.setdefault(entry.refnum, entry)
        return cls(tuple(entries), by_key, by_number)

    def numbered(self) -> list[tuple[int, BibEntry]]:
        """(number, entry) in list order."""
        return sorted(self.by_number.items())
