"""The reference list as `luanan refs` prints it: each entry type's text, the labels of both
languages, the group headings and the order of the list (spec §9.2, §10.3), for sources written
here. The tests run luanan in-process so that `make mutate` (tests/mutation.toml) sees its
mutants of bibliography/format.py, reference_list.py, sorting.py and vietnamese/collation.py."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import make_project
from luanan.cli import main


def refs(tmp_path: Path, capsys, bib: str, *options: str) -> str:
    root = make_project(tmp_path, {"01.md": "Không trích dẫn.\n"}, bib, config='title: "T"\nchecks: {C110: off}\n')
    capsys.readouterr()
    assert main(["--project", str(root), "refs", *options]) == 0
    return capsys.readouterr().out


VIETNAMESE = r"""
@book{sach, author = {Lê Văn An and Trần Thị Bình and others}, title = {Kinh tế học}, subtitle = {Nhập môn},
  edition = {3}, publisher = {Nxb Trẻ}, address = {Hà Nội}, year = {2015}, volume = {2}}
@book{sach2, author = {Lê Văn An}, title = {Kinh tế học?}, subtitle = {Phần hai}, edition = {second},
  translator = {Phạm Văn Dịch}, publisher = {Nxb Trẻ}, year = {2016}}
@book{toantap, author = {Hồ Chí Minh}, maintitle = {Toàn tập}, title = {Bài viết}, volume = {5},
  publisher = {Nxb Chính trị quốc gia}, address = {Hà Nội}, year = {2011}, edition = {Tái bản}}
@article{baibao, author = {Nguyễn Văn Cường}, title = {Chất lượng chi bộ}, journal = {Tạp chí Xây dựng Đảng},
  volume = {12}, number = {5}, pages = {23–26}, year = {2021}}
@article{motrang, author = {Nguyễn Văn Cường}, title = {Một trang}, journaltitle = {Tạp chí Cộng sản}, issue = {7},
  pages = {5--5}, year = {2020}}
@article{baiso, author = {Đỗ Văn Hải}, title = {Bài số}, journal = {Tạp chí Khoa học}, eid = {125078}, year = {2022}}
@article{bao, entrysubtype = {newspaper}, author = {Vũ Văn Dũng}, title = {Tin tức}, journal = {Báo Nhân Dân},
  number = {24512}, date = {2023-05-12}, year = {2023}, pages = {3}}
@incollection{chuong, author = {Phan Văn Giáp}, title = {Một chương}, booktitle = {Tuyển tập hội thảo},
  editor = {Lê Văn Sơn}, volume = {2}, publisher = {Nxb Giáo dục}, address = {Hà Nội}, pages = {10--20}, year = {2019}}
@inproceedings{hoithao, author = {Phan Văn Giáp}, title = {Báo cáo hội thảo}, booktitle = {Kỷ yếu hội thảo},
  editor = {Lê Văn Sơn and Trần Văn Tâm}, organization = {Học viện Chính trị}, location = {Hà Nội}, year = {2018}}
@phdthesis{luanan, author = {Bùi Thị Hằng}, title = {Luận án về Đảng}, school = {Học viện Chính trị quốc gia Hồ Chí Minh},
  address = {Hà Nội}, year = {2017}}
@thesis{luanvan, author = {Bùi Thị Hằng}, title = {Luận văn về chi bộ}, type = {mastersthesis}, school = {Đại học Quốc gia},
  year = {2012}}
@thesis{khoaluan, author = {Bùi Thị Hằng}, title = {Khóa luận tốt nghiệp}, type = {Khóa luận cử nhân},
  school = {Đại học Quốc gia}, year = {2010}}
@misc{nghidinh, author = {{Chính phủ}}, type = {Nghị định}, number = {30/2020/NĐ-CP}, date = {2020-03-05},
  title = {Công tác văn thư}, year = {2020}, address = {Hà Nội}}
@misc{quyche, author = {{Tỉnh ủy Thanh Hóa}}, type = {Quy chế}, number = {01-QC/TU}, date = {2010-12-16},
  title = {Về làm việc của Tỉnh ủy}, year = {2010}, address = {Thanh Hóa}}
