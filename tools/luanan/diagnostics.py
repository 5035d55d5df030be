"""Findings inside readable input: one value type between the checks and every reporter."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from luanan.edits import Fix


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class FixEdit:
    """One edit of a fix, where a user (or an editor) sees it: 1-based lines and columns."""

    line: int
    column: int
    end_line: int
    end_column: int  # exclusive
    text: str


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
    fix: Fix | None = None  # the edits `luanan fix` writes, as offsets into the file's text
    fix_edits: tuple[FixEdit, ...] = ()  # the same edits as lines and columns, for reports


def sort_key(diagnostic: Diagnostic) -> tuple:
    return (str(diagnostic.path), diagnostic.line, diagnostic.column, diagnostic.code)
