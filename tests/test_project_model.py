"""Issue 14's joints: one selection for check and fix, validated `checks:` codes, files that
keep their permissions, a cache that follows the code, and the parser bug the fuzzer found."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SMALL_BIB, make_project, run_luanan
from luanan import pandoc
from luanan.citations.parse import find_citations

FRONT = "---\nchapter: 1\ntitle: Một\n---\n\n"


def test_fix_leaves_a_paragraph_the_author_exempted(tmp_path):
    text = (
        FRONT + "Câu  một [1].\n\n<!-- luanan: ignore[T106] -->\nCâu  hai [1].\n\n"
        "Câu  ba [2]. <!-- luanan: ignore -->\n\nCâu  bốn [2].\n"
    )
    root = make_project(tmp_path, {"01.md": text}, SMALL_BIB)
    assert run_luanan("fix", "--write", cwd=root).returncode == 0
    fixed = (root / "chapters" / "01.md").read_text(encoding="utf-8")
    assert "Câu một [1]." in fixed and "Câu bốn [2]." in fixed
    assert "Câu  hai [1]." in fixed and "Câu  ba [2]." in fixed


def test_fix_json_says_which_fixes_are_safe(tmp_path):
    text = FRONT + "Có Ðảng và vàchương [1].\n"
    root = make_project(tmp_path, {"01.md": text}, SMALL_BIB)
    report = json.loads(run_luanan("check", "--format", "json", cwd=root).stdout)
    fixes = {d["code"]: d["fix"] for d in report["diagnostics"] if d["fix"]}
    assert fixes["T105"] == {
        "safe": True,
        "edits": [{"line": 6, "column": 4, "end_line": 6, "end_column": 5, "text": "Đ"}],
    }
    assert fixes["T104"]["safe"] is False and fixes["T104"]["edits"][0]["text"] == "và chương"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("c202: off", "thesis.yaml:3: error: checks: unknown rule code `c202`; did you mean C202?"),
        ("Z999: off", "thesis.yaml:3: error: checks: unknown rule code `Z999` (`luanan rules` lists them)"),
        ("C2O2: off", "thesis.yaml:3: error: checks: unknown rule code `C2O2`; did you mean C202?"),
    ],
)
def test_unknown_rule_codes_in_checks_are_errors(tmp_path, written, message):
    config = f'title: "T"\nchecks:\n  {written}\n'
    root = make_project(tmp_path, {"01.md": FRONT + "Câu [1].\n"}, SMALL_BIB, config=config)
    for command in (("check",), ("fix",), ("build", "docx")):
        result = run_luanan(*command, cwd=root)
        assert (result.returncode, result.stderr.strip()) == (2, f"luanan: {message}")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_outputs_and_fixed_files_keep_normal_permissions(tmp_path, umask):
    root = make_project(tmp_path, {"01.md": FRONT + "Câu  một [1].\n"}, SMALL_BIB)
    chapter = root / "chapters" / "01.md"
    chapter.chmod(0o644)
    script = (
        "import os, sys, runpy; os.umask(int(sys.argv[1], 8)); sys.argv = ['luanan', *sys.argv[2:]];"
        " runpy.run_module('luanan', run_name='__main__')"
    )

    def run(*args: str) -> None:
        done = subprocess.run([sys.executable, "-c", script, oct(umask), *args], cwd=root, capture_output=True)
        assert done.returncode == 0, done.stderr

    run("fix", "--write")
    assert chapter.read_text(encoding="utf-8").endswith("Câu một [1].\n")
    assert _mode(chapter) == 0o644  # a replaced file keeps its mode
    run("build")
    for output in ("thesis.pdf", "thesis.docx"):
        assert _mode(root / "build" / output) == 0o666 & ~umask  # a new file: what the umask gives


def test_fix_writes_through_a_symlinked_chapter(tmp_path):
    root = make_project(tmp_path, {}, SMALL_BIB)
    real = tmp_path / "real.md"
    real.write_text(FRONT + "Câu  một [1].\n", encoding="utf-8")
    (root / "chapters").mkdir(exist_ok=True)
    (root / "chapters" / "01.md").symlink_to(real)
    assert run_luanan("fix", "--write", cwd=root).returncode == 0
    assert (root / "chapters" / "01.md").is_symlink()
    assert real.read_text(encoding="utf-8").endswith("Câu một [1].\n")


def test_code_fingerprint_follows_the_code_that_shapes_outputs(tmp_path):
    package = Path(pandoc.__file__).parent
    copy = tmp_path / "luanan"
    for name in ("render", "write", "templates", "profiles", "rules"):
        (copy / name).mkdir(parents=True)
        for file in (package / name).glob("*.*"):
            (copy / name / file.name).write_bytes(file.read_bytes())
    (copy / "pandoc.py").write_bytes((package / "pandoc.py").read_bytes())
    before = pandoc.fingerprint(copy)
    (copy / "rules" / "text.py").write_text("# not part of any output\n", encoding="utf-8")
    assert pandoc.fingerprint(copy) == before
    (copy / "write" / "docx.py").write_text("# a change to the writer\n", encoding="utf-8")
    assert pandoc.fingerprint(copy) != before


def test_a_code_change_invalidates_the_cache_and_stale_entries_are_pruned(tmp_path, monkeypatch):
    from luanan import progress
    from luanan.pipeline import run_build

    root = make_project(tmp_path, {"01.md": FRONT + "Câu một [1].\n"}, SMALL_BIB)
    cache = root / "build" / ".cache"

    def build() -> tuple[int, int]:
        counter = progress.Progress(stream=open(os.devnull, "w"))
        monkeypatch.setattr(progress, "_current", [counter])
        run_build(root, ("docx",))
        return counter.hits, counter.misses

    first = build()
    assert first[0] == 0 and first[1] > 0
    entries = set(cache.glob("*.json"))
    assert build() == (first[1], 0)  # nothing changed: every part from the cache
    monkeypatch.setattr(pandoc, "code_fingerprint", lambda: "a newer luanan")
    assert build() == (0, first[1])  # the writer's code changed: converted again
    assert not entries & set(cache.glob("*.json"))  # the old entries are gone
    assert len(list(cache.glob("*.json"))) == len(entries)


def test_a_code_span_inside_brackets_is_not_a_citation():
    # Found by the property test: the span ran from `[` to the `]` inside the code span.
    text = "See [12, tr. `[x`] 5]. And [3, tr. 4]."
    assert [c.raw for c in find_citations(text)] == ["[3, tr. 4]"]
