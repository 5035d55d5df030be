"""The machine format: one JSON object holding every diagnostic and the summary counts."""

from __future__ import annotations

import json

from luanan.diagnostics import Diagnostic


def render(diagnostics: list[Diagnostic], summary: dict) -> str:
    document = {"diagnostics": [_diagnostic(d) for d in diagnostics], "summary": summary}
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
    }
