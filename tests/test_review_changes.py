"""`luanan changes`: a reviewer's tracked changes (DOCX or ODT) carried back onto the Markdown.

The reviewed documents are luanan's own DOCX with changes and comments put in by hand, in the
shapes Word and LibreOffice write them (w:ins/w:del runs with their author, a deleted or inserted
paragraph mark in w:pPr/w:rPr, point comments that are only a commentReference), and an ODT
written element by element the way LibreOffice does. The property that matters: the chapters
after `changes --write`, built again, read as the reviewed document with every change accepted.
"""

from __future__ import annotations

import copy
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import SMALL_BIB, make_project, run_luanan
from luanan.parse import parse_project
from luanan.project import load_project
from luanan.review.document import Review, read_review
from luanan.review.tracked import plan_review

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHAPTER_PATH = "chapters/01-mo-dau.md"
CHAPTER = """---
chapter: 1
title: "Mở đầu của luận án"
---

## 1.1. Bối cảnh nghiên cứu

Công tác **kiểm tra** được thực hiện ở cơ sở [@an2015, tr. 5]. Kết quả
kiểm tra năm 2015 rất tốt so với năm trước, theo [hướng dẫn](https://example.org/hd)
của tỉnh [2, tr. 7].

Đoạn thứ hai sẽ bị xóa hoàn toàn khỏi chương này.

Đoạn thứ ba giữ nguyên, có *nhấn mạnh* ở giữa câu.

- Mục thứ nhất của danh sách kiểm tra.
- Mục thứ hai của danh sách kiểm tra.

| Năm | Số cuộc kiểm tra |
|---|---|
| 2015 | 120 cuộc trong năm |

Đoạn cuối cùng của chương.
"""
ABBREVIATIONS = "HĐND: Hội đồng nhân dân\nUBND: Ủy ban nhân dân\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("review") / "thesis", {"01-mo-dau.md": CHAPTER}, SMALL_BIB)
    (root / "bibliography" / "abbreviations.yaml").write_text(ABBREVIATIONS, encoding="utf-8")
    result = run_luanan("build", "docx", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    root = tmp_path / "thesis"
    shutil.copytree(built, root)
    return root


# --- putting tracked changes into a DOCX, as Word and LibreOffice write them ---------------------


class Reviewer:
    """Edits word/document.xml of a DOCX with change tracking on."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])
        self.ids = iter(range(500, 10**6))
        self.comments: list[tuple[int, str, str]] = []

    def paragraph(self, needle: str) -> etree._Element:
        found = [p for p in self.root.iter(f"{W}p") if needle in _text(p) and not _in_contents(p)]
        assert len(found) == 1, (needle, len(found))
        return found[0]

    def change(self, tag: str, author: str) -> etree._Element:
        return etree.Element(
            f"{W}{tag}", {f"{W}id": str(next(self.ids)), f"{W}author": author, f"{W}date": "2026-01-02T03:04:05Z"}
        )

    def replace(self, needle: str, old: str, new: str, author: str, occurrence: int = 0) -> None:
        """In the paragraph holding `needle`, `old` (its `occurrence`-th time) deleted and `new`
        inserted in its place (either may be empty)."""
        p = self.paragraph(needle)
        start = _find(_text(p), old, occurrence)
        end = start + len(old)
        _split(p, start)
        _split(p, end)
        anchor = None
        for run, s, e in _runs(p):
            if start <= s and e <= end and e > s:
                deletion = self.change("del", author)
                run.addprevious(deletion)
                deletion.append(run)
                for t in run.iter(f"{W}t"):
                    t.tag = f"{W}delText"
                anchor = ("after", deletion)
        if new:
            runs = _runs(p)
            if anchor is None:
                following = [(r, s) for r, s, e in runs if s >= start and e > s]
                anchor = ("before", following[0][0]) if following else ("after", runs[-1][0])
            insertion = self.change("ins", author)
            run = copy.deepcopy(runs[0][0] if runs else etree.Element(f"{W}r"))
            for child in list(run):
                if child.tag != f"{W}rPr":
                    run.remove(child)
            t = etree.SubElement(run, f"{W}t")
            t.text = new
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            insertion.append(run)
            (anchor[1].addnext if anchor[0] == "after" else anchor[1].addprevious)(insertion)

    def paragraph_mark(self, p: etree._Element, tag: str, author: str) -> None:
        properties = p.find(f"{W}pPr")
        if properties is None:
            properties = etree.Element(f"{W}pPr")
            p.insert(0, properties)
        marks = properties.find(f"{W}rPr")
        if marks is None:
            marks = etree.SubElement(properties, f"{W}rPr")
        marks.append(self.change(tag, author))

    def delete_paragraph(self, needle: str, author: str) -> None:
        p = self.paragraph(needle)
        self.replace(needle, _text(p), "", author)
        self.paragraph_mark(p, "del", author)

    def insert_paragraph_after(self, needle: str, text: str, author: str) -> None:
        """LibreOffice's shape: the paragraph's own mark is new, the new paragraph ends with the old mark."""
        p = self.paragraph(needle)
        new = etree.Element(f"{W}p")
        if p.find(f"{W}pPr") is not None:
            new.append(copy.deepcopy(p.find(f"{W}pPr")))
        self.paragraph_mark(p, "ins", author)
        p.addnext(new)
        insertion = self.change("ins", author)
        run = etree.SubElement(insertion, f"{W}r")
        etree.SubElement(run, f"{W}t").text = text
        new.append(insertion)

    def comment(self, needle: str, anchor: str, author: str, text: str, point: bool = False) -> None:
        p = self.paragraph(needle)
        start = _find(_text(p), anchor, 0)
        end = start + len(anchor)
        _split(p, start)
        _split(p, end)
        cid = str(len(self.comments))
        self.comments.append((int(cid), author, text))
        runs = _runs(p)
        first = next(r for r, s, e in runs if s >= start and e > s)
        last = [r for r, s, e in runs if e <= end and e > s][-1]
        reference = etree.Element(f"{W}r")
        etree.SubElement(reference, f"{W}commentReference", {f"{W}id": cid})
        if point:
            first.addprevious(reference)
            return
        first.addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": cid}))
        last.addnext(reference)
        last.addnext(etree.Element(f"{W}commentRangeEnd", {f"{W}id": cid}))

    def save(self, destination: Path) -> Path:
        parts = dict(self.parts)
        parts["word/document.xml"] = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8")
        if self.comments:
            comments = etree.Element(f"{W}comments", nsmap={"w": W[1:-1]})
            for cid, author, text in self.comments:
                comment = etree.SubElement(comments, f"{W}comment", {f"{W}id": str(cid), f"{W}author": author})
                etree.SubElement(etree.SubElement(etree.SubElement(comment, f"{W}p"), f"{W}r"), f"{W}t").text = text
            parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8")
        with zipfile.ZipFile(destination, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return destination


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText"))


def _find(text: str, needle: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(needle, start + 1)
        assert start >= 0, (needle, text)
    return start


def _runs(p: etree._Element) -> list[tuple[etree._Element, int, int]]:
    found, position = [], 0
    for run in p.iter(f"{W}r"):
        size = sum(len(t.text or "") for t in run.iter(f"{W}t", f"{W}delText"))
        found.append((run, position, position + size))
        position += size
    return found


def _split(p: etree._Element, offset: int) -> None:
    """A run boundary at `offset` of the paragraph's text."""
    for run, start, end in _runs(p):
        if start < offset < end:
            texts = list(run.iter(f"{W}t"))
            assert len(texts) == 1
            second = copy.deepcopy(run)
            whole = texts[0].text or ""
            texts[0].text = whole[: offset - start]
            next(second.iter(f"{W}t")).text = whole[offset - start :]
            for t in (texts[0], next(second.iter(f"{W}t"))):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.addnext(second)
            return


def accepted(review: Review) -> list[str]:
    """The paragraphs' texts with every change accepted (a deleted mark joins two paragraphs)."""
    texts, current = [], ""
    for paragraph in review.paragraphs:
        current += paragraph.text(new=True)
        if paragraph.mark[0] != "-":
            texts.append(current)
            current = ""
    return texts


def chapter_texts(texts: list[str]) -> list[str]:
    start = next(i for i, t in enumerate(texts) if t.startswith("CHƯƠNG 1") and "\t" not in t)  # not in MỤC LỤC
    end = next(i for i, t in enumerate(texts) if t == "TÀI LIỆU THAM KHẢO")
    return texts[start:end]


def rebuilt(root: Path) -> list[str]:
    result = run_luanan("build", "docx", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return chapter_texts([p.text() for p in read_review(root / "build" / "thesis.docx").paragraphs])


def chapter(root: Path) -> str:
    return (root / CHAPTER_PATH).read_text(encoding="utf-8")


# --- the tests --------------------------------------------------------------------------------


def review_everything(root: Path) -> Path:
    reviewer = Reviewer(root / "build" / "thesis.docx")
    reviewer.replace("Kết quả kiểm tra năm 2015", "rất", "khá", "Nguyễn Văn An")
    reviewer.replace("Kết quả kiểm tra năm 2015", "tr. 5", "tr. 6", "Nguyễn Văn An")  # inside a key citation
    reviewer.replace("Kết quả kiểm tra năm 2015", "7", "8", "Trần Bình")  # inside a numeric citation
    reviewer.replace("Kết quả kiểm tra năm 2015", "kiểm tra ", "", "Trần Bình")  # the bold text and a space
    reviewer.replace("Đoạn thứ ba giữ nguyên", "ở giữa câu", "ở cuối câu", "Lê Cường")
    reviewer.replace("Đoạn thứ ba giữ nguyên", "nhấn mạnh", "làm nổi bật", "Lê Cường")  # inside emphasis
    reviewer.replace("Bối cảnh nghiên cứu", "nghiên cứu", "thực tiễn", "Lê Cường")  # a heading
    reviewer.replace("Mục thứ hai", "thứ hai", "thứ ba", "Lê Cường")  # a list item
    reviewer.replace("120 cuộc trong năm", "120", "125", "Lê Cường")  # a table cell
    reviewer.replace("Mở đầu của luận án", " của luận án", "", "Lê Cường")  # the chapter title
    reviewer.delete_paragraph("Đoạn thứ hai sẽ bị xóa", "Trần Bình")
    reviewer.insert_paragraph_after("Đoạn thứ ba giữ nguyên", "Một đoạn mới do người đọc thêm vào.", "Trần Bình")
    reviewer.comment("Kết quả kiểm tra năm 2015", "so với năm trước", "Nguyễn Văn An", "So với năm nào?")
    reviewer.comment("Đoạn cuối cùng", "của chương", "Trần Bình", "Điểm.", point=True)
    return reviewer.save(root / "reviewed.docx")


def test_every_change_maps_back_and_applying_equals_accept_all(project):
    reviewed = review_everything(project)
    expected = chapter_texts(accepted(read_review(reviewed)))
    shown = run_luanan("changes", "reviewed.docx", cwd=project)
    assert shown.returncode == 0, shown.stderr
    assert "not placed" in shown.stderr and "; 0 not placed;" in shown.stderr
    written = run_luanan("changes", "reviewed.docx", "--write", cwd=project)
    assert written.returncode == 0, written.stderr
    assert f"wrote {CHAPTER_PATH}" in written.stdout
    assert rebuilt(project) == expected
    text = chapter(project)
    assert "[@an2015, tr. 6]" in text  # a key citation stays by key
    assert "[2, tr. 8]" in text
    assert "Công tác được thực hiện" in text and "****" not in text  # the bold marks went with their text
    assert "*làm nổi bật* ở cuối câu" in text
    assert "## 1.1. Bối cảnh thực tiễn\n" in text and "- Mục thứ ba của danh sách" in text
    assert "| 2015 | 125 cuộc trong năm |" in text
    assert 'title: "Mở đầu"' in text
    assert "Đoạn thứ hai" not in text and "\n\n\n" not in text
    assert "ở cuối câu.\n\nMột đoạn mới do người đọc thêm vào.\n\n- Mục thứ nhất" in text
    assert list((project / "build" / "backup").iterdir())  # the original kept


def test_diff_names_the_reviewer_of_each_hunk_and_comments_come_with_it(project):
    review_everything(project)
    result = run_luanan("changes", "reviewed.docx", cwd=project)
    lines = result.stdout.splitlines()
    assert f"{CHAPTER_PATH}:{_line(project, 'so với năm trước')}: comment [Nguyễn Văn An] So với năm nào?" in lines
    assert f"{CHAPTER_PATH}:{_line(project, 'Đoạn cuối cùng')}: comment [Trần Bình] Điểm." in lines
    hunks = [line for line in lines if line.startswith("@@")]
    assert hunks and all(line.count("@@") == 2 for line in hunks)
    named = " ".join(hunks)
    for author in ("Nguyễn Văn An", "Trần Bình", "Lê Cường"):
        assert author in named
    assert f"--- a/{CHAPTER_PATH}" in lines and f"+++ b/{CHAPTER_PATH}" in lines
    assert chapter(project) == CHAPTER  # nothing written without --write
    git = shutil.which("git")
    if git:  # the diff is a patch git applies to the very same result
        patch = result.stdout[result.stdout.index("--- a/") :]
        (project / "changes.patch").write_text(patch, encoding="utf-8")
        import subprocess

        done = subprocess.run([git, "apply", "--check", "changes.patch"], cwd=project, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def _line(root: Path, needle: str) -> int:
    lines = [i for i, line in enumerate(chapter(root).split("\n"), 1) if needle in line]
    assert len(lines) == 1
    return lines[0]


def test_a_deleted_paragraph_mark_joins_two_paragraphs(project):
    reviewer = Reviewer(project / "build" / "thesis.docx")
    reviewer.paragraph_mark(reviewer.paragraph("Đoạn thứ hai sẽ bị xóa"), "del", "A")
    reviewer.replace("Đoạn thứ ba giữ nguyên", "Đoạn", " Còn đoạn", "A")
    expected = chapter_texts(accepted(read_review(reviewer.save(project / "reviewed.docx"))))
    result = run_luanan("changes", "reviewed.docx", "--write", cwd=project)
    assert result.returncode == 0 and "; 0 not placed;" in result.stderr, result.stderr
    assert "Đoạn thứ hai sẽ bị xóa hoàn toàn khỏi chương này. Còn đoạn thứ ba" in chapter(project)
    assert rebuilt(project) == expected


def test_text_inserted_by_one_reviewer_and_deleted_by_another_is_in_neither(project):
    reviewer = Reviewer(project / "build" / "thesis.docx")
    reviewer.replace("Đoạn cuối cùng", "cuối", "", "A")
    reviewer.replace("Đoạn cuối cùng", "cùng", "cùng nhất", "A")
    insertion = next(reviewer.paragraph("Đoạn cuối cùng").iter(f"{W}ins"))
    run = insertion[0]
    deletion = reviewer.change("del", "B")  # Word: <w:ins><w:del><w:r><w:delText>
    run.addprevious(deletion)
    deletion.append(run)
    next(run.iter(f"{W}t")).tag = f"{W}delText"
    reviewer.save(project / "reviewed.docx")
    [paragraph] = [
        p for p in read_review(project / "reviewed.docx").paragraphs if "Đoạn" in p.text() and "cùng" in p.text()
    ]
    assert (paragraph.text(), paragraph.text(new=True)) == ("Đoạn cuối cùng của chương.", "Đoạn   của chương.")
    result = run_luanan("changes", "reviewed.docx", "--write", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Đoạn   của chương." in chapter(project)


def test_changes_land_after_the_chapter_was_edited_since_the_review(project):
    review_everything(project)
    edited = CHAPTER.replace("## 1.1.", "Bốn dòng\nmới thêm\nvào trên\nđầu chương.\n\n## 1.1.").replace(
        "Đoạn cuối cùng của chương.", "Đoạn kết thúc của chương."
    )
    (project / CHAPTER_PATH).write_text(edited, encoding="utf-8")
    result = run_luanan("changes", "reviewed.docx", "--write", cwd=project)
    assert result.returncode == 0 and "; 0 not placed;" in result.stderr, result.stderr
    text = chapter(project)
    assert text.startswith('---\nchapter: 1\ntitle: "Mở đầu"\n---\n\nBốn dòng\nmới thêm\nvào trên\nđầu chương.\n\n')
    assert "[@an2015, tr. 6]" in text and "Đoạn thứ hai" not in text and "Đoạn kết thúc của chương." in text
    lines = result.stdout.splitlines()
    assert f"{CHAPTER_PATH}:{_line(project, 'Đoạn kết thúc')}: comment [Trần Bình] Điểm." in lines


def test_one_reviewer_only(project):
    review_everything(project)
    result = run_luanan("changes", "reviewed.docx", "--author", "Trần Bình", "--write", cwd=project)
    assert result.returncode == 0, result.stderr
    text = chapter(project)
    assert "[2, tr. 8]" in text and "Đoạn thứ hai" not in text and "Một đoạn mới do người đọc" in text
    assert "rất tốt" in text and "[@an2015, tr. 5]" in text and "*nhấn mạnh*" in text  # the others' untouched
    assert "Công tác được thực hiện" in text


def test_a_change_that_cannot_be_placed_is_listed(project):
    reviewer = Reviewer(project / "build" / "thesis.docx")
    reviewer.replace("Đoạn cuối cùng", "cùng", "hết", "A")
    reviewer.replace("Nguyễn Văn An", "Công tác", "Việc", "B")  # the reference list: generated
    reviewer.replace("Hội đồng nhân dân", "nhân dân", "ND", "C")  # the abbreviation table
    reviewer.save(project / "reviewed.docx")
    (project / CHAPTER_PATH).write_text(CHAPTER.replace("Đoạn cuối cùng của chương.", "Một câu khác hẳn."), "utf-8")
    result = run_luanan("changes", "reviewed.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("(not placed): change [A] delete “cùng” and insert “hết”") for line in lines)
    bib_line = next(i for i, line in enumerate(SMALL_BIB.split("\n"), 1) if "@book{an2015" in line)
    assert any(line.startswith(f"bibliography/references.bib:{bib_line}: change [B]") for line in lines)
    assert any(line.startswith("bibliography/abbreviations.yaml:1: change [C]") for line in lines)
    assert "3 not placed" in result.stderr and "---" not in result.stdout


def test_comments_on_the_reference_list_and_abbreviations_go_to_their_entries(project):
    reviewer = Reviewer(project / "build" / "thesis.docx")
    reviewer.comment("Tỉnh ủy Thanh Hóa (2010)", "Quy chế số 01-QC/TU", "A", "Thiếu số trang.")
    reviewer.comment("Ủy ban nhân dân", "Ủy ban nhân dân", "B", "Viết hoa?", point=True)
    reviewer.save(project / "reviewed.docx")
    result = run_luanan("comments", "reviewed.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    bib_line = next(i for i, line in enumerate(SMALL_BIB.split("\n"), 1) if "@misc{tinhuy2010" in line)
    assert result.stdout.splitlines() == [  # in document order: the abbreviations come first
        "bibliography/abbreviations.yaml:2: [B] Viết hoa?",
        f"bibliography/references.bib:{bib_line}: [A] Thiếu số trang.",
    ]


def test_comment_on_a_table_of_contents_line_goes_to_the_heading(project):
    reviewer = Reviewer(project / "build" / "thesis.docx")
    heading = reviewer.paragraph("Bối cảnh nghiên cứu")
    line = etree.Element(f"{W}p")  # a contents line as Word or LibreOffice fills it in
    for piece in ("1.1. Bối cảnh nghiên cứu", None, "3"):
        run = etree.SubElement(line, f"{W}r")
        etree.SubElement(run, f"{W}tab" if piece is None else f"{W}t").text = piece
    reviewer.paragraph("Mở đầu của luận án").addprevious(line)
    reviewer.comment("1.1. Bối cảnh nghiên cứu3", "Bối cảnh", "A", "Đổi tên mục?")
    assert heading is not None
    reviewer.save(project / "reviewed.docx")
    result = run_luanan("comments", "reviewed.docx", cwd=project)
    assert result.stdout == f"{CHAPTER_PATH}:{_line(project, '## 1.1.')}: [A] Đổi tên mục?\n"


def test_plan_in_process_counts(project):
    reviewed = review_everything(project)
    planned = plan_review(read_review(reviewed), parse_project(load_project(project)))
    assert planned.unplaced == []
    assert [c.path.as_posix() for c in planned.changes] == [CHAPTER_PATH]
    assert planned.counts["insertion"] >= 8 and planned.counts["deletion"] >= 9
    assert len(planned.comments) == 2


def test_a_change_in_a_footnote_goes_to_its_definition(tmp_path):
    root = make_project(
        tmp_path / "p", {"01.md": "Đoạn có chú thích[^1] ở đây.\n\n[^1]: Chú thích cũ về nguồn tư liệu.\n"}
    )
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    with zipfile.ZipFile(root / "build" / "thesis.docx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change = '<w:{0} w:id="9{1}" w:author="A" w:date="2026-01-02T03:04:05Z"><w:r><w:{2}>{3}</w:{2}></w:r></w:{0}>'
    notes = parts["word/footnotes.xml"].decode()
    assert notes.count("Chú thích cũ về") == 1
    parts["word/footnotes.xml"] = notes.replace(
        "Chú thích cũ về",
        "Chú thích </w:t></w:r>"
        + change.format("del", 1, "delText", "cũ")
        + change.format("ins", 2, "t", "mới")
        + '<w:r><w:t xml:space="preserve"> về',
    ).encode()
    with zipfile.ZipFile(tmp_path / "r.docx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run_luanan("changes", str(tmp_path / "r.docx"), "--write", cwd=root)
    assert result.returncode == 0 and "; 0 not placed;" in result.stderr, result.stderr
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8").endswith("[^1]: Chú thích mới về nguồn tư liệu.\n")


# --- ODT, as LibreOffice writes it ---------------------------------------------------------------

ODT_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def odt(path: Path, body: str, regions: str) -> Path:
    namespaces = " ".join(f'xmlns:{k}="{v}"' for k, v in ODT_NS.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces}><office:body><office:text>'
        f"<text:tracked-changes>{regions}</text:tracked-changes>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return path


def region(cid: str, kind: str, author: str, deleted: str = "") -> str:
    info = (
        f"<office:change-info><dc:creator>{author}</dc:creator>"
        "<dc:date>2026-01-02T03:04:05</dc:date></office:change-info>"
    )
    return f'<text:changed-region text:id="{cid}"><text:{kind}>{info}{deleted}</text:{kind}></text:changed-region>'


def test_odt_changes_and_comments(tmp_path):
    root = make_project(
        tmp_path / "p",
        {"01.md": "Đoạn một có **chữ đậm** ở đây.\n\nĐoạn hai sẽ bị xóa.\n\nĐoạn ba có chỗ\ncần sửa lại cho đúng.\n"},
    )
    body = (
        '<text:p>Đoạn một có <text:span>chữ đậm</text:span><text:change-start text:change-id="c1"/> mới'
        '<text:change-end text:change-id="c1"/> ở<text:s/>đây.<text:change-start text:change-id="c4"/></text:p>'
        '<text:p>Một đoạn chèn thêm.<text:change-end text:change-id="c4"/></text:p>'
        '<text:p><text:change text:change-id="c2"/>Đoạn ba có chỗ '
        '<office:annotation office:name="a1"><dc:creator>Thầy A</dc:creator>'
        "<text:p>Sửa gì?</text:p></office:annotation>"
        'cần sửa<office:annotation-end office:name="a1"/> lại cho '
        '<text:change text:change-id="c3"/><text:change-start text:change-id="c5"/>chuẩn'
        '<text:change-end text:change-id="c5"/>.'
        "<office:annotation><dc:creator>Cô B</dc:creator><text:p>Điểm.</text:p></office:annotation></text:p>"
    )
    regions = (
        region("c1", "insertion", "An")
        + region("c2", "deletion", "Bình", "<text:p>Đoạn hai sẽ bị xóa.</text:p><text:p/>")
        + region("c3", "deletion", "Cường", "<text:p>đúng</text:p>")
        + region("c4", "insertion", "An")
        + region("c5", "insertion", "Cường")
    )
    reviewed = odt(tmp_path / "r.odt", body, regions)
    result = run_luanan("comments", str(reviewed), cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["chapters/01.md:6: [Thầy A] Sửa gì?", "chapters/01.md:6: [Cô B] Điểm."]
    result = run_luanan("changes", str(reviewed), "--write", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == (
        "Đoạn một có **chữ đậm** mới ở đây.\n\nMột đoạn chèn thêm.\n\nĐoạn ba có chỗ\ncần sửa lại cho chuẩn.\n"
    )


@pytest.mark.parametrize("name", ["notes.odt", "notes.docx"])
def test_a_document_that_is_neither_is_refused_in_one_line(tmp_path, name):
    root = make_project(tmp_path / "p", {"01.md": "Một đoạn.\n"})
    with zipfile.ZipFile(root / name, "w") as archive:
        archive.writestr("other.xml", "<x/>")
    for command in ("comments", "changes"):
        result = run_luanan(command, name, cwd=root)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "not a DOCX file" in result.stderr
        assert ("save it as Word (.docx)" in result.stderr) == name.endswith(".odt")


def test_reading_is_bounded_and_entities_are_not_expanded(tmp_path, monkeypatch):
    from luanan.errors import SourceError

    body = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY big "xxxxxxxxxxxxxxxxxxxxxxxx">'
        '<!ENTITY bigger "&big;&big;&big;&big;&big;&big;&big;&big;">]>'
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:r><w:t>a&bigger;b</w:t></w:r></w:p></w:body></w:document>'
    )
    with zipfile.ZipFile(tmp_path / "r.docx", "w") as archive:
        archive.writestr("word/document.xml", body)
    [paragraph] = read_review(tmp_path / "r.docx").paragraphs
    assert "x" not in paragraph.text()
    from luanan import files

    monkeypatch.setattr(files, "ZIP_PART_LIMIT", 100)
    with pytest.raises(SourceError, match="too large"):
        read_review(tmp_path / "r.docx")


def _in_contents(p: etree._Element) -> bool:
    """An entry of MỤC LỤC or DANH MỤC BẢNG/HÌNH (styles TOC1…, Table of Figures), not the text."""
    style = p.find(f"{W}pPr/{W}pStyle")
    return style is not None and style.get(f"{W}val", "").startswith(("TOC", "TableofFigures"))
