"""The bibliography: loading real BibTeX, the reference list, numbering and its commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import docx
import pytest

from conftest import REPO, SHARED, make_project, run_luanan
from luanan import files, rewrite
from luanan.check import check_project
from luanan.load.bibtex import load_bibtex
from luanan.parse import parse_project
from luanan.project import load_project

FIXTURE = REPO / "tests" / "fixtures" / "reference-list"
CORPUS = SHARED / "corpus" / "bib"


def project_with_bib(root: Path, bib: str, chapter: str = "Không trích dẫn.\n", config: str | None = None) -> Path:
    return make_project(root, {"01.md": chapter}, bib, config=config or 'title: "T"\nchecks: {C110: off}\n')


def test_reference_list_order_and_text_written_by_hand(tmp_path):
    """32 sources of every kind; expected.txt was written by hand from spec §9 and §10.3."""
    root = project_with_bib(tmp_path, (FIXTURE / "references.bib").read_text(encoding="utf-8"))
    result = run_luanan("refs", cwd=root)
    assert result.returncode == 0
    assert result.stdout == (FIXTURE / "expected.txt").read_text(encoding="utf-8")


def test_refs_json_lists_number_key_group_text(tmp_path):
    root = project_with_bib(tmp_path, (FIXTURE / "references.bib").read_text(encoding="utf-8"))
    rows = json.loads(run_luanan("refs", "--format", "json", cwd=root).stdout)
    assert [r["number"] for r in rows] == list(range(1, 33))
    assert rows[0] == {
        "number": 1,
        "key": "an2015",
        "group": "vi",
        "text": "Lê Văn An (2015), Công tác kiểm tra của Đảng ở cơ sở, Nxb Chính trị quốc gia Sự thật, Hà Nội.",
    }
    assert [r["group"] for r in rows][25:] == ["vi", "en", "en", "en", "en", "fr", "ru"]


def test_markdown_list_has_real_emphasis_and_group_headings(tmp_path):
    root = project_with_bib(tmp_path, (FIXTURE / "references.bib").read_text(encoding="utf-8"))
    markdown = run_luanan("refs", "--format", "markdown", cwd=root).stdout
    assert "## Tiếng Anh {.unnumbered .unlisted}" in markdown
    assert "[1.]{#ref-1} Lê Văn An (2015), *Công tác kiểm tra của Đảng ở cơ sở*, Nxb" in markdown


def test_latex_escapes_strings_crossref_and_comments(tmp_path):
    bib = r"""@string{nxb = "Nxb Ch{\'i}nh tr{\d i} qu{\'\^o}c gia"}
