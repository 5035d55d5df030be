"""The language of a source decides its group in the reference list (spec §9.1)."""

from __future__ import annotations

import re

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


def language_code(declared: str) -> str | None:
    """The group of a declared language: a name (`vietnamese`) or a BCP 47 tag (`vi-VN`,
    `en-US`, `zh-Hans`); None when luanan does not know it."""
    if declared in CODES:
        return CODES[declared]
    primary = declared.replace("_", "-").split("-")[0]
    return CODES.get(primary) if primary != declared else None


def entry_language(entry: BibEntry) -> str:
    """A language code: the declared one when luanan knows it, else inferred from the text."""
    declared = declared_language(entry)
    if declared is not None:
        return language_code(declared) or "other"
    return inferred_language(entry)


def inferred_language(entry: BibEntry) -> str:
    """Vietnamese when the title reads as Vietnamese (more words with Vietnamese letters than
    words that cannot be Vietnamese syllables: one `Đổi Mới` in an English title is not enough);
    Cyrillic, Chinese and Japanese letters mean those languages; anything else is English."""
    title = entry.get("title") or entry.get("booktitle")
    names = ("author", "editor", "publisher", "journal", "organization", "institution", "howpublished")
    others = " ".join(entry.get(n) for n in names)
    script = _script(title or others)
    if script:
        return script
    marked, foreign = _counts(title)
    if marked + foreign < 3:  # a short title (a name: `BTP Holdings`) does not decide alone
        more_marked, more_foreign = _counts(others)
        marked, foreign = marked + more_marked, foreign + more_foreign
    return "vi" if marked and marked >= foreign else "en"


def _counts(text: str) -> tuple[int, int]:
    """(words only Vietnamese writes, words that cannot be Vietnamese syllables)."""
    from luanan.vietnamese.collation import is_vietnamese_text
    from luanan.vietnamese.syllables import is_syllable

    words = re.findall(r"[^\W\d_]+", text)
    marked = sum(1 for w in words if is_vietnamese_text(w) or (not w.isascii() and is_syllable(w)))
    foreign = sum(1 for w in words if not w.isupper() and not is_vietnamese_text(w) and not is_syllable(w))
    return marked, foreign


def _script(text: str) -> str | None:
    if re.search("[\u3040-\u30ff]", text):
        return "ja"
    if re.search("[\u4e00-\u9fff]", text):
        return "zh"
    if re.search("[\u0400-\u04ff]", text):
        return "ru"
    return None
