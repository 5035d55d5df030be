"""Q: quotations verified against the source PDFs (`luanan check --sources`)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from luanan.citations.locators import page_ranges
from luanan.citations.quotes import CitationSpans, sentence_end
from luanan.citations.resolve import resolve
from luanan.citations.sources import FOUND_SCORE, PageOffset, Unreadable, load_source, normalise, quote_score
from luanan.diagnostics import Severity
from luanan.i18n import _
from luanan.load.chapters import Document
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule


class Outcome(enum.Enum):
    VERIFIED = "verified"
    MOVED = "moved"
    NOT_FOUND = "not found"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class QuoteCheck:
    document: Document
    start: int
    end: int
    outcome: Outcome
    message: str = ""
    hint: str | None = None


def quote_checks(context: CheckContext) -> list[QuoteCheck]:
    """The quotations looked up in their sources, once per check (empty without `--sources`)."""
    return context.shared("quote checks", check_quotations) if context.verify_sources else []


def check_quotations(context: CheckContext) -> list[QuoteCheck]:
    """Every quotation directly followed by a citation with a page, looked up in its source."""
    project = context.project
    build = project.root / "build"
    cache = None if build.is_symlink() else build / ".cache" / "sources"  # never written outside
    sources: dict[Path, object] = {}
    results = []
    for document in project.documents:
        citations = CitationSpans([c for c in context.parsed.of(document).citations if c.kind == "reference"])
        text = document.source.text
        for quote in context.parsed.of(document).quotes:
            citation = citations.first_in(quote.end, sentence_end(text, quote.end, citations))
            if citation is None or text[quote.end : citation.start].strip():
                continue  # a paraphrase, or a citation further on: not this quotation's source
            item = next((i for i in citation.items if i.pages), None)
            entry = resolve(item, project.bibliography) if item else None
            if entry is None:
                continue
            folders = (project.root, *project.config.source_folders)
            results.append(_check(document, quote, item, entry, folders, cache, sources))
    return results


def _check(document, quote, item, entry, folders: tuple[Path, ...], cache: Path | None, sources: dict) -> QuoteCheck:
    place = (document, quote.start, quote.end)
    file_field = entry.get("file")
    if not file_field:
        return QuoteCheck(*place, Outcome.UNVERIFIABLE)
    path = _source_path(file_field, folders[0]).resolve()
    offset = PageOffset.parse(entry.get("pageoffset"))
    try:
        if not any(path == folder or folder in path.parents for folder in folders):
            raise Unreadable(
                _("{file} is outside the project (list its folder in thesis.yaml `source_folders:` to read it)").format(
                    file=file_field
                )
            )
        if path not in sources:
            sources[path] = load_source(path, cache)
        source = sources[path]
    except Unreadable as problem:
        return QuoteCheck(
            *place,
            Outcome.UNVERIFIABLE,
            _("quotation not verified: {problem}").format(problem=problem),
            _("`file` of {key} is {file}").format(key=f"@{entry.key}", file=file_field),
        )
    printed = [n for r in page_ranges(item.pages) for n in r.numbers if n is not None]
    if not printed or offset is None:
        return QuoteCheck(*place, Outcome.UNVERIFIABLE)
    first, last = min(printed), max(printed)
    low = first + offset.for_page(first) - 1  # PDF pages are 1-based; the list is 0-based
    high = last + offset.for_page(last) - 1
    nearby = " ".join(source.pages[max(0, low - 1) : high + 2])
    score, _text = quote_score(quote.text, nearby)
    if score >= FOUND_SCORE:
        return QuoteCheck(*place, Outcome.VERIFIED)
    best_page, best_score, best_text = _search(quote.text, source.pages)
    if best_page is not None and best_score >= FOUND_SCORE:
        shown = best_page + 1 - offset.for_page(best_page + 1)
        return QuoteCheck(
            *place,
            Outcome.MOVED,
            _("quotation found on page {page}, cited {cited}").format(page=shown, cited=item.pages),
            _("write tr. {page} (source {key})").format(page=shown, key=f"@{entry.key}"),
        )
    return QuoteCheck(
        *place,
        Outcome.NOT_FOUND,
        _("quotation not found in {key} (best match {score}: “{text}”)").format(
            key=f"@{entry.key}", score=f"{best_score:.0%}", text=best_text
        ),
        _("check the wording against page {pages} of {file}").format(pages=item.pages, file=file_field),
    )


def _source_path(field: str, root: Path) -> Path:
    """`sources/157.pdf`, or Zotero's `Full Text:files/12/x.pdf:application/pdf`; relative to the project."""
    candidates = [part for entry in field.split(";") for part in entry.split(":") if part.lower().endswith(".pdf")]
    path = Path(candidates[0] if candidates else field.strip())
    return path if path.is_absolute() else root / path


def _search(quote: str, pages: tuple[str, ...]) -> tuple[int | None, float, str]:
    """The page (0-based) that holds the quotation best. Pages sharing few of its words, or few
    of its word pairs, are skipped before the (costly) alignment: in Vietnamese most syllables
    are common words, so shared words alone let nearly every page through, and 20 quotations
    absent from a 263-page source took minutes."""
    words = set(normalise(quote).split())
    pairs = _pairs(normalise(quote))
    best: tuple[int | None, float, str] = (None, 0.0, "")
    for index, page in enumerate(pages):
        if words and len(words & _page_words(page)) < 0.6 * len(words):
            continue
        joined_pairs = _page_pairs(page) | (_page_pairs(pages[index + 1]) if index + 1 < len(pages) else set())
        if pairs and len(pairs & joined_pairs) < 0.5 * len(pairs):
            continue
        joined = page + " " + pages[index + 1] if index + 1 < len(pages) else page
        score, text = quote_score(quote, joined)
        if score > best[1]:
            best = (index, score, text)
    return best


def _pairs(text: str) -> set[tuple[str, str]]:
    words = text.split()
    return set(zip(words, words[1:]))


@functools.lru_cache(maxsize=4096)
def _page_words(page: str) -> frozenset[str]:
    return frozenset(page.split())


@functools.lru_cache(maxsize=4096)
def _page_pairs(page: str) -> frozenset[tuple[str, str]]:
    return frozenset(_pairs(page))


def _by_outcome(context: CheckContext, outcome: Outcome) -> Iterator[Finding]:
    if not context.verify_sources:
        return
    for result in quote_checks(context):
        if result.outcome is outcome and result.message:
            yield Finding(result.document, result.start, result.end, result.message, result.hint)


@rule("Q101", "quotation-on-another-page", Severity.WARNING, "quotation found on another page of its source")
def quotation_on_another_page(context: CheckContext) -> Iterator[Finding]:
    """With `--sources`, the quoted words are in the source PDF, but not on the cited page (nor
    the page either side): the page number is probably wrong."""
    yield from _by_outcome(context, Outcome.MOVED)


@rule("Q102", "quotation-not-in-source", Severity.WARNING, "quotation not found in its source")
def quotation_not_in_source(context: CheckContext) -> Iterator[Finding]:
    """With `--sources`, the quoted words are nowhere in the source PDF, even allowing for OCR
    noise; the message shows the closest passage and how close it is."""
    yield from _by_outcome(context, Outcome.NOT_FOUND)


@rule("Q103", "source-unverifiable", Severity.INFO, "source PDF missing, unreadable or without text")
def source_unverifiable(context: CheckContext) -> Iterator[Finding]:
    """With `--sources`, the entry's `file` cannot be read as a PDF with a text layer (a scan
    without OCR), so its quotations cannot be verified."""
    yield from _by_outcome(context, Outcome.UNVERIFIABLE)
