"""Resolve citation items to bibliography entries, and locators to the entries' page data."""

from __future__ import annotations

import enum

from luanan.bibliography.model import BibEntry, Bibliography
from luanan.citations.locators import page_number, page_ranges, roman_value
from luanan.citations.model import CitationItem

PAGED_PART_TYPES = {"article", "incollection", "inproceedings", "inbook"}
PAGELESS_TYPES = {"online", "www", "webpage", "electronic"}


class LocatorStatus(enum.Enum):
    NONE = "none"  # no locator
    INSIDE = "inside"  # checked against page data: fine
    OUTSIDE = "outside"  # checked against page data: no such page
    UNVERIFIABLE = "unverifiable"  # the entry has no page data, or the page is roman


def resolve(item: CitationItem, bibliography: Bibliography) -> BibEntry | None:
    if item.ref is not None:
        return bibliography.by_number.get(item.ref)
    return bibliography.by_key.get(item.key or "")


def page_bounds(entry: BibEntry) -> tuple[int, int] | None:
    """(first, last) page of the source: `pages` of an article or chapter, else 1..`pagetotal`."""
    if entry.entry_type in PAGED_PART_TYPES and entry.get("pages"):
        ranges = page_ranges(entry.get("pages"))
        if len(ranges) == 1:
            first, last = ranges[0].numbers
            if first is not None and last is not None and first <= last:
                return first, last
    total = page_number(entry.get("pagetotal").strip() or None)
    return (1, total) if total else None


def page_status(item: CitationItem, entry: BibEntry) -> tuple[LocatorStatus, list[int]]:
    """Whether the cited pages exist in the source; the pages that do not."""
    if item.pages is None:
        return LocatorStatus.NONE, []
    bounds = page_bounds(entry)
    found = [n for r in page_ranges(item.pages) for n in r.numbers]
    numbers = [n for n in found if n is not None]
    if bounds is None or len(numbers) < len(found):
        return LocatorStatus.UNVERIFIABLE, []
    outside = sorted({n for n in numbers if not bounds[0] <= n <= bounds[1]})
    return (LocatorStatus.OUTSIDE if outside else LocatorStatus.INSIDE), outside


def volume_status(item: CitationItem, entry: BibEntry) -> LocatorStatus:
    if item.volume is None:
        return LocatorStatus.NONE
    volumes = page_number(entry.get("volumes").strip() or None)
    volume = page_number(item.volume) if item.volume.isdigit() else roman_value(item.volume)  # `t. II`
    if volumes is None or volume is None:
        return LocatorStatus.UNVERIFIABLE
    return LocatorStatus.INSIDE if 1 <= volume <= volumes else LocatorStatus.OUTSIDE


def is_pageless(entry: BibEntry) -> bool:
    return entry.entry_type in PAGELESS_TYPES
