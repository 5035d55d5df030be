"""The rule registry: one function per rule, registered with a stable code.

A rule receives a read-only `CheckContext` and yields `Finding`s; the check stage turns them into
`Diagnostic`s with the rule's code and severity. Codes are never reused.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from luanan.diagnostics import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    check: Callable
    explanation: str = ""


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, summary: str):
    """Register `check(context) -> Iterator[Finding]` under `code`; its docstring explains it."""

    def register(check: Callable) -> Callable:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, name, severity, summary, check, _cleandoc(check.__doc__ or ""))
        return check

    return register


def _cleandoc(doc: str) -> str:
    """A docstring without its indentation (inspect.cleandoc, without importing inspect)."""
    first, _, rest = doc.partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()
