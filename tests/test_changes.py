"""`luanan diff REV`: build/thesis-changes.docx shows every change since a git revision as Word
tracked changes, word by word, with the reference list and citation numbers of the current
project. Each test builds a small project in a temporary git repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import make_project, run_luanan
from luanan.review.changes import _Marks, _tracked

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CHAPTER_1 = """---
chapter: 1
title: "Mở đầu"
---

## Bối cảnh

Công tác kiểm tra được thực hiện ở cơ sở [@an2015, tr. 5]. Kết quả kiểm tra năm 2015
rất tốt so với năm trước.

Đoạn thứ hai giữ nguyên.
"""
CHAPTER_2 = """---
chapter: 2
title: "Kết quả"
---

Chương hai trích dẫn quy chế của tỉnh [@tinhuy2010].
"""
# Sorted numbering (no refnum): Vietnamese persons file under the given name, so "Ái" comes
# before "An" and "Tỉnh ủy", and every number moves up by one.
BIB = """@book{an2015,
  author = {Nguyễn Văn An}, year = {2015},
  title = {Công tác kiểm tra của Đảng ở cơ sở}, publisher = {Nxb Chính trị quốc gia}, address = {Hà Nội},
}
@misc{tinhuy2010,
  author = {{Tỉnh ủy Thanh Hóa}}, year = {2010},
  title = {Quy chế số 01-QC/TU, ngày 16/12/2010}, address = {Thanh Hóa},
}
"""
NEW_ENTRY = """@book{ai2020,
  author = {Trần Thị Ái}, year = {2020},
  title = {Xây dựng tổ chức cơ sở đảng}, publisher = {Nxb Lý luận chính trị}, address = {Hà Nội},
}
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@x", *args], cwd=root, check=True, capture_output=True
    )


