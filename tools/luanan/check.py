"""The check stage: parse every document, run every rule, apply the severity policy."""

from __future__ import annotations

from dataclasses import dataclass

from luanan.citations.parse import find_citations
from luanan.diagnostics import Diagnostic, sort_key
from luanan.project import Project
from luanan.rules import all_rules
from luanan.rules.base import CheckContext, Finding


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    citations_checked: int


def parse_project(project: Project) -> CheckContext:
    settings = project.profile["citation"]
    citations = {
        document.path: find_citations(
            document.source.text,
            document.body_start,
            settings["page_labels"],
            settings["bare_page_locator"],
        )
        for document in project.documents
    }
    return CheckContext(project, citations)


def check_project(project: Project) -> CheckResult:
    context = parse_project(project)
    severities = project.config.severities
    diagnostics = []
    for rule in all_rules():
        severity = severities.get(rule.code, rule.severity)
        if rule.code in severities and severity is None:
            continue
        for finding in rule.check(context):
            diagnostics.append(_diagnostic(rule.code, severity, finding))
    checked = sum(1 for _, c in context.all_citations() if c.kind == "reference")
    return CheckResult(sorted(diagnostics, key=sort_key), checked)


def _diagnostic(code: str, severity, finding: Finding) -> Diagnostic:
    if finding.document is None:
        return Diagnostic(code, severity, finding.path, finding.line, 1, finding.line, 2,
                          finding.message, finding.hint)
    source = finding.document.source
    line, column = source.position(finding.start)
    end_line, end_column = source.position(finding.end)
    return Diagnostic(code, severity, source.path, line, column, end_line, end_column,
                      finding.message, finding.hint)
