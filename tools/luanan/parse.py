"""The parse stage: every document of a project parsed once — masked text, citations with the
entries they resolve to, quotations — for every consumer (check, fix, render, renumber, cite,
citations, comments, diff). No other module calls the citation parser."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from luanan.bibliography.model import BibEntry, Bibliography
from luanan.bibliography.numbering import with_citations
from luanan.citations.labels import Target, find_targets
from luanan.citations.model import Citation, CitationItem
from luanan.citations.parse import DEFAULT_LABELS, find_citations, masked_text
from luanan.citations.quotes import Quote, find_quotes
from luanan.citations.resolve import resolve
from luanan.load.chapters import Document, appendix_number, load_document
from luanan.project import Project


@dataclass(frozen=True)
class ParsedDocument:
    document: Document
    masked: str  # the text with front matter, code, comments, math and link targets blanked (same length)
    citations: tuple[Citation, ...]

    @functools.cached_property
    def prose(self) -> str:
        """`masked` with the citations blanked too: where word-level checks look."""
        pieces, position = [], 0
        for citation in self.citations:
            pieces += [self.masked[position : citation.start], " " * (citation.end - citation.start)]
            position = citation.end
        return "".join(pieces) + self.masked[position:]

    @functools.cached_property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(find_quotes(self.document.source.text, self.document.body_start, self.masked))

    def in_quotation(self, start: int, end: int) -> bool:
        return any(quote.start < start and end < quote.end for quote in self.quotes)


def parse_document(document: Document, labels=DEFAULT_LABELS, bare_page_locator: bool = False) -> ParsedDocument:
    masked = masked_text(document.source.text, document.body_start)
    citations = find_citations(document.source.text, document.body_start, labels, bare_page_locator, masked)
    return ParsedDocument(document, masked, tuple(citations))


@dataclass(frozen=True)
class ParsedProject:
    project: Project | None  # None for loose Markdown files (`luanan citations FILE`)
    documents: tuple[ParsedDocument, ...]
    _by_path: dict[Path, ParsedDocument] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_path.update((parsed.document.path, parsed) for parsed in self.documents)

    def of(self, document: Document) -> ParsedDocument:
        return self._by_path[document.path]

    @property
    def bibliography(self) -> Bibliography | None:
        return self.project.bibliography if self.project else None

    def citations(self) -> Iterator[tuple[Document, Citation]]:
        for parsed in self.documents:
            for citation in parsed.citations:
                yield parsed.document, citation

    def entry_of(self, item: CitationItem) -> BibEntry | None:
        bibliography = self.bibliography
        return resolve(item, bibliography) if bibliography is not None else None

    def number_of(self, item: CitationItem) -> int | None:
        """The number the item prints as: its own, or its key's position in the list."""
        if item.ref is not None:
            return item.ref
        entry = self.entry_of(item)
        return self.bibliography.number_of(entry) if entry is not None and self.bibliography else None

    @functools.cached_property
    def targets(self) -> dict[Path, tuple[Target, ...]]:
        """The numbered tables, figures and equations of each document (citations/labels.py)."""
        project = self.project
        if project is None:
            return {}
        captions = project.profile["captions"]
        found = {}
        for document in project.chapters:
            chapter = document.meta.get("chapter")
            found[document.path] = tuple(
                find_targets(
                    document.source.text, document.body_start, str(chapter) if chapter is not None else None, captions
                )
            )
        for document in project.appendices.values():
            label = "PL" + appendix_number(document)
            found[document.path] = tuple(find_targets(document.source.text, document.body_start, label, captions))
        return found

    @functools.cached_property
    def labels(self) -> dict[str, Target]:
        """`tbl:ket-qua` -> the table it labels."""
        return {t.label: t for targets in self.targets.values() for t in targets if t.label}

    @functools.cached_property
    def resolved(self) -> tuple[tuple[Document, Citation, CitationItem, BibEntry], ...]:
        """Every citation item whose source exists, with that source."""
        found = []
        for document, citation in self.citations():
            for item in citation.items:
                entry = self.entry_of(item)
                if entry is not None:
                    found.append((document, citation, item, entry))
        return tuple(found)


def _settings(project: Project | None) -> tuple[tuple[str, ...], bool]:
    if project is None:
        return DEFAULT_LABELS, False
    settings = project.profile["citation"]
    return tuple(settings["page_labels"]), bool(settings["bare_page_locator"])


def parse_project(project: Project) -> ParsedProject:
    """Every document parsed; where the profile numbers the list by first citation or prints
    cited works only, the bibliography numbered from these citations."""
    labels, bare = _settings(project)
    documents = tuple(parse_document(d, labels, bare) for d in project.documents)
    items = (item for parsed in documents for citation in parsed.citations for item in citation.items)
    bibliography = with_citations(project.bibliography, project.profile["bibliography"], items, project.lock)
    if bibliography is not project.bibliography:
        project = replace(project, bibliography=bibliography)
    return ParsedProject(project, documents)


def parse_files(files: list[Path], project: Project | None = None) -> ParsedProject:
    """Loose Markdown files, parsed with the project's citation settings when there is one."""
    labels, bare = _settings(project)
    return ParsedProject(project, tuple(parse_document(load_document(p, p), labels, bare) for p in files))
