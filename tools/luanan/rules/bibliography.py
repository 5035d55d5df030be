"""B: the bibliography files themselves — syntax, required fields, values that mean something."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luanan.bibliography.languages import CODES, declared_language
from luanan.citations.locators import PAGES
from luanan.diagnostics import Severity
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

# Fields each entry type needs for its reference-list line (spec §9.2); a tuple is "one of".
# The year is B105's business.
_PERSON = ("author", "editor")
_ISSUER = ("author", "institution", "organization")
_PART = ("author", "title", "booktitle")
_THESIS = ("author", "title", ("school", "institution"))
REQUIRED: dict[str, tuple] = {
    "book": (_PERSON, "title", "publisher"),
    "mvbook": (_PERSON, "title", "publisher"),
    "article": ("author", "title", ("journal", "journaltitle")),
    "incollection": _PART,
    "inproceedings": _PART,
    "inbook": _PART,
    "thesis": _THESIS,
    "phdthesis": _THESIS,
    "mastersthesis": _THESIS,
    "report": (_ISSUER, "title"),
    "misc": (_ISSUER, "title"),
    "online": ("title", "url"),
    "newspaper": ("title", ("journal", "journaltitle")),
    "archive": (_ISSUER, "title", ("x-repository", "institution", "location")),
}


def _loader_findings(context: CheckContext, kind: str) -> Iterator[Finding]:
    for problem in context.project.load_problems:
        if problem.kind == kind:
            yield Finding(None, 0, 0, problem.message, problem.hint, problem.path, problem.line, column=problem.column)


@rule("B101", "unparsable-entry", Severity.ERROR, "a BibTeX entry that cannot be parsed")
def unparsable_entry(context: CheckContext) -> Iterator[Finding]:
    """An entry with a syntax error (unbalanced braces, a missing comma). The other entries of
    the file still load; citations of this one will be reported as unknown."""
    yield from _loader_findings(context, "unparsable-entry")


@rule("B102", "duplicate-key", Severity.ERROR, "two BibTeX entries with the same key")
def duplicate_key(context: CheckContext) -> Iterator[Finding]:
    """Two entries share a key; only the first is used, so citations may point at the wrong one."""
    yield from _loader_findings(context, "duplicate-key")


@rule("B103", "missing-field", Severity.WARNING, "entry lacks a field its type needs")
def missing_field(context: CheckContext) -> Iterator[Finding]:
    """Each entry type needs certain fields to be printed the standard way (spec §9.2): a
    book its author or editor, title and publisher; an article its journal; a chapter its
    book; a thesis its school; a Party or State document its issuing body; a web page its URL."""
    for entry in context.project.bibliography.entries:
        for needed in REQUIRED.get(entry.entry_type, ()):
            names = needed if isinstance(needed, tuple) else (needed,)
            if not any(entry.get(name).strip() for name in names):
                yield Finding.at_entry(entry, f"@{entry.entry_type}{{{entry.key}}} has no {' or '.join(names)}")


@rule("B104", "unknown-language", Severity.WARNING, "`langid` names a language luanan does not know")
def unknown_language(context: CheckContext) -> Iterator[Finding]:
    """The entry's `langid` (or `language`) is not one of the languages the reference list
    groups by, so it lands in the last group ("other")."""
    known = ", ".join(sorted({k for k in CODES if k.isalpha() and len(k) > 3}))
    for entry in context.project.bibliography.entries:
        declared = declared_language(entry)
        if declared is not None and declared not in CODES:
            yield Finding.at_entry(entry, f"unknown language `{declared}` in @{entry.key}", f"use one of: {known}")


@rule("B105", "bad-year", Severity.WARNING, "year missing or not a year")
def bad_year(context: CheckContext) -> Iterator[Finding]:
    """The reference list prints `(year)` after the authors and sorts by it. `year` (or
    biblatex `date`) must start with a four-digit year."""
    for entry in context.project.bibliography.entries:
        year, date = entry.get("year").strip(), entry.get("date").strip()
        if not year and not date:
            yield Finding.at_entry(entry, f"@{entry.key} has no year")
        elif year and not re.fullmatch(r"\d{4}", year):
            yield Finding.at_entry(
                entry, f"@{entry.key}: year `{year}` is not a year", "write the four-digit year: year = {2015}"
            )
        elif not year and not re.fullmatch(r"\d{4}(-\d\d){0,2}(/.*)?", date):
            yield Finding.at_entry(
                entry, f"@{entry.key}: date `{date}` does not start with a year", "write date = {2015-06-30}"
            )


@rule("B106", "bad-pages", Severity.WARNING, "`pages` is not a page range")
def bad_pages(context: CheckContext) -> Iterator[Finding]:
    """`pages` holds the first and last page of an article or chapter, `23--26`; citations of
    the entry are checked against it."""
    for entry in context.project.bibliography.entries:
        pages = entry.get("pages").strip()
        if pages and not PAGES.fullmatch(pages):
            yield Finding.at_entry(
                entry, f"@{entry.key}: pages `{pages}` is not a page range", "write pages = {23--26}"
            )


@rule("B107", "bad-refnum", Severity.ERROR, "`refnum` is not a positive whole number")
def bad_refnum(context: CheckContext) -> Iterator[Finding]:
    """`refnum` is the entry's number in the reference list: 1, 2, 3..."""
    for entry in context.project.bibliography.entries:
        if "refnum" in entry.fields and entry.refnum is None:
            yield Finding.at_entry(
                entry, f"@{entry.key}: refnum `{entry.get('refnum')}` is not a positive whole number"
            )


@rule("B108", "broken-crossref", Severity.WARNING, "`crossref` or `xdata` to a missing entry, or in a circle")
def broken_crossref(context: CheckContext) -> Iterator[Finding]:
    """A chapter's `crossref` names its book so that it inherits the book's fields (and
    `xdata` names shared data). One that names a key that does not exist, or a chain that comes
    back to itself, inherits nothing."""
    yield from _loader_findings(context, "crossref")
