"""Findings inside readable input: one value type between the checks and every reporter."""

from __future__ import annotations

import enum
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


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_key(diagnostic: Diagnostic) -> tuple:
    return (str(diagnostic.path), diagnostic.line, diagnostic.column, diagnostic.code)
