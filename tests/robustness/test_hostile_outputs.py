"""Issue 16, the cases that need more than one command: what reaches the DOCX and the PDF when
the check is bypassed (the render stage's own lock), signals during a build, concurrent builds,
imports and new projects written all or nothing, returned DOCX files that are bombs, and the
corners that were quadratic."""

from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_hostile import BIB, CONFIG, FRONT, INCLUDEPICTURE, leftovers, png, run

from conftest import make_project
from luanan import cli, pipeline
from luanan.parse import parse_project
from luanan.project import load_project


def project(tmp_path: Path, body: str = "Chữ [1].\n", config: str = CONFIG) -> Path:
    return make_project(tmp_path / "thesis", {"01.md": FRONT + body}, BIB, config=config)


def docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


# The render stage's own lock: even with the check skipped, nothing raw or outside gets out.


def test_render_drops_raw_markup_and_outside_images_even_without_the_check(tmp_path):
    (tmp_path / "secret.png").write_bytes(png())
    body = (
        f"> ```{{=openxml}}\n> {INCLUDEPICTURE}\n> ```\n\n"
        '- ```{=typst}\n  #panic("pwned")\n  ```\n\n'
        "Chữ ``<w:r><w:t>RAW</w:t></w:r>``{=openxml} [1].\n\n"
        "![ngoài][s] ![web](http://127.0.0.1:9/x.png) ![tuyệt đối](/etc/hostname 'x') ![cha](../../secret.png)\n\n"
        "[s]: /etc/hostname\n"
    )
    root = project(tmp_path, body)
    parsed = parse_project(load_project(root))  # no check: straight to render and write
    written, _ = pipeline.write_outputs(parsed, ("pdf", "docx"), root / "build")
    assert {p.name for p in written} == {"thesis.pdf", "thesis.docx"}  # typst never saw the panic
    xml = docx_xml(root / "build" / "thesis.docx")
    assert "INCLUDEPICTURE" not in xml and "RAW" not in xml
    with zipfile.ZipFile(root / "build" / "thesis.docx") as archive:
        assert [n for n in archive.namelist() if n.startswith("word/media/")] == []
    assert "ngoài" in xml and "tuyệt đối" in xml  # an image refused becomes its caption


def test_images_inside_the_project_in_every_syntax_reach_both_outputs(tmp_path):
    root = project(
        tmp_path, "![một](figures/a.png) ![hai][r] ![ba](<figures/b c.png> 'tiêu đề')\n\n[r]: figures/a.png\n"
    )
    (root / "chapters" / "figures").mkdir()
    (root / "chapters" / "figures" / "a.png").write_bytes(png())
    (root / "chapters" / "figures" / "b c.png").write_bytes(png())
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(root / "build" / "thesis.docx") as archive:
        assert len([n for n in archive.namelist() if n.startswith("word/media/")]) >= 1
    assert (root / "build" / ".cache" / "chapters" / "figures" / "b c.png").is_file()  # copied for Typst


def test_malformed_allowed_openxml_changes_neither_output(tmp_path):
    root = project(tmp_path)
    assert run("build", cwd=root).returncode == 0
    before = {n: (root / "build" / n).read_bytes() for n in ("thesis.pdf", "thesis.docx")}
    (root / "thesis.yaml").write_text(CONFIG + "allow_raw: [openxml]\n", encoding="utf-8")
    (root / "chapters" / "01.md").write_text(FRONT + "Chữ mới [1].\n\n```{=openxml}\n<w:p><w:r>\n```\n", "utf-8")
    result = run("build", cwd=root)
    assert result.returncode == 2 and "is not valid Word XML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert {n: (root / "build" / n).read_bytes() for n in before} == before  # the new PDF was not kept either
    assert leftovers(root) == []
    assert not list((root / "build").glob(".outputs-*"))


# Signals: Typst runs in a child process, killed at once.


