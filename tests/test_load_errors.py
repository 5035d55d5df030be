"""Input that cannot be read: one line naming file and line, exit code 2, no traceback."""

from __future__ import annotations

from conftest import SMALL_BIB, make_project, run_luanan


def assert_fatal(result, expected: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0], lines[0]


def test_no_thesis_yaml(tmp_path):
    assert_fatal(run_luanan("check", cwd=tmp_path), "thesis.yaml: error: no thesis.yaml here")


def test_invalid_yaml_names_the_line(tmp_path):
    root = make_project(tmp_path, {"01.md": "x\n"}, SMALL_BIB, config='title: "A"\nlanguage: [vi\n')
    assert_fatal(run_luanan("check", cwd=root), "thesis.yaml:3: error: invalid YAML")


def test_unknown_field_names_the_line(tmp_path):
    root = make_project(tmp_path, {"01.md": "x\n"}, SMALL_BIB, config='title: "A"\nlangauge: vi\n')
    assert_fatal(run_luanan("check", cwd=root), "thesis.yaml:2: error: unknown thesis.yaml field `langauge`")


def test_unknown_profile(tmp_path):
    root = make_project(tmp_path, {"01.md": "x\n"}, SMALL_BIB, config='title: "A"\nprofile: nope\n')
    assert_fatal(run_luanan("check", cwd=root), "thesis.yaml:2: error: unknown profile `nope`")


def test_yaml_aliases_are_refused(tmp_path):
    config = 'title: "A"\nchecks: &a {C101: error}\nsupervisor: *a\n'
    root = make_project(tmp_path, {"01.md": "x\n"}, SMALL_BIB, config=config)
    assert_fatal(run_luanan("check", cwd=root), "error: YAML aliases")


def test_chapter_not_utf8_names_the_line(tmp_path):
    root = make_project(tmp_path, {"01.md": "x\n"}, SMALL_BIB)
    (root / "chapters" / "01.md").write_bytes("dong mot\nd\xf2ng hai\n".encode("latin-1"))
    assert_fatal(run_luanan("check", cwd=root), "chapters/01.md:2: error: not valid UTF-8")


def test_bad_front_matter_names_the_line(tmp_path):
    root = make_project(tmp_path, {"01.md": "---\nchapter: 1\ntitle: [x\n---\nBody\n"}, SMALL_BIB)
    assert_fatal(run_luanan("check", cwd=root), "chapters/01.md:4: error: invalid YAML")


def test_missing_bibliography(tmp_path):
    root = make_project(tmp_path, {"01.md": "x\n"}, SMALL_BIB)
    (root / "bibliography" / "references.bib").unlink()
    assert_fatal(run_luanan("check", cwd=root), "bibliography/references.bib: error: bibliography file not found")


def test_broken_bibtex_entry_is_a_diagnostic_and_the_rest_loads(tmp_path):
    bib = SMALL_BIB + "@book{broken, title = {Thiếu ngoặc\n\n@misc{ok3, refnum = {3}, title = {Ba}}\n"
    root = make_project(tmp_path, {"01.md": "Dẫn [1] và [2].\n"}, bib)
    result = run_luanan("check", cwd=root)
    assert result.returncode == 1
    assert "bibliography/references.bib:9:1: error[B101] entry cannot be parsed" in result.stdout
    assert "Traceback" not in result.stderr


def test_crlf_bom_and_nfd_give_the_same_columns(tmp_path):
    text = "Dòng đầu.\nCâu có trích dẫn sai [9, tr. 1].\n"
    import unicodedata

    variants = {
        "plain": text.encode("utf-8"),
        "crlf-bom": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        "nfd": unicodedata.normalize("NFD", text).encode("utf-8"),
    }
    outputs = set()
    for name, data in variants.items():
        root = make_project(tmp_path / name, {"01.md": ""}, SMALL_BIB)
        (root / "chapters" / "01.md").write_bytes(data)
        result = run_luanan("check", cwd=root)
        assert result.returncode == 1
        outputs.update(line for line in result.stdout.splitlines() if "[C101]" in line)
    assert outputs == {"chapters/01.md:2:22: error[C101] reference 9 is not in the bibliography"}


def test_yaml_mistakes_are_explained_where_they_start(tmp_path):
    cases = {
        'title: "T"\nauthor: A\nsubtitle: Chương 1: Tổng quan\n': (
            "thesis.yaml:3: error: invalid YAML: a value with `: ` inside must be quoted, "
            'e.g. subtitle: "Chương 1: Tổng quan"'
        ),
        'title: "T"\nauthor: "Lê Văn\nyear: 2020\nsupervisor: "Y"\n': (
            "thesis.yaml:2: error: invalid YAML: a quotation mark opened on this line is never closed"
        ),
        'title: "T"\nchecks:\n\tC101: warning\n': "thesis.yaml:3: error: invalid YAML: a tab character",
    }
    for text, expected in cases.items():
        root = make_project(tmp_path / str(len(text)), {"01.md": "Câu.\n"}, config=text)
        result = run_luanan("check", cwd=root)
        assert result.returncode == 2 and expected in result.stderr and len(result.stderr.splitlines()) == 1
