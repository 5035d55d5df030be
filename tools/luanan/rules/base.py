"""What a rule sees (`CheckContext`) and what it reports (`Finding`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from luanan.citations.model import Citation
from luanan.load.chapters import Document
from luanan.project import Project


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where (offsets into a document's text), what, and the fix."""

    document: Document | None
    start: int
    end: int
    message: str
    hint: str | None = None
    path: Path | None = None  # for findings outside chapter text (bibliography files)
    line: int | None = None


@dataclass(frozen=True)
class CheckContext:
    project: Project
    citations: dict[Path, list[Citation]] = field(default_factory=dict)

    def all_citations(self) -> Iterator[tuple[Document, Citation]]:
        for document in self.project.documents:
            for citation in self.citations.get(document.path, []):
                yield document, citation
