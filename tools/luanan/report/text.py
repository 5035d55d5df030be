"""The human format: `path:line:col: severity[CODE] message`, the source line, a caret, a hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from luanan.diagnostics import Diagnostic
from luanan.report.model import Report

WIDTH = 100  # longest source excerpt shown


COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
RESET = "\033[0m"


def format_diagnostic(
    diagnostic: Diagnostic, line_text: Callable[[Path, int], str | None], colour: bool = False
) -> str:
    d = diagnostic
    severity = f"{COLOURS[str(d.severity)]}{d.severity}{RESET}" if colour else str(d.severity)
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


def render(report: Report) -> str:
    """The findings, each with its source line, then the summary line."""
    lines = [format_report(report.documents, report.diagnostics, report.colour)] if report.diagnostics else []
    return "\n".join([*lines, format_summary(report.summary)]) + "\n"


def format_report(documents, diagnostics, colour: bool = False) -> str:
    """Diagnostics in the human format, each with its source line from `documents`."""
    sources = {document.path: document.source for document in documents}

    def line_text(path: Path, line: int) -> str | None:
        source = sources.get(path)
        return source.line_text(line) if source and line <= len(source.line_starts) else None

    return "\n".join(format_diagnostic(d, line_text, colour) for d in diagnostics)
