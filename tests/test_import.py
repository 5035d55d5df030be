"""`luanan import`: a thesis from Word (a DOCX the test writes) and the web copy of the embedded
chapter, measured against the chapter curated by hand."""

from __future__ import annotations

import re
from pathlib import Path

import docx

from conftest import CHAPTER, REPO, SEED, run_luanan
from luanan.citations.parse import find_citations
from luanan.importing import webcopy
from luanan.load.chapters import load_document

EXPECTED = (REPO / "tests" / "fixtures" / "reference-list" / "expected.txt").read_text(encoding="utf-8")
PRINTED = [line for line in EXPECTED.splitlines() if re.match(r"\d+\. ", line)]
REFERENCES = PRINTED[:20] + PRINTED[26:31]  # 25 entries of every kind, Vietnamese and foreign


def thesis_docx(path: Path) -> list[str]:
    """A thesis in Word with 3 chapters, 25 references, an abbreviation table and citations;
    returns the citations in reading order."""
    document = docx.Document()
    document.add_paragraph("Đảng bộ tỉnh lãnh đạo công tác kiểm tra (thử nghiệm nhập)", style="Title")
    document.add_heading("LỜI CAM ĐOAN", 1)
    document.add_paragraph("Tôi xin cam đoan đây là công trình nghiên cứu của riêng tôi.")
    document.add_heading("MỤC LỤC", 1)
    document.add_paragraph("CHƯƠNG 1 ........ 1")
    document.add_heading("DANH MỤC CHỮ VIẾT TẮT", 1)
    table = document.add_table(rows=4, cols=2)
    for row, (short, full) in zip(
        table.rows,
        [
            ("Chữ viết tắt", "Viết đầy đủ"),
            ("HĐND", "Hội đồng nhân dân"),
            ("TCCSĐ", "tổ chức cơ sở đảng"),
            ("UBND", "Ủy ban nhân dân"),
        ],
    ):
        row.cells[0].text, row.cells[1].text = short, full
    numbers = [int(line.split(".")[0]) for line in REFERENCES]
    citations = []
    document.add_heading("MỞ ĐẦU", 1)
    document.add_paragraph(f"Đề tài có ý nghĩa [{numbers[0]}, tr. 5] và [{numbers[1]}], [{numbers[2]}].")
    citations += [f"[{numbers[0]}, tr. 5]", f"[{numbers[1]}]", f"[{numbers[2]}]"]
    for chapter in (1, 2, 3):
        document.add_heading(f"CHƯƠNG {chapter}. NỘI DUNG THỨ {chapter}", 1)
        document.add_heading(f"{chapter}.1. Mục thứ nhất", 2)
        cited = numbers[3 + chapter * 6 - 6 : 3 + chapter * 6]
        quoted = f"“Đoạn trích dẫn nguyên văn số {chapter}” [{cited[0]}, tr. {10 + chapter}]"
        document.add_paragraph(
            f"Các TCCSĐ đã tập trung: {quoted}; tiếp theo [{cited[1]}; {cited[2]}] và "
            f"[{cited[3]}, tr. 3-4] cùng [{cited[4]}, t. 2, tr. 7] (xem [Phụ lục 1])."
        )
        citations += [
            f"[{cited[0]}, tr. {10 + chapter}]",
            f"[{cited[1]}; {cited[2]}]",
            f"[{cited[3]}, tr. 3-4]",
            f"[{cited[4]}, t. 2, tr. 7]",
            "[Phụ lục 1]",
        ]
        document.add_heading(f"{chapter}.2. Mục thứ hai", 2)
        document.add_paragraph(f"Kết quả [{cited[5]}].")
        citations.append(f"[{cited[5]}]")
    document.add_heading("KẾT LUẬN", 1)
    rest = numbers[21:]
    document.add_paragraph("Tóm lại " + ", ".join(f"[{n}]" for n in rest) + ".")
    citations += [f"[{n}]" for n in rest]
    document.add_heading("TÀI LIỆU THAM KHẢO", 1)
    for line in REFERENCES:
        document.add_paragraph(line)
    document.add_heading("PHỤ LỤC", 1)
    document.add_heading("Phụ lục 1. Số liệu kiểm tra", 2)
    document.add_paragraph("Bảng số liệu của phụ lục.")
    document.save(path)
    return citations


