"""Bibliography fields and chapter text are data, never code; a failing or killed typesetter
leaves the previous outputs as they were and no temporary file behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import REPO, STALLED_BUILD, make_project, run_luanan
from luanan import pipeline
from luanan.errors import ToolError

# A file no one else makes: the test must not fail because some other /tmp/luanan-pwned exists.
PWNED = f"/tmp/luanan-pwned-{uuid.uuid4().hex[:12]}"
HOSTILE = [
    '#read("/etc/passwd")',
    '#import "/etc/passwd": *',
    r"\input{/etc/passwd}",
    rf"\write18{{touch {PWNED}}}",
    "<script>alert(1)</script>",
    '`#read("x")`{=typst}',
    "$x$ *y* _z_ @key [^1]",
]


def flat(text: str) -> str:
    """Whitespace folded; curly quotes as straight ones (pandoc's smart quotes make them curly)."""
    return " ".join(text.replace("\xa0", " ").replace("“", '"').replace("”", '"').split())


def hostile_project(root: Path) -> Path:
    bib = "".join(
        f"@book{{k{i}, refnum = {{{i}}}, author = {{Lê Văn An}}, year = {{2015}}, "
        f"title = {{Tên {value.replace('{', '').replace('}', '')} hết}}, publisher = {{P}}}}\n"
        for i, value in enumerate(HOSTILE, 1)
    )
    citations = " ".join(f"[{i}]" for i in range(1, len(HOSTILE) + 1))
    chapter = (
        "---\nchapter: 1\ntitle: Mở đầu\n---\n\n"
        'Văn bản có #read("/etc/passwd") và \\input{/etc/passwd} và <b>html</b> ' + citations + ".\n"
    )
    return make_project(root, {"01.md": chapter}, bib)


def test_hostile_fields_and_text_come_out_as_literal_text(tmp_path):
    root = hostile_project(tmp_path / "thesis")
    result = run_luanan("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = flat(" ".join(page.extract_text() for page in pypdf.PdfReader(root / "build" / "thesis.pdf").pages))
    document = flat("\n".join(p.text for p in docx.Document(root / "build" / "thesis.docx").paragraphs))
    written = 'Văn bản có #read("/etc/passwd") và \\input{/etc/passwd} và <b>html</b>'
    assert written in pdf and written in document
    for value in (
        '#read("/etc/passwd")',
        '#import "/etc/passwd": *',
        r"\input/etc/passwd",
        rf"\write18touch {PWNED}",
        "<script>alert(1)</script>",
    ):
        assert f"Tên {value} hết" in pdf, value
        assert f"Tên {value} hết" in document, value
    assert "root:" not in pdf and "root:" not in document  # /etc/passwd was never read
    assert not Path(PWNED).exists()


def test_typst_sees_only_the_build_folder(tmp_path):
    root = make_project(tmp_path / "thesis", {"01.md": "Chữ.\n"}, "", config='title: "T"\nallow_raw: [typst]\n')
    (root / "chapters" / "01.md").write_text('```{=typst}\n#read("/etc/hostname")\n```\n', encoding="utf-8")
    result = run_luanan("build", "pdf", cwd=root)
    assert result.returncode == 2
    assert "typst failed" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (root / "build" / "thesis.pdf").exists()


def good_build(tmp_path) -> tuple[Path, dict[str, bytes]]:
    root = make_project(
        tmp_path / "thesis",
        {"01.md": "---\nchapter: 1\ntitle: Một\n---\n\nCâu [1].\n"},
        "@book{a, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n",
    )
    assert run_luanan("build", cwd=root).returncode == 0
    (root / "chapters" / "01.md").write_text("---\nchapter: 1\ntitle: Một\n---\n\nCâu mới [1].\n", encoding="utf-8")
    return root, {name: (root / "build" / name).read_bytes() for name in ("thesis.pdf", "thesis.docx")}


def assert_intact(root: Path, before: dict[str, bytes]) -> None:
    for name, content in before.items():
        assert (root / "build" / name).read_bytes() == content, name
    assert [p.name for p in (root / "build").glob(".*tmp*")] == []


@pytest.mark.parametrize("failing", ["pandoc", "typst"])
def test_a_failing_tool_leaves_the_previous_outputs(tmp_path, monkeypatch, failing):
    root, before = good_build(tmp_path)
    if failing == "pandoc":
        import luanan.write.docx as docx_writer

        def broken(*args, **kwargs):
            raise ToolError("pandoc failed: simulated")

        monkeypatch.setattr(docx_writer, "convert", broken)
        formats = ("docx",)
    else:
        import luanan.write.pdf as pdf_writer

        def broken(source, output, root, inputs):
            Path(output).write_bytes(b"%PDF-1.7 half written")
            raise RuntimeError("typst crashed")

        monkeypatch.setattr(pdf_writer, "_compile", broken)
        formats = ("pdf",)
    with pytest.raises(ToolError):
        pipeline.run_build(root, formats)
    assert_intact(root, before)


@pytest.mark.parametrize(
    "scale",
    [pytest.param(None, id="small"), pytest.param(1.0, id="synthetic-thesis", marks=pytest.mark.slow)],
)
def test_a_killed_build_leaves_the_previous_outputs(tmp_path, scale):
    if scale is None:
        root, _ = good_build(tmp_path)
    else:  # `make slow`: a whole synthetic thesis
        sys.path.insert(0, str(REPO / "tools"))
        from synthesize import generate

        root = tmp_path / "big"
        generate(root, scale=scale)
        assert run_luanan("build", "pdf", cwd=root).returncode == 0
        with open(root / "chapters" / "01-chuong-1.md", "a", encoding="utf-8") as chapter:
            chapter.write("\nMột câu mới.\n")
    before = (root / "build" / "thesis.pdf").read_bytes()
    ready = tmp_path / "writing"
    process = subprocess.Popen(
        [sys.executable, "-c", STALLED_BUILD, str(ready)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():  # until the PDF is being written
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "the build never reached the PDF"
            time.sleep(0.02)
        build = root / "build"
        assert list(build.glob(".thesis.pdf.*.tmp")) + list(build.glob(".outputs-*/.thesis.pdf*"))  # half a PDF
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 143
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.stderr is not None and "luanan: terminated" in process.stderr.read()
    assert (root / "build" / "thesis.pdf").read_bytes() == before
    assert [p.name for p in (root / "build").glob(".*tmp*")] == []


def test_docx_is_a_valid_zip_after_every_build(tmp_path):
    root, _ = good_build(tmp_path)
    assert run_luanan("build", "docx", cwd=root).returncode == 0
    with zipfile.ZipFile(root / "build" / "thesis.docx") as archive:
        assert archive.testzip() is None
