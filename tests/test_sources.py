"""Quotations verified against source PDFs that the tests typeset themselves (typst)."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest
import typst

from conftest import make_project, run_luanan
from luanan.check import check_project
from luanan.project import load_project

QUOTE = "Đổi mới việc ra Nghị quyết của tổ chức Đảng; việc xây dựng và thực hiện quy chế làm việc"
FILLER = "Nội dung khác của văn kiện về công tác tổ chức và cán bộ ở địa phương. "


def source_pdf(path: Path, pages: dict[int, str], count: int = 6, nfd: bool = False) -> Path:
    """A PDF whose page n holds `pages[n]` (and filler text elsewhere)."""
    body = []
    for number in range(1, count + 1):
        text = pages.get(number, FILLER * 3 + f"Trang {number}.")
        text = unicodedata.normalize("NFD", text) if nfd else text
        body.append(text.replace("#", "\\#").replace("$", "\\$"))
    source = path.with_suffix(".typ")
    path.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(
        '#set page(paper: "a5")\n#set text(lang: "vi")\n' + "\n#pagebreak()\n".join(body), encoding="utf-8"
    )
    typst.compile(str(source), output=str(path))
    return path


def project(tmp_path: Path, chapter: str, entry_fields: str = "file = {sources/157.pdf}") -> Path:
    bib = (
        f"@misc{{tinhuy, refnum = {{157}}, author = {{{{Tỉnh ủy Thanh Hóa}}}}, year = {{2015}}, "
        f"title = {{Tập văn bản}}, {entry_fields}}}\n"
    )
    return make_project(tmp_path, {"01.md": chapter}, bib, config='title: "T"\nsources: verify\nchecks: {N102: off}\n')


def outcome(root: Path):
    result = check_project(load_project(root))
    return [(d.code, d.message) for d in result.diagnostics], result.summary()


def test_found_on_the_cited_page(tmp_path):
    root = project(tmp_path, f"Các tổ chức đã tập trung: “{QUOTE}” [157, tr. 3].\n")
    source_pdf(root / "sources" / "157.pdf", {3: FILLER + QUOTE + ". " + FILLER})
    diagnostics, summary = outcome(root)
    assert diagnostics == [] and summary["quotations_verified"] == 1


def test_found_on_another_page(tmp_path):
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 2].\n")
    source_pdf(root / "sources" / "157.pdf", {5: QUOTE + "."})
    diagnostics, summary = outcome(root)
    assert diagnostics == [("Q101", "quotation found on page 5, cited 2")] and summary["quotations_moved"] == 1


def test_not_found_shows_the_best_match(tmp_path):
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 3].\n")
    source_pdf(root / "sources" / "157.pdf", {3: "Đổi mới công tác kiểm tra của tổ chức Đảng trong giai đoạn mới."})
    [(code, message)], summary = outcome(root)
    assert code == "Q102" and message.startswith("quotation not found in @tinhuy (best match ")
    assert summary["quotations_not_found"] == 1


@pytest.mark.parametrize(
    "setup, words",
    [
        (lambda root: None, "cannot read 157.pdf"),
        (
            lambda root: (root / "sources").mkdir() or (root / "sources" / "157.pdf").write_bytes(b"not a pdf"),
            "157.pdf is not a readable PDF",
        ),
        (lambda root: source_pdf(root / "sources" / "157.pdf", {n: "" for n in range(1, 7)}), "has no text layer"),
    ],
)
def test_unverifiable_sources_are_info(tmp_path, setup, words):
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 3].\n")
    setup(root)
    result = check_project(load_project(root))
    [diagnostic] = result.diagnostics
    assert (diagnostic.code, str(diagnostic.severity)) == ("Q103", "info") and words in diagnostic.message
    assert result.summary()["quotations_unverifiable"] == 1


def test_elision_matches_any_gap(tmp_path):
    elided = "Đổi mới việc ra Nghị quyết của tổ chức Đảng; ... thực hiện quy chế làm việc"
    root = project(tmp_path, f"Trích: “{elided}” [157, tr. 3].\n")
    source_pdf(root / "sources" / "157.pdf", {3: QUOTE + "."})
    assert outcome(root)[1]["quotations_verified"] == 1


def test_quotation_across_a_page_break(tmp_path):
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 3].\n")
    half = len(QUOTE) // 2
    source_pdf(root / "sources" / "157.pdf", {3: FILLER + QUOTE[:half], 4: QUOTE[half:] + ". " + FILLER})
    assert outcome(root)[1]["quotations_verified"] == 1


def test_vietnamese_nfd_text_and_ocr_noise(tmp_path):
    noisy = QUOTE.replace("Nghị", "Nghi").replace("thực", "thưc").replace("chế", "chê")
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 3].\n")
    source_pdf(root / "sources" / "157.pdf", {3: noisy + "."}, nfd=True)
    assert outcome(root)[1]["quotations_verified"] == 1


def test_page_offset_and_ranges(tmp_path):
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 671].\n", "file = {sources/157.pdf}, pageoffset = {-667}")
    source_pdf(root / "sources" / "157.pdf", {4: QUOTE + "."})
    assert outcome(root)[1]["quotations_verified"] == 1
    ranged = "file = {sources/157.pdf}, pageoffset = {1-10: 2, 600-700: -667}"
    (root / "bibliography" / "references.bib").write_text(
        (root / "bibliography" / "references.bib")
        .read_text(encoding="utf-8")
        .replace("file = {sources/157.pdf}, pageoffset = {-667}", ranged),
        encoding="utf-8",
    )
    assert outcome(root)[1]["quotations_verified"] == 1


def test_zotero_file_field_and_paraphrases_are_not_checked(tmp_path):
    chapter = f"Trích: “{QUOTE}” [157, tr. 3]. Diễn giải không trích nguyên văn [157, tr. 5].\n"
    root = project(tmp_path, chapter, "file = {Full Text PDF:sources/157.pdf:application/pdf}")
    source_pdf(root / "sources" / "157.pdf", {3: QUOTE + "."})
    summary = outcome(root)[1]
    assert summary["quotations_verified"] == 1 and sum(v for k, v in summary.items() if k.startswith("quotations")) == 1


def test_cli_flag_and_summary_line(tmp_path):
    root = project(tmp_path, f"Trích: “{QUOTE}” [157, tr. 3].\n")
    (root / "thesis.yaml").write_text('title: "T"\nchecks: {N102: off}\n', encoding="utf-8")
    source_pdf(root / "sources" / "157.pdf", {3: QUOTE + "."})
    assert "quotations" not in run_luanan("check", cwd=root).stdout
    result = run_luanan("check", "--sources", cwd=root)
    assert result.returncode == 0
    assert "quotations in their sources: 1 verified, 0 on another page, 0 not found, 0 unverifiable" in result.stdout


def test_thousand_page_source_stays_interactive(tmp_path):
    pages = {
        n: f"Trang số {n} ghi lại văn bản thứ {n} của tập văn kiện, mã {n * 7919 % 10007}." for n in range(1, 1001)
    }
    quotes = " ".join(
        f"Trích “Trang số {n} ghi lại văn bản thứ {n} của tập văn kiện, mã {n * 7919 % 10007}” [157, tr. {n}]."
        for n in range(1, 1001, 10)
    )
    root = project(tmp_path, quotes + "\n")
    source_pdf(root / "sources" / "157.pdf", pages, count=1000)
    first = time.perf_counter()
    assert outcome(root)[1]["quotations_verified"] == 100
    cold = time.perf_counter() - first
    start = time.perf_counter()
    assert outcome(root)[1]["quotations_verified"] == 100
    warm = time.perf_counter() - start
    assert list((root / "build" / ".cache" / "sources").glob("*.json"))  # page text cached by hash
    print(f"1,000-page source, 100 quotations: {cold:.2f} s extracting, {warm:.2f} s cached")
    # A ratio, not a wall-clock bar: both runs slow down together on a busy machine.
    assert warm < cold / 2
