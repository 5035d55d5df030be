"""`luanan report`: one self-contained page, opened in a real headless Chromium; the numbers it
shows are the ones `check` and `citations` give as JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, SMALL_BIB, make_project, run_luanan

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FRONT = "---\nchapter: 1\ntitle: Một\n---\n\n"
CHAPTERS = {
    "01.md": FRONT + "Một [1, tr. 5]. Hai [1, tr. 7]. Sai [9]. Chữ  đôi.\n",
    "02.md": FRONT.replace("1", "2") + "Ba [2]. Bốn  <b>[1]</b>.\n",
}
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("report"), CHAPTERS, SMALL_BIB)
    result = run_luanan("report", cwd=root)
    assert (result.returncode, result.stdout) == (0, "wrote build/report.html\n")
    return root


def test_report_is_self_contained_and_escapes_the_text(reported):
    page = (reported / "build" / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "Bốn  &lt;b&gt;[1]&lt;/b&gt;" in page  # chapter text is data, never markup


def counts(page: str, name: str) -> list[int]:
    return [int(n) for n in re.findall(rf'data-count="{name}"[^>]*>(\d+)<', page)]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_report_opens_in_chromium_with_the_numbers_of_the_json(reported, tmp_path):
    page = reported / "build" / "report.html"
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0
    assert "CONSOLE" not in dom.stderr and "Uncaught" not in dom.stderr
    shot = tmp_path / "report.png"
    subprocess.run([*common, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()], timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    artifacts = REPO / "build" / "test-artifacts"
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, artifacts / "report.png")

    check = json.loads(run_luanan("check", "--format", "json", cwd=reported).stdout)
    shown = dom.stdout
    assert counts(shown, "errors") == [check["summary"]["errors"]] == [1]
    assert counts(shown, "warnings") == [check["summary"]["warnings"]]
    assert counts(shown, "citations_checked") == [check["summary"]["citations_checked"]]
    assert counts(shown, "findings") == [len(check["diagnostics"])]
    assert len(re.findall(r'class="finding" data-code="C101"', shown)) == 1

    citations = json.loads(run_luanan("citations", "--format", "json", cwd=reported).stdout)
    uses = {"an2015": 0, "tinhuy2010": 0}
    for row in citations:
        for item in row["items"]:
            if item["entry"]:
                uses[item["entry"]] += 1
    assert counts(shown, "uses") == [uses["an2015"], uses["tinhuy2010"]] == [3, 1]
    assert counts(shown, "never_cited") == [0] and counts(shown, "cited_once") == [1]
    per_chapter = re.findall(r'data-chapter="([^"]+)" data-count="(\d+)"', shown)
    assert per_chapter == [("chapters/01.md", "3"), ("chapters/02.md", "2")]
