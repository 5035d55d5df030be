"""The reference list as `luanan refs` prints it: each entry type's text, the labels of both
languages, the group headings and the order of the list (spec §9.2, §10.3), for sources written
here. The tests run luanan in-process so that `make mutate` (tests/mutation.toml) sees its
mutants of bibliography/format.py, reference_list.py, sorting.py and vietnamese/collation.py."""

from __future__ import annotations

import json
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
@phdthesis{luanan, author = {Bùi Thị Hằng}, title = {Luận án về Đảng},
  school = {Học viện Chính trị quốc gia Hồ Chí Minh},
  address = {Hà Nội}, year = {2017}}
@thesis{luanvan, author = {Bùi Thị Hằng}, title = {Luận văn về chi bộ}, type = {mastersthesis},
  school = {Đại học Quốc gia},
  year = {2012}}
@thesis{khoaluan, author = {Bùi Thị Hằng}, title = {Khóa luận tốt nghiệp}, type = {Khóa luận cử nhân},
  school = {Đại học Quốc gia}, year = {2010}}
@misc{nghidinh, author = {{Chính phủ}}, type = {Nghị định}, number = {30/2020/NĐ-CP}, date = {2020-03-05},
  title = {Công tác văn thư}, year = {2020}, address = {Hà Nội}}
@misc{quyche, author = {{Tỉnh ủy Thanh Hóa}}, type = {Quy chế}, number = {01-QC/TU}, date = {2010-12-16},
  title = {Về làm việc của Tỉnh ủy}, year = {2010}, address = {Thanh Hóa}}
