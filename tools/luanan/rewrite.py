"""Commands that change the author's sources (`renumber`, `cite --to-keys`): they plan every
change first, show it as a unified diff, and with `--write` apply all files or none, keeping
a copy of each original under build/backup/."""

from __future__ import annotations

import difflib
import re
import shutil
import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from luanan.bibliography.numbering import LOCK_NAME, lock_text
from luanan.citations.format import format_item
from luanan.citations.model import Citation
from luanan.edits import Edit, apply_edits
from luanan.errors import LuananError
from luanan.files import JOURNAL, replace_all
from luanan.i18n import _
from luanan.parse import ParsedDocument, ParsedProject
from luanan.project import Project


@dataclass(frozen=True)
class FileChange:
    path: Path  # relative to the project root
    old: str
    new: str


def diff(changes: list[FileChange]) -> str:
    return "".join(
        "".join(
            difflib.unified_diff(
                c.old.splitlines(keepends=True),
                c.new.splitlines(keepends=True),
                f"a/{c.path.as_posix()}",
                f"b/{c.path.as_posix()}",
            )
        )
        for c in changes
    )


def apply(root: Path, changes: list[FileChange]) -> Path:
    """Write every change or none. Returns the backup folder."""
    backup = root / "build" / "backup" / time.strftime("%Y%m%d-%H%M%S")
    for change in changes:
        target = backup / change.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if (root / change.path).exists():
            shutil.copy2(root / change.path, target)
    replace_all({root / change.path: change.new for change in changes}, root / "build" / JOURNAL)
    return backup


def renumber_citations(parsed: ParsedProject, numbers: dict[int, int]) -> list[FileChange]:
    """Rewrite the literal numbers of every citation item: old number -> new number."""
    changes = []
    for document in parsed.documents:
        edits = [
            Edit(item.start, item.start + len(str(item.ref)), str(numbers[item.ref]))
            for citation in _references(document)
            for item in citation.items
            if item.ref is not None and numbers.get(item.ref, item.ref) != item.ref
        ]
        if edits:
            changes.append(_change(parsed, document, edits))
    return changes


def to_keys(parsed: ParsedProject) -> list[FileChange]:
    """`[157, tr. 671]` -> `[@tinhuy157vanban, tr. 671]` wherever the number has an entry."""
    assert parsed.bibliography is not None
    changes = []
    for document in parsed.documents:
        edits = []
        for citation in _references(document):
            for item in citation.items:
                entry = parsed.bibliography.by_number.get(item.ref) if item.ref is not None else None
                if entry is not None:
                    edits.append(Edit(item.start, item.end, format_item(replace(item, ref=None, key=entry.key))))
        if edits:
            changes.append(_change(parsed, document, edits))
    return changes


def plan_renumber(parsed: ParsedProject) -> tuple[list[FileChange], str]:
    """Sorted mode: bring literal numbers in line with the current order (via refnums.lock)."""
    project = _project(parsed)
    if project.bibliography.mode != "sorted":
        note = _("{mode} numbering: nothing to renumber (`--sort` renumbers explicit `refnum`s)")
        return [], note.format(mode=project.bibliography.mode)
    lock = project.lock or {}
    numbers: dict[int, int] = {}
    for old, key in lock.items():
        entry = project.bibliography.by_key.get(key)
        number = project.bibliography.number_of(entry) if entry is not None else None
        if number is not None:
            numbers[old] = number
    changes = renumber_citations(parsed, numbers)
    new_lock = lock_text(project.bibliography)
    old_lock = (project.root / LOCK_NAME).read_text(encoding="utf-8") if (project.root / LOCK_NAME).exists() else ""
    if new_lock != old_lock:
        changes.append(FileChange(Path(LOCK_NAME), old_lock, new_lock))
    return changes, "" if lock else _("no refnums.lock yet: it is written now; later changes are compared with it")


def plan_sort(parsed: ParsedProject) -> tuple[list[FileChange], str]:
    """Explicit mode: give every entry its number in the standard order, rewrite the citations."""
    project = _project(parsed)
    if project.bibliography.mode not in ("explicit", "mixed"):
        return [], _("sorted numbering: the order is already the standard one")
    ranks = project.bibliography.standard_rank
    numbers = {entry.refnum: ranks[entry.key] for entry in project.bibliography.by_key.values() if entry.refnum}
    changes = renumber_citations(parsed, numbers)
    changes.extend(_renumber_bib_files(project, ranks))
    return changes, ""


def _renumber_bib_files(project: Project, ranks: dict[str, int]) -> list[FileChange]:
    by_file: dict[Path, list] = {}
    for entry in project.bibliography.by_key.values():
        by_file.setdefault(entry.path, []).append(entry)
    changes = []
    for path, entries in by_file.items():
        old = original(project, path)
        lines = old.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        edits = []
        for entry in entries:
            offset = starts[entry.line - 1]
            block_end = _entry_end(old, offset)
            field = re.compile(r"(?i)\brefnum\s*=\s*[{\"]?\s*(\w+)").search(old, offset, block_end)
            number = str(ranks[entry.key])
            if field is None:
                brace = old.index(",", offset) + 1
                edits.append(Edit(brace, brace, f"\n  refnum = {{{number}}},"))
            elif field.group(1) != number:
                edits.append(Edit(field.start(1), field.end(1), number))
        if edits:
            changes.append(FileChange(path, old, apply_edits(old, edits)[0]))
    return changes


def _entry_end(text: str, start: int) -> int:
    following = re.compile(r"^\s*@", re.M).search(text, start + 1)
    return following.start() if following else len(text)


def _references(document: ParsedDocument) -> list[Citation]:
    return [c for c in document.citations if c.kind == "reference"]


def _project(parsed: ParsedProject) -> Project:
    assert parsed.project is not None
    return parsed.project


def _change(parsed: ParsedProject, document: ParsedDocument, edits: list[Edit]) -> FileChange:
    path = document.document.path
    return FileChange(path, original(_project(parsed), path), apply_edits(document.document.source.text, edits)[0])


def original(project: Project, path: Path, strict: bool = True) -> str:
    """The file exactly as on disk. Edits are planned on the NFC text luanan reads, so (when
    `strict`) a file that is not already NFC with `\\n` line ends is refused rather than
    silently rewritten."""
    raw = (project.root / path).read_bytes().decode("utf-8")
    if strict and (raw.startswith("\ufeff") or "\r" in raw or not unicodedata.is_normalized("NFC", raw)):
        raise LuananError(
            _("cannot rewrite this file in place: save it as UTF-8 (NFC, no BOM, LF line ends) first"), path
        )
    return raw
