"""The citation core as an author meets it: what the parser reads, what each C1xx/X101 finding
says (code, message, hint, position, exactly), and what `luanan fix --write` writes.

These are the tests `make mutate` runs against citations/parse.py, locators.py, resolve.py and
rules/citations.py (tests/mutation.toml); they call luanan in-process so that a mutant is
caught here, not only in a CLI subprocess."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_project
from luanan.bibliography.model import BibEntry
from luanan.check import check_project
from luanan.citations.locators import PageRange, page_number, page_ranges, roman_value
from luanan.citations.model import CitationItem
from luanan.citations.parse import find_citations
from luanan.citations.resolve import LocatorStatus, page_bounds, page_status, volume_status
from luanan.cli import main
from luanan.project import load_project

BIB = """@book{an2015, refnum = {1}, author = {Nguyễn Văn An}, year = {2015}, title = {Sách},
  publisher = {Nxb Chính trị quốc gia}, address = {Hà Nội}, pagetotal = {300}, volumes = {4}}
@article{binh2018, refnum = {2}, author = {Trần Thị Bình}, year = {2018}, title = {Bài báo},
  journal = {Tạp chí Xây dựng Đảng}, number = {5}, pages = {23--26}}
@online{web2022, refnum = {3}, author = {Nguyễn Văn Hải}, year = {2022}, title = {Trang web}, url = {https://example.org}}
@misc{tinhuy2010, refnum = {4}, author = {{Tỉnh ủy Thanh Hóa}}, year = {2010}, title = {Quy chế số 01-QC/TU}}
"""
ALL_CITED = "Nguồn [1, tr. 5], [2, tr. 24], [3], [4].\n"


def findings(tmp_path: Path, text: str, bib: str = BIB, appendices: tuple[str, ...] = ("22",), config=None):
    """(code, message, hint, line, column) of every finding, in order; the text starts on line 2."""
    chapters = {"01.md": ALL_CITED + text}
    for number in appendices:
        chapters[f"appendices/{number}-bang.md"] = "Bảng.\n"
    root = make_project(tmp_path, chapters, bib, config=config)
    result = check_project(load_project(root))
    return [(d.code, d.message, d.hint, d.line, d.column) for d in result.diagnostics]


def items(text: str, **options) -> list[tuple]:
    [citation] = find_citations(text, **options)
    assert citation.kind == "reference", citation
    return [(i.ref, i.key, i.volume_label, i.volume, i.page_label, i.pages, i.separator) for i in citation.items]


def malformed(text: str, **options) -> tuple[str | None, str | None]:
    [citation] = find_citations(text, **options)
    assert citation.kind == "malformed", citation
    assert (citation.start, citation.end, citation.raw) == (0, len(text), text)
    return citation.hint, citation.problem


# --- the parser -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[12]", [(12, None, None, None, None, None, None)]),
        ("[62, t. II, tr. 5]", [(62, None, "t.", "II", "tr.", "5", None)]),
        ("[62, tập 3, trang 5]", [(62, None, "tập", "3", "trang", "5", None)]),
        ("[62, t.3]", [(62, None, "t.", "3", None, None, None)]),
        ("[1, tr 5]", [(1, None, None, None, "tr", "5", None)]),
        ("[1, p. 5; 2, pp. 6-7]", [(1, None, None, None, "p.", "5", None), (2, None, None, None, "pp.", "6-7", ";")]),
        ("[1, tr. xii, 400]", [(1, None, None, None, "tr.", "xii, 400", None)]),
        ("[1, tr. 5, 7-9, 12]", [(1, None, None, None, "tr.", "5, 7-9, 12", None)]),
        ("[1, tr. 5, @k]", [(1, None, None, None, "tr.", "5", None), (None, "k", None, None, None, None, ",")]),
        ("[1, tr. 5, 7; 2]", [(1, None, None, None, "tr.", "5, 7", None), (2, None, None, None, None, None, ";")]),
        ("[@a, 12]", [(None, "a", None, None, None, None, None), (12, None, None, None, None, None, ",")]),
        ("[@a:b.c-d/e]", [(None, "a:b.c-d/e", None, None, None, None, None)]),
        ("[ 7 ]", [(7, None, None, None, None, None, None)]),
    ],
)
def test_what_the_parser_reads(text, expected):
    assert items(text) == expected


@pytest.mark.parametrize(
    "text, spans, options",
    [
        ("Câu [19; 25,  tr. 3] hết.", ["19", "25,  tr. 3"], {}),
        ("[12, tr. 5, 7; 13, t. 2]", ["12, tr. 5, 7", "13, t. 2"], {}),
        ("[1, tr. 5, xii]", ["1, tr. 5, xii"], {}),
        ("[12, 5; 3]", ["12, 5", "3"], {"bare_page_locator": True}),
    ],
)
def test_item_spans_point_into_the_file_text(text, spans, options):
    [citation] = find_citations(text, **options)
    assert [text[i.start : i.end] for i in citation.items] == spans


def test_a_citation_at_the_very_start_and_after_the_front_matter():
    assert [c.start for c in find_citations("[12] mở đầu.")] == [0]
    front = "---\ntitle: Xem [1]\n---\n"
    text = front + "Câu [2, tr. 5].\n"
    [citation] = find_citations(text, body_start=len(front))
    assert (citation.start, citation.raw, citation.items[0].ref) == (len(front) + 4, "[2, tr. 5]", 2)


def test_a_bracket_holding_code_does_not_hide_the_next_citation():
    found = find_citations("Mã [12, `x`] rồi [3] và (Phụ lục $x$) rồi (Phụ lục 4).")
    assert [(c.kind, c.raw) for c in found] == [("reference", "[3]"), ("appendix", "(Phụ lục 4)")]


def test_bare_page_mode_reads_a_second_number_as_a_page():
    assert items("[12, 5]", bare_page_locator=True) == [(12, None, None, None, None, "5", None)]
    assert items("[12, 5, 7]", bare_page_locator=True) == [(12, None, None, None, None, "5, 7", None)]
    assert items("[12, 5; 13]", bare_page_locator=True) == [
        (12, None, None, None, None, "5", None),
        (13, None, None, None, None, None, ";"),
    ]
    # without the mode, a second number is a second source
    assert items("[12, 5]") == [(12, None, None, None, None, None, None), (5, None, None, None, None, None, ",")]


def test_page_labels_come_from_the_profile():
    assert items("[1, s. 5]", labels=("s.",)) == [(1, None, None, None, "s.", "5", None)]
    assert malformed("[1, tr. 5]", labels=("s.",)) == (None, "cannot read `tr. 5`")


@pytest.mark.parametrize(
    "text, hint, problem",
    [
        ("[12 tr. 5]", "[12, tr. 5]", "cannot read `12 tr. 5`"),
        ("[12 trang 5]", "[12, tr. 5]", "cannot read `12 trang 5`"),
        ("[12 p. 5]", "[12, p. 5]", "cannot read `12 p. 5`"),
        ("[12 tr. 5; 13 tr. 6]", "[12, tr. 5; 13, tr. 6]", "cannot read `12 tr. 5`"),
        ("[12; tr. 5]", "[12, tr. 5]", "a page locator follows its reference after `,`, not `;`"),
        ("[12 ; t. 2]", "[12, t. 2]", "a page locator follows its reference after `,`, not `;`"),
        ("[12;tập 2]", "[12, tập 2]", "a page locator follows its reference after `,`, not `;`"),
        ("[12, tr. ]", "[12]", "the page label `tr.` has no page"),
        ("[12, trang]", "[12]", "the page label `trang` has no page"),
        ("[, tr. 5]", "[N, tr. 5]", "the reference number is missing"),
        ("[ , t. 2, tr. 5]", "[N, t. 2, tr. 5]", "the reference number is missing"),
        ("[tr. 5]", None, "the reference number is missing"),
        ("[xem tr. 5]", None, "cannot read `xem tr. 5`"),
        ("[Xem Tr. 5]", None, "cannot read `Xem Tr. 5`"),
        ("[xem trang 12-14]", None, "cannot read `xem trang 12-14`"),
        ("[theo pp. 5]", None, "cannot read `theo pp. 5`"),
        ("[12, t. 2, t. 3, tr. 5]", None, "cannot read `t. 3`"),
        ("[12, tr. 5, t. 2]", None, "cannot read `t. 2`"),
        ("[12, tr. 5, tr. 6]", None, "cannot read `tr. 6`"),
        ("[; 12]", None, "the reference number is missing"),
        ("[12;]", None, "the reference number is missing"),
        ("[12,, 3]", None, "an empty item"),
        ("[12,]", None, "an empty item"),
        ("[12 abc]", None, "cannot read `12 abc`"),
        ("[@]", None, "cannot read `@`"),
        ("[, 5]", "[N, 5]", "the reference number is missing"),
    ],
)
def test_near_misses_hint_and_problem(text, hint, problem):
    assert malformed(text) == (hint, problem)


@pytest.mark.parametrize(
    "text",
    [
        "(xem tr. 5)",
        "(12)",
        "(2010)",
        "(12, 13)",
        "(theo trang 5)",
        "[xem thêm]",
        "[ghi chú 5]",
        "[a; b]",
        "[Hà Nội, 2010]",
        "[12, `x`]",
        "[tr]",
    ],
)
def test_prose_in_brackets_is_not_a_citation(text):
    assert find_citations(f"Đoạn {text} hết.\n") == []


@pytest.mark.parametrize(
    "text, hint",
    [
        ("(12, tr. 10-12)", "[12, tr. 10-12]"),
        ("(@a, tr. 5)", "[@a, tr. 5]"),
        ("(3, trang 4; 5, p. 6)", "[3, tr. 4; 5, p. 6]"),
    ],
)
def test_a_citation_in_round_brackets(text, hint):
    assert malformed(text) == (hint, "a citation in round brackets")


@pytest.mark.parametrize(
    "text, number",
    [
        ("[phụ lục 22]", "22"),
        ("[PHỤ LỤC 3a]", "3a"),
        ("(pl 4)", "4"),
        ("[ Phụ lục IV ]", "IV"),
        ("[Phụ  lục\n5]", "5"),
    ],
)
def test_appendix_pointers_in_any_case(text, number):
    [citation] = find_citations(text)
    assert (citation.kind, citation.appendix, citation.raw) == ("appendix", number, text)


def test_a_blank_line_ends_a_bracket():
    assert find_citations("Mở [12,\n\ntr. 5] đóng.") == []


def test_citations_come_in_text_order_across_bracket_kinds():
    found = find_citations("(Phụ lục 1) rồi [2] rồi (3, tr. 4) rồi [Phụ lục 5].")
    expected = [("appendix", 0), ("reference", 16), ("malformed", 24), ("appendix", 39)]
    assert [(c.kind, c.start) for c in found] == expected


# --- locators ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pages, ranges",
    [
        ("5", [("5", None, "-")]),
        ("36-37", [("36", "37", "-")]),
        ("36–37", [("36", "37", "–")]),
        ("36--37", [("36", "37", "-")]),
        ("4, 7-9", [("4", None, "-"), ("7", "9", "-")]),
        ("1.024-1.030", [("1.024", "1.030", "-")]),
        ("xii-xv", [("xii", "xv", "-")]),
        ("XII", [("XII", None, "-")]),
    ],
)
def test_page_ranges(pages, ranges):
    assert [(r.first, r.last, r.dash) for r in page_ranges(pages)] == ranges


@pytest.mark.parametrize(
    "text, number", [("671", 671), ("1.024", 1024), ("xii", None), ("XII", None), (None, None), ("", None)]
)
def test_page_number(text, number):
    assert page_number(text) == number


@pytest.mark.parametrize(
    "text, value",
    [("i", 1), ("iv", 4), ("IX", 9), ("xiv", 14), ("xl", 40), ("xc", 90), ("cd", 400), ("MCMXC", 1990)]
    + [("xvi", 16), ("mdclxvi", 1666)],
)
def test_roman_value(text, value):
    assert roman_value(text) == value


@pytest.mark.parametrize(
    "first, last, repaired",
    [
        ("123", "5", "123-125"),
        ("123", "25", "123-125"),
        ("9", "3", "3-9"),
        ("95", "103", "95-103"),
        ("19", "5", "5-19"),
        ("100", "99", "100-199"),
        ("123", "23", "23-123"),
        ("xii", "v", "xii-v"),
        ("7", None, "7"),
    ],
)
def test_backward_ranges_are_repaired(first, last, repaired):
    assert str(PageRange(first, last).repaired()) == repaired


def test_repair_keeps_the_dash():
    assert str(PageRange("9", "3", "–").repaired()) == "3–9"
    assert str(PageRange("123", "5", "–").repaired()) == "123–125"


# --- resolving against the bibliography --------------------------------------------------------


def entry(entry_type: str, **fields: str) -> BibEntry:
    return BibEntry("k", entry_type, fields, Path("bibliography/references.bib"), 1)


@pytest.mark.parametrize(
    "entry_type, fields, bounds",
    [
        ("article", {"pages": "5--5"}, (5, 5)),
        ("article", {"pages": "23--26"}, (23, 26)),
        ("article", {"pages": "23–26", "pagetotal": "300"}, (23, 26)),
        ("incollection", {"pages": "7"}, (7, 7)),
        ("inproceedings", {"pages": "10-12"}, (10, 12)),
        ("inbook", {"pages": "1.001--1.010"}, (1001, 1010)),
        ("article", {"pages": "5--7, 10--12"}, None),
        ("article", {"pages": "5--7, 10--12", "pagetotal": "40"}, (1, 40)),
        ("article", {"pages": "26--23"}, None),
        ("article", {"pages": "xii--xv"}, None),
        ("book", {"pages": "23--26", "pagetotal": "300"}, (1, 300)),
        ("book", {"pagetotal": " 300 "}, (1, 300)),
        ("book", {"pagetotal": "0"}, None),
        ("book", {}, None),
        ("book", {"pagetotal": "ccc"}, None),
    ],
)
def test_page_bounds(entry_type, fields, bounds):
    assert page_bounds(entry(entry_type, **fields)) == bounds


@pytest.mark.parametrize(
    "pages, status, outside",
    [
        (None, LocatorStatus.NONE, []),
        ("23", LocatorStatus.INSIDE, []),
        ("26", LocatorStatus.INSIDE, []),
        ("23-26", LocatorStatus.INSIDE, []),
        ("22", LocatorStatus.OUTSIDE, [22]),
        ("27", LocatorStatus.OUTSIDE, [27]),
        ("30, 25, 30-31", LocatorStatus.OUTSIDE, [30, 31]),
        ("xii, 24", LocatorStatus.UNVERIFIABLE, []),
        ("xii, 400", LocatorStatus.UNVERIFIABLE, []),
    ],
)
def test_page_status(pages, status, outside):
    item = CitationItem(0, 1, ref=2, pages=pages)
    assert page_status(item, entry("article", pages="23--26")) == (status, outside)


def test_page_status_without_page_data():
    item = CitationItem(0, 1, ref=2, pages="5")
    assert page_status(item, entry("misc")) == (LocatorStatus.UNVERIFIABLE, [])


@pytest.mark.parametrize(
    "volume, volumes, status",
    [
        (None, "4", LocatorStatus.NONE),
        ("1", "4", LocatorStatus.INSIDE),
        ("4", "4", LocatorStatus.INSIDE),
        ("5", "4", LocatorStatus.OUTSIDE),
        ("0", "4", LocatorStatus.OUTSIDE),
        ("II", "4", LocatorStatus.INSIDE),
        ("IV", "4", LocatorStatus.INSIDE),
        ("V", "4", LocatorStatus.OUTSIDE),
        ("2", "", LocatorStatus.UNVERIFIABLE),
        ("2", " 4 ", LocatorStatus.INSIDE),
    ],
)
def test_volume_status(volume, volumes, status):
    item = CitationItem(0, 1, ref=1, volume=volume)
    assert volume_status(item, entry("book", volumes=volumes)) == status


# --- the findings -----------------------------------------------------------------------------


def test_unknown_number_names_the_nearest(tmp_path):
    assert findings(tmp_path, "Sai [9, tr. 1].\n") == [
        ("C101", "reference 9 is not in the bibliography", "the list has 1–4", 2, 5)  # no likely slip gives 1–4
    ]


def test_unknown_number_hint_lists_the_runs_and_names_the_neighbours_of_a_gap(tmp_path):
    bib = BIB + "@misc{x6, refnum = {6}, title = {Sáu}}\n@misc{x8, refnum = {8}, title = {Tám}}\n"
    found = findings(tmp_path, "Có [6] và [8]. Sai [7] và [0].\n", bib)
    assert [(code, hint) for code, _, hint, _, _ in found if code == "C101"] == [
        ("C101", "the list has 1–4, 6 and 8; did you mean 6 or 8?"),  # a gap: its neighbours
        ("C101", "the list has 1–4, 6 and 8; did you mean 1 or 2?"),  # 0: one key off, then its neighbours
    ]


def test_unknown_number_without_numbered_entries(tmp_path):
    bib = "@book{an, author = {Nguyễn Văn An}, title = {A}, year = {2015}, publisher = {P}}\n"
    root = make_project(tmp_path, {"01.md": "Dẫn [@an] và [2].\n"}, bib)
    found = [(d.code, d.hint) for d in check_project(load_project(root)).diagnostics]
    assert found == [("C101", "the list has 1; did you mean 1?")]
    root = make_project(tmp_path / "none", {"01.md": "Dẫn [2].\n"}, "")
    found = [(d.code, d.hint) for d in check_project(load_project(root)).diagnostics]
    assert found == [("C101", "the bibliography has no numbered entries (`refnum` fields)")]


@pytest.mark.parametrize(
    "text, hint",
    [
        ("Xem [4, 243].", "page label missing? write [4, tr. 243]"),
        ("Xem [1, t. 2, 243].", "page label missing? write [1, t. 2, tr. 243]"),
        ("Xem [4; 243].", "the list has 1–4"),  # `;`: a second source
        ("Xem [3, 5].", "page label missing? write [3, tr. 5]"),
        ("Xem [1, tr. 5; 243].", "the list has 1–4"),
        ("Xem [1, tr. 5, 243].", None),  # 243 is a page here: nothing wrong
    ],
)
def test_bare_number_beyond_the_list(tmp_path, text, hint):
    found = findings(tmp_path, text + "\n")
    if hint is None:
        assert found == []
    else:
        assert [(code, h) for code, _, h, _, _ in found] == [("C101", hint)]


def test_unknown_key(tmp_path):
    assert findings(tmp_path, "Sai [@an2051, tr. 1] và [@zzz].\n") == [
        ("C102", "key @an2051 is not in the bibliography", "did you mean @an2015?", 2, 5),
        ("C102", "key @zzz is not in the bibliography", None, 2, 25),
    ]


def test_malformed_citations_are_errors_with_the_fix_as_hint(tmp_path):
    assert findings(tmp_path, "Sai [1 tr. 5] và [, tr. 5] và [xem tr. 5].\n") == [
        ("C103", "malformed citation: cannot read `1 tr. 5`", "write [1, tr. 5]", 2, 5),
        ("C103", "malformed citation: the reference number is missing", "write [N, tr. 5]", 2, 18),
        ("C103", "malformed citation: cannot read `xem tr. 5`", None, 2, 31),
    ]


def test_fix_writes_the_corrected_citation_and_never_the_placeholder(tmp_path, monkeypatch, capsys):
    text = "Một [1 tr. 5], hai [1; tr. 6], ba [1, tr. ] và bốn [, tr. 5].\n"
    root = make_project(tmp_path, {"01.md": ALL_CITED + text}, BIB)
    monkeypatch.chdir(root)
    assert main(["fix", "--write"]) in (0, 1)
    written = (root / "chapters" / "01.md").read_text(encoding="utf-8")
    assert written == ALL_CITED + "Một [1, tr. 5], hai [1, tr. 6], ba [1] và bốn [, tr. 5].\n"
    assert "C103 ×3" in capsys.readouterr().err
    found = [(d.code, d.column) for d in check_project(load_project(root)).diagnostics]
    assert found == [("C103", 47)]  # only the one the author must complete


def test_fix_of_a_citation_in_round_brackets(tmp_path, monkeypatch):
    root = make_project(tmp_path, {"01.md": ALL_CITED + "Theo (1, tr. 10-12).\n"}, BIB)
    monkeypatch.chdir(root)
    main(["fix", "--write"])
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == ALL_CITED + "Theo [1, tr. 10-12].\n"


def test_pages_outside_the_source(tmp_path):
    assert findings(tmp_path, "Sai [1, tr. 301] và [2, tr. 30, 22-24, 31] và [1, tr. 300].\n") == [
        (
            "C104",
            "page 301 is outside source 1 (pages 1–300)",
            "check the page against bibliography/references.bib:1",
            2,
            6,
        ),
        (
            "C104",
            "pages 30, 22–24, 31 are outside source 2 (pages 23–26)",
            "check the page against bibliography/references.bib:3",
            2,
            22,
        ),
    ]


def test_page_outside_a_keyed_source(tmp_path):
    bib = BIB + "@book{nam, title = {T}, pagetotal = {10}}\n"
    found = findings(tmp_path, "Sai [@nam, tr. 11].\n", bib)
    assert [(c, m) for c, m, *_ in found if c == "C104"] == [("C104", "page 11 is outside source @nam (pages 1–10)")]


def test_one_page_article(tmp_path):
    found = findings(tmp_path, "Đúng [2, tr. 5], sai [2, tr. 6].\n", BIB.replace("23--26", "5--5"))
    assert [(code, message, line, column) for code, message, _, line, column in found] == [
        ("C104", "page 24 is outside source 2 (pages 5–5)", 1, 20),  # [2, tr. 24] on the first line
        ("C104", "page 6 is outside source 2 (pages 5–5)", 2, 23),
    ]


def test_mixed_roman_and_arabic_locator_is_unverifiable_not_a_crash(tmp_path):
    root = make_project(tmp_path, {"01.md": ALL_CITED + "Xem [1, tr. xii, 400] và [2, tr. xii-5].\n"}, BIB)
    result = check_project(load_project(root))
    assert result.diagnostics == []
    summary = result.summary()
    assert (summary["locators_verified"], summary["locators_unverifiable"]) == (2, 2)


def test_volumes(tmp_path):
    assert findings(tmp_path, "Sai [1, t. 5, tr. 3], [1, tập 0], [1, t. V] và đúng [1, t. IV], [1, t. 4].\n") == [
        ("C105", "volume 5 is beyond source 1 (4 volumes)", None, 2, 6),
        ("C105", "volume 0 is beyond source 1 (4 volumes)", None, 2, 24),
        ("C105", "volume V is beyond source 1 (4 volumes)", None, 2, 36),
    ]


def test_descending_ranges(tmp_path):
    assert findings(tmp_path, "Sai [1, tr. 9-3], [1, tr. 123–5; 2, tr. 24] và [1, tr. 5, 7-6].\n") == [
        ("C106", "descending page range", "write [1, tr. 3-9]", 2, 5),
        ("C106", "descending page range", "write [1, tr. 123–125; 2, tr. 24]", 2, 19),
        ("C106", "descending page range", "write [1, tr. 5, 6-7]", 2, 48),
    ]


def test_pages_on_a_web_page(tmp_path):
    assert findings(tmp_path, "Sai [3, tr. 5] và [3, t. 2].\n") == [
        ("C107", "source 3 is a web page (online) and has no pages", "write [3]", 2, 6)
    ]


def test_uncited_entries(tmp_path):
    bib = BIB + "@book{nam, author = {Lê Văn Nam}, title = {T}, year = {2016}, publisher = {P}}\n"
    root = make_project(tmp_path, {"01.md": "Chỉ [1, tr. 5], [@binh2018] và [4].\n"}, bib)
    found = [(d.code, d.message, d.line) for d in check_project(load_project(root)).diagnostics if d.code == "C110"]
    assert found == [("C110", "entry 3 (@web2022) is never cited", 5), ("C110", "entry @nam is never cited", 7)]


def test_unknown_appendix(tmp_path):
    found = findings(tmp_path, "Xem [Phụ lục 23] và (PL 22) và [phụ lục 3].\n", appendices=("22", "3", "10"))
    assert found == [
        ("X101", "appendix 23 does not exist", "the appendices are: 3, 10, 22 (chapters/appendices/)", 2, 5),
    ]
    found = findings(tmp_path / "none", "Xem [Phụ lục 1].\n", appendices=())
    assert found == [("X101", "appendix 1 does not exist", "the appendices are: none (chapters/appendices/)", 2, 5)]


def test_locators_are_counted_verified_or_not(tmp_path):
    root = make_project(tmp_path, {"01.md": ALL_CITED + "[4, tr. 2], [1, t. 2, tr. 9], [1, t. II], [@an2015].\n"}, BIB)
    summary = check_project(load_project(root)).summary()
    assert summary["citations_checked"] == 8
    # verified: [1, tr. 5], [2, tr. 24], t. 2, tr. 9, t. II; unverifiable: [4, tr. 2]
    assert (summary["locators_verified"], summary["locators_unverifiable"]) == (5, 1)


def test_bare_page_mode_from_the_profile(tmp_path):
    config = 'title: "T"\nprofile_overrides:\n  citation:\n    bare_page_locator: true\n'
    hint = "check the page against bibliography/references.bib:1"
    assert findings(tmp_path, "Sai [1, 301].\n", config=config) == [
        ("C104", "page 301 is outside source 1 (pages 1–300)", hint, 2, 6)
    ]


def test_unknown_key_offers_at_most_three_close_keys(tmp_path):
    bib = BIB + "".join(
        f"@book{{an201{n}, refnum = {{{n + 4}}}, author = {{Lê Văn An}}, title = {{T}}, year = {{2016}}, "
        f"publisher = {{P}}}}\n"
        for n in (6, 7, 8)
    )
    cited = "Có [5], [6], [7]. "
    found = findings(tmp_path / "a", cited + "Sai [@an2019].\n", bib)  # (and N104: the order is not standard)
    assert [h for c, _, h, _, _ in found if c == "C102"] == ["did you mean @an2018 or @an2017 or @an2016?"]
    found = findings(tmp_path / "b", cited + "Sai [@web2020].\n", bib)
    assert [h for c, _, h, _, _ in found if c == "C102"] == ["did you mean @web2022?"]


def test_appendices_are_listed_numbers_first_then_names(tmp_path):
    chapters = {"01.md": ALL_CITED + "Xem [Phụ lục 9].\n"}
    for name in ("10-b.md", "3-a.md", "B.md", "A.md"):
        chapters[f"appendices/{name}"] = "Bảng.\n"
    root = make_project(tmp_path, chapters, BIB)
    [diagnostic] = check_project(load_project(root)).diagnostics
    assert diagnostic.hint == "the appendices are: 3, 10, A, B (chapters/appendices/)"


@pytest.mark.parametrize("entry_type", ["online", "www", "webpage", "electronic"])
def test_every_kind_of_web_page_has_no_pages(tmp_path, entry_type):
    bib = BIB.replace("@online{web2022", f"@{entry_type}{{web2022")
    found = findings(tmp_path, "Sai [3, tr. 5].\n", bib)
    assert [(c, m) for c, m, *_ in found if c == "C107"] == [
        ("C107", f"source 3 is a web page ({entry_type}) and has no pages")
    ]
