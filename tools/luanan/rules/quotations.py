"""C3xx: direct quotations carry a citation, and the citation carries a page."""

from __future__ import annotations

from collections.abc import Iterator

from luanan.citations.quotes import CitationSpans, is_direct_quotation, sentence_end
from luanan.diagnostics import Severity
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

DEFAULT_MIN_WORDS = 15


def _quotes_with_citations(context: CheckContext) -> list:
    """(document, quote, the first citation in the rest of its sentence or None)."""
    return context.shared("quotations", _find)


def _find(context: CheckContext):
    min_words = context.project.profile.data.get("citation", {}).get("quote_min_words", DEFAULT_MIN_WORDS)
    for document in context.project.documents:
        citations = CitationSpans([c for c in context.citations.get(document.path, []) if c.kind == "reference"])
        text = document.source.text
        for quote in context.parsed.of(document).quotes:
            if not is_direct_quotation(quote, min_words):
                continue
            end = sentence_end(text, quote.end, citations)
            yield document, quote, citations.first_in(quote.end, end)


@rule("C301", "quotation-without-page", Severity.WARNING, "direct quotation cited without a page")
def quotation_without_page(context: CheckContext) -> Iterator[Finding]:
    """A direct quotation must give the page it was taken from (spec §8.1): `“…” [157]`
    becomes `“…” [157, tr. 671]`."""
    for document, quote, citation in _quotes_with_citations(context):
        between = document.source.text[quote.end : citation.start] if citation else ""
        if citation and not between.strip() and any(item.pages is None for item in citation.items):
            yield Finding(
                document,
                citation.start,
                citation.end,
                "a direct quotation is cited without the page it comes from",
                f"add the page: {citation.raw[:-1]}, tr. …]",
            )


@rule("C302", "quotation-without-citation", Severity.WARNING, "direct quotation with no citation")
def quotation_without_citation(context: CheckContext) -> Iterator[Finding]:
    """A quoted passage (at least 15 words, or holding a sentence break) with no citation
    before the end of its sentence. Short quoted titles and terms (“3 không”) are not
    quotations of a source and are left alone; the word count is the profile's
    `citation.quote_min_words`."""
    for document, quote, citation in _quotes_with_citations(context):
        if citation is None:
            yield Finding(
                document,
                quote.start,
                quote.end,
                f"a direct quotation of {quote.words} words has no citation",
                "cite its source after the closing quotation mark: “…” [n, tr. p]",
            )
