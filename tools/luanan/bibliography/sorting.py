"""The standard order of the reference list (spec §10.3): language groups in the profile's
order; inside a group Vietnamese persons by given name, foreign persons by surname,
organisations and works without author by their first words; then year, then title."""

from __future__ import annotations

from luanan.bibliography.languages import entry_language
from luanan.bibliography.model import BibEntry
from luanan.bibliography.names import authors, is_western_form, split_names
from luanan.vietnamese.collation import text_key, vietnamese_name_words, western_name_words, word_key, words

NO_YEAR = 9999


def sort_words(entry: BibEntry, language: str) -> list[str]:
    """The words an entry is filed under (§10.3 step 2)."""
    override = entry.get("sortkey") or entry.get("sortname")
    if override:
        return words(override)
    names = authors(entry) or split_names(entry.get("editor"))
    if not names or entry.corporate_author:
        source = names[0] if names else (entry.get("organization") or entry.get("institution") or entry.get("title"))
        return words(source)
    first = names[0]
    if language == "vi" and not is_western_form(first):
        return vietnamese_name_words(first)
    return western_name_words(first)


def entry_key(entry: BibEntry, language: str) -> tuple:
    year = entry.get("year") or entry.get("date")[:4]
    volume = entry.get("volume").strip()
    return (
        tuple(word_key(w) for w in sort_words(entry, language)),
        int(year) if year.isdigit() else NO_YEAR,
        text_key(entry.get("title")),
        int(volume) if volume.isdigit() else 0,  # Toàn tập, t.5 before t.12
    )


def standard_order(entries: list[BibEntry], group_order: list[str]) -> list[tuple[str, BibEntry]]:
    """(language, entry) in list order. Input order breaks the remaining ties."""
    rank = {code: i for i, code in enumerate(group_order)}
    keyed = []
    for position, entry in enumerate(entries):
        language = entry_language(entry)
        keyed.append(((rank.get(language, len(rank)), entry_key(entry, language), position), language, entry))
    return [(language, entry) for _, language, entry in sorted(keyed, key=lambda k: k[0])]
