"""The Project: everything loaded from a thesis folder, passed down to every stage."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from luanan.bibliography.crossref import inherit
from luanan.bibliography.model import Bibliography
from luanan.bibliography.numbering import build_bibliography, read_lock
from luanan.errors import ConfigError, SourceError
from luanan.files import JOURNAL, recover
from luanan.i18n import _, language_for, use_language
from luanan.load.abbreviations import load_abbreviations
from luanan.load.bibtex import load_bibtex
from luanan.load.chapters import Document, appendix_number, load_documents
from luanan.load.config import CONFIG_NAME, Config, load_config
from luanan.load.problems import LoadProblem
from luanan.profiles import Profile, load_profile


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config
    profile: Profile
    chapters: tuple[Document, ...]
    appendices: dict[str, Document]  # by appendix number ("22")
    bibliography: Bibliography
    load_problems: tuple[LoadProblem, ...] = ()
    lock: dict[int, str] | None = None  # bibliography/refnums.lock: number -> key
    abbreviations: dict[str, str] = field(default_factory=dict)  # bibliography/abbreviations.yaml
    abbreviation_lines: dict[str, int] = field(default_factory=dict)

    @property
    def documents(self) -> tuple[Document, ...]:
        return self.chapters + tuple(self.appendices.values())


def within(root: Path, name: str, field: str, line: int | None) -> Path:
    """`name` (from thesis.yaml's `field`) resolved inside the project, symlinks followed; a
    path that leaves it is a ConfigError at its line."""
    try:
        path = (root / name).resolve()
    except (RuntimeError, OSError):  # a symlink loop: reading it says so
        return root / name
    if path != root and root not in path.parents:
        raise ConfigError(
            _("`{setting}` is outside the project folder: luanan reads only files inside it").format(
                setting=f"{field}: {name}"
            ),
            Path(CONFIG_NAME),
            line,
        )
    return path


def load_project(root: Path) -> Project:
    root = root.resolve()
    finished = recover(root / "build" / JOURNAL)  # a write a killed command left half done
    if finished:
        print(f"luanan: {finished}", file=sys.stderr)
    config = load_config(root)
    use_language(language_for(config.language))  # the project's messages speak its language
    profile = load_profile(config.profile, config.path, config.profile_line, config.profile_overrides, config.text)
    within(root, config.chapters_dir, "chapters", config.chapters_line)
    chapters, appendices = load_documents(root, config.chapters_dir)
    entries, diagnostics = [], []
    for name in config.bibliography:
        within(root, name, "bibliography", config.bibliography_line)
        if not (root / name).exists() and not (root / name).is_symlink():
            raise SourceError(_("bibliography file not found (named in thesis.yaml)"), Path(name))
        try:
            file_entries, file_diagnostics = load_bibtex(root / name, Path(name))
        except RecursionError:  # braces hundreds deep
            raise SourceError(_("cannot be read: braces nested too deeply"), Path(name)) from None
        entries.extend(file_entries)
        diagnostics.extend(file_diagnostics)
    entries, crossref_problems = inherit(entries)
    abbreviations, abbreviation_lines = load_abbreviations(root)
    diagnostics.extend(LoadProblem("crossref", entry.path, entry.line, problem) for entry, problem in crossref_problems)
    settings = profile["bibliography"]
    if settings.get("numbering", "sorted") not in ("sorted", "citation-order"):
        raise ConfigError(_("profile field `bibliography.numbering` must be `sorted` or `citation-order`"), config.path)
    return Project(
        root=root,
        config=config,
        profile=profile,
        chapters=tuple(chapters),
        appendices={appendix_number(doc): doc for doc in appendices},
        bibliography=build_bibliography(entries, profile["bibliography"]["group_order"]),
        load_problems=tuple(diagnostics),
        lock=read_lock(root),
        abbreviations=abbreviations,
        abbreviation_lines=abbreviation_lines,
    )
