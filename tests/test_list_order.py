"""The order of the reference list (spec §10.3) as `luanan refs` prints it, for sources written
here: co-authors, year, title and volume break ties; `sortkey`/`sortname`; Vietnamese names by
given name however written; foreign names by surname and initials (`Smith Z.` twice keeps the
input order); the Unicode Collation Algorithm in foreign groups, pinyin with tones in Chinese.
In-process, for `make mutate` (bibliography/sorting.py, vietnamese/collation.py)."""

from __future__ import annotations

from test_reference_list_core import refs

ORDER = r"""
@book{s1, author = {Lê Văn An and Trần Văn Ưng}, title = {Sách chung}, publisher = {P}, year = {2010}}
@book{s2, author = {Lê Văn An and Trần Văn Uyên}, title = {Sách chung}, publisher = {P}, year = {2010}}
@book{s3, author = {Lê Văn An}, title = {Tuyển tập}, volume = {12}, publisher = {P}, year = {2011}}
@book{s4, author = {Lê Văn An}, title = {Tuyển tập}, volume = {1}, publisher = {P}, year = {2011}}
@book{s5, author = {Lê Văn An}, title = {Tuyển tập}, publisher = {P}, year = {2011}}
@book{s6, author = {Lê Văn An}, title = {Tuyển tập}, volume = {5}, publisher = {P}, year = {2011}}
@book{s7, author = {Lê Văn An}, title = {Bài viết sau}, publisher = {P}, year = {2012}}
@book{s8, author = {Lê Văn An}, title = {Bài viết đầu}, publisher = {P}, year = {2012}}
@book{s9, author = {Lê, Hà Anh}, title = {Sách của Hà Anh}, publisher = {P}, year = {2013}}
@book{s10, author = {Lê Văn Bình}, title = {Sách của Bình}, publisher = {P}, year = {2013}}
@book{s11, author = {Taylor, Al Ann}, title = {Sách dịch thứ hai}, publisher = {P}, year = {2014}}
@book{s12, author = {Smith, Bob Zed}, title = {Sách dịch thứ nhất}, publisher = {P}, year = {2014}}
@book{s18, author = {Smith, Ben}, title = {Sách dịch thứ nhất}, publisher = {P}, year = {2014}}
@book{s13, author = {V.I.Lênin}, title = {Toàn tập của Lênin}, publisher = {P}, year = {2015}}
@book{s14, author = {Nguyễn Văn Long}, title = {Sách của Long}, publisher = {P}, year = {2015}}
@book{s15, author = {Lê Thị Kim}, title = {Sách của Kim}, publisher = {P}, year = {2015}}
@book{s16, author = {Hồ Chí Minh}, sortkey = {Hồ Chí Minh}, title = {Sách của Bác}, publisher = {P}, year = {2016}}
@book{s17, author = {Võ Nguyên Giáp}, sortname = {Võ}, title = {Sách của Đại tướng}, publisher = {P}, year = {2016}}
@book{e1, author = {Zeta, Zoe}, title = {Zeta Book}, publisher = {P}, year = {2001}}
@book{e2, author = {Åberg, Ann}, title = {Aberg Book}, publisher = {P}, year = {2001}}
@book{e3, author = {Smith, Zed}, title = {Same Book}, publisher = {Zed Press}, year = {2001}}
@book{e4, author = {Smith, Zack}, title = {Same Book}, publisher = {Zack Press}, year = {2001}}
@book{e5, author = {Smith, John}, title = {Same Book}, publisher = {P}, year = {2001}}
@book{e6, author = {Smith, Adam}, title = {Same Book}, publisher = {P}, year = {2001}}
@book{e7, author = {John St.Clair}, title = {Saint Book}, publisher = {P}, year = {2001}}
@book{e8, author = {Ann Sterling}, title = {Sterling Book}, publisher = {P}, year = {2001}}
@book{e9, author = {Reagle, Sr., Joseph}, title = {Faith}, publisher = {P}, year = {2001}}
@book{e10, author = {Reagle, Jr., Joseph}, title = {Faith}, publisher = {P}, year = {2001}}
@book{e11, author = {Nguyễn Văn An}, title = {A Book in English}, langid = {english}, publisher = {P}, year = {2001}}
@book{e12, author = {Bell, Bo}, title = {Bell Book}, publisher = {P}, year = {2001}}
@book{z1, author = {马}, title = {中文书一}, publisher = {P}, year = {2001}}
@book{z2, author = {麻}, title = {中文书二}, publisher = {P}, year = {2001}}
@book{z3, author = {王}, title = {中文书三}, publisher = {P}, year = {2001}}
@book{z4, author = {丁石孙}, title = {中文书四}, publisher = {P}, year = {2001}}
"""


