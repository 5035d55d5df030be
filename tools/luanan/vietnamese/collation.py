"""Vietnamese collation by the national dictionary rule (spec vn-thesis-conventions.md §10.1, §10.3).

Hand-written with :mod:`unicodedata` only.  A word key compares the letters of one syllable first
(alphabet ``a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z``), then its tone
(none < grave < hook < tilde < acute < dot below), then letter case (lower before upper).  The tone
is stored per syllable, so old and new tone placements (``hoà``/``hòa``, ``thuỷ``/``thủy``) are equal.
Texts compare syllable by syllable (§10.1 rule 5); a prefix sorts first.  Name helpers build the
sort words of §10.3 step 2 and :func:`is_vietnamese_text` infers an entry's language (§9.1, §9.3).
"""

from __future__ import annotations

import functools
import unicodedata

__all__ = [
    "ALPHABET",
    "is_vietnamese_text",
    "text_key",
    "vietnamese_name_words",
    "western_name_words",
    "word_key",
    "words",
]

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}

# Tone marks in dictionary order; index 0 is "no mark" (§10.1 rule 2).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Look-alikes of Đ from text converted out of TCVN3/VNI (§10.3 step 3), with their lower cases.
_D_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})

# Characters breaking a name or title into words besides white space (§10.3 step 3).
_BREAKS = ".-',"

# Letters only Vietnamese uses (precomposed, NFC): đ ă ơ ư ĩ ũ and the tone-carrying vowels
# of Latin Extended Additional U+1EA0–U+1EF9 (ạ ả ấ … ỹ).
_VIETNAMESE_ONLY = frozenset("đĐăĂơƠưƯĩĨũŨ") | frozenset(map(chr, range(0x1EA0, 0x1EFA)))


def _split_tones(word: str) -> tuple[str, list[int]]:
    """Return ``word`` without its tone marks (NFC) and the tone indices found, in order."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", word))
    tones = [_TONES[ch] for ch in decomposed if ch in _TONES]
    letters = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", letters), tones


def _is_dropped(ch: str) -> bool:
    """Punctuation, white space and control characters carry no weight in a word key."""
    return unicodedata.category(ch)[0] in "PZC"


def _rank(letter: str) -> int:
    """Rank of a lower-case letter in the alphabet; unknown characters after ``z`` by code point."""
    return _RANK.get(letter, len(ALPHABET) + ord(letter[0]))


def _lower(ch: str) -> str:
    """One-character lower case (characters whose lower case is longer stay as they are)."""
    low = ch.lower()
    return low if len(low) == 1 else ch


@functools.lru_cache(maxsize=65536)
def word_key(word: str) -> tuple:
    """Key of one syllable/word (§10.3 steps 3-4).

    ``(letter ranks, tone index 0-5, further tone indices, case flags)``: letters dominate,
    then the tone, then lower before upper case.  The third component is empty for Vietnamese
    syllables; it only orders foreign words carrying more than one accent (``été``).
    """
    mapped = "".join(ch for ch in word.translate(_D_LOOKALIKES) if not _is_dropped(ch))
    letters, tones = _split_tones(mapped)
    ranks = tuple(_rank(_lower(ch)) for ch in letters)
    case = tuple(int(_lower(ch) != ch) for ch in letters)
    tone = tones[0] if tones else 0
    return ranks, tone, tuple(tones[1:]), case


def words(text: str) -> list[str]:
    """Split a name or title into words: white space and ``. - ' ,`` break, punctuation is dropped."""
    spaced = "".join(" " if ch in _BREAKS or _is_dropped(ch) else ch for ch in text)
    return spaced.split()


def text_key(text: str) -> tuple:
    """Syllable-by-syllable key of a title or organisation name (§10.1 rule 5)."""
    return tuple(word_key(word) for word in words(text))


def vietnamese_name_words(name: str) -> list[str]:
    """Sort words of a Vietnamese name in natural order "Họ Đệm Tên": ``[Tên, Họ, Đệm…]``."""
    parts = words(name)
    return parts[-1:] + parts[:-1]


def western_name_words(name: str) -> list[str]:
    """Sort words of a Western name: ``[surname, given names…]``.

    Comma forms follow BibTeX: ``Last, First`` and ``Last, Jr, First`` (suffix after the given
    names).  Without a comma the last word is the surname (``V.I.Lênin`` → Lênin, V, I).
    """
    if "," not in name:
        parts = words(name)
        return parts[-1:] + parts[:-1]
    pieces = [words(piece) for piece in name.split(",")]
    surname, rest = pieces[0], pieces[1:]
    if len(rest) >= 2:
        suffix, given = rest[0], [w for piece in rest[1:] for w in piece]
        return surname + given + suffix
    return surname + [w for piece in rest for w in piece]


def is_vietnamese_text(text: str) -> bool:
    """True when ``text`` holds a letter that only Vietnamese uses (đ, ă, ơ, ư, ạ, ả, ế, ỹ…)."""
    return any(ch in _VIETNAMESE_ONLY for ch in unicodedata.normalize("NFC", text))
