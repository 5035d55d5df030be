"""The reference list for entries written the way Zotero, Better BibTeX, JabRef, Mendeley and
biblatex users write them (issue 17): names, fields, decoding, groups and order, duplicates,
and the numbering styles beyond the MOET default. Every entry here was written for the test."""

from __future__ import annotations

from pathlib import Path

from conftest import make_project, run_luanan

NO_C110 = 'title: "T"\nchecks: {C110: off}\n'


def refs(tmp_path: Path, bib: str, chapter: str = "Không trích dẫn.\n", config: str = NO_C110) -> list[str]:
    root = make_project(tmp_path, {"01.md": chapter}, bib, config=config)
    result = run_luanan("refs", cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def check(tmp_path: Path) -> list[str]:
    return [line for line in run_luanan("check", cwd=tmp_path).stdout.splitlines() if "warning[" in line]


# --- Names -------------------------------------------------------------------------------------

NAMES_BIB = r"""
@article{bardram, author = {E. Bardram}, title = {The trouble with login}, journal = {Personal Computing},
  year = {2005}, volume = {9}, number = {6}, pages = {357--367}}
@article{dewitt, author = {Alexander J. DeWitt and Harold W. Kuhn and Diana K. Smetters}, title = {Aligning},
  journal = {J. Sec.}, year = {2006}, pages = {1--7}}
@inproceedings{paula, author = {Rog\'{e}rio de Paula and Jean-Marc Robert}, title = {Two experiences},
  booktitle = {SOUPS '05}, year = {2005}, pages = {25--34}}
@article{reagle, author = {Reagle, Jr., Joseph M. and Sherry, John F., Jr.}, title = {Complex names},
  journal = {IEEE S\&P}, year = {2004}, pages = {25--31}}
@article{scholar, author = {Dearing, PM and Francis, Richard L}, title = {Convex problems}, journal = {OR},
  year = {1976}, pages = {628--642}}
@article{many, author = {Lee, Tom and Kim, Ann and others}, title = {Many hands}, journal = {Nature},
  year = {2019}, pages = {19}}
@online{biblatex, author = {given=Sam, family=Researcher, prefix=von}, title = {A UTF-8 overview},
  date = {2024-03}, url = {https://example.org/o}, urldate = {2025-01-31}}
@misc{waikato, author = {University of Waikato}, title = {Wikipedia-miner}, year = {2015},
  howpublished = {\url{https://github.com/example/miner}}}
@book{bao, author = {Nguyễn, Văn Bảo and Trần Thị Cúc}, title = {Giáo trình mạng máy tính}, year = {2020},
  publisher = {Nxb Giáo dục}, address = {Hà Nội}}
@book{smithvi, author = {Smith, John}, translator = {Lê Văn Dịch}, title = {Kinh tế học}, year = {2010},
  publisher = {Nxb Trẻ}, langid = {vietnamese}}
@book{many_vi, author = {Lê Văn Một and others}, title = {Sách nhiều tác giả}, year = {2019}, publisher = {Nxb Trẻ}}
"""


def test_names_inverted_initials_particles_suffixes_others(tmp_path):
    lines = refs(tmp_path, NAMES_BIB)
    assert lines == [
        "Tiếng Việt",
        "1. Nguyễn Văn Bảo, Trần Thị Cúc (2020), Giáo trình mạng máy tính, Nxb Giáo dục, Hà Nội.",
        "2. Lê Văn Một và cộng sự (2019), Sách nhiều tác giả, Nxb Trẻ.",
        "3. John Smith (2010), Kinh tế học, Lê Văn Dịch dịch, Nxb Trẻ.",
        "",
        "Tiếng Anh",
        "4. Bardram E. (2005), “The trouble with login”, Personal Computing, 9(6), pp. 357-367.",
        "5. Dearing P. M. and R. L. Francis (1976), “Convex problems”, OR, pp. 628-642.",  # `PM`: two initials
        "6. DeWitt A. J., H. W. Kuhn and D. K. Smetters (2006), “Aligning”, J. Sec., pp. 1-7.",
        "7. Lee T., A. Kim et al. (2019), “Many hands”, Nature, p. 19.",
        "8. de Paula R. and J.-M. Robert (2005), “Two experiences”, in: SOUPS '05, pp. 25-34.",
        "9. Reagle J. M., Jr. and J. F. Sherry, Jr. (2004), “Complex names”, IEEE S&P, pp. 25-31.",
        "10. von Researcher S. (2024), “A UTF-8 overview”, https://example.org/o, accessed 31/1/2025.",
        "11. University of Waikato (2015), Wikipedia-miner, https://github.com/example/miner.",
    ]


def test_foreign_authors_are_filed_as_printed_surname_then_initials(tmp_path):
    bib = (
        "@article{late, author = {Nikiforov, V.}, title = {Later}, journal = {LAA}, year = {2017}}\n"
        "@article{early, author = {Nikiforov, Vladimir}, title = {Earlier}, journal = {LAA}, year = {2014}}\n"
    )
    assert refs(tmp_path, bib) == [
        "1. Nikiforov V. (2014), “Earlier”, LAA.",  # same printed name: the year decides
        "2. Nikiforov V. (2017), “Later”, LAA.",
    ]


def test_comma_form_vietnamese_name_is_filed_under_the_given_name(tmp_path):
    bib = (
        "@book{bao, author = {Nguyễn, Văn Bảo}, title = {Sách B}, year = {2020}, publisher = {P}}\n"
        "@book{an, author = {Trần Văn An}, title = {Sách A}, year = {2020}, publisher = {P}}\n"
        "@book{cuc, author = {Lê Thị Cúc}, title = {Sách C}, year = {2020}, publisher = {P}}\n"
        "@book{dung, author = {Tran, Van Dung}, title = {Sách D}, year = {2020}, publisher = {P}}\n"
    )
    assert refs(tmp_path, bib) == [
        "1. Trần Văn An (2020), Sách A, P.",
        "2. Nguyễn Văn Bảo (2020), Sách B, P.",  # under B (Bảo), not N; printed Họ Đệm Tên
        "3. Lê Thị Cúc (2020), Sách C, P.",
        "4. Tran Van Dung (2020), Sách D, P.",  # typed without marks: still Họ Đệm Tên, under Dung
    ]


# --- Fields ------------------------------------------------------------------------------------

FIELDS_BIB = r"""
@misc{soft, author = {Ann Coder}, title = {Tool}, year = {2023}, url = {https://example.org/tool},
  urldate = {2024-02-01}}
@software{sw, author = {Bob Dev}, title = {Lib}, version = {2.0}, date = {2024-02-29}, url = {https://example.org/lib}}
@misc{zot, author = {Zed Zotero}, title = {A page}, year = {2025},
  howpublished = {\url{https://example.org/page}}, note = {Accessed: 2025-01-01}}
@inproceedings{loc, author = {Cara Lin}, title = {Talk}, booktitle = {Proc. X}, year = {2019}, publisher = {ACM},
  location = {Oslo}, pages = {1--9}}
@phdthesis{phd, author = {Dan Moe}, title = {Deep things}, type = {phdthesis}, school = {MIT}, year = {2018}}
@thesis{ms, author = {Eve Noor}, title = {Shallow things}, type = {mastersthesis}, institution = {ETH}, year = {2017}}
@article{note, author = {Finn Olsen}, title = {Result}, journal = {Acta}, year = {2021}, note = {under review}}
@book{sub, author = {Gail Park}, title = {Main title}, subtitle = {A subtitle}, edition = {3}, year = {2012},
  publisher = {Wiley}, location = {London}}
@mvbook{mv, author = {Hugo Quist}, title = {Collected Works}, year = {1990}, publisher = {Acad}}
@book{vol2, crossref = {mv}, title = {Letters}, volume = {2}}
@report{inst, institution = {World Bank}, title = {Annual report}, year = {2020}, type = {Technical report},
  number = {42}}
@inproceedings{nobook, author = {Ida Roth}, title = {Lonely paper}, year = {2004}}
@article{artno, author = {Jon Sand}, title = {Big}, journal = {Omega}, year = {2023}, volume = {119},
  pages = {102894}}
@set{theset, entryset = {soft,sw}, date = {2024}}
@article{paper, author = {Trần Minh}, title = {Sinh hoạt chi bộ ở vùng cao}, journal = {Báo Nhân Dân},
  entrysubtype = {newspaper}, number = {23456}, year = {2020}, month = feb, day = {3}, pages = {3}}
@misc{nd30, author = {{Chính phủ}}, type = {Nghị định}, number = {30/2020/NĐ-CP}, date = {2020-03-05},
  title = {Về công tác văn thư}, address = {Hà Nội}}
"""


def test_fields_urls_theses_subtitles_editions_volumes_issuers_pages(tmp_path):
    assert refs(tmp_path, FIELDS_BIB) == [
        "Tiếng Việt",
        "1. Chính phủ (2020), Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Hà Nội.",
        "2. Trần Minh (2020), “Sinh hoạt chi bộ ở vùng cao”, Báo Nhân Dân, số 23456, ngày 3/2/2020, tr. 3.",
        "",
        "Tiếng Anh",
        "3. Coder A. (2023), Tool, https://example.org/tool, accessed 1/2/2024.",
        "4. Dev B. (2024), Lib, https://example.org/lib.",
        "5. Lin C. (2019), “Talk”, in: Proc. X, ACM, Oslo, pp. 1-9.",
        "6. Moe D. (2018), Deep things, PhD thesis, MIT.",
        "7. Noor E. (2017), Shallow things, Master's thesis, ETH.",
        "8. Olsen F. (2021), “Result”, Acta, under review.",
        "9. Park G. (2012), Main title: A subtitle, 3rd ed., Wiley, London.",
        "10. Quist H. (1990), Collected Works, Acad.",
        "11. Quist H. (1990), Collected Works, Vol. 2, Letters, Acad.",
        "12. Roth I. (2004), “Lonely paper”.",  # no booktitle: no dangling "in: ."
        "13. Sand J. (2023), “Big”, Omega, 119, Art. no. 102894.",
        "14. World Bank (2020), Annual report, Technical report 42.",
        "15. Zotero Z. (2025), A page, https://example.org/page, accessed 1/1/2025.",
    ]  # the @set is not a work of its own: its members are listed


def test_annotation_in_another_language_is_not_printed(tmp_path):
    bib = (
        "@article{a, author = {Amy Bell}, title = {Sleepy drivers}, journal = {Sensors}, year = {2024},"
        " pages = {1--9}, note = {Trích dẫn ở mục 1.4.3}}\n"
    )
    assert refs(tmp_path, bib) == ["1. Bell A. (2024), “Sleepy drivers”, Sensors, pp. 1-9."]


# --- Decoding ----------------------------------------------------------------------------------

DECODING_BIB = r"""
@string{jean = {Jean}}
@string{cesar = {C{\'e}sar}}
@string{nj = "Nice Journal"}
@article{cesar, author = cesar # ", " # jean, title = {An amazing title}, journal = nj # " of " # {Things},
  year = {2013}, pages = {12--23}}
@book{vntex, author = {Nguy\~{\ecircumflex}n V\uhorn\ohorn ng}, title = {L\`\ohorn i n\'oi \dj\`{\^a}u},
  year = {2001}, publisher = {Nxb Tr\h{e}}}
@book{dash, author = {Anna Berg}, title = {Theory -- practice --- and more}, year = {2022-10}, publisher = {Springer}}
@book{bracket, author = {Carl Dahl}, title = {Old book}, year = {[1998]}, publisher = {Hale}}
@book{suffb, author = {Carl Dahl}, title = {Book B}, year = {2005b}, publisher = {Hale}}
@book{suffa, author = {Carl Dahl}, title = {Book A}, year = {2005a}, publisher = {Hale}}
@book{macro, author = {Eva Fox}, title = {A \foo{} title}, year = {2020}, publisher = {Hale}}
@book{pct, author = {Gus Hale}, title = {Growth of {50%} -- and more}, year = {2021}, publisher = {Hale},
  note = {See http://example.edu/~gus/book}}
"""


def test_decoding_strings_vntex_dashes_years(tmp_path):
    assert refs(tmp_path, DECODING_BIB) == [
        "Tiếng Việt",
        "1. Nguyễn Vương (2001), Lời nói đầu, Nxb Trẻ.",
        "",
        "Tiếng Anh",
        "2. Berg A. (2022), Theory – practice — and more, Springer.",
        "3. César J. (2013), “An amazing title”, Nice Journal of Things, pp. 12-23.",
        "4. Dahl C. (1998), Old book, Hale.",
        "5. Dahl C. (2005a), Book A, Hale.",
        "6. Dahl C. (2005b), Book B, Hale.",
        "7. Fox E. (2020), A \\foo title, Hale.",
        "8. Hale G. (2021), Growth of 50% – and more, Hale, See http://example.edu/~gus/book.",
    ]
    assert check(tmp_path) == [
        "bibliography/references.bib:9:1: warning[B105] @dash: year `2022-10` is not a year",
        "bibliography/references.bib:13:1: warning[B109] @macro: field `title` still holds `\\foo`"
        " after decoding LaTeX",
    ]


# --- Groups and order --------------------------------------------------------------------------

GROUPS_BIB = r"""
@book{bcp, author = {Lê Văn An}, title = {Sách}, year = {2015}, publisher = {Nxb Trẻ}, langid = {vi-VN}}
@book{bcpen, author = {Smith, John}, title = {Book}, year = {2015}, publisher = {Wiley}, langid = {en-US}}
@book{doimoi, author = {Beresford, Melanie}, title = {The Đổi Mới Reforms and the Economy of Vietnam},
  year = {2008}, publisher = {Routledge}}
@book{zeta, author = {Zeta, Paul}, title = {Z}, year = {2000}, publisher = {P}}
@book{aberg, author = {Åberg, Lars}, title = {A}, year = {2000}, publisher = {P}}
@book{ozturk, author = {Öztürk, Ali}, title = {O}, year = {2000}, publisher = {P}}
@book{oz, author = {Oz, Amos}, title = {O}, year = {2000}, publisher = {P}}
@book{zh1, author = {聂灵沼}, title = {代数学引论}, year = {2000}, publisher = {高等教育出版社}}
@book{zh2, author = {丁石孙}, title = {代数}, year = {2000}, publisher = {高等教育出版社}}
@book{ru1, author = {Жуков, Иван}, title = {История}, year = {2001}, publisher = {Наука}}
@book{ru2, author = {Ёлкин, Пётр}, title = {История}, year = {2001}, publisher = {Наука}}
@book{ru3, author = {Егоров, Олег}, title = {История}, year = {2001}, publisher = {Наука}}
@article{tie2, author = {Smith, John and Young, Amy}, title = {Second}, journal = {J}, year = {2010}}
@article{tie1, author = {Smith, John and Brown, Carl}, title = {First}, journal = {J}, year = {2012}}
@article{vnen, author = {Nguyễn Văn Bình}, title = {Rice markets in the Mekong delta}, journal = {J}, year = {2016}}
@book{mao, author = {Mao Trạch Đông}, title = {Tuyển tập}, year = {1970}, publisher = {Nxb Sự thật}}
"""


def test_groups_bcp47_title_language_foreign_collation_coauthor_ties(tmp_path):
    assert refs(tmp_path, GROUPS_BIB) == [
        "Tiếng Việt",
        "1. Lê Văn An (2015), Sách, Nxb Trẻ.",
        "2. Mao Trạch Đông (1970), Tuyển tập, Nxb Sự thật.",
        "",
        "Tiếng Anh",
        "3. Åberg L. (2000), A, P.",  # with A, not after z
        "4. Beresford M. (2008), The Đổi Mới Reforms and the Economy of Vietnam, Routledge.",
        "5. Nguyễn Văn Bình (2016), “Rice markets in the Mekong delta”, J.",
        "6. Oz A. (2000), O, P.",
        "7. Öztürk A. (2000), O, P.",
        "8. Smith J. (2015), Book, Wiley.",
        "9. Smith J. and C. Brown (2012), “First”, J.",  # co-author before year (§10.3 step 2)
        "10. Smith J. and A. Young (2010), “Second”, J.",
        "11. Zeta P. (2000), Z, P.",
        "",
        "Tiếng Nga",
        "12. Егоров О. (2001), История, Наука.",
        "13. Ёлкин П. (2001), История, Наука.",  # Ё after Е, before Ж
        "14. Жуков И. (2001), История, Наука.",
        "",
        "Tiếng Trung",
        "15. 丁石孙 (2000), 代数, 高等教育出版社.",  # pinyin: Ding before Nie
        "16. 聂灵沼 (2000), 代数学引论, 高等教育出版社.",
    ]
    assert check(tmp_path) == [
        "bibliography/references.bib:17:1: warning[B112] @vnen: Vietnamese author `Nguyễn Văn Bình` in the `en`"
        " group is filed under the given name `Bình`",
        "bibliography/references.bib:18:1: warning[B111] @mao: `Mao Trạch Đông` is filed under `Đông`, its last"
        " word, but `Mao` is not a Vietnamese family name",
    ]


# --- Duplicates --------------------------------------------------------------------------------


def test_same_work_under_two_keys_and_duplicate_key_name_the_first(tmp_path):
    bib = (
        "@article{a1, author = {Smith, John}, title = {Inverse Problems}, journal = {J}, year = {2004},"
        " doi = {10.1000/xyz}}\n"
        "@article{a2, author = {John Smith}, title = {Inverse problems.}, journal = {J}, year = {2004}}\n"
        "@article{b1, author = {Lee, Ann}, title = {One}, journal = {J}, year = {2001}, doi = {10.1000/ABC}}\n"
        "@article{b2, author = {Lee, Ann}, title = {Two}, journal = {J}, year = {2001},"
        " doi = {https://doi.org/10.1000/abc}}\n"
        "@article{a1, author = {Other, One}, title = {Other}, journal = {J}, year = {2001}}\n"
        "@book{t5, author = {Hồ Chí Minh}, title = {Toàn tập}, volume = {5}, year = {2011}, publisher = {P}}\n"
        "@book{t12, author = {Hồ Chí Minh}, title = {Toàn tập}, volume = {12}, year = {2011}, publisher = {P}}\n"
    )
    root = make_project(tmp_path, {"01.md": "X.\n"}, bib, config=NO_C110)
    out = run_luanan("check", cwd=root).stdout
    assert (
        "bibliography/references.bib:5:1: error[B102] duplicate key `a1`: only the first entry with this key"
        " (line 1) is used" in out
    )
    assert (
        "bibliography/references.bib:2:1: warning[B110] @a2 is the same work as @a1"
        " (bibliography/references.bib:1): same title, year and first author" in out
    )
    assert (
        "bibliography/references.bib:4:1: warning[B110] @b2 is the same work as @b1"
        " (bibliography/references.bib:3): same DOI 10.1000/abc" in out
    )
    assert out.count("[B110]") == 2  # volumes 5 and 12 of one collected works are two works


# --- Numbering styles --------------------------------------------------------------------------

NUMBERING_BIB = """@book{an, author = {Lê Văn An}, title = {Sách A}, year = {2015}, publisher = {Nxb Trẻ}}
@book{binh, author = {Trần Văn Bình}, title = {Sách B}, year = {2016}, publisher = {Nxb Trẻ}}
@book{smith, author = {Smith, John}, title = {Book}, year = {2010}, publisher = {Wiley}}
@book{cuong, author = {Phạm Văn Cường}, title = {Sách C}, year = {2017}, publisher = {Nxb Trẻ}}
"""
CITATION_ORDER = 'title: "T"\nprofile_overrides:\n  bibliography: {numbering: citation-order}\n'


def test_citation_order_numbers_follow_the_first_citation(tmp_path):
    lines = refs(
        tmp_path, NUMBERING_BIB, "Đầu [@smith]. Rồi [@binh, tr. 5]. Lại [@smith]. Sau [@an].\n", CITATION_ORDER
    )
    assert lines == [  # one list, no language headings; the uncited entry last
        "1. Smith J. (2010), Book, Wiley.",
        "2. Trần Văn Bình (2016), Sách B, Nxb Trẻ.",
        "3. Lê Văn An (2015), Sách A, Nxb Trẻ.",
        "4. Phạm Văn Cường (2017), Sách C, Nxb Trẻ.",
    ]


def test_citation_order_has_the_lock_drift_check_and_renumber(tmp_path):
    chapter = "Đầu [@smith]. Rồi [@binh, tr. 5]. Sau [@an].\n"
    root = make_project(tmp_path, {"01.md": chapter}, NUMBERING_BIB, config=CITATION_ORDER)
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    lock = (root / "bibliography" / "refnums.lock").read_text(encoding="utf-8")
    assert lock.endswith("1 smith\n2 binh\n3 an\n4 cuong\n")
    # Literal numbers are read through the lock: the order stays.
    (root / "chapters" / "01.md").write_text("Đầu [1]. Rồi [2, tr. 5]. Sau [@an].\n", encoding="utf-8")
    assert run_luanan("check", cwd=root).returncode == 0
    # A new first citation: every literal number moves up by one.
    (root / "chapters" / "01.md").write_text("Mở [@cuong]. Đầu [1]. Rồi [2, tr. 5]. Sau [@an].\n", encoding="utf-8")
    result = run_luanan("check", cwd=root)
    assert result.returncode == 1
    assert [line for line in result.stdout.splitlines() if "[N105]" in line] == [
        "chapters/01.md:1:19: error[N105] [1] meant @smith at the last build and now means @cuong; @smith is now 2",
        "chapters/01.md:1:28: error[N105] [2] meant @binh at the last build and now means @smith; @binh is now 3",
    ]
    assert run_luanan("renumber", "--write", cwd=root).returncode == 0
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == (
        "Mở [@cuong]. Đầu [2]. Rồi [3, tr. 5]. Sau [@an].\n"
    )
    assert run_luanan("check", cwd=root).returncode == 0


def test_cited_only_lists_only_cited_entries_and_warns_about_the_rest(tmp_path):
    config = 'title: "T"\nprofile_overrides:\n  bibliography: {cited_only: true}\n'
    root = make_project(tmp_path, {"01.md": "Một [@smith]. Hai [@an].\n"}, NUMBERING_BIB, config=config)
    assert run_luanan("refs", cwd=root).stdout.splitlines() == [
        "Tiếng Việt",
        "1. Lê Văn An (2015), Sách A, Nxb Trẻ.",
        "",
        "Tiếng Anh",
        "2. Smith J. (2010), Book, Wiley.",
    ]
    warnings = check(root)
    assert warnings == [
        "bibliography/references.bib:2:1: warning[C110] entry @binh is never cited",
        "bibliography/references.bib:4:1: warning[C110] entry @cuong is never cited",
    ]


def test_unknown_numbering_is_a_config_error(tmp_path):
    config = 'title: "T"\nprofile_overrides:\n  bibliography: {numbering: alphabetical}\n'
    root = make_project(tmp_path, {"01.md": "X.\n"}, NUMBERING_BIB, config=config)
    result = run_luanan("refs", cwd=root)
    assert result.returncode != 0
    assert "`bibliography.numbering` must be `sorted` or `citation-order`" in result.stderr


def test_ieee_online_notes_no_author_and_organisation_authors(tmp_path):
    bib = r"""@misc{repo, author = {Kim Nguyen}, title = {A radio tool}, year = {2016},
  note = {[Online]. Available: \url{https://github.com/example/radio}}}
@misc{page, title = {What is a diagram?}, year = {2025}, howpublished = {\url{https://example.org/diagram}},
  note = {Accessed: 2025-01-01}}
@techreport{chip, author = "Analog Devices", title = "Converter", institution = "Analog Devices", year = "2019",
  number = "AD-1"}
@article{svm, author = {Chang, Chih-Chung}, title = {SVMs}, journal = {ACM TIST}, year = {2011},
  note = {Software at \url{http://example.edu/~cjlin/svm}}}
"""
    assert refs(tmp_path, bib) == [
        "1. Analog Devices (2019), Converter, AD-1.",  # the author is the institution: not `Devices A.`
        "2. Chang C.-C. (2011), “SVMs”, ACM TIST, Software at http://example.edu/~cjlin/svm.",
        "3. Nguyen K. (2016), A radio tool, https://github.com/example/radio.",
        "4. What is a diagram? (2025), https://example.org/diagram, accessed 1/1/2025.",  # no author: title first
    ]
