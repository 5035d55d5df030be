"""A whole thesis (tests/fixtures/full-thesis: Lời cam đoan, Lời cảm ơn, Mở đầu, three chapters
down to 3.2.1.1, Kết luận, a publication list, two appendices, tables (one of 45 rows, one on a
landscape page), figures of two kinds, footnotes, numbered equations, references by label, two
supervisors) built once, both outputs measured part for part."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from conftest import REPO, run_luanan
from luanan.check import check_project
from luanan.profiles import load_profile
from luanan.project import load_project

FIXTURE = REPO / "tests" / "fixtures" / "full-thesis"
PROFILE = load_profile("moet-classic")
CM = 72 / 2.54


@pytest.fixture(scope="session")
def thesis(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("full") / "thesis"
    shutil.copytree(FIXTURE, root)
    result = run_luanan("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout, result.stdout
    return root


@pytest.fixture(scope="session")
def pdf(thesis):
    return pypdf.PdfReader(thesis / "build" / "thesis.pdf")


@pytest.fixture(scope="session")
def document(thesis):
    return docx.Document(thesis / "build" / "thesis.docx")


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


_TEXTS: dict[tuple[int, int], str] = {}


def page_text(pdf, index: int) -> str:
    key = (id(pdf), index)
    if key not in _TEXTS:
        _TEXTS[key] = flat(pdf.pages[index].extract_text())
    return _TEXTS[key]


def page_with(pdf, words: str) -> int:
    for index in range(len(pdf.pages)):
        text = page_text(pdf, index)
        if text.startswith(words) or text.partition(" ")[2].startswith(words):
            return index
    raise AssertionError(f"no page starts with {words!r}")


def runs(page):
    """(x, y, text, fonts) of each line of text: the runs on one baseline joined, whatever fonts
    (a fallback font for a missing glyph splits a line into runs)."""
    found: list[list] = []

    def visit(text, cm, tm, font, size):
        if not text.strip("\n"):
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str((font or {}).get("/BaseFont", ""))
        same = [line for line in found if abs(line[1] - y) < 1 and x >= line[0]]
        if same:
            same[-1][2] += text
            same[-1][3] += " " + name
        else:
            found.append([x, y, text, name])

    page.extract_text(visitor_text=visit)
    return [(x, y, " ".join(text.replace("\xa0", " ").split()), fonts) for x, y, text, fonts in found]


def raw_runs(page):
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

    page.extract_text(visitor_text=visit)
    return found


def paragraphs(document):
    return [(p.style.name, flat(p.text)) for p in document.paragraphs]


# Title page


def test_supervisors_each_on_a_line_numbered_in_both_outputs(pdf, document):
    lines = [line.strip() for line in pdf.pages[1].extract_text().replace("\xa0", " ").splitlines()]
    assert "NGƯỜI HƯỚNG DẪN KHOA HỌC:" in lines
    assert "1. PGS.TS. Lê Hoàng Nam" in lines and "2. TS. Phan Thị Kim Oanh" in lines
    assert "['" not in pdf.pages[1].extract_text()
    texts = [text for _, text in paragraphs(document)]
    at = texts.index("NGƯỜI HƯỚNG DẪN KHOA HỌC:")
    assert texts[at + 1 : at + 3] == ["1. PGS.TS. Lê Hoàng Nam", "2. TS. Phan Thị Kim Oanh"]
    names = [p for p in document.paragraphs if p.text.startswith("1.\xa0PGS")]
    assert "\xa0" in names[0].text  # a name never breaks across lines


def test_one_supervisor_as_a_string_is_not_numbered():
    from luanan.render.parts import supervisors

    assert supervisors({"supervisor": "PGS.TS. Lê Hoàng Nam"}) == ["PGS.TS. Lê Hoàng Nam"]
    assert supervisors({"supervisor": ["A", "B"]}) == ["1. A", "2. B"]
    both = ["1. PGS.TS. Lê Hoàng Nam", "2. TS. Phan Thị Kim Oanh"]
    assert supervisors({"supervisor": "PGS.TS. Lê Hoàng Nam, TS. Phan Thị Kim Oanh"}) == both  # one string
    assert supervisors({"supervisor": "PGS.TS. Lê Hoàng Nam và TS. Phan Thị Kim Oanh"}) == both
    assert supervisors({}) == []


def test_cover_foot_sits_at_the_bottom_in_both_outputs(pdf, document):
    for index in (0, 1):
        place = [y for _, y, text, _ in runs(pdf.pages[index]) if text.startswith("HÀ NỘI - 2026")]
        assert place and place[0] < (PROFILE["margins_cm"]["bottom"] + 2) * CM
    foot = [p for p in document.paragraphs if p.text == "HÀ NỘI - 2026"]
    assert len(foot) == 2
    for paragraph in foot:
        frame = paragraph._p.pPr.find(qn("w:framePr"))
        assert frame is not None and frame.get(qn("w:yAlign")) == "bottom" and frame.get(qn("w:vAnchor")) == "margin"


# The contents and the lists


def test_docx_contents_are_filled_in_without_front_matter_titles(thesis, document):
    entries = [text for style, text in paragraphs(document) if style.startswith("toc ")]
    assert entries, "the table of contents field arrives empty"
    titles = [entry.rsplit(" ", 1)[0] if entry[-1:].isalnum() else entry for entry in entries]
    assert not any(t.startswith(("MỤC LỤC", "LỜI CAM ĐOAN", "LỜI CẢM ƠN")) for t in titles)
    joined = " | ".join(entries)
    for listed in ("DANH MỤC BẢNG", "DANH MỤC HÌNH", "MỞ ĐẦU", "CHƯƠNG 1 TỔNG QUAN TÌNH HÌNH NGHIÊN CỨU", "KẾT LUẬN"):
        assert listed in joined
    chapter = next(e for e in entries if e.startswith("CHƯƠNG 1 "))
    assert chapter.endswith("\t2") or chapter.endswith(" 2")  # the PDF's page number, filled in
    with zipfile.ZipFile(thesis / "build" / "thesis.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "Cập nhật trường" not in xml and "PAGEREF" in xml
    front = [p for p in document.paragraphs if p.text in ("MỤC LỤC", "LỜI CAM ĐOAN")]
    assert {p.style.name for p in front} == {"Front Heading"}
    assert document.styles["Front Heading"].element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is None


def test_lists_of_tables_and_figures_in_both_outputs(pdf, document):
    tables = page_text(pdf, page_with(pdf, "DANH MỤC BẢNG")).replace(" . .", "")
    for entry in ("Bảng 1.1. Các nhóm công trình đã tổng quan", "Bảng 2.1. Kết quả khảo sát ở 45 xã", "Bảng PL1.1."):
        assert entry in tables
    assert "Hình 1.1. Sơ đồ tổ chức cơ sở đảng" in page_text(pdf, page_with(pdf, "DANH MỤC HÌNH"))
    assert "Biểu đồ 1.1. Biểu đồ số đảng viên" in page_text(pdf, page_with(pdf, "DANH MỤC BIỂU ĐỒ"))
    listed = [text for style, text in paragraphs(document) if style == "table of figures"]
    pages = {line.split(". ")[0]: line.rsplit(" ", 1)[1] for line in listed}  # filled in from the PDF
    pdf_pages = {}
    for entry in ("Bảng 1.1", "Bảng 2.1", "Bảng 3.1", "Hình 1.1", "Biểu đồ 1.1"):
        index = next(i for i in range(page_with(pdf, "CHƯƠNG 1"), len(pdf.pages)) if entry + ". " in page_text(pdf, i))
        pdf_pages[entry] = pdf.page_labels[index]
    assert {key: pages[key] for key in pdf_pages} == pdf_pages
    assert any(t.startswith("Hình 1.1. Sơ đồ tổ chức cơ sở đảng") for t in listed)
    assert any(t.startswith("Biểu đồ 1.1. Biểu đồ số đảng viên") for t in listed)
    titles = [text for style, text in paragraphs(document) if style == "Heading 1"]
    assert titles.index("DANH MỤC BẢNG") < titles.index("DANH MỤC HÌNH") < titles.index("DANH MỤC BIỂU ĐỒ")
    xml = document.element.xml  # Word's update collects each list from its own caption style
    for style in ("Table Caption", "Image Caption", "Caption bieu-do"):
        assert f'TOC \\h \\z \\t "{style},1"' in xml
    styles = {text.split(". ")[0]: style for style, text in paragraphs(document) if "Caption" in style}
    assert styles["Hình 1.1"] == "Image Caption" and styles["Biểu đồ 1.1"] == "Caption bieu-do"


def test_pdf_contents_list_the_lists_but_not_what_comes_before(pdf):
    contents = page_text(pdf, page_with(pdf, "MỤC LỤC"))
    assert "DANH MỤC BẢNG" in contents and "DANH MỤC HÌNH" in contents
    assert "LỜI CAM ĐOAN" not in contents and "LỜI CẢM ƠN" not in contents


def test_bookmarks_keep_the_space_after_the_chapter_label(pdf):
    titles = []

    def visit(items):
        for item in items:
            visit(item) if isinstance(item, list) else titles.append(str(item.title))

    visit(pdf.outline)
    assert "CHƯƠNG 1 TỔNG QUAN TÌNH HÌNH NGHIÊN CỨU" in titles
    assert not any("1TỔNG" in t for t in titles)


# Captions, lists, equations, tables


def test_captions_bold_in_both_outputs(pdf, document):
    page = pdf.pages[page_with(pdf, "CHƯƠNG 2")]
    caption = [font for _, _, text, font in runs(page) if text.replace("\xa0", " ").startswith("Bảng 2.1.")]
    assert caption and "Bold" in caption[0]
    assert document.styles["Caption"].font.bold is PROFILE["captions"]["bold"] is True


def test_lists_spaced_as_the_body_in_the_docx(document):
    items = [p for p in document.paragraphs if p.text.startswith("tổ chức cơ sở đảng ở xã")]
    style = items[0].style
    assert style.paragraph_format.line_spacing == PROFILE["line_spacing"]


def test_equations_numbered_per_chapter_at_the_right_margin(pdf, document):
    page = pdf.pages[page_with(pdf, "CHƯƠNG 2")]
    width = float(page.mediabox.width)
    numbers = [(x, text.strip()) for x, text in raw_runs(page) if text.strip() in ("(2.1)", "(2.2)") and x > width / 2]
    assert [t for _, t in numbers] == ["(2.1)", "(2.2)"]
    for x, _ in numbers:
        assert width - PROFILE["margins_cm"]["right"] * CM - x < 1.2 * CM  # ends at the right margin
    text = flat(" ".join(p.extract_text() for p in pdf.pages))
    assert "Kết hợp với (2.1)" in text and "trong (1.1)" in text
    equations = [p for p in document.paragraphs if p.style.name == "Equation"]
    assert [p.text.rsplit("\t", 1)[-1] for p in equations] == ["(1.1)", "(2.1)", "(2.2)"]
    assert all(p.text.count("\t") == 2 for p in equations)  # centre tab, formula, right tab, number
    body = " ".join(p.text for p in document.paragraphs)
    assert "Kết hợp với (2.1)" in body


def test_references_by_label_print_the_numbers(pdf, document):
    text = flat(" ".join(p.extract_text() for p in pdf.pages))
    assert "Bảng 1.1 tóm tắt các nhóm công trình; Hình 1.1 cho thấy" in text
    assert "Bảng 2.1 liệt kê kết quả khảo sát" in text and "ở Bảng 3.1" in text
    body = " ".join(flat(p.text) for p in document.paragraphs)
    assert "Bảng 1.1 tóm tắt các nhóm công trình; Hình 1.1 cho thấy" in body
    assert "@tbl" not in text and "@tbl" not in body


def test_long_table_continues_under_its_label(pdf):
    first = page_with(pdf, "CHƯƠNG 2")
    following = page_text(pdf, first + 1)
    assert "Bảng 2.1 (tiếp theo)" in following
    assert "Bảng 2.1 (tiếp theo)" not in page_text(pdf, first)


def test_tables_span_the_text_width_with_columns_sized_to_content(thesis, document):
    width = 21.0 - PROFILE["margins_cm"]["left"] - PROFILE["margins_cm"]["right"]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nhóm công trình")
    tbl_width = table._tbl.tblPr.find(qn("w:tblW"))
    assert tbl_width.get(qn("w:type")) == "pct" and int(tbl_width.get(qn("w:w"))) >= 4900
    columns = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert columns[0] > columns[1]  # the long text column is the widest
    assert abs(sum(columns) / 1440 * 2.54 - width) < 0.5
    typst = (thesis / "build" / ".cache" / "part-chapter-02-chuong-1.md.typ").read_text(encoding="utf-8")
    assert "columns: (" in typst and "%" in typst


def test_landscape_page_for_the_wide_table(pdf, document):
    landscape = [i for i, p in enumerate(pdf.pages) if float(p.mediabox.width) > float(p.mediabox.height)]
    assert len(landscape) == 1 and "Bảng 3.1. Các chỉ tiêu chính" in page_text(pdf, landscape[0])
    sizes = [s._sectPr.find(qn("w:pgSz")) for s in document.sections]
    turned = [s for s in sizes if s.get(qn("w:orient")) == "landscape"]
    assert len(turned) == 1 and int(turned[0].get(qn("w:w"))) > int(turned[0].get(qn("w:h")))
    numbers = [s._sectPr.find(qn("w:pgNumType")) for s in document.sections]
    starts = [n.get(qn("w:start")) for n in numbers if n is not None and n.get(qn("w:fmt")) == "decimal"]
    assert starts == ["1"]  # the main text numbers on across the landscape page
    assert numbers[-2:] == [None, None]  # the sections after it say nothing, so LibreOffice goes on too


def test_signature_block_right_aligned_in_both_outputs(pdf, document):
    page = pdf.pages[2]
    width = float(page.mediabox.width)
    name = [x for x, _, text, _ in runs(page) if text.startswith("Nguyễn Thị Minh Anh")]
    assert name and name[0] > width / 2
    signature = [p for p in document.paragraphs if p.text == "Nguyễn Thị Minh Anh"]
    assert signature[0].style.name == "Right Block"


# Checks


def test_numbered_sections_in_mo_dau_and_ket_luan_are_normal(thesis):
    codes = [d.code for d in check_project(load_project(thesis)).diagnostics]
    assert "H101" not in codes and codes == []


def test_h105_counts_figures_and_their_kinds(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(FIXTURE, root)
    chapter = root / "chapters" / "02-chuong-1.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + "\nHình 1.2 và Biểu đồ 1.2 không có; Sơ đồ 1.1 cũng không.\n", encoding="utf-8")
    found = [(d.code, d.message) for d in check_project(load_project(root)).diagnostics if d.code == "H105"]
    assert found == [
        ("H105", "Hình 1.2 does not exist"),
        ("H105", "Biểu đồ 1.2 does not exist"),
        ("H105", "Sơ đồ 1.1 does not exist"),
    ]


def test_x103_unknown_labels(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(FIXTURE, root)
    chapter = root / "chapters" / "04-chuong-3.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + "\nXem @tbl:chi-tieux, @fig:khong-co và `@eq:trong-ma`.\n", encoding="utf-8")
    found = [(d.code, d.message, d.hint) for d in check_project(load_project(root)).diagnostics]
    assert found == [
        ("X103", "@tbl:chi-tieux labels nothing", "did you mean @tbl:chi-tieu?"),
        ("X103", "@fig:khong-co labels nothing", "labels of this kind: @fig:dang-vien, @fig:so-do"),
    ]


def test_front_matter_without_its_closing_line_is_an_error_at_its_line(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(FIXTURE, root)
    (root / "chapters" / "03-chuong-2.md").write_text(
        "---\nchapter: 2\ntitle: CƠ SỞ LÝ LUẬN\n\n## 2.1. Cơ sở lý luận\n\nVăn bản.\n", encoding="utf-8"
    )
    result = run_luanan("check", cwd=root)
    assert result.returncode == 2
    assert "chapters/03-chuong-2.md:4: error: front matter opened on line 1 is not closed" in result.stderr
    (root / "chapters" / "03-chuong-2.md").write_text("---\n\nMột đường kẻ ngang rồi văn bản.\n", encoding="utf-8")
    assert "front matter" not in run_luanan("check", cwd=root).stderr  # a rule, not front matter


# Drafts


def test_draft_is_written_with_errors_marked_and_the_normal_build_still_refuses(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(FIXTURE, root)
    with open(root / "chapters" / "02-chuong-1.md", "a", encoding="utf-8") as stream:
        stream.write("\nMột nguồn chưa có [@chua-co, tr. 5] và bảng @tbl:khong-co.\n")
    refused = run_luanan("build", cwd=root)
    assert refused.returncode == 1 and not (root / "build" / "thesis.pdf").exists()
    draft = run_luanan("build", "--draft", cwd=root)
    assert draft.returncode == 0, draft.stderr
    assert "error[C102]" in draft.stdout and "wrote a draft" in draft.stderr
    assert not (root / "build" / "thesis.pdf").exists() and not (root / "bibliography" / "refnums.lock").exists()
    reader = pypdf.PdfReader(root / "build" / "thesis-draft.pdf")
    assert all("BẢN NHÁP" in page.extract_text() for page in reader.pages)
    typst = "".join(p.read_text(encoding="utf-8") for p in (root / "build" / ".cache").glob("part-chapter-02*.typ"))
    assert "#highlight(" in typst and "@chua-co, tr. 5" in typst
    document = docx.Document(root / "build" / "thesis-draft.docx")
    assert "BẢN NHÁP" in " ".join(p.text for p in document.sections[-1].header.paragraphs)
    marked = [
        r.text for p in document.paragraphs for r in p.runs if r.style is not None and r.style.name == "Unresolved"
    ]
    assert "[@chua-co, tr. 5]" in marked and "@tbl:khong-co" in marked


# Deposit copies


def test_pdf_standard_gives_a_pdf_a_with_its_metadata(pdf):
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    info = pdf.metadata
    assert info["/Title"].startswith("Quản lý tổ chức cơ sở đảng") and info["/Author"] == "Nguyễn Thị Minh Anh"
    assert info["/Keywords"] == "tổ chức cơ sở đảng, chuyển đổi số"
    assert "Học viện Chính trị quốc gia Hồ Chí Minh" in info["/Subject"]


def test_unknown_pdf_standard_is_an_error_at_its_line(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(FIXTURE, root)
    config = (root / "thesis.yaml").read_text(encoding="utf-8").replace("PDF/A-2b", "PDF/A-9z")
    (root / "thesis.yaml").write_text(config, encoding="utf-8")
    result = run_luanan("check", cwd=root)
    line = config.splitlines().index("pdf_standard: PDF/A-9z") + 1
    assert result.returncode == 2 and f"thesis.yaml:{line}: error: `pdf_standard` must be one of" in result.stderr


def test_word_reads_bars_and_bars_over_letters_as_delimiters(document):
    from luanan.render.layout import word_tex

    assert word_tex(r"\sum_{i=1}^{n} |x_i - \bar{x}|") == r"\sum_{i=1}^{n} \left|x_i - \overline{x}\right|"
    assert word_tex(r"\left| x \right|") == r"\left| x \right|" and word_tex("a | b") == "a | b"
    xml = document.element.xml
    assert '<m:begChr m:val="|"/>' in xml and '<m:endChr m:val="|"/>' in xml  # m:d around |x_i - x̄|


def test_reference_list_is_one_justified_hanging_paragraph_per_entry(thesis):
    """Typst leaves the first line of some entries unjustified when they sit in a block or under
    `hanging-indent` (seen on the PDF); the entries are paragraphs of a padded block instead."""
    typst = (thesis / "build" / ".cache" / "part-references.typ").read_text(encoding="utf-8")
    assert "hanging-indent" not in typst and "first-line-indent: (amount: -1.0cm" in typst
    start = typst.index("first-line-indent: (amount: -1.0cm")
    assert "#block[" not in typst[start:]