@misc{chithi, author = {{Ban Bí thư}}, type = {Chỉ thị}, number = {10-CT/TW}, date = {2011-01-04}, year = {2011}}
@online{trang, author = {Lý Văn Quang}, title = {Trang thông tin}, url = {https://example.org/a},
  urldate = {2024-01-05},
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
@book{biensoan2, editor = {Đào Văn Biên and Ngô Thị Hạnh}, title = {Sách hai chủ biên},
  publisher = {Nxb Trẻ}, year = {2014}}
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
@book{vol, author = {Grant, Hugh}, title = {Volumes}, volume = {3}, edition = {21},
  publisher = {MIT Press}, year = {2003}}
@article{art, author = {Hall, Ivy}, title = {An Article}, journal = {Journal of Things}, volume = {12}, number = {3},
  pages = {45--67}, year = {2019}}
@article{one, author = {Hall, Ivy}, title = {One Page}, journal = {Journal of Things}, pages = {19}, year = {2018}}
@article{artno, author = {Hall, Ivy}, title = {Numbered}, journal = {Journal of Things},
  pages = {e1234x}, year = {2020}}
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
@misc{u4, title = {Đổi mới kinh tế}, year = {2002}, howpublished = {Tài liệu}}
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
        "7. Đổi mới kinh tế (2002), Tài liệu.\n"
        "8. ɖổi mới văn hóa (2006), Tài liệu.\n"
        "9. Đổi mới văn hóa (2006), Tài liệu.\n"
        "10. Em bé (2001), Tài liệu.\n"
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


def test_profile_without_group_headings(tmp_path, capsys):
    root = make_project(
        tmp_path,
        {"01.md": "Không.\n"},
        MIXED,
        config='title: "T"\nchecks: {C110: off}\nprofile_overrides:\n  bibliography: {show_group_headings: false}\n',
    )
    capsys.readouterr()
    assert main(["--project", str(root), "refs"]) == 0
    assert capsys.readouterr().out == (
        "1. Lê Văn An (2015), Kinh tế học, Nxb Trẻ.\n"
        "2. Lê Văn An, Sách.\n"
        "3. Smith J. (2001), Economics, Wiley.\n"
        "4. Zola É. (1885), Germinal, Charpentier.\n"
        "5. Qapla W. (2000), Klingon Grammar, Qo'noS.\n"
    )


def test_json_rows(tmp_path, capsys):
    rows = json.loads(refs(tmp_path, capsys, MIXED, "--format", "json"))
    assert [(r["number"], r["key"], r["group"]) for r in rows] == [
        (1, "vi1", "vi"),
        (2, "nt", "vi"),
        (3, "en1", "en"),
        (4, "fr1", "fr"),
        (5, "x1", "other"),
    ]
    assert rows[1]["text"] == "Lê Văn An, Sách."


ENGLISH_LABELS_EDITIONS_NOTES = r"""
@thesis{t1, author = {Adams, Al}, title = {T1}, type = {phd}, school = {MIT}, year = {2001}}
@thesis{t2, author = {Adams, Al}, title = {T2}, type = {PhD Thesis}, school = {MIT}, year = {2002}}
@thesis{t3, author = {Adams, Al}, title = {T3}, type = {masterthesis}, school = {MIT}, year = {2003}}
@thesis{t4, author = {Adams, Al}, title = {T4}, type = {mathesis}, school = {MIT}, year = {2004}}
@thesis{t5, author = {Adams, Al}, title = {T5}, type = {masters}, school = {MIT}, year = {2005}}
@thesis{t6, author = {Adams, Al}, title = {T6}, type = {thesis}, school = {MIT}, year = {2006}}
@thesis{t7, author = {Adams, Al}, title = {T7}, type = {phdthesis}, school = {MIT}, year = {2007}}
@thesis{t8, author = {Adams, Al}, title = {T8}, type = {mastersthesis}, school = {MIT}, year = {2008}}
@mastersthesis{t9, author = {Adams, Al}, title = {T9}, school = {MIT}, year = {2009}}
@book{e1, author = {Baker, Bo}, title = {E1}, edition = {first}, publisher = {P}, year = {2001}}
@book{e2, author = {Baker, Bo}, title = {E2}, edition = {Second.}, publisher = {P}, year = {2002}}
@book{e3, author = {Baker, Bo}, title = {E3}, edition = {third}, publisher = {P}, year = {2003}}
@book{e4, author = {Baker, Bo}, title = {E4}, edition = {fourth}, publisher = {P}, year = {2004}}
@book{e5, author = {Baker, Bo}, title = {E5}, edition = {fifth}, publisher = {P}, year = {2005}}
@book{e6, author = {Baker, Bo}, title = {E6}, edition = {sixth}, publisher = {P}, year = {2006}}
@book{e7, author = {Baker, Bo}, title = {E7}, edition = {seventh}, publisher = {P}, year = {2007}}
@book{e8, author = {Baker, Bo}, title = {E8}, edition = {eighth}, publisher = {P}, year = {2008}}
@book{e9, author = {Baker, Bo}, title = {E9}, edition = {ninth}, publisher = {P}, year = {2009}}
@book{e10, author = {Baker, Bo}, title = {E10}, edition = {tenth}, publisher = {P}, year = {2010}}
@book{e11, author = {Baker, Bo}, title = {E11}, edition = {eleventh}, publisher = {P}, year = {2011}}
@book{e12, author = {Baker, Bo}, title = {E12}, edition = {twelfth}, publisher = {P}, year = {2012}}
@book{e13, author = {Baker, Bo}, title = {E13}, edition = {1}, publisher = {P}, year = {2013}}
@book{e14, author = {Baker, Bo}, title = {E14}, edition = {22nd}, publisher = {P}, year = {2014}}
@book{e15, author = {Baker, Bo}, title = {E15}, edition = {113}, publisher = {P}, year = {2015}}
@book{e16, author = {Baker, Bo}, title = {E16}, edition = {Revised}, publisher = {P}, year = {2016}}
@book{n1, author = {Cole, Cy}, title = {N1}, publisher = {P}, year = {2001}, note = {Reprinted in paperback}}
@book{n2, author = {Cole, Cy}, title = {N2}, publisher = {P}, year = {2002},
  note = {one two three four five six seven eight}}
@book{n3, author = {Cole, Cy}, title = {N3}, publisher = {P}, year = {2003},
  note = {one two three four five six seven eight nine}}
@book{n4, author = {Cole, Cy}, title = {N4}, publisher = {P}, year = {2004}, note = {cited in chapter two}}
@book{n5, author = {Cole, Cy}, title = {N5}, publisher = {P}, year = {2005}, note = {[TODO ABC later]}}
@book{n6, author = {Cole, Cy}, title = {N6}, publisher = {P}, year = {2006}, note = {Bản dịch tiếng Việt}}
@book{n7, author = {Cole, Cy}, title = {N7}, publisher = {P}, year = {2007}, note = {see section 2}}
@online{w1, author = {Dunn, Di}, title = {W1}, url = {https://a.example}, note = {[Last accessed: 2020-1-2]},
  year = {2001}}
@online{w2, author = {Dunn, Di}, title = {W2}, url = {https://a.example}, note = {Accessed on 5 May 2020},
  year = {2002}}
@online{w3, author = {Dunn, Di}, title = {W3}, url = {https://a.example}, note = {accessed [date]}, year = {2003}}
@online{w4, author = {Dunn, Di}, title = {W4}, note = {accessed 2020-01-01}, year = {2004}}
@online{w5, author = {Dunn, Di}, title = {W5}, url = {https://a.example}, urldate = {2021-02-03},
  note = {accessed 2020-01-01}, year = {2005}, howpublished = {Example Site}}
@misc{m1, author = {Ford, Fay}, title = {Software}, url = {https://b.example},
  howpublished = {https://b.example}, publisher = {GitHub}, year = {2020}, version = {1}}
@misc{m2, author = {Ford, Fay}, title = {Data set X}, subtitle = {Part}, journal = {Data Journal}, year = {2021}}
@article{a1, author = {Gray, Gus and Hill, Hal}, title = {A1}, journal = {J}, volume = {4}, year = {2001}}
@article{a2, author = {Gray, Gus}, title = {A2}, journal = {https://j.example}, publisher = {Pub},
  year = {2002}, pages = {12, 14}}
@book{p1, author = {Plato}, title = {Republic}, publisher = {P}, year = {2000}}
@inproceedings{c1, author = {Jones, Jo}, title = {C1}, booktitle = {Proc.}, editor = {Kay, Kim and others},
  volume = {7}, edition = {2}, publisher = {ACM}, organization = {ACM SIGPLAN}, year = {2001}}
@inproceedings{c2, author = {Jones, Jo}, title = {C2}, maintitle = {Main Proc.}, address = {Paris},
  location = {Lyon}, year = {2002}}
@inproceedings{c3, author = {Jones, Jo}, title = {C3}, location = {Lyon}, year = {2003}}
"""


def test_english_labels_editions_notes(tmp_path, capsys):
    # every thesis kind, ordinal edition, note kept or dropped, access date
    assert refs(tmp_path, capsys, ENGLISH_LABELS_EDITIONS_NOTES) == (
        "1. Adams A. (2001), T1, PhD thesis, MIT.\n"
        "2. Adams A. (2002), T2, PhD thesis, MIT.\n"
        "3. Adams A. (2003), T3, Master's thesis, MIT.\n"
        "4. Adams A. (2004), T4, Master's thesis, MIT.\n"
        "5. Adams A. (2005), T5, Master's thesis, MIT.\n"
        "6. Adams A. (2006), T6, Thesis, MIT.\n"
        "7. Adams A. (2007), T7, PhD thesis, MIT.\n"
        "8. Adams A. (2008), T8, Master's thesis, MIT.\n"
        "9. Adams A. (2009), T9, Master's thesis, MIT.\n"
        "10. Baker B. (2001), E1, P.\n"
        "11. Baker B. (2002), E2, 2nd ed., P.\n"
        "12. Baker B. (2003), E3, 3rd ed., P.\n"
        "13. Baker B. (2004), E4, 4th ed., P.\n"
        "14. Baker B. (2005), E5, 5th ed., P.\n"
        "15. Baker B. (2006), E6, 6th ed., P.\n"
        "16. Baker B. (2007), E7, 7th ed., P.\n"
        "17. Baker B. (2008), E8, 8th ed., P.\n"
        "18. Baker B. (2009), E9, 9th ed., P.\n"
        "19. Baker B. (2010), E10, 10th ed., P.\n"
        "20. Baker B. (2011), E11, 11th ed., P.\n"
        "21. Baker B. (2012), E12, 12th ed., P.\n"
        "22. Baker B. (2013), E13, P.\n"
        "23. Baker B. (2014), E14, 22nd ed., P.\n"
        "24. Baker B. (2015), E15, 113th ed., P.\n"
        "25. Baker B. (2016), E16, Revised, P.\n"
        "26. Cole C. (2001), N1, P, Reprinted in paperback.\n"
        "27. Cole C. (2002), N2, P, one two three four five six seven eight.\n"
        "28. Cole C. (2003), N3, P.\n"
        "29. Cole C. (2004), N4, P.\n"
        "30. Cole C. (2005), N5, P.\n"
        "31. Cole C. (2006), N6, P.\n"
        "32. Cole C. (2007), N7, P.\n"
        "33. Dunn D. (2001), “W1”, https://a.example, accessed 2/1/2020.\n"
        "34. Dunn D. (2002), “W2”, https://a.example, accessed 5 May 2020.\n"
        "35. Dunn D. (2003), “W3”, https://a.example.\n"
        "36. Dunn D. (2004), “W4”.\n"
        "37. Dunn D. (2005), “W5”, Example Site, https://a.example, accessed 3/2/2021.\n"
        "38. Ford F. (2020), Software, GitHub, https://b.example.\n"
        "39. Ford F. (2021), Data set X: Part, Data Journal.\n"
        "40. Gray G. (2002), “A2”, Pub, pp. 12, 14.\n"
        "41. Gray G. and H. Hill (2001), “A1”, J, 4.\n"
        "42. Jones J. (2001), “C1”, in: K. Kay (ed.), Proc., 2nd ed., Vol. 7, ACM, ACM SIGPLAN.\n"
        "43. Jones J. (2002), “C2”, in: Main Proc., Paris.\n"
        "44. Jones J. (2003), “C3”, Lyon.\n"
        "45. Plato (2000), Republic, P.\n"
    )


VIETNAMESE_DOCUMENTS_AND_THESES = r"""
@misc{l01, author = {{Bộ Nội vụ}}, type = {Thông tư}, number = {01/2011/TT-BNV}, date = {2011-01-19},
  title = {Hướng dẫn thể thức văn bản}, year = {2011}}
@misc{l02, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {02/QĐ-BNV},
  title = {Ban hành quy chế làm việc}, year = {2012}}
@misc{l03, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {03/QĐ-BNV}, title = {Quy định chức năng},
  year = {2013}}
@misc{l04, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {04/QĐ-BNV}, title = {Sửa đổi quy chế}, year = {2014}}
@misc{l05, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {05/QĐ-BNV}, title = {Phê duyệt đề án}, year = {2015}}
@misc{l06, author = {{Bộ Nội vụ}}, type = {Kế hoạch}, number = {06/KH-BNV}, title = {Thực hiện nghị quyết},
  year = {2016}}
@misc{l07, author = {{Bộ Nội vụ}}, type = {Kế hoạch}, number = {07/KH-BNV}, title = {Triển khai chỉ thị}, year = {2017}}
@misc{l08, author = {{Bộ Nội vụ}}, type = {Kế hoạch}, number = {08/KH-BNV}, title = {Tiếp tục đổi mới}, year = {2018}}
@misc{l09, author = {{Bộ Nội vụ}}, type = {Chỉ thị}, number = {09/CT-BNV}, title = {Tăng cường kỷ luật}, year = {2019}}
@misc{l10, author = {{Bộ Nội vụ}}, type = {Báo cáo}, number = {10/BC-BNV}, title = {Của Bộ Nội vụ năm 2020},
  year = {2020}}
@misc{l11, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {11/QĐ-BNV},
  title = {Quyết định 11/QĐ-BNV về nhân sự}, year = {2021}}
@misc{l12, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {12/QĐ-BNV}, date = {2022-02-01},
  title = {Nhân sự}, year = {2022}}
@misc{l13, author = {{Bộ Nội vụ}}, type = {Quyết định}, number = {13/QĐ-BNV}, date = {2023-10-15},
  title = {Công tác cán bộ}, year = {2023}}
@misc{l14, author = {{Bộ Nội vụ}}, type = {Quyết định}, title = {Không số}, year = {2024}}
@misc{l15, author = {{Bộ Nội vụ}}, number = {15}, title = {Không loại}, year = {2024}}
@thesis{vt, author = {Lê Văn Tư}, title = {Luận án về Đảng bộ}, school = {Học viện Chính trị}, year = {2000}}
@thesis{vt2, author = {Lê Văn Tư}, title = {Luận án về chi bộ}, type = {phd}, school = {Học viện Chính trị},
  year = {2001}}
@book{vs, author = {Lê Văn Tư}, title = {Sách về Đảng}, subtitle = {Tập một}, edition = {2}, volume = {3},
  publisher = {Nxb Trẻ}, year = {2002}, translator = {Trần Văn Dịch and others}}
@inproceedings{vk, author = {Lê Văn Tư}, title = {Bài hội thảo của Đảng}, booktitle = {Kỷ yếu}, volume = {2},
  location = {Huế}, year = {2003}, note = {Tài liệu trích dẫn ở mục 2}}
"""


def test_vietnamese_documents_and_theses(tmp_path, capsys):
    # §9.2 I: type + number (+ day) + subject, its first word kept or `về` added
    assert refs(tmp_path, capsys, VIETNAMESE_DOCUMENTS_AND_THESES) == (
        "1. Bộ Nội vụ (2011), Thông tư số 01/2011/TT-BNV ngày 19/01/2011 hướng dẫn thể thức văn bản.\n"
        "2. Bộ Nội vụ (2012), Quyết định số 02/QĐ-BNV ban hành quy chế làm việc.\n"
        "3. Bộ Nội vụ (2013), Quyết định số 03/QĐ-BNV quy định chức năng.\n"
        "4. Bộ Nội vụ (2014), Quyết định số 04/QĐ-BNV sửa đổi quy chế.\n"
        "5. Bộ Nội vụ (2015), Quyết định số 05/QĐ-BNV phê duyệt đề án.\n"
        "6. Bộ Nội vụ (2016), Kế hoạch số 06/KH-BNV thực hiện nghị quyết.\n"
        "7. Bộ Nội vụ (2017), Kế hoạch số 07/KH-BNV triển khai chỉ thị.\n"
        "8. Bộ Nội vụ (2018), Kế hoạch số 08/KH-BNV tiếp tục đổi mới.\n"
        "9. Bộ Nội vụ (2019), Chỉ thị số 09/CT-BNV tăng cường kỷ luật.\n"
        "10. Bộ Nội vụ (2020), Báo cáo số 10/BC-BNV của Bộ Nội vụ năm 2020.\n"
        "11. Bộ Nội vụ (2021), Quyết định 11/QĐ-BNV về nhân sự.\n"
        "12. Bộ Nội vụ (2022), Quyết định số 12/QĐ-BNV ngày 01/02/2022 về nhân sự.\n"
        "13. Bộ Nội vụ (2023), Quyết định số 13/QĐ-BNV ngày 15/10/2023 về công tác cán bộ.\n"
        "14. Bộ Nội vụ (2024), Không loại.\n"
        "15. Bộ Nội vụ (2024), Không số.\n"
        "16. Lê Văn Tư (2000), Luận án về Đảng bộ, Luận án, Học viện Chính trị.\n"
        "17. Lê Văn Tư (2001), Luận án về chi bộ, Luận án tiến sĩ, Học viện Chính trị.\n"
        "18. Lê Văn Tư (2002), Sách về Đảng: Tập một, t.3, xuất bản lần thứ 2, Trần Văn Dịch dịch, Nxb Trẻ.\n"
        "19. Lê Văn Tư (2003), “Bài hội thảo của Đảng”, trong: Kỷ yếu, t.2, Huế.\n"
    )


MORE_VIETNAMESE = r"""
@thesis{x1, author = {Lê Văn Tám}, title = {Luận văn tiếng Anh}, type = {master's thesis},
  school = {Học viện}, location = {Huế}, year = {2001}}
@book{x2, editor = {Đào Văn Biên and others}, title = {Sách tập thể}, publisher = {Nxb Trẻ},
  organization = {Hội Sử học}, year = {2002}}
@misc{x3, title = {Tài liệu không năm}, howpublished = {Tài liệu không năm}}
@book{x4, title = {Sách không tác giả}, edition = {2}, year = {2003}, publisher = {https://nxb.example}}
@phdthesis{x5, title = {Luận án khuyết danh}, institution = {Viện Sử học}, year = {2004}}
@article{x6, author = {Lê Văn Tám}, journal = {Tạp chí Sử học}, year = {2005}, pages = {3--4}}
"""
MORE_ENGLISH = r"""
@book{y1, editor = {Lee, Kim and Moore, Liam and others}, title = {Collected}, publisher = {Wiley}, year = {2001}}
@book{y2, editor = {Lee, Kim and Moore, Liam}, title = {Edited Twice}, publisher = {Wiley}, year = {2002}}
@book{y3, author = {Lee, Kim and Moore, Liam and others}, title = {Many Authors}, edition = {121}, year = {2003}}
@book{y4, author = {given=Ann}, title = {Given Only}, publisher = {Wiley}, year = {2004}}
@techreport{y5, author = {Nash, Ned}, title = {Tech Report}, number = {TR-9}, institution = {NASA},
  publisher = {NASA}, journal = {NASA Tech Briefs}, year = {2005}}
@report{y6, author = {Nash, Ned}, title = {Plain Report}, journal = {Reports Series},
  url = {https://r.example}, howpublished = {https://r.example}, year = {2006}}
@misc{y7, author = {Nash, Ned}, title = {Misc Item}, journal = {Misc Journal}, howpublished = {Misc Item},
  year = {2007}}
@book{y8, author = {Nash, Ned}, title = {Located}, location = {Boston}, organization = {ACM}, year = {2008}}
@book{y9, author = {Nash, Ned}, title = {Edition Last}, edition = {2}, year = {2009}}
"""


def test_more_vietnamese(tmp_path, capsys):
    """Editors with `others`, no author, no year, no title, a title repeated as `howpublished`,
    `location`, `organization`, a URL as publisher, article numbers, ordinal 121st."""
    assert refs(tmp_path, capsys, MORE_VIETNAMESE) == (
        "1. Đào Văn Biên và cộng sự (chủ biên) (2002), Sách tập thể, Hội Sử học, Nxb Trẻ.\n"
        "2. Sách không tác giả (2003), xuất bản lần thứ 2.\n"
        "3. Tài liệu không năm.\n"
        "4. Lê Văn Tám (2001), Luận văn tiếng Anh, Luận văn thạc sĩ, Học viện, Huế.\n"
        "5. Lê Văn Tám (2005), Tạp chí Sử học, tr. 3-4.\n"
        "6. Luận án khuyết danh (2004), Luận án tiến sĩ, Viện Sử học.\n"
    )


def test_more_english(tmp_path, capsys):
    """Editors with `others`, no author, no year, no title, a title repeated as `howpublished`,
    `location`, `organization`, a URL as publisher, article numbers, ordinal 121st."""
    assert refs(tmp_path, capsys, MORE_ENGLISH) == (
        "1. Ann (2004), Given Only, Wiley.\n"
        "2. Lee K., L. Moore et al. (eds.) (2001), Collected, Wiley.\n"
        "3. Lee K. and L. Moore (eds.) (2002), Edited Twice, Wiley.\n"
        "4. Lee K., L. Moore et al. (2003), Many Authors, 121st ed.\n"
        "5. Nash N. (2005), Tech Report, TR-9, NASA, NASA Tech Briefs.\n"
        "6. Nash N. (2006), Plain Report, Reports Series, https://r.example.\n"
        "7. Nash N. (2007), Misc Item, Misc Journal.\n"
        "8. Nash N. (2008), Located, ACM, Boston.\n"
        "9. Nash N. (2009), Edition Last, 2nd ed.\n"
    )


def test_vietnamese_markdown(tmp_path, capsys):
    """Titles of books, containers of parts, in real emphasis; everything else plain."""
    assert refs(tmp_path, capsys, VIETNAMESE, "--format", "markdown") == (
        "[1.]{#ref-1} Lê Văn An (2016), *Kinh tế học? Phần hai*, xuất bản lần thứ 2, Phạm Văn Dịch dịch, Nxb Trẻ.\n"
        "\n"
        "[2.]{#ref-2} Lê Văn An, Trần Thị Bình và cộng sự (2015), *Kinh tế học: Nhập môn*, t.2, xuất bản lần thứ 3, "
        "Nxb Trẻ, Hà Nội.\n"
        "\n"
        "[3.]{#ref-3} Ban Bí thư (2011), *Chỉ thị số 10-CT/TW ngày 04/01/2011*.\n"
        "\n"
        "[4.]{#ref-4} Đào Văn Biên (chủ biên) (2013), *Sách do chủ biên*, Nxb Trẻ.\n"
        "\n"
        "[5.]{#ref-5} Đào Văn Biên, Ngô Thị Hạnh (chủ biên) (2014), *Sách hai chủ biên*, Nxb Trẻ.\n"
        "\n"
        "[6.]{#ref-6} Chính phủ (2020), *Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư*, Hà Nội.\n"
        "\n"
        "[7.]{#ref-7} Cổng thông tin Chính phủ (2024), “Tin về hội nghị”, https://chinhphu.vn/x, truy cập ngày "
        "3/2/2024.\n"
        "\n"
        "[8.]{#ref-8} Nguyễn Văn Cường (2020), “Một trang”, *Tạp chí Cộng sản*, (7), tr. 5.\n"
        "\n"
        "[9.]{#ref-9} Nguyễn Văn Cường (2021), “Chất lượng chi bộ”, *Tạp chí Xây dựng Đảng*, 12(5), tr. 23-26.\n"
        "\n"
        "[10.]{#ref-10} Vũ Văn Dũng (2023), “Tin tức”, *Báo Nhân Dân*, số 24512, ngày 12/5/2023, tr. 3.\n"
        "\n"
        "[11.]{#ref-11} *Đề cương bài giảng* (2009), Tài liệu lưu hành nội bộ.\n"
        "\n"
        "[12.]{#ref-12} Phan Văn Giáp (2018), “Báo cáo hội thảo”, trong: Lê Văn Sơn, Trần Văn Tâm (chủ biên), *Kỷ "
        "yếu hội thảo*, Học viện Chính trị, Hà Nội.\n"
        "\n"
        "[13.]{#ref-13} Phan Văn Giáp (2019), “Một chương”, trong: Lê Văn Sơn (chủ biên), *Tuyển tập hội thảo*, t.2, "
        "Nxb Giáo dục, Hà Nội, tr. 10-20.\n"
        "\n"
        "[14.]{#ref-14} Đỗ Văn Hải (2022), “Bài số”, *Tạp chí Khoa học*, bài số 125078.\n"
        "\n"
        "[15.]{#ref-15} Bùi Thị Hằng (2010), *Khóa luận tốt nghiệp*, Khóa luận cử nhân, Đại học Quốc gia.\n"
        "\n"
        "[16.]{#ref-16} Bùi Thị Hằng (2012), *Luận văn về chi bộ*, Luận văn thạc sĩ, Đại học Quốc gia.\n"
        "\n"
        "[17.]{#ref-17} Bùi Thị Hằng (2017), *Luận án về Đảng*, Luận án tiến sĩ, Học viện Chính trị quốc gia Hồ Chí "
        "Minh, Hà Nội.\n"
        "\n"
        "[18.]{#ref-18} Hồ Chí Minh (2011), *Toàn tập*, t.5, *Bài viết*, Tái bản, Nxb Chính trị quốc gia, Hà Nội.\n"
        "\n"
        "[19.]{#ref-19} Lý Văn Quang (2024), “Trang thông tin”, https://example.org/a, truy cập ngày 5/1/2024.\n"
        "\n"
        "[20.]{#ref-20} Lý Văn Quang, *Sách không năm*, Nxb Trẻ, Bản in lần đầu.\n"
        "\n"
        "[21.]{#ref-21} Tỉnh ủy Thanh Hóa (2010), *Quy chế số 01-QC/TU ngày 16/12/2010 về làm việc của Tỉnh ủy*, "
        "Thanh Hóa.\n"
        "\n"
        "[22.]{#ref-22} Mai Văn Tú (2014), *Báo cáo số 12/BC về báo cáo tổng kết*, Viện Kinh tế, "
        "https://example.vn/bc.\n"
        "\n"
        "[23.]{#ref-23} Ủy ban nhân dân tỉnh Thanh Hóa (1995), *Hồ sơ về đê điều*, Phông UBND, Mục lục số 3, Hồ sơ "
        "số 125, Trung tâm Lưu trữ quốc gia III.\n"
    )


def test_english_markdown(tmp_path, capsys):
    """Titles of books, containers of parts, in real emphasis; everything else plain."""
    assert refs(tmp_path, capsys, ENGLISH, "--format", "markdown") == (
        "[1.]{#ref-1} Brown A., B. Clark and C. Davis (2010), *Three Authors*, 11th ed., Wiley.\n"
        "\n"
        "[2.]{#ref-2} Evans D. et al. (2005), *With Others*, 3rd ed., trans. Gina Ford, Penguin.\n"
        "\n"
        "[3.]{#ref-3} Grant H. (2003), *Volumes*, Vol. 3, 21st ed., MIT Press.\n"
        "\n"
        "[4.]{#ref-4} Hall I. (2018), “One Page”, *Journal of Things*, p. 19.\n"
        "\n"
        "[5.]{#ref-5} Hall I. (2019), “An Article”, *Journal of Things*, 12(3), pp. 45-67.\n"
        "\n"
        "[6.]{#ref-6} Hall I. (2020), “Numbered”, *Journal of Things*, Art. no. e1234x.\n"
        "\n"
        "[7.]{#ref-7} King J. (2016), “A Chapter”, in: K. Lee (ed.), *The Handbook*, Springer, pp. 1-9.\n"
        "\n"
        "[8.]{#ref-8} King J. (2017), “B Chapter”, in: K. Lee and L. Moore (eds.), *The Handbook*, Springer.\n"
        "\n"
        "[9.]{#ref-9} Nash M. (1998), *C Thesis*, Thesis, MIT.\n"
        "\n"
        "[10.]{#ref-10} Nash M. (1999), *B Thesis*, Master's thesis, MIT.\n"
        "\n"
        "[11.]{#ref-11} Nash M. (2001), *A Thesis*, PhD thesis, MIT.\n"
        "\n"
        "[12.]{#ref-12} Owen P. (2020), “News Story”, *The Times*, no. 12, 2/1/2020.\n"
        "\n"
        "[13.]{#ref-13} de Paula R. and É. Zola (2011), *Von Book*, Wiley.\n"
        "\n"
        "[14.]{#ref-14} Price Q. (2021), “A Web Page”, https://example.com, accessed 4/3/2021.\n"
        "\n"
        "[15.]{#ref-15} Reagle J. M., Jr. (2010), *Good Faith*, MIT Press.\n"
        "\n"
        "[16.]{#ref-16} Reed S. (ed.) (2000), *Edited Book*, Wiley.\n"
        "\n"
        "[17.]{#ref-17} Scott T. (2008), *Report*, Technical Report TR-7, NASA.\n"
        "\n"
        "[18.]{#ref-18} Smith J. A. and R. B. Jones (2012), *Economics*, 2nd ed., Wiley, New York.\n"
        "\n"
        "[19.]{#ref-19} United Nations (1945), *Charter*.\n"
    )


def test_more_vietnamese_markdown(tmp_path, capsys):
    """Titles of books, containers of parts, in real emphasis; everything else plain."""
    assert refs(tmp_path, capsys, MORE_VIETNAMESE, "--format", "markdown") == (
        "[1.]{#ref-1} Đào Văn Biên và cộng sự (chủ biên) (2002), *Sách tập thể*, Hội Sử học, Nxb Trẻ.\n"
        "\n"
        "[2.]{#ref-2} *Sách không tác giả* (2003), xuất bản lần thứ 2.\n"
        "\n"
        "[3.]{#ref-3} *Tài liệu không năm*.\n"
        "\n"
        "[4.]{#ref-4} Lê Văn Tám (2001), *Luận văn tiếng Anh*, Luận văn thạc sĩ, Học viện, Huế.\n"
        "\n"
        "[5.]{#ref-5} Lê Văn Tám (2005), *Tạp chí Sử học*, tr. 3-4.\n"
        "\n"
        "[6.]{#ref-6} *Luận án khuyết danh* (2004), Luận án tiến sĩ, Viện Sử học.\n"
    )


def test_more_english_markdown(tmp_path, capsys):
    """Titles of books, containers of parts, in real emphasis; everything else plain."""
    assert refs(tmp_path, capsys, MORE_ENGLISH, "--format", "markdown") == (
        "[1.]{#ref-1} Ann (2004), *Given Only*, Wiley.\n"
        "\n"
        "[2.]{#ref-2} Lee K., L. Moore et al. (eds.) (2001), *Collected*, Wiley.\n"
        "\n"
        "[3.]{#ref-3} Lee K. and L. Moore (eds.) (2002), *Edited Twice*, Wiley.\n"
        "\n"
        "[4.]{#ref-4} Lee K., L. Moore et al. (2003), *Many Authors*, 121st ed.\n"
        "\n"
        "[5.]{#ref-5} Nash N. (2005), *Tech Report*, TR-9, NASA, NASA Tech Briefs.\n"
        "\n"
        "[6.]{#ref-6} Nash N. (2006), *Plain Report*, Reports Series, https://r.example.\n"
        "\n"
        "[7.]{#ref-7} Nash N. (2007), *Misc Item*, Misc Journal.\n"
        "\n"
        "[8.]{#ref-8} Nash N. (2008), *Located*, ACM, Boston.\n"
        "\n"
        "[9.]{#ref-9} Nash N. (2009), *Edition Last*, 2nd ed.\n"
    )


EVERY_TYPE = r"""
@inbook{k01, author = {Lê Văn Một}, title = {Chương trong sách}, booktitle = {Sách lớn},
  publisher = {Nxb Trẻ}, year = {2001}, pages = {5--9}}
@conference{k02, author = {Lê Văn Hai}, title = {Bài hội nghị}, booktitle = {Kỷ yếu hội nghị}, year = {2002},
  pages = {7}}
@www{k03, author = {Lê Văn Ba}, title = {Trang www}, url = {https://www.example}, pages = {1--2}, year = {2003}}
@webpage{k04, author = {Lê Văn Bốn}, title = {Trang webpage}, url = {https://page.example}, year = {2004}}
@electronic{k05, author = {Lê Văn Năm}, title = {Tài liệu điện tử}, url = {https://e.example}, year = {2005}}
@software{k06, author = {Lê Văn Sáu}, title = {Phần mềm}, url = {https://sw.example}, year = {2006}}
@dataset{k07, author = {Lê Văn Bảy}, title = {Bộ dữ liệu}, url = {https://data.example}, year = {2007}}
@report{k08, author = {Lê Văn Tám}, title = {Báo cáo mạng}, url = {https://rep.example}, year = {2008}}
@manual{k09, author = {Lê Văn Chín}, title = {Sổ tay}, url = {https://man.example}, year = {2009}}
@unpublished{k10, author = {Lê Văn Mười}, title = {Bản thảo}, url = {https://draft.example}, year = {2010}}
@legislation{k11, author = {{Quốc hội}}, type = {Luật}, number = {11/2011/QH13},
  title = {Tổ chức chính quyền}, year = {2011}}
@legal{k12, author = {{Quốc hội}}, type = {Luật}, number = {12/2012/QH13}, title = {Giáo dục}, year = {2012}}
@law{k13, author = {{Quốc hội}}, type = {Luật}, number = {13/2013/QH13}, title = {Đất đai}, year = {2013}}
@jurisdiction{k14, author = {{Tòa án nhân dân tối cao}}, type = {Án lệ}, number = {14/2014/AL},
  title = {Tranh chấp đất}, year = {2014}}
@archive{k15, author = {{Ủy ban hành chính}}, type = {Công văn}, number = {15/CV}, title = {Việc đê điều},
  year = {1965}}
@report{k16, author = {{Bộ Tài chính}}, type = {Báo cáo}, number = {16/BC-BTC}, title = {Ngân sách}, year = {2016}}
"""


def test_every_entry_type_by_its_kind(tmp_path, capsys):
    """Parts (`trong:`), web pages (quoted, no pages), types whose URL is printed, and Vietnamese
    documents of every legal type (type + number + `về` + subject)."""
    assert refs(tmp_path, capsys, EVERY_TYPE) == (
        "1. Lê Văn Ba (2003), “Trang www”, https://www.example.\n"
        "2. Lê Văn Bảy (2007), Bộ dữ liệu, https://data.example.\n"
        "3. Bộ Tài chính (2016), Báo cáo số 16/BC-BTC về ngân sách.\n"
        "4. Lê Văn Bốn (2004), “Trang webpage”, https://page.example.\n"
        "5. Lê Văn Chín (2009), Sổ tay, https://man.example.\n"
        "6. Lê Văn Hai (2002), “Bài hội nghị”, trong: Kỷ yếu hội nghị, tr. 7.\n"
        "7. Lê Văn Một (2001), “Chương trong sách”, trong: Sách lớn, Nxb Trẻ, tr. 5-9.\n"
        "8. Lê Văn Mười (2010), Bản thảo, https://draft.example.\n"
        "9. Lê Văn Năm (2005), “Tài liệu điện tử”, https://e.example.\n"
        "10. Quốc hội (2011), Luật số 11/2011/QH13 về tổ chức chính quyền.\n"
        "11. Quốc hội (2012), Luật số 12/2012/QH13 về giáo dục.\n"
        "12. Quốc hội (2013), Luật số 13/2013/QH13 về đất đai.\n"
        "13. Lê Văn Sáu (2006), Phần mềm, https://sw.example.\n"
        "14. Lê Văn Tám (2008), Báo cáo mạng, https://rep.example.\n"
        "15. Tòa án nhân dân tối cao (2014), Án lệ số 14/2014/AL về tranh chấp đất.\n"
        "16. Ủy ban hành chính (1965), Công văn số 15/CV về việc đê điều.\n"
    )


def test_format_entry_speaks_vietnamese_unless_asked(tmp_path):
    from luanan.bibliography.format import format_entry
    from luanan.load.bibtex import load_bibtex

    path = tmp_path / "one.bib"
    path.write_text("@article{a, author = {Hall, Ivy}, title = {T}, journal = {J}, pages = {4--5}, year = {2001}}\n")
    [entry], _ = load_bibtex(path, Path("one.bib"))
    assert format_entry(entry) == "Ivy Hall (2001), “T”, *J*, tr. 4-5."
    assert format_entry(entry, "en") == "Hall I. (2001), “T”, *J*, pp. 4-5."
