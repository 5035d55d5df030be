"""The JSON, GitHub-annotation and SARIF reporters against hand-checked golden files."""

from __future__ import annotations

import json
from pathlib import Path

from luanan.diagnostics import Diagnostic, Severity
from luanan.report import Report
from luanan.report import github as github_report
from luanan.report import json as json_report
from luanan.report import sarif as sarif_report
from luanan.rules import Rule, all_rules

GOLDEN = Path(__file__).resolve().parent / "golden"

DIAGNOSTICS = [
    Diagnostic(
        "C101",
        Severity.ERROR,
        Path("chapters/03-chuong-3.md"),
        12,
        45,
        12,
        58,
        "số tham khảo 158 không có trong danh mục: danh mục chỉ có 150 mục, trích dẫn đạt 95% hợp lệ",
        "kiểm tra lại số thứ tự: có thể là [58, tr. 5]",
    ),
    Diagnostic(
        "C102",
        Severity.WARNING,
        Path("chapters/04-chuong-4.md"),
        30,
        3,
        31,
        8,
        "khóa @tinhuy2010 không có trong tệp .bib, trích dẫn bị bỏ qua",
    ),
    Diagnostic(
        "X101",
        Severity.INFO,
        Path("chapters/phụ lục 22.md"),
        7,
        1,
        7,
        2,
        "Phụ lục 22 được nhắc tới nhưng chưa có tệp: thêm sau khi bảo vệ",
    ),
]

SUMMARY = {
    "errors": 1,
    "warnings": 1,
    "infos": 1,
    "citations_checked": 42,
    "locators_verified": 0,
    "locators_unverifiable": 0,
}


def _noop(context):
    return iter(())


GOLDEN_RULES = [
    Rule(
        "C101",
        "unknown-reference-number",
        Severity.ERROR,
        "reference number not in the bibliography",
        _noop,
        "A numeric citation names a number that no bibliography entry has.",
    ),
    Rule("C102", "unknown-citation-key", Severity.ERROR, "citation key not in the bibliography", _noop),
    Rule(
        "X101",
        "unknown-appendix",
        Severity.ERROR,
        "appendix pointer to an appendix that does not exist",
        _noop,
        "`[Phụ lục 22]` points at appendix 22, which must exist as a file.",
    ),
]


def _golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def test_json_matches_golden():
    assert json_report.render(Report(DIAGNOSTICS, SUMMARY)) == _golden("report.json")


def test_json_parses_with_exact_fields():
    document = json.loads(json_report.render(Report(DIAGNOSTICS, SUMMARY)))
    assert set(document) == {"diagnostics", "summary"}
    assert document["summary"] == SUMMARY
    fields = {"code", "severity", "path", "line", "column", "end_line", "end_column", "message", "hint", "fix"}
    assert all(set(d) == fields for d in document["diagnostics"])
    assert [d["severity"] for d in document["diagnostics"]] == ["error", "warning", "info"]
    assert document["diagnostics"][1]["hint"] is None


def test_github_matches_golden():
    assert github_report.render(Report(DIAGNOSTICS)) == _golden("report.github.txt")


def test_github_escapes_property_values():
    d = Diagnostic("C103", Severity.ERROR, Path("a,b:c%.md"), 1, 1, 1, 2, "50%\r\nxong")
    assert github_report.render(Report([d])) == (
        "::error file=a%2Cb%3Ac%25.md,line=1,col=1,endLine=1,endColumn=2,title=C103::50%25%0D%0Axong\n"
    )


def test_sarif_matches_golden():
    assert sarif_report.log(DIAGNOSTICS, GOLDEN_RULES, "0.1.0") == _golden("report.sarif.json")


def test_sarif_is_structurally_valid_with_registry_rules():
    log = json.loads(sarif_report.log(DIAGNOSTICS, all_rules(), "0.1.0"))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "luanan"
    assert driver["version"] == "0.1.0"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for descriptor in rules:
        assert descriptor["shortDescription"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert len(run["results"]) == len(DIAGNOSTICS)
    for result, diagnostic in zip(run["results"], DIAGNOSTICS):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == diagnostic.code
        assert result["level"] in {"error", "warning", "note"}
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        start = (region["startLine"], region["startColumn"])
        assert (region["endLine"], region["endColumn"]) > start


def test_sarif_result_for_unregistered_code_has_no_rule_index():
    d = Diagnostic("Z999", Severity.INFO, Path("x.md"), 1, 1, 1, 2, "lạ")
    result = json.loads(sarif_report.log([d], GOLDEN_RULES, "0.1.0"))["runs"][0]["results"][0]
    assert result["ruleId"] == "Z999" and "ruleIndex" not in result