@pytest.fixture
def repository(tmp_path) -> Path:
    """A project committed to a new git repository; the test is skipped, saying why, without git."""
    if shutil.which("git") is None:
        pytest.skip("needs git: `luanan diff` compares with a git revision")
    root = make_project(tmp_path / "thesis", {"01-chuong-1.md": CHAPTER_1, "02-chuong-2.md": CHAPTER_2}, BIB)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def diff(root: Path) -> tuple[str, ElementTree.Element]:
    """`luanan diff HEAD`: (its summary line, word/document.xml of the DOCX)."""
    result = run_luanan("diff", "HEAD", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    summary, wrote = result.stdout.splitlines()
    assert wrote == "wrote build/thesis-changes.docx"
    with zipfile.ZipFile(root / "build" / "thesis-changes.docx") as docx:
        return summary, ElementTree.fromstring(docx.read("word/document.xml"))


def text(element: ElementTree.Element, accepted: bool = True) -> str:
    """The text of an element with its changes accepted (or rejected)."""
    skip = f"{W}del" if accepted else f"{W}ins"
    pieces = []

    def walk(node):
        if node.tag == skip:
            return
        if node.tag in (f"{W}t", f"{W}delText"):
            pieces.append(node.text or "")
        for child in node:
            walk(child)

    walk(element)
    return "".join(pieces)


def paragraph(document: ElementTree.Element, words: str) -> ElementTree.Element:
    found = [p for p in document.iter(f"{W}p") if words in text(p) or words in text(p, accepted=False)]
    assert len(found) == 1, f"{len(found)} paragraphs with {words!r}"
    return found[0]


def changes(element: ElementTree.Element, kind: str) -> list[str]:
    tracked_marks = marks(element)
    return [text(c, accepted=kind == "ins") for c in element.iter(f"{W}{kind}") if c not in tracked_marks]


def test_changed_word_is_one_deletion_and_one_insertion(repository):
    chapter = repository / "chapters" / "01-chuong-1.md"
    chapter.write_text(CHAPTER_1.replace("rất tốt", "khá tốt"), encoding="utf-8")
    (repository / "bibliography" / "references.bib").write_text(BIB + NEW_ENTRY, encoding="utf-8")
    summary, document = diff(repository)
    assert summary == "1 of 2 chapter files changed since HEAD: 1 insertion, 1 deletion"

    changed = paragraph(document, "Kết quả kiểm tra năm 2015")
    assert [d.strip() for d in changes(changed, "del")] == ["rất"]
    assert [i.strip() for i in changes(changed, "ins")] == ["khá"]
    assert len(list(document.iter(f"{W}del"))) == len(list(document.iter(f"{W}ins"))) == 1
    assert "năm 2015 khá tốt so với" in text(changed)
    assert "năm 2015 rất tốt so với" in text(changed, accepted=False)
    change = next(changed.iter(f"{W}ins"))
    assert change.get(f"{W}author") == "luanan diff HEAD"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", change.get(f"{W}date"))

    # Unchanged text, unchanged chapter: no tracked change, numbers of the current bibliography.
    assert not list(paragraph(document, "Đoạn thứ hai giữ nguyên").iter(f"{W}ins"))
    second = paragraph(document, "Chương hai trích dẫn")
    assert not list(second.iter(f"{W}ins")) and not list(second.iter(f"{W}del"))
    assert text(second) == "Chương hai trích dẫn quy chế của tỉnh [3]."
    assert "thực hiện ở cơ sở [2, tr. 5]" in text(changed)

    # The reference list is today's: the new entry first, the others renumbered.
    references = [
        text(p)
        for p in document.iter(f"{W}p")
        if p.find(f"{W}bookmarkStart") is not None
        and p.find(f"{W}bookmarkStart").get(f"{W}name", "").startswith("ref-")
    ]
    assert [r.split(" (")[0] for r in references] == ["1. Trần Thị Ái", "2. Nguyễn Văn An", "3. Tỉnh ủy Thanh Hóa"]


def test_unchanged_chapter_is_as_in_a_normal_build(repository):
    (repository / "chapters" / "01-chuong-1.md").write_text(CHAPTER_1.replace("rất", "khá"), encoding="utf-8")
    _, changed = diff(repository)
    build = run_luanan("build", "docx", cwd=repository)
    assert build.returncode == 0, build.stdout + build.stderr
    with zipfile.ZipFile(repository / "build" / "thesis.docx") as docx:
        normal = ElementTree.fromstring(docx.read("word/document.xml"))
    for words in ("Chương hai trích dẫn", "Đoạn thứ hai giữ nguyên"):
        assert ElementTree.tostring(paragraph(changed, words)) == ElementTree.tostring(paragraph(normal, words))


def test_citations_new_files_and_removed_paragraphs(repository):
    chapter = repository / "chapters" / "01-chuong-1.md"
    chapter.write_text(
        CHAPTER_1.replace("[@an2015, tr. 5]", "[@tinhuy2010, tr. 7]").replace("Đoạn thứ hai giữ nguyên.\n", ""),
        encoding="utf-8",
    )
    (repository / "chapters" / "03-chuong-3.md").write_text(
        '---\nchapter: 3\ntitle: "Mới"\n---\n\nMột chương hoàn toàn mới.\n', encoding="utf-8"
    )
    summary, document = diff(repository)
    assert summary.startswith("2 of 3 chapter files changed since HEAD")

    changed = paragraph(document, "Công tác kiểm tra được")
    assert "ở cơ sở [2, tr. 7]. Kết quả" in text(changed)
    assert "ở cơ sở [1, tr. 5]. Kết quả" in text(changed, accepted=False)
    # A change never holds a link (the schema forbids it; LibreOffice drops the text): the link
    # holds the change, so the citation numbers survive in every reader.
    for change in [*document.iter(f"{W}ins"), *document.iter(f"{W}del")]:
        if change not in marks(document):
            assert {child.tag for child in change} == {f"{W}r"}
    assert any(link.find(f"{W}ins") is not None for link in changed.iter(f"{W}hyperlink"))
    ids = [c.get(f"{W}id") for c in [*document.iter(f"{W}ins"), *document.iter(f"{W}del")]]
    assert len(ids) == len(set(ids))

    gone, new = paragraph(document, "Đoạn thứ hai giữ nguyên"), paragraph(document, "Một chương hoàn toàn mới")
    assert changes(gone, "del") == ["Đoạn thứ hai giữ nguyên."]
    assert changes(new, "ins") == ["Một chương hoàn toàn mới."]
    # whole paragraphs: their paragraph marks are tracked too, so no empty paragraph stays behind
    assert [m.tag for m in marks(gone)] == [f"{W}del"] and [m.tag for m in marks(new)] == [f"{W}ins"]
    assert all(m.get(f"{W}author") == "luanan diff HEAD" for m in marks(document))
    assert not marks(changed)  # a paragraph with changes in it keeps its mark


def marks(element: ElementTree.Element) -> list[ElementTree.Element]:
    """The tracked paragraph marks (w:pPr/w:rPr/w:ins or w:del) under an element."""
    return [
        m for p in element.iter(f"{W}pPr") for r in p.findall(f"{W}rPr") for m in r if m.tag in (f"{W}ins", f"{W}del")
    ]


def test_unknown_revision_and_no_repository(repository, tmp_path):
    result = run_luanan("diff", "no-such-tag", cwd=repository)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "unknown git revision `no-such-tag`" in result.stderr
    plain = make_project(tmp_path / "plain", {"01-chuong-1.md": CHAPTER_1}, BIB)
    result = run_luanan("diff", "HEAD", cwd=plain)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "not in a git repository" in result.stderr
    assert not (plain / "build" / "thesis-changes.docx").exists()


def tracked(old: str, new: str) -> str:
    marks = _Marks("v1")
    marks.attributes = "A"
    return _tracked(old, new, marks)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("a b c\n", "a x c\n", "a [b]{.deletion A}[x]{.insertion A} c\n"),
        ("a b c\n", "a c\n", "a [b&#32;]{.deletion A}c\n"),
        ("a c\n", "a b c\n", "a [b&#32;]{.insertion A}c\n"),
        ("a b c\n", "a b\n", "a b [c]{.deletion A}\n"),
        ("a b c\n", "b c\n", "[a&#32;]{.deletion A}b c\n"),
        ("một\nhai ba\n", "một\nba\n", "một\n[hai&#32;]{.deletion A}ba\n"),
        ("## Cũ rồi {#muc-1}\n", "## Mới rồi {#muc-1}\n", "## [Cũ]{.deletion A}[Mới]{.insertion A} rồi {#muc-1}\n"),
        ("1. một\n2. hai\n", "1. một\n2. ba\n", "1. một\n2. [hai]{.deletion A}[ba]{.insertion A}\n"),
        (  # a citation is one unit, marked whole
            "Xem \\[[3](#ref-3), tr. 5\\] nhé.\n",
            "Xem \\[[4](#ref-4), tr. 5\\] nhé.\n",
            "Xem [\\[[3](#ref-3), tr. 5\\]]{.deletion A}[\\[[4](#ref-4), tr. 5\\]]{.insertion A} nhé.\n",
        ),
        (
            "Xem \\[[131](#ref-131), tr. 5\\].\n",
            "Xem \\[[131](#ref-131), tr. 6\\].\n",
            "Xem [\\[[131](#ref-131), tr. 5\\].]{.deletion A}[\\[[131](#ref-131), tr. 6\\].]{.insertion A}\n",
        ),
        (
            "Có *hai từ* ở đây.\n",
            "Có *ba từ* ở đây.\n",
            "Có [*hai từ*]{.deletion A}[*ba từ*]{.insertion A} ở đây.\n",
        ),
        ("dòng\\\ncũ\n", "dòng\\\nmới\n", "dòng\\\n[cũ]{.deletion A}[mới]{.insertion A}\n"),
        ("a [b c\n", "a [b d\n", "a [b [c]{.deletion A}[d]{.insertion A}\n"),
        (
            "Một.\n\nHai.\n",
            "Một.\n\nBa bốn năm sáu.\n",
            "Một.\n\n[Hai.]{.deletion A}\n\n[Ba bốn năm sáu.]{.insertion A}\n",
        ),
        (
            ": Kết quả kiểm tra cũ\n",
            "Table: Kết quả kiểm tra mới\n",
            "Table: Kết quả kiểm tra [cũ]{.deletion A}[mới]{.insertion A}\n",
        ),
        ("| a |\n|---|\n| 1 |\n", "| a |\n|---|\n| 2 |\n", "| a |\n|---|\n| 2 |\n"),
        ("```\nx\n\ny\n```\n", "```\nx\n\nz\n```\n", "```\nx\n\nz\n```\n"),
    ],
)
def test_markdown_structure_is_kept(old, new, expected):
    assert tracked(old, new) == expected
