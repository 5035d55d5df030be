"""What every reporter receives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from luanan.diagnostics import Diagnostic
from luanan.load.chapters import Document


@dataclass(frozen=True)
class Report:
    diagnostics: Sequence[Diagnostic]
    summary: dict[str, int] = field(default_factory=dict)
    documents: Sequence[Document] = ()  # for the source lines the text format shows
    colour: bool = False
    verbose: bool = False  # the text format lists every finding of a code that repeats
