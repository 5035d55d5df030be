"""Shared helpers: the repository's own project, tiny projects in temporary folders, and
running luanan as a user does (a whole process, exit code and output)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# The suite speaks English (its assertions and golden files are English); the tests of the
# Vietnamese messages ask for Vietnamese themselves. Subprocesses inherit it.
os.environ["LUANAN_LANG"] = "en"

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = REPO / "tests" / "fixtures" / "seed-chapter-3.txt"
CHAPTER = REPO / "chapters" / "03-chuong-3.md"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_luanan(*args: str, cwd: Path) -> Run:
    done = subprocess.run([sys.executable, "-m", "luanan", *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


def copy_embedded_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("thesis.yaml", "chapters", "bibliography"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


def make_project(root: Path, chapters: dict[str, str], bib: str = "", config: str | None = None) -> Path:
    """A minimal thesis project: `chapters` maps a path under chapters/ to its text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "thesis.yaml").write_text(
        config or 'title: "Thử nghiệm"\nlanguage: vi\nprofile: moet-classic\n', encoding="utf-8"
    )
    for name, text in chapters.items():
        path = root / "chapters" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "bibliography").mkdir(exist_ok=True)
    (root / "bibliography" / "references.bib").write_text(bib, encoding="utf-8")
    return root


# `luanan build pdf`, stalled while Typst writes the PDF: it writes half a file, tells the test
# (argv[1]) and waits to be killed. No race with a real Typst that may finish first.
STALLED_BUILD = """
import sys, time
import luanan.write.pdf as pdf

def stalled(source, output, root, inputs, *rest):
    with open(output, "wb") as half:
        half.write(b"%PDF-1.7 half written")
    open(sys.argv[1], "w").close()
    time.sleep(600)

pdf._compile = stalled
from luanan.cli import main
sys.exit(main(["build", "pdf"]))
"""


SMALL_BIB = """@book{an2015,
  refnum = {1}, author = {Nguyễn Văn An}, year = {2015},
  title = {Công tác kiểm tra của Đảng ở cơ sở}, publisher = {Nxb Chính trị quốc gia}, address = {Hà Nội},
}
@misc{tinhuy2010,
  refnum = {2}, author = {{Tỉnh ủy Thanh Hóa}}, year = {2010},
  title = {Quy chế số 01-QC/TU, ngày 16/12/2010}, address = {Thanh Hóa},
}
"""


@pytest.fixture(scope="session")
def embedded_build(tmp_path_factory) -> Path:
    """The repository's thesis, built once into a temporary copy (the checkout's build/ is
    left alone)."""
    root = copy_embedded_project(tmp_path_factory.mktemp("embedded"))
    result = run_luanan("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


from hypothesis import HealthCheck, settings  # noqa: E402

# `make test` runs a small, derandomised budget (the same examples every run, so CI is never
# red by chance); `make fuzz` explores at random, 20,000 examples per property.
settings.register_profile("default", max_examples=150, deadline=None, derandomize=True, database=None)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("default")
