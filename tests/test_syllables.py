"""The Vietnamese syllable validator: hard real syllables pass, misspellings fail, glued words split,
and clean Vietnamese text (the embedded chapter, a prose paragraph) raises no false alarm."""

from __future__ import annotations

import unicodedata

import pytest

from conftest import CHAPTER, REPO
from luanan.citations.parse import find_citations
from luanan.load.chapters import load_document
from luanan.vietnamese.syllables import (
    Syllable,
    is_syllable,
    is_vietnamese_word_candidate,
    parse_syllable,
    split_glued,
)

NFD = lambda text: unicodedata.normalize("NFD", text)

VALID = [
    # plain syllables
    "a",
    "ạ",
    "ở",
    "ý",
    "y",
    "ăn",
    "âm",
    "ông",
    "ấy",
    "em",
    "mình",
    "nhà",
    "máy",
    "tỉnh",
    "của",
    "chương",
    "từ",
    "và",
    "trường",
    "phường",
    "xã",
    "đảng",
    "việc",
    "được",
    "mướp",
    "pin",
    # gi, k/gh/ngh, q
    "gì",
    "gìn",
    "giếng",
    "giữa",
    "gia",
    "giường",
    "giặc",
    "giễu",
    "ghế",
    "ghi",
    "nghĩa",
    "nghiêng",
    "kỳ",
    "kỹ",
    "kiến",
    "kêu",
    "kia",
    "quốc",
    "quý",
    "qui",
    "quạ",
    "quăng",
    "quen",
    "quê",
    "quân",
    "quyết",
    "quýt",
    # glides, diphthongs, triphthongs
    "khuya",
    "nguyễn",
    "người",
    "thuở",
    "oai",
    "uy",
    "ươm",
    "hoàng",
    "ngoèo",
    "truyền",
    "oẳn",
    "thuê",
    "huơ",
    "tuần",
    "xoắn",
    "hoặc",
    "ngoáy",
    "khuấy",
    "huých",
    "huynh",
    "tuyết",
    "chuyện",
    "khuỷu",
    "rượu",
    "hươu",
    "yêu",
    "yên",
    "uyên",
    "tuổi",
    "khoanh",
    "hoạch",
    "khuếch",
    "nguệch",
    # long o
    "oong",
    "xoong",
    "boong",
    "soóc",
    # stop codas with sắc / nặng, ch/nh codas
    "cáp",
    "mạch",
    "ếch",
    "bệnh",
    "chịu",
    "thích",
    # both tone placements
    "hoà",
    "hòa",
    "thuỷ",
    "thủy",
    "khoẻ",
    "khỏe",
    "uỷ",
    "ủy",
    "tuỳ",
    "tùy",
    # case, normalization, look-alikes
    "NGƯỜI",
    "Nguyễn",
    "ĐẢNG",
    "Đảng",
    "\u00d0ảng",
    "\u00d0ẢNG",
    "Tỉnh",
    "QUỐC",
    NFD("nguyễn"),
    NFD("Người"),
    NFD("KHUỶU"),
    NFD("thủy"),
]

INVALID = [
    "càp",
    "tiềc",
    NFD("tiềc"),
    "đươc",
    "ghá",
    "ka",
    "ku",
    "ce",
    "ci",
    "coa",
    "cuê",
    "gy",
    "ngi",
    "nge",
    "ghy",
    "qa",
    "q",
    "quu",
    "ă",
    "â",
    "tuć",
    "tỉnhh",
    "xyz",
    "tion",
    "stra",
    "viêc\u0323",
    "qúy",
    "hòang",
    "ngừơi",
    "cuả",
    "gìa",
    "gii",
    "iêu",
    "ya",
    "biê",
    "uô",
    "ech",
    "ơng",
    "uch",
    "nh",
    "anhh",
    "thuỷy",
    "ĐảNG",
    "cHƯƠNG",
    "fan",
    "jam",
    "wow",
    "zero",
    "he\u0301\u0300",
    "mo\u0308",
    "ça",
    "haǹh",
    "",
    "3",
    "a-b",
    "vàchương",
    "củaTỉnh",
]


@pytest.mark.parametrize("word", VALID)
def test_valid_syllables(word):
    assert is_syllable(word), word


@pytest.mark.parametrize("word", INVALID)
def test_invalid_syllables(word):
    assert parse_syllable(word) is None, word
    assert not is_syllable(word)


def test_tables_are_big_enough():
    assert len(VALID) >= 60 and len(INVALID) >= 30


