"""Citations written the canonical way: `[157, tr. 671]`, `[45, tr. 12; 47, tr. 5]`."""

from __future__ import annotations

from collections.abc import Iterable

from luanan.citations.locators import format_pages, page_ranges
from luanan.citations.model import CitationItem

VIETNAMESE_LABELS = {"tr", "tr.", "trang"}


def format_item(item: CitationItem, repair_ranges: bool = False) -> str:
    parts = [str(item.ref) if item.ref is not None else f"@{item.key}"]
    if item.volume is not None:
        parts.append(f"{'tập' if item.volume_label == 'tập' else 't.'} {item.volume}")
    if item.pages is not None:
        ranges = page_ranges(item.pages)
        if repair_ranges:
            ranges = [r.repaired() for r in ranges]
        pages = format_pages(ranges)
        label = item.page_label or ""
        label = "tr." if label in VIETNAMESE_LABELS else label
        parts.append(f"{label} {pages}" if label else pages)
    return ", ".join(parts)


def format_items(items: Iterable[CitationItem], repair_ranges: bool = False) -> str:
    """Items joined with `;` when the author used it anywhere in the bracket, else with `,`;
    an item after one with a locator always takes `;`, which the grammar requires."""
    items = list(items)
    semicolons = any(item.separator == ";" for item in items)
    text = ""
    previous: CitationItem | None = None
    for item in items:
        if previous is not None:
            separator = ";" if (semicolons or previous.pages or previous.volume) else ","
            text += separator + " "
        text += format_item(item, repair_ranges)
        previous = item
    return text


def canonical(items: Iterable[CitationItem], repair_ranges: bool = False) -> str:
    return "[" + format_items(items, repair_ranges) + "]"
