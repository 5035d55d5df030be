"""What the CLI does when something goes wrong (a bug in luanan, `--debug`, Ctrl-C), and the
LaTeX that the xelatex path hands to pandoc, read without running xelatex."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from conftest import SMALL_BIB, STALLED_BUILD, make_project
from luanan import cli, pipeline
from luanan.errors import LuananError, ToolError
from luanan.pandoc import convert

CHAPTER = "---\nchapter: 1\ntitle: Mở đầu\n---\n\nĐảng bộ [1, tr. 5] và \\input{/etc/passwd} và 50% #read(x).\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = make_project(tmp_path / "thesis", {"01.md": CHAPTER + "Quy chế [2].\n"}, SMALL_BIB)
    monkeypatch.chdir(root)
    return root


def broken(args):
    raise ValueError("a bug")


def test_a_bug_is_one_line_and_exit_2(project, monkeypatch, capsys):
    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    assert cli.main(["check"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "luanan: internal error: ValueError: a bug (run with --debug for details)\n"
    assert captured.out == ""


def test_debug_shows_the_traceback(project, monkeypatch):
    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    with pytest.raises(ValueError, match="a bug"):
        cli.main(["--debug", "check"])


def test_a_user_error_is_one_line_with_its_own_exit_code(project, monkeypatch, capsys):
    def refused(args):
        raise ToolError("pandoc failed: simulated")

    monkeypatch.setitem(cli.COMMANDS, "check", refused)
    code = cli.main(["check"])
    assert (code, capsys.readouterr().err) == (ToolError("x").exit_code, "luanan: error: pandoc failed: simulated\n")
    with pytest.raises(LuananError):
        cli.main(["--debug", "check"])


def test_ctrl_c_is_exit_130(project, monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "check", interrupted)
    assert cli.main(["check"]) == 130
    assert capsys.readouterr().err == "luanan: interrupted\n"


def test_ctrl_c_during_a_build_leaves_no_half_pdf(project, tmp_path):
    ready = tmp_path / "writing"
    process = subprocess.Popen(
        [sys.executable, "-c", STALLED_BUILD, str(ready)], cwd=project, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 130
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.stderr is not None and process.stderr.read().strip().splitlines()[-1] == "luanan: interrupted"
    assert sorted(p.name for p in (project / "build").iterdir()) == [".cache"]


def test_xelatex_path_without_xelatex_says_what_to_do(project, monkeypatch):
    (project / "thesis.yaml").write_text('title: "T"\npdf_engine: xelatex\n', encoding="utf-8")
    monkeypatch.setattr("luanan.write.latex.shutil.which", lambda name: None)
    with pytest.raises(ToolError, match="xelatex is not installed .*apt-get install texlive-xetex"):
        pipeline.run_build(project, ("pdf",))
    assert not (project / "build" / "thesis.pdf").exists()


def test_the_latex_handed_to_xelatex(project, monkeypatch):
    """The xelatex writer, with pandoc asked for the LaTeX it would give xelatex."""
    config = 'title: "Công tác kiểm tra"\npdf_engine: xelatex\nprofile_overrides:\n  margins_cm: {left: 3.5}\n'
    (project / "thesis.yaml").write_text(config, encoding="utf-8")
    handed: list[list[str]] = []

    def as_latex(source, to, args, outputfile=None, input_format=None):
        assert to == "pdf" and "--pdf-engine=xelatex" in args and str(outputfile).endswith(".pdf")
        handed.append(args)
        options = [a for a in args if a != "--pdf-engine=xelatex"] + ["--standalone"]
        latex = convert(source, "latex", options, **({"input_format": input_format} if input_format else {}))
        outputfile.write_text(latex, encoding="utf-8")

    monkeypatch.setattr("luanan.write.latex.shutil.which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr("luanan.write.latex.convert", as_latex)
    pipeline.run_build(project, ("pdf",))
    latex = (project / "build" / "thesis.pdf").read_text(encoding="utf-8")
    assert len(handed) == 1
    options = latex.split("{scrreprt}")[0]
    assert "fontsize=13pt" in options and "vietnamese" in options
    assert "\\usepackage[top=3.5cm,bottom=3.0cm,left=3.5cm,right=2.0cm,a4paper]{geometry}" in latex
    assert "\\tableofcontents" in latex and "\\setcounter{tocdepth}{2}" in latex
    assert "\\setmainfont" in latex and "\\title{Công tác kiểm tra}" in latex
    assert "\\chead*{\\pagemark}" in latex
    # the author's text is text: the backslash, the per cent sign and the hash are escaped
    assert "\\textbackslash input\\{/etc/passwd\\}" in latex and "50\\%" in latex and "\\#read(x)" in latex
    assert "\\input{/etc/passwd}" not in latex
    assert "Đảng bộ {[}\\hyperref[ref-1]{1}, tr. 5{]}" in latex and "\\label{ref-1}" in latex
    assert "\\chapter*{TÀI LIỆU THAM KHẢO}" in latex
    assert [p.name for p in (project / "build").glob(".*tmp*")] == []
