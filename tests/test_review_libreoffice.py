"""The reviewer round trip with LibreOffice itself as the reviewer's program, driven headless
through its UNO API (tests/libreoffice_review.py): comments (range and point, on the chapter, the
reference list and the abbreviation table) and tracked changes (words, inside a citation, a
paragraph deleted, a paragraph inserted) come back to the right lines, and applying `luanan
changes` equals LibreOffice's Accept All; `luanan diff` accepted and rejected in LibreOffice gives
the new and the old text. Skipped, with the reason, where LibreOffice or its Python bridge is
absent; tests/test_review_changes.py builds the same shapes by hand for every machine."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, copy_embedded_project, run_luanan
from luanan.review.document import read_review


def _uno_python() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            done = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if done.returncode == 0:
                return candidate
    return None


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PYTHON = _uno_python() if SOFFICE else None
pytestmark = pytest.mark.skipif(
    PYTHON is None,
    reason="LibreOffice with its Python bridge (soffice, python3-uno) is not installed",
)
CHAPTER = "chapters/03-chuong-3.md"
AN, BINH, CUONG = "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"


def libreoffice(folder: Path, source: str, steps: list[dict], save: list[str]) -> None:
    script = folder / f"script-{len(list(folder.glob('script-*.json')))}.json"
    script.write_text(json.dumps({"input": source, "steps": steps, "save": save}, ensure_ascii=False), "utf-8")
    done = subprocess.run(
        [PYTHON, str(REPO / "tests" / "libreoffice_review.py"), str(script)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def texts(path: Path, accepted: bool = False) -> list[str]:
    """The chapter's paragraphs, from its heading to the reference list."""
    shown = [p.text(new=accepted) for p in read_review(path).paragraphs]
    start = next(i for i, t in enumerate(shown) if t.startswith("CHƯƠNG 3") and "\t" not in t)  # not in MỤC LỤC
    end = next(i for i, t in enumerate(shown) if t == "TÀI LIỆU THAM KHẢO")
    return shown[start:end]


def line_of(root: Path, needle: str, name: str = CHAPTER) -> int:
    lines = [i for i, line in enumerate((root / name).read_text(encoding="utf-8").split("\n"), 1) if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


STEPS = [
    {"op": "comment", "find": "Quy chế số 01-QC/TU", "author": AN, "text": "Ghi rõ số hiệu."},
    {"op": "comment", "find": "tạo sự thống nhất cao", "author": BINH, "text": "Điểm góp ý.", "point": True},
    {"op": "comment", "find": "(2011), Chương trình hành động", "author": CUONG, "text": "Thiếu ngày."},
    {"op": "comment", "find": "Hội đồng nhân dân", "author": AN, "text": "Viết tắt đúng chưa?"},
    {"op": "replace", "find": "tr. 671", "with": "tr. 672", "author": AN},
    {
        "op": "replace",
        "find": "tập trung dân chủ trong lãnh đạo",
        "with": "dân chủ tập trung trong lãnh đạo",
        "author": BINH,
    },
    {"op": "delete", "find": " nghiêm túc", "author": CUONG},
    {"op": "delete_paragraph", "find": "Chỉ đạo nâng cao chất lượng sinh hoạt", "author": BINH},
    {"op": "insert", "after": "vào cuộc sống.", "text": "\nMột đoạn mới do người đọc thêm vào.", "author": CUONG},
]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Path:
    root = copy_embedded_project(tmp_path_factory.mktemp("libreoffice") / "thesis")
    built = run_luanan("build", "docx", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    libreoffice(root, "build/thesis.docx", STEPS, ["reviewed.docx", "reviewed.odt"])
    libreoffice(root, "build/thesis.docx", [*STEPS, {"op": "accept_all"}], ["accepted.docx"])
    return root


@pytest.mark.parametrize("name", ["reviewed.docx", "reviewed.odt"])
def test_comments_from_libreoffice_at_their_lines(reviewed, name):
    result = run_luanan("comments", name, cwd=reviewed)
    assert result.returncode == 0, result.stderr
    bib = "bibliography/references.bib"
    assert result.stdout.splitlines() == [
        f"bibliography/abbreviations.yaml:{line_of(reviewed, 'HĐND:', 'bibliography/abbreviations.yaml')}: "
        f"[{AN}] Viết tắt đúng chưa?",
        f"{CHAPTER}:{line_of(reviewed, 'Quy chế số 01-QC/TU, ngày 16/12/2010')}: [{AN}] Ghi rõ số hiệu.",
        f"{CHAPTER}:{line_of(reviewed, 'tạo sự thống nhất cao trong toàn đảng bộ')}: [{BINH}] Điểm góp ý.",
        f"{bib}:{line_of(reviewed, '@misc{tinhuy2011ctr07', bib)}: [{CUONG}] Thiếu ngày.",
    ]


@pytest.mark.parametrize("name", ["reviewed.docx", "reviewed.odt"])
def test_changes_from_libreoffice_equal_accept_all(reviewed, tmp_path, name):
    root = tmp_path / "thesis"
    shutil.copytree(reviewed, root)
    result = run_luanan("changes", name, "--write", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "; 0 not placed;" in result.stderr
    text = (root / CHAPTER).read_text(encoding="utf-8")
    assert "[157, tr. 672]" in text and "Một đoạn mới do người đọc thêm vào." in text
    assert "Chỉ đạo nâng cao chất lượng sinh hoạt" not in text and "\n\n\n" not in text
    rebuilt = run_luanan("build", "docx", cwd=root)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert texts(root / "build" / "thesis.docx") == texts(reviewed / "accepted.docx")


def test_changes_names_each_reviewer(reviewed):
    result = run_luanan("changes", "reviewed.docx", cwd=reviewed)
    hunks = " ".join(line for line in result.stdout.splitlines() if line.startswith("@@"))
    assert AN in hunks and BINH in hunks and CUONG in hunks
    only = run_luanan("changes", "reviewed.docx", "--author", CUONG, cwd=reviewed)
    removed = [line for line in only.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed and all("nghiêm túc" in line for line in removed)


def test_diff_accepted_and_rejected_in_libreoffice(tmp_path):
    root = copy_embedded_project(tmp_path / "thesis")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@x"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=root, check=True)
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    old = texts(root / "build" / "thesis.docx")
    chapter = root / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    start = text.index("**Chỉ đạo nâng cao chất lượng sinh hoạt:**")
    text = text[:start] + text[text.index("\n\n", start) + 2 :]  # a paragraph deleted
    text = text.replace("vào cuộc sống.\n\n", "vào cuộc sống.\n\nMột đoạn mới hoàn toàn.\n\n", 1)  # one added
    text = text.replace("[157, tr. 671]", "[157, tr. 672]").replace(
        "Thực hiện tốt nguyên tắc", "Thực hiện nghiêm nguyên tắc"
    )
    chapter.write_text(text, encoding="utf-8")
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    new = texts(root / "build" / "thesis.docx")
    assert run_luanan("diff", "HEAD", cwd=root).returncode == 0
    libreoffice(root, "build/thesis-changes.docx", [{"op": "accept_all"}], ["accepted.docx"])
    libreoffice(root, "build/thesis-changes.docx", [{"op": "reject_all"}], ["rejected.docx"])
    assert texts(root / "accepted.docx") == new
    assert texts(root / "rejected.docx") == old
    assert "" not in new and "" not in old  # no stray empty paragraph either way
