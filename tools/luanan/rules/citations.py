"""C1xx: every citation resolves to a real source and a real page. X: pointers resolve."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from luanan.citations.format import canonical, format_item
from luanan.citations.locators import page_ranges
from luanan.citations.resolve import LocatorStatus, is_pageless, page_bounds, page_status, volume_status
from luanan.diagnostics import Severity
from luanan.edits import Fix
from luanan.i18n import _
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule


@rule("C101", "unknown-reference-number", Severity.ERROR, "reference number not in the bibliography")
def unknown_reference_number(context: CheckContext) -> Iterator[Finding]:
    """A numeric citation such as `[158, tr. 5]` names a number that no bibliography entry
    carries. In the Vietnamese convention the number is the position in the reference list, so
    this usually means a source was removed or the list was renumbered after the text was
    written. The hint lists the numbers that exist and the nearest one; for `[4, 243]`, where
    the second number is beyond the list, it asks whether the page label is missing."""
    numbers = sorted(context.project.bibliography.by_number)
    for document, citation in context.all_citations():
        for index, item in enumerate(citation.items):
            if item.ref is None or item.ref in context.project.bibliography.by_number or item.ref in context.drifted:
                continue  # a drifted number is N105's business
            previous = citation.items[index - 1] if index else None
            if numbers and item.ref > numbers[-1] and previous and item.separator == "," and not previous.pages:
                hint = _("page label missing? write {citation}").format(
                    citation=f"[{format_item(previous)}, tr. {item.ref}]"
                )
            else:
                hint = _numbers_hint(item.ref, numbers)
            yield Finding(
                document,
                citation.start,
                citation.end,
                _("reference {number} is not in the bibliography").format(number=item.ref),
                hint,
            )


@rule("C102", "unknown-citation-key", Severity.ERROR, "citation key not in the bibliography")
def unknown_citation_key(context: CheckContext) -> Iterator[Finding]:
    """A key citation such as `[@tinhuy2010, tr. 5]` names a BibTeX key that no entry has."""
    keys = list(context.project.bibliography.by_key)
    for document, citation in context.all_citations():
        for item in citation.items:
            if item.key is not None and item.key not in context.project.bibliography.by_key:
                close = difflib.get_close_matches(item.key, keys, n=3)
                hint = _("did you mean {keys}?").format(keys=_or(f"@{k}" for k in close)) if close else None
                yield Finding(
                    document,
                    citation.start,
                    citation.end,
                    _("key {key} is not in the bibliography").format(key=f"@{item.key}"),
                    hint,
                )


@rule("C103", "malformed-citation", Severity.ERROR, "text that looks like a citation but does not parse")
def malformed_citation(context: CheckContext) -> Iterator[Finding]:
    """Bracketed text that starts like a citation (`[12 tr. 5]`, `[12; tr. 5]`, `[, tr. 5]`,
    `(12, tr. 10-12)`) but does not follow the grammar `[number, tr. pages]`. It is reported,
    not skipped: a citation the checker cannot read is a citation nobody has checked. The hint
    is the corrected text where the slip is a known one."""
    for document, citation in context.all_citations():
        if citation.kind == "malformed":
            hint = _write(citation.hint) if citation.hint else None
            known = citation.hint if citation.hint and "[N" not in citation.hint else None
            yield Finding(
                document,
                citation.start,
                citation.end,
                _("malformed citation: {problem}").format(problem=citation.problem),
                hint,
                fix=Fix.replace(citation.start, citation.end, known) if known else None,
            )


@rule("C104", "page-outside-source", Severity.ERROR, "cited page outside the source")
def page_outside_source(context: CheckContext) -> Iterator[Finding]:
    """The cited page does not exist in the source: beyond `pagetotal` of a book or document,
    or outside the `pages` range of an article or chapter. Sources without page data cannot be
    checked; the summary counts their locators as unverifiable."""
    for document, _citation, item, entry in context.resolved_items():
        status, outside = page_status(item, entry)
        if status is LocatorStatus.OUTSIDE:
            first, last = page_bounds(entry) or (0, 0)
            ranges = [r for r in page_ranges(item.pages or "") if set(r.numbers) & set(outside)]
            shown = ", ".join(r.first if r.last is None else f"{r.first}–{r.last}" for r in ranges)
            several = len(ranges) > 1 or any(r.last is not None for r in ranges)
            message = (
                _("pages {pages} are outside source {source} (pages {first}–{last})")
                if several
                else _("page {pages} is outside source {source} (pages {first}–{last})")
            )
            yield Finding(
                document,
                item.start,
                item.end,
                message.format(pages=shown, source=_name(item), first=first, last=last),
                _("check the page against {place}").format(place=f"{entry.path}:{entry.line}"),
            )


@rule("C105", "volume-outside-source", Severity.ERROR, "cited volume beyond the source's `volumes`")
def volume_outside_source(context: CheckContext) -> Iterator[Finding]:
    """`[62, t. 5, tr. 280]` cites volume 5 of a work whose entry says `volumes = {4}`."""
    for document, _citation, item, entry in context.resolved_items():
        if volume_status(item, entry) is LocatorStatus.OUTSIDE:
            yield Finding(
                document,
                item.start,
                item.end,
                _("volume {volume} is beyond source {source} ({volumes} volumes)").format(
                    volume=item.volume, source=_name(item), volumes=entry.get("volumes")
                ),
            )


@rule("C106", "descending-page-range", Severity.ERROR, "page range that runs backwards")
def descending_page_range(context: CheckContext) -> Iterator[Finding]:
    """`[12, tr. 9-3]`: a range must run upwards. `123-5` is read as 123-125 in the hint,
    other backward ranges are swapped."""
    for document, citation in context.all_citations():
        if any(r.descending for item in citation.items if item.pages for r in page_ranges(item.pages)):
            yield Finding(
                document,
                citation.start,
                citation.end,
                _("descending page range"),
                _write(canonical(citation.items, repair_ranges=True)),
            )


@rule("C107", "page-on-pageless-source", Severity.WARNING, "page locator on a source without pages")
def page_on_pageless_source(context: CheckContext) -> Iterator[Finding]:
    """A web page (`@online`) has no pages; `[12, tr. 5]` on it points nowhere."""
    for document, _citation, item, entry in context.resolved_items():
        if item.pages is not None and is_pageless(entry):
            yield Finding(
                document,
                item.start,
                item.end,
                _("source {source} is a web page ({type}) and has no pages").format(
                    source=_name(item), type=entry.entry_type
                ),
                _write(f"[{_name(item)}]"),
            )


@rule("C110", "uncited-entry", Severity.WARNING, "bibliography entry never cited")
def uncited_entry(context: CheckContext) -> Iterator[Finding]:
    """Only documents actually used may appear in the reference list (spec §8.1). An entry that
    no citation names, by number or by key, is reported at its line in the .bib file."""
    cited = {id(entry) for _, _, _, entry in context.resolved_items()}
    for entry in context.project.bibliography.entries:
        if id(entry) not in cited:
            label = f"{entry.refnum} (@{entry.key})" if entry.refnum else f"@{entry.key}"
            yield Finding.at_entry(entry, _("entry {label} is never cited").format(label=label))


@rule("X101", "unknown-appendix", Severity.ERROR, "appendix pointer to an appendix that does not exist")
def unknown_appendix(context: CheckContext) -> Iterator[Finding]:
    """`[Phụ lục 22]` or `(Phụ lục 22)` points at appendix 22, which must exist as a file in
    chapters/appendices/ (numbered by its `appendix:` front matter or its file name)."""
    appendices = context.project.appendices
    for document, citation in context.all_citations():
        if citation.kind == "appendix" and citation.appendix not in appendices:
            have = ", ".join(sorted(appendices, key=_natural)) or _("none")
            yield Finding(
                document,
                citation.start,
                citation.end,
                _("appendix {number} does not exist").format(number=citation.appendix),
                _("the appendices are: {numbers} (chapters/appendices/)").format(numbers=have),
            )


def _write(text: str) -> str:
    """The hint that gives the corrected text."""
    return _("write {text}").format(text=text)


def _or(choices) -> str:
    """`a or b or c`."""
    return _(" or ").join(choices)


def _name(item) -> str:
    return str(item.ref) if item.ref is not None else f"@{item.key}"


def _numbers_hint(wanted: int, numbers: list[int]) -> str:
    if not numbers:
        return _("the bibliography has no numbered entries (`refnum` fields)")
    known = set(numbers)
    inside = numbers[0] < wanted < numbers[-1]  # a gap: a source removed, its neighbours likelier
    guesses = [n for n in likely_meant(wanted, neighbours_first=inside) if n in known][:2]
    if not guesses:
        return _("the list has {numbers}").format(numbers=_ranges(numbers))
    return _("the list has {numbers}; did you mean {guesses}?").format(
        numbers=_ranges(numbers), guesses=_or(map(str, guesses))
    )


def likely_meant(wanted: int, neighbours_first: bool = False) -> list[int]:
    """Numbers an author who typed `wanted` probably meant, likeliest first: two digits
    swapped (156 -> 165), one digit off by one key (156 -> 155, 157), a digit doubled or dropped
    (1566 -> 156, 15 -> 155), a neighbour (157 -> 156, 158); neighbours first when asked."""
    digits = str(wanted)
    found: list[int] = []

    def add(text: str) -> None:
        if text and not text.startswith("0") and int(text) != wanted and int(text) not in found:
            found.append(int(text))

    if neighbours_first:
        add(str(wanted - 1))
        add(str(wanted + 1))

    for i in range(len(digits) - 1):
        add(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :])
    for i, digit in enumerate(digits):
        for other in (int(digit) - 1, int(digit) + 1):
            if 0 <= other <= 9:
                add(digits[:i] + str(other) + digits[i + 1 :])
    for i in range(len(digits)):
        add(digits[:i] + digits[i + 1 :])
        add(digits[: i + 1] + digits[i] + digits[i + 1 :])
    for step in (1, 2):
        add(str(wanted - step))
        add(str(wanted + step))
    return found


def _ranges(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    return parts[0] if len(parts) == 1 else _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _natural(value: str) -> tuple:
    return (0, int(value), "") if value.isdigit() else (1, 0, value)
