"""N: the numbers of the reference list, which literal citations depend on."""

from __future__ import annotations

from collections.abc import Iterator

from luanan.bibliography.model import BibEntry
from luanan.diagnostics import Severity
from luanan.i18n import _
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule


@rule("N101", "duplicate-refnum", Severity.ERROR, "two entries with the same `refnum`")
def duplicate_refnum(context: CheckContext) -> Iterator[Finding]:
    """Two bibliography entries carry the same number, so `[n]` cannot say which one it means.
    Reported at the second entry, naming the first."""
    first_with: dict[int, BibEntry] = {}
    for entry in context.project.bibliography.by_key.values():
        number = entry.refnum
        if number is None:
            continue
        if number in first_with:
            first = first_with[number]
            yield Finding.at_entry(
                entry,
                _("refnum {number} of {key} is already used by {other}").format(
                    number=number, key=f"@{entry.key}", other=f"@{first.key}"
                ),
                _("{place} has it too").format(place=f"{first.path}:{first.line}"),
            )
        else:
            first_with[number] = entry


@rule("N102", "numbering-gap", Severity.WARNING, "numbers missing from the reference list")
def numbering_gap(context: CheckContext) -> Iterator[Finding]:
    """The list is numbered 1..N without gaps; a missing number usually means an entry was
    deleted without renumbering. Reported once, at the first entry after the first gap.
    A bibliography that on purpose holds only part of a list (an excerpt) turns this off in
    thesis.yaml: `checks: {N102: off}`."""
    numbered = context.project.bibliography.numbered()
    if not numbered or context.project.bibliography.mode != "explicit":
        return
    numbers = [n for n, _ in numbered]
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    if missing:
        after = next(entry for n, entry in numbered if n > missing[0])
        shown = ", ".join(map(str, missing[:10]))
        if len(missing) > 10:
            shown = _("{numbers} and {count} more").format(numbers=shown, count=len(missing) - 10)
        yield Finding.at_entry(after, _("the reference list skips {numbers}").format(numbers=shown))


@rule("N103", "mixed-numbering", Severity.ERROR, "some entries have `refnum`, others do not")
def mixed_numbering(context: CheckContext) -> Iterator[Finding]:
    """Either every entry carries its number (`refnum`, explicit mode) or none does (numbers
    come from the standard order, sorted mode). With a mix, the unnumbered entries are put
    after the numbered ones, which is almost never what the author meant."""
    bibliography = context.project.bibliography
    if bibliography.mode == "mixed":
        without = [e for e in bibliography.by_key.values() if e.refnum is None]
        first = without[0]
        yield Finding.at_entry(
            first,
            _("{count} of {total} entries have no refnum, {key} first").format(
                count=len(without), total=len(bibliography.by_key), key=f"@{first.key}"
            ),
            _("number every entry (or none): `luanan renumber --sort` numbers them all"),
        )


@rule("N104", "out-of-order-refnum", Severity.WARNING, "`refnum` disagrees with the standard order")
def out_of_order_refnum(context: CheckContext) -> Iterator[Finding]:
    """In explicit mode the numbers must still follow the standard order of the list (language
    groups, Vietnamese names by given name...). The numbers in use are dealt out again in that
    order; an entry that would get a different one is reported with it."""
    bibliography = context.project.bibliography
    if bibliography.mode != "explicit":
        return
    ranks = bibliography.standard_rank
    numbers = sorted(n for n, _ in bibliography.numbered())
    for entry in bibliography.by_key.values():
        would_be = numbers[ranks[entry.key] - 1] if ranks[entry.key] <= len(numbers) else None
        if entry.refnum is not None and would_be is not None and would_be != entry.refnum:
            yield Finding.at_entry(
                entry,
                _("{key} is number {number} but would be {would_be} in the standard order").format(
                    key=f"@{entry.key}", number=entry.refnum, would_be=would_be
                ),
                _("`luanan renumber --sort` renumbers the entries and rewrites the citations"),
            )


@rule("N105", "shifted-number", Severity.ERROR, "a literal number now points at a different source")
def shifted_number(context: CheckContext) -> Iterator[Finding]:
    """In sorted mode a number is a position in the list, so adding or removing a source moves
    every number after it. bibliography/refnums.lock remembers which key each number meant at
    the last successful build; a literal citation whose number now means another source is an
    error until `luanan renumber --write` rewrites it (or the citation uses a key)."""
    bibliography, lock = context.project.bibliography, context.project.lock
    if bibliography.mode != "sorted" or not lock:
        return
    for document, citation in context.all_citations():
        for item in citation.items:
            if item.ref is None or item.ref not in lock:
                continue
            old_key = lock[item.ref]
            now = bibliography.by_number.get(item.ref)
            if now is None or now.key != old_key:
                new_number = (
                    bibliography.number_of(bibliography.by_key[old_key]) if old_key in bibliography.by_key else None
                )
                meant = (
                    _("{citation} meant {key} at the last build and now means {target}")
                    if now
                    else _("{citation} meant {key} at the last build and now means nothing")
                )
                moved = _("; {key} is now {number}") if new_number else _("; {key} is gone")
                yield Finding(
                    document,
                    item.start,
                    item.end,
                    meant.format(citation=f"[{item.ref}]", key=f"@{old_key}", target=f"@{now.key}" if now else "")
                    + moved.format(key=f"@{old_key}", number=new_number),
                    _("run `luanan renumber` to see the rewrite, `--write` to apply it"),
                )