@comment{jabref-meta: databaseType:bibtex;}
@book{host, editor = {Ph{\d a}m Minh {\DJ}ức}, title = {S{\'a}ch {\DJ}{\`\^e}}, year = {2017},
  publisher = nxb, address = {H{\`a} N{\d\^o}i}}
@incollection{part, author = {{\'E}mile Zola}, title = {B{\`a}i {{l\~{a}m}}}, crossref = {host}, pages = {1--9}}
"""
    path = tmp_path / "a.bib"
    path.write_text(bib, encoding="utf-8")
    entries, problems = load_bibtex(path, Path("a.bib"))
    assert problems == []
    host, part = entries
    assert host.get("editor") == "Phạm Minh Đức"
    assert host.get("title") == "Sách Đề"
    assert host.get("publisher") == "Nxb Chính trị quốc gia"
    assert host.get("address") == "Hà Nội"
    assert part.get("author") == "Émile Zola" and part.get("title") == "Bài lãm"
    root = project_with_bib(tmp_path / "p", bib)
    part_entry = load_project(root).bibliography.by_key["part"]
    assert part_entry.get("booktitle") == "Sách Đề" and part_entry.get("publisher") == "Nxb Chính trị quốc gia"


# Counts verified by reading each file (see its .source.txt): entries loaded, and the
# findings that are really there, with their lines.
CORPUS_EXPECTED = {
    # the @XData container is data, not a source; the @Set groups two entries listed on their own
    "fixture-bibtexparser-biblatex-contract.bib": (2, []),
    "fixture-bibtexparser-crossref-cycle.bib": (3, [("B108", 6), ("B108", 11), ("B108", 16)]),
    "fixture-bibtexparser-strings.bib": (1, []),
    "jabref-testbib-complex.bib": (19, [("B110", 272)]),  # two articles with one DOI
    # pages = {S0377221724000729}; ten works entered twice (a Google Scholar and a Zotero copy)
    "vn-ctu-thesis-template-zotero.bib": (
        75,
        [("B106", 350)] + [("B110", n) for n in (241, 252, 286, 609, 638, 649, 711, 738, 748, 758, 768)],
    ),
    "vn-hcmus-template-publications.bib": (
        8,
        [("B105", 1), ("B105", 11), ("B105", 22), ("B105", 33), ("B105", 43), ("B105", 55), ("B105", 79)],
    ),  # year={2022-10}
    "vn-hcmut-lvtn-2015-jabref.bib": (38, [("B106", 41), ("B105", 264)]),  # 27:1-27:27; no year
    "vn-uit-thesis-template-acl.bib": (1, []),
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_file_loads_with_its_real_findings(tmp_path, name):
    root = project_with_bib(
        tmp_path,
        (CORPUS / name).read_text(encoding="utf-8"),
        config='title: "T"\nchecks: {C110: off, B103: off, N104: off}\n',
    )
    project = load_project(root)
    listed, findings = CORPUS_EXPECTED[name]
    assert len(project.bibliography.numbered()) == listed
    assert all(entry.line >= 1 for entry in project.bibliography.entries)
    found = [(d.code, d.line) for d in check_project(project).diagnostics]
    assert sorted(found) == sorted(findings)
    assert run_luanan("refs", cwd=root).returncode == 0


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")
def test_corpus_total():
    total = sum(len(load_bibtex(p, Path(p.name))[0]) for p in CORPUS.glob("*.bib"))
    assert total == 308  # as corpus/README.md says (20 files)


SORTED_BIB = """@book{an, author = {Lê Văn An}, title = {Sách A}, year = {2015}, publisher = {Nxb Trẻ}}
@book{binh, author = {Trần Văn Bình}, title = {Sách B}, year = {2016}, publisher = {Nxb Trẻ}}
@book{cuong, author = {Phạm Văn Cường}, title = {Sách C}, year = {2017}, publisher = {Nxb Trẻ}}
"""
SORTED_CHAPTER = "Một [1, tr. 5]. Hai [2]. Ba [3, tr. 7]. Cả hai [1; 3]. Khóa [@binh].\n"


def sorted_project(tmp_path) -> Path:
    root = project_with_bib(tmp_path, SORTED_BIB, SORTED_CHAPTER, config='title: "T"\n')
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    assert (root / "bibliography" / "refnums.lock").read_text(encoding="utf-8").endswith("1 an\n2 binh\n3 cuong\n")
    # A new source filed under "Ánh" comes second: Bình and Cường move down by one.
    with open(root / "bibliography" / "references.bib", "a", encoding="utf-8") as bib:
        bib.write("@book{anh, author = {Nguyễn Thị Ánh}, title = {Sách Á}, year = {2018}, publisher = {Nxb Trẻ}}\n")
    return root


def test_new_source_shifts_exactly_the_right_citations(tmp_path):
    root = sorted_project(tmp_path)
    check = run_luanan("check", cwd=root)
    assert check.returncode == 1
    shifted = [line for line in check.stdout.splitlines() if "[N105]" in line]
    assert shifted == [
        "chapters/01.md:1:22: error[N105] [2] meant @binh at the last build and now means @anh; @binh is now 3",
        "chapters/01.md:1:30: error[N105] [3] meant @cuong at the last build and now means @binh; @cuong is now 4",
        "chapters/01.md:1:52: error[N105] [3] meant @cuong at the last build and now means @binh; @cuong is now 4",
    ]
    diff = run_luanan("renumber", cwd=root).stdout
    assert "-Một [1, tr. 5]. Hai [2]. Ba [3, tr. 7]. Cả hai [1; 3]. Khóa [@binh].\n" in diff
    assert "+Một [1, tr. 5]. Hai [3]. Ba [4, tr. 7]. Cả hai [1; 4]. Khóa [@binh].\n" in diff
    assert "+2 anh\n+3 binh\n+4 cuong\n" in diff
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == SORTED_CHAPTER  # a dry run

    written = run_luanan("renumber", "--write", cwd=root)
    assert written.returncode == 0 and "originals kept in build/backup/" in written.stdout
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == (
        "Một [1, tr. 5]. Hai [3]. Ba [4, tr. 7]. Cả hai [1; 4]. Khóa [@binh].\n"
    )
    assert run_luanan("check", cwd=root).returncode == 0


def test_interrupted_write_leaves_every_file_as_it_was(tmp_path, monkeypatch):
    root = sorted_project(tmp_path)
    project = load_project(root)
    changes, _ = rewrite.plan_renumber(parse_project(project))
    assert len(changes) == 2  # the chapter and the lock file
    before = {c.path: (root / c.path).read_bytes() for c in changes}
    real_replace, calls = os.replace, []

    def failing_replace(source, destination):
        calls.append(destination)
        if len(calls) == 2:
            raise OSError("disk full (simulated)")
        return real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    with pytest.raises(OSError):
        rewrite.apply(root, changes)
    monkeypatch.setattr(files.os, "replace", real_replace)
    for path, content in before.items():
        assert (root / path).read_bytes() == content
    leftovers = [p for p in root.rglob("*.tmp")]
    assert leftovers == []


def test_renumber_sort_in_explicit_mode(tmp_path):
    bib = (
        "@book{binh, refnum = {1}, author = {Trần Văn Bình}, title = {B}, year = {2016}, publisher = {P}}\n"
        "@book{an, refnum = {2}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n"
    )
    root = project_with_bib(tmp_path, bib, "Bình [1, tr. 3] và An [2].\n")
    hint = "     = hint: `luanan renumber --sort` renumbers the entries and rewrites the citations"
    assert run_luanan("check", cwd=root).stdout.splitlines() == [
        "bibliography/references.bib:1:1: warning[N104] @binh is number 1 but would be 2 in the standard order",
        hint,
        "bibliography/references.bib:2:1: warning[N104] @an is number 2 but would be 1 in the standard order",
        hint,
        "0 errors, 2 warnings; 2 citations checked, 0 locators verified against page data, 1 unverifiable",
    ]
    assert run_luanan("renumber", "--sort", "--write", cwd=root).returncode == 0
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == "Bình [2, tr. 3] và An [1].\n"
    bib_text = (root / "bibliography" / "references.bib").read_text(encoding="utf-8")
    assert "@book{binh, refnum = {2}" in bib_text and "@book{an, refnum = {1}" in bib_text
    assert run_luanan("check", cwd=root).returncode == 0


def test_cite_to_keys_then_numbers_in_the_outputs(tmp_path):
    bib = (
        "@book{an, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n"
        "@book{binh, refnum = {2}, author = {Trần Văn Bình}, title = {B}, year = {2016}, publisher = {P}}\n"
    )
    root = project_with_bib(tmp_path, bib, "Dẫn [2, tr. 3] và [1; 2].\n")
    assert run_luanan("cite", "--to-keys", "--write", cwd=root).returncode == 0
    assert (root / "chapters" / "01.md").read_text(encoding="utf-8") == "Dẫn [@binh, tr. 3] và [@an; @binh].\n"
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    text = "\n".join(p.text for p in docx.Document(root / "build" / "thesis.docx").paragraphs)
    assert "Dẫn [2, tr. 3] và [1; 2]." in text


def test_reference_titles_are_italic_in_the_docx(embedded_build):
    document = docx.Document(embedded_build / "build" / "thesis.docx")
    paragraph = next(p for p in document.paragraphs if p.text.startswith("131. "))
    italic = "".join(run.text for run in paragraph.runs if run.italic)
    assert italic.startswith("Chương trình hành động số 07-CTr/TU")
    assert "Tỉnh ủy Thanh Hóa" not in italic


def test_sortkey_overrides_the_given_name(tmp_path):
    bib = (
        "@book{hcm, author = {Hồ Chí Minh}, sortkey = {Hồ Chí Minh}, title = {Toàn tập},"
        " year = {2011}, publisher = {P}}\n"
        "@book{an, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n"
        "@book{lan, author = {Vũ Thị Lan}, title = {L}, year = {2015}, publisher = {P}}\n"
    )
    root = project_with_bib(tmp_path, bib)
    numbered = [entry.key for _, entry in load_project(root).bibliography.numbered()]
    assert numbered == ["an", "hcm", "lan"]  # filed under H (Hồ), not M (Minh)
