"""Findings inside readable input: one value type between the checks and every reporter."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    path: Path
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    message: str
    hint: str | None = None
    fix: str | None = None  # the replacement `luanan fix` writes over the span


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_key(diagnostic: Diagnostic) -> tuple:
    return (str(diagnostic.path), diagnostic.line, diagnostic.column, diagnostic.code)


_IGNORE = re.compile(r"<!--\s*luanan:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?\s*-->")


def ignored_lines(text: str) -> list[tuple[int, int, frozenset[str] | None]]:
    """(first line, last line, codes or None for all) exempted by `<!-- luanan: ignore[C301] -->`.

    A comment alone on its line exempts the next paragraph; a comment after text exempts its
    own line."""
    lines = text.split("\n")
    ranges = []
    for number, line in enumerate(lines, 1):
        for match in _IGNORE.finditer(line):
            codes = (
                frozenset(c.strip().upper() for c in match.group(1).split(",") if c.strip()) if match.group(1) else None
            )
            if line[: match.start()].strip():
                ranges.append((number, number, codes))
                continue
            first = number + 1
            while first <= len(lines) and not lines[first - 1].strip():
                first += 1
            last = first
            while last < len(lines) and lines[last].strip():
                last += 1
            ranges.append((first, last, codes))
    return ranges


def drop_ignored(diagnostics: list[Diagnostic], texts: dict[Path, str]) -> list[Diagnostic]:
    by_path = {path: ignored_lines(text) for path, text in texts.items() if "luanan:" in text}
    kept = []
    for d in diagnostics:
        if not any(
            first <= d.line <= last and (codes is None or d.code in codes)
            for first, last, codes in by_path.get(d.path, ())
        ):
            kept.append(d)
    return kept
