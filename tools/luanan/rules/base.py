"""What a rule sees (`CheckContext`) and what it reports (`Finding`)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from luanan.bibliography.model import BibEntry
from luanan.citations.model import Citation, CitationItem
from luanan.citations.resolve import resolve
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
    fix: str | None = None  # what `luanan fix` writes over [start, end)

    @classmethod
    def at_entry(cls, entry: BibEntry, message: str, hint: str | None = None) -> Finding:
        """A finding about a bibliography entry, at its line in its .bib file."""
        return cls(None, 0, 0, message, hint, entry.path, entry.line)


@dataclass(frozen=True)
class CheckContext:
    """A read-only view of the parsed project. Rules take it and yield `Finding`s."""

    project: Project
    citations: dict[Path, list[Citation]] = field(default_factory=dict)
    verify_sources: bool = False  # `check --sources`: quotations looked up in the source PDFs
    masked: dict[Path, str] = field(default_factory=dict)  # document path -> its masked text

    @functools.cached_property
    def quote_checks(self) -> list:
        from luanan.rules.sources import check_quotations

        return check_quotations(self) if self.verify_sources else []

    def all_citations(self) -> Iterator[tuple[Document, Citation]]:
        for document in self.project.documents:
            for citation in self.citations.get(document.path, []):
                yield document, citation

    def masked_text(self, document: Document) -> str:
        """The document's text with front matter, code, comments, math and link targets
        blanked (same length): where prose checks look."""
        if document.path not in self.masked:
            from luanan.citations.parse import masked_text

            self.masked[document.path] = masked_text(document.source.text, document.body_start)
        return self.masked[document.path]

    def prose_text(self, document: Document) -> str:
        """`masked_text` with the citations blanked too."""
        key = ("prose", document.path)
        if key not in self._memo:
            masked, pieces, position = self.masked_text(document), [], 0
            for citation in self.citations.get(document.path, []):
                pieces += [masked[position : citation.start], " " * (citation.end - citation.start)]
                position = citation.end
            self._memo[key] = "".join(pieces) + masked[position:]
        return self._memo[key]

    def shared(self, key: str, compute):
        """`compute(self)`, computed once per check for all the rules that need it."""
        if key not in self._memo:
            self._memo[key] = list(compute(self))
        return self._memo[key]

    @functools.cached_property
    def _memo(self) -> dict:
        return {}

    def resolved_items(self) -> Iterator[tuple[Document, Citation, CitationItem, BibEntry]]:
        """Every citation item whose source exists, with that source."""
        return iter(self._resolved)

    @functools.cached_property
    def _resolved(self) -> list[tuple[Document, Citation, CitationItem, BibEntry]]:
        resolved = []
        for document, citation in self.all_citations():
            for item in citation.items:
                entry = resolve(item, self.project.bibliography)
                if entry is not None:
                    resolved.append((document, citation, item, entry))
        return resolved
