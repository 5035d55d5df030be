"""B: the bibliography files themselves. The loader finds these; the rules report them."""

from __future__ import annotations

from collections.abc import Iterator

from luanan.rules.base import CheckContext, Finding
from luanan.diagnostics import Severity
from luanan.rules import rule


def _loader_findings(context: CheckContext, code: str) -> Iterator[Finding]:
    for diagnostic in context.project.load_diagnostics:
        if diagnostic.code == code:
            yield Finding(None, 0, 0, diagnostic.message, diagnostic.hint, diagnostic.path, diagnostic.line)


@rule("B101", "unparsable-entry", Severity.ERROR, "a BibTeX entry that cannot be parsed")
def unparsable_entry(context: CheckContext) -> Iterator[Finding]:
    """An entry with a syntax error (unbalanced braces, a missing comma). The other entries of
    the file still load; citations of this one will be reported as unknown."""
    yield from _loader_findings(context, "B101")


@rule("B102", "duplicate-key", Severity.ERROR, "two BibTeX entries with the same key")
def duplicate_key(context: CheckContext) -> Iterator[Finding]:
    """Two entries share a key; only the first is used, so citations may point at the wrong one."""
    yield from _loader_findings(context, "B102")
