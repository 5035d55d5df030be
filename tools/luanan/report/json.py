"""The machine format: one JSON object holding every diagnostic and the summary counts."""

from __future__ import annotations

import json

from luanan.diagnostics import Diagnostic
from luanan.report.model import Report


def render(report: Report) -> str:
    document = {"diagnostics": [_diagnostic(d) for d in report.diagnostics], "summary": report.summary}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _diagnostic(d: Diagnostic) -> dict:
    return {
        "code": d.code,
        "severity": str(d.severity),
        "path": d.path.as_posix(),
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "message": d.message,
        "hint": d.hint,
        "fix": _fix(d),
    }


def _fix(d: Diagnostic) -> dict | None:
    """The fix as `luanan fix` applies it: safe (applied by default) or a suggestion (`--unsafe`)."""
    if d.fix is None:
        return None
    edits = [
        {"line": e.line, "column": e.column, "end_line": e.end_line, "end_column": e.end_column, "text": e.text}
        for e in d.fix_edits
    ]
    return {"safe": d.fix.safe, "edits": edits}
