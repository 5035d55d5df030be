"""The PDF measured, not eyeballed: paper, margins, page numbers, fonts, parts in order."""

from __future__ import annotations

import pypdf
import pytest

from conftest import make_project, run_luanan
from luanan.profiles import load_profile

CM = 72 / 2.54
CAP_HEIGHT_EM = 0.68  # Times-like and Libertinus capitals: 0.65-0.70 em; Typst puts them at the margin


def text_runs(page):
    """(x, y, size, text) of every text run; y measured from the bottom of the page."""
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, abs(font_size * tm[3] * cm[3]) or font_size, text))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def pdf(embedded_build):
    return pypdf.PdfReader(embedded_build / "build" / "thesis.pdf")


def page_starting_with(pdf, words: str) -> int:
    """The page whose text, after its page number, starts with `words`."""
    for index, page in enumerate(pdf.pages):
        text = " ".join(page.extract_text().split())
        if text.startswith(words) or text.partition(" ")[2].startswith(words):
            return index
    raise AssertionError(f"no page starts with {words!r}")


def test_paper_is_a4(pdf):
    for page in pdf.pages:
        assert abs(float(page.mediabox.width) / CM - 21.0) < 0.1
        assert abs(float(page.mediabox.height) / CM - 29.7) < 0.1


def test_text_block_sits_at_the_profile_margins(pdf):
    profile = load_profile("moet-classic")
    margins = profile["margins_cm"]
    body = pdf.pages[page_starting_with(pdf, "CHƯƠNG 3") + 1]  # a full page of running text
    height, width = float(body.mediabox.height), float(body.mediabox.width)
    runs = [r for r in text_runs(body) if r[1] < height - margins["top"] * CM + 1]  # not the page number
    left = min(x for x, _, _, _ in runs)
    top_baseline, size = max((y, s) for _, y, s, _ in runs)
    right = max(x for x, _, _, _ in runs)
    assert abs(left - margins["left"] * CM) < 0.2 * CM, left / CM
    assert abs(height - (top_baseline + CAP_HEIGHT_EM * size) - margins["top"] * CM) < 0.2 * CM
    assert right < width - margins["right"] * CM


def test_page_numbers_centred_at_the_top_roman_before_the_first_chapter(pdf):
    profile = load_profile("moet-classic")
    top = float(pdf.pages[0].mediabox.height) - profile["margins_cm"]["top"] * CM
    numbers = []
    for page in pdf.pages:
        above = [r for r in text_runs(page) if r[1] > top + 2]
        numbers.append(above[0][3].strip() if above else None)
        for x, _, size, text in above:
            centre = x + len(text.strip()) * size * 0.25  # half the width of a few digits
            assert abs(centre - float(page.mediabox.width) / 2) < 1 * CM
    first_chapter = page_starting_with(pdf, "CHƯƠNG 3")
    assert numbers[:2] == [None, None]  # cover and title page
    assert numbers[2:first_chapter] == ["i", "ii", "iii"][: first_chapter - 2]
    assert numbers[first_chapter:] == [str(n) for n in range(1, len(pdf.pages) - first_chapter + 1)]


def test_fonts_are_embedded(pdf):
    for page in pdf.pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_parts_in_thesis_order(pdf):
    pages = [
        page_starting_with(pdf, title)
        for title in ("MỤC LỤC", "DANH MỤC CHỮ VIẾT TẮT", "DANH MỤC BẢNG", "CHƯƠNG 3", "TÀI LIỆU THAM KHẢO", "PHỤ LỤC")
    ]
    assert pages == sorted(set(pages)) and pages[0] == 2  # after the cover and the title page
    abbreviations = " ".join(pdf.pages[pages[1]].extract_text().split())
    assert abbreviations.index("HĐND Hội đồng nhân dân") < abbreviations.index("KT-XH") < abbreviations.index("UBND")
    assert "Bảng PL22.1. Kết quả kiểm tra" in " ".join(pdf.pages[pages[-1]].extract_text().split())


def line_at(page, top: float) -> str:
    """The first line of text below `top` (a link destination's y) on `page`."""
    runs = [r for r in text_runs(page) if top - 20 < r[1] <= top]
    baseline = max(r[1] for r in runs)
    return "".join(r[3] for r in sorted((r for r in runs if abs(r[1] - baseline) < 1), key=lambda r: r[0]))


def test_citations_link_to_their_entries(pdf):
    """Each citation's number is a link that lands on the line of the entry with that number;
    the appendix pointer lands on the appendix."""
    pages = {page.indirect_reference.idnum: page for page in pdf.pages}
    cited, appendix = [], []
    for index, page in enumerate(pdf.pages):
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            destination = link.get("/Dest")
            if link.get("/Subtype") != "/Link":
                continue
            if destination == "phu-luc-22" and index > 2:  # in the body, not the table of contents
                appendix.append(pdf.get_destination_page_number(pdf.named_destinations[destination]))
                continue
            if isinstance(destination, str | bytes):
                continue
            x0, y0, x1, y1 = (float(v) for v in link["/Rect"])
            number = "".join(r[3] for r in sorted(text_runs(page)) if y0 <= r[1] <= y1 and x0 - 0.5 <= r[0] < x1)
            if not number.isdigit():
                continue  # an entry of the table of contents
            entry = line_at(pages[destination[0].idnum], float(destination[3]))
            assert entry.startswith(f"{number}.") and entry[len(number) + 1 :].strip(), (number, entry)
            cited.append(int(number))
    assert sorted(cited) == [51, 131, 131, 157, 157, 157, 157, 167, 167]
    assert len(appendix) == 1
    assert "PHỤ LỤC 22" in " ".join(pdf.pages[appendix[0]].extract_text().split()).upper()


def test_profile_fields_reach_the_pdf(tmp_path):
    config = 'title: "Thử khổ giấy"\nprofile: hanu-masters\nprofile_overrides:\n  margins_cm: {left: 4.0}\n'
    root = make_project(
        tmp_path, {"01.md": "---\nchapter: 1\ntitle: Mở đầu\n---\n\n" + "Một câu dài. " * 200 + "\n"}, "", config=config
    )
    assert run_luanan("build", "pdf", cwd=root).returncode == 0
    reader = pypdf.PdfReader(root / "build" / "thesis.pdf")
    page = reader.pages[page_starting_with(reader, "CHƯƠNG 1")]
    runs = [r for r in text_runs(page) if r[1] < float(page.mediabox.height) - 2.0 * CM]
    assert abs(min(x for x, _, _, _ in runs) - 4.0 * CM) < 0.2 * CM
