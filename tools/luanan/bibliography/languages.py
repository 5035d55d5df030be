"""The language of a source decides its group in the reference list (spec §9.1)."""

from __future__ import annotations

from luanan.bibliography.model import BibEntry

CODES = {
    "vi": "vi",
    "vie": "vi",
    "vietnamese": "vi",
    "vn": "vi",
    "tiếng việt": "vi",
    "en": "en",
    "eng": "en",
    "english": "en",
    "american": "en",
    "british": "en",
    "usenglish": "en",
    "ukenglish": "en",
    "fr": "fr",
    "french": "fr",
    "de": "de",
    "german": "de",
    "ngerman": "de",
    "ru": "ru",
    "russian": "ru",
    "zh": "zh",
    "chinese": "zh",
    "ja": "ja",
    "japanese": "ja",
}


def declared_language(entry: BibEntry) -> str | None:
    """The `langid` (biblatex) or `language` field, or None when the entry has neither."""
    value = (entry.get("langid") or entry.get("language")).strip().lower()
    return value or None


def entry_language(entry: BibEntry) -> str:
    """A language code: the declared one when luanan knows it, else inferred from the text
    (Vietnamese letters mean Vietnamese; anything else is taken for English)."""
    from luanan.vietnamese.collation import is_vietnamese_text

    declared = declared_language(entry)
    if declared is not None and declared in CODES:
        return CODES[declared]
    if declared is not None:
        return "other"
    text = " ".join(entry.get(name) for name in ("title", "author", "editor", "publisher", "journal"))
    return "vi" if is_vietnamese_text(text) else "en"
