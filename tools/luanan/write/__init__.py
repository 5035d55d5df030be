"""The write stage: the rendered parts to PDF (via Typst, or xelatex) and DOCX, each output
replaced atomically. Each format has one writer with one signature, registered by its name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from luanan import pandoc
from luanan.i18n import _
from luanan.parse import ParsedProject
from luanan.render.parts import Part


@dataclass(frozen=True)
class Written:
    written: tuple[Path, ...] = ()  # the files replaced
    notes: tuple[str, ...] = ()  # what the user should know: the font used, an output up to date


Writer = Callable[..., Written]


def write_pdf_output(
    parsed: ParsedProject,
    parts: list[Part],
    cache: Path,
    build: Path,
    review=None,
    compiler=None,
    staging=None,
    draft=False,
) -> Written:
    from luanan.write.pdf import choose_font, write_pdf

    project = parsed.project
    assert project is not None
    destination = (staging or build) / ("thesis-draft.pdf" if draft else "thesis.pdf")
    since = pandoc.started(cache, "pdf")
    if project.config.pdf_engine == "xelatex":
        from luanan.write.latex import write_latex_pdf

        report = choose_font(project.profile)
        write_latex_pdf(project, parts, report.font, destination)
    else:
        report = write_pdf(project, parts, cache, destination, compiler, current=build / destination.name, draft=draft)
        pandoc.prune(cache, ".typ", since)
    notes = [
        _("font: {font} ({missing} not installed)").format(font=report.font, missing=", ".join(report.missing))
        if report.missing
        else _("font: {font}").format(font=report.font)
    ]
    if report.unchanged:
        return Written((), (*notes, _("{path} is up to date").format(path=f"build/{destination.name}")))
    return Written((destination,), tuple(notes))  # in `staging` when given: the caller moves it


def write_docx_output(
    parsed: ParsedProject,
    parts: list[Part],
    cache: Path,
    build: Path,
    review=None,
    compiler=None,
    staging=None,
    draft=False,
) -> Written:
    from luanan.write.docx import write_docx

    project = parsed.project
    assert project is not None
    name = "thesis-review.docx" if review else "thesis-draft.docx" if draft else "thesis.docx"
    destination = (staging or build) / name
    since = pandoc.started(cache, "docx")
    write_docx(project, parts, cache, destination, review, draft=draft)
    pandoc.prune(cache, ".json", since)
    return Written((destination,))


def writers() -> dict[str, Writer]:
    return {"pdf": write_pdf_output, "docx": write_docx_output}
