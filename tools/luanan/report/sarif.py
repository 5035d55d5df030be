"""SARIF 2.1.0, for code scanning tools: one run, the rule catalogue, one result per diagnostic."""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import quote

from luanan import __version__
from luanan.diagnostics import Diagnostic, Severity
from luanan.i18n import _
from luanan.report.model import Report
from luanan.rules import Rule, all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report) -> str:
    return log(report.diagnostics, all_rules(), __version__)


def log(diagnostics: Iterable[Diagnostic], rules: Iterable[Rule], tool_version: str) -> str:
    """The SARIF log of `diagnostics` with the catalogue of `rules`."""
    rules = list(rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {"name": "luanan", "version": tool_version, "rules": [_rule(r) for r in rules]}
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index.get(d.code)) for d in diagnostics],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(rule: Rule) -> dict:
    descriptor: dict = {"id": rule.code, "name": rule.name, "shortDescription": {"text": _(rule.summary)}}
    if rule.explanation:
        descriptor["fullDescription"] = {"text": rule.explanation}
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    return descriptor


def _result(d: Diagnostic, rule_index: int | None) -> dict:
    result: dict = {"ruleId": d.code}
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    result["level"] = LEVELS[d.severity]
    result["message"] = {"text": _message(d)}
    region = {
        "startLine": d.line,
        "startColumn": d.column,
        "endLine": d.end_line,
        "endColumn": d.end_column,
    }
    location = {"physicalLocation": {"artifactLocation": _artifact(d), "region": region}}
    result["locations"] = [location]
    return result


def _message(d: Diagnostic) -> str:
    if not d.hint:
        return d.message
    separator = " " if d.message.endswith((".", "!", "?")) else ". "
    return d.message + separator + _("Hint: {hint}").format(hint=d.hint)


def _artifact(d: Diagnostic) -> dict:
    if d.path.is_absolute():
        return {"uri": d.path.as_uri()}
    return {"uri": quote(d.path.as_posix()), "uriBaseId": "%SRCROOT%"}
