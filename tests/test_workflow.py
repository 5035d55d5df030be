"""The author's workflow: luanan new, the CI template, the pre-commit hook, doctor, progress
lines, shell completion, and an example in every command's help."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, run_luanan
from luanan.cli import build_parser


def test_new_project_checks_and_builds_clean_at_once(tmp_path):
    result = run_luanan("new", "luan-an", "--profile", "hanu-masters", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "luan-an"
    for name in (
        "thesis.yaml",
        "Makefile",
        "README.md",
        ".gitignore",
        ".github/workflows/thesis.yml",
        "bibliography/references.bib",
        "bibliography/abbreviations.yaml",
        "chapters/01-chuong-1.md",
    ):
        assert (root / name).is_file(), name
    config = (root / "thesis.yaml").read_text(encoding="utf-8")
    assert "profile: hanu-masters" in config and "# Tác giả / author" in config
    check = run_luanan("check", cwd=root)
    assert check.returncode == 0 and check.stdout.startswith("0 errors, 0 warnings; 19 citations checked")
    entry_types = {
        line.split("{")[0]
        for line in (root / "bibliography" / "references.bib").read_text(encoding="utf-8").splitlines()
        if line.startswith("@")
    }
    assert {"@book", "@article", "@incollection", "@phdthesis", "@misc", "@online", "@archive"} <= entry_types
    chapter = (root / "chapters" / "01-chuong-1.md").read_text(encoding="utf-8")
    for form in (
        "[9, tr. 671]",
        "[1], [2]",
        "[2; 3; 8]",
        "[6, t. 12, tr. 280]",
        "[11, pp. 45-47]",
        "[@tinhuy2010, tr. 2]",
        "[Phụ lục 1]",
        "Nguồn: [8, tr. 5]",
    ):
        assert form in " ".join(chapter.split()), form
    assert run_luanan("build", cwd=root).returncode == 0
    assert run_luanan("new", "luan-an", cwd=tmp_path).returncode == 2  # never over an existing project


def test_ci_template_is_a_workflow_with_the_expected_steps(tmp_path):
    run_luanan("new", "p", cwd=tmp_path)
    workflow = yaml.safe_load((tmp_path / "p" / ".github" / "workflows" / "thesis.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["thesis"]["steps"]
    commands = " | ".join(step.get("run", "") for step in steps)
    assert "luanan check --format github" in commands and "luanan check --format sarif" in commands
    assert "luanan build" in commands
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/upload-artifact") for u in uses)
    artifact = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert "build/thesis.pdf" in artifact["with"]["path"] and "build/thesis.docx" in artifact["with"]["path"]
    assert "luanan report" in commands and "build/report.html" in artifact["with"]["path"]  # next to the PDF


def test_pre_commit_hook_definition_runs(tmp_path):
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "luanan-check" and hook["language"] == "python" and hook["pass_filenames"] is False
    run_luanan("new", "p", cwd=tmp_path)
    command = shlex.split(hook["entry"])
    luanan = shutil.which("luanan") or str(Path(sys.executable).parent / "luanan")
    done = subprocess.run([luanan, *command[1:]], cwd=tmp_path / "p", capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / "p" / "chapters" / "01-chuong-1.md").write_text("Sai [99].\n", encoding="utf-8")
    assert subprocess.run([luanan, *command[1:]], cwd=tmp_path / "p", capture_output=True).returncode == 1


def test_doctor_names_versions_fonts_and_what_to_do(tmp_path):
    result = run_luanan("doctor", cwd=REPO)
    assert result.returncode == 0
    assert "pandoc 3." in result.stdout and "typst 0." in result.stdout and "python-docx" in result.stdout
    assert "font Libertinus Serif" in result.stdout  # inside the typst package: always found
    for line in result.stdout.splitlines():
        if line.startswith(("absent", "missing")):
            assert "install" in line or "is used instead" in line  # says what to do, or why nothing


def test_progress_lines_only_when_asked(tmp_path):
    run_luanan("new", "p", cwd=tmp_path)
    quiet = run_luanan("build", "pdf", cwd=tmp_path / "p")
    assert "total" not in quiet.stderr  # not a terminal: quiet
    verbose = run_luanan("--verbose", "build", "pdf", cwd=tmp_path / "p")
    assert "check " in verbose.stderr and "pdf " in verbose.stderr and "cache hit" in verbose.stderr


def test_completion_scripts(tmp_path):
    bash = run_luanan("completion", "bash", cwd=tmp_path).stdout
    assert subprocess.run(["bash", "-n"], input=bash, text=True).returncode == 0
    assert "complete -F _luanan luanan" in bash and "renumber" in bash
    zsh = run_luanan("completion", "zsh", cwd=tmp_path).stdout
    assert zsh.startswith("#compdef luanan") and "'check:" in zsh


def test_version_and_every_help_has_an_example(tmp_path):
    assert run_luanan("--version", cwd=tmp_path).stdout.startswith("luanan ")
    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices
    for name in commands:
        result = run_luanan(name, "--help", cwd=tmp_path)
        assert result.returncode == 0 and "example: luanan" in result.stdout, name


def test_new_project_make_twice_builds_once_and_records_its_luanan_source(tmp_path):
    run_luanan("new", "p", cwd=tmp_path)
    root = tmp_path / "p"
    requirement = [
        line
        for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert len(requirement) == 1 and requirement[0].startswith("luanan")
    workflow = (root / ".github" / "workflows" / "thesis.yml").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in workflow and "LUANAN_PACKAGE" not in workflow
    assert "requirements.txt" in (root / "README.md").read_text(encoding="utf-8")
    luanan = str(Path(sys.executable).parent / "luanan")  # the fresh venv path is tried by hand (README)
    first = subprocess.run(["make", f"LUANAN={luanan}"], cwd=root, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (root / "build" / "thesis.pdf").is_file() and (root / "build" / "thesis.docx").is_file()
    second = subprocess.run(["make", f"LUANAN={luanan}"], cwd=root, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0 and "Nothing to be done" in second.stdout, second.stdout