def slow_typst_project(tmp_path: Path) -> Path:
    root = project(tmp_path, config=CONFIG + "allow_raw: [typst]\n")
    assert run("build", "pdf", cwd=root).returncode == 0
    loop = "```{=typst}\n#let n = 0\n#for i in range(100000000) { n += 1 }\n#n\n```\n"
    (root / "chapters" / "01.md").write_text(FRONT + "Chữ [1].\n\n" + loop, encoding="utf-8")
    return root


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_stop_a_build_within_a_second(tmp_path, signum, code):
    root = slow_typst_project(tmp_path)
    before = (root / "build" / "thesis.pdf").read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "luanan", "build", "pdf"], cwd=root, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not list((root / "build").glob(".outputs-*/.thesis.pdf.*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # Typst is busy with the loop
    sent = time.monotonic()
    process.send_signal(signum)
    assert process.wait(timeout=30) == code
    elapsed = time.monotonic() - sent
    assert elapsed < 1.5, f"took {elapsed:.1f} s to stop"
    assert process.stderr.read().strip() in ("luanan: terminated", "luanan: interrupted")
    assert (root / "build" / "thesis.pdf").read_bytes() == before
    assert leftovers(root) == [] and not list((root / "build").glob(".outputs-*"))


def test_sigterm_at_any_moment_never_prints_a_traceback(tmp_path):
    root = project(tmp_path)
    for delay in [i * 0.025 for i in range(16)]:
        process = subprocess.Popen(
            [sys.executable, "-m", "luanan", "check"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        error = process.stderr.read()
        assert "Traceback" not in error, (delay, error)
        assert len(error.strip().splitlines()) <= 1, error


def test_watch_follows_the_chapters_setting(tmp_path):
    from luanan.watch import snapshot

    root = project(tmp_path, config=CONFIG + "chapters: noi-dung\n")
    os.rename(root / "chapters", root / "noi-dung")
    assert root / "noi-dung" / "01.md" in snapshot(root)


# Builds that used to end in "internal error".


def test_two_concurrent_cold_builds_both_succeed(tmp_path):
    root = project(tmp_path)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "luanan", "build"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in processes]
    assert [code for code, _ in results] == [0, 0], results
    assert leftovers(root) == []


def test_build_folder_that_is_a_symlink_is_refused(tmp_path):
    root = project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (root / "build").symlink_to(tmp_path / "elsewhere")
    result = run("build", cwd=root)
    assert result.returncode == 2 and "is not a folder inside the project" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_build_folder_that_is_a_file_is_one_line(tmp_path):
    root = project(tmp_path)
    (root / "build").write_text("x", encoding="utf-8")
    result = run("build", cwd=root)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("errno, words", [(28, "No space left on device"), (30, "Read-only file system")])
def test_a_full_disk_or_read_only_build_is_one_line_and_leaves_nothing(tmp_path, monkeypatch, capsys, errno, words):
    import luanan.files as files

    root = project(tmp_path)
    real = files.os.replace

    def failing(source, destination):
        if str(destination).endswith(("thesis.pdf", "thesis.docx")):
            raise OSError(errno, words, str(destination))
        return real(source, destination)

    monkeypatch.setattr(files.os, "replace", failing)
    code = cli.main(["--project", str(root), "build"])
    error = capsys.readouterr().err
    assert code == 2 and error.count("\n") == 1 and f"error: {words}" in error and "internal" not in error
    assert leftovers(root) == [] and not list((root / "build").glob(".outputs-*"))
    assert not (root / "build" / "thesis.pdf").exists()


# Imports and new projects.


def test_import_title_with_quotes_and_a_file_name_with_line_breaks(tmp_path):
    source = tmp_path / 'Chương "một"\nallow_raw: [typst, openxml]\nx.txt'
    source.write_text("Chương 1. Mở đầu\n\nĐảng bộ tỉnh lãnh đạo công tác kiểm tra.\n", encoding="utf-8")
    result = run("import", source.name, "--into", "du-an", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    config = load_project(tmp_path / "du-an").config
    assert config.allow_raw == ()
    assert config.title == 'Chương "một" allow_raw: [typst, openxml] x'


@pytest.mark.parametrize("command", [("new", "target"), ("import", "a.txt", "--into", "target")])
def test_new_or_import_onto_a_file_is_one_line(tmp_path, command):
    (tmp_path / "target").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Chương 1. Mở đầu\n\nChữ.\n", encoding="utf-8")
    result = run(*command, cwd=tmp_path)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "target" in result.stderr and "internal error" not in result.stderr


def test_a_full_disk_during_new_leaves_nothing_to_block_the_rerun(tmp_path, monkeypatch, capsys):
    import pathlib

    real, calls = pathlib.Path.write_text, []

    def filling(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 5:
            raise OSError(28, "No space left on device", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "write_text", filling)
    assert cli.main(["new", str(tmp_path / "luan-an")]) == 2
    assert "No space left on device" in capsys.readouterr().err
    monkeypatch.setattr(pathlib.Path, "write_text", real)
    assert not (tmp_path / "luan-an").exists() and list(tmp_path.iterdir()) == []
    assert cli.main(["new", str(tmp_path / "luan-an")]) == 0


# Returned DOCX files: limits before decompression.


def docx_with(document_xml: bytes, comments_xml: bytes | None = None, level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
        if comments_xml is not None:
            archive.writestr("word/comments.xml", comments_xml)
    return buffer.getvalue()


W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def comments_on(tmp_path: Path, data: bytes) -> object:
    root = project(tmp_path)
    (root / "gop-y.docx").write_bytes(data)
    return run("comments", "gop-y.docx", cwd=root, timeout=120)


def test_comments_refuses_a_zip_bomb_before_decompressing(tmp_path):
    result = comments_on(tmp_path, docx_with(W + b" " * (300 << 20) + b"</w:body></w:document>"))
    assert result.returncode == 2 and "too large" in result.stderr, result.stderr


def test_comments_refuses_twenty_million_empty_paragraphs(tmp_path):
    result = comments_on(tmp_path, docx_with(W + b"<w:p/>" * 20_000_000 + b"</w:body></w:document>"))
    assert result.returncode == 2 and "document.xml" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_comments_refuses_a_high_ratio_part(tmp_path):
    result = comments_on(tmp_path, docx_with(W + b"<w:p/>" * 2_000_000 + b"</w:body></w:document>"))
    assert result.returncode == 2 and "zip bomb" in result.stderr, result.stderr


def patched(data: bytes, name: bytes, change) -> bytes:
    """The zip with `change(header: bytearray, offset)` applied to both headers of `name`."""
    out = bytearray(data)
    for signature, name_at in ((b"PK\x03\x04", 30), (b"PK\x01\x02", 46)):
        at = out.find(signature)
        while at >= 0:
            length = struct.unpack("<H", out[at + (26 if name_at == 30 else 28) : at + (28 if name_at == 30 else 30)])[
                0
            ]
            if out[at + name_at : at + name_at + length] == name:
                change(out, at, name_at == 30)
            at = out.find(signature, at + 4)
    return bytes(out)


def test_comments_refuses_an_encrypted_part(tmp_path):
    def encrypt(out, at, local):
        flags = at + (6 if local else 8)
        out[flags] |= 1

    data = patched(docx_with(W + b"<w:p/></w:body></w:document>"), b"word/document.xml", encrypt)
    result = comments_on(tmp_path, data)
    assert result.returncode == 2 and "encrypted" in result.stderr and "internal" not in result.stderr


def test_comments_refuses_a_part_with_a_bad_crc(tmp_path):
    def corrupt(out, at, local):
        crc = at + (14 if local else 16)
        out[crc] ^= 0xFF

    data = patched(docx_with(W + b"<w:p/></w:body></w:document>"), b"word/document.xml", corrupt)
    result = comments_on(tmp_path, data)
    assert result.returncode == 2 and "damaged" in result.stderr and "internal" not in result.stderr


# --sources reads PDFs only inside the project, or in a folder thesis.yaml lists.


def test_sources_does_not_read_a_pdf_outside_the_project(tmp_path):
    private = tmp_path / "private.pdf"
    private.write_bytes(b"%PDF-1.4 not really")
    bib = BIB.replace("publisher = {Nxb Trẻ},", f"publisher = {{Nxb Trẻ}}, file = {{{private}}},")
    quote = "“một trích dẫn trực tiếp đủ dài để được xem là trích dẫn của một nguồn nào đó” [1, tr. 5].\n"
    root = make_project(tmp_path / "thesis", {"01.md": FRONT + quote}, bib, config=CONFIG)
    result = run("check", "--sources", cwd=root)
    assert "is outside the project" in result.stdout, result.stdout
    assert not (root / "build" / ".cache" / "sources").exists() or not list(
        (root / "build" / ".cache" / "sources").iterdir()
    )
    (root / "thesis.yaml").write_text(CONFIG + f"source_folders: [{tmp_path}]\n", encoding="utf-8")
    result = run("check", "--sources", cwd=root)
    assert "is outside the project" not in result.stdout and "not a readable PDF" in result.stdout


# The corners that were quadratic.


def test_twenty_thousand_unclosed_quotation_marks_are_linear(tmp_path):
    root = project(tmp_path, "“mở " * 20_000 + "[1].\n")
    started = time.monotonic()
    result = run("check", cwd=root)
    assert result.returncode in (0, 1) and time.monotonic() - started < 10


@pytest.mark.slow
def test_twenty_thousand_citations_in_one_paragraph_build(tmp_path):
    root = project(tmp_path, "Câu [1, tr. 5]. " * 20_000 + "\n")
    started = time.monotonic()
    result = run("build", cwd=root, timeout=300)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60  # 104 s and 1.27 GB before (PDF and DOCX); 10 s and 0.44 GB now


def test_a_long_paragraph_reaches_typst_in_pieces(tmp_path):
    from luanan.render.ast import PARAGRAPH_PIECE, _split_long_paragraphs

    words = [{"t": "Str", "c": "chữ"}, {"t": "Space"}] * PARAGRAPH_PIECE
    ast = {"blocks": [{"t": "BlockQuote", "c": [{"t": "Para", "c": list(words)}]}]}
    _split_long_paragraphs(ast)
    inner = ast["blocks"][0]["c"]
    assert [b["t"] for b in inner] == ["Para", "RawBlock", "Para", "RawBlock"]
    assert sum(len(b["c"]) for b in inner if b["t"] == "Para") == len(words) - 1  # one space became the break


def test_sources_skips_pages_that_share_only_common_words(monkeypatch):
    """20 quotations absent from a 263-page source: every page shares the common syllables, none
    shares the quotation's word pairs; no page is aligned (9.8 s before for the whole check)."""
    import random

    from luanan.rules import sources

    rnd = random.Random(5)
    common = (
        "của và là các những trong được có cho với không này người đã một để đến từ theo về công tác kiểm tra "
        "đảng bộ tỉnh lãnh đạo chính quyền nhân dân phát triển kinh tế xã hội văn hóa"
    ).split()
    pages = tuple(" ".join(rnd.choice(common) for _ in range(450)) for _ in range(263))
    aligned = []
    real = sources.quote_score
    monkeypatch.setattr(sources, "quote_score", lambda q, t: aligned.append(1) or real(q, t))
    started = time.monotonic()
    for _ in range(20):
        quote = " ".join(rnd.choice(["mặt trời", "biển", "núi", "gió", "sông"]) for _ in range(12))
        quote += " " + " ".join(rnd.choice(common) for _ in range(10))
        sources._search(quote, pages)
    assert len(aligned) < 100 and time.monotonic() - started < 5  # 5,260 pages to align before


def test_comments_on_four_thousand_paragraphs_are_located_in_linear_time(tmp_path):
    """4,000 comments on a 4,000-paragraph chapter (236 s before on this machine, 28 s on a fast one)."""
    import random

    from luanan.review.comments import ReviewComment, locate

    rnd = random.Random(3)
    words = "của và là các những trong được có cho với không này người đã một để đến từ theo về công tác".split()
    paragraphs = [" ".join(rnd.choice(words) for _ in range(25)) + f" số {i}." for i in range(4000)]
    root = make_project(tmp_path / "t", {"01.md": "\n\n".join(paragraphs) + "\n"}, "", 'title: "T"\n')
    parsed = parse_project(load_project(root))
    comments = [ReviewComment("A", f"góp ý {i}", p[:30], p) for i, p in enumerate(paragraphs)]
    started = time.monotonic()
    located = locate(comments, parsed)
    assert time.monotonic() - started < 10
    assert [item.line for item in located] == [1 + 2 * i for i in range(4000)]


def test_luanan_s_own_raw_markup_survives_the_render_lock(tmp_path):
    root = project(tmp_path)
    result = run("build", "docx", cwd=root)
    assert result.returncode == 0, result.stderr
    xml = docx_xml(root / "build" / "thesis.docx")
    assert '<w:br w:type="page"/>' in xml  # between the cover and the title page
    assert "<w:br/>" in xml  # the line break in a chapter heading


def test_the_xelatex_path_is_confined_too(tmp_path, monkeypatch):
    import luanan.write.latex as latex
    from luanan.pandoc import convert
    from luanan.render.parts import build_parts

    body = "```{=latex}\n\\input{/etc/passwd}\n```\n\n![x][s]\n\n[s]: /etc/hostname\n"
    root = project(tmp_path, body, config=CONFIG + 'profile_overrides:\n  titles:\n    toc: "\\\\input{/etc/passwd}"\n')
    seen = {}

    def to_latex(text, to, args, outputfile=None, input_format="json"):
        args = [a for a in args if not a.startswith("--pdf-engine")]
        seen["tex"] = convert(text, "latex", [*args, "-s"], input_format=input_format)
        Path(outputfile).write_bytes(b"%PDF")
        return ""

    monkeypatch.setattr(latex, "convert", to_latex)
    monkeypatch.setattr(latex.shutil, "which", lambda name: "/usr/bin/xelatex")
    loaded = load_project(root)
    latex.write_latex_pdf(loaded, build_parts(parse_project(loaded)), "Liberation Serif", tmp_path / "x.pdf")
    assert "\\input{/etc/passwd}" not in seen["tex"] and "/etc/hostname" not in seen["tex"]


def test_check_writes_its_cache_only_inside_the_project(tmp_path):
    root = project(tmp_path, "![x](figures/none.png)\n")
    (tmp_path / "elsewhere").mkdir()
    (root / "build").symlink_to(tmp_path / "elsewhere")
    result = run("check", cwd=root)
    assert result.returncode == 1 and "X102" in result.stdout
    assert list((tmp_path / "elsewhere").iterdir()) == []
