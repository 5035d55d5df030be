"""thesis.yaml: metadata, profile and checks policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from luanan.diagnostics import Severity
from luanan.errors import ConfigError
from luanan.i18n import _
from luanan.source import read_source
from luanan.yamlfile import check_keys, key_lines, load_mapping

CONFIG_NAME = "thesis.yaml"

# field -> accepted Python types (None: any)
FIELDS: dict = {
    "title": str,
    "subtitle": str,
    "author": str,
    "supervisor": (str, list),
    "institution": str,
    "degree": str,
    "speciality": str,
    "speciality_code": (str, int),
    "city": str,
    "year": int,
    "language": str,
    "profile": str,
    "chapters": str,
    "bibliography": (str, list),
    "checks": dict,
    "profile_overrides": dict,
    "pdf_engine": str,
    "allow_raw": list,
    "sources": str,
    "pdf_standard": str,
    "keywords": (str, list),
    "source_folders": list,
}
# What `pdf_standard:` accepts ("PDF/A-2b" or "a-2b"), in the typst package's names.
PDF_STANDARDS = (
    "1.4",
    "1.5",
    "1.6",
    "1.7",
    "2.0",
    "a-1b",
    "a-1a",
    "a-2b",
    "a-2u",
    "a-2a",
    "a-3b",
    "a-3u",
    "a-3a",
    "a-4",
    "a-4f",
    "a-4e",
    "ua-1",
)
PDF_ENGINES = ("typst", "xelatex")


@dataclass(frozen=True)
class Config:
    path: Path
    title: str
    language: str = "vi"
    profile: str = "moet-classic"
    profile_line: int | None = None
    chapters_dir: str = "chapters"
    bibliography: tuple[str, ...] = ("bibliography/references.bib",)
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None: off
    severity_lines: dict[str, int] = field(default_factory=dict)  # code -> its line in thesis.yaml
    metadata: dict = field(default_factory=dict)
    profile_overrides: dict = field(default_factory=dict)
    text: str = ""  # thesis.yaml as read, for the lines of nested keys
    pdf_engine: str = "typst"
    allow_raw: tuple[str, ...] = ()  # raw output formats chapters may use (S101)
    sources: str = "off"  # "verify": quotations are looked up in the source PDFs (Q rules)
    pdf_standard: str = ""  # "a-2b": a PDF/A for library and repository deposit
    chapters_line: int | None = None
    bibliography_line: int | None = None
    source_folders: tuple[Path, ...] = ()  # folders outside the project `check --sources` may read PDFs from


def load_config(root: Path) -> Config:
    path = Path(CONFIG_NAME)
    if not (root / CONFIG_NAME).exists():
        raise ConfigError(
            _("no {file} here: run luanan inside a thesis project (or pass --project DIR)").format(file=CONFIG_NAME),
            root / CONFIG_NAME,
        )
    source = read_source(root / CONFIG_NAME, path)
    mapping = load_mapping(source.text, path)
    check_keys(mapping, FIELDS, path, CONFIG_NAME)
    if not mapping.get("title"):
        raise ConfigError(_("`title` is required"), path, mapping.line)
    engine = mapping.get("pdf_engine") or "typst"
    if engine not in PDF_ENGINES:
        raise ConfigError(
            _("`pdf_engine` must be one of {values}").format(values=", ".join(PDF_ENGINES)),
            path,
            mapping.line_of("pdf_engine"),
        )
    bibliography = mapping.get("bibliography") or "bibliography/references.bib"
    if isinstance(bibliography, str):
        bibliography = [bibliography]
    return Config(
        path=path,
        title=mapping["title"],
        language=mapping.get("language") or "vi",
        profile=mapping.get("profile") or "moet-classic",
        profile_line=mapping.line_of("profile"),
        chapters_dir=mapping.get("chapters") or "chapters",
        bibliography=tuple(str(b) for b in bibliography),
        severities=_severities(mapping.get("checks") or {}, path, mapping.line_of("checks")),
        severity_lines={
            code[1]: line for code, line in key_lines(source.text).items() if code[0] == "checks" and len(code) == 2
        },
        metadata=dict(mapping),
        profile_overrides=mapping.get("profile_overrides") or {},
        text=source.text,
        pdf_engine=engine,
        allow_raw=tuple(str(f).lower() for f in mapping.get("allow_raw") or ()),
        sources=_sources(mapping, path),
        source_folders=tuple(Path(str(f)).expanduser().resolve() for f in mapping.get("source_folders") or ()),
        chapters_line=mapping.line_of("chapters"),
        bibliography_line=mapping.line_of("bibliography"),
        pdf_standard=_pdf_standard(mapping, path),
    )


def _pdf_standard(mapping, path: Path) -> str:
    written = str(mapping.get("pdf_standard") or "")
    value = written.strip().lower().removeprefix("pdf/").removeprefix("pdf")
    if not written or value in PDF_STANDARDS:
        return value
    raise ConfigError(
        _("`pdf_standard` must be one of PDF/A-2b, PDF/A-3b, PDF/A-2u, PDF/UA-1… (got `{value}`)").format(
            value=written
        ),
        path,
        mapping.line_of("pdf_standard"),
    )


def _sources(mapping, path: Path) -> str:
    value = str(mapping.get("sources") or "off")
    if value not in ("off", "verify"):
        raise ConfigError(_("`sources` must be `verify` or `off`"), path, mapping.line_of("sources"))
    return value


def _severities(checks: dict, path: Path, line: int) -> dict[str, Severity | None]:
    levels = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "off": None}
    result = {}
    for code, level in checks.items():
        level = "off" if level is False else level  # YAML 1.1 reads a bare `off` as false
        if str(level).lower() not in levels:
            raise ConfigError(
                _("checks: `{code}` must be one of error, warning, info, off").format(code=code), path, line
            )
        result[str(code)] = levels[str(level).lower()]
    return result
