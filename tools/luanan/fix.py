"""`luanan fix`: the fixes of the findings the project's policy shows, as a diff, or written
with `--write` (all files or none, originals kept). Safe fixes only, and nothing inside
quotation marks, unless `--unsafe`.

Files are written as UTF-8 in NFC with LF line ends, which is itself the fix for T101."""

from __future__ import annotations

from luanan.check import CheckResult
from luanan.edits import apply_edits
from luanan.rewrite import FileChange, original


def plan_fixes(result: CheckResult, unsafe: bool = False) -> tuple[list[FileChange], dict[str, int]]:
    """The changed files, and how many fixes of each code they carry."""
    parsed = result.parsed
    assert parsed is not None and parsed.project is not None
    by_path = {p.document.path: p for p in parsed.documents}
    codes: dict = {}  # path -> {edit: the code of the finding it fixes}
    for diagnostic in result.diagnostics:
        fix, parsed_document = diagnostic.fix, by_path.get(diagnostic.path)
        if fix is None or parsed_document is None or not (fix.safe or unsafe):
            continue
        if not unsafe and parsed_document.in_quotation(fix.start, fix.end):
            continue
        codes.setdefault(diagnostic.path, {}).update((edit, diagnostic.code) for edit in fix.edits)
    changes: list[FileChange] = []
    counts: dict[str, int] = {}
    for document in parsed.project.documents:
        raw = original(parsed.project, document.path, strict=False)
        wanted = codes.get(document.path, {})
        new, skipped = apply_edits(document.source.text, wanted)
        for edit in set(wanted) - set(skipped):
            counts[wanted[edit]] = counts.get(wanted[edit], 0) + 1
        if new != raw:
            if new == document.source.text:
                counts["T101"] = counts.get("T101", 0) + 1  # only the normalisation changed
            changes.append(FileChange(document.path, raw, new))
    return changes, counts
