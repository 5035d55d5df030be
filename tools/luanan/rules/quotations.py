"""C3xx: direct quotations carry a citation, and the citation carries a page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luanan.citations.quotes import CitationSpans, is_direct_quotation, sentence_end
from luanan.diagnostics import Severity
from luanan.i18n import _, ngettext
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

DEFAULT_MIN_WORDS = 15


def _quotes_with_citations(context: CheckContext) -> list:
    """(document, quote, the first citation in the rest of its sentence or None)."""
    return context.shared("quotations", _find)


def _find(context: CheckContext):
    min_words = context.project.profile.data.get("citation", {}).get("quote_min_words", DEFAULT_MIN_WORDS)
    for document in context.project.documents:
        citations = CitationSpans([c for c in context.parsed.of(document).citations if c.kind == "reference"])
        text = document.source.text
        quotes = context.parsed.of(document).quotes
        cited: list = [None] * len(quotes)
        for index in range(len(quotes) - 1, -1, -1):  # backwards: a quotation may share the next one's citation
            quote = quotes[index]
            cited[index] = citations.first_in(quote.end, sentence_end(text, quote.end, citations))
            if cited[index] is None and _NOTE_MARK.match(text, quote.end):
                cited[index] = _NOTED
            elif cited[index] is None and index + 1 < len(quotes):
                following = quotes[index + 1]
                if _JOINED.fullmatch(text, quote.end, following.start):
                    cited[index] = cited[index + 1]
        for quote, citation in zip(quotes, cited):
            if citation is _NOTED or not is_direct_quotation(quote, min_words) or _is_title(text, quote):
                continue
            yield document, quote, citation


# A note marker right after the closing mark cites the quotation: `”(1)`, `” (1)`, `”[^1]`,
# `”¹`, `”25.` (a superscript number pasted as a plain digit), `”(*)`.
_NOTE_MARK = re.compile(r"[ \t]?\(\d{1,3}\)|[ \t]?\(\*\)|\[\^[^\]\s]+\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,3}(?=[\s.,;:)]|$)")
_NOTED = object()
# Two quotations of one sentence, `“…”; “…” [1]` or `“…” và “…” [1]`, share its citation.
_JOINED = re.compile(r"[\s,;]*(?:và|hoặc|cùng|rồi|and)?[\s,;]*")
# A quoted title (of a thesis, a book, a conference, a resolution) is not a quotation of a source.
_TITLE_NOUNS = (
    "đề tài|tác phẩm|cuốn|sách|bài|bài viết|bài báo|hội thảo|tọa đàm|chủ đề|chương trình|dự án|đề án|"
    "luận văn|luận án|khóa luận|tiểu luận|báo cáo|tài liệu|tạp chí|nghị quyết|chỉ thị|quyết định|luật|"
    "văn kiện|khẩu hiệu|phong trào|cuộc vận động|cuộc thi|tên|tiêu đề|nhan đề|giáo trình|công trình"
)
_TITLE_BEFORE = re.compile(rf"(?:^|\s)(?:{_TITLE_NOUNS})(?:\s+\S+){{0,4}}\s*:?\s*$", re.I)
_TITLE_START = re.compile(rf"(?:{_TITLE_NOUNS})\b", re.I)
_SENTENCE_INSIDE = re.compile(r"[.!?;…](?:\s|$)")


def _is_title(text: str, quote) -> bool:
    """A quoted name of a work: capitalised, one sentence-less phrase, after a word that names
    a work (`đề tài “…”`, `hội thảo khoa học về “…”`) or itself starting with one (`“Tài liệu
    hướng dẫn …”`)."""
    words = quote.text.strip()
    if not words or not words[0].isupper() or _SENTENCE_INSIDE.search(words):
        return False
    before = text[max(0, quote.start - 60) : quote.start]
    return bool(_TITLE_BEFORE.search(before) or _TITLE_START.match(words))


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
                _("a direct quotation is cited without the page it comes from"),
                _("add the page: {citation}").format(citation=f"{citation.raw[:-1]}, tr. …]"),
            )


@rule("C302", "quotation-without-citation", Severity.WARNING, "direct quotation with no citation")
def quotation_without_citation(context: CheckContext) -> Iterator[Finding]:
    """A quoted passage (at least 15 words, or holding a sentence break) with no citation
    before the end of its sentence. A note marker right after it (`”(1)`, `”[^1]`, `”¹`, or the
    superscript number pasted as a digit, `”25.`) cites it, and quotations of one sentence share
    its citation (`“…”; “…” [1]`). Short quoted terms (“3 không”) and quoted titles of works
    (`đề tài “…”`) are not quotations of a source and are left alone; the word count is the
    profile's `citation.quote_min_words`."""
    for document, quote, citation in _quotes_with_citations(context):
        if citation is None:
            yield Finding(
                document,
                quote.start,
                quote.end,
                ngettext(
                    "a direct quotation of {count} word has no citation",
                    "a direct quotation of {count} words has no citation",
                    quote.words,
                ).format(count=quote.words),
                _("cite its source after the closing quotation mark: “…” [n, tr. p]"),
            )