def test_order_of_the_list(tmp_path, capsys):
    assert refs(tmp_path, capsys, ORDER) == (
        "Tiếng Việt\n"
        "1. Lê Văn An (2011), Tuyển tập, P.\n"
        "2. Lê Văn An (2011), Tuyển tập, t.1, P.\n"
        "3. Lê Văn An (2011), Tuyển tập, t.5, P.\n"
        "4. Lê Văn An (2011), Tuyển tập, t.12, P.\n"
        "5. Lê Văn An (2012), Bài viết đầu, P.\n"
        "6. Lê Văn An (2012), Bài viết sau, P.\n"
        "7. Lê Văn An, Trần Văn Uyên (2010), Sách chung, P.\n"
        "8. Lê Văn An, Trần Văn Ưng (2010), Sách chung, P.\n"
        "9. Lê Hà Anh (2013), Sách của Hà Anh, P.\n"
        "10. Lê Văn Bình (2013), Sách của Bình, P.\n"
        "11. Hồ Chí Minh (2016), Sách của Bác, P.\n"
        "12. Lê Thị Kim (2015), Sách của Kim, P.\n"
        "13. V.I.Lênin (2015), Toàn tập của Lênin, P.\n"
        "14. Nguyễn Văn Long (2015), Sách của Long, P.\n"
        "15. Ben Smith (2014), Sách dịch thứ nhất, P.\n"
        "16. Bob Zed Smith (2014), Sách dịch thứ nhất, P.\n"
        "17. Al Ann Taylor (2014), Sách dịch thứ hai, P.\n"
        "18. Võ Nguyên Giáp (2016), Sách của Đại tướng, P.\n"
        "\n"
        "Tiếng Anh\n"
        "19. Åberg A. (2001), Aberg Book, P.\n"
        "20. Nguyễn Văn An (2001), A Book in English, P.\n"
        "21. Bell B. (2001), Bell Book, P.\n"
        "22. Reagle J., Jr. (2001), Faith, P.\n"
        "23. Reagle J., Sr. (2001), Faith, P.\n"
        "24. Smith A. (2001), Same Book, P.\n"
        "25. Smith J. (2001), Same Book, P.\n"
        "26. Smith Z. (2001), Same Book, Zed Press.\n"
        "27. Smith Z. (2001), Same Book, Zack Press.\n"
        "28. St.Clair J. (2001), Saint Book, P.\n"
        "29. Sterling A. (2001), Sterling Book, P.\n"
        "30. Zeta Z. (2001), Zeta Book, P.\n"
        "\n"
        "Tiếng Trung\n"
        "31. 丁石孙 (2001), 中文书四, P.\n"
        "32. 麻 (2001), 中文书二, P.\n"
        "33. 马 (2001), 中文书一, P.\n"
        "34. 王 (2001), 中文书三, P.\n"
    )


# Whether a text is Vietnamese decides the group, the filing of a name and whether a note is
# printed (a note in another language than its entry is the author's own remark): `đ ă ơ ư ĩ ũ`
# in either case and `Ạ`…`ỹ` (U+1EA0–U+1EF9) are Vietnamese letters; `Ỻ` (U+1EFA) is not.
NOTES = r"""
@book{n1, author = {Lê Văn Vinh}, title = {Sách của Vinh}, publisher = {P}, year = {2001}, note = {ĐOÀN VIÊN}}
@book{n2, author = {Lê Văn Xuân}, title = {Sách của Xuân}, publisher = {P}, year = {2001}, note = {đoàn viên}}
@book{n3, author = {Lê Văn Tâm}, title = {Sách của Tâm}, publisher = {P}, year = {2001}, note = {ẠNH HÙNG}}
@book{n4, author = {Lê Văn Sơn}, title = {Sách của Sơn}, publisher = {P}, year = {2001}, note = {ÀN}}
@book{e1, author = {Owen, Ann}, title = {Welsh Book}, publisher = {P}, year = {2001}, note = {Ỻyfr Coch}}
@book{e2, author = {Owen, Bob}, title = {Games Book}, publisher = {P}, year = {2001}, note = {Xbox edition}}
@book{e3, author = {Owen, Cy}, title = {Tea Book}, publisher = {P}, year = {2001}, note = {Trà Việt}}
"""


def test_vietnamese_letters_decide_which_notes_are_printed(tmp_path, capsys):
    assert refs(tmp_path, capsys, NOTES) == (
        "Tiếng Việt\n"
        "1. Lê Văn Sơn (2001), Sách của Sơn, P.\n"
        "2. Lê Văn Tâm (2001), Sách của Tâm, P, ẠNH HÙNG.\n"
        "3. Lê Văn Vinh (2001), Sách của Vinh, P, ĐOÀN VIÊN.\n"
        "4. Lê Văn Xuân (2001), Sách của Xuân, P, đoàn viên.\n"
        "\nTiếng Anh\n"
        "5. Owen A. (2001), Welsh Book, P, Ỻyfr Coch.\n"
        "6. Owen B. (2001), Games Book, P, Xbox edition.\n"
        "7. Owen C. (2001), Tea Book, P.\n"
    )
