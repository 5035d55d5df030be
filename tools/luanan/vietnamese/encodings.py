"""Which legacy encoding a file that is not UTF-8 looks like: Windows-1258, TCVN3 (ABC) or
Latin-1 — so that the error can say what to convert from."""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (ABC): Vietnamese letters in the upper half of the byte table. Capital letters with a
# tone were not encoded (the "H" fonts drew them from the small ones).
TCVN3 = dict(zip(
    bytes(range(0xA1, 0xA8)) + bytes(range(0xA8, 0xAF)) + bytes([0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạ",
))
TCVN3.update(zip(bytes(range(0xBB, 0xC0)) + bytes(range(0xC6, 0xCD)) + bytes(range(0xCE, 0xD7)),
                 "ằẳẵắặầẩẫấậèẻẽéẹềểễếệ"))
TCVN3.update(zip(bytes([0xD7, 0xD8, 0xDC, 0xDD, 0xDE]) + bytes(range(0xDF, 0xE0)) + bytes(range(0xE1, 0xFF)),
                 "ìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"))
VIETNAMESE = set("àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵđ"
                 "ĂÂÊÔƠƯĐ")
ICONV_NAMES = {"Windows-1258": "CP1258", "TCVN3": "TCVN5712-1", "Latin-1": "LATIN1"}
TONES = set("\u0300\u0301\u0303\u0309\u0323")


def guess_encoding(data: bytes) -> str:
    """'Windows-1258', 'TCVN3' or 'Latin-1' (the Western European code page)."""
    scores = {"Windows-1258": vietnamese_share(unicodedata.normalize("NFC", data.decode("cp1258", "replace"))),
              "TCVN3": vietnamese_share(_decode_tcvn3(data)),
              "Latin-1": 0.5}
    return max(scores, key=scores.get)


def _decode_tcvn3(data: bytes) -> str:
    return "".join(TCVN3.get(byte, chr(byte)) if byte >= 0x80 else chr(byte) for byte in data)


def vietnamese_share(text: str) -> float:
    """Of the words holding non-ASCII letters, the share that read as Vietnamese: only
    Vietnamese letters, and at most one toned vowel."""
    words = [w for w in text.split() if any(ord(c) > 127 for c in w)]
    if not words:
        return 0.0
    good = sum(1 for w in words if _plausible(w))
    return good / len(words)


# The shape of a Vietnamese syllable once its tone is removed: onset, vowels, coda.
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}"
                       r"(ng|nh|ch|[cmnpt]|[iyou])?")


def _plausible(word: str) -> bool:
    letters = "".join(c for c in word if c.isalpha()).lower()
    toned = sum(1 for c in letters if any(m in TONES for m in unicodedata.normalize("NFD", c)))
    bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", letters) if c not in TONES))
    return toned <= 1 and bool(_SYLLABLE.fullmatch(bare))
