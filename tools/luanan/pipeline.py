"""The one place where the stages run in order: load -> parse -> check -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from luanan.check import CheckResult, check_parsed
from luanan.diagnostics import has_errors
from luanan.errors import LuananError
from luanan.files import exclusive, move_into, replacing, staging_folder, sweep_temporaries
from luanan.parse import ParsedProject, parse_project
from luanan.progress import current
from luanan.project import Project, load_project
from luanan.write import writers

FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class BuildResult:
    check: CheckResult
    written: tuple[Path, ...]
    notes: tuple[str, ...] = ()  # what the user should know: the font used, a missing font


def run_check(root: Path, verify_sources: bool | None = None) -> tuple[Project, CheckResult]:
    """Load, parse once and check; the result carries the parsed project for what follows."""
    with current().stage("load"):
        project = load_project(root)
    with current().stage("check"):
        return project, check_parsed(parse_project(project), verify_sources)


def run_build(
    root: Path,
    formats: tuple[str, ...] = FORMATS,
    out_dir: str = "build",
    review: dict | None = None,
    compiler=None,
) -> tuple[Project, BuildResult]:
    """Check, then write the outputs; with any error-level diagnostic nothing is written."""
    project, result = run_check(root)
    if has_errors(result.diagnostics):
        return project, BuildResult(result, ())
    assert result.parsed is not None
    written, notes = write_outputs(result.parsed, formats, project.root / out_dir, review, compiler)
    _update_lock(project)
    return project, BuildResult(result, written, notes)


def write_outputs(
    parsed: ParsedProject, formats: tuple[str, ...], build: Path, review: dict | None = None, compiler=None
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Render the parts once and hand them to each format's writer (one build at a time)."""
    if build.is_symlink() or (build.exists() and not build.is_dir()):
        raise LuananError("is not a folder inside the project (a symlink or a file): remove it, luanan makes it", build)
    with exclusive(build / ".cache" / "build.lock"):
        return _write_outputs(parsed, formats, build, review, compiler)


def _write_outputs(
    parsed: ParsedProject, formats: tuple[str, ...], build: Path, review: dict | None, compiler
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    from luanan.render.parts import build_parts

    cache = build / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    sweep_temporaries(build, ".thesis*.tmp*")  # left by a build that was killed outright
    sweep_temporaries(build, ".outputs-*")
    parts = build_parts(parsed)
    written: list[Path] = []
    notes: list[str] = []
    # Every format is written into a staging folder first and the outputs replaced together
    # when all succeeded: a failing DOCX never leaves a new PDF beside the old DOCX.
    with staging_folder(build, ".outputs-") as staging:
        for name in formats:
            with current().stage(name):
                outcome = writers()[name](
                    parsed, parts, cache, build, review=review, compiler=compiler, staging=staging
                )
            written.extend(outcome.written)
            notes.extend(outcome.notes)
        finals = move_into(staging, build, [path.name for path in written])
    return tuple(finals), tuple(notes)


def _update_lock(project: Project) -> None:
    """Sorted numbering: remember number -> key of this successful build (DESIGN "Numbering")."""
    from luanan.bibliography.numbering import LOCK_NAME, lock_text

    if project.bibliography.mode != "sorted":
        return
    path = project.root / LOCK_NAME
    text = lock_text(project.bibliography)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        with replacing(path) as temporary:
            temporary.write_text(text, encoding="utf-8")
