"""Printed reference-list entries back into BibTeX (luanan.importing.references).

The round trip: the 32 printed entries of tests/fixtures/reference-list/expected.txt are parsed,
written as BibTeX and printed again by `luanan refs`; the list must come back as it was.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from luanan.bibliography.format import format_entry
from luanan.bibliography.languages import entry_language
from luanan.importing.references import (
    ParsedReference,
    bibtex_key,
    heading_language,
    parse_reference,
    to_bibtex,
)
from luanan.load.bibtex import load_bibtex

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "reference-list"
ENTRY = re.compile(r"^(\d+)\. (.+)$")


def expected_lines() -> list[tuple[str | None, int, str]]:
    """(language from the group heading, number, printed text) per entry of expected.txt."""
    rows, language = [], None
    for line in (FIXTURE / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        match = ENTRY.match(line)
        if match:
            rows.append((language, int(match[1]), match[2]))
        else:
            language = heading_language(line)
            assert language, f"not a group heading: {line!r}"
    return rows


def write_project(root: Path, bib: str) -> Path:
    (root / "chapters").mkdir(parents=True)
    (root / "bibliography").mkdir()
    (root / "thesis.yaml").write_text('title: "T"\n', encoding="utf-8")
    (root / "chapters" / "01.md").write_text("Một dòng văn bản.\n", encoding="utf-8")
    (root / "bibliography" / "references.bib").write_text(bib, encoding="utf-8")
    return root


def luanan_refs(root: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "luanan", "refs"], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- 1. round trip -------------------------------------------------------------------------------


def test_round_trip_of_the_fixture_list(tmp_path):
    rows = expected_lines()
    assert len(rows) == 32
    taken: set[str] = set()
    entries = []
    for language, number, text in rows:
        # "N. text" as the importer meets it: the printed number becomes `refnum`.
        parsed = parse_reference(f"{number}. {text}", language=language)
        assert parsed.complete, text
        assert parsed.fields["refnum"] == str(number)
        entries.append((bibtex_key(parsed, taken), parsed))
    printed = luanan_refs(write_project(tmp_path / "thesis", to_bibtex(entries)))

    got = {int(m[1]): m[2] for m in map(ENTRY.match, printed.splitlines()) if m}
    differing = [(n, text, got.get(n)) for _, n, text in rows if got.get(n) != text]
    report = "\n".join(f"{n}.\n  expected: {want}\n  printed:  {have}" for n, want, have in differing)
    assert len(rows) - len(differing) >= 30, report
    assert not differing, report  # all 32 come back today; a formatter change shows up here
    assert printed == (FIXTURE / "expected.txt").read_text(encoding="utf-8")  # group headings too


def test_round_trip_of_markdown_with_italics(tmp_path):
    """Pandoc Markdown (titles in `*…*`, escapes) as `format_entry` writes it: parsed, written and
    loaded again, every entry keeps its type and prints the same."""
    source = FIXTURE / "references.bib"
    originals, problems = load_bibtex(source, source)
    assert not problems and len(originals) == 32
    taken: set[str] = set()
    entries = []
    for entry in originals:
        markdown = format_entry(entry, entry_language(entry))
        parsed = parse_reference(markdown, language=entry.get("langid") or None)
        assert parsed.complete, markdown
        assert parsed.entry_type == entry.entry_type, markdown
        entries.append((bibtex_key(parsed, taken), parsed))
    path = tmp_path / "imported.bib"
    path.write_text(to_bibtex(entries), encoding="utf-8")
    loaded, problems = load_bibtex(path, path)
    assert not problems and len(loaded) == 32
    for original, again in zip(originals, loaded):
        assert format_entry(again, entry_language(again)) == format_entry(original, entry_language(original))


# --- 2. the shapes of spec §9.2 ------------------------------------------------------------------

SHAPES = [
    (
        "A",
        "Nguyễn Văn An (2015), *Công tác kiểm tra của Đảng ở cơ sở*, Nxb Chính trị quốc gia Sự thật, Hà Nội.",
        "book",
        {
            "author": "Nguyễn Văn An",
            "year": "2015",
            "title": "Công tác kiểm tra của Đảng ở cơ sở",
            "publisher": "Nxb Chính trị quốc gia Sự thật",
            "address": "Hà Nội",
            "langid": "vietnamese",
        },
    ),
    (
        "B",
        "Trần Thị Bình, Lê Văn Cường, Phạm Thu Hà (2018), *Xây dựng tổ chức cơ sở đảng vững mạnh*, "
        "Nxb Lý luận chính trị, Hà Nội.",
        "book",
        {"author": "Trần Thị Bình and Lê Văn Cường and Phạm Thu Hà", "publisher": "Nxb Lý luận chính trị"},
    ),
    (
        "C",
        "Phạm Minh Đức (chủ biên) (2019), *Lịch sử Đảng bộ tỉnh … (2000-2015)*, Nxb Khoa học xã hội, Hà Nội.",
        "book",
        {"editor": "Phạm Minh Đức", "year": "2019", "title": "Lịch sử Đảng bộ tỉnh … (2000-2015)"},
    ),
    (
        "D",
        "Hồ Chí Minh (2011), *Toàn tập*, t.12, Nxb Chính trị quốc gia, Hà Nội.",
        "book",
        {"author": "Hồ Chí Minh", "title": "Toàn tập", "volume": "12", "publisher": "Nxb Chính trị quốc gia"},
    ),
    (
        "D2",
        "C.Mác và Ph.Ăngghen (1995), *Toàn tập*, t.4, Nxb Chính trị quốc gia, Hà Nội.",
        "book",
        {"author": "C.Mác and Ph.Ăngghen", "volume": "4", "address": "Hà Nội"},
    ),
    (
        "E",
        'Lê Thị Hoa (2021), "Nâng cao chất lượng sinh hoạt chi bộ ở nông thôn", *Tạp chí Xây dựng Đảng*, (5), '
        "tr. 23-26.",
        "article",
        {
            "title": "Nâng cao chất lượng sinh hoạt chi bộ ở nông thôn",
            "journal": "Tạp chí Xây dựng Đảng",
            "number": "5",
            "pages": "23--26",
        },
    ),
    (
        "E2",
        "Lê Thị Hoa (2021), “Gen và môi trường”, *Di truyền học ứng dụng*, 98(1), tr. 10-16.",
        "article",
        {"journal": "Di truyền học ứng dụng", "volume": "98", "number": "1", "pages": "10--16"},
    ),
    (
        "E3",
        "Lê Thị Hoa (2021), “Sinh hoạt chi bộ”, Tạp chí Xây dựng Đảng, số 5, tr. 23-26.",
        "article",
        {"journal": "Tạp chí Xây dựng Đảng", "number": "5", "pages": "23--26"},
    ),
    (
        "F",
        'Vũ Văn Dũng (2017), "Đổi mới phương thức lãnh đạo của cấp ủy huyện", trong: Phạm Minh Đức (chủ biên), '
        "*Một số vấn đề về xây dựng Đảng ở địa phương*, Nxb Chính trị quốc gia, Hà Nội, tr. 101-125.",
        "incollection",
        {
            "author": "Vũ Văn Dũng",
            "editor": "Phạm Minh Đức",
            "booktitle": "Một số vấn đề về xây dựng Đảng ở địa phương",
            "publisher": "Nxb Chính trị quốc gia",
            "address": "Hà Nội",
            "pages": "101--125",
        },
    ),
    (
        "F2",
        'Vũ Văn Dũng (2017), "Cấp ủy huyện", trong: *Kỷ yếu Hội thảo khoa học "Xây dựng Đảng"*, '
        "Học viện Chính trị khu vực I, Hà Nội, tr. 45-52.",
        "inproceedings",
        {
            "booktitle": 'Kỷ yếu Hội thảo khoa học "Xây dựng Đảng"',
            "publisher": "Học viện Chính trị khu vực I",
            "address": "Hà Nội",
            "pages": "45--52",
        },
    ),
    (
        "G",
        "Vũ Thị Lan (2019), *Đảng bộ tỉnh … lãnh đạo công tác kiểm tra, giám sát từ năm 2010 đến năm 2020*, "
        "Luận án tiến sĩ Lịch sử, Học viện Chính trị quốc gia Hồ Chí Minh, Hà Nội.",
        "phdthesis",
        {
            "title": "Đảng bộ tỉnh … lãnh đạo công tác kiểm tra, giám sát từ năm 2010 đến năm 2020",
            "type": "Luận án tiến sĩ Lịch sử",
            "school": "Học viện Chính trị quốc gia Hồ Chí Minh",
            "address": "Hà Nội",
        },
    ),
    (
        "G2",
        "Nguyễn Hữu Hùng (2016), Công tác dân vận, Luận văn thạc sĩ Lịch sử, "
        "Trường Đại học Khoa học Xã hội và Nhân văn, Hà Nội.",
        "mastersthesis",
        {
            "title": "Công tác dân vận",
            "type": "Luận văn thạc sĩ Lịch sử",
            "school": "Trường Đại học Khoa học Xã hội và Nhân văn",
        },
    ),
    (
        "H",
        "Đảng Cộng sản Việt Nam (2016), *Văn kiện Đại hội đại biểu toàn quốc lần thứ XII*, "
        "Văn phòng Trung ương Đảng, Hà Nội.",
        "book",
        {"author": "{Đảng Cộng sản Việt Nam}", "publisher": "Văn phòng Trung ương Đảng", "address": "Hà Nội"},
    ),
    (
        "H2",
        "Đảng bộ tỉnh Thanh Hóa (2015), *Văn kiện Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII*, Thanh Hóa.",
        "misc",
        {"author": "{Đảng bộ tỉnh Thanh Hóa}", "address": "Thanh Hóa"},
    ),
    (
        "I",
        "Tỉnh ủy Thanh Hóa (2010), *Quy chế số 01-QC/TU, ngày 16/12/2010 về chế độ làm việc*, Thanh Hóa.",
        "misc",
        {
            "author": "{Tỉnh ủy Thanh Hóa}",
            "title": "Quy chế số 01-QC/TU, ngày 16/12/2010 về chế độ làm việc",
            "address": "Thanh Hóa",
        },
    ),
    (
        "I2",
        "Ban Thường vụ Tỉnh ủy Thanh Hóa (2013), Quyết định số 1089-QĐ/TU, ngày 19/8/2013 về công tác cán bộ, "
        "Lưu tại Văn phòng Tỉnh ủy Thanh Hóa.",
        "misc",
        {
            "author": "{Ban Thường vụ Tỉnh ủy Thanh Hóa}",
            "title": "Quyết định số 1089-QĐ/TU, ngày 19/8/2013 về công tác cán bộ",
            "howpublished": "Lưu tại Văn phòng Tỉnh ủy Thanh Hóa",
        },
    ),
    (
        "I3",
        "Bộ Giáo dục và Đào tạo (2021), *Thông tư số 18/2021/TT-BGDĐT ngày 28/6/2021 ban hành Quy chế tuyển sinh "
        "và đào tạo trình độ tiến sĩ*, Hà Nội.",
        "misc",
        {"author": "{Bộ Giáo dục và Đào tạo}", "year": "2021", "address": "Hà Nội"},
    ),
    (
        "I4",
        "Ban Bí thư (2011), Chỉ thị số 10-CT/TW, ngày 5/12/2011 về phổ cập giáo dục, Hà Nội.",
        "misc",
        {"author": "{Ban Bí thư}", "title": "Chỉ thị số 10-CT/TW, ngày 5/12/2011 về phổ cập giáo dục"},
    ),
    (
        "J",
        "Ủy ban nhân dân tỉnh Thanh Hóa (1998), *Báo cáo số 12/BC-UBND về công tác cán bộ*, Phông UBND tỉnh, "
        "Hồ sơ số 125, Trung tâm Lưu trữ lịch sử tỉnh Thanh Hóa.",
        "archive",
        {
            "author": "{Ủy ban nhân dân tỉnh Thanh Hóa}",
            "title": "Báo cáo số 12/BC-UBND về công tác cán bộ",
            "x-fonds": "UBND tỉnh",
            "x-file": "125",
            "x-repository": "Trung tâm Lưu trữ lịch sử tỉnh Thanh Hóa",
        },
    ),
    (
        "K",
        'Nguyễn Văn Hải (2022), "Đổi mới công tác kiểm tra", *Báo điện tử Đảng Cộng sản Việt Nam*, '
        "https://dangcongsan.vn/bai-viet, truy cập ngày 12/5/2023.",
        "online",
        {
            "journaltitle": "Báo điện tử Đảng Cộng sản Việt Nam",
            "url": "https://dangcongsan.vn/bai-viet",
            "urldate": "2023-05-12",
        },
    ),
    (
        "L",
        "Trần Minh (2020), “Sinh hoạt chi bộ ở vùng cao”, *Báo Nhân Dân*, số 23456, ngày 3/2/2020, tr. 3.",
        "article",
        {"entrysubtype": "newspaper", "journal": "Báo Nhân Dân", "number": "23456", "date": "2020-02-03", "pages": "3"},
    ),
    (
        "M",
        "Smith J. A. (2010), *Title of the Book*, Publisher, London.",
        "book",
        {"author": "Smith, J. A.", "publisher": "Publisher", "address": "London", "langid": "english"},
    ),
    (
        "M2",
        'Smith J. A. and R. B. Jones (2012), "Title of the article", *Journal Name*, 12(3), pp. 45-67.',
        "article",
        {"author": "Smith, J. A. and Jones, R. B.", "volume": "12", "number": "3", "pages": "45--67"},
    ),
    (
        "M3",
        "Smith J. A., R. B. Jones and T. Lee (2015), “Parties”, *Journal Name*, 12(3), pp. 45-67.",
        "article",
        {"author": "Smith, J. A. and Jones, R. B. and Lee, T."},
    ),
    (
        "M4",
        "FAO (2011), *The State of Food and Agriculture*, Vol. II, Rome.",
        "book",
        {"author": "{FAO}", "volume": "II", "address": "Rome", "langid": "english"},
    ),
    (
        "M5",
        "Anderson, J.E. (1985), *Public Policy Making*, Praeger, New York.",
        "book",
        {"author": "Anderson, J.E.", "publisher": "Praeger", "address": "New York"},
    ),
    (
        "N",
        "V.I.Lênin (2005), *Toàn tập*, t.1, Nxb Chính trị quốc gia, Hà Nội.",
        "book",
        {"author": "V.I.Lênin", "volume": "1", "langid": "vietnamese"},
    ),
]


@pytest.mark.parametrize("label, text, entry_type, expected", SHAPES, ids=[s[0] for s in SHAPES])
def test_shapes_of_section_9_2(label, text, entry_type, expected):
    for variant in (text, text.replace("*", "")):  # with and without pandoc's italics
        parsed = parse_reference(variant)
        assert parsed.complete, variant
        assert parsed.entry_type == entry_type, variant
        for name, value in expected.items():
            assert parsed.fields.get(name) == value, (variant, name, parsed.fields)


@pytest.mark.parametrize(
    "text, number",
    [
        ("157. Nguyễn Văn An (2015), *Công tác kiểm tra*, Nxb Chính trị quốc gia, Hà Nội.", "157"),
        ("[157] Nguyễn Văn An (2015), *Công tác kiểm tra*, Nxb Chính trị quốc gia, Hà Nội.", "157"),
        ("157\\. Nguyễn Văn An (2015), *Công tác kiểm tra*, Nxb Chính trị quốc gia, Hà Nội.", "157"),
    ],
)
def test_printed_number_becomes_refnum(text, number):
    parsed = parse_reference(text)
    assert parsed.complete and parsed.fields["refnum"] == number
    assert parsed.fields["author"] == "Nguyễn Văn An"
    assert parse_reference(text, number=3).fields["refnum"] == "3"  # a given number wins


def test_language():
    assert parse_reference("Smith J. (2010), *Policy*, Praeger, New York.").fields["langid"] == "english"
    assert parse_reference("Lê An (2010), *Chính sách*, Nxb Trẻ, Hà Nội.").fields["langid"] == "vietnamese"
    assert (
        parse_reference("Dupont M. (2008), *L'histoire*, Gallimard, Paris.", language="french").fields["langid"]
        == "french"
    )
    assert heading_language("Tiếng Việt") == "vietnamese"
    assert heading_language("B. TÀI LIỆU TIẾNG ANH") == "english"
    assert heading_language("Lê An (2010), Chính sách, Hà Nội.") is None


def test_old_tone_placement_and_the_and_inside_an_organisation():
    parsed = parse_reference("Tỉnh uỷ Thanh Hoá (2010), Quy chế số 01-QC/TU, Thanh Hoá.")
    assert parsed.entry_type == "misc" and parsed.fields["author"] == "{Tỉnh uỷ Thanh Hoá}"
    parsed = parse_reference("Bộ Giáo dục và Đào tạo, Bộ Tài chính (2015), Thông tư liên tịch số 1, Hà Nội.")
    assert parsed.fields["author"] == "{Bộ Giáo dục và Đào tạo} and {Bộ Tài chính}"
    person = parse_reference("Trường Chinh (1975), *Kháng chiến*, Nxb Sự thật, Hà Nội.")
    assert person.fields["author"] == "Trường Chinh"  # a pen name, not a school


# --- 3. what cannot be parsed is kept --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tài liệu lạ không rõ định dạng",
        "12. Tài liệu lạ không rõ định dạng",
        "Nguyễn Văn An (2015), “Bài báo không có tạp chí”.",
        "Nguyễn Văn An (2015), “Bài báo”, *Tạp chí Cộng sản*, (5), tr. 3, chuyện gì đó lạ.",
    ],
)
def test_unparseable_entry_is_kept_as_printed(text):
    parsed = parse_reference(text)
    assert parsed.complete is False
    assert parsed.entry_type == "misc"
    raw = re.sub(r"^\d+\. ", "", text)
    assert parsed.fields["note"] == f"Imported as printed; could not be parsed: {raw}"
    assert parsed.fields["title"] == raw.replace("*", "")
    assert "author" not in parsed.fields


# --- 4. keys and BibTeX text ---------------------------------------------------------------------


def test_keys():
    taken: set[str] = set()
    an = parse_reference("Nguyễn Văn An (2015), *Công tác kiểm tra*, Nxb Chính trị quốc gia, Hà Nội.")
    org = parse_reference("Tỉnh ủy Thanh Hóa (2010), *Quy chế số 01-QC/TU*, Thanh Hóa.")
    smith = parse_reference("Smith J. A. and R. B. Jones (2012), “Title”, *Journal*, 12(3), pp. 45-67.")
    ivanov = parse_reference("Иванов И. (2001), *История*, Наука, Москва.")
    odd = parse_reference("Tài liệu lạ không rõ định dạng")
    keys = [bibtex_key(p, taken) for p in (an, an, an, org, smith, ivanov, odd)]
    assert keys == [
        "annguyen2015",
        "annguyen2015a",
        "annguyen2015b",
        "tinhuythanhhoa2010",
        "smith2012",
        "ivanov2001",
        "tailieula",
    ]
    assert taken == set(keys)
    assert bibtex_key(an, {"annguyen2015"}) == "annguyen2015a"
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in keys)


def test_bibtex_text_order_and_braces(tmp_path):
    weird = ParsedReference(
        "book",
        {
            "title": "Về {dấu ngoặc} và } một dấu lẻ { 50% \\ hết",
            "year": "2020",
            "publisher": "Nxb {Trẻ}",
            "address": "Hà Nội",
            "author": "Lê An",
            "refnum": "2",
            "langid": "vietnamese",
        },
    )
    org = parse_reference(
        "1. Tỉnh ủy Thanh Hóa (2010), *Quy chế số 01-QC/TU, ngày 16/12/2010 về chế độ làm việc*, Thanh Hóa."
    )
    text = to_bibtex([("tinhuy2010", org), ("anle2020", weird)])
    assert "\n\n@book{anle2020," in text and "\n\n\n" not in text and text.endswith("}\n")
    names = [line.split("=")[0].strip() for line in text.split("@book")[1].splitlines()[1:-1]]
    assert names == ["refnum", "langid", "author", "year", "title", "address", "publisher"]
    assert "  author = {{Tỉnh ủy Thanh Hóa}}," in text
    for line in (line for line in text.splitlines() if line.startswith("  ")):
        count = line.replace("\\{", "{").replace("\\}", "}")
        assert count.count("{") == count.count("}"), line  # BibTeX counts every brace
    path = tmp_path / "out.bib"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_bibtex(path, path)
    assert not problems
    by_key = {entry.key: entry for entry in loaded}
    assert by_key["tinhuy2010"].corporate_author and by_key["tinhuy2010"].get("author") == "Tỉnh ủy Thanh Hóa"
    # paired braces come back as text; the two without a partner are dropped
    assert by_key["anle2020"].get("title") == "Về {dấu ngoặc} và một dấu lẻ 50% \\ hết"
    assert by_key["anle2020"].get("publisher") == "Nxb {Trẻ}"
    assert to_bibtex([]) == ""
