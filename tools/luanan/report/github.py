"""GitHub Actions annotations: one `::error file=...::message` workflow command per diagnostic."""

from __future__ import annotations

from luanan.diagnostics import Diagnostic, Severity
from luanan.i18n import _
from luanan.report.model import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report) -> str:
    return "".join(_annotation(d) + "\n" for d in report.diagnostics)


def _annotation(d: Diagnostic) -> str:
    properties = {
        "file": d.path.as_posix(),
        "line": d.line,
        "col": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
        "title": d.code,
    }
    joined = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    message = d.message + "\n" + _("hint: {hint}").format(hint=d.hint) if d.hint else d.message
    return f"::{COMMANDS[d.severity]} {joined}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
