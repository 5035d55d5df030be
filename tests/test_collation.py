"""Vietnamese collation (spec vn-thesis-conventions.md §10): the test vectors of §10.3, the ICU
orders of §10.2 that the dictionary rule agrees with, name splitting and language detection."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from luanan.bibliography.sorting import sort_words, standard_order
from luanan.load.bibtex import load_bibtex
from luanan.vietnamese.collation import (
    is_vietnamese_text,
    text_key,
    vietnamese_name_words,
    western_name_words,
    word_key,
    words,
)

# §10.3 test vectors: the expected order of the spec's table.
EXPECTED = [
    "Lê Văn An",
    "Nguyễn Văn Ánh",
    "Lê Thị Ân",
    "Ban Chấp hành Đảng bộ tỉnh Thanh Hóa",
    "Ban Thường vụ Tỉnh ủy Thanh Hóa",
    "Nguyễn Thị Bình",
    "Trần Văn Bình",
    "Bộ Chính trị",
    "Đặng Minh Dũng",
    "Phạm Đức Dương",
    "Đảng Cộng sản Việt Nam",
    "C.Mác và Ph.Ăngghen",
    "Hồ Chí Minh",
    "Tỉnh ủy Thanh Hóa",
    "Ủy ban nhân dân tỉnh Thanh Hóa",
]

# The spec's input column lists the same 15 entries already in the expected order, so the tests
# sort that list and several permutations of it (reversed, code-point order, seeded shuffles).
INPUTS = list(EXPECTED)

# How a .bib file writes each vector's author: organisations braced, `{\DJ}` for Đ as old
# BibTeX files do, the two authors of `C.Mác và Ph.Ăngghen` joined by `and`.
WRITTEN = {
    "Ban Chấp hành Đảng bộ tỉnh Thanh Hóa": "{Ban Chấp hành Đảng bộ tỉnh Thanh Hóa}",
    "Ban Thường vụ Tỉnh ủy Thanh Hóa": "{Ban Thường vụ Tỉnh ủy Thanh Hóa}",
    "Bộ Chính trị": "{Bộ Chính trị}",
    "Đặng Minh Dũng": "{\\DJ}ặng Minh Dũng",
    "Đảng Cộng sản Việt Nam": "{Đảng Cộng sản Việt Nam}",
    "C.Mác và Ph.Ăngghen": "C.Mác and Ph.Ăngghen",
    "Tỉnh ủy Thanh Hóa": "{Tỉnh ủy Thanh Hóa}",
    "Ủy ban nhân dân tỉnh Thanh Hóa": "{Ủy ban nhân dân tỉnh Thanh Hóa}",
}


def entries(authors: list[str], tmp_path) -> list:
    """The vectors as loaded @book entries (one per author, all of 2010), in the given order."""
    bib = "".join(
        f"@book{{k{EXPECTED.index(a)}, author = {{{WRITTEN.get(a, a)}}}, title = {{Tác phẩm}}, year = {{2010}}}}\n"
        for a in authors
    )
    path = tmp_path / "vectors.bib"
    path.write_text(bib, encoding="utf-8")
    loaded, problems = load_bibtex(path, Path("vectors.bib"))
    assert problems == []
    return loaded


def listed(authors: list[str], tmp_path) -> list[str]:
    """The authors in luanan's standard order of the reference list (bibliography/sorting.py)."""
    order = standard_order(entries(authors, tmp_path), ["vi", "en"])
    assert {language for language, _ in order} == {"vi"}
    return [EXPECTED[int(entry.key[1:])] for _, entry in order]


def chain(items: list[str], key) -> None:
    """Assert ``items`` is strictly increasing under ``key``, pair by pair (clear failure message)."""
    for left, right in zip(items, items[1:]):
        assert key(left) < key(right), f"{left!r} should sort before {right!r}"


# 1. §10.3 test vectors ------------------------------------------------------------------------


def _shuffled(seed: int) -> list[str]:
    items = list(INPUTS)
    random.Random(seed).shuffle(items)
    return items


@pytest.mark.parametrize(
    "order",
    [INPUTS, list(reversed(INPUTS)), sorted(INPUTS), *(_shuffled(seed) for seed in range(5))],
)
def test_reference_list_vectors(order, tmp_path):
    assert listed(order, tmp_path) == EXPECTED


