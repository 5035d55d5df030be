"""Find and parse citations: `[157, tr. 671]`, `[19; 25]`, `[@key, tr. 5]`, `[Phụ lục 22]`...

Grammar: spec/vn-thesis-conventions.md §8.2. The parser is lenient about spacing and label
spelling (`[12,tr5]` parses; a style rule proposes the canonical form) and strict about
structure: bracketed text that looks like a citation but does not parse is a `malformed`
citation with, where one exists, the corrected text as its hint — never silently skipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from luanan.citations.format import format_items
from luanan.citations.locators import PAGES
from luanan.citations.mask import mask_non_citations
from luanan.citations.model import Citation, CitationItem
from luanan.i18n import _

DEFAULT_LABELS = ("tr.", "tr", "trang", "p.", "pp.")

_SQUARE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n))*)\]")
_ROUND = re.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n))*)\)")
_APPENDIX = re.compile(r"\s*(?:Phụ\s+lục|PL)\s+(\d+[A-Za-z]?|[IVXLC]+)\s*", re.I)
_REF = re.compile(r"\d+")
_KEY = re.compile(r"@([\w][\w:.#$%&+?<>~/-]*)")
_VOLUME = re.compile(r"([tT]\.?|[tT]ập)\s*(\d+|[IVXLC]+)")  # t. 2, tập 2, T.2, T2
_REFERENCE_RANGE = re.compile(r"\s*(\d+)\s*[-–]\s*(\d+)\s*")
_LOOKS_CITED = re.compile(r"^\s*[@\d,;]|\b(?:tr|trang|pp?)\.?\s*\d", re.I)


def masked_text(text: str, body_start: int = 0) -> str:
    """`text` with the front matter and everything that is never a citation blanked."""
    return " " * body_start + mask_non_citations(text[body_start:])


class ParseProblem(Exception):
    pass


def find_citations(
    text: str,
    body_start: int = 0,
    labels: Sequence[str] = DEFAULT_LABELS,
    bare_page_locator: bool = False,
    masked: str | None = None,
) -> list[Citation]:
    """Every citation, appendix pointer and malformed citation in `text[body_start:]`; `masked`
    is `masked_text(text, body_start)` when the caller already has it."""
    masked = masked or masked_text(text, body_start)
    parser = item_parser(tuple(labels), bare_page_locator)
    found = list(_bracketed(text, masked, parser, round_brackets=False))
    found.extend(_bracketed(text, masked, parser, round_brackets=True))
    return sorted(found, key=lambda c: c.start)


@functools.lru_cache(maxsize=8)
def item_parser(labels: tuple[str, ...], bare_page_locator: bool) -> ItemParser:
    return ItemParser(labels, bare_page_locator)


class ItemParser:
    """Parses the inside of one bracket into items, with offsets into the file text."""

    def __init__(self, labels: Sequence[str], bare_page_locator: bool):
        alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        self.locator = re.compile(rf"({alternatives})\s*({PAGES.pattern})")
        self.label_only = re.compile(rf"({alternatives})\s*")
        self.bare = bare_page_locator

    def parse(self, content: str, offset: int = 0) -> list[CitationItem]:
        items: list[CitationItem] = []
        for segment, seg_start in _split(content, ";", offset):
            current: dict = {}  # the item being read; empty before its reference
            in_pages = False
            for index, (part, part_start) in enumerate(_split(segment, ",", seg_start)):
                stripped = part.strip()
                start = part_start + len(part) - len(part.lstrip())
                end = start + len(stripped)
                separator = ";" if (index == 0 and items) else ","
                if not stripped:
                    raise ParseProblem(_("the reference number is missing") if index == 0 else _("an empty item"))
                ref, key = _REF.fullmatch(stripped), _KEY.fullmatch(stripped)
                vol, loc = _VOLUME.fullmatch(stripped), self.locator.fullmatch(stripped)
                if (ref or key) and not current:
                    current = _new_item(start, end, ref, key, separator if items else None)
                elif ref and in_pages:
                    current.update(pages=current["pages"] + ", " + stripped, end=end)
                elif ref and self.bare and current and current["pages"] is None:
                    current.update(pages=stripped, end=end)
                    in_pages = True
                elif (ref or key) and current:
                    items.append(CitationItem(**current))
                    current, in_pages = _new_item(start, end, ref, key, ","), False
                elif vol and current and current["pages"] is None and current["volume"] is None:
                    current.update(volume_label=vol.group(1), volume=vol.group(2), end=end)
                elif loc and current and current["pages"] is None:
                    current.update(page_label=loc.group(1), pages=loc.group(2), end=end)
                    in_pages = True
                elif in_pages and PAGES.fullmatch(stripped):
                    current.update(pages=current["pages"] + ", " + stripped, end=end)
                elif self.label_only.fullmatch(stripped):
                    raise ParseProblem(_("the page label `{label}` has no page").format(label=stripped))
                elif not current and (vol or loc) and items:
                    raise ParseProblem(_("a page locator follows its reference after `,`, not `;`"))
                elif not current and (vol or loc):
                    raise ParseProblem(_("the reference number is missing"))
                elif not current and _REFERENCE_RANGE.fullmatch(stripped):
                    raise ParseProblem(_("`{text}` is a range of references: list each source").format(text=stripped))
                else:
                    raise ParseProblem(_("cannot read `{text}`").format(text=stripped))
            if not current:
                raise ParseProblem(_("an empty item"))
            items.append(CitationItem(**current))
        return items

    def repair(self, content: str) -> str | None:
        """The corrected text of a near miss, when a known slip explains it."""
        span = _REFERENCE_RANGE.fullmatch(content)
        if span and 0 < int(span[1]) < int(span[2]) <= int(span[1]) + 20:  # [79-81]: each source listed
            return "[" + "; ".join(str(n) for n in range(int(span[1]), int(span[2]) + 1)) + "]"
        if content.lstrip().startswith(","):  # [, tr. 5]: only the author knows the number
            try:
                return "[N" + format_items(self.parse("0" + content.lstrip()))[1:] + "]"
            except ParseProblem:
                return None
        for pattern, replacement in self._repairs():
            fixed = pattern.sub(replacement, content)
            if fixed != content:
                try:
                    return "[" + format_items(self.parse(fixed)) + "]"
                except ParseProblem:
                    continue
        return None

    def _repairs(self) -> Iterator[tuple[re.Pattern, str]]:
        label = self.label_only.pattern[:-3]  # the alternation group, without `\s*`
        yield re.compile(rf"(\d)\s+(?={label}\s*\d)"), r"\1, "  # [12 tr. 5]
        yield re.compile(rf";\s*(?=(?:{label}|t\.|tập)\s*\d)"), ", "  # [12; tr. 5]
        yield re.compile(rf",\s*{label}\s*$"), ""  # [12, tr. ]


def _bracketed(text: str, masked: str, parser: ItemParser, round_brackets: bool) -> Iterator[Citation]:
    """Square brackets hold citations and appendix pointers. Round ones hold only appendix
    pointers, `(Phụ lục 22)`; `(12, tr. 10-12)` is a citation in the wrong brackets."""
    for match in (_ROUND if round_brackets else _SQUARE).finditer(masked):
        content = text[match.start(1) : match.end(1)]
        if content != match.group(1):
            continue  # holds code, math or a comment: prose in brackets, not a citation
        start, end, raw = match.start(), match.end(), text[match.start() : match.end()]
        if not round_brackets and _is_list_label(text, start, end, content):
            continue
        appendix = _APPENDIX.fullmatch(content)
        if appendix:
            yield Citation("appendix", start, end, raw, appendix=appendix.group(1))
            continue
        try:
            items = parser.parse(content, match.start(1))
        except ParseProblem as problem:
            if not round_brackets and _LOOKS_CITED.search(content):
                yield Citation("malformed", start, end, raw, hint=parser.repair(content), problem=str(problem))
            continue
        if not round_brackets:
            yield Citation("reference", start, end, raw, tuple(items))
        elif any(item.pages for item in items):
            yield Citation(
                "malformed",
                start,
                end,
                raw,
                hint="[" + format_items(items) + "]",
                problem=_("a citation in round brackets"),
            )


# `[27] Lê Thị Hoa (2019), …` at the start of a line of a pasted reference list or of endnotes:
# the label of an entry, not a citation of it.
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\[\d{1,4}\][ \t]+[^\W\d_]", re.M)
_LIST_HEADING = re.compile(
    r"^(?:#{1,6}[ \t]+)?[\W_]*(?:danh mục |danh sách )?(?:tài liệu tham khảo|tài liệu trích dẫn|chú thích|ghi chú|"
    r"nguồn tham khảo|references|bibliography|notes|endnotes)[\W_]*$",
    re.M | re.I,
)
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]", re.M)


def _is_list_label(text: str, start: int, end: int, content: str) -> bool:
    """Whether `[n]` begins a line of a reference list or of endnotes (a line under a heading
    such as "Tài liệu tham khảo" or "Chú thích", or one of several such lines in a row)."""
    if not content.strip().isdigit():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line = _LIST_LINE.match(text, line_start)
    if line is None or line.end() <= start:
        return False
    heading = next(reversed([*_LIST_HEADING.finditer(text, 0, line_start)]), None)
    if heading is not None and not _ANY_HEADING.search(text, heading.end(), line_start):
        return True
    next_line = text.find("\n", end) + 1
    previous_line = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    return bool(next_line and _LIST_LINE.match(text, next_line)) or bool(
        line_start and _LIST_LINE.match(text, previous_line)
    )


def _new_item(start: int, end: int, ref, key, separator: str | None) -> dict:
    return dict(
        start=start,
        end=end,
        ref=int(ref.group()) if ref else None,
        key=key.group(1) if key else None,
        volume=None,
        pages=None,
        page_label=None,
        volume_label=None,
        separator=separator,
    )


def _split(text: str, separator: str, offset: int) -> Iterator[tuple[str, int]]:
    position = 0
    for piece in text.split(separator):
        yield piece, offset + position
        position += len(piece) + 1
