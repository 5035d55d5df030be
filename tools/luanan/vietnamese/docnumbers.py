"""Official document numbers (spec vn-thesis-conventions.md §11): Party `01-QC/TU`, State
`1089/QĐ-UBND` and `18/2021/TT-BGDĐT`, found in text with the date written after them, and the
shape each should have."""

from __future__ import annotations

import re
from dataclasses import dataclass

PARTY_TYPES = "NQ|QĐi|QĐ|CT|KL|QC|HD|TT|TB|BC|KH|CTr|TTr|ĐA|CV|BB"
STATE_TYPES = "NĐ|QĐ|TT|TTLT|NQ|CT|CV|KH|TB|BC|HD|QH\\d*|L"
_PARTY = re.compile(rf"(?<![\w/])(\d{{1,5}})(\s*[-‐‑–—]?\s*)({PARTY_TYPES})\s*/\s*([A-ZĐ][A-Za-zĐđ]{{1,9}})(?![\w-])")
_STATE = re.compile(
    rf"(?<![\w/-])(\d{{1,5}})\s*/?\s*(?:(\d{{4}})\s*/\s*)?({STATE_TYPES})\s*-\s*"
    r"([A-ZĐ][A-ZĐa-z]*(?:-[A-ZĐ][A-ZĐa-z]*)*)"
)
_DATE = re.compile(r"^,?\s*(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
# the word(s) naming a document, and the type codes that go with each (spec §11.2 rule 6)
KIND_WORDS = {
    "quy chế": {"QC"},
    "quyết định": {"QĐ"},
    "chỉ thị": {"CT"},
    "nghị quyết": {"NQ"},
    "quy định": {"QĐi", "QĐ"},
    "hướng dẫn": {"HD"},
    "kết luận": {"KL"},
    "thông tri": {"TT"},
    "thông báo": {"TB"},
    "báo cáo": {"BC"},
    "kế hoạch": {"KH"},
    "chương trình": {"CTr"},
    "tờ trình": {"TTr"},
    "đề án": {"ĐA"},
    "công văn": {"CV"},
    "biên bản": {"BB"},
    "thông tư": {"TT", "TTLT"},
    "nghị định": {"NĐ"},
}


@dataclass(frozen=True)
class DocumentNumber:
    start: int
    end: int
    written: str
    canonical: str  # the shape it should have
    type_code: str
    date: tuple[int, int, int] | None  # (day, month, year) written right after it
    date_text: str | None
    kind_word: str | None  # "quyết định"... named just before it


def find_document_numbers(text: str) -> list[DocumentNumber]:
    found: dict[int, DocumentNumber] = {}
    for match in _STATE.finditer(text):
        year = f"{match[2]}/" if match[2] else ""
        found[match.start()] = _number(text, match, f"{match[1]}/{year}{match[3]}-{match[4]}", match[3])
    for match in _PARTY.finditer(text):
        if match.start() not in found:
            found[match.start()] = _number(text, match, f"{match[1]}-{match[3]}/{match[4]}", match[3])
    return [found[key] for key in sorted(found)]


def _number(text: str, match: re.Match, canonical: str, code: str) -> DocumentNumber:
    date = _DATE.match(text[match.end() : match.end() + 30])
    before = " ".join(text[max(0, match.start() - 60) : match.start()].lower().split())
    kind = max((word for word in KIND_WORDS if word in before), key=before.rfind, default=None)
    day = (int(date[1]), int(date[2]), int(date[3])) if date else None
    written = date.group().lstrip(", ").removeprefix("ngày").strip() if date else None
    return DocumentNumber(match.start(), match.end(), match.group(), canonical, code, day, written, kind)


def with_canonical_numbers(text: str) -> str:
    """`text` with every document number written in its official shape."""
    pieces, position = [], 0
    for number in find_document_numbers(text):
        pieces += [text[position : number.start], number.canonical]
        position = number.end
    return "".join(pieces) + text[position:]
