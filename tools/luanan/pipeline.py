"""The one place where the stages run in order: load -> check -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from luanan.check import CheckResult, check_project
from luanan.diagnostics import has_errors
from luanan.project import Project, load_project

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    written: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # what the user should know: the font used, a missing font


def run_check(root: Path, verify_sources: bool | None = None) -> tuple[Project, CheckResult]:
    from luanan.progress import current

    with current().stage("load"):
        project = load_project(root)
    with current().stage("check"):
        return project, check_project(project, verify_sources)


def run_build(
    root: Path, formats: tuple[str, ...] = FORMATS, out_dir: str = "build", review: dict | None = None, compiler=None
) -> tuple[Project, BuildResult]:
    """Check, then write the outputs; with any error-level diagnostic nothing is written."""
    project, result = run_check(root)
    if has_errors(result.diagnostics):
        return project, BuildResult(result, ())
    from luanan.progress import current
    from luanan.render.parts import build_parts

    build = project.root / out_dir
    cache = build / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    for stale in build.glob(".thesis*.tmp*"):  # left by a build that was killed outright
        stale.unlink(missing_ok=True)
    parts = build_parts(project)
    written, notes = [], []
    stage = current().stage
    if "pdf" in formats:
        from luanan.write.pdf import choose_font, write_pdf

        if project.config.pdf_engine == "xelatex":
            from luanan.write.latex import write_latex_pdf

            report = choose_font(project.profile)
            write_latex_pdf(project, parts, report.font, build / "thesis.pdf")
        else:
            with stage("pdf"):
                report = write_pdf(project, parts, cache, build / "thesis.pdf", compiler)
        notes.append(
            f"font: {report.font}" + (f" ({', '.join(report.missing)} not installed)" if report.missing else "")
        )
        if report.unchanged:
            notes.append("build/thesis.pdf is up to date")
        else:
            written.append(build / "thesis.pdf")
    if "docx" in formats:
        from luanan.write.docx import write_docx

        name = "thesis-review.docx" if review else "thesis.docx"
        with stage("docx"):
            write_docx(project, parts, cache, build / name, review)
        written.append(build / name)
    _update_lock(project)
    return project, BuildResult(result, tuple(written), tuple(notes))


def _update_lock(project: Project) -> None:
    """Sorted numbering: remember number -> key of this successful build (DESIGN "Numbering")."""
    from luanan.bibliography.numbering import LOCK_NAME, lock_text
    from luanan.write.atomic import replacing

    if project.bibliography.mode != "sorted":
        return
    path = project.root / LOCK_NAME
    text = lock_text(project.bibliography)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        with replacing(path) as temporary:
            temporary.write_text(text, encoding="utf-8")
