"""DOCX output: the reference document's styles and page setup reach pandoc's DOCX, and
finish_docx turns the renderer's section markers into unnumbered cover pages, roman front
matter and arabic main text (spec §2.1); review copies get line numbers and a header mark."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from luanan.profiles import load_profile
from luanan.write.docx import COVER_END, FRONT_END
from luanan.write.docx_finish import finish_docx
from luanan.write.reference_docx import write_reference_docx

pypandoc = pytest.importorskip("pypandoc")

PROFILE = load_profile("moet-classic")
MARKDOWN = f"""::: {{custom-style="Cover"}}
BỘ GIÁO DỤC VÀ ĐÀO TẠO

LUẬN ÁN TIẾN SĨ KINH TẾ
:::

```{{=openxml}}
{COVER_END}
```

# LỜI CAM ĐOAN

Tôi xin cam đoan đây là công trình nghiên cứu của riêng tôi.

```{{=openxml}}
{FRONT_END}
```

# CHƯƠNG 1. Mở đầu

Đoạn thứ nhất của chương một, đủ dài để thấy căn đều hai bên và thụt đầu dòng trong văn bản.

Đoạn thứ hai của chương một.

: Bảng 1.1. Số liệu mẫu

| Năm | Giá trị |
|-----|---------|
| 2020 | 12 |
| 2021 | 15 |

::: {{custom-style="Bibliography"}}
[1] Nguyễn Văn A (2020), *Kinh tế học*, Nxb Giáo dục, Hà Nội, một dòng đủ dài để thấy thụt treo.
:::
"""
REVIEW = {"date": "2026-11-28", "revision": "abc1234"}


def build(folder: Path, review: dict | None = None) -> Path:
    reference, output = folder / "reference.docx", folder / "thesis.docx"
    write_reference_docx(PROFILE, reference)
    pypandoc.convert_text(
        MARKDOWN,
        "docx",
        format="markdown-citations",
        outputfile=str(output),
        extra_args=["--reference-doc", str(reference), "--toc", "-M", "toc-title=MỤC LỤC"],
    )
    finish_docx(output, review)
    return output


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("docx"))


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def header_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if re.fullmatch(r"word/header\d*\.xml", n)
        )


def test_sections_pages_and_numbering(finished):
    sections = Document(str(finished)).sections
    assert len(sections) == 3
    margins = PROFILE["margins_cm"]
    for section in sections:
        assert abs(section.page_width.cm - 21.0) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01
        for side in ("top", "bottom", "left", "right"):
            assert abs(getattr(section, f"{side}_margin").cm - margins[side]) < 0.01, side
    sect = [s._sectPr for s in sections]
    assert sect[0].find(qn("w:headerReference")) is None
    assert sect[1].find(qn("w:headerReference")) is not None
    for element, fmt in ((sect[1], "lowerRoman"), (sect[2], "decimal")):
        number = element.find(qn("w:pgNumType"))
        assert number.get(qn("w:fmt")) == fmt and number.get(qn("w:start")) == "1"


def test_page_number_field_centred_in_header(finished):
    header = Document(str(finished)).sections[-1].header
    assert any("PAGE" in (t.text or "") for t in header._element.iter(qn("w:instrText")))
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def inherited(style, read):
    """A style property as Word resolves it: from the style or the nearest base style."""
    while style is not None and read(style) is None:
        style = style.base_style
    return None if style is None else read(style)


def test_styles_carry_profile_numbers(finished):
    styles = Document(str(finished)).styles
    font, heading = PROFILE["fonts"][0], PROFILE["heading"]
    names = ("Normal", "Body Text", "First Paragraph", "Heading 1", "Heading 2", "Heading 3", "Heading 4")
    for name in names:
        assert inherited(styles[name], lambda s: s.font.name) == font, name
        fonts = inherited(
            styles[name],
            lambda s: (
                s.element.rPr.find(qn("w:rFonts"))
                if s.element.rPr is not None and s.element.rPr.find(qn("w:rFonts")) is not None
                else None
            ),
        )
        assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:cs")) == font
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:hAnsiTheme")) is None
    assert inherited(styles["Body Text"], lambda s: s.font.size).pt == PROFILE["font_size_pt"] == 13
    for level in range(1, 5):
        style = styles[f"Heading {level}"]
        assert style.font.size.pt == heading["sizes_pt"][level - 1]
        assert style.font.bold is heading["bold"][level - 1]
        assert style.paragraph_format.keep_with_next
        assert style.paragraph_format.first_line_indent == 0
    assert styles["Heading 1"].font.size.pt == 14
    assert styles["Heading 1"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["Heading 1"].paragraph_format.page_break_before
    for name in ("Normal", "Body Text", "First Paragraph"):
        fmt = styles[name].paragraph_format
        assert fmt.line_spacing == PROFILE["line_spacing"] == 1.5
        assert fmt.line_spacing_rule in (WD_LINE_SPACING.MULTIPLE, WD_LINE_SPACING.ONE_POINT_FIVE)  # "auto" rule
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert abs(fmt.first_line_indent.cm - PROFILE["first_line_indent_cm"]) < 0.01
        assert abs(fmt.first_line_indent.cm - 1.0) < 0.01
    bibliography = styles["Bibliography"].paragraph_format
    assert abs(bibliography.left_indent.cm - 1.0) < 0.01 and abs(bibliography.first_line_indent.cm + 1.0) < 0.01
    compact = styles["Compact"].paragraph_format  # tight lists: spaced as the body, as in the PDF
    assert compact.line_spacing == PROFILE["line_spacing"] and compact.first_line_indent == 0
    assert styles["Table Text"].paragraph_format.line_spacing == 1.0  # table cells


def test_toc_field_and_update_on_open(finished):
    assert "TOC \\o" in part(finished, "word/document.xml")
    settings = Document(str(finished)).settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_review_copy_numbers_lines_and_marks_header(tmp_path):
    output = build(tmp_path, REVIEW)
    sections = Document(str(output)).sections
    assert len(sections) == 3
    for section in sections:
        lines = section._sectPr.find(qn("w:lnNumType"))
        assert lines is not None and lines.get(qn("w:restart")) == "newPage"
    assert "Bản góp ý — 2026-11-28 — abc1234" in header_text(output)


def test_sect_pr_children_in_schema_order(tmp_path):
    """CT_SectPr: header/footer references (in any mix) first, then a fixed sequence."""
    order = (
        "headerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    )
    for section in Document(str(build(tmp_path, REVIEW))).sections:
        names = [
            child.tag.rsplit("}", 1)[-1].replace("footerReference", "headerReference") for child in section._sectPr
        ]
        assert names == sorted(names, key=order.index)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_numbering(finished, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(finished),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = [page.extract_text() for page in pypdf.PdfReader(tmp_path / "thesis.pdf").pages]
    assert len(pages) >= 3
    first_lines = [text.strip().splitlines()[0].strip() for text in pages]
    assert not re.fullmatch(r"\d+|[ivxlc]+", first_lines[0])
    assert first_lines[1] == "i"
    assert first_lines[2] == "1"
    text = "\n".join(pages)
    assert "LỜI CAM ĐOAN" in text and "CHƯƠNG 1" in text