@pytest.mark.parametrize(
    "word, parts",
    [
        ("người", ("ng", "", "ươ", "i", 1)),
        ("gì", ("gi", "", "i", "", 1)),
        ("giếng", ("gi", "", "iê", "ng", 4)),
        ("quốc", ("q", "u", "ô", "c", 4)),
        ("qua", ("q", "u", "a", "", 0)),
        ("mua", ("m", "", "ua", "", 0)),
        ("khuya", ("kh", "u", "ya", "", 0)),
        ("nghiêng", ("ngh", "", "iê", "ng", 0)),
        ("hoà", ("h", "o", "a", "", 1)),
        ("hòa", ("h", "o", "a", "", 1)),
        ("thuỷ", ("th", "u", "y", "", 2)),
        ("thủy", ("th", "u", "y", "", 2)),
        ("Ngã", ("ng", "", "a", "", 3)),
        ("mạch", ("m", "", "a", "ch", 5)),
        ("\u00d0ẠI", ("đ", "", "a", "i", 5)),
        (NFD("truyền"), ("tr", "u", "yê", "n", 1)),
    ],
)
def test_parts(word, parts):
    assert parse_syllable(word) == Syllable(*parts)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("vàchương", ("và", "chương")),
        ("từtỉnh", ("từ", "tỉnh")),
        ("củaTỉnh", ("của", "Tỉnh")),
        ("nhàmáy", ("nhà", "máy")),
        (NFD("từtỉnh"), ("từ", "tỉnh")),
        ("ĐảngViên", ("Đảng", "Viên")),
        ("nghiêng", None),
        ("xyz", None),
        ("system", None),
        ("", None),
        ("2010", None),
    ],
)
def test_split_glued(word, expected):
    assert split_glued(word) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Đảng", True),
        ("người", True),
        ("tuć", True),
        ("viêc̣", True),
        ("củaTỉnh", True),
        ("bé", True),
        ("A", True),
        ("TCCSĐ", False),
        ("HĐND", False),
        ("KT-XH", False),
        ("XVII", False),
        ("UBND", False),
        ("2010", False),
        ("01-QC/TU", False),
        ("tr", False),
        ("Nxb", False),
        ("b", False),
        ("file", False),
        ("jazz", False),
        ("Wang", False),
        ("Zürich", False),
        ("garçon", False),
        ("Köln", False),
        ("Ångström", False),
        ("señor", True),
    ],
)
def test_word_candidates(word, expected):
    assert is_vietnamese_word_candidate(word) is expected


def _tokens(text: str) -> list[str]:
    """White-space tokens without the punctuation around them (quotes, commas, ** and #)."""
    tokens = []
    for raw in text.split():
        start, end = 0, len(raw)
        while start < end and not unicodedata.category(raw[start]).startswith(("L", "N")):
            start += 1
        while end > start and not unicodedata.category(raw[end - 1]).startswith(("L", "N", "M")):
            end -= 1
        if start < end:
            tokens.append(raw[start:end])
    return tokens


def _checked_words(text: str) -> list[str]:
    return [token for token in _tokens(text) if is_vietnamese_word_candidate(token)]


def chapter_words() -> list[str]:
    """Words of the embedded chapter's body: no front matter, no citations, no abbreviations."""
    document = load_document(CHAPTER, CHAPTER.relative_to(REPO))
    text = document.source.text
    body = list(text)
    for citation in find_citations(text, document.body_start):
        body[citation.start : citation.end] = " " * (citation.end - citation.start)
    return _checked_words("".join(body)[document.body_start :])


def test_clean_chapter_has_no_false_alarm():
    words = chapter_words()
    assert len(words) > 2000  # the tokenizer really read the chapter (2,999 words)
    assert [w for w in words if not is_syllable(w)] == []
    assert [w for w in words if split_glued(w)] == []


CLEAN_PROSE = """
Buổi sáng mùa thu ở làng quê, sương còn giăng mỏng trên những thửa ruộng xanh mướt. Bà ngoại
tôi thức dậy từ rất sớm, nhóm bếp, nấu nồi cháo gà thơm phức rồi khẽ gọi cả nhà. Ngoài sân, đàn
chim sẻ ríu rít chuyền cành, con chó vàng ngoáy đuôi chạy quanh gốc khế. Ông tôi ngồi bên hiên,
pha ấm trà nóng, kể chuyện thuở nhỏ đi học trường huyện, phải lội qua khúc sông vắng lúc đêm
khuya, giữa trời mưa rét buốt. Những câu chuyện ấy giản dị nhưng khiến lũ trẻ chúng tôi nghe say
sưa, quên cả giờ đi ngủ. Mỗi khi nhớ lại, tôi thấy lòng mình ấm áp lạ thường, như được trở về
khoảng trời tuổi thơ yên bình. Dẫu cuộc sống hôm nay nhiều đổi thay, người ta vẫn giữ gìn nếp
nhà, vẫn quý trọng tình nghĩa xóm giềng và nghiêng mình trước công ơn của những thế hệ đi trước.
Rượu nếp, bánh chưng, dưa hành ngày Tết khiến hương vị quê hương lan khắp ngõ ngách. Con hươu
sao trong tranh Đông Hồ, chiếc xoong nhôm cũ kỹ, tiếng oẳn tù tì của lũ trẻ, con đường ngoằn
ngoèo dẫn ra bến đò: tất cả hoà quyện thành ký ức thuỷ chung. Chị tôi khoẻ mạnh, uyển chuyển
múa quạt; em tôi nguệch ngoạc vẽ khuỷu tay ông, rồi quýnh quáng huých vai anh Nguyễn Văn Toản
ngoảnh lại cười. Ếch kêu ộp oạp, gió thổi vi vu, trăng khuyết treo lơ lửng giữa trời xuân.
"""


def test_clean_prose_has_no_false_alarm():
    words = _checked_words(CLEAN_PROSE)
    assert len(words) >= 150
    assert [w for w in words if not is_syllable(w)] == []
    assert [w for w in words if split_glued(w)] == []
    assert all(is_syllable(NFD(w)) and is_syllable(w.upper()) for w in words)
