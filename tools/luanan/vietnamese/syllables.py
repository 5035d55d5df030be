"""Vietnamese syllable validator: is a written word a possible syllable of modern orthography?

Standard library only (:mod:`unicodedata`, :mod:`re`).  A syllable is

    onset? + glide? + nucleus + coda?   with one tone (0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng)

* onset: b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q r s t th tr v x, or none.
  ``q`` is the onset and the ``u`` after it is always the glide (``quê`` = q + u + ê,
  ``quốc`` = q + u + ô + c).  ``gi`` is an onset; before a consonant, at the end of the word and
  before ``ê`` its ``i`` is shared with the nucleus (``gì`` = gi + i, ``giếng`` = gi + iê + ng), so
  the parts do not always add up to the spelling.
* glide: ``o`` before a ă e (``hoa``, ``hoặc``, ``khoẻ``); ``u`` before â ê ơ y yê ya (``tuân``,
  ``thuê``, ``thuở``, ``thuỷ``, ``tuyết``, ``khuya``), and after ``q`` also before a ă e i ô.
* nucleus: a ă â e ê i y o ô ơ u ư, ``oo`` (``xoong``, ``soóc``) and the diphthongs iê/yê/ia/ya,
  uô/ua, ươ/ưa.  ``iê`` follows an onset, ``yê`` starts the syllable or follows the glide u,
  ``ya`` only follows the glide u; ia ua ưa ya end the syllable, iê yê uô ươ ă â need a coda.
* coda: c ch m n ng nh p t, or the semivowels i y o u — each nucleus has its own set
  (:data:`CODAS`), so ch/nh only follow a ê i y, and ``ay``/``ây`` are the only y codas.

Spelling rules enforced: k gh ngh only before i y e ê (gh ngh not before y); c g ng never before
them, and c never before a glide; ``q`` only as ``qu`` + vowel; no ``i`` after the onset ``gi``;
stop codas (c ch p t) only with sắc or nặng (``cáp``, ``mạch``, not ``càp``); at most one tone
mark, on a vowel of the nucleus — the second letter of iê yê uô ươ, the first of ia ya ua ưa — or,
for the open rimes oa oe uy (not after q), on the glide as in the old placement (``hòa``/``hoà``,
``thủy``/``thuỷ``).  A mark on a consonant (``tuć``, ``viêc̣``) or on a semivowel coda is wrong.

Input may be NFC or NFD, lower case, Title case or ALL CAPS (other mixtures are rejected), and may
use the ``Ð`` (U+00D0) look-alike of ``Đ``.  Loanword syllables are not a goal (``pin`` passes,
``stress`` does not).  :func:`split_glued` repairs two syllables that lost their space and
:func:`is_vietnamese_word_candidate` tells callers which tokens to check at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "CODAS",
    "Syllable",
    "is_syllable",
    "is_vietnamese_word_candidate",
    "parse_syllable",
    "split_glued",
    "toneless",
]

# Combining tone marks and their numbers: huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Non-tone marks Vietnamese letters are built with: breve, circumflex, horn.
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})

VOWELS = frozenset("aăâeêioôơuưy")
LETTERS = frozenset("abcdeghiklmnopqrstuvxyăâđêôơư")

ONSETS = (
    "ngh",
    "ch",
    "gh",
    "gi",
    "kh",
    "ng",
    "nh",
    "ph",
    "th",
    "tr",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "q",
    "r",
    "s",
    "t",
    "v",
    "x",
    "",
)
_FRONT = frozenset("ieêy")  # letters k/gh/ngh need after them and c/g/ng must not have

_STOPS = frozenset({"c", "ch", "p", "t"})
CODAS: dict[str, frozenset[str]] = {
    nucleus: frozenset(codas.split(","))
    for nucleus, codas in {
        "a": ",c,ch,m,n,ng,nh,p,t,i,y,o,u",
        "ă": "c,m,n,ng,p,t",
        "â": "c,m,n,ng,p,t,u,y",
        "e": ",c,m,n,ng,p,t,o",
        "ê": ",ch,m,n,nh,p,t,u",
        "i": ",ch,m,n,nh,p,t,u",
        "y": ",ch,n,nh,p,t,u",  # a coda only after the glide u: huých, huynh, quýt, khuỷu
        "o": ",c,i,m,n,ng,p,t",
        "oo": "c,ng",
        "ô": ",c,i,m,n,ng,p,t",
        "ơ": ",i,m,n,p,t",
        "u": ",c,i,m,n,ng,p,t",
        "ư": ",c,i,m,n,ng,t,u",
        "iê": "c,m,n,ng,p,t,u",
        "yê": "c,m,n,ng,p,t,u",
        "uô": "c,i,m,n,ng,t",
        "ươ": "c,i,m,n,ng,p,t,u",
        "ia": "",
        "ya": "",
        "ua": "",
        "ưa": "",
    }.items()
}
_NUCLEI = sorted(CODAS, key=len, reverse=True)
_ALL_CODAS = sorted({c for codas in CODAS.values() for c in codas}, key=len, reverse=True)

_GLIDE_NUCLEI = {"o": frozenset("a ă e".split()), "u": frozenset("â ê ơ y yê ya".split())}
_AFTER_QU = frozenset("a ă â e ê i ô ơ y yê ya".split())
# Index, inside the nucleus, of the letter that carries the tone; None: either letter.
_TONE_INDEX = {"iê": 1, "yê": 1, "uô": 1, "ươ": 1, "ia": 0, "ya": 0, "ua": 0, "ưa": 0, "oo": None}
_OLD_PLACEMENT = frozenset({"oa", "oe", "uy"})


@dataclass(frozen=True)
class Syllable:
    """One parsed syllable, lower case and without tone: ``người`` → ng, "", ươ, i, tone 1."""

    onset: str
    glide: str
    nucleus: str
    coda: str
    tone: int  # 0 none, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng

    @property
    def rime(self) -> str:
        return self.glide + self.nucleus + self.coda


def _letters(word: str) -> tuple[str, list[tuple[int, int]]] | None:
    """Lower-case toneless letters of ``word`` and its tone marks as (tone, letter index).

    None when a character is not a Vietnamese letter or a mark has no letter to sit on.
    """
    decomposed = unicodedata.normalize("NFD", word.translate(_LOOKALIKES))
    bases: list[str] = []
    marks: list[str] = []
    tones: list[tuple[int, int]] = []
    for ch in decomposed:
        if not unicodedata.combining(ch):
            bases.append(ch)
            marks.append("")
        elif not bases:
            return None
        elif ch in TONE_MARKS:
            tones.append((TONE_MARKS[ch], len(bases) - 1))
        elif ch in _LETTER_MARKS:
            marks[-1] += ch
        else:
            return None
    letters = [unicodedata.normalize("NFC", base + mark) for base, mark in zip(bases, marks)]
    if not _plain_case(letters) or not all(len(x) == 1 for x in letters):
        return None
    lower = "".join(letters).lower()
    if len(lower) != len(letters) or not set(lower) <= LETTERS:
        return None
    return lower, tones


def _plain_case(letters: list[str]) -> bool:
    """lower case, Title case or ALL CAPS."""
    rest = letters[1:]
    return all(x.islower() for x in rest) or all(x.isupper() for x in rest) and letters[0].isupper()


def _rimes(rime: str):
    """Every (glide, nucleus, coda) spelling ``rime``."""
    for glide in ("", "o", "u"):
        if not rime.startswith(glide):
            continue
        rest = rime[len(glide) :]
        for nucleus in _NUCLEI:
            if rest.startswith(nucleus) and rest[len(nucleus) :] in CODAS[nucleus]:
                yield glide, nucleus, rest[len(nucleus) :]


def _onset_fits(onset: str, glide: str, nucleus: str) -> bool:
    """The spelling rules tying the onset to the letter after it."""
    following = (glide or nucleus)[0]
    if onset == "q":
        return glide == "u" and nucleus in _AFTER_QU
    if onset == "k":
        return following in _FRONT
    if onset in ("gh", "ngh"):
        return following in "ieê"
    if onset == "c" and glide:
        return False  # /kw/ is written qu: quê, not cuê
    if onset in ("c", "g", "ng"):
        return following not in _FRONT
    return True


def _rime_fits(onset: str, glide: str, nucleus: str, coda: str) -> bool:
    """Glide/nucleus/coda combinations of modern orthography."""
    if glide and onset != "q" and nucleus not in _GLIDE_NUCLEI[glide]:
        return False
    if nucleus == "y" and coda and glide != "u":
        return False
    if nucleus == "iê" and (not onset or glide):
        return False
    if nucleus == "yê" and onset and glide != "u":
        return False
    if nucleus == "ya" and glide != "u":
        return False
    return not (nucleus in ("ia", "ua", "ưa", "uô", "ươ", "oo") and glide)


def _tone_fits(tones: list[tuple[int, int]], start: int, glide: str, nucleus: str, coda: str, onset: str) -> bool:
    """At most one mark, on the right vowel; stop codas only with sắc or nặng."""
    if len(tones) > 1:
        return False
    tone, where = tones[0] if tones else (0, None)
    if coda in _STOPS and tone not in (4, 5):
        return False
    if where is None:
        return True
    first = start + len(glide)  # index of the nucleus' first letter
    index = _TONE_INDEX.get(nucleus, 0)
    allowed = {first, first + 1} if index is None else {first + index}
    if glide and not coda and glide + nucleus in _OLD_PLACEMENT and onset != "q":
        allowed.add(start)
    return where in allowed


def _parses(word: str, tones: list[tuple[int, int]]):
    """Every valid Syllable reading of the toneless lower-case ``word``."""
    for onset in ONSETS:
        if not word.startswith(onset):
            continue
        rime, start = word[len(onset) :], len(onset)
        if onset == "gi" and rime[:1] in ("i", "y"):
            continue
        if onset == "gi" and (not rime or rime[0] not in VOWELS or rime[0] == "ê"):
            rime, start = "i" + rime, start - 1  # gì, gìn, giếng: the i is shared
        for glide, nucleus, coda in _rimes(rime):
            if (
                _onset_fits(onset, glide, nucleus)
                and _rime_fits(onset, glide, nucleus, coda)
                and _tone_fits(tones, start, glide, nucleus, coda, onset)
            ):
                yield Syllable(onset, glide, nucleus, coda, tones[0][0] if tones else 0)


def parse_syllable(word: str) -> Syllable | None:
    """The parts of ``word`` as one Vietnamese syllable, or None when it cannot be one.

    The longest fitting onset wins (``nghiêng`` = ngh + iê + ng).
    """
    found = _letters(word) if word else None
    if found is None:
        return None
    return next(_parses(*found), None)


def is_syllable(word: str) -> bool:
    """True when ``word`` is a possible Vietnamese syllable."""
    return parse_syllable(word) is not None


def split_glued(word: str) -> tuple[str, str] | None:
    """Two syllables written without a space: ``vàchương`` → ``("và", "chương")``.

    None when ``word`` is itself a syllable or no split gives two syllables.  When several splits
    do, the first rule that prefers one decides:
    1. the second half starts with a capital after a small letter (``củaTỉnh``);
    2. the second half starts with a consonant — a consonant between two vowels begins the next
       syllable (``nhàmáy`` → nhà + máy rather than nhàm + áy);
    3. the longest first half.
    The halves are slices of the NFC form of ``word``.
    """
    text = unicodedata.normalize("NFC", word)
    if not text or is_syllable(text):
        return None
    splits = [(text[:i], text[i:]) for i in range(1, len(text)) if is_syllable(text[:i]) and is_syllable(text[i:])]
    if not splits:
        return None
    return max(splits, key=_split_rank)


def _split_rank(split: tuple[str, str]) -> tuple[bool, bool, int]:
    first, second = split
    capital = first[-1].islower() and second[0].isupper()
    parsed = parse_syllable(second)
    onset = parsed is not None and parsed.onset != ""
    return capital, onset, len(first)


_NON_LETTER = re.compile(r"[^\w\u0300-\u036f]|[\d_]")


def is_vietnamese_word_candidate(word: str) -> bool:
    """Whether a token is worth checking as Vietnamese syllables.

    False for tokens holding anything but letters (digits, hyphens, dots: ``01-QC``, ``KT-XH``),
    ALL CAPS tokens of two letters or more (``TCCSĐ``, ``HĐND``, ``XVII``), tokens without a vowel
    (``Nxb``, ``tr``, a lone ``b``), and tokens with a letter outside the Vietnamese alphabet:
    f j w z or a foreign mark (``ö``, ``ç``, ``å``).  ``é``/``è`` are Vietnamese letters
    (``bé``, ``mè``); a Vietnamese tone mark on a consonant (``tuć``, and so also ``ñ``) keeps the
    token a candidate, so that callers report it as damaged.
    """
    text = unicodedata.normalize("NFC", word.translate(_LOOKALIKES))
    if not text or _NON_LETTER.search(text):
        return False
    letters = [ch for ch in text if not unicodedata.combining(ch)]
    if len(letters) >= 2 and text.upper() == text:
        return False
    bases = _toneless(text).lower()
    if not set(bases) <= LETTERS:
        return False
    return any(ch in VOWELS for ch in bases)


def _toneless(text: str) -> str:
    """``text`` with its tone marks removed (NFC); tone marks left on no letter are dropped."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))


toneless = _toneless
