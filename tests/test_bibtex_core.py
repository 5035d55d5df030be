"""BibTeX as luanan reads it, seen where the user sees it: the text `luanan refs` prints for
sources written in every way a .bib file is (LaTeX escapes, vntex letters, @string macros,
`#`, upper-case field names, NFD text, stray blanks), and the findings `luanan check` prints,
with their file and line. In-process, so that `make mutate` sees the mutants of load/bibtex.py."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import make_project
from luanan.cli import main


def run(tmp_path: Path, capsys, bib: str, *command: str) -> str:
    root = make_project(tmp_path, {"01.md": "Không trích dẫn.\n"}, bib, config='title: "T"\nchecks: {C110: off}\n')
    capsys.readouterr()
    main(["--project", str(root), *command])
    return capsys.readouterr().out


LATEX = r"""@string{nxb = "Nxb Ch{\'i}nh tr{\d i} qu{\'\^o}c gia"}
@STRING{ Hn = {H{\`a} N{\d\^o}i} }
@BOOK{Upper,
  AUTHOR = {{\DJ}{\u a}ng V{\u a}n Th{\ohorn}},
  Title = {  L{\d{\uhorn}}c l{\uhorn}{\ohorn}ng   v{\~u} trang  },
  PUBLISHER = nxb,
  Address = hn,
  YEAR = { 2019 },
  note = "Ph{\^a}n " # "{\h a}i" # { l{\'\acircumflex}n}
}
@article{marks, author = {M{\"u}ller, J{\"o}rg and {\O}stergaard, S{\o}ren and Ma{\l}ysz, {\L}ukasz},
  title = {Stra{\ss}e {\ae}on {\AE}ra {\oe}uvre {\OE}dipe {\aa}s {\AA}ngstr{\"o}m {\c c}a {\k a} {\H o} {\b b} {\r u}
    {\v s} {\i}{\j} {\dj}},
  journal = {\textbf{Bold} \textit{it} \emph{em} \underline{u} \textsc{sc} \textrm{rm} \textsf{sf} \texttt{tt}
    \textup{up} \textsl{sl} \mbox{box}},
  pages = {1\textendash 2},
  volume = {\textemdash\ldots\dots \LaTeX\ \TeX\ \BibTeX\ \LaTeXe\ a\textbar b \S 3 \P 4 \textregistered},
  number = {\textquotedblleft q\textquotedblright\ \textquoteleft s\textquoteright\ \textbraceleft x\textbraceright\
    \textasciitilde\ a\textunderscore b\ \textbackslash}, year = {2020}}
@misc{web, author = {Võ Văn Web}, title = {Trang 50\% $10^{3}$ $x^2$ 100% của Đảng},
  howpublished = {\url{https://example.org/a_b~c%20d}}, year = {2021}}
@misc{ieee, author = {Võ Văn Web}, title = {Trang hai của Đảng},
  note = {[Online]. Available: \url{https://example.org/x\_y}}, year = {2022}}
@online{verb, author = {Võ Văn Web}, title = {Trang ba của Đảng}, url = { https://example.org/ long\_path\%20 },
  howpublished = {https://example.org/long_path%20}, doi = {10.1/\Users}, eprint = {\Users}, file = {C:\Users\me.pdf},
  pdf = {\Users}, urlraw = {\Users}, year = {2023}}
@book{hidden, author = {Võ Văn Ẩn}, title = {Sách ẩn}, publisher = {P}, abstract = {\foo}, keywords = {\foo},
  keyword = {\foo}, annotation = {\foo}, annote = {\foo}, comment = {\foo}, comments = {\foo}, mendeley-tags = {\foo},
  year = {2000}}
@book{hash, author = {Võ Văn Dấu}, title = {C\# và F\# của Đảng}, publisher = "A # B" # " và " # {C}, year = {2002},
  edition = {#}, address = {Hà # # Nội}}
@book{tilde, author = {Nguy\~{\^e}n V\~{a}n Ng\~a}, title = {Sách ngã}, publisher = {P}, year = {2003}}
@techreport{ad, author = {Analog Devices}, institution = {Analog Devices}, title = {AD8232 datasheet}, year = {2012}}
@book{two, author = {{Bộ Y tế} and {Bộ Tài chính}}, title = {Thông tư liên tịch}, publisher = {P}, year = {2015},
  month = jun}
"""

# Decoded by hand: accents, vntex letters (\ohorn, \uhorn, \acircumflex, \h), `{\DJ}` as the
# first letter of a Vietnamese family name, stacked accents, @string macros (keys in any case),
# `#` concatenation and a `#` that is not one, URLs with their `_ ~ %` kept, verbatim fields
# without blanks; `Analog Devices`, also the institution, is an organisation.
LATEX_LIST = """\
Tiếng Việt
1. Võ Văn Ẩn (2000), Sách ẩn, P.
2. Bộ Y tế, Bộ Tài chính (2015), Thông tư liên tịch, P.
3. Võ Văn Dấu (2002), C# và F# của Đảng, #, A # B và C, Hà # # Nội.
4. Nguyễn Vãn Ngã (2003), Sách ngã, P.
5. Đăng Văn Thơ (2019), Lực lương vũ trang, Nxb Chính trị quốc gia, Hà Nội, Phân ải lấn.
6. Võ Văn Web (2021), Trang 50% 10³ x² 100% của Đảng, https://example.org/a_b~c%20d.
7. Võ Văn Web (2022), Trang hai của Đảng, https://example.org/x_y.
8. Võ Văn Web (2023), “Trang ba của Đảng”, https://example.org/long_path%20.

Tiếng Anh
9. Analog Devices (2012), AD8232 datasheet.
10. Müller J., S. Østergaard and Ł. Małysz (2020), “Straße æon Æra œuvre Œdipe ås Ångström ça ą ő ḇ ů š ıȷ đ”, \
Bold it em u sc rm sf tt up sl box, —……LaTeX TeX BibTeX LaTeX2e a|b §3 ¶4 ®(“q” ‘s’ {x} ~ a_b \\), pp. 1-2.
"""


def test_latex_decoded_in_the_reference_list(tmp_path, capsys):
    assert run(tmp_path, capsys, LATEX, "refs") == LATEX_LIST


def test_no_finding_for_decoded_latex_addresses_and_unprinted_fields(tmp_path, capsys):
    assert run(tmp_path, capsys, LATEX, "check").splitlines()[-1].startswith("0 errors, 0 warnings;")


def test_an_nfd_file_lists_as_the_nfc_one(tmp_path, capsys):
    nfd = unicodedata.normalize("NFD", LATEX)
    assert nfd != LATEX
    assert run(tmp_path, capsys, nfd, "refs") == LATEX_LIST


PLAIN = """@Article{one,
  Author    = {  Đặng Minh Dũng  },
  TITLE     = {  Bài một trang   },
  JOURNAL   = {Tạp chí Cộng sản},
  Pages     = { 5--5 },
  year      = 2020,
}
@article{many, author = "Phạm Đức Dương", title = "Bài nhiều đoạn", journal = "Tạp chí Cộng sản",
  pages = "5--7, 9--12", year = "2021"}
@book{dj, author = {{\\DJ}ặng Văn Bé and \\DJ{}inh Văn Cả}, title = {Sách}, publisher = {P}, year = {2019}}
"""


def test_upper_case_names_blanks_and_pages_as_written(tmp_path, capsys):
    assert run(tmp_path, capsys, PLAIN, "refs") == (
        "1. Đặng Văn Bé, Đinh Văn Cả (2019), Sách, P.\n"
        "2. Đặng Minh Dũng (2020), “Bài một trang”, Tạp chí Cộng sản, tr. 5.\n"
        "3. Phạm Đức Dương (2021), “Bài nhiều đoạn”, Tạp chí Cộng sản, tr. 5-7, 9-12.\n"
    )


BROKEN = r"""@book{a, author = {Lê Văn An}, title = {Sách \foo{x} và \input{y}}, publisher = {P}, year = {2015}}
@book{a, author = {Lê Văn An}, title = {Sách}, publisher = {P}, year = {2016}}

@book{b, author = {X} title = {Y}}
@book{c, author = "X" year = "2001"}
@book{, title = {Z}}
@book{d title = {Z}
@book{e, author = {Lê Văn Em}, title = {Sách E}, publisher = {P}, year = {2017}}
"""


def test_findings_with_file_and_line(tmp_path, capsys):
    out = run(tmp_path, capsys, BROKEN, "check")
    assert out.splitlines() == [
        "bibliography/references.bib:2:1: error[B102] duplicate key `a`: only the first entry with this key "
        "(line 1) is used",
        "bibliography/references.bib:4:1: error[B101] entry cannot be parsed: a comma is missing before `title`",
        "bibliography/references.bib:5:1: error[B101] entry cannot be parsed: a comma is missing before `year`",
        "bibliography/references.bib:6:1: error[B101] entry cannot be parsed: it has no key",
        "bibliography/references.bib:7:1: error[B101] entry cannot be parsed: Expected comma after entry key, "
        "but found =",
        "bibliography/references.bib:1:1: warning[B109] @a: field `title` still holds `\\foo` after decoding LaTeX",
        "     = hint: write the character itself (UTF-8), or a standard accent command such as {\\'e}",
        "5 errors, 1 warning; 0 citations checked, 0 locators verified against page data, 0 unverifiable",
    ]
    assert run(tmp_path / "refs", capsys, BROKEN, "refs") == (
        "1. Lê Văn An (2015), Sách \\foox và \\inputy, P.\n2. Lê Văn Em (2017), Sách E, P.\n"
    )


VNTEX = r"""@book{vntex, author = {Võ Văn Vn}, langid = {vietnamese}, publisher = {P}, year = {2004}, month = jun,
  title = {\ohorn\OHORN\uhorn\UHORN\abreve\ABREVE\acircumflex\ACIRCUMFLEX\ecircumflex\ECIRCUMFLEX
    \ocircumflex\OCIRCUMFLEX{} cuối {\t{oo}} \s \p \tex \LATEX}}
@article{news, entrysubtype = {newspaper}, author = {Võ Văn Báo}, title = {Tin}, journal = {Báo Nhân Dân},
  year = {2020}, month = jun, day = {5}}
"""


def test_vntex_letters_month_macros_and_commands_kept_as_text(tmp_path, capsys):
    assert run(tmp_path, capsys, VNTEX, "refs") == (
        "1. Võ Văn Báo (2020), “Tin”, Báo Nhân Dân, ngày 5/6/2020.\n"
        "2. Võ Văn Vn (2004), ơƠưƯăĂâÂêÊôÔ cuối oo \\s \\p \\tex \\LATEX, P.\n"
    )
    assert run(tmp_path / "check", capsys, VNTEX, "check").splitlines()[:2] == [
        "bibliography/references.bib:1:1: warning[B109] @vntex: field `title` still holds `\\s` after decoding LaTeX",
        "     = hint: write the character itself (UTF-8), or a standard accent command such as {\\'e}",
    ]


URL_IN_TEXT = r"""@book{u, author = {Võ Văn Url}, publisher = {P}, year = {2005},
  title = {Sách ở \url{https://x.org/p\_q\%7E\&r} và https://y.org/a_b~c%20d&e}}
"""


def test_urls_in_running_text_keep_their_characters(tmp_path, capsys):
    assert run(tmp_path, capsys, URL_IN_TEXT, "refs") == (
        "1. Võ Văn Url (2005), Sách ở https://x.org/p_q%7E&r và https://y.org/a_b~c%20d&e, P.\n"
    )


DUPLICATES = r"""@comment{a first line}
@book{k, author = {Lê Văn An}, title = {Một}, publisher = {P}, year = {2001}}
@book{k, author = {Lê Văn An}, title = {Hai}, publisher = {P}, year = {2002}}
@book{k, author = {Lê Văn An}, title = {Ba}, publisher = {P}, year = {2003}}
"""


def test_every_duplicate_names_the_line_of_the_first(tmp_path, capsys):
    out = run(tmp_path, capsys, DUPLICATES, "check").splitlines()
    assert out[:2] == [
        "bibliography/references.bib:3:1: error[B102] duplicate key `k`: only the first entry with this key "
        "(line 2) is used",
        "bibliography/references.bib:4:1: error[B102] duplicate key `k`: only the first entry with this key "
        "(line 2) is used",
    ]
