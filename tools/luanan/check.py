"""The check stage: run every rule on the parsed project and select what the user sees."""

from __future__ import annotations

from dataclasses import dataclass, field

from luanan.citations.resolve import LocatorStatus, page_status, volume_status
from luanan.diagnostics import Diagnostic, FixEdit, Severity, sort_key
from luanan.parse import ParsedProject, parse_project
from luanan.project import Project
from luanan.rules import all_rules
from luanan.rules.base import CheckContext, Finding
from luanan.rules.sources import quote_checks
from luanan.select import drop_ignored, severity_of, validate_codes


@dataclass(frozen=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    citations_checked: int
    locators_verified: int = 0  # page or volume locators checked against page data
    locators_unverifiable: int = 0  # locators of sources with no page data
    quotations: dict[str, int] = field(default_factory=dict)  # with --sources: verified, moved...
    parsed: ParsedProject | None = field(default=None, compare=False, repr=False)

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


def check_project(project: Project, verify_sources: bool | None = None) -> CheckResult:
    return check_parsed(parse_project(project), verify_sources)


def check_parsed(parsed: ParsedProject, verify_sources: bool | None = None) -> CheckResult:
    context = CheckContext(parsed, _verify(parsed, verify_sources))
    project = context.project
    rules = list(all_rules())
    validate_codes(project.config, rules)
    diagnostics: list[Diagnostic] = []
    for rule in rules:
        severity = severity_of(rule, project.config)
        if severity is not None:
            diagnostics.extend(_diagnostic(rule.code, severity, finding) for finding in rule.check(context))
    texts = {document.path: document.source.text for document in project.documents}
    diagnostics = drop_ignored(diagnostics, texts)
    checked = sum(1 for _, c in context.all_citations() if c.kind == "reference")
    verified, unverifiable = _locator_counts(context)
    quotations = {}
    if context.verify_sources:
        outcomes = [q.outcome.value for q in quote_checks(context)]
        quotations = {
            outcome: outcomes.count(outcome) for outcome in ("verified", "moved", "not found", "unverifiable")
        }
    return CheckResult(sorted(diagnostics, key=sort_key), checked, verified, unverifiable, quotations, parsed)


def _verify(parsed: ParsedProject, verify_sources: bool | None) -> bool:
    if verify_sources is not None:
        return verify_sources
    return parsed.project is not None and parsed.project.config.sources == "verify"


def _locator_counts(context: CheckContext) -> tuple[int, int]:
    verified = unverifiable = 0
    for _, _, item, entry in context.resolved_items():
        for status in (page_status(item, entry)[0], volume_status(item, entry)):
            verified += status in (LocatorStatus.INSIDE, LocatorStatus.OUTSIDE)
            unverifiable += status is LocatorStatus.UNVERIFIABLE
    return verified, unverifiable


def _diagnostic(code: str, severity: Severity, finding: Finding) -> Diagnostic:
    if finding.document is None:
        assert finding.path is not None and finding.line is not None
        line, column = finding.line, finding.column
        return Diagnostic(code, severity, finding.path, line, column, line, column + 1, finding.message, finding.hint)
    source = finding.document.source
    line, column = source.position(finding.start)
    end_line, end_column = source.position(finding.end)
    edits: tuple[FixEdit, ...] = ()
    if finding.fix is not None:
        edits = tuple(
            FixEdit(*source.position(edit.start), *source.position(edit.end), edit.text) for edit in finding.fix.edits
        )
    return Diagnostic(
        code, severity, source.path, line, column, end_line, end_column, finding.message, finding.hint,
        finding.fix, edits,
    )  # fmt: skip
