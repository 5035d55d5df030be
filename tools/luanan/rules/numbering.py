"""N: the numbers of the reference list (explicit mode: `refnum` on each entry)."""

from __future__ import annotations

from collections.abc import Iterator

from luanan.diagnostics import Severity
from luanan.rules import rule
from luanan.rules.base import CheckContext, Finding


@rule("N101", "duplicate-refnum", Severity.ERROR, "two entries with the same `refnum`")
def duplicate_refnum(context: CheckContext) -> Iterator[Finding]:
    """Two bibliography entries carry the same number, so `[n]` cannot say which one it means.
    Reported at the second entry, naming the first."""
    first_with: dict[int, object] = {}
    for entry in context.project.bibliography.entries:
        number = entry.refnum
        if number is None:
            continue
        if number in first_with:
            first = first_with[number]
            yield Finding(None, 0, 0, f"refnum {number} of @{entry.key} is already used by @{first.key}",
                          f"{first.path}:{first.line} has it too", entry.path, entry.line)
        else:
            first_with[number] = entry


@rule("N102", "numbering-gap", Severity.WARNING, "numbers missing from the reference list")
def numbering_gap(context: CheckContext) -> Iterator[Finding]:
    """The list is numbered 1..N without gaps; a missing number usually means an entry was
    deleted without renumbering. Reported once, at the first entry after the first gap.
    A bibliography that on purpose holds only part of a list (an excerpt) turns this off in
    thesis.yaml: `checks: {N102: off}`."""
    numbered = context.project.bibliography.numbered()
    if not numbered:
        return
    numbers = [n for n, _ in numbered]
    missing = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    if missing:
        after = next(entry for n, entry in numbered if n > missing[0])
        shown = ", ".join(map(str, missing[:10])) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        yield Finding(None, 0, 0, f"the reference list skips {shown}", None, after.path, after.line)
