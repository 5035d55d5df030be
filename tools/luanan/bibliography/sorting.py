"""The standard order of the reference list (spec §10.3): language groups in the profile's
order; inside a group Vietnamese persons by given name, foreign persons by surname,
organisations and works without author by their first words; co-authors break ties; then year,
then title.

The Vietnamese group uses the dictionary rule (:mod:`luanan.vietnamese.collation`); foreign
groups use the Unicode Collation Algorithm (pyuca: `Åberg` with A, `Ё` after `Е`), Chinese by
pinyin (pypinyin), as ICU's `zh` collation does."""

from __future__ import annotations

import functools
import re

from luanan.bibliography.fields import issuing_body, year_parts
from luanan.bibliography.languages import entry_language
from luanan.bibliography.model import BibEntry
from luanan.bibliography.names import Person, initials, persons
from luanan.vietnamese.collation import is_vietnamese_text, word_key, words

NO_YEAR = 9999


def person_sort_words(person: Person, language: str) -> list[str]:
    """The words a person is filed under (§10.3 step 2)."""
    if person.literal:
        return words(person.literal)
    if person.vietnamese and (language == "vi" or is_vietnamese_text(person.natural)):
        order = [w for part in person.vietnamese_order for w in words(part)]
        return order[-1:] + order[:-1]
    if not person.first and len(person.last) == 1 and "." in person.last[0].rstrip("."):
        parts = words(person.last[0])  # V.I.Lênin -> Lênin, V, I
        return parts[-1:] + parts[:-1]
    if language != "vi":  # filed as printed: surname, then the initials (`Nikiforov V.` whatever the spelling)
        given = words(initials(person.first)) if person.first else []
        return [w for part in person.last for w in words(part)] + given + [w for p in person.jr for w in words(p)]
    return [w for part in (*person.last, *person.first, *person.jr) for w in words(part)]


def sort_persons(entry: BibEntry) -> tuple[Person, ...]:
    """The persons an entry is filed under: its authors, else its editors."""
    people = tuple(p for p in persons(entry, "author") if not p.others)
    return people or tuple(p for p in persons(entry, "editor") if not p.others)


def sort_words(entry: BibEntry, language: str) -> list[str]:
    """The words an entry is filed under: its first author's (§10.3 step 2)."""
    return sort_name_words(entry, language)[0]


def sort_name_words(entry: BibEntry, language: str) -> list[list[str]]:
    """The first author's sort words, then each co-author's (tie-breakers)."""
    override = entry.get("sortkey") or entry.get("sortname")
    if override:
        return [words(override)]
    people = sort_persons(entry)
    if not people:
        source = issuing_body(entry) or entry.get("title")
        return [words(source)]
    return [person_sort_words(person, language) for person in people]


@functools.cache
def _collator():
    from pyuca import Collator

    return Collator()


@functools.lru_cache(maxsize=65536)
def foreign_word_key(word: str, language: str) -> tuple:
    """A word's key in a foreign group: the Unicode Collation Algorithm's (root order, which is
    right for English, French, German and Russian), Chinese by its pinyin with tone numbers."""
    if language == "zh" and re.search("[\u4e00-\u9fff]", word):
        from pypinyin import Style, lazy_pinyin

        word = " ".join(lazy_pinyin(word, style=Style.TONE3)) + " " + word
    return tuple(_collator().sort_key(word))


def _key_of(word: str, language: str) -> tuple:
    """A word's key without its letter case (§10.3 step 3 lower-cases every word)."""
    return word_key(word)[:3] if language == "vi" else foreign_word_key(word, language)


def _case_of(text_words: list[str], language: str) -> tuple:
    """Lower before upper case, for keys equal but for the case (`đảng` before `Đảng`)."""
    return tuple(word_key(w)[3] for w in text_words) if language == "vi" else ()


def entry_key(entry: BibEntry, language: str) -> tuple:
    year = year_parts(entry)[0]
    volume = entry.get("volume").strip()
    names = sort_name_words(entry, language)
    return (
        tuple(_key_of(w, language) for w in names[0]),
        tuple(tuple(_key_of(w, language) for w in name) for name in names[1:]),
        year if year is not None else NO_YEAR,
        year_parts(entry)[1],  # 2005a before 2005b
        tuple(_key_of(w, language) for w in words(entry.get("title"))),
        int(volume) if volume.isdigit() else 0,  # Toàn tập, t.5 before t.12
        tuple(_case_of(name, language) for name in names),
    )


def standard_order(entries: list[BibEntry], group_order: list[str]) -> list[tuple[str, BibEntry]]:
    """(language, entry) in list order. Input order breaks the remaining ties."""
    rank = {code: i for i, code in enumerate(group_order)}
    keyed = []
    for position, entry in enumerate(entries):
        language = entry_language(entry)
        keyed.append(((rank.get(language, len(rank)), entry_key(entry, language), position), language, entry))
    return [(language, entry) for _, language, entry in sorted(keyed, key=lambda k: k[0])]