def test_docx_round_trip_keeps_every_citation_and_reference(tmp_path):
    citations = thesis_docx(tmp_path / "luan-an.docx")
    result = run_luanan("import", "luan-an.docx", "--into", "luan-an", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    root = tmp_path / "luan-an"
    names = sorted(p.relative_to(root).as_posix() for p in (root / "chapters").rglob("*.md"))
    assert names == [
        "chapters/00-loi-cam-doan.md",
        "chapters/01-mo-dau.md",
        "chapters/02-chuong-1.md",
        "chapters/03-chuong-2.md",
        "chapters/04-chuong-3.md",
        "chapters/05-ket-luan.md",
        "chapters/appendices/01-so-lieu-kiem-tra.md",
    ]
    found = []
    for name in names[1:-1]:
        document = load_document(root / name, Path(name))
        found += [c.raw for c in find_citations(document.source.text, document.body_start)]
    assert found == citations
    assert load_document(root / names[2], Path(names[2])).meta == {"chapter": 1, "title": "NỘI DUNG THỨ 1"}
    refs = run_luanan("refs", cwd=root)
    assert (
        refs.stdout.replace("Tiếng Việt\n", "")
        .replace("\nTiếng Anh\n", "")
        .replace("\nTiếng Pháp\n", "")
        .replace("Tiếng Anh\n", "")
        .strip()
        .splitlines()
        == REFERENCES
    )
    abbreviations = (root / "bibliography" / "abbreviations.yaml").read_text(encoding="utf-8")
    assert 'HĐND: "Hội đồng nhân dân"' in abbreviations and "Chữ viết tắt" not in abbreviations
    check = run_luanan("check", cwd=root)
    assert " 0 errors" in " " + check.stdout.splitlines()[-1] or check.stdout.splitlines()[-1].startswith("0 errors")
    assert "0 errors" in result.stdout  # the import ends with the checker's summary


def test_unparseable_reference_is_kept_as_misc(tmp_path):
    document = docx.Document()
    document.add_heading("CHƯƠNG 1. MỘT", 1)
    document.add_paragraph("Văn bản [1] và [2].")
    document.add_heading("TÀI LIỆU THAM KHẢO", 1)
    document.add_paragraph(PRINTED[0].replace("1. ", "1. ", 1))
    document.add_paragraph("2. Tài liệu lạ không rõ định dạng")
    document.save(tmp_path / "a.docx")
    result = run_luanan("import", "a.docx", "--into", "a", cwd=tmp_path)
    assert result.returncode == 0 and "1 reference kept as @misc" in result.stdout
    bib = (tmp_path / "a" / "bibliography" / "references.bib").read_text(encoding="utf-8")
    assert "Tài liệu lạ không rõ định dạng" in bib and "refnum = {2}" in bib


def curated_blocks() -> list[str]:
    document = load_document(CHAPTER, CHAPTER.relative_to(REPO))
    return [" ".join(block.split()) for block in document.body.strip().split("\n\n")]


def test_web_copy_of_the_embedded_chapter_against_the_curated_one():
    cleaned = webcopy.clean(SEED.read_text(encoding="utf-8"))
    imported = [" ".join(block.split()) for block in cleaned.markdown().strip().split("\n\n")]
    curated = curated_blocks()
    assert len(imported) == len(curated)
    differing = [(a, b) for a, b in zip(imported, curated) if a != b]
    identical = 1 - len(differing) / len(curated)
    print(f"\n{len(curated) - len(differing)} of {len(curated)} paragraphs identical ({identical:.0%})")
    for ours, theirs in differing:
        words_a, words_b = ours.split(), theirs.split()
        print(
            "  differs:",
            [w for w in words_a if w not in words_b][:6],
            "->",
            [w for w in words_b if w not in words_a][:6],
        )
    # Left for a person: "địa bản" for "địa bàn" (the text writes the right pair only once, so
    # nothing in it says which one is the typo).
    assert len(differing) <= 1
    assert [c.raw for c in find_citations(cleaned.markdown())] == [
        c.raw for c in find_citations(SEED.read_text(encoding="utf-8"))
    ]


def test_web_copy_changes_are_logged_and_quotations_protected():
    cleaned = webcopy.clean(SEED.read_text(encoding="utf-8"))
    steps = {change.step for change in cleaned.changes}
    assert {
        "drop_boilerplate",
        "repair_line",
        "rejoin_paragraphs",
        "split_glued_words",
        "restore_document_numbers",
        "restore_dashes",
        "mark_run_in_head",
    } <= steps
    dropped = [c.before for c in cleaned.changes if c.step == "drop_boilerplate"]
    assert dropped[0] == "Có thể bạn quan tâm!" and dropped[-1] == "Xem toàn bộ 281 trang tài liệu này."
    assert any(
        c.before.endswith("haǹ h động") or "haǹ h" in c.before for c in cleaned.changes if c.step == "repair_line"
    )
    text = " ".join(cleaned.markdown().split())
    # wording inside quotations is never changed: a typo fix there is only proposed
    quoted = (
        "“Các cấp ủy tập trung xây dựng quy chế làm việc, chương trình công tác toàn khóa và chương trình hành động"
    )
    assert quoted in text  # the lost space and the stray tone mark, though, are copy damage: repaired
    assert any(
        c.step == "fix_by_consistency" and "tô chức thực hiện" in c.before and "tổ chức thực hiện" in c.after
        for c in cleaned.changes
    )
    for fixed in (
        "KT-XH;",
        "01-QC/TU",
        "1089-QĐ/TU",
        "07-CTr/TU",
        "và chương trình hành động",
        "từ tỉnh",
        "của Tỉnh ủy",
        "nghiêm túc",
        "giám sát việc",
        "chính trị - xã hội",
        "**Chỉ đạo nâng cao chất lượng sinh hoạt:**",
    ):
        assert fixed in text, fixed


def test_web_copy_import_command_writes_a_checked_project(tmp_path):
    (tmp_path / "trang.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_luanan("import", "trang.txt", "--into", "du-an", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "du-an"
    chapter = (root / "chapters" / "03-chuong-3.md").read_text(encoding="utf-8")
    assert chapter.startswith('---\nchapter: 3\ntitle: "Chương 3"\nexcerpt:\n  starts_in: "3.2.4"\n---\n')
    assert "### 3.2.5. Chỉ đạo công tác kiểm tra" in chapter
    assert (root / "import-report.md").read_text(encoding="utf-8").count("\n| ") > 30
    assert "error[C101]" not in result.stdout and "errors" in result.stdout  # the summary, not the list


def test_legacy_encoding_is_named_then_converted(tmp_path):
    from luanan.vietnamese.encodings import TCVN3

    reverse = {letter: byte for byte, letter in TCVN3.items()}
    text = "3.2.5. Chỉ đạo công tác kiểm tra\nđảng bộ tỉnh lãnh đạo công tác kiểm tra [1, tr. 5].\n"
    (tmp_path / "cu.txt").write_bytes(bytes(reverse.get(c, ord(c)) for c in text.lower()))
    refused = run_luanan("import", "cu.txt", "--into", "a", cwd=tmp_path)
    assert refused.returncode == 2 and "it looks like TCVN3" in refused.stderr
    result = run_luanan("import", "cu.txt", "--into", "b", "--encoding", "tcvn3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "đảng bộ tỉnh lãnh đạo công tác kiểm tra [1, tr. 5]." in (
        tmp_path / "b" / "chapters" / "03-chuong-3.md"
    ).read_text(encoding="utf-8")


def test_tcvn3_text_pasted_as_latin1_is_converted():
    from luanan.vietnamese.encodings import TCVN3

    reverse = {letter: byte for byte, letter in TCVN3.items()}
    clean_text = "đảng bộ tỉnh lãnh đạo công tác kiểm tra ở cơ sở [1, tr. 5]."
    pasted = "".join(chr(reverse[c]) if c in reverse else c for c in clean_text)  # what a TCVN3 font showed
    assert pasted.startswith("®¶ng bé")
    cleaned = webcopy.clean(pasted)
    assert cleaned.markdown().strip() == clean_text
    assert [c.step for c in cleaned.changes][0] == "convert_legacy_text"
    untouched = webcopy.clean("Le système éducatif a été réformé.")
    assert untouched.markdown().strip() == "Le système éducatif a été réformé."


def word_habits_docx(path: Path) -> None:
    """The shapes theses written in Word have: "CHƯƠNG 1" over its title in a second heading,
    in a bold centred paragraph, or after a line break; sections as bold Normal paragraphs
    (`**1.1. …**`); the abbreviation list as the only table. tests/fixtures/import/
    shapes-libreoffice.docx is this file opened and saved again by LibreOffice."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    document.add_paragraph("Quản lý tổ chức cơ sở đảng (thử nhập)", style="Title")
    document.add_heading("DANH MỤC CHỮ VIẾT TẮT", 1)
    table = document.add_table(rows=3, cols=2)
    rows = [("Chữ viết tắt", "Viết đầy đủ"), ("TCCSĐ", "tổ chức cơ sở đảng"), ("UBND", "Ủy ban nhân dân")]
    for row, (short, full) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = short, full

    def bold(text: str, centred: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = True
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading("MỞ ĐẦU", 1)
    document.add_paragraph("Đề tài có ý nghĩa [1, tr. 5].")
    document.add_heading("CHƯƠNG 1", 1)
    document.add_heading("TỔNG QUAN TÌNH HÌNH NGHIÊN CỨU", 1)
    for number, text in (("1.1.", "Các công trình trong nước"), ("1.1.1.", "Về tổ chức cơ sở đảng")):
        bold(f"{number} {text}")
        document.add_paragraph("Nhiều công trình [1].")
    for number, text in (("1.1.2.", "Về chính quyền"), ("1.2.", "Các công trình nước ngoài")):
        bold(f"{number} {text}")
        document.add_paragraph("Nội dung [2].")
    document.add_heading("CHƯƠNG 2", 1)
    bold("CƠ SỞ LÝ LUẬN", centred=True)
    for number, text in (("2.1.", "Khái niệm"), ("2.2.", "Vai trò")):
        bold(f"{number} {text}")
        document.add_paragraph("Khái niệm [1, tr. 7].")
    heading = document.add_heading("", 1)
    heading.add_run("CHƯƠNG 3")
    heading.add_run().add_break()
    heading.add_run("GIẢI PHÁP")
    for number, text in (("3.1.", "Phương hướng"), ("3.2.", "Giải pháp")):
        document.add_heading(f"{number} {text}", 2)
        document.add_paragraph("Nội dung.")
    document.add_heading("KẾT LUẬN", 1)
    document.add_paragraph("Kết luận.")
    document.add_heading("TÀI LIỆU THAM KHẢO", 1)
    document.add_paragraph(
        "1. Nguyễn Văn An (2015), Công tác kiểm tra của Đảng ở cơ sở, Nxb Chính trị quốc gia, Hà Nội."
    )
    document.add_paragraph("2. Smith J. (2018), Local government in Asia, Routledge, London.")
    document.save(path)


def test_word_habits_import_as_chapters_and_headings(tmp_path):
    word_habits_docx(tmp_path / "python-docx.docx")
    sources = [tmp_path / "python-docx.docx", REPO / "tests" / "fixtures" / "import" / "shapes-libreoffice.docx"]
    for index, source in enumerate(sources):
        root = tmp_path / f"out{index}"
        result = run_luanan("import", str(source), "--into", str(root), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        chapters = {p.name: load_document(p, p) for p in sorted((root / "chapters").glob("*.md"))}
        titles = [(d.meta.get("chapter"), d.title) for d in chapters.values()]
        assert titles == [
            (None, "MỞ ĐẦU"),
            (1, "TỔNG QUAN TÌNH HÌNH NGHIÊN CỨU"),
            (2, "CƠ SỞ LÝ LUẬN"),
            (3, "GIẢI PHÁP"),
            (None, "KẾT LUẬN"),
        ], source.name
        one = chapters["02-chuong-1.md"].body
        assert "## 1.1. Các công trình trong nước" in one and "### 1.1.1. Về tổ chức cơ sở đảng" in one
        assert "### 1.1.2. Về chính quyền" in one and "## 1.2. Các công trình nước ngoài" in one
        assert "# TỔNG QUAN" not in one and "**1.1." not in one
        assert "## 2.1. Khái niệm" in chapters["03-chuong-2.md"].body
        assert "CƠ SỞ LÝ LUẬN" not in chapters["03-chuong-2.md"].body
        check = run_luanan("check", cwd=root)
        assert "H10" not in check.stdout, check.stdout
    build = run_luanan("build", "pdf", cwd=tmp_path / "out0")
    assert build.returncode == 0, build.stdout + build.stderr
    import pypdf

    text = " ".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "out0" / "build" / "thesis.pdf").pages)
    assert "DANH MỤC CHỮ VIẾT TẮT" in text and "DANH MỤC BẢNG" not in text  # the only table is the abbreviations
