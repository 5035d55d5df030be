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


def run_check(root: Path) -> tuple[Project, CheckResult]:
    project = load_project(root)
    return project, check_project(project)


def run_build(root: Path, formats: tuple[str, ...] = FORMATS, out_dir: str = "build") -> tuple[Project, BuildResult]:
    """Check, then write the outputs; with any error-level diagnostic nothing is written."""
    project, result = run_check(root)
    if has_errors(result.diagnostics):
        return project, BuildResult(result, ())
    from luanan.render.assemble import assemble

    build = project.root / out_dir
    cache = build / ".cache"
    markdown = assemble(project)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "thesis.md").write_text(markdown, encoding="utf-8")
    written = []
    if "pdf" in formats:
        from luanan.write.pdf import write_pdf

        write_pdf(markdown, project.profile, project.config.title, project.config.language, cache, build / "thesis.pdf")
        written.append(build / "thesis.pdf")
    if "docx" in formats:
        from luanan.write.docx import write_docx

        write_docx(markdown, build / "thesis.docx")
        written.append(build / "thesis.docx")
    _update_lock(project)
    return project, BuildResult(result, tuple(written))


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
