"""What a rule sees (`CheckContext`) and what it reports (`Finding`)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from luanan.bibliography.model import BibEntry
from luanan.citations.model import Citation, CitationItem
from luanan.edits import Fix
from luanan.load.chapters import Document
from luanan.parse import ParsedProject
from luanan.project import Project


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where (offsets into a document's text, or a line and column of a
    file that is not a chapter), what, and the fix."""

    document: Document | None
    start: int
    end: int
    message: str
    hint: str | None = None
    path: Path | None = None  # for findings outside chapter text (bibliography files)
    line: int | None = None
    fix: Fix | None = None
    column: int = 1  # with `path` and `line`

    @classmethod
    def at_entry(cls, entry: BibEntry, message: str, hint: str | None = None) -> Finding:
        """A finding about a bibliography entry, at its line in its .bib file."""
        return cls(None, 0, 0, message, hint, entry.path, entry.line)


@dataclass(frozen=True)
class CheckContext:
    """A read-only view of the parsed project. Rules take it and yield `Finding`s."""

    parsed: ParsedProject
    verify_sources: bool = False  # `check --sources`: quotations looked up in the source PDFs

    @property
    def project(self) -> Project:
        assert self.parsed.project is not None  # a check always runs on a project
        return self.parsed.project

    def all_citations(self) -> Iterator[tuple[Document, Citation]]:
        return self.parsed.citations()

    def masked_text(self, document: Document) -> str:
        """The document's text with front matter, code, comments, math and link targets
        blanked (same length): where prose checks look."""
        return self.parsed.of(document).masked

    def prose_text(self, document: Document) -> str:
        """`masked_text` with the citations blanked too."""
        return self.parsed.of(document).prose

    def shared(self, key: str, compute):
        """`compute(self)`, computed once per check for all the rules that need it."""
        if key not in self._memo:
            self._memo[key] = list(compute(self))
        return self._memo[key]

    @functools.cached_property
    def _memo(self) -> dict:
        return {}

    def resolved_items(self) -> Iterator[tuple[Document, Citation, CitationItem, BibEntry]]:
        """Every citation item whose source exists, with that source — except literal numbers
        that have drifted (N105): their pages are not judged against the source they now
        name, which is not the one the author meant."""
        drifted = self.drifted
        return (found for found in self.parsed.resolved if found[2].ref is None or found[2].ref not in drifted)

    @functools.cached_property
    def drifted(self) -> frozenset[int]:
        """Sorted numbering: the numbers that meant another source at the last build (refnums.lock)."""
        bibliography, lock = self.project.bibliography, self.project.lock
        if bibliography.mode != "sorted" or not lock:
            return frozenset()
        return frozenset(
            n for n, key in lock.items() if (entry := bibliography.by_number.get(n)) is None or entry.key != key
        )
