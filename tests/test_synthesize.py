"""The synthetic thesis generator (tools/synthesize.py), which `make bench` measures."""

from __future__ import annotations

import sys

from conftest import REPO
from luanan.check import check_project
from luanan.project import load_project

sys.path.insert(0, str(REPO / "tools"))
from synthesize import generate


def test_generated_thesis_checks_clean_and_its_twin_cites_by_key(tmp_path):
    counts = generate(tmp_path / "numeric", scale=0.05)
    assert counts["references"] == 300 and counts["citations"] > 50
    result = check_project(load_project(tmp_path / "numeric"))
    # At this small scale not every one of the 300 sources gets cited (C110) and a section may
    # keep one of its subsections only (H103); nothing else is found.
    assert {d.code for d in result.diagnostics} <= {"C110", "H103"}
    assert result.citations_checked == counts["citations"]
    generate(tmp_path / "twin", scale=0.05, keys=True)
    twin_chapter = next((tmp_path / "twin" / "chapters").glob("*.md")).read_text(encoding="utf-8")
    assert "[@" in twin_chapter
    numeric = {p.name: p.read_bytes() for p in (tmp_path / "numeric" / "chapters").rglob("*.md")}
    again = generate(tmp_path / "again", scale=0.05)
    assert again == counts
    assert {p.name: p.read_bytes() for p in (tmp_path / "again" / "chapters").rglob("*.md")} == numeric