def test_reference_list_vectors_pairwise(tmp_path):
    for left, right in zip(EXPECTED, EXPECTED[1:]):
        assert listed([right, left], tmp_path) == [left, right], f"{left!r} should sort before {right!r}"


def test_sort_words_of_vector_entries(tmp_path):
    by_author = {EXPECTED[int(e.key[1:])]: e for e in entries(EXPECTED, tmp_path)}
    assert sort_words(by_author["Nguyễn Văn Ánh"], "vi") == ["Ánh", "Nguyễn", "Văn"]
    assert sort_words(by_author["C.Mác và Ph.Ăngghen"], "vi") == ["Mác", "C"]
    assert sort_words(by_author["Hồ Chí Minh"], "vi") == ["Minh", "Hồ", "Chí"]
    assert sort_words(by_author["Đặng Minh Dũng"], "vi") == ["Dũng", "Đặng", "Minh"]
    assert sort_words(by_author["Ban Chấp hành Đảng bộ tỉnh Thanh Hóa"], "vi")[:4] == ["Ban", "Chấp", "hành", "Đảng"]


# 2. Tone placement variants are equal --------------------------------------------------------


@pytest.mark.parametrize(("old", "new"), [("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("uỷ", "ủy"), ("hoè", "hòe")])
def test_tone_placement_variants_equal(old, new):
    assert word_key(old) == word_key(new)
    assert text_key(old) == text_key(new)


def test_tone_placement_variants_equal_in_text():
    assert text_key("Uỷ ban") == text_key("Ủy ban")
    assert text_key("Tỉnh uỷ Thanh Hoá") == text_key("Tỉnh ủy Thanh Hóa")


# 3. ICU orders of §10.2 that the dictionary rule agrees with -----------------------------------
# Every pair below agrees with §10.1 "letters, then tone, then case": e.g. `anh < Anh` (case only),
# `Anh < Ánh` (tone), `Ba < bà` (tone beats case), `Ân < Ẩn` (tone), `Ý < Yến` (prefix).  No pair
# contradicts the dictionary rule, so none had to be changed.

ICU_CHAINS = [
    "ác ách ang anh Anh Ánh Ăn Ân Ẩn ba Ba bà bả bã bá bạ".split(),
    "Dũng Dương Đào Đặng Đức".split(),
    "Út Uyên Ư".split(),
    "Y Ý Yến".split(),
]


@pytest.mark.parametrize("chain_words", ICU_CHAINS, ids=["a-to-ba", "d-to-dj", "u-to-uw", "y-to-yen"])
def test_icu_single_word_orders(chain_words):
    chain(chain_words, word_key)
    assert sorted(reversed(chain_words), key=word_key) == chain_words


def test_letters_before_tones_before_case():
    assert word_key("ạng") < word_key("anh")  # rule 3: letters decide, whatever the tones
    assert word_key("ANG") < word_key("anh")  # ... and whatever the case
    assert word_key("anh") < word_key("ánh")
    assert word_key("a") < word_key("A") < word_key("à")  # case only at equal letters and tones
    assert word_key("Ba") < word_key("bà")


def test_tone_order():
    chain(["a", "à", "ả", "ã", "á", "ạ"], word_key)
    assert [word_key(w)[1] for w in ["a", "à", "ả", "ã", "á", "ạ"]] == [0, 1, 2, 3, 4, 5]


def test_alphabet_order():
    chain("a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(), word_key)
    chain(["z", "ß", "ü"], word_key)  # unknown characters after z, by code point (U+00DF < U+00FC)
    assert word_key("y") < word_key("z") < word_key("0")  # digits are unknown characters too


@pytest.mark.parametrize(
    ("first", "second"),
    [("bác sĩ", "bạc"), ("ba bị", "bà ba"), ("cha", "chan"), ("Nguyễn Văn", "Nguyễn Văn An")],
)
def test_multi_syllable_dictionary_order(first, second):
    assert text_key(first) < text_key(second)


# 4. Look-alike Đ and normalisation form -------------------------------------------------------


@pytest.mark.parametrize("lookalike", ["\u00d0", "\u0189"])
def test_d_lookalikes_sort_as_dj(lookalike):
    assert word_key(lookalike + "ặng") == word_key("Đặng")
    assert text_key(lookalike + "ảng Cộng sản") == text_key("Đảng Cộng sản")
    assert word_key("Dương") < word_key(lookalike + "ào")


@pytest.mark.parametrize("text", ["Nguyễn Văn Ánh", "Ủy ban nhân dân", "Đặng Thị Hường", "Thuỷ", "ợ"])
def test_nfd_input_same_key_as_nfc(text):
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != unicodedata.normalize("NFC", text)
    assert text_key(nfd) == text_key(unicodedata.normalize("NFC", text))
    assert words(nfd) == [unicodedata.normalize("NFD", w) for w in words(text)]


def test_punctuation_ignored_in_word_key():
    assert word_key("Mác,") == word_key("Mác")
    assert word_key("A.") == word_key("A")


# 5. Words and names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C.Mác", ["C", "Mác"]),
        ("V.I.Lênin", ["V", "I", "Lênin"]),
        ("Ph.Ăngghen", ["Ph", "Ăngghen"]),
        ("Smith, John A.", ["Smith", "John", "A"]),
        ("  Nguyễn   Văn An ", ["Nguyễn", "Văn", "An"]),
        ("J.-P. Sartre", ["J", "P", "Sartre"]),
        ("Kinh tế: lý luận (tái bản)", ["Kinh", "tế", "lý", "luận", "tái", "bản"]),
        ("", []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


def test_vietnamese_name_words():
    assert vietnamese_name_words("Nguyễn Văn An") == ["An", "Nguyễn", "Văn"]
    assert vietnamese_name_words("Hồ Chí Minh") == ["Minh", "Hồ", "Chí"]
    assert vietnamese_name_words("Lê Thị Ngọc Ân") == ["Ân", "Lê", "Thị", "Ngọc"]
    assert vietnamese_name_words("Hùng") == ["Hùng"]
    assert vietnamese_name_words("") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Smith, John A.", ["Smith", "John", "A"]),
        ("John A. Smith", ["Smith", "John", "A"]),
        ("V.I.Lênin", ["Lênin", "V", "I"]),
        ("C.Mác", ["Mác", "C"]),
        ("Ph.Ăngghen", ["Ăngghen", "Ph"]),
        ("Smith, Jr., John", ["Smith", "John", "Jr"]),
        ("Plato", ["Plato"]),
    ],
)
def test_western_name_words(name, expected):
    assert western_name_words(name) == expected


# 6. Language inference --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Công tác kiểm tra", True),
        ("Hà Nội", True),
        ("Đảng Cộng sản Việt Nam", True),
        ("Lịch sử", True),
        (unicodedata.normalize("NFD", "Công tác kiểm tra"), True),
        ("Title of the Book", False),
        ("Economics", False),
        ("Économie politique à la française", False),
        ("São Paulo", False),
        ("", False),
    ],
)
def test_is_vietnamese_text(text, expected):
    assert is_vietnamese_text(text) is expected


def test_foreign_groups_use_the_unicode_collation_algorithm():
    from luanan.bibliography.sorting import foreign_word_key

    names = ["Zeta", "Öztürk", "Oz", "Åberg", "Aaron", "Ostrom"]
    assert sorted(names, key=lambda w: foreign_word_key(w, "en")) == [
        "Aaron",
        "Åberg",
        "Ostrom",
        "Oz",
        "Öztürk",
        "Zeta",
    ]
    russian = ["Жуков", "Ёлкин", "Егоров", "Ефимов"]
    assert sorted(russian, key=lambda w: foreign_word_key(w, "ru")) == ["Егоров", "Ёлкин", "Ефимов", "Жуков"]
    chinese = ["聂灵沼", "丁石孙", "王"]  # nie, ding, wang
    assert sorted(chinese, key=lambda w: foreign_word_key(w, "zh")) == ["丁石孙", "聂灵沼", "王"]


def test_sort_words_of_a_vietnamese_name_written_family_name_first(tmp_path):
    """`Lê, Hà Anh` has no letter only Vietnamese uses; in the Vietnamese group it is still filed
    under the given name, as the B112 finding reports it."""
    path = tmp_path / "comma.bib"
    path.write_text("@book{a, author = {Lê, Hà Anh}, title = {Sách}, year = {2010}}\n", encoding="utf-8")
    [entry], _ = load_bibtex(path, Path("comma.bib"))
    assert sort_words(entry, "vi") == ["Anh", "Lê", "Hà"]
    assert sort_words(entry, "en") == ["Lê", "H", "A"]
