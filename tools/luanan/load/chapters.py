"""Chapter files: front matter, body and where the body starts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from luanan.errors import ConfigError, SourceError
from luanan.i18n import _
from luanan.source import SourceFile, read_source
from luanan.yamlfile import check_keys, load_mapping

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
FRONT_MATTER_FIELDS: dict = {
    "chapter": (int, str),
    "appendix": (int, str),
    "title": str,
    "excerpt": dict,
    "part": str,
}


@dataclass(frozen=True)
class Document:
    source: SourceFile
    meta: dict = field(default_factory=dict)
    body_start: int = 0  # offset of the first character after the front matter

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def body(self) -> str:
        return self.source.text[self.body_start :]

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")


def load_document(path: Path, shown_as: Path) -> Document:
    source = read_source(path, shown_as)
    match = FRONT_MATTER.match(source.text)
    if not match:
        _unclosed_front_matter(source.text, shown_as)
        return Document(source)
    meta = load_mapping(match.group(1) or "", shown_as, first_line=2)
    check_keys(meta, FRONT_MATTER_FIELDS, shown_as, _("front matter"))
    return Document(source, dict(meta), match.end())


_OPENING = re.compile(r"\A---[ \t]*\n")
_YAML_LINE = re.compile(r"^(?:[\w-]+[ \t]*:(?:[ \t].*)?|[ \t]+\S.*|-[ \t].*|#.*)$")


def _unclosed_front_matter(text: str, shown_as: Path) -> None:
    """A file that opens front matter (`---` on its first line) and never closes it would be
    read as text: its YAML printed, its title lost, its chapter run into the one before."""
    if not _OPENING.match(text):
        return
    lines = text.split("\n")[1:]
    fields = 0
    for number, line in enumerate(lines, start=2):
        if _YAML_LINE.match(line):
            fields += 1
            continue
        if fields == 0:
            return  # `---` then prose: a horizontal rule, not front matter
        raise ConfigError(
            _("front matter opened on line 1 is not closed: write `---` on its own line before line {line}").format(
                line=number
            ),
            shown_as,
            number,
        )
    if fields:
        raise ConfigError(
            _("front matter opened on line 1 is not closed: write `---` after it"), shown_as, len(lines) + 1
        )


def load_documents(root: Path, folder: str) -> tuple[list[Document], list[Document]]:
    """The chapters in reading order (file name order) and the appendices."""
    chapter_dir = root / folder
    if not chapter_dir.is_dir():
        raise ConfigError(_("no `{folder}/` folder with the chapters").format(folder=folder), Path(folder))
    chapters = [_load(root, p) for p in sorted(chapter_dir.glob("*.md"))]
    appendix_dir = chapter_dir / "appendices"
    appendices = [_load(root, p) for p in sorted(appendix_dir.glob("*.md"))] if appendix_dir.is_dir() else []
    return chapters, appendices


def appendix_number(document: Document) -> str:
    """`appendix:` in front matter, else the leading digits of the file name (`22-bang.md`)."""
    if document.meta.get("appendix") is not None:
        return str(document.meta["appendix"])
    match = re.match(r"\d+", document.path.name)
    return str(int(match.group())) if match else document.path.stem


def _load(root: Path, path: Path) -> Document:
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    try:
        real = path.resolve()
    except (RuntimeError, OSError):  # a symlink loop: reading it says so
        return load_document(path, shown)
    if real != root and root.resolve() not in real.parents:
        raise SourceError(_("a symlink to a file outside the project: luanan reads only files inside it"), shown)
    return load_document(path, shown)
