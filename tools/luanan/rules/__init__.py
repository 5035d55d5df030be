"""The checks: one module per family of rules, each rule registered with a stable code in
`luanan.rules.registry`. Importing this package registers them all."""

from __future__ import annotations

from collections.abc import Iterator

from luanan.rules import (  # noqa: F401  (importing a family registers its rules)
    abbreviations,
    bibliography,
    citations,
    documents,
    headings,
    numbering,
    quotations,
    safety,
    sources,
    style,
    text,
)
from luanan.rules.registry import RULES, Rule, rule


def all_rules() -> Iterator[Rule]:
    yield from sorted(RULES.values(), key=lambda r: r.code)


__all__ = ["RULES", "Rule", "all_rules", "rule"]
