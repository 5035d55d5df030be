"""`luanan comments`: a supervisor's comments in the review DOCX, mapped back to the chapter
file and line of the paragraph each one anchors to, tolerant of edits made since the review."""

from __future__ import annotations

import json
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import SMALL_BIB, copy_embedded_project, make_project, run_luanan
from luanan.parse import parse_project
from luanan.project import load_project
from luanan.review.comments import Located, ReviewComment, as_json, as_text, locate, read_comments

CHAPTER = "chapters/03-chuong-3.md"
EDITED_FROM = "kiểm tra tổ chức đảng cấp dưới khi"  # in the [157, tr. 961] paragraph
EDITED_TO = "kiểm tra tổ chức đảng cấp dưới lúc"
GONE = "Thực hiện tốt nguyên tắc tập trung dân chủ"  # a paragraph deleted after the review

AUTHORS = ("PGS.TS. Nguyễn Văn An", "TS. Trần Thị Bình", "ThS. Lê Văn Cường", "Phạm Dũng")
TEXTS = (
    "Ghi rõ số hiệu và ngày của quy chế.",
    "Trang 961 có đúng không?\nKiểm tra lại bản gốc.",
    "Câu này dài, nên tách.",
    "Đoạn này cần dẫn nguồn.",
)


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding `needle`, which must occur on exactly one line."""
    lines = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(lines) == 1, (needle, lines)
    return lines[0]


def first_words(text: str, count: int = 6) -> str:
    return " ".join(text.split()[:count])


def run_index(paragraph, needle: str) -> int:
    return next(i for i, run in enumerate(paragraph.runs) if needle in run.text)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> dict:
    """The embedded thesis built to DOCX, four comments added by four reviewers, then the
    chapter edited: one word changed in a commented paragraph, one commented paragraph deleted."""
    root = copy_embedded_project(tmp_path_factory.mktemp("comments"))
    built = run_luanan("build", "docx", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    docx = Document(str(root / "build" / "thesis.docx"))
    paragraphs = docx.paragraphs
    chapter_at = next(
        i for i, p in enumerate(paragraphs) if p.text.startswith("CHƯƠNG 3") and p.style.name == "Heading 1"
    )  # not its entry in the table of contents
    first = paragraphs[chapter_at + 1]
    cited = next(p for p in paragraphs if "[157, tr. 961]" in p.text)
    references_at = next(i for i, p in enumerate(paragraphs) if p.text == "TÀI LIỆU THAM KHẢO")
    last = paragraphs[references_at - 1]
    gone = next(p for p in paragraphs if p.text.startswith(GONE))

    anchors = []
    # 1: one run in the middle of the chapter's first paragraph
    run = first.runs[run_index(first, "Quy chế số 01-QC/TU")]
    docx.add_comment(run, TEXTS[0], AUTHORS[0], "NVA")
    anchors.append(run.text)
    # 2: two runs around the citation; the number itself is a hyperlink between them
    i = run_index(cited, "hiện nhiệm vụ đảng viên")
    docx.add_comment(cited.runs[i : i + 2], TEXTS[1], AUTHORS[1], "TTB")
    anchors.append(cited.runs[i].text)
    # 3: three runs in the chapter's last paragraph
    j = run_index(last, "thường xuyên, giám sát chuyên đề")
    docx.add_comment(last.runs[j : j + 3], TEXTS[2], AUTHORS[2], "LVC")
    anchors.append(last.runs[j].text)
    # 4: a paragraph the author deletes afterwards
    docx.add_comment(gone.runs[0], TEXTS[3], AUTHORS[3], "PD")
    anchors.append(gone.runs[0].text)
    docx.save(str(root / "reviewed.docx"))

    chapter = root / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    assert text.count(EDITED_FROM) == 1
    text = text.replace(EDITED_FROM, EDITED_TO)
    start = text.index(GONE)
    text = text[:start] + text[text.index("\n\n", start) + 2 :]
    chapter.write_text(text, encoding="utf-8")
    expected = [line_of(text, first_words(anchor)) for anchor in anchors[:3]]
    return {"root": root, "anchors": anchors, "lines": expected, "text": text}


def test_read_comments_gives_author_text_anchor_and_paragraph(reviewed):
    comments = read_comments(reviewed["root"] / "reviewed.docx")
    assert [c.author for c in comments] == list(AUTHORS[:1] + AUTHORS[3:] + AUTHORS[1:3])  # document order
    by_author = {c.author: c for c in comments}
    assert by_author[AUTHORS[1]].text == TEXTS[1]
    cited = by_author[AUTHORS[1]]
    assert cited.anchor.startswith(reviewed["anchors"][1])
    assert "[157, tr. 961]" in cited.anchor  # the hyperlinked number inside the range is read
    assert "[157, tr. 961]" in cited.paragraph and cited.paragraph.startswith("Thực hiện Nghị quyết")
    first = by_author[AUTHORS[0]]
    assert first.anchor == reviewed["anchors"][0]
    assert first.paragraph.startswith("Chỉ đạo đổi mới quy trình ra Nghị quyết")


def test_text_report_names_chapter_line_author_and_comment(reviewed):
    result = run_luanan("comments", "reviewed.docx", cwd=reviewed["root"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for author, text, line in zip(AUTHORS, TEXTS, reviewed["lines"]):
        assert f"{CHAPTER}:{line}: [{author}] {' '.join(text.split())}" in lines
    # the edited paragraph is still found, at the line that now holds the citation
    assert reviewed["lines"][1] == line_of(reviewed["text"], "[157, tr. 961]")
    assert EDITED_TO in reviewed["text"].split("\n")[reviewed["lines"][1] - 1]
    gone = [line for line in lines if line.startswith("(not found in the chapters): ")]
    assert len(gone) == 1
    assert gone[0].startswith(
        f"(not found in the chapters): [{AUTHORS[3]}] {TEXTS[3]} — on “{first_words(reviewed['anchors'][3])}"
    )


def test_json_report(reviewed):
    result = run_luanan("comments", "reviewed.docx", "--format", "json", cwd=reviewed["root"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("]\n")
    rows = {row["author"]: row for row in json.loads(result.stdout)}
    assert set(rows) == set(AUTHORS)
    for author, text, line, anchor in zip(AUTHORS, TEXTS, reviewed["lines"], reviewed["anchors"]):
        row = rows[author]
        assert set(row) == {"path", "line", "author", "comment", "anchor", "score"}
        assert (row["path"], row["line"], row["comment"]) == (CHAPTER, line, text)
        assert row["anchor"].startswith(anchor)
        assert 0.6 <= row["score"] <= 1.0
    assert rows[AUTHORS[1]]["score"] < 1.0  # the word changed since the review
    assert rows[AUTHORS[0]]["score"] == 1.0
    gone = rows[AUTHORS[3]]
    assert (gone["path"], gone["line"], gone["comment"]) == ("", 0, TEXTS[3])
    assert gone["score"] < 0.6


def test_project_option_and_chapter_heading(reviewed, tmp_path):
    """A comment on the chapter heading goes to the front matter's title line."""
    docx = Document(str(reviewed["root"] / "reviewed.docx"))
    heading = next(p for p in docx.paragraphs if p.text.startswith("CHƯƠNG 3") and p.style.name == "Heading 1")
    docx.add_comment(heading.runs, "Tên chương quá dài.", "Hội đồng", "HĐ")
    docx.save(str(tmp_path / "heading.docx"))
    result = run_luanan("--project", str(reviewed["root"]), "comments", str(tmp_path / "heading.docx"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    title_line = line_of(reviewed["text"], 'title: "Đảng bộ')
    assert f"{CHAPTER}:{title_line}: [Hội đồng] Tên chương quá dài." in result.stdout.splitlines()


def small_docx(paragraphs: list[str]) -> Document:
    docx = Document()
    for text in paragraphs:
        docx.add_paragraph(text)
    return docx


def test_markdown_marks_links_and_key_citations_are_compared_as_plain_text(tmp_path):
    chapter = """---
chapter: 1
title: "Mở đầu"
---

# 1.1. Bối cảnh

Đoạn mở đầu nói về **công tác kiểm tra** của Đảng ở cơ sở, theo
[hướng dẫn](https://example.org/hd) của Ủy ban Kiểm tra Trung ương
và các văn bản của tỉnh [@an2015, tr. 12]. Kết quả được *tổng hợp*
hằng năm và báo cáo lên cấp trên.

- Mục thứ nhất của danh sách, về việc kiểm tra đảng viên.
- Mục thứ hai của danh sách, về việc giám sát chuyên đề.

Một đoạn cuối cùng, ngắn.
"""
    root = make_project(tmp_path / "p", {"01-mo-dau.md": chapter}, SMALL_BIB)
    paragraphs = [
        "1.1. Bối cảnh",
        "Đoạn mở đầu nói về công tác kiểm tra của Đảng ở cơ sở, theo hướng dẫn của Ủy ban Kiểm tra "
        "Trung ương và các văn bản của tỉnh [1, tr. 12]. Kết quả được tổng hợp hằng năm và báo cáo lên cấp trên.",
        "Mục thứ hai của danh sách, về việc giám sát chuyên đề.",
        "Một đoạn hoàn toàn khác, không có trong chương.",
    ]
    docx = small_docx(paragraphs)
    body = docx.paragraphs
    # the second paragraph in three runs, the middle one "và các văn bản của tỉnh…" commented
    split = paragraphs[1].index("và các văn bản"), paragraphs[1].index(" Kết quả")
    body[1].clear()
    body[1].add_run(paragraphs[1][: split[0]])
    anchored = body[1].add_run(paragraphs[1][split[0] : split[1]])
    body[1].add_run(paragraphs[1][split[1] :])
    docx.add_comment(body[0].runs, "Mục này?", "A", "A")
    docx.add_comment(anchored, "Nguồn nào?", "B", "B")
    docx.add_comment(body[2].runs, "Gộp hai mục.", "C", "C")
    docx.add_comment(body[3].runs, "Đoạn lạ.", "D", "D")
    docx.save(str(tmp_path / "r.docx"))

    located = locate(read_comments(tmp_path / "r.docx"), parse_project(load_project(root)))
    text = (root / "chapters" / "01-mo-dau.md").read_text(encoding="utf-8")
    path = "chapters/01-mo-dau.md"
    assert [(item.path, item.line, item.author) for item in located] == [
        (path, line_of(text, "# 1.1. Bối cảnh"), "A"),
        (path, line_of(text, "và các văn bản của tỉnh"), "B"),
        (path, line_of(text, "- Mục thứ hai"), "C"),
        ("", 0, "D"),
    ]
    assert located[1].score > 0.95  # link, emphasis and [@an2015] read as the DOCX shows them


def test_point_comment_at_the_end_of_a_paragraph_is_on_its_last_line(tmp_path):
    """Only a commentReference (LibreOffice's comment with nothing selected): placed where it stands."""
    root = make_project(tmp_path / "p", {"01.md": "Đoạn thứ nhất của chương.\n\nĐoạn thứ hai của chương,\nhai dòng.\n"})
    docx = small_docx(["Đoạn thứ nhất của chương.", "Đoạn thứ hai của chương, hai dòng."])
    docx.add_comment(docx.paragraphs[1].runs, "Xem lại.", "A", "A")
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        for element in docx.element.body.iter(qn(tag)):
            element.getparent().remove(element)
    docx.save(str(tmp_path / "r.docx"))
    [comment] = read_comments(tmp_path / "r.docx")
    assert comment == ReviewComment("A", "Xem lại.", "dòng.", "Đoạn thứ hai của chương, hai dòng.")
    [item] = locate([comment], parse_project(load_project(root)))
    assert (item.path, item.line) == ("chapters/01.md", 4)


def test_point_comment_inside_a_paragraph_is_on_its_own_line(tmp_path):
    lines = ["Dòng một của đoạn văn dài.", "Dòng hai của đoạn văn dài.", "Dòng ba nơi có điểm góp ý.", "Dòng bốn."]
    root = make_project(tmp_path / "p", {"01.md": "Mở đầu.\n\n" + "\n".join(lines) + "\n"})
    docx = small_docx(["Mở đầu."])
    paragraph = docx.add_paragraph(" ".join(lines[:2]) + " Dòng ba nơi có ")
    reference = paragraph.add_run()._r
    reference.append(reference.makeelement(qn("w:commentReference"), {qn("w:id"): "7"}))
    paragraph.add_run("điểm góp ý. Dòng bốn.")
    docx.save(str(tmp_path / "r.docx"))
    with zipfile.ZipFile(tmp_path / "r.docx", "a") as archive:  # a comments part by hand
        archive.writestr("word/comments.xml", COMMENTS_XML.format(id=7, author="B", text="Điểm này."))
    [comment] = read_comments(tmp_path / "r.docx")
    assert comment.anchor == "điểm góp ý. Dòng bốn."
    [item] = locate([comment], parse_project(load_project(root)))
    assert (item.path, item.line, item.author, item.text) == ("chapters/01.md", 5, "B", "Điểm này.")


COMMENTS_XML = (
    '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:comment w:id="{id}" w:author="{author}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>'
)


def test_docx_without_comments_prints_nothing(tmp_path):
    root = make_project(tmp_path / "p", {"01.md": "Một đoạn.\n"})
    small_docx(["Một đoạn."]).save(str(tmp_path / "r.docx"))
    result = run_luanan("comments", str(tmp_path / "r.docx"), cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    result = run_luanan("comments", str(tmp_path / "r.docx"), "--format", "json", cwd=root)
    assert (result.returncode, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.docx", None, "file not found"),
        ("notes.docx", "không phải DOCX\n", "not a DOCX file"),
    ],
)
def test_unreadable_review_file_is_one_line_exit_2(tmp_path, name, content, message):
    root = make_project(tmp_path / "p", {"01.md": "Một đoạn.\n"})
    if content is not None:
        (root / name).write_text(content, encoding="utf-8")
    result = run_luanan("comments", name, cwd=root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"luanan: {name}: error: {message}")


def test_output_formats():
    located = [
        Located("chapters/03-chuong-3.md", 42, "Thầy A", "Sửa\n  câu này.", "câu", 0.91),
        Located("", 0, "Cô B", "Đoạn nào?", "một đoạn   đã xóa " + "rất dài " * 20, 0.2),
    ]
    text = as_text(located).splitlines()
    assert text[0] == "chapters/03-chuong-3.md:42: [Thầy A] Sửa câu này."
    assert text[1].startswith("(not found in the chapters): [Cô B] Đoạn nào? — on “một đoạn đã xóa rất dài")
    assert text[1].endswith("…”") and len(text[1]) < 160
    rows = json.loads(as_json(located))
    assert rows[0] == {
        "path": "chapters/03-chuong-3.md",
        "line": 42,
        "author": "Thầy A",
        "comment": "Sửa\n  câu này.",
        "anchor": "câu",
        "score": 0.91,
    }
    assert as_json(located).endswith("\n") and "Thầy" in as_json(located)
