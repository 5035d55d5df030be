"""C: citations resolve to real sources. X: pointers resolve to real parts of the thesis."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from luanan.rules.base import CheckContext, Finding
from luanan.diagnostics import Severity
from luanan.rules import rule


@rule("C101", "unknown-reference-number", Severity.ERROR, "reference number not in the bibliography")
def unknown_reference_number(context: CheckContext) -> Iterator[Finding]:
    """A numeric citation such as `[158, tr. 5]` names a number that no bibliography entry
    carries. In the Vietnamese convention the number is the position in the reference list, so
    this usually means a source was removed, or the list was renumbered after the text was
    written. The hint lists the numbers that exist and the nearest one."""
    numbers = sorted(context.project.bibliography.by_number)
    for document, citation in context.all_citations():
        for item in citation.items:
            if item.ref is not None and item.ref not in context.project.bibliography.by_number:
                yield Finding(
                    document, citation.start, citation.end,
                    f"reference {item.ref} is not in the bibliography",
                    _numbers_hint(item.ref, numbers),
                )


@rule("C102", "unknown-citation-key", Severity.ERROR, "citation key not in the bibliography")
def unknown_citation_key(context: CheckContext) -> Iterator[Finding]:
    """A key citation such as `[@tinhuy2010, tr. 5]` names a BibTeX key that no entry has."""
    keys = list(context.project.bibliography.by_key)
    for document, citation in context.all_citations():
        for item in citation.items:
            if item.key is not None and item.key not in context.project.bibliography.by_key:
                close = difflib.get_close_matches(item.key, keys, n=3)
                hint = "did you mean " + " or ".join(f"@{k}" for k in close) + "?" if close else None
                yield Finding(document, citation.start, citation.end,
                              f"key @{item.key} is not in the bibliography", hint)


@rule("C103", "malformed-citation", Severity.ERROR, "text that looks like a citation but does not parse")
def malformed_citation(context: CheckContext) -> Iterator[Finding]:
    """Bracketed text that starts like a citation (`[12 tr. 5]`, `[12; tr. 5]`) but does not
    follow the grammar `[number, tr. pages]`. It is reported rather than skipped, because a
    citation the checker cannot read is a citation nobody has checked."""
    for document, citation in context.all_citations():
        if citation.kind == "malformed":
            hint = f"write {citation.hint}" if citation.hint else None
            yield Finding(document, citation.start, citation.end,
                          f"malformed citation {citation.raw!r}: {citation.problem}", hint)


@rule("X101", "unknown-appendix", Severity.ERROR, "appendix pointer to an appendix that does not exist")
def unknown_appendix(context: CheckContext) -> Iterator[Finding]:
    """`[Phụ lục 22]` or `(Phụ lục 22)` points at appendix 22, which must exist as a file in
    chapters/appendices/ (numbered by its `appendix:` front matter or its file name)."""
    appendices = context.project.appendices
    for document, citation in context.all_citations():
        if citation.kind == "appendix" and citation.appendix not in appendices:
            have = ", ".join(sorted(appendices, key=_natural)) or "none"
            yield Finding(document, citation.start, citation.end,
                          f"appendix {citation.appendix} does not exist",
                          f"the appendices are: {have} (chapters/appendices/)")


def _numbers_hint(wanted: int, numbers: list[int]) -> str:
    if not numbers:
        return "the bibliography has no numbered entries (`refnum` fields)"
    nearest = min(numbers, key=lambda n: (abs(n - wanted), n))
    return f"the list has {_ranges(numbers)}; did you mean {nearest}?"


def _ranges(numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _natural(value: str) -> tuple:
    return (0, int(value), "") if value.isdigit() else (1, 0, value)
