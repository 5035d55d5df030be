"""Field values as the reference list reads them: the year (`2022-10`, `[1998]`, `2005a`),
dates, page ranges and article numbers."""

from __future__ import annotations

import re

from luanan.bibliography.model import BibEntry

_YEAR = re.compile(r"^\s*\[?\s*(\d{4})\s*\]?([a-z])?(?![\d])")


def year_parts(entry: BibEntry) -> tuple[int | None, str]:
    """(year as a number for sorting, year as printed): `2005a` -> (2005, "2005a"), `[1998]` ->
    (1998, "1998"), `2022-10` -> (2022, "2022"); a `date` when there is no year."""
    for name in ("year", "date"):
        match = _YEAR.match(entry.get(name))
        if match:
            suffix = (match.group(2) or "") if name == "year" else ""
            return int(match.group(1)), match.group(1) + suffix
    return None, ""


def full_date(entry: BibEntry, name: str = "date") -> str:
    """`2023-05-12` (or year + month + day fields) -> `12/5/2023`; other text as it is."""
    value = entry.get(name).strip()
    if not value and name == "date":
        year, month_text, day = (entry.get(n).strip() for n in ("year", "month", "day"))
        month = month_number(month_text)
        if year and month and day.isdigit():
            return f"{int(day)}/{month}/{year[:4]}"
        return ""
    match = re.fullmatch(r"(\d{4})-(\d\d?)-(\d\d?)(?:T.*)?", value)
    return f"{int(match.group(3))}/{int(match.group(2))}/{match.group(1)}" if match else value


MONTH_NAMES = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for name in names
}


def month_number(value: str) -> int | None:
    value = value.strip().rstrip(".").lower()
    if value.isdigit() and 1 <= int(value) <= 12:
        return int(value)
    return MONTH_NAMES.get(value)


def pages_text(entry: BibEntry, labels: dict) -> str:
    """`tr. 10-16` / `pp. 45-67`; one page `tr. 3` / `p. 19`; an article number (`eid`, or
    a page field of five or more digits or with letters) `bài số 125078` / `Art. no. 125078`."""
    eid = entry.get("eid").strip() or entry.get("articleno").strip()
    pages = re.sub(r"\s*(?:--?|–|—)\s*", "-", entry.get("pages").strip())
    if not pages:
        return f"{labels['article']} {eid}" if eid else ""
    match = re.fullmatch(r"(\w+)-(\w+)", pages)
    if match and match.group(1) == match.group(2):
        pages = match.group(1)
    if "-" in pages or "," in pages:
        return f"{labels['pages']} {pages}"
    if re.fullmatch(r"\d{1,4}", pages):
        return f"{labels['page']} {pages}"
    return f"{labels['article']} {pages}"


WEB_TYPES = {"online", "www", "webpage", "electronic"}


def issuing_body(entry: BibEntry) -> str:
    """Who stands as the author when no person does: the organisation or institution of a
    report or document, the site of a web page (§9.2 K)."""
    issuer = entry.get("organization").strip() or entry.get("institution").strip()
    if not issuer and entry.entry_type in WEB_TYPES:
        howpublished = entry.get("howpublished").strip()
        issuer = (
            entry.get("journaltitle").strip()
            or entry.get("journal").strip()
            or (howpublished if not howpublished.startswith("http") else "")
            or entry.get("publisher").strip()
        )
    return issuer
