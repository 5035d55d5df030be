"""The bad-input battery: each case is a thesis with one thing broken and the outcome a user
must see — an exit code, a one-line error naming the file and line (or a diagnostic), never a
Python traceback, and no partial output in build/."""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import make_project, run_luanan
from luanan.vietnamese.encodings import TCVN3

CHAPTER = "---\nchapter: 1\ntitle: Mở đầu\n---\n\nĐảng bộ tỉnh Thanh Hóa lãnh đạo công tác kiểm tra [1, tr. 5].\n"
BIB = (
    "@book{an2015,\n  refnum = {1}, author = {Lê Văn An}, year = {2015},\n  title = {Sách}, publisher = {Nxb Trẻ},\n}\n"
)
CONFIG = 'title: "Thử nghiệm"\nlanguage: vi\n'


def write(root: Path, name: str, content: str | bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def cp1258(text: str) -> bytes:
    """Windows-1258 keeps tones as separate combining bytes after the letter."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return out


def tcvn3(text: str) -> bytes:
    reverse = {letter: byte for byte, letter in TCVN3.items()}
    return bytes(reverse[c] if c in reverse else ord(c) for c in text.lower())


@dataclass
class Case:
    name: str
    setup: Callable[[Path], None]
    code: int
    expect: str  # what stderr (exit 2) or stdout (exit 0/1) must contain
    command: tuple[str, ...] = ("build",)


def bib(text: str) -> Callable[[Path], None]:
    return lambda root: write(root, "bibliography/references.bib", text)


def config(text: str) -> Callable[[Path], None]:
    return lambda root: write(root, "thesis.yaml", text)


def chapter(content: str | bytes, name: str = "chapters/01.md") -> Callable[[Path], None]:
    return lambda root: write(root, name, content)


def symlink_loop(root: Path) -> None:
    os.symlink("02.md", root / "chapters" / "02.md")


def directory_chapter(root: Path) -> None:
    (root / "chapters" / "02.md").mkdir()


BOMB = "title: T\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
FRONT = "---\nchapter: 1\ntitle: Mở đầu\n---\n\n"

CASES = [
    # BibTeX
    Case(
        "bib-unbalanced-braces",
        bib(BIB + "@book{x, refnum = {2}, title = {Thiếu {ngoặc}\n"),
        1,
        "bibliography/references.bib:5:1: error[B101] entry cannot be parsed",
    ),
    Case(
        "bib-missing-comma",
        bib(BIB + "@book{y, refnum = {2} title = {Hai}}\n"),
        1,
        "references.bib:5:1: error[B101] entry cannot be parsed: a comma is missing before `title`",
    ),
    Case(
        "bib-unterminated-string",
        bib(BIB + '@book{z, refnum = {2}, title = "Ba\n'),
        1,
        "references.bib:5:1: error[B101]",
    ),
    Case(
        "bib-duplicate-keys",
        bib(BIB + BIB.replace("{1}", "{2}")),
        1,
        "references.bib:5:1: error[B102] duplicate key `an2015`",
    ),
    Case(
        "bib-5mb-field",
        bib(BIB.replace("title = {Sách}", "title = {Sách}, abstract = {" + "chữ " * 1_250_000 + "}")),
        0,
        "wrote build/thesis.pdf",
    ),
    Case(
        "bib-binary-garbage",
        bib(b"\x00\x01\x02\xff" * 1000),
        2,
        "bibliography/references.bib:1: error: not a text file",
    ),
    Case(
        "bib-latin1",
        bib(
            BIB.replace("Lê Văn An", "Le Van An").replace("Sách", "Caf\u00e9").replace("Nxb Trẻ", "P").encode("latin-1")
        ),
        2,
        "bibliography/references.bib:3: error: not valid UTF-8",
    ),
    Case(
        "bib-empty-key",
        bib(BIB + "@book{, title = {Không khóa}}\n"),
        1,
        "references.bib:5:1: error[B101] entry cannot be parsed: it has no key",
    ),
    Case(
        "bib-undefined-macro", bib(BIB.replace("publisher = {Nxb Trẻ}", "publisher = nxb")), 0, "wrote build/thesis.pdf"
    ),
    Case("bib-empty", bib(""), 1, "error[C101] reference 1 is not in the bibliography"),
    Case(
        "bib-missing-file",
        lambda root: (root / "bibliography" / "references.bib").unlink(),
        2,
        "bibliography/references.bib: error: bibliography file not found",
    ),
    Case("bib-refnum-not-a-number", bib(BIB.replace("refnum = {1}", "refnum = {một}")), 1, "error[B107]"),
    # thesis.yaml
    Case(
        "yaml-invalid",
        config('title: "Thử\nlanguage: vi\n'),
        2,
        "thesis.yaml:1: error: invalid YAML: a quotation mark opened on this line is never closed",
    ),
    Case("yaml-wrong-type", config("title: [a, b]\n"), 2, "thesis.yaml:1: error: `title` must be str, not list"),
    Case(
        "yaml-unknown-key",
        config(CONFIG + "tieu_de: x\n"),
        2,
        "thesis.yaml:3: error: unknown thesis.yaml field `tieu_de`",
    ),
    Case("yaml-bomb", config(BOMB), 2, "thesis.yaml:1: error: YAML aliases (*name) are not allowed"),
    Case("yaml-tab-indent", config("title: T\nchecks:\n\tC101: warning\n"), 2, "thesis.yaml:3: error: invalid YAML"),
    Case("yaml-empty", config(""), 2, "thesis.yaml:1: error: `title` is required"),
    Case("yaml-top-level-list", config("- title\n- x\n"), 2, "thesis.yaml:1: error: expected a mapping"),
    Case(
        "yaml-bad-severity",
        config(CONFIG + "checks: {C101: loud}\n"),
        2,
        "thesis.yaml:3: error: checks: `C101` must be one of",
    ),
    Case(
        "yaml-unknown-profile",
        config(CONFIG + "profile: truong-x\n"),
        2,
        "thesis.yaml:3: error: unknown profile `truong-x`",
    ),
    Case(
        "yaml-override-wrong-type",
        config(CONFIG + "profile_overrides:\n  font_size_pt: lớn\n"),
        2,
        "thesis.yaml:4: error: profile field `font_size_pt` must be int, not str",
    ),
    Case("yaml-not-utf8", config("title: Th\xfd\n".encode("latin-1")), 2, "thesis.yaml:1: error: not valid UTF-8"),
    Case("yaml-missing", lambda root: (root / "thesis.yaml").unlink(), 2, "thesis.yaml: error: no thesis.yaml here"),
    # front matter
    Case(
        "front-matter-invalid",
        chapter("---\nchapter: 1\ntitle: [Mở đầu\n---\n\nVăn bản.\n"),
        2,
        "chapters/01.md:4: error: invalid YAML",
    ),
    Case(
        "front-matter-wrong-type",
        chapter("---\nchapter: [1]\n---\n\nVăn bản.\n"),
        2,
        "chapters/01.md:2: error: `chapter` must be int or str, not list",
    ),
    Case(
        "front-matter-unknown-key",
        chapter("---\nchuong: 1\n---\n\nVăn bản.\n"),
        2,
        "chapters/01.md:2: error: unknown front matter field `chuong`",
    ),
    Case(
        "front-matter-bomb", chapter("---\n" + BOMB + "---\n\nVăn bản.\n"), 2, "chapters/01.md:2: error: YAML aliases"
    ),
    Case(
        "front-matter-unclosed",  # never read as text, its YAML printed, run into the chapter before
        chapter("---\nchapter: 1\n\nVăn bản [1].\n"),
        2,
        "chapters/01.md:3: error: front matter opened on line 1 is not closed",
    ),
    # chapters
    Case(
        "chapter-windows-1258",
        chapter(cp1258(FRONT + "Đảng bộ tỉnh lãnh đạo công tác kiểm tra.\n")),
        2,
        "chapters/01.md:3: error: not valid UTF-8: it looks like Windows-1258",
    ),
    Case(
        "chapter-tcvn3",
        chapter(tcvn3(FRONT + "đảng bộ tỉnh lãnh đạo công tác kiểm tra.\n")),
        2,
        "chapters/01.md:3: error: not valid UTF-8: it looks like TCVN3",
    ),
    Case(
        "chapter-latin1",
        chapter((FRONT.replace("Mở đầu", "Intro") + "Le système éducatif a été réformé.\n").encode("latin-1")),
        2,
        "chapters/01.md:6: error: not valid UTF-8: it looks like Latin-1",
    ),
    Case("chapter-nul-bytes", chapter(b"abc\n\x00def"), 2, "chapters/01.md:2: error: not a text file"),
    Case("chapter-empty", chapter(""), 0, "wrote build/thesis.pdf"),
    Case("chapter-is-a-directory", directory_chapter, 2, "chapters/02.md: error: is a directory"),
    Case("chapter-symlink-loop", symlink_loop, 2, "chapters/02.md: error: cannot read"),
    Case(
        "chapter-missing-folder",
        lambda root: os.rename(root / "chapters", root / "chuong"),
        2,
        "chapters: error: no `chapters/` folder",
    ),
    Case("chapter-unclosed-fence", chapter(FRONT + "Trước [1].\n\n```\n[99, tr. 1]\n"), 0, "wrote build/thesis.pdf"),
    Case(
        "chapter-huge-number",
        chapter(FRONT + "Số [99999999999999999999999].\n"),
        1,
        "error[C101] reference 99999999999999999999999 is not in the bibliography",
    ),
    Case(  # pandoc would take minutes over it (issue 16): refused before it sees it
        "chapter-deep-brackets",
        chapter(FRONT + "[" * 5000 + "1" + "]" * 5000 + "\n"),
        1,
        "error[S103]",
        ("check",),
    ),
    Case(
        "chapter-one-2mb-line",
        chapter(FRONT + "Một câu [1, tr. 5]. " * 100_000 + "\n"),
        0,
        "100000 citations checked",
        ("check",),
    ),
    Case(
        "chapter-5mb",
        chapter(FRONT + ("Đoạn văn có trích dẫn [1, tr. 5] và chữ. " * 20 + "\n\n") * 5_500),
        0,
        "110000 citations checked",
        ("check",),
    ),
    Case(
        "chapter-50mb",  # `make slow`; `make test` reads the 5 MB one above
        chapter(FRONT + ("Đoạn văn có trích dẫn [1, tr. 5] và chữ. " * 20 + "\n\n") * 55_000),
        0,
        "1100000 citations checked",
        ("check",),
    ),
    Case(
        "abbreviations-invalid",
        lambda root: write(root, "bibliography/abbreviations.yaml", "UBND: [a\n"),
        2,
        "bibliography/abbreviations.yaml:2: error: invalid YAML",
    ),
    Case(
        "refnums-lock-garbage",
        lambda root: write(root, "bibliography/refnums.lock", "\x7fgarbage\n1\n"),
        0,
        "wrote build/thesis.pdf",
    ),
    Case(
        "ten-thousand-references",
        lambda root: write(
            root,
            "bibliography/references.bib",
            "".join(
                f"@book{{k{i}, refnum = {{{i}}}, author = {{Lê Văn An}}, year = {{2015}}, title = {{Sách {i}}}, "
                f"publisher = {{P}}}}\n"
                for i in range(1, 10_001)
            ),
        ),
        0,
        "1 citation checked",
        ("check",),
    ),
]


SLOW = {"chapter-50mb"}


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.name, marks=[pytest.mark.slow] if c.name in SLOW else []) for c in CASES]
)
def test_bad_input(tmp_path, case):
    root = make_project(tmp_path / "thesis", {"01.md": CHAPTER}, BIB, config=CONFIG)
    case.setup(root)
    result = run_luanan(*case.command, cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == case.code, result.stdout[-2000:] + result.stderr
    if case.code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and case.expect in lines[0], result.stderr
    else:
        assert case.expect in result.stdout, result.stdout[-2000:] + result.stderr
    build = root / "build"
    leftovers = [p.name for p in build.glob(".*tmp*")] if build.exists() else []
    assert leftovers == []
    if case.code != 0 and case.command == ("build",):
        assert not (build / "thesis.pdf").exists() and not (build / "thesis.docx").exists()


def test_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("variant", ["bom", "crlf", "nfd"])
def test_bom_crlf_nfd_give_the_same_results_as_the_clean_file(tmp_path, variant):
    text = (
        CHAPTER + "\nSai [9, tr. 1] và “một trích dẫn trực tiếp đủ dài để được xem là trích dẫn"
        " của một nguồn nào đó mà thiếu”.\n"
    )
    clean = make_project(tmp_path / "clean", {"01.md": text}, BIB, config=CONFIG)
    other = make_project(tmp_path / variant, {"01.md": text}, BIB, config=CONFIG)
    data = {
        "bom": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "nfd": unicodedata.normalize("NFD", text).encode("utf-8"),
    }[variant]
    (other / "chapters" / "01.md").write_bytes(data)
    expected, actual = (
        run_luanan("check", "--format", "json", cwd=clean),
        run_luanan("check", "--format", "json", cwd=other),
    )
    assert expected.returncode == actual.returncode == 1
    assert actual.stdout == expected.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_chapter(tmp_path):
    root = make_project(tmp_path / "thesis", {"01.md": CHAPTER}, BIB, config=CONFIG)
    (root / "chapters" / "01.md").chmod(0)
    result = run_luanan("check", cwd=root)
    assert result.returncode == 2 and "chapters/01.md: error: cannot read: Permission denied" in result.stderr
