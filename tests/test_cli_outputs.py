"""What `luanan check` and `luanan citations` print, in every format, on one fixture project,
compared with golden files (regenerate with UPDATE_GOLDEN=1 after checking the change by eye)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import REPO, make_project, run_luanan

FIXTURE = REPO / "tests" / "fixtures" / "golden-project"
GOLDEN = REPO / "tests" / "golden"


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
        pytest.skip(f"{name} rewritten: check it by eye, then run again without UPDATE_GOLDEN")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture()
def project(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "project"))


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_check_output(project, output_format):
    result = run_luanan("check", "--format", output_format, cwd=project)
    assert result.returncode == 1
    assert result.stderr == ""
    suffix = {"text": "txt", "json": "json", "github": "github.txt", "sarif": "sarif.json"}[output_format]
    compare(f"check.{suffix}", result.stdout.replace(__import__("luanan").__version__, "VERSION"))


def test_json_output_has_every_field_and_the_summary(project):
    report = json.loads(run_luanan("check", "--format", "json", cwd=project).stdout)
    fields = {"code", "severity", "path", "line", "column", "end_line", "end_column", "message", "hint", "fix"}
    assert all(set(d) == fields for d in report["diagnostics"])
    assert report["summary"]["errors"] == sum(d["severity"] == "error" for d in report["diagnostics"])
    assert report["summary"]["citations_checked"] == 8


@pytest.mark.parametrize("output_format, suffix", [("text", "txt"), ("json", "json"), ("csv", "csv")])
def test_citation_index(project, output_format, suffix):
    result = run_luanan("citations", "--format", output_format, cwd=project)
    assert result.returncode == 0
    compare(f"citations.{suffix}", result.stdout)


def test_citation_index_outside_a_project(tmp_path):
    page = tmp_path / "notes.md"
    page.write_text("Ghi chú [157,\ntr. 671] và [@an2015].\n", encoding="utf-8")
    result = run_luanan("citations", "notes.md", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    [first, second] = json.loads(result.stdout)
    assert first == {
        "path": "notes.md",
        "line": 1,
        "column": 9,
        "end_line": 2,
        "end_column": 9,
        "raw": "[157,\ntr. 671]",
        "kind": "reference",
        "items": [{"ref": 157, "key": None, "volume": None, "pages": "671"}],
    }
    assert second["items"] == [{"ref": None, "key": "an2015", "volume": None, "pages": None}]


def test_strict_makes_warnings_fail(tmp_path):
    bib = "@book{a, refnum = {1}, title = {Sách}, pagetotal = {10}}\n"
    root = make_project(tmp_path, {"01.md": "Chữ viết [1,tr5].\n"}, bib)
    assert run_luanan("check", cwd=root).returncode == 0
    assert run_luanan("check", "--strict", cwd=root).returncode == 1


def test_rules_command_explains_a_code(project):
    result = run_luanan("rules", "c101", cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith("C101 unknown-reference-number (error)")
    assert run_luanan("rules", "Z999", cwd=project).returncode == 2


def test_readme_lists_every_rule_with_its_default_severity():
    from luanan.rules import all_rules

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"| `{rule.code}` | {rule.severity} | {rule.summary} |" in readme
