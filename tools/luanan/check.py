"""The check stage: parse every document, run every rule, apply the severity policy."""

from __future__ import annotations

from dataclasses import dataclass, field

from luanan.citations.parse import find_citations, masked_text
from luanan.citations.resolve import LocatorStatus, page_status, volume_status
from luanan.diagnostics import Diagnostic, Severity, drop_ignored, sort_key
from luanan.project import Project
from luanan.rules import all_rules
from luanan.rules.base import CheckContext, Finding


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    citations_checked: int
    locators_verified: int = 0  # page or volume locators checked against page data
    locators_unverifiable: int = 0  # locators of sources with no page data
    quotations: dict[str, int] = field(default_factory=dict)  # with --sources: verified, moved...

    def summary(self) -> dict[str, int]:
        """The counts every report format prints."""
        count = lambda severity: sum(1 for d in self.diagnostics if d.severity is severity)
        return {
            "errors": count(Severity.ERROR),
            "warnings": count(Severity.WARNING),
            "infos": count(Severity.INFO),
            "citations_checked": self.citations_checked,
            "locators_verified": self.locators_verified,
            "locators_unverifiable": self.locators_unverifiable,
            **{f"quotations_{k.replace(' ', '_')}": v for k, v in self.quotations.items()},
        }


def parse_project(project: Project, verify_sources: bool = False) -> CheckContext:
    settings = project.profile["citation"]
    masked = {document.path: masked_text(document.source.text, document.body_start) for document in project.documents}
    citations = {
        document.path: find_citations(
            document.source.text,
            document.body_start,
            settings["page_labels"],
            settings["bare_page_locator"],
            masked[document.path],
        )
        for document in project.documents
    }
    return CheckContext(project, citations, verify_sources, masked)


def findings(context: CheckContext):
    """(code, severity, finding) of every rule the project's policy leaves on."""
    severities = context.project.config.severities
    for rule in all_rules():
        severity = severities.get(rule.code, rule.severity)
        if rule.code in severities and severity is None:
            continue
        for finding in rule.check(context):
            yield rule.code, severity, finding


def check_project(project: Project, verify_sources: bool | None = None) -> CheckResult:
    if verify_sources is None:
        verify_sources = project.config.sources == "verify"
    context = parse_project(project, verify_sources)
    diagnostics = [_diagnostic(code, severity, finding) for code, severity, finding in findings(context)]
    texts = {document.path: document.source.text for document in project.documents}
    diagnostics = drop_ignored(diagnostics, texts)
    checked = sum(1 for _, c in context.all_citations() if c.kind == "reference")
    verified, unverifiable = _locator_counts(context)
    quotations = {}
    if verify_sources:
        for outcome in ("verified", "moved", "not found", "unverifiable"):
            quotations[outcome] = sum(1 for q in context.quote_checks if q.outcome.value == outcome)
    return CheckResult(sorted(diagnostics, key=sort_key), checked, verified, unverifiable, quotations)


def _locator_counts(context: CheckContext) -> tuple[int, int]:
    verified = unverifiable = 0
    for _, _, item, entry in context.resolved_items():
        for status in (page_status(item, entry)[0], volume_status(item, entry)):
            verified += status in (LocatorStatus.INSIDE, LocatorStatus.OUTSIDE)
            unverifiable += status is LocatorStatus.UNVERIFIABLE
    return verified, unverifiable


def _diagnostic(code: str, severity, finding: Finding) -> Diagnostic:
    if finding.document is None:
        return Diagnostic(
            code, severity, finding.path, finding.line, 1, finding.line, 2, finding.message, finding.hint, finding.fix
        )
    source = finding.document.source
    line, column = source.position(finding.start)
    end_line, end_column = source.position(finding.end)
    return Diagnostic(
        code, severity, source.path, line, column, end_line, end_column, finding.message, finding.hint, finding.fix
    )
