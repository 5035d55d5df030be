"""What a person reads first: errors before warnings, by file; a warning code that repeats is one
line with its count unless --verbose."""

from __future__ import annotations

from conftest import make_project, run_luanan

FRONT = "---\nchapter: 1\ntitle: Một\n---\n\n"
BIB = "".join(
    f"@book{{b{n}, refnum = {{{n}}}, author = {{Lê Văn {name}}}, title = {{Sách {n}}}, year = {{2015}},"
    f" publisher = {{Nxb Trẻ}}, address = {{Hà Nội}}}}\n"
    for n, name in enumerate(["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lan"], 1)
)


def test_errors_first_and_a_repeated_warning_summed_up(tmp_path):
    chapters = {"01.md": FRONT + "Đúng [1]. Chữ  đôi.\n", "02.md": FRONT.replace("1", "2") + "Sai [9].\n"}
    root = make_project(tmp_path, chapters, BIB)
    out = run_luanan("check", cwd=root).stdout.splitlines()
    firsts = [line for line in out if ": error[" in line or ": warning[" in line or line.startswith("warning[")]
    assert firsts[0].startswith("chapters/02.md:6:5: error[C101]")  # the error, though its file comes later
    assert firsts[1].startswith("chapters/01.md:6:14: warning[T106]")
    assert "warning[C110] ×7 bibliography entry never cited (first at bibliography/references.bib:2;" in out[-2]
    assert sum("C110" in line for line in out) == 1
    verbose = run_luanan("--verbose", "check", cwd=root).stdout
    assert verbose.count("warning[C110]") == 7 and "×7" not in verbose


def test_doctor_does_not_ask_for_a_font_whose_twin_is_there():
    from luanan.doctor import font_lines

    chain = ["Times New Roman", "Liberation Serif", "TeX Gyre Termes", "Libertinus Serif"]
    with_liberation = font_lines(chain, {"Liberation Serif", "Libertinus Serif", "DejaVu Sans"})
    twin = "absent   font Times New Roman — Liberation Serif, with the same metrics, is used instead"
    assert with_liberation[0] == twin
    assert with_liberation[1] == "ok       font Liberation Serif (used)"
    assert not any("apt-get" in line for line in with_liberation)
    bare = font_lines(chain, {"Libertinus Serif"})
    assert "apt-get install fonts-liberation2" in bare[0] and bare[3] == "ok       font Libertinus Serif (used)"


def test_abbreviations_listing_in_the_order_of_the_thesis_list(tmp_path):
    text = (
        FRONT + "Vùng Đồng bằng sông Cửu Long (ĐBSCL) và Hội đồng nhân dân (HĐND), Ủy ban nhân dân (UBND), Dân (DN).\n"
    )
    root = make_project(tmp_path, {"01.md": text}, BIB)
    listed = [line.split(":")[0] for line in run_luanan("abbreviations", cwd=root).stdout.splitlines()]
    assert listed == ["DN", "ĐBSCL", "HĐND", "UBND"]
