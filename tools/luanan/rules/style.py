"""C2xx: how citations are written — order, repetition, typography."""

from __future__ import annotations

from collections.abc import Iterator

from luanan.citations.format import canonical, format_item
from luanan.diagnostics import Severity
from luanan.edits import Fix
from luanan.i18n import _
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule


@rule("C201", "unsorted-references", Severity.WARNING, "references in one bracket not ascending, or repeated")
def unsorted_references(context: CheckContext) -> Iterator[Finding]:
    """Several sources in one place are listed in ascending order, each once (spec §8.2 V4):
    `[19; 25; 41]`, not `[25; 19]` or `[19; 19]`. Key items count with their entry's number."""
    for document, citation in context.all_citations():
        if len(citation.items) < 2:
            continue
        found = [context.parsed.number_of(item) for item in citation.items]
        numbers = [number for number in found if number is not None]
        if len(numbers) < len(found):
            continue
        repeated = len(set(numbers)) < len(numbers)
        if repeated or numbers != sorted(numbers):
            seen, items = set(), []
            for number, item in sorted(zip(numbers, citation.items), key=lambda pair: pair[0]):
                if (number, item.volume, item.pages) not in seen:
                    seen.add((number, item.volume, item.pages))
                    items.append(item)
            message = (
                _("references repeated: {citation}") if repeated else _("references not in ascending order: {citation}")
            )
            yield Finding(
                document,
                citation.start,
                citation.end,
                message.format(citation=citation.raw),
                _("write {text}").format(text=canonical(items)),
            )


@rule("C202", "noncanonical-citation", Severity.WARNING, "citation written in a non-standard way")
def noncanonical_citation(context: CheckContext) -> Iterator[Finding]:
    """The citation parses but is not written the standard way: `[12,tr5]`, `[12, tr 5]`,
    `[12, trang 5]` are all `[12, tr. 5]` (one space after the comma and after `tr.`).
    `luanan fix` can rewrite them."""
    for document, citation in context.all_citations():
        if citation.kind != "reference":
            continue
        text = document.source.text
        if any(_folded(text[item.start : item.end]) != format_item(item) for item in citation.items):
            fixed = canonical(citation.items)
            if fixed != _folded(citation.raw):
                yield Finding(
                    document,
                    citation.start,
                    citation.end,
                    _("citation not in the standard form: {citation}").format(citation=citation.raw),
                    _("write {text}").format(text=fixed),
                    fix=Fix.replace(citation.start, citation.end, fixed),
                )


def _folded(text: str) -> str:
    """A citation wrapped across lines reads as one line in every output."""
    return " ".join(text.split())
