"""The battery, tried as an attacker would (issue 16): a co-author's chapter, someone else's
BibTeX, a returned DOCX. Nothing in them runs as code, nothing outside the project reaches
the outputs, input is read within limits, and every failure is one line naming the file
(exit 2), never a traceback, with nothing left behind."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import Run, make_project

CHAPTER = "---\nchapter: 1\ntitle: Mở đầu\n---\n\nĐảng bộ tỉnh Thanh Hóa lãnh đạo công tác kiểm tra [1, tr. 5].\n"
BIB = (
    "@book{an2015,\n  refnum = {1}, author = {Lê Văn An}, year = {2015},\n  title = {Sách}, publisher = {Nxb Trẻ},\n}\n"
)
CONFIG = 'title: "Thử nghiệm"\nlanguage: vi\n'
FRONT = "---\nchapter: 1\ntitle: Mở đầu\n---\n\n"


def run(*args: str, cwd: Path, timeout: float = 60, env: dict | None = None) -> Run:
    """luanan as a user runs it; a hang is a failure, not a stuck test run."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "luanan", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return Run(-1, "", f"timed out after {timeout} s")
    return Run(done.returncode, done.stdout, done.stderr)


def write(root: Path, name: str, content: str | bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def chapter(body: str, name: str = "chapters/01.md", front: str = FRONT) -> Callable[[Path], None]:
    return lambda root: write(root, name, front + body)


def config(extra: str) -> Callable[[Path], None]:
    return lambda root: write(root, "thesis.yaml", CONFIG + extra)


def png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


@dataclass
class Case:
    name: str
    setup: Callable[[Path], None]
    code: int
    expect: str  # in the one stderr line (exit 2), or in stdout
    command: tuple[str, ...] = ("check",)


def outside_png(root: Path) -> None:
    write(root.parent, "secret.png", png())


def symlinked(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.symlink_to(target(root))

    return setup


def fifo(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        path = root / name
        path.unlink(missing_ok=True)
        os.mkfifo(path)

    return setup


def move_chapters_out(root: Path) -> None:
    import shutil

    shutil.move(str(root / "chapters"), str(root.parent / "elsewhere"))
    (root / "chapters").symlink_to(root.parent / "elsewhere")


def both(*setups: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        for each in setups:
            each(root)

    return setup


INCLUDEPICTURE = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE "http://127.0.0.1:9/x.png" '
    '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)
INJECTED_FRONT = (
    '---\nchapter: "1}\\n\\n```{=typst}\\n#panic(\\"pwned\\")\\n```\\n\\n{"\n'
    'title: "A\\n\\n```{=typst}\\n#panic()\\n```"\n---\n\n'
)
DEEP_YAML = "title: T\nx: " + "[" * 2000 + "]" * 2000 + "\n"

CASES = [
    # Raw markup in any form pandoc reads (S101, decided from pandoc's AST).
    Case("raw-double-backticks", chapter('Văn bản ``#read("luanan.typ")``{=typst} hết.\n'), 1, "error[S101]"),
    Case("raw-spaced-attribute", chapter('Văn bản `#read("x")`{ =typst } hết.\n'), 1, "error[S101]"),
    Case("raw-fence-in-blockquote", chapter('> ```{=typst}\n> #read("luanan.typ")\n> ```\n'), 1, "error[S101]"),
    Case("raw-fence-in-list-item", chapter('- ```{=typst}\n  #read("luanan.typ")\n  ```\n'), 1, "error[S101]"),
    Case("raw-fence-in-numbered-list", chapter("1.  ```{=latex}\n    \\input{/etc/passwd}\n    ```\n"), 1, "S101"),
    Case("raw-tilde-fence-in-quote", chapter("> ~~~ {=openxml}\n> <w:p/>\n> ~~~\n"), 1, "error[S101]"),
    Case("raw-openxml-field-in-quote", chapter(f"> ```{{=openxml}}\n> {INCLUDEPICTURE}\n> ```\n"), 1, "S101"),
    Case("raw-openxml-inline-double-backticks", chapter(f"Chữ ``{INCLUDEPICTURE}``{{=openxml}}.\n"), 1, "S101"),
    Case("raw-in-second-yaml-block", chapter('Chữ.\n\n---\nx: "`#read(\\"a\\")`{=typst}"\n---\n'), 1, "S101"),
    Case("raw-allowed-format-only", both(config("allow_raw: [typst]\n"), chapter("``<w:p/>``{=openxml}\n")), 1, "S101"),
    # Front matter is data: a chapter number cannot close the heading and open a raw block.
    Case(
        "front-matter-newline-raw-block",
        chapter(
            "Chữ [1].\n",
            front=INJECTED_FRONT,
        ),
        0,
        "wrote build/thesis.pdf",
        ("build", "pdf"),
    ),
    # Images from outside the project, in any syntax (S102 from the AST).
    Case(
        "image-reference-style-absolute",
        chapter("![x][s]\n\n[s]: /etc/hostname\n"),
        1,
        "error[S102] image `/etc/hostname`",
    ),
    Case("image-reference-style-web", chapter("![x][s]\n\n[s]: http://127.0.0.1:9/x.png\n"), 1, "is from the web"),
    Case("image-shortcut-reference-parent", chapter("![s]\n\n[s]: ../../secret.png\n"), 1, "outside the project"),
    Case("image-single-quoted-title", chapter("![x](/abs.png 'tiêu đề')\n"), 1, "error[S102] image `/abs.png`"),
    Case("image-angle-brackets-space", chapter("![x](</etc/host name.png>)\n"), 1, "outside the project"),
    Case("image-protocol-relative", chapter("![x](//127.0.0.1:9/x.png)\n"), 1, "is from the web"),
    Case("image-file-url", chapter("![x](file:///etc/hostname)\n"), 1, "error[S102]"),
    Case(
        "image-symlink-out",
        both(
            outside_png,
            symlinked("chapters/figures/a.png", lambda root: root.parent / "secret.png"),
            chapter("![x](figures/a.png)\n"),
        ),
        1,
        "outside the project",
    ),
    Case("image-missing-reference-style", chapter("![x][s]\n\n[s]: figures/none.png\n"), 1, "error[X102]"),
    # Typst code is never built from names or values by concatenation.
    Case(
        "chapter-file-name-typst-injection",
        chapter("Chữ [1].\n", name='chapters/01" + str(read("luanan.typ").len()) + ".md'),
        0,
        "wrote build/thesis.pdf",
        ("build", "pdf"),
    ),
    Case(
        "profile-override-typst-code",
        config("profile_overrides:\n  heading:\n    sizes_pt: ['14pt + 0pt * panic(read(\"luanan.typ\"))']\n"),
        2,
        "error: profile field `sizes_pt`: each item must be int, not str",
        ("build", "pdf"),
    ),
    Case(
        "chapter-label-positional",
        config('profile_overrides:\n  chapter_label: "{0}"\n'),
        2,
        "profile field `chapter_label`",
    ),
    Case(
        "caption-unknown-field",
        config('profile_overrides:\n  captions:\n    table: "Bảng {x}"\n'),
        2,
        "`captions.table`",
    ),
    # Paths leave the project.
    Case(
        "chapters-parent-folder",
        config("chapters: ../outside\n"),
        2,
        "thesis.yaml:3: error: `chapters: ../outside` is outside",
    ),
    Case("chapters-absolute", config("chapters: /etc\n"), 2, "thesis.yaml:3: error: `chapters: /etc` is outside"),
    Case("bibliography-absolute", config("bibliography: /etc/passwd\n"), 2, "`bibliography: /etc/passwd` is outside"),
    Case(
        "bibliography-list-parent", config("bibliography: [bibliography/references.bib, ../x.bib]\n"), 2, "is outside"
    ),
    Case(
        "chapter-symlink-out",
        both(
            lambda root: write(root.parent, "outside.md", "Bí mật.\n"),
            symlinked("chapters/02.md", lambda r: r.parent / "outside.md"),
        ),
        2,
        "chapters/02.md: error: a symlink to a file outside the project",
    ),
    Case("chapters-folder-symlink-out", lambda root: move_chapters_out(root), 2, "`chapters: chapters` is outside"),
    # Unbounded reads: only regular files, each kind up to its size.
    Case("chapter-fifo", fifo("chapters/01.md"), 2, "chapters/01.md: error: not a regular file"),
    Case("bibliography-fifo", fifo("bibliography/references.bib"), 2, "references.bib: error: not a regular file"),
    Case("thesis-yaml-fifo", fifo("thesis.yaml"), 2, "thesis.yaml: error: not a regular file"),
    Case(
        "thesis-yaml-dev-zero",
        symlinked("thesis.yaml", lambda root: Path("/dev/zero")),
        2,
        "thesis.yaml: error: not a regular file",
    ),
    Case("thesis-yaml-2mb", config("# " + "x" * (2 << 20) + "\n"), 2, "thesis.yaml: error: too large"),
    Case("chapter-70mb", chapter("Chữ chữ chữ.\n" * 4_200_000), 2, "chapters/01.md: error: too large"),
    Case(
        "deep-yaml-config",
        lambda root: write(root, "thesis.yaml", DEEP_YAML),
        2,
        "thesis.yaml:1: error: invalid YAML: nested too deeply",
    ),
    Case(
        "deep-yaml-front-matter",
        chapter("Chữ.\n", front="---\n" + DEEP_YAML.replace("title: T\n", "") + "---\n\n"),
        2,
        "chapters/01.md:2: error: invalid YAML: nested too deeply",
    ),
    Case(
        "bibtex-braces-300-deep",
        lambda root: write(
            root, "bibliography/references.bib", BIB + "@book{d, title = " + "{" * 300 + "x" + "}" * 300 + "}\n"
        ),
        2,
        "references.bib: error: cannot be read: braces nested too deeply",
    ),
    Case("comments-dev-zero", lambda root: None, 2, "/dev/zero: error: not a regular file", ("comments", "/dev/zero")),
    Case("comments-fifo", fifo("gop-y.docx"), 2, "gop-y.docx: error: not a regular file", ("comments", "gop-y.docx")),
    # Brackets pandoc would take minutes over (S103) — refused before pandoc sees them.
    Case("hundred-thousand-image-openers", chapter("![" * 100_000 + "\n"), 1, "error[S103]"),
    Case("unclosed-angle-brackets", chapter("a< " * 20_000 + "\n"), 1, "error[S103]"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(tmp_path, case):
    root = make_project(tmp_path / "thesis", {"01.md": CHAPTER}, BIB, config=CONFIG)
    case.setup(root)
    result = run(*case.command, cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == case.code, result.stdout[-3000:] + result.stderr
    if case.code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and case.expect in lines[0], result.stderr
    else:
        assert case.expect in result.stdout, result.stdout[-3000:] + result.stderr
    assert leftovers(root) == []


def leftovers(root: Path) -> list[str]:
    """Hidden temporaries anywhere in the project (the build cache aside)."""
    return [p.name for p in root.rglob(".*") if ".cache" not in p.parts and p.name != ".luanan-journal"]


MORE = [
    Case(
        "citations-argument-dev-zero",
        lambda root: None,
        2,
        "/dev/zero: error: not a regular file",
        ("citations", "/dev/zero"),
    ),
    Case("citations-argument-fifo", fifo("x.md"), 2, "x.md: error: not a regular file", ("citations", "x.md")),
    Case("nested-quotes-3000-deep", chapter("> " * 3000 + "chữ\n"), 2, "nested too deeply", ("build", "docx")),
    Case("nested-links-3000-deep", chapter("[" * 3000 + "a" + "](x)" * 3000 + "\n"), 1, "error[S103]"),
    Case("image-in-table-cell-outside", chapter("| a |\n|---|\n| ![x](/etc/hostname) |\n"), 1, "error[S102]"),
    Case("image-in-footnote-outside", chapter("Chữ.[^1]\n\n[^1]: ![x](/etc/hostname)\n"), 1, "error[S102]"),
    Case("raw-in-footnote", chapter('Chữ.[^1]\n\n[^1]: `#read("x")`{=typst}\n'), 1, "error[S101]"),
    Case("raw-in-table-cell", chapter('| a |\n|---|\n| `#read("x")`{=typst} |\n'), 1, "error[S101]"),
    Case("raw-in-heading", chapter('## Mục `#read("x")`{=typst}\n'), 1, "error[S101]"),
    Case("raw-in-link-text", chapter('[`#read("x")`{=typst}](#a)\n'), 1, "error[S101]"),
]


@pytest.mark.parametrize("case", MORE, ids=[c.name for c in MORE])
def test_hostile_input_more(tmp_path, case):
    test_hostile_input(tmp_path, case)


def test_the_battery_has_at_least_ninety_cases():
    from test_bad_input import CASES as BAD

    assert len(BAD) + len(CASES) + len(MORE) >= 90
