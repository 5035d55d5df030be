"""Building the embedded thesis: both outputs exist and carry what a reader checks."""

from __future__ import annotations

import docx
import pypdf

from conftest import SMALL_BIB, make_project, run_luanan

CITED = [
    "[157, tr. 671]",
    "[131, tr. 5]",
    "[51, tr. 51]",
    "[131, tr. 4]",
    "[157, tr. 961]",
    "[157, tr. 722]",
    "[167, tr. 2]",
    "[167, tr. 3]",
    "[Phụ lục 22]",
]


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_shows_heading_citations_reference_list_and_appendix(embedded_build):
    text = flat(pdf_text(embedded_build / "build" / "thesis.pdf"))
    assert "3.2.5. Chỉ đạo công tác kiểm tra, giám sát" in text
    assert "3.2.5.1. Chỉ đạo công tác kiểm tra, giám sát và thi hành kỷ luật Đảng" in text
    for citation in CITED:
        assert citation in text
    assert "TÀI LIỆU THAM KHẢO" in text
    for number, words in [
        (51, "Tài liệu đánh giá hạn chế"),
        (131, "Tỉnh ủy Thanh Hóa (2011)"),
        (157, "Tập văn bản của Tỉnh ủy"),
        (167, "Ủy ban Kiểm tra Tỉnh ủy Thanh Hóa"),
    ]:
        assert f"{number}. " in text and words in text
    references = text.index("TÀI LIỆU THAM KHẢO")
    assert text.index("51. ", references) < text.index("131. ", references) < text.index("157. ", references)
    assert "Phụ lục 22" in text[references:] and "10.613" in text[references:]


def test_pdf_is_a4(embedded_build):
    page = pypdf.PdfReader(embedded_build / "build" / "thesis.pdf").pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in (page.mediabox.width, page.mediabox.height))
    assert abs(width_mm - 210) < 1 and abs(height_mm - 297) < 1


def test_docx_has_heading_styles_and_the_citations(embedded_build):
    document = docx.Document(embedded_build / "build" / "thesis.docx")
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert (
        headings[
            "3.2.5. Chỉ đạo công tác kiểm tra, giám sát, thi hành kỷ luật Đảng, phát huy vai trò "
            "của các tổ chức chính trị - xã hội tham gia xây dựng tổ chức cơ sở đảng ở xã, "
            "phường, thị trấn"
        ]
        == "Heading 3"
    )
    assert headings["3.2.5.1. Chỉ đạo công tác kiểm tra, giám sát và thi hành kỷ luật Đảng"] == "Heading 4"
    assert headings["TÀI LIỆU THAM KHẢO"] == "Heading 1"
    body = "\n".join(p.text for p in document.paragraphs)
    for citation in CITED:
        assert citation in body
    assert "10.613" in "".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_unknown_reference_stops_the_build_and_keeps_earlier_outputs(tmp_path):
    good = "---\nchapter: 1\ntitle: Mở đầu\n---\n\nMột câu có trích dẫn [1, tr. 5].\n"
    root = make_project(tmp_path / "thesis", {"01-mo-dau.md": good}, SMALL_BIB)
    assert run_luanan("build", cwd=root).returncode == 0
    before = {name: (root / "build" / name).read_bytes() for name in ("thesis.pdf", "thesis.docx")}

    chapter = root / "chapters" / "01-mo-dau.md"
    chapter.write_text(good + "\nCâu thứ hai dẫn nguồn không có [999, tr. 1] trong danh mục.\n", encoding="utf-8")
    result = run_luanan("build", cwd=root)

    assert result.returncode == 1
    assert "chapters/01-mo-dau.md:8:32: error[C101] reference 999 is not in the bibliography" in result.stdout
    assert "^" * 12 + "\n" in result.stdout  # under the whole `[999, tr. 1]`
    for name, content in before.items():
        assert (root / "build" / name).read_bytes() == content
    assert not [p for p in (root / "build").iterdir() if p.name.endswith(".tmp")]


def test_unknown_reference_on_a_fresh_project_writes_nothing(tmp_path):
    root = make_project(tmp_path / "thesis", {"01.md": "Sai [999, tr. 1].\n"}, SMALL_BIB)
    result = run_luanan("build", cwd=root)
    assert result.returncode == 1
    assert "chapters/01.md:1:5: error[C101]" in result.stdout
    assert not (root / "build" / "thesis.pdf").exists()
    assert not (root / "build" / "thesis.docx").exists()


def test_missing_appendix_is_an_error(tmp_path):
    root = make_project(tmp_path / "thesis", {"01.md": "Số liệu [Phụ lục 3].\n"}, SMALL_BIB)
    result = run_luanan("check", cwd=root)
    assert result.returncode == 1
    assert "chapters/01.md:1:9: error[X101] appendix 3 does not exist" in result.stdout


def test_second_build_reuses_nothing_stale(tmp_path):
    root = make_project(tmp_path / "thesis", {"01.md": "Câu một [1].\n"}, SMALL_BIB)
    assert run_luanan("build", "pdf", cwd=root).returncode == 0
    (root / "chapters" / "01.md").write_text("Câu đã sửa [2, tr. 3].\n", encoding="utf-8")
    assert run_luanan("build", "pdf", cwd=root).returncode == 0
    assert "Câu đã sửa [2, tr. 3]" in flat(pdf_text(root / "build" / "thesis.pdf"))
