"""The human format: `path:line:col: severity[CODE] message`, the source line, a caret, a hint."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from luanan.diagnostics import Diagnostic, Severity, sort_key
from luanan.report.model import Report

WIDTH = 100  # longest source excerpt shown


COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
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
        lines.append(f"   {' ' * len(str(d.line))} = hint: {d.hint}")
    return "\n".join(lines)


def format_summary(summary: dict[str, int]) -> str:
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'s' * (n != 1)}"

    line = (
        f"{count(summary['errors'], 'error')}, {count(summary['warnings'], 'warning')}; "
        f"{count(summary['citations_checked'], 'citation')} checked, "
        f"{count(summary['locators_verified'], 'locator')} verified against page data, "
        f"{summary['locators_unverifiable']} unverifiable"
    )
    if "quotations_verified" in summary:
        line += (
            f"; quotations in their sources: {summary['quotations_verified']} verified, "
            f"{summary['quotations_moved']} on another page, {summary['quotations_not_found']} not found, "
            f"{summary['quotations_unverifiable']} unverifiable"
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
            blocks.append(
                f"{_severity(severity, report.colour)}[{code}] ×{counts[code]} {_summary(code)}"
                f" (first at {first.path}:{first.line}; --verbose lists them all)"
            )
    return "\n".join([*blocks, format_summary(report.summary)]) + "\n"


def _summary(code: str) -> str:
    from luanan.rules import RULES

    return RULES[code].summary if code in RULES else ""


def _severity(severity: Severity, colour: bool) -> str:
    return f"{COLOURS[str(severity)]}{severity}{RESET}" if colour else str(severity)


def format_report(documents, diagnostics, colour: bool = False) -> str:
    """Diagnostics in the human format, each with its source line from `documents`."""
    sources = {document.path: document.source for document in documents}

    def line_text(path: Path, line: int) -> str | None:
        source = sources.get(path)
        return source.line_text(line) if source and line <= len(source.line_starts) else None

    return "\n".join(format_diagnostic(d, line_text, colour) for d in diagnostics)
