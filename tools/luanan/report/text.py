"""The human format: `path:line:col: severity[CODE] message`, the source line, a caret, a hint."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from luanan.diagnostics import Diagnostic, Severity, sort_key
from luanan.i18n import N_, _, ngettext
from luanan.report.model import Report

WIDTH = 100  # longest source excerpt shown


COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
# The severity words of the human format; the machine formats keep `error`, `warning`, `info`.
SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
RESET = "\033[0m"


def format_diagnostic(
    diagnostic: Diagnostic, line_text: Callable[[Path, int], str | None], colour: bool = False
) -> str:
    d = diagnostic
    severity = _severity(d.severity, colour)
    lines = [f"{d.path}:{d.line}:{d.column}: {severity}[{d.code}] {d.message}"]
    text = line_text(d.path, d.line)
    if text is not None:
        end = d.end_column if d.end_line == d.line else len(text) + 1
        start_col, excerpt = _window(text, d.column, end)
        gutter = " " * len(str(d.line))
        lines.append(f"   {d.line} | {excerpt}")
        lines.append(f"   {gutter} | {' ' * (d.column - start_col)}{'^' * max(1, end - d.column)}")
    if d.hint:
        lines.append(f"   {' ' * len(str(d.line))} = " + _("hint: {hint}").format(hint=d.hint))
    return "\n".join(lines)


def format_summary(summary: dict[str, int]) -> str:
    errors, warnings = summary["errors"], summary["warnings"]
    citations, locators = summary["citations_checked"], summary["locators_verified"]
    line = _("{errors}, {warnings}; {citations}, {locators}, {unverifiable} unverifiable").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        citations=ngettext("{count} citation checked", "{count} citations checked", citations).format(count=citations),
        locators=ngettext(
            "{count} locator verified against page data", "{count} locators verified against page data", locators
        ).format(count=locators),
        unverifiable=summary["locators_unverifiable"],
    )
    if "quotations_verified" in summary:
        line += _(
            "; quotations in their sources: {verified} verified, {moved} on another page, "
            "{not_found} not found, {unverifiable} unverifiable"
        ).format(
            verified=summary["quotations_verified"],
            moved=summary["quotations_moved"],
            not_found=summary["quotations_not_found"],
            unverifiable=summary["quotations_unverifiable"],
        )
    return line


def _window(text: str, column: int, end: int) -> tuple[int, str]:
    """The part of a long line around the span: (column of its first character, excerpt)."""
    if len(text) <= WIDTH:
        return 1, text
    first = max(1, min(column - 20, end - WIDTH + 10))
    excerpt = text[first - 1 : first - 1 + WIDTH]
    return (1, excerpt) if first == 1 else (first - 4, "... " + excerpt)


COLLAPSE_OVER = 5  # a warning code found more often is summed up in one line (unless --verbose)


def render(report: Report) -> str:
    """Errors first, then warnings, then notes, each group by file and line with its source
    line; a warning code that repeats more than COLLAPSE_OVER times becomes one line with its
    count; then the summary line."""
    blocks = []
    for severity in sorted(Severity, reverse=True):
        found = sorted((d for d in report.diagnostics if d.severity is severity), key=sort_key)
        counts = Counter(d.code for d in found)
        collapse = (
            set()
            if report.verbose or severity is Severity.ERROR
            else {code for code, n in counts.items() if n > COLLAPSE_OVER}
        )
        listed = [d for d in found if d.code not in collapse]
        if listed:
            blocks.append(format_report(report.documents, listed, report.colour))
        for code in sorted(collapse):
            first = next(d for d in found if d.code == code)
            where = _("(first at {place}; --verbose lists them all)").format(place=f"{first.path}:{first.line}")
            blocks.append(f"{_severity(severity, report.colour)}[{code}] ×{counts[code]} {_summary(code)} {where}")
    return "\n".join([*blocks, format_summary(report.summary)]) + "\n"


def _summary(code: str) -> str:
    from luanan.rules import RULES

    return _(RULES[code].summary) if code in RULES else ""


def _severity(severity: Severity, colour: bool) -> str:
    word = _(SEVERITY_WORDS[str(severity)])
    return f"{COLOURS[str(severity)]}{word}{RESET}" if colour else word


def format_report(documents, diagnostics, colour: bool = False) -> str:
    """Diagnostics in the human format, each with its source line from `documents`."""
    sources = {document.path: document.source for document in documents}

    def line_text(path: Path, line: int) -> str | None:
        source = sources.get(path)
        return source.line_text(line) if source and line <= len(source.line_starts) else None

    return "\n".join(format_diagnostic(d, line_text, colour) for d in diagnostics)
