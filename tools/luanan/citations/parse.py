"""Find and parse citations: `[157, tr. 671]`, `[19; 25]`, `[@key, tr. 5]`, `[Phụ lục 22]`...

Grammar: spec/vn-thesis-conventions.md §8.2. The parser is lenient about spacing and label
spelling (`[12,tr5]` parses; a style rule proposes the canonical form) and strict about
structure: bracketed text that looks like a citation but does not parse is a `malformed`
citation, never silently skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from luanan.citations.mask import mask_non_citations
from luanan.citations.model import Citation, CitationItem

DEFAULT_LABELS = ("tr.", "tr", "trang", "p.", "pp.")

_SQUARE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n))*)\]")
_ROUND = re.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n))*)\)")
_APPENDIX = re.compile(r"\s*(?:Phụ\s+lục|PL)\s+(\d+[A-Za-z]?|[IVXLC]+)\s*", re.I)
_REF = re.compile(r"\d+")
_KEY = re.compile(r"@([\w][\w:.#$%&+?<>~/-]*)")
_VOLUME = re.compile(r"(?:t\.|tập)\s*(\d+|[IVXLC]+)")
_PAGE = r"(?:\d{1,3}(?:\.\d{3})+|\d+|[ivxlcdm]+|[IVXLCDM]+)"
_RANGE = rf"{_PAGE}(?:\s*[-–]\s*{_PAGE})?"
_PAGES = re.compile(rf"{_RANGE}(?:\s*,\s*{_RANGE})*")
_LOOKS_CITED = re.compile(r"^\s*[@\d,;]|\b(?:tr|trang|pp?)\.?\s*\d", re.I)


class _Problem(Exception):
    pass


def find_citations(
    text: str,
    body_start: int = 0,
    labels: Sequence[str] = DEFAULT_LABELS,
    bare_page_locator: bool = False,
) -> list[Citation]:
    """Every citation, appendix pointer and malformed citation in `text[body_start:]`."""
    masked = " " * body_start + mask_non_citations(text[body_start:])
    locator = _locator_pattern(labels)
    found = list(_square(text, masked, locator, bare_page_locator))
    found.extend(_round(text, masked, locator, bare_page_locator))
    return sorted(found, key=lambda c: c.start)


def _square(text, masked, locator, bare) -> Iterator[Citation]:
    for match in _SQUARE.finditer(masked):
        content, offset = text[match.start(1) : match.end(1)], match.start(1)
        raw = text[match.start() : match.end()]
        appendix = _APPENDIX.fullmatch(content)
        if appendix:
            yield Citation("appendix", match.start(), match.end(), raw, appendix=appendix.group(1))
            continue
        try:
            items = parse_items(content, offset, locator, bare)
        except _Problem as problem:
            if _LOOKS_CITED.search(content):
                yield Citation("malformed", match.start(), match.end(), raw, problem=str(problem))
            continue
        yield Citation("reference", match.start(), match.end(), raw, tuple(items))


def _round(text, masked, locator, bare) -> Iterator[Citation]:
    """`(Phụ lục 22)` points at an appendix; `(12, tr. 10-12)` is a citation in the wrong brackets."""
    for match in _ROUND.finditer(masked):
        content = text[match.start(1) : match.end(1)]
        raw = text[match.start() : match.end()]
        appendix = _APPENDIX.fullmatch(content)
        if appendix:
            yield Citation("appendix", match.start(), match.end(), raw, appendix=appendix.group(1))
            continue
        try:
            items = parse_items(content, match.start(1), locator, bare)
        except _Problem:
            continue
        if any(item.pages for item in items):
            yield Citation(
                "malformed", match.start(), match.end(), raw,
                problem="citation in round brackets", hint=f"[{content.strip()}]",
            )


def parse_items(content: str, offset: int, locator: re.Pattern, bare: bool) -> list[CitationItem]:
    """Items of one bracket; `offset` is where `content` starts in the file text."""
    items: list[CitationItem] = []
    for segment, seg_start in _split(content, ";", offset):
        current: dict | None = None
        in_pages = False
        for part, part_start in _split(segment, ",", seg_start):
            stripped = part.strip()
            start = part_start + len(part) - len(part.lstrip())
            end = start + len(stripped)
            if not stripped:
                raise _Problem("empty item")
            ref, key = _REF.fullmatch(stripped), _KEY.fullmatch(stripped)
            vol, loc = _VOLUME.fullmatch(stripped), locator.fullmatch(stripped)
            if (ref or key) and current is None:
                current = _new_item(start, end, ref, key)
            elif ref and in_pages:
                current["pages"] += ", " + stripped
                current["end"] = end
            elif ref and bare and current is not None and current["pages"] is None:
                current.update(pages=stripped, end=end)
                in_pages = True
            elif (ref or key) and current is not None:
                items.append(CitationItem(**current))
                current, in_pages = _new_item(start, end, ref, key), False
            elif vol and current is not None and current["pages"] is None and current["volume"] is None:
                current.update(volume=vol.group(1), end=end)
            elif loc and current is not None and current["pages"] is None:
                current.update(page_label=loc.group(1), pages=loc.group(2), end=end)
                in_pages = True
            elif in_pages and _PAGES.fullmatch(stripped):
                current["pages"] += ", " + stripped
                current["end"] = end
            else:
                raise _Problem(f"cannot read `{stripped}`")
        if current is None:
            raise _Problem("empty item")
        items.append(CitationItem(**current))
    return items


def _new_item(start: int, end: int, ref: re.Match | None, key: re.Match | None) -> dict:
    return dict(
        start=start, end=end, ref=int(ref.group()) if ref else None,
        key=key.group(1) if key else None, volume=None, pages=None, page_label=None,
    )


def _split(text: str, separator: str, offset: int) -> Iterator[tuple[str, int]]:
    position = 0
    for piece in text.split(separator):
        yield piece, offset + position
        position += len(piece) + 1


def _locator_pattern(labels: Sequence[str]) -> re.Pattern:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"({alternatives})\s*({_PAGES.pattern})")
