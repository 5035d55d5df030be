"""The embedded thesis's DOCX as a reviewer opens it, the review copy, the per-chapter cache and
the LaTeX path."""

from __future__ import annotations

import shutil
import zipfile

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from conftest import copy_embedded_project, make_project, run_luanan
from luanan.profiles import load_profile

PROFILE = load_profile("moet-classic")


@pytest.fixture(scope="module")
def document(embedded_build):
    return docx.Document(embedded_build / "build" / "thesis.docx")


def test_sections_cover_roman_front_matter_arabic_body(document):
    sections = document.sections
    assert len(sections) == 3
    page_numbers = [s._sectPr.find(qn("w:pgNumType")) for s in sections]
    assert [p.get(qn("w:fmt")) for p in page_numbers] == ["none", "lowerRoman", "decimal"]
    assert [bool(s._sectPr.findall(qn("w:headerReference"))) for s in sections] == [False, True, True]
    for section in sections:
        for side in ("top", "bottom", "left", "right"):
            assert abs(getattr(section, f"{side}_margin").cm - PROFILE["margins_cm"][side]) < 0.01
        assert abs(section.page_width.cm - 21.0) < 0.05 and abs(section.page_height.cm - 29.7) < 0.05


def test_header_has_a_centred_page_field(document):
    header = document.sections[2].header
    xml = header._element.xml
    assert "PAGE" in xml
    assert any(p.alignment == 1 for p in header.paragraphs)  # WD_ALIGN_PARAGRAPH.CENTER


def test_styles_follow_the_profile(document):
    normal = document.styles["Normal"]
    assert normal.font.name == PROFILE["fonts"][0] and normal.font.size == Pt(PROFILE["font_size_pt"])
    assert document.styles["Heading 1"].font.size == Pt(PROFILE["heading"]["sizes_pt"][0])
    body = document.styles["Body Text"].paragraph_format
    assert body.line_spacing == PROFILE["line_spacing"]
    assert abs(body.first_line_indent - Cm(PROFILE["first_line_indent_cm"])) < Cm(0.01)
    bibliography = document.styles["Bibliography"].paragraph_format
    assert abs(bibliography.first_line_indent + Cm(PROFILE["references"]["hanging_indent_cm"])) < Cm(0.01)


def test_chapter_label_over_title_and_references_in_their_style(document):
    chapter = next(
        p for p in document.paragraphs if p.text.startswith("CHƯƠNG 3") and not p.style.name.startswith("toc")
    )
    assert chapter.style.name == "Heading 1"
    assert chapter.text.startswith("CHƯƠNG 3\nĐảng bộ tỉnh Thanh Hóa")
    entries = [p for p in document.paragraphs if p.text[:4] in ("51. ", "131.", "157.", "167.")]
    assert [p.style.name for p in entries] == ["Bibliography"] * 4


def test_citations_link_to_their_entries_and_contents_field(embedded_build):
    with zipfile.ZipFile(embedded_build / "build" / "thesis.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert xml.count('w:anchor="ref-157"') == 4 and "w:bookmarkStart w:id" in xml and 'w:name="ref-157"' in xml
    assert 'w:anchor="phu-luc-22"' in xml
    assert "TOC \\o &quot;1-3&quot;" in xml or 'TOC \\o "1-3"' in xml
    assert "updateFields" in settings


def test_abbreviation_list_sorted_in_vietnamese_order(document):
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows] == [
        "Chữ viết tắt",
        "HĐND",
        "HTCT",
        "KT-XH",
        "MTTQ",
        "TCCSĐ",
        "UBKT",
        "UBND",
    ]


def test_review_copy_numbers_lines_and_stamps_the_header(tmp_path):
    root = copy_embedded_project(tmp_path / "thesis")
    result = run_luanan("build", "docx", "--review", cwd=root)
    assert result.returncode == 0 and "wrote build/thesis-review.docx" in result.stdout
    review = docx.Document(root / "build" / "thesis-review.docx")
    for section in review.sections:
        numbering = section._sectPr.find(qn("w:lnNumType"))
        assert numbering is not None and numbering.get(qn("w:restart")) == "newPage"
    header = " ".join(p.text for p in review.sections[2].header.paragraphs)
    assert "Bản góp ý — " in header and "chưa có git" in header
    assert not (root / "build" / "thesis.docx").exists()


