"""Page locators: `671`, `36-37`, `36–37`, `4, 7`, `1.024` (Vietnamese thousands dot), `xii`."""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE = r"(?:\d{1,3}(?:\.\d{3})+|\d+|[ivxlcdm]+|[IVXLCDM]+)"
RANGE = rf"{PAGE}(?:\s*(?:--?|–)\s*{PAGE})?"  # `--` is how BibTeX writes a range
PAGES = re.compile(rf"{RANGE}(?:\s*,\s*{RANGE})*")
_RANGE_PARTS = re.compile(rf"({PAGE})(?:\s*(--?|–)\s*({PAGE}))?")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class PageRange:
    first: str
    last: str | None  # None for a single page
    dash: str = "-"

    @property
    def numbers(self) -> tuple[int | None, int | None]:
        """Arabic page numbers; None for roman (front-matter) pages."""
        return page_number(self.first), page_number(self.last) if self.last else page_number(self.first)

    @property
    def descending(self) -> bool:
        start, end = self.numbers
        return start is not None and end is not None and end < start

    def repaired(self) -> PageRange:
        """`123-5` meant 123-125; `9-3` meant 3-9."""
        if not self.descending:
            return self
        first, last = self.first, self.last or ""
        expanded = first[: len(first) - len(last)] + last
        if len(last) < len(first) and (page_number(expanded) or 0) > (page_number(first) or 0):
            return PageRange(first, expanded, self.dash)
        return PageRange(last, first, self.dash)

    def __str__(self) -> str:
        return self.first if self.last is None else f"{self.first}{self.dash}{self.last}"


def page_ranges(pages: str) -> list[PageRange]:
    return [PageRange(m.group(1), m.group(3), "–" if m.group(2) == "–" else "-") for m in _RANGE_PARTS.finditer(pages)]


def format_pages(ranges: list[PageRange]) -> str:
    return ", ".join(str(r) for r in ranges)


def page_number(text: str | None) -> int | None:
    """`1.024` -> 1024; roman numerals -> None (they count front matter, not the body)."""
    if text is None:
        return None
    if text.replace(".", "").isdigit():
        return int(text.replace(".", ""))
    return None


def roman_value(text: str) -> int:
    values = [_ROMAN[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
