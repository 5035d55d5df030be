"""`luanan fix`: the safe fixes of every rule that has one, as a diff, or written with `--write`
(all files or none, originals kept). Nothing inside quotation marks changes without `--unsafe`.

Files are written as UTF-8 in NFC with LF line ends, which is itself the fix for T101."""

from __future__ import annotations

from pathlib import Path

from luanan.check import findings, parse_project
from luanan.citations.quotes import find_quotes
from luanan.project import Project
from luanan.rewrite import FileChange


def plan_fixes(project: Project, unsafe: bool = False) -> tuple[list[FileChange], dict[str, int]]:
    """The changed files, and how many fixes of each code they carry."""
    context = parse_project(project)
    edits: dict[Path, list[tuple[int, int, str, str]]] = {}
    for code, _, finding in findings(context):
        if finding.fix is None or finding.document is None:
            continue
        if not unsafe and _in_quotation(finding.document, finding.start, finding.end):
            continue
        edits.setdefault(finding.document.path, []).append((finding.start, finding.end, finding.fix, code))
    changes, counts = [], {}
    for document in project.documents:
        raw = (project.root / document.path).read_bytes().decode("utf-8")
        text, position, pieces = document.source.text, 0, []
        for start, end, replacement, code in sorted(edits.get(document.path, [])):
            if start < position:
                continue  # overlaps a fix already taken
            pieces += [text[position:start], replacement]
            position = end
            counts[code] = counts.get(code, 0) + 1
        new = "".join(pieces) + text[position:]
        if new != raw:
            if new == text and raw != text:
                counts["T101"] = counts.get("T101", 0) + 1  # only the normalisation changed
            changes.append(FileChange(document.path, raw, new))
    return changes, counts


def _in_quotation(document, start: int, end: int) -> bool:
    return any(
        quote.start < start and end < quote.end for quote in find_quotes(document.source.text, document.body_start)
    )