def test_changing_one_chapter_converts_only_that_chapter(tmp_path):
    chapter = "---\nchapter: {n}\ntitle: Chương {n}\n---\n\nNội dung chương {n} [1].\n"
    root = make_project(
        tmp_path,
        {f"0{n}.md": chapter.format(n=n) for n in (1, 2, 3)},
        "@book{a, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n",
    )
    assert run_luanan("build", "pdf", cwd=root).returncode == 0
    cache = root / "build" / ".cache"
    before = {p.name for p in cache.glob("*.typ") if not p.name.startswith(("part-", "thesis", "luanan"))}
    with open(root / "chapters" / "02.md", "a", encoding="utf-8") as stream:
        stream.write("Một câu mới.\n")
    assert run_luanan("build", "pdf", cwd=root).returncode == 0
    after = {p.name for p in cache.glob("*.typ") if not p.name.startswith(("part-", "thesis", "luanan"))}
    assert len(after - before) == 1  # one new conversion: chapter 2
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(root / "build" / "thesis.pdf").pages)
    assert "Một câu mới." in text


def test_unknown_profile_override_names_its_line(tmp_path):
    config = 'title: "T"\nprofile_overrides:\n  margins_cm:\n    topp: 3\n'
    root = make_project(tmp_path, {"01.md": "x\n"}, "", config=config)
    result = run_luanan("check", cwd=root)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "luanan: thesis.yaml:4: error: unknown profile field `margins_cm.topp` (known here: bottom, left, right, top)"
    )


@pytest.mark.skipif(shutil.which("xelatex") is None, reason="xelatex is not installed")
def test_xelatex_path_produces_the_same_document(tmp_path):
    root = copy_embedded_project(tmp_path / "thesis")
    with open(root / "thesis.yaml", "a", encoding="utf-8") as config:
        config.write("pdf_engine: xelatex\n")
    result = run_luanan("build", "pdf", cwd=root)
    assert result.returncode == 0, result.stderr
    reader = pypdf.PdfReader(root / "build" / "thesis.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for words in ("3.2.5.1.", "[157, tr. 671]", "TÀI LIỆU THAM KHẢO", "Phụ lục 22"):
        assert words in text
    assert abs(float(reader.pages[0].mediabox.width) * 2.54 / 72 - 21.0) < 0.1


def test_touched_but_unchanged_sources_do_not_retypeset(tmp_path):
    root = make_project(
        tmp_path,
        {"01.md": "---\nchapter: 1\ntitle: Một\n---\n\nCâu [1].\n"},
        "@book{a, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n",
    )
    assert run_luanan("build", "pdf", cwd=root).returncode == 0
    pdf = root / "build" / "thesis.pdf"
    before = pdf.stat().st_mtime_ns
    (root / "chapters" / "01.md").touch()
    result = run_luanan("build", "pdf", cwd=root)
    assert "build/thesis.pdf is up to date" in result.stdout and pdf.stat().st_mtime_ns == before


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_figures_are_numbered_per_chapter_in_both_outputs(tmp_path):
    chapter = (
        "---\nchapter: 2\ntitle: Thực trạng\n---\n\nĐoạn văn [1].\n\n"
        "![Sơ đồ tổ chức](hinh/so-do.png)\n\nĐoạn khác.\n\n![Biểu đồ kết quả](hinh/so-do.png)\n"
    )
    root = make_project(
        tmp_path,
        {"02.md": chapter},
        "@book{a, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n",
    )
    (root / "chapters" / "hinh").mkdir()
    (root / "chapters" / "hinh" / "so-do.png").write_bytes(tiny_png())
    result = run_luanan("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(root / "build" / "thesis.pdf").pages).split())
    text = text.replace("\xa0", " ")
    assert "Hình 2.1. Sơ đồ tổ chức" in text and "Hình 2.2. Biểu đồ kết quả" in text
    assert "DANH MỤC HÌNH" in text
    document = docx.Document(root / "build" / "thesis.docx")
    captions = [p.text for p in document.paragraphs if p.text.startswith("Hình 2.") and p.style.name == "Image Caption"]
    assert captions == ["Hình 2.1. Sơ đồ tổ chức", "Hình 2.2. Biểu đồ kết quả"]
    listed = [p.text.split("\t")[0] for p in document.paragraphs if p.style.name == "table of figures"]
    assert listed == captions  # DANH MỤC HÌNH in the DOCX too
    with zipfile.ZipFile(root / "build" / "thesis.docx") as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


def test_lists_in_a_chapter_reach_both_outputs(tmp_path):
    chapter = (
        "---\nchapter: 1\ntitle: Một\n---\n\nCác nội dung [1]:\n\n- kiểm tra đảng viên;\n- giám sát tổ chức.\n\n"
        "Các bước:\n\n1. lập kế hoạch;\n2. thực hiện.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n: Bảng trong danh sách\n"
    )
    root = make_project(
        tmp_path,
        {"01.md": chapter},
        "@book{a, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n",
    )
    assert run_luanan("build", cwd=root).returncode == 0
    text = "\n".join(p.text for p in docx.Document(root / "build" / "thesis.docx").paragraphs)
    assert "kiểm tra đảng viên;" in text and "Bảng 1.1. Bảng trong danh sách" in text
