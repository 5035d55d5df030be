"""The selection stage: which findings a user sees, and at what severity — the severities of
thesis.yaml's `checks:`, `<!-- luanan: ignore[...] -->` comments and `--strict`. `check`,
`build`, `fix` and `watch` all see the same selection."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from luanan.diagnostics import Diagnostic, Severity
from luanan.errors import ConfigError
from luanan.i18n import _
from luanan.load.config import Config
from luanan.rules import Rule

_IGNORE = re.compile(r"<!--\s*luanan:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?\s*-->")


def validate_codes(config: Config, rules: Iterable[Rule]) -> None:
    """Every code under `checks:` names a rule, written as `luanan rules` lists it."""
    known = {rule.code for rule in rules}
    for code in config.severities:
        if code in known:
            continue
        line = config.severity_lines.get(code)
        guess = code.upper() if code.upper() in known else next(iter(difflib.get_close_matches(code, known, 1)), None)
        message = (
            _("checks: unknown rule code `{code}`; did you mean {guess}?")
            if guess
            else _("checks: unknown rule code `{code}` (`luanan rules` lists them)")
        )
        raise ConfigError(message.format(code=code, guess=guess), config.path, line)


def severity_of(rule: Rule, config: Config) -> Severity | None:
    """The rule's severity under the project's policy; None when it is switched off."""
    return config.severities[rule.code] if rule.code in config.severities else rule.severity


def ignored_lines(text: str) -> list[tuple[int, int, frozenset[str] | None]]:
    """(first line, last line, codes or None for all) exempted by `<!-- luanan: ignore[C301] -->`.

    A comment alone on its line exempts the next paragraph; a comment after text exempts its
    own line."""
    lines = text.split("\n")
    ranges = []
    for number, line in enumerate(lines, 1):
        for match in _IGNORE.finditer(line):
            codes = (
                frozenset(c.strip().upper() for c in match.group(1).split(",") if c.strip()) if match.group(1) else None
            )
            if line[: match.start()].strip():
                ranges.append((number, number, codes))
                continue
            first = number + 1
            while first <= len(lines) and not lines[first - 1].strip():
                first += 1
            last = first
            while last < len(lines) and lines[last].strip():
                last += 1
            ranges.append((first, last, codes))
    return ranges


def drop_ignored(diagnostics: list[Diagnostic], texts: dict[Path, str]) -> list[Diagnostic]:
    by_path = {path: ignored_lines(text) for path, text in texts.items() if "luanan:" in text}
    return [
        d
        for d in diagnostics
        if not any(
            first <= d.line <= last and (codes is None or d.code in codes)
            for first, last, codes in by_path.get(d.path, ())
        )
    ]


def fails(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Whether the findings make the command fail: any error, or with `--strict` any warning."""
    floor = Severity.WARNING if strict else Severity.ERROR
    return any(d.severity >= floor for d in diagnostics)
