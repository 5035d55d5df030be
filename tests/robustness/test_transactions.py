"""Commands that rewrite sources (`renumber --write`, `fix --write`, `cite --write`) change every
file or none, even when the process is killed at any step: the change is journalled under
build/.luanan-journal first, and the next command finishes it (or drops it, when it was never
committed) and says so. Symlinked sources are written through to their target; a hard-linked
source keeps its inode."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import make_project, run_luanan
from luanan.bibliography.numbering import LOCK_NAME, lock_text
from luanan.files import JOURNAL, recover, replace_all
from luanan.parse import parse_project
from luanan.project import load_project
from luanan.rewrite import plan_renumber

BIB = """@book{an, author = {Lê Văn An}, title = {Sách A}, year = {2015}, publisher = {Nxb Trẻ}}
@book{binh, author = {Trần Văn Bình}, title = {Sách B}, year = {2016}, publisher = {Nxb Trẻ}}
@book{cuong, author = {Phạm Văn Cường}, title = {Sách C}, year = {2017}, publisher = {Nxb Trẻ}}
"""
NEW_SOURCE = "@book{anh, author = {Nguyễn Thị Ánh}, title = {Sách Á}, year = {2018}, publisher = {Nxb Trẻ}}\n"


def renumber_project(root: Path, files: int) -> tuple[Path, dict[Path, bytes], dict[Path, bytes]]:
    """A sorted-numbering project of `files` chapters whose numbers all shift when a new source
    is filed second; (root, every changed file's old bytes, its new bytes)."""
    chapters = {f"{i:03d}.md": f"Chương {i}: một [1, tr. 5], hai [2], ba [3, tr. 7].\n" for i in range(files)}
    make_project(root, chapters, BIB, config='title: "T"\n')
    (root / LOCK_NAME).write_text(lock_text(load_project(root).bibliography), encoding="utf-8")
    with open(root / "bibliography" / "references.bib", "a", encoding="utf-8") as bib:
        bib.write(NEW_SOURCE)
    changes, _ = plan_renumber(parse_project(load_project(root)))
    assert len(changes) == files + 1  # every chapter and the lock
    old = {root / c.path: c.old.encode("utf-8") for c in changes}
    new = {root / c.path: c.new.encode("utf-8") for c in changes}
    return root, old, new


def state(old: dict[Path, bytes], new: dict[Path, bytes]) -> set[str]:
    """For each file: "old", "new" or "torn"."""
    found = set()
    for path in old:
        data = path.read_bytes()
        found.add("old" if data == old[path] else "new" if data == new[path] else "torn")
    return found


def hidden_leftovers(root: Path) -> list[str]:
    return [p.name for folder in (root / "chapters", root / "bibliography") for p in folder.glob(".*")]


def kill_and_recover(template: Path, tmp: Path, step: int, old, new, how: str = "KILL") -> tuple[int, str]:
    root = tmp / f"at-{step}-{how}"
    shutil.copytree(template, root, symlinks=True)
    old = {root / p.relative_to(template): v for p, v in old.items()}
    new = {root / p.relative_to(template): v for p, v in new.items()}
    env = {**os.environ, "LUANAN_TEST_KILL_AT_STEP": f"{step}:{how}"}
    done = subprocess.run(
        [sys.executable, "-m", "luanan", "renumber", "--write"], cwd=root, env=env, capture_output=True, text=True
    )
    assert "Traceback" not in done.stderr
    before_recovery = state(old, new)
    assert before_recovery <= {"old", "new", "torn"}
    said = recover(root / "build" / JOURNAL) or ""  # what the next command does first
    assert state(old, new) in ({"old"}, {"new"}), (step, before_recovery)
    assert hidden_leftovers(root) == []
    assert not (root / "build" / JOURNAL).exists()
    if state(old, new) == {"new"} and done.returncode != 0 and how == "KILL":
        assert said.startswith("finished an interrupted write") or before_recovery == {"new"}
    return done.returncode, said


def steps_of(files: int) -> int:
    # staging: 1 + a step per file + the manifest; commit; a step per file; the journal removed
    return 1 + files + 1 + 1 + files + 1


def test_sigkill_at_sampled_steps_of_a_renumber_leaves_all_old_or_all_new(tmp_path):
    template, old, new = renumber_project(tmp_path / "template", 30)
    total = steps_of(len(old))
    outcomes = {}
    for step in sorted({1, 2, len(old), len(old) + 2, len(old) + 3, len(old) + 4, len(old) + 20, total, total + 1}):
        outcomes[step] = kill_and_recover(template, tmp_path, step, old, new)
    assert outcomes[1][0] == -signal.SIGKILL and outcomes[total + 1][0] == 0


def test_the_next_command_finishes_an_interrupted_renumber_and_says_so(tmp_path):
    root, old, new = renumber_project(tmp_path / "t", 12)
    env = {**os.environ, "LUANAN_TEST_KILL_AT_STEP": str(len(old) + 3 + 5)}  # in the middle of the renames
    done = subprocess.run([sys.executable, "-m", "luanan", "renumber", "--write"], cwd=root, env=env)
    assert done.returncode == -signal.SIGKILL
    assert state(old, new) == {"old", "new"}  # half applied: the journal holds the rest
    check = run_luanan("check", cwd=root)
    assert "luanan: finished an interrupted write of 13 files" in check.stderr
    assert state(old, new) == {"new"} and check.returncode == 0
    assert hidden_leftovers(root) == []


@pytest.mark.parametrize("how", ["TERM", "INT"])
def test_sigterm_or_ctrl_c_while_staging_leaves_nothing_behind(tmp_path, how):
    template, old, new = renumber_project(tmp_path / "template", 20)
    code, _ = kill_and_recover(template, tmp_path, 10, old, new, how)
    assert code in (143, 130)
    root = tmp_path / f"at-10-{how}"
    assert state({root / p.relative_to(template): v for p, v in old.items()}, {}) == {"old"}
    assert not list((root / "build").glob(".luanan-journal*"))


def test_sigterm_while_applying_finishes_first(tmp_path):
    template, old, new = renumber_project(tmp_path / "template", 20)
    step = len(old) + 3 + 3  # the third rename
    code, said = kill_and_recover(template, tmp_path, step, old, new, "TERM")
    assert code == 143 and said == ""  # nothing left for the next command: the renames were finished
    root = tmp_path / f"at-{step}-TERM"
    here = {root / p.relative_to(template): v for p, v in new.items()}
    assert all(path.read_bytes() == data for path, data in here.items())


@pytest.mark.slow
def test_sigkill_at_every_step_of_a_400_file_renumber(tmp_path):
    """`make slow`: every step of a 400-file transaction, each killed outright."""
    template, old, new = renumber_project(tmp_path / "template", 400)
    script = (
        "import json, sys; from pathlib import Path; from luanan.files import replace_all; "
        "replace_all({Path(p): t for p, t in json.load(open(sys.argv[1])).items()}, Path(sys.argv[2]))"
    )
    root = tmp_path / "run"
    here_old = {root / p.relative_to(template): v for p, v in old.items()}
    here_new = {root / p.relative_to(template): v for p, v in new.items()}
    payload = tmp_path / "run.json"
    payload.write_text(json.dumps({str(p): v.decode("utf-8") for p, v in here_new.items()}), encoding="utf-8")
    for step in range(1, steps_of(len(old)) + 2):
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(template, root)
        env = {**os.environ, "LUANAN_TEST_KILL_AT_STEP": str(step)}
        subprocess.run([sys.executable, "-c", script, str(payload), str(root / "build" / JOURNAL)], env=env)
        recover(root / "build" / JOURNAL)
        assert state(here_old, here_new) in ({"old"}, {"new"}), step
        assert hidden_leftovers(root) == [], step


def test_a_failed_write_puts_back_what_was_replaced(tmp_path, monkeypatch):
    root, old, new = renumber_project(tmp_path / "t", 5)
    import luanan.files as files

    real, calls = os.replace, []

    def failing(source, destination):
        calls.append(destination)
        if len(calls) == 4:  # the commit, two files, then a full disk
            raise OSError(28, "No space left on device", str(destination))
        return real(source, destination)

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(OSError):
        replace_all({path: data.decode("utf-8") for path, data in new.items()}, root / "build" / JOURNAL)
    monkeypatch.setattr(files.os, "replace", real)
    assert state(old, new) == {"old"}
    assert hidden_leftovers(root) == [] and not (root / "build" / JOURNAL).exists()


def test_renumber_writes_through_a_symlinked_chapter(tmp_path):
    root, old, new = renumber_project(tmp_path / "t", 2)
    real = root / "chapters" / "real"
    real.mkdir()
    chapter = root / "chapters" / "000.md"
    os.replace(chapter, real / "000.md")
    chapter.symlink_to(Path("real") / "000.md")
    assert run_luanan("renumber", "--write", cwd=root).returncode == 0
    assert chapter.is_symlink()
    assert (real / "000.md").read_bytes() == new[chapter]


def test_fix_writes_through_a_symlinked_chapter(tmp_path):
    nfd = unicodedata.normalize("NFD", "Đảng bộ tỉnh lãnh đạo công tác kiểm tra.\n")
    root = make_project(tmp_path / "t", {}, "", config='title: "T"\n')
    (root / "src").mkdir()
    (root / "src" / "01.md").write_text(nfd, encoding="utf-8")
    link = root / "chapters" / "01.md"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(Path("..") / "src" / "01.md")
    result = run_luanan("fix", "--write", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert link.is_symlink()
    assert (root / "src" / "01.md").read_text(encoding="utf-8") == unicodedata.normalize("NFC", nfd)


def test_renumber_keeps_a_hard_linked_chapter_s_inode(tmp_path):
    root, old, new = renumber_project(tmp_path / "t", 2)
    chapter = root / "chapters" / "001.md"
    other = tmp_path / "elsewhere.md"
    os.link(chapter, other)
    inode = chapter.stat().st_ino
    assert run_luanan("renumber", "--write", cwd=root).returncode == 0
    assert chapter.stat().st_ino == inode and chapter.stat().st_nlink == 2
    assert other.read_bytes() == new[chapter]  # the other name sees the change