@misc{chithi, author = {{Ban Bí thư}}, type = {Chỉ thị}, number = {10-CT/TW}, date = {2011-01-04}, year = {2011}}
@online{trang, author = {Lý Văn Quang}, title = {Trang thông tin}, url = {https://example.org/a}, urldate = {2024-01-05},
  pages = {3--4}, year = {2024}}
@online{cong, organization = {Cổng thông tin Chính phủ}, title = {Tin về hội nghị}, url = {https://chinhphu.vn/x},
  note = {Truy cập ngày 2024-02-03}, year = {2024}}
@misc{khongtacgia, title = {Đề cương bài giảng}, year = {2009}, howpublished = {Tài liệu lưu hành nội bộ}}
@book{khongnam, author = {Lý Văn Quang}, title = {Sách không năm}, publisher = {Nxb Trẻ}, note = {Bản in lần đầu}}
@misc{luutru, author = {{Ủy ban nhân dân tỉnh Thanh Hóa}}, title = {Hồ sơ về đê điều}, x-fonds = {UBND},
  x-inventory = {3}, x-file = {125}, x-repository = {Trung tâm Lưu trữ quốc gia III}, year = {1995}}
@techreport{baocao, author = {Mai Văn Tú}, title = {Báo cáo tổng kết}, type = {Báo cáo}, number = {12/BC},
  institution = {Viện Kinh tế}, year = {2014}, url = {https://example.vn/bc}}
@book{biensoan, editor = {Đào Văn Biên}, title = {Sách do chủ biên}, publisher = {Nxb Trẻ}, year = {2013}}
@book{biensoan2, editor = {Đào Văn Biên and Ngô Thị Hạnh}, title = {Sách hai chủ biên}, publisher = {Nxb Trẻ}, year = {2014}}
"""

# Written from spec §9.2 (Vietnamese labels, `tr.`, `t.2`, `chủ biên`, a one-page article as
# `tr. 5`, an en dash as `-`, no pages on a web page) and §10.3 (by given name, D before Đ; the
# undated work after the dated ones of its author). A single-language list has no heading.
VIETNAMESE_LIST = """\
1. Lê Văn An (2016), Kinh tế học? Phần hai, xuất bản lần thứ 2, Phạm Văn Dịch dịch, Nxb Trẻ.
2. Lê Văn An, Trần Thị Bình và cộng sự (2015), Kinh tế học: Nhập môn, t.2, xuất bản lần thứ 3, Nxb Trẻ, Hà Nội.
3. Ban Bí thư (2011), Chỉ thị số 10-CT/TW ngày 04/01/2011.
4. Đào Văn Biên (chủ biên) (2013), Sách do chủ biên, Nxb Trẻ.
5. Đào Văn Biên, Ngô Thị Hạnh (chủ biên) (2014), Sách hai chủ biên, Nxb Trẻ.
6. Chính phủ (2020), Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Hà Nội.
7. Cổng thông tin Chính phủ (2024), “Tin về hội nghị”, https://chinhphu.vn/x, truy cập ngày 3/2/2024.
8. Nguyễn Văn Cường (2020), “Một trang”, Tạp chí Cộng sản, (7), tr. 5.
9. Nguyễn Văn Cường (2021), “Chất lượng chi bộ”, Tạp chí Xây dựng Đảng, 12(5), tr. 23-26.
10. Vũ Văn Dũng (2023), “Tin tức”, Báo Nhân Dân, số 24512, ngày 12/5/2023, tr. 3.
11. Đề cương bài giảng (2009), Tài liệu lưu hành nội bộ.
12. Phan Văn Giáp (2018), “Báo cáo hội thảo”, trong: Lê Văn Sơn, Trần Văn Tâm (chủ biên), Kỷ yếu hội thảo, \
Học viện Chính trị, Hà Nội.
13. Phan Văn Giáp (2019), “Một chương”, trong: Lê Văn Sơn (chủ biên), Tuyển tập hội thảo, t.2, Nxb Giáo dục, Hà Nội, \
tr. 10-20.
14. Đỗ Văn Hải (2022), “Bài số”, Tạp chí Khoa học, bài số 125078.
15. Bùi Thị Hằng (2010), Khóa luận tốt nghiệp, Khóa luận cử nhân, Đại học Quốc gia.
16. Bùi Thị Hằng (2012), Luận văn về chi bộ, Luận văn thạc sĩ, Đại học Quốc gia.
17. Bùi Thị Hằng (2017), Luận án về Đảng, Luận án tiến sĩ, Học viện Chính trị quốc gia Hồ Chí Minh, Hà Nội.
18. Hồ Chí Minh (2011), Toàn tập, t.5, Bài viết, Tái bản, Nxb Chính trị quốc gia, Hà Nội.
19. Lý Văn Quang (2024), “Trang thông tin”, https://example.org/a, truy cập ngày 5/1/2024.
20. Lý Văn Quang, Sách không năm, Nxb Trẻ, Bản in lần đầu.
21. Tỉnh ủy Thanh Hóa (2010), Quy chế số 01-QC/TU ngày 16/12/2010 về làm việc của Tỉnh ủy, Thanh Hóa.
22. Mai Văn Tú (2014), Báo cáo số 12/BC về báo cáo tổng kết, Viện Kinh tế, https://example.vn/bc.
23. Ủy ban nhân dân tỉnh Thanh Hóa (1995), Hồ sơ về đê điều, Phông UBND, Mục lục số 3, Hồ sơ số 125, \
Trung tâm Lưu trữ quốc gia III.
"""


def test_vietnamese_list_every_type(tmp_path, capsys):
    assert refs(tmp_path, capsys, VIETNAMESE) == VIETNAMESE_LIST


ENGLISH = r"""
@book{smith, author = {Smith, John A. and Jones, R. B.}, title = {Economics}, edition = {2}, publisher = {Wiley},
  address = {New York}, year = {2012}}
@book{three, author = {Brown, Anne and Clark, Bob and Davis, Carl}, title = {Three Authors}, edition = {11th},
  publisher = {Wiley}, year = {2010}}
@book{etal, author = {Evans, Dan and others}, title = {With Others}, edition = {third}, translator = {Ford, Gina},
  publisher = {Penguin}, year = {2005}}
@book{vol, author = {Grant, Hugh}, title = {Volumes}, volume = {3}, edition = {21}, publisher = {MIT Press}, year = {2003}}
@article{art, author = {Hall, Ivy}, title = {An Article}, journal = {Journal of Things}, volume = {12}, number = {3},
  pages = {45--67}, year = {2019}}
@article{one, author = {Hall, Ivy}, title = {One Page}, journal = {Journal of Things}, pages = {19}, year = {2018}}
@article{artno, author = {Hall, Ivy}, title = {Numbered}, journal = {Journal of Things}, pages = {e1234x}, year = {2020}}
@incollection{part, author = {King, Jack}, title = {A Chapter}, booktitle = {The Handbook}, editor = {Lee, Kim},
  pages = {1--9}, publisher = {Springer}, year = {2016}}
@incollection{part2, author = {King, Jack}, title = {B Chapter}, booktitle = {The Handbook},
  editor = {Lee, Kim and Moore, Liam}, publisher = {Springer}, year = {2017}}
@phdthesis{phd, author = {Nash, Mary}, title = {A Thesis}, school = {MIT}, year = {2001}}
@thesis{ma, author = {Nash, Mary}, title = {B Thesis}, type = {Master's thesis}, school = {MIT}, year = {1999}}
@thesis{th, author = {Nash, Mary}, title = {C Thesis}, school = {MIT}, year = {1998}}
@newspaper{news, author = {Owen, Paul}, title = {News Story}, journal = {The Times}, number = {12}, date = {2020-01-02}}
@online{web, author = {Price, Quinn}, title = {A Web Page}, url = {https://example.com}, note = {accessed 2021-03-04},
  year = {2021}}
@book{eds, editor = {Reed, Sam}, title = {Edited Book}, publisher = {Wiley}, year = {2000}}
@book{jr, author = {Reagle, Jr., Joseph M.}, title = {Good Faith}, publisher = {MIT Press}, year = {2010}}
@book{von, author = {de Paula, Rogério and Zola, Émile}, title = {Von Book}, publisher = {Wiley}, year = {2011}}
@report{rep, author = {Scott, Tom}, title = {Report}, type = {Technical Report}, number = {TR-7}, institution = {NASA},
  year = {2008}}
@misc{legal, author = {{United Nations}}, title = {Charter}, type = {Resolution}, number = {12}, year = {1945},
  langid = {english}}
"""

# §9.2 in English: `pp.`/`p.`, `(ed.)`/`(eds.)`, `in:`, `et al.`, ordinal editions, the first
# author inverted (`Smith J. A.`), the others not (`R. B. Jones`).
ENGLISH_LIST = """\
1. Brown A., B. Clark and C. Davis (2010), Three Authors, 11th ed., Wiley.
2. Evans D. et al. (2005), With Others, 3rd ed., trans. Gina Ford, Penguin.
3. Grant H. (2003), Volumes, Vol. 3, 21st ed., MIT Press.
4. Hall I. (2018), “One Page”, Journal of Things, p. 19.
5. Hall I. (2019), “An Article”, Journal of Things, 12(3), pp. 45-67.
6. Hall I. (2020), “Numbered”, Journal of Things, Art. no. e1234x.
7. King J. (2016), “A Chapter”, in: K. Lee (ed.), The Handbook, Springer, pp. 1-9.
8. King J. (2017), “B Chapter”, in: K. Lee and L. Moore (eds.), The Handbook, Springer.
9. Nash M. (1998), C Thesis, Thesis, MIT.
10. Nash M. (1999), B Thesis, Master's thesis, MIT.
11. Nash M. (2001), A Thesis, PhD thesis, MIT.
12. Owen P. (2020), “News Story”, The Times, no. 12, 2/1/2020.
13. de Paula R. and É. Zola (2011), Von Book, Wiley.
14. Price Q. (2021), “A Web Page”, https://example.com, accessed 4/3/2021.
15. Reagle J. M., Jr. (2010), Good Faith, MIT Press.
16. Reed S. (ed.) (2000), Edited Book, Wiley.
17. Scott T. (2008), Report, Technical Report TR-7, NASA.
18. Smith J. A. and R. B. Jones (2012), Economics, 2nd ed., Wiley, New York.
19. United Nations (1945), Charter.
"""


def test_english_list_every_type(tmp_path, capsys):
    assert refs(tmp_path, capsys, ENGLISH) == ENGLISH_LIST


MIXED = r"""
@book{en1, author = {Smith, John}, title = {Economics}, publisher = {Wiley}, year = {2001}}
@book{vi1, author = {Lê Văn An}, title = {Kinh tế học}, publisher = {Nxb Trẻ}, year = {2015}}
@book{x1, author = {Qapla, Worf}, title = {Klingon Grammar}, langid = {klingon}, publisher = {Qo'noS}, year = {2000}}
@book{fr1, author = {Zola, Émile}, title = {Germinal}, langid = {french}, publisher = {Charpentier}, year = {1885}}
@book{nt, author = {Lê Văn An}, title = {Sách}}
"""


def test_groups_get_headings_an_unknown_language_the_other_heading(tmp_path, capsys):
    assert refs(tmp_path, capsys, MIXED) == (
        "Tiếng Việt\n"
        "1. Lê Văn An (2015), Kinh tế học, Nxb Trẻ.\n"
        "2. Lê Văn An, Sách.\n"
        "\nTiếng Anh\n"
        "3. Smith J. (2001), Economics, Wiley.\n"
        "\nTiếng Pháp\n"
        "4. Zola É. (1885), Germinal, Charpentier.\n"
        "\nTài liệu tiếng nước ngoài khác\n"
        "5. Qapla W. (2000), Klingon Grammar, Qo'noS.\n"
    )


def test_markdown_italic_titles_a_period_after_an_italic_end(tmp_path, capsys):
    assert refs(tmp_path, capsys, MIXED, "--format", "markdown") == (
        "## Tiếng Việt {.unnumbered .unlisted}\n\n"
        "[1.]{#ref-1} Lê Văn An (2015), *Kinh tế học*, Nxb Trẻ.\n\n"
        "[2.]{#ref-2} Lê Văn An, *Sách*.\n\n"
        "## Tiếng Anh {.unnumbered .unlisted}\n\n"
        "[3.]{#ref-3} Smith J. (2001), *Economics*, Wiley.\n\n"
        "## Tiếng Pháp {.unnumbered .unlisted}\n\n"
        "[4.]{#ref-4} Zola É. (1885), *Germinal*, Charpentier.\n\n"
        "## Tài liệu tiếng nước ngoài khác {.unnumbered .unlisted}\n\n"
        "[5.]{#ref-5} Qapla W. (2000), *Klingon Grammar*, Qo'noS.\n"
    )


def test_one_language_no_heading_in_markdown_and_an_empty_list(tmp_path, capsys):
    bib = "@book{a, author = {Lê Văn An}, title = {Sách [mới] *đẹp*}, publisher = {Nxb_Trẻ}}\n"
    assert refs(tmp_path, capsys, bib, "--format", "markdown") == (
        "[1.]{#ref-1} Lê Văn An, *Sách \\[mới\\] \\*đẹp\\**, Nxb\\_Trẻ.\n"
    )
    assert refs(tmp_path / "empty", capsys, "") == ""


def test_citation_order_lists_have_no_headings(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {"01.md": "Xem [@en1] và [@vi1].\n"},
        MIXED,
        config='title: "T"\nchecks: {C110: off}\nprofile_overrides:\n  bibliography: {numbering: citation-order}\n',
    )
    capsys.readouterr()
    assert main(["--project", str(root), "refs"]) == 0
    out = capsys.readouterr().out
    assert "Tiếng" not in out and out.startswith("1. Smith J. (2001), Economics, Wiley.\n")


# Vietnamese writing in English: `ự ỳ ỵ ỷ ỹ` are Vietnamese letters, so these names (and their
# entries) stay Vietnamese; `Lê Ba` has none and is filed as a foreign name.
VIETNAMESE_LETTERS = r"""
@book{ky, author = {Lê Kỳ}, title = {On Rice}, publisher = {Wiley}, year = {2001}}
@book{my, author = {Lê Mỹ}, title = {On Tea}, publisher = {Wiley}, year = {2002}}
@book{thuy, author = {Lê Thuỷ}, title = {On Water}, publisher = {Wiley}, year = {2003}}
@book{my2, author = {Lê Mỵ}, title = {On Silk}, publisher = {Wiley}, year = {2004}}
@book{cu, author = {Lê Cự}, title = {On Iron}, publisher = {Wiley}, year = {2005}}
@book{le, author = {Lê Ba}, title = {On Boats}, publisher = {Wiley}, year = {2006}}
"""


def test_last_vietnamese_letters_keep_a_name_vietnamese(tmp_path, capsys):
    assert refs(tmp_path, capsys, VIETNAMESE_LETTERS) == (
        "Tiếng Việt\n"
        "1. Lê Cự (2005), On Iron, Wiley.\n"
        "2. Lê Kỳ (2001), On Rice, Wiley.\n"
        "3. Lê Mỹ (2002), On Tea, Wiley.\n"
        "4. Lê Mỵ (2004), On Silk, Wiley.\n"
        "5. Lê Thuỷ (2003), On Water, Wiley.\n"
        "\nTiếng Anh\n"
        "6. Ba L. (2006), On Boats, Wiley.\n"
    )


# Text converted from TCVN3/VNI: `Ð` (U+00D0), `ð`, `Ɖ` (U+0189) and `ɖ` are filed as Đ/đ, with
# their case (lower before upper when all else is equal, spec §10.3 step 3 compares the words
# lower-cased first); ties of equal keys keep the input order.
LOOKALIKES = r"""
@misc{e, title = {Em bé}, year = {2001}, howpublished = {Tài liệu}}
@misc{u1, title = {Ðổi mới chính trị}, year = {2005}, howpublished = {Tài liệu}}
@misc{l1, title = {đổi mới chính trị}, year = {2005}, howpublished = {Tài liệu}}
@misc{k, title = {ðổi mới kinh tế}, year = {2002}, howpublished = {Tài liệu}}
@misc{u2, title = {Đổi mới văn hóa}, year = {2006}, howpublished = {Tài liệu}}
@misc{l2, title = {ɖổi mới văn hóa}, year = {2006}, howpublished = {Tài liệu}}
@misc{u3, title = {Ɖảng viên}, year = {2007}, howpublished = {Tài liệu}}
@misc{l3, title = {đảng viên}, year = {2007}, howpublished = {Tài liệu}}
@misc{d, title = {Dân chủ cơ sở}, year = {2003}, howpublished = {Tài liệu}}
"""


def test_d_lookalikes_are_filed_as_dj(tmp_path, capsys):
    assert refs(tmp_path, capsys, LOOKALIKES) == (
        "1. Dân chủ cơ sở (2003), Tài liệu.\n"
        "2. đảng viên (2007), Tài liệu.\n"
        "3. Ɖảng viên (2007), Tài liệu.\n"
        "4. đổi mới chính trị (2005), Tài liệu.\n"
        "5. Ðổi mới chính trị (2005), Tài liệu.\n"
        "6. ðổi mới kinh tế (2002), Tài liệu.\n"
        "7. ɖổi mới văn hóa (2006), Tài liệu.\n"
        "8. Đổi mới văn hóa (2006), Tài liệu.\n"
        "9. Em bé (2001), Tài liệu.\n"
    )


# Spec §10.3's test vectors, in the spec's expected order, through luanan's own ordering: each
# is the author of a book; the books are given in shuffled orders.
VECTORS = [
    "Lê Văn An",
    "Nguyễn Văn Ánh",
    "Lê Thị Ân",
    "{Ban Chấp hành Đảng bộ tỉnh Thanh Hóa}",
    "{Ban Thường vụ Tỉnh ủy Thanh Hóa}",
    "Nguyễn Thị Bình",
    "Trần Văn Bình",
    "{Bộ Chính trị}",
    "{\\DJ}ặng Minh Dũng",
    "Phạm Đức Dương",
    "{Đảng Cộng sản Việt Nam}",
    "C.Mác and Ph.Ăngghen",
    "Hồ Chí Minh",
    "{Tỉnh ủy Thanh Hóa}",
    "{Ủy ban nhân dân tỉnh Thanh Hóa}",
]
VECTORS_LIST = [
    "Lê Văn An",
    "Nguyễn Văn Ánh",
    "Lê Thị Ân",
    "Ban Chấp hành Đảng bộ tỉnh Thanh Hóa",
    "Ban Thường vụ Tỉnh ủy Thanh Hóa",
    "Nguyễn Thị Bình",
    "Trần Văn Bình",
    "Bộ Chính trị",
    "Đặng Minh Dũng",
    "Phạm Đức Dương",
    "Đảng Cộng sản Việt Nam",
    "C.Mác, Ph.Ăngghen",
    "Hồ Chí Minh",
    "Tỉnh ủy Thanh Hóa",
    "Ủy ban nhân dân tỉnh Thanh Hóa",
]


def vector_bib(order: list[int]) -> str:
    return "".join(
        f"@book{{v{i + 1:02d}, author = {{{VECTORS[i]}}}, title = {{Tác phẩm số {i + 1}}}, year = {{2010}},"
        " publisher = {Nxb Sự thật}}\n"
        for i in order
    )


def _orders() -> list[list[int]]:
    indices = list(range(len(VECTORS)))
    shuffled = []
    for seed in range(3):
        order = list(indices)
        random.Random(seed).shuffle(order)
        shuffled.append(order)
    return [list(reversed(indices)), *shuffled]


@pytest.mark.parametrize("order", _orders())
def test_spec_vectors_in_the_reference_list(tmp_path, capsys, order):
    expected = "".join(
        f"{n}. {author} (2010), Tác phẩm số {n}, Nxb Sự thật.\n" for n, author in enumerate(VECTORS_LIST, 1)
    )
    assert refs(tmp_path, capsys, vector_bib(order)) == expected
