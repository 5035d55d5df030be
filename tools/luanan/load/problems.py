"""What the load stage found wrong inside a readable file. Problems carry no rule code: the
check stage's rules (B101, B102, B108) turn them into findings under the project's policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LoadProblem:
    kind: str  # "unparsable-entry", "duplicate-key", "crossref"
    path: Path
    line: int
    message: str
    column: int = 1
    hint: str | None = None
