"""One test per rule: a project that breaks exactly that rule reports exactly that code,
and the same project without the slip does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_project
from luanan.check import check_project
from luanan.diagnostics import Severity
from luanan.project import load_project
from luanan.rules import all_rules

BIB = """@book{an2015, refnum = {1}, author = {Nguyễn Văn An}, year = {2015}, title = {Sách},
  publisher = {Nxb Chính trị quốc gia}, address = {Hà Nội}, pagetotal = {300}, volumes = {4}}
@article{binh2018, refnum = {2}, author = {Trần Thị Bình}, year = {2018}, title = {Bài báo},
  journal = {Tạp chí Xây dựng Đảng}, number = {5}, pages = {23--26}}
@online{web2022, refnum = {3}, author = {Nguyễn Văn Hải}, year = {2022}, title = {Trang web}, url = {https://example.org}}
@misc{tinhuy2010, refnum = {4}, author = {{Tỉnh ủy Thanh Hóa}}, year = {2010}, title = {Quy chế số 01-QC/TU}}
"""
ALL_CITED = "Nguồn [1, tr. 5], [2, tr. 24], [3], [4].\n"
QUOTE = "“Các cấp ủy Đảng làm việc theo nguyên tắc tập trung dân chủ; tập thể lãnh đạo, cá nhân phụ trách”"


def codes(tmp_path: Path, text: str, bib: str = BIB, appendix: bool = False) -> list[str]:
    chapters = {"01.md": ALL_CITED + "\n" + text}
    if appendix:
        chapters["appendices/22-bang.md"] = "Bảng.\n"
    root = make_project(tmp_path, chapters, bib)
    return [d.code for d in check_project(load_project(root)).diagnostics]


CASES = [
    # code, text that breaks the rule, the same text written correctly
    ("C101", "Sai [9, tr. 1].", "Đúng [1, tr. 1]."),
    ("C102", "Sai [@an2051, tr. 1].", "Đúng [@an2015, tr. 1]."),
    ("C103", "Sai [1 tr. 5].", "Đúng [1, tr. 5]."),
    ("C104", "Sai [1, tr. 301] và [2, tr. 30].", "Đúng [1, tr. 300] và [2, tr. 26]."),
    ("C105", "Sai [1, t. 5, tr. 3].", "Đúng [1, t. 4, tr. 3]."),
    ("C106", "Sai [1, tr. 9-3].", "Đúng [1, tr. 3-9]."),
    ("C107", "Sai [3, tr. 5].", "Đúng [3]."),
    ("C201", "Sai [2; 1] và [1; 1].", "Đúng [1; 2]."),
    ("C202", "Sai [1,tr5].", "Đúng [1, tr. 5]."),
    ("C301", f"Sai {QUOTE} [1].", f"Đúng {QUOTE} [1, tr. 7]."),
    ("C302", f"Sai {QUOTE}.", f"Đúng {QUOTE} [1, tr. 7]."),
    ("X101", "Sai [Phụ lục 23].", "Đúng [Phụ lục 22]."),
]


@pytest.mark.parametrize("code, wrong, right", CASES, ids=[c[0] for c in CASES])
def test_rule_reports_the_slip_and_only_it(tmp_path, code, wrong, right):
    assert set(codes(tmp_path / "wrong", wrong, appendix=True)) == {code}
    assert codes(tmp_path / "right", right, appendix=True) == []


def test_uncited_entry_points_at_its_bib_line(tmp_path):
    root = make_project(tmp_path, {"01.md": "Chỉ [1, tr. 5], [2, tr. 24], [4].\n"}, BIB)
    [diagnostic] = check_project(load_project(root)).diagnostics
    assert (diagnostic.code, str(diagnostic.path), diagnostic.line) == ("C110", "bibliography/references.bib", 5)


def test_duplicate_refnum_and_gap(tmp_path):
    bib = BIB.replace("refnum = {4}", "refnum = {2}") + "@misc{x, refnum = {6}, title = {Sáu}}\n"
    root = make_project(tmp_path, {"01.md": ALL_CITED + "[6]\n"}, bib)
    found = {d.code: d for d in check_project(load_project(root)).diagnostics}
    assert found["N101"].line == 6 and "already used by @binh2018" in found["N101"].message
    assert found["N102"].message == "the reference list skips 4, 5"


def test_bibtex_parse_error_and_duplicate_key(tmp_path):
    bib = BIB + "@misc{an2015, refnum = {7}, title = {Trùng}}\n@book{hong, title = {Thiếu ngoặc\n"
    root = make_project(tmp_path, {"01.md": ALL_CITED}, bib)
    found = sorted(d.code for d in check_project(load_project(root)).diagnostics)
    assert found == ["B101", "B102"]


BIB_CASES = [
    # code, a field list that breaks the rule, the same entry written correctly
    ("B103", "title = {Sách}, year = {2015}", "title = {Sách}, year = {2015}, publisher = {Nxb Trẻ}"),
    (
        "B104",
        "langid = {klingon}, publisher = {P}, title = {T}, year = {2015}",
        "langid = {vietnamese}, publisher = {P}, title = {T}, year = {2015}",
    ),
    ("B109", r"publisher = {P}, title = {T \vnmacro{a}}, year = {2015}", "publisher = {P}, title = {T}, year = {2015}"),
    ("B105", "publisher = {P}, title = {T}, year = {2022-10}", "publisher = {P}, title = {T}, date = {2022-10}"),
    (
        "B106",
        "publisher = {P}, title = {T}, year = {2015}, pages = {27:1-27:27}",
        "publisher = {P}, title = {T}, year = {2015}, pages = {27--35}",
    ),
    (
        "B107",
        "refnum = {5a}, publisher = {P}, title = {T}, year = {2015}",
        "refnum = {5}, publisher = {P}, title = {T}, year = {2015}",
    ),
    (
        "B108",
        "crossref = {khong}, publisher = {P}, title = {T}, year = {2015}",
        "crossref = {an2015}, publisher = {P}, title = {T}, year = {2015}",
    ),
]


@pytest.mark.parametrize("code, wrong, right", BIB_CASES, ids=[c[0] for c in BIB_CASES])
def test_bibliography_rule(tmp_path, code, wrong, right):
    def entry(fields: str) -> str:
        refnum = "" if "refnum" in fields else "refnum = {5}, "
        return f"@book{{yen2016, {refnum}author = {{Vũ Văn Yên}}, {fields}}}\n"

    text = ALL_CITED + "Và [5].\n"
    # A refnum that is not a number leaves the entry unnumbered among numbered ones (N103 too).
    expected = {code, "N103"} if code == "B107" else {code}
    assert set(codes(tmp_path / "wrong", text, BIB + entry(wrong))) == expected
    assert codes(tmp_path / "right", text, BIB + entry(right)) == []


def test_mixed_numbering_is_an_error(tmp_path):
    bib = BIB + "@book{nam2016, author = {Lê Văn Nam}, title = {T}, year = {2016}, publisher = {P}}\n"
    root = make_project(tmp_path, {"01.md": ALL_CITED + "Và [@nam2016].\n"}, bib)
    found = [d for d in check_project(load_project(root)).diagnostics]
    assert [(d.code, d.line) for d in found] == [("N103", 7)]


def test_explicit_numbers_out_of_standard_order(tmp_path):
    bib = BIB.replace("Nguyễn Văn An", "Nguyễn Văn Xuân")  # 1 now files under X, after Tỉnh ủy (4)
    root = make_project(tmp_path, {"01.md": ALL_CITED}, bib)
    found = [(d.code, d.message) for d in check_project(load_project(root)).diagnostics]
    assert found == [
        ("N104", "@an2015 is number 1 but would be 4 in the standard order"),
        ("N104", "@binh2018 is number 2 but would be 1 in the standard order"),
        ("N104", "@web2022 is number 3 but would be 2 in the standard order"),
        ("N104", "@tinhuy2010 is number 4 but would be 3 in the standard order"),
    ]


def test_shifted_number_in_sorted_mode(tmp_path):
    sorted_bib = (
        "@book{an, author = {Nguyễn Văn An}, title = {A}, year = {2015}, publisher = {P}}\n"
        "@book{binh, author = {Trần Văn Bình}, title = {B}, year = {2016}, publisher = {P}}\n"
    )
    root = make_project(tmp_path, {"01.md": "Dẫn [1] và [2, tr. 5] và [@binh].\n"}, sorted_bib)
    (root / "bibliography" / "refnums.lock").write_text("1 an\n2 binh\n", encoding="utf-8")
    assert codes_of(root) == []
    # A new source filed under "Ánh" comes between An and Bình: [2] would now mean it.
    with open(root / "bibliography" / "references.bib", "a", encoding="utf-8") as bib:
        bib.write("@book{anh, author = {Lê Văn Ánh}, title = {C}, year = {2017}, publisher = {P}}\n")
    found = check_project(load_project(root)).diagnostics
    # [2, tr. 5] is not judged against @anh, which the author never meant: @anh stays uncited.
    assert [(d.code, d.column) for d in found] == [("C110", 1), ("N105", 13)]
    assert "@anh" in found[0].message
    assert found[1].message == "[2] meant @binh at the last build and now means @anh; @binh is now 3"


def test_raw_blocks_are_refused_unless_allowed(tmp_path):
    text = ALL_CITED + '\n```{=typst}\n#read("/etc/passwd")\n```\n\nVà `\\input{x}`{=latex}.\n'
    root = make_project(tmp_path, {"01.md": text}, BIB)
    found = [(d.code, d.line) for d in check_project(load_project(root)).diagnostics]
    assert found == [("S101", 3), ("S101", 7)]
    (root / "thesis.yaml").write_text('title: "T"\nallow_raw: [typst, latex]\n', encoding="utf-8")
    assert codes_of(root) == []


def test_images_must_be_files_inside_the_project(tmp_path):
    text = ALL_CITED + "\n![a](/etc/passwd) ![b](../../x.png) ![c](https://example.org/c.png)\n\n![d](hinh/d.png)\n"
    root = make_project(tmp_path, {"01.md": text}, BIB)
    found = [(d.code, d.line, d.column) for d in check_project(load_project(root)).diagnostics]
    assert found == [("S102", 3, 6), ("S102", 3, 24), ("S102", 3, 42), ("X102", 5, 6)]
    (root / "chapters" / "hinh").mkdir()
    (root / "chapters" / "hinh" / "d.png").write_bytes(b"\x89PNG")
    text = ALL_CITED + "\n![d](hinh/d.png)\n"
    (root / "chapters" / "01.md").write_text(text, encoding="utf-8")
    assert codes_of(root) == []


def test_a_paragraph_pandoc_would_take_minutes_over_is_refused(tmp_path):
    text = ALL_CITED + "\n" + "![" * 3000 + "\n\nĐoạn sau [1].\n"
    root = make_project(tmp_path, {"01.md": text}, BIB)
    found = [(d.code, d.line) for d in check_project(load_project(root)).diagnostics]
    assert found == [("S103", 3)]


def codes_of(root):
    return [d.code for d in check_project(load_project(root)).diagnostics]


def test_every_rule_has_a_test_here():
    tested = (
        {code for code, _, _ in CASES}
        | {code for code, _, _ in BIB_CASES}
        | {"C110", "N101", "N102", "N103", "N104", "N105", "B101", "B102", "S101", "S102", "S103", "X102"}
        | {"B110", "B111", "B112"}  # tests/test_reference_list_real_exports.py
        | {"Q101", "Q102", "Q103"}  # the Q rules: tests/test_sources.py
        | {"X103"}  # tests/test_full_thesis.py
        | {
            "A101",
            "A102",
            "A103",
            "A104",
            "D101",
            "D102",
            "D103",
            "H101",
            "H102",
            "H103",
            "H104",
            "H105",
            "T101",
            "T102",
            "T103",
            "T104",
            "T105",
            "T106",
            "T107",
        }
        | {"T108", "T109"}  # tests/test_text_trust.py
    )  # tests/test_text_integrity.py
    assert {rule.code for rule in all_rules()} == tested


def test_severity_is_configurable_and_off_means_off(tmp_path):
    config = 'title: "T"\nchecks:\n  C101: warning\n  C202: off\n'
    root = make_project(tmp_path, {"01.md": ALL_CITED + "Sai [9] và [1,tr5].\n"}, BIB, config=config)
    diagnostics = check_project(load_project(root)).diagnostics
    assert [(d.code, d.severity) for d in diagnostics] == [("C101", Severity.WARNING)]


def test_ignore_comment_exempts_the_next_paragraph_only(tmp_path):
    text = (
        "<!-- luanan: ignore[C202] -->\nĐoạn một [1,tr5]\nvẫn đoạn một [1,tr6].\n\n"
        "Đoạn hai [1,tr7].\n\nDòng [9] <!-- luanan: ignore -->\n"
    )
    root = make_project(tmp_path, {"01.md": ALL_CITED + "\n" + text}, BIB)
    diagnostics = check_project(load_project(root)).diagnostics
    assert [(d.code, d.line) for d in diagnostics] == [("C202", 7)]


def test_bare_number_beyond_the_list_asks_for_the_page_label(tmp_path):
    root = make_project(tmp_path, {"01.md": ALL_CITED + "Xem [4, 243].\n"}, BIB)
    [diagnostic] = check_project(load_project(root)).diagnostics
    assert diagnostic.code == "C101"
    assert diagnostic.hint == "page label missing? write [4, tr. 243]"


def test_locators_are_counted(tmp_path):
    root = make_project(tmp_path, {"01.md": ALL_CITED + "Thêm [4, tr. 2] và [1, t. 2, tr. 9].\n"}, BIB)
    summary = check_project(load_project(root)).summary()
    # verified: [1, tr. 5], [2, tr. 24], [1, t. 2], [1, tr. 9]; unverifiable: [4, tr. 2] (no page data)
    assert (summary["locators_verified"], summary["locators_unverifiable"]) == (4, 1)


NEAR_MISSES = [
    # written, code, hint
    ("[1 tr. 5]", "C103", "write [1, tr. 5]"),
    ("[1,tr5]", "C202", "write [1, tr. 5]"),
    ("[1, tr 5]", "C202", "write [1, tr. 5]"),
    ("[1, tr. ]", "C103", "write [1]"),
    ("[, tr. 5]", "C103", "write [N, tr. 5]"),
    ("[1, tr. 9-3]", "C106", "write [1, tr. 3-9]"),
    ("[1; tr. 5]", "C103", "write [1, tr. 5]"),
    ("(1, tr. 10-12)", "C103", "write [1, tr. 10-12]"),
]


@pytest.mark.parametrize("written, code, hint", NEAR_MISSES, ids=[n[0] for n in NEAR_MISSES])
def test_near_miss_gets_the_corrected_text_as_hint(tmp_path, written, code, hint):
    root = make_project(tmp_path, {"01.md": ALL_CITED + f"Câu {written}.\n"}, BIB)
    [diagnostic] = check_project(load_project(root)).diagnostics
    assert (diagnostic.code, diagnostic.hint, diagnostic.line, diagnostic.column) == (code, hint, 2, 5)


def test_check_does_not_import_the_writers(tmp_path):
    import subprocess
    import sys

    root = make_project(tmp_path, {"01.md": ALL_CITED}, BIB)
    probe = (
        "import sys; from luanan.cli import main; main(['check']); "
        "print(sorted(m for m in ('pypandoc', 'typst', 'docx') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_pages_of_a_drifted_number_are_not_judged_against_its_new_source(tmp_path):
    bib = (
        "@book{an, author = {Nguyễn Văn An}, title = {A}, year = {2015}, publisher = {P}, pagetotal = {500}}\n"
        "@book{binh, author = {Trần Văn Bình}, title = {B}, year = {2016}, publisher = {P}, pagetotal = {400}}\n"
    )
    root = make_project(tmp_path, {"01.md": "Dẫn [1] và [2, tr. 350].\n"}, bib)
    (root / "bibliography" / "refnums.lock").write_text("1 an\n2 binh\n", encoding="utf-8")
    assert codes_of(root) == []
    with open(root / "bibliography" / "references.bib", "a", encoding="utf-8") as handle:
        handle.write(
            "@book{anh, author = {Lê Văn Ánh}, title = {C}, year = {2017}, publisher = {P}, pagetotal = {20}}\n"
        )
    found = [d.code for d in check_project(load_project(root)).diagnostics]
    assert "N105" in found and "C104" not in found  # page 350 is not judged against @anh's 20 pages


def test_hints_for_an_unknown_number_follow_what_the_author_probably_meant(tmp_path):
    bib = "".join(
        f"@book{{k{n}, refnum = {{{n}}}, author = {{Lê Văn A}}, title = {{S{n}}}, year = {{2015}},"
        f" publisher = {{P}}}}\n"
        for n in range(1, 93)
    )
    root = make_project(
        tmp_path, {"01.md": "Một [156, tr. 2]. Hai [21].\n"}, bib, config='title: "T"\nchecks: {C110: off}\n'
    )
    hints = [d.hint for d in check_project(load_project(root)).diagnostics if d.code == "C101"]
    assert hints == ["the list has 1–92; did you mean 56 or 16?"]


def test_a_range_of_references_is_hinted_and_a_page_range_printed_as_a_range(tmp_path):
    bib = "".join(
        f"@book{{k{n}, refnum = {{{n}}}, author = {{Lê Văn A}}, title = {{S{n}}}, year = {{2015}},"
        f" publisher = {{P}}, pagetotal = {{320}}}}\n"
        for n in range(1, 6)
    )
    text = "Một [2-4]. Hai [1, tr. 350-375]. Ba [1, tr. 4, 400].\n"
    root = make_project(tmp_path, {"01.md": text}, bib, config='title: "T"\nchecks: {C110: off}\n')
    found = check_project(load_project(root)).diagnostics
    assert [(d.code, d.message, d.hint) for d in found] == [
        ("C103", "malformed citation: `2-4` is a range of references: list each source", "write [2; 3; 4]"),
        (
            "C104",
            "pages 350–375 are outside source 1 (pages 1–320)",
            "check the page against bibliography/references.bib:1",
        ),
        ("C104", "page 400 is outside source 1 (pages 1–320)", "check the page against bibliography/references.bib:1"),
    ]
