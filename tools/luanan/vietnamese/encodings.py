"""Which legacy encoding a file that is not UTF-8 looks like: Windows-1258, TCVN3 (ABC) or
Latin-1 — so that the error can say what to convert from."""

from __future__ import annotations

import unicodedata

from luanan.vietnamese.syllables import is_syllable

# TCVN3 (ABC): Vietnamese letters in the upper half of the byte table. Capital letters with a
# tone were not encoded (the "H" fonts drew them from the small ones).
TCVN3 = dict(
    zip(
        bytes(range(0xA1, 0xA8)) + bytes(range(0xA8, 0xAF)) + bytes([0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
        "ĂÂÊÔƠƯĐăâêôơưđàảãáạ",
    )
)
TCVN3.update(
    zip(bytes(range(0xBB, 0xC0)) + bytes(range(0xC6, 0xCD)) + bytes(range(0xCE, 0xD7)), "ằẳẵắặầẩẫấậèẻẽéẹềểễếệ")
)
TCVN3.update(
    zip(
        bytes([0xD7, 0xD8, 0xDC, 0xDD, 0xDE]) + bytes(range(0xDF, 0xE0)) + bytes(range(0xE1, 0xFF)),
        "ìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    )
)
ICONV_NAMES = {"Windows-1258": "CP1258", "TCVN3": "TCVN5712-1", "Latin-1": "LATIN1"}


def guess_encoding(data: bytes) -> str:
    """'Windows-1258', 'TCVN3' or 'Latin-1' (the Western European code page)."""
    scores = {
        "Windows-1258": vietnamese_share(unicodedata.normalize("NFC", data.decode("cp1258", "replace"))),
        "TCVN3": vietnamese_share(_decode_tcvn3(data)),
        "Latin-1": 0.5,
    }
    return max(scores, key=lambda name: scores[name])


def _decode_tcvn3(data: bytes) -> str:
    return "".join(TCVN3.get(byte, chr(byte)) if byte >= 0x80 else chr(byte) for byte in data)


def vietnamese_share(text: str) -> float:
    """Of the words holding non-ASCII letters, the share that read as Vietnamese: only
    Vietnamese syllables."""
    words = [w for w in text.split() if any(ord(c) > 127 for c in w)]
    if not words:
        return 0.0
    good = sum(1 for w in words if _plausible(w))
    return good / len(words)


def _plausible(word: str) -> bool:
    return is_syllable("".join(c for c in word if c.isalpha()).lower())
