"""Word data for the text rules: how common a word is in Vietnamese and in English.

The syllable grammar (:mod:`luanan.vietnamese.syllables`) says whether a token *can* be spelled
in Vietnamese; it cannot tell a foreign word (`there`, `code`), a transliterated name (`Lênin`,
`Ăngghen`) or a loanword (`mácxít`) from damage, nor which of two possible splits of a glued
word is meant (`hệthống` is `hệ thống`, not `hệt hống`). For that this module asks the word
frequencies of the `wordfreq` package (its `vi` list, built from Wikipedia, subtitles, news and
web text, and its `en` list), as Zipf values: 7 for the commonest words, 3 for a word seen about
once per million words, 0 for an unknown one.

The lists are read straight from the data files inside the `wordfreq` wheel (its documented
cBpack format: bucket i holds the words of frequency 10^(-i/100)), without importing the package
(0.15 s of imports), on the first question only: the small lists take about 0.02 s; the large
English list (0.2 s) only when a word is missing from the small one. A chapter whose words are
all Vietnamese syllables asks nothing.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import unicodedata
from pathlib import Path

from luanan.vietnamese.syllables import is_syllable

__all__ = ["FOREIGN_ZIPF", "english", "is_foreign_word", "segment", "split_confidence", "vietnamese"]

_PART_PENALTY = 0.5  # zipf a reading in one part more must gain to be preferred
# A token at least this common in English (zipf) is an English word, not Vietnamese damage.
FOREIGN_ZIPF = 2.0
_SHORT_FOREIGN_ZIPF = 4.5


@functools.lru_cache(maxsize=100_000)
def vietnamese(word: str) -> float:
    """Zipf frequency of `word` in Vietnamese text (0 when unknown)."""
    return _zipf(word, "vi")


@functools.lru_cache(maxsize=100_000)
def english(word: str, at_least: float = 0.0) -> float:
    """Zipf frequency of `word` in English text (0 when unknown). A caller that only asks
    whether it reaches `at_least` >= 3 never needs the large list: the small one holds every
    word from zipf 3 up."""
    return _zipf(word, "en", large=at_least < _SMALL_FLOOR)


_SMALL_FLOOR = 3.0  # the small lists hold every word at least this common


def _zipf(word: str, language: str, large: bool = True) -> float:
    key = unicodedata.normalize("NFC", word).lower()
    small = _bucket_list(f"small_{language}")
    if small is None:  # the data files moved: ask the package itself
        from wordfreq import zipf_frequency

        return zipf_frequency(key, language)
    if key in small:
        return _to_zipf(small[key])
    bigger = _bucket_list(f"large_{language}") if large and language == "en" else None
    return _to_zipf(bigger[key]) if bigger and key in bigger else 0.0


def _to_zipf(bucket: int) -> float:
    return round(9 - bucket / 100, 2)


@functools.cache
def _bucket_list(name: str) -> dict[str, int] | None:
    """word -> bucket of one of wordfreq's lists, read from its data file."""
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.msgpack.gz"
    if not path.exists():
        return None
    import msgpack  # installed with wordfreq

    with gzip.open(path, "rb") as stream:
        header, *buckets = msgpack.load(stream, raw=False)
    if not isinstance(header, dict) or header.get("format") != "cB":
        return None
    return {word: index for index, bucket in enumerate(buckets) for word in bucket}


def is_foreign_word(word: str) -> bool:
    """An English (or other foreign) word written in Vietnamese text: `there`, `code`, `paper`.
    Not a word in mixed case (`loT` is damage, not `lot`), and a two-letter one only when it is
    a common English word (`is`, `of`; not `qu` left of `qua`)."""
    if any(ch.isupper() for ch in word[1:]) and not word.isupper():
        return False
    needed = _SHORT_FOREIGN_ZIPF if len(word) <= 2 else FOREIGN_ZIPF
    return english(word, needed) >= needed or (len(word) > 3 and french(word) >= _FRENCH_ZIPF)


@functools.lru_cache(maxsize=100_000)
def french(word: str) -> float:
    """Zipf frequency of `word` in French text (its small list: words from zipf 3 up)."""
    return _zipf(word, "fr", large=False)


_FRENCH_ZIPF = 3.0  # `mangeons`, `nous`: quoted French, the second foreign language of theses


@functools.lru_cache(maxsize=100_000)
def segment(word: str, max_parts: int = 3) -> tuple[str, ...] | None:
    """The most likely reading of `word` as 2..`max_parts` Vietnamese syllables written without
    spaces, or None when no such reading exists. Of the readings whose parts are all syllables,
    the one whose rarest part is most common wins (`hệthống` → hệ + thống, not hệt + hống;
    `kếthừa` → kế + thừa, not kết + hừa), a reading in fewer parts unless a longer one is
    clearly better (`DOANHTRẦN` → DOANH + TRẦN, not DO + ANH + TRẦN). Every part has two letters
    or more, and a capital letter after a small one starts a part (`củaTỉnh`). Parts are slices
    of the NFC form of `word`."""
    text = unicodedata.normalize("NFC", word)
    n = len(text)
    best: tuple[float, int, tuple[str, ...]] | None = None

    def walk(start: int, parts: tuple[str, ...]) -> None:
        nonlocal best
        if start == n:
            if len(parts) >= 2:
                key = (min(map(_part_score, parts)) - _PART_PENALTY * (len(parts) - 2), -len(parts), parts)
                if best is None or key[:2] > best[:2]:
                    best = key
            return
        if len(parts) == max_parts:
            return
        for end in range(start + 1, n + 1):
            piece = text[start:end]
            if len(piece) >= 2 and is_syllable(piece):
                walk(end, (*parts, piece))
            if end < n and text[end].isupper() and piece[-1].islower():
                break  # a capital after a small letter always starts a new part

    walk(0, ())
    return best[2] if best else None


def _part_score(part: str) -> float:
    return vietnamese(part)


def split_confidence(parts: tuple[str, ...]) -> float:
    """How sure a split is: the Vietnamese frequency of its rarest part (zipf)."""
    return min(vietnamese(part) for part in parts)
