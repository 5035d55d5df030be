"""The one place where the stages run in order: load -> parse -> check -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from luanan.check import CheckResult, check_parsed
from luanan.diagnostics import Severity
from luanan.errors import LuananError
from luanan.i18n import _
from luanan.parse import ParsedProject, parse_project
from luanan.progress import current
from luanan.project import Project, load_project
from luanan.select import fails

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
        parsed = parse_project(project)
        assert parsed.project is not None
        return parsed.project, check_parsed(parsed, verify_sources)


def run_build(
    root: Path,
    formats: tuple[str, ...] = FORMATS,
    out_dir: str = "build",
    review: dict | None = None,
    compiler=None,
    draft: bool = False,
) -> tuple[Project, BuildResult]:
    """Check, then write the outputs; with any error-level diagnostic nothing is written, except
    a draft (`draft`: build/thesis-draft.*, stamped, the errors' places marked)."""
    project, result = run_check(root)
    errors = fails(result.diagnostics)
    if errors and not draft:
        return project, BuildResult(result, ())
    assert result.parsed is not None
    marked = _error_spans(project, result.diagnostics) if draft else None
    written, notes = write_outputs(result.parsed, formats, project.root / out_dir, review, compiler, marked)
    if not draft:
        _update_lock(project)
    return project, BuildResult(result, written, notes)


def write_outputs(
    parsed: ParsedProject,
    formats: tuple[str, ...],
    build: Path,
    review: dict | None = None,
    compiler=None,
    marked: dict[Path, list[tuple[int, int]]] | None = None,
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Render the parts once and hand them to each format's writer (one build at a time);
    `marked` (a draft): the spans of each document to mark as unresolved."""
    from luanan.files import exclusive  # the write path only: `check` stays light

    if build.is_symlink() or (build.exists() and not build.is_dir()):
        raise LuananError(
            _("is not a folder inside the project (a symlink or a file): remove it, luanan makes it"), build
        )
    with exclusive(build / ".cache" / "build.lock"):
        return _write_outputs(parsed, formats, build, review, compiler, marked)


def _write_outputs(
    parsed: ParsedProject, formats: tuple[str, ...], build: Path, review: dict | None, compiler, marked
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    from luanan.files import move_into, staging_folder, sweep_temporaries
    from luanan.render.parts import build_parts
    from luanan.write import writers

    cache = build / ".cache"
    cache.mkdir(parents=True, exist_ok=True)
    sweep_temporaries(build, ".thesis*.tmp*")  # left by a build that was killed outright
    sweep_temporaries(build, ".outputs-*")
    parts = build_parts(parsed, marked)
    written: list[Path] = []
    notes: list[str] = []
    extra = {"draft": True} if marked is not None else {}
    # Every format is written into a staging folder first and the outputs replaced together
    # when all succeeded: a failing DOCX never leaves a new PDF beside the old DOCX.
    with staging_folder(build, ".outputs-") as staging:
        for name in formats:
            with current().stage(name):
                outcome = writers()[name](
                    parsed, parts, cache, build, review=review, compiler=compiler, staging=staging, **extra
                )
            written.extend(outcome.written)
            notes.extend(outcome.notes)
        finals = move_into(staging, build, [path.name for path in written])
    return tuple(finals), tuple(notes)


def _error_spans(project: Project, diagnostics) -> dict[Path, list[tuple[int, int]]]:
    """The error-level findings in chapter text, as offsets of their documents."""
    by_path = {str(d.path): d for d in project.documents}
    spans: dict[Path, list[tuple[int, int]]] = {}
    for diagnostic in diagnostics:
        document = by_path.get(str(diagnostic.path))
        if document is None or diagnostic.severity < Severity.ERROR:
            continue
        starts = document.source.line_starts
        if diagnostic.end_line > len(starts):
            continue
        start = starts[diagnostic.line - 1] + diagnostic.column - 1
        end = starts[diagnostic.end_line - 1] + diagnostic.end_column - 1
        spans.setdefault(document.path, []).append((start, max(end, start + 1)))
    return spans


def _update_lock(project: Project) -> None:
    """Sorted numbering: remember number -> key of this successful build (DESIGN "Numbering")."""
    from luanan.bibliography.numbering import LOCK_NAME, lock_text
    from luanan.files import write_text

    if project.bibliography.mode != "sorted":
        return
    path = project.root / LOCK_NAME
    text = lock_text(project.bibliography)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_text(path, text)
