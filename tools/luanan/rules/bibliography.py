"""B: the bibliography files themselves — syntax, required fields, values that mean something."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luanan.bibliography.languages import CODES, declared_language, language_code
from luanan.bibliography.model import BibEntry
from luanan.citations.locators import PAGES
from luanan.diagnostics import Severity
from luanan.i18n import _
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
                yield Finding.at_entry(
                    entry,
                    _("{entry} has no {fields}").format(
                        entry=f"@{entry.entry_type}{{{entry.key}}}", fields=_(" or ").join(names)
                    ),
                )


@rule("B104", "unknown-language", Severity.WARNING, "`langid` names a language luanan does not know")
def unknown_language(context: CheckContext) -> Iterator[Finding]:
    """The entry's `langid` (or `language`) is not one of the languages the reference list
    groups by, so it lands in the last group ("other")."""
    known = ", ".join(sorted({k for k in CODES if k.isalpha() and len(k) > 3}))
    for entry in context.project.bibliography.entries:
        declared = declared_language(entry)
        if declared is not None and language_code(declared) is None:
            yield Finding.at_entry(
                entry,
                _("unknown language `{language}` in {key}").format(language=declared, key=f"@{entry.key}"),
                _("use one of: {languages}").format(languages=known),
            )


@rule("B105", "bad-year", Severity.WARNING, "year missing or not a year")
def bad_year(context: CheckContext) -> Iterator[Finding]:
    """The reference list prints `(year)` after the authors and sorts by it. `year` (or
    biblatex `date`) must start with a four-digit year; `2005a` (two works of one author and
    year) and `[1998]` (a year taken from outside the work) are years. `2022-10` is read as
    2022 but belongs in `date`."""
    for entry in context.project.bibliography.entries:
        year, date = entry.get("year").strip(), entry.get("date").strip()
        if not year and not date:
            yield Finding.at_entry(entry, _("{key} has no year").format(key=f"@{entry.key}"))
        elif year and not re.fullmatch(r"\[?\d{4}\]?[a-z]?", year):
            yield Finding.at_entry(
                entry,
                _("{key}: year `{year}` is not a year").format(key=f"@{entry.key}", year=year),
                _("write the four-digit year: {example}").format(example="year = {2015}"),
            )
        elif not year and not re.fullmatch(r"\d{4}(-\d\d){0,2}(/.*)?", date):
            yield Finding.at_entry(
                entry,
                _("{key}: date `{date}` does not start with a year").format(key=f"@{entry.key}", date=date),
                _("write {text}").format(text="date = {2015-06-30}"),
            )


@rule("B106", "bad-pages", Severity.WARNING, "`pages` is not a page range")
def bad_pages(context: CheckContext) -> Iterator[Finding]:
    """`pages` holds the first and last page of an article or chapter, `23--26`; citations of
    the entry are checked against it."""
    for entry in context.project.bibliography.entries:
        pages = entry.get("pages").strip()
        if pages and not PAGES.fullmatch(pages):
            yield Finding.at_entry(
                entry,
                _("{key}: pages `{pages}` is not a page range").format(key=f"@{entry.key}", pages=pages),
                _("write {text}").format(text="pages = {23--26}"),
            )


@rule("B107", "bad-refnum", Severity.ERROR, "`refnum` is not a positive whole number")
def bad_refnum(context: CheckContext) -> Iterator[Finding]:
    """`refnum` is the entry's number in the reference list: 1, 2, 3..."""
    for entry in context.project.bibliography.entries:
        if "refnum" in entry.fields and entry.refnum is None:
            yield Finding.at_entry(
                entry,
                _("{key}: refnum `{refnum}` is not a positive whole number").format(
                    key=f"@{entry.key}", refnum=entry.get("refnum")
                ),
            )


@rule("B108", "broken-crossref", Severity.WARNING, "`crossref` or `xdata` to a missing entry, or in a circle")
def broken_crossref(context: CheckContext) -> Iterator[Finding]:
    """A chapter's `crossref` names its book so that it inherits the book's fields (and
    `xdata` names shared data). One that names a key that does not exist, or a chain that comes
    back to itself, inherits nothing."""
    yield from _loader_findings(context, "crossref")


@rule("B109", "undecoded-latex", Severity.WARNING, "a LaTeX command left in a field after decoding")
def undecoded_latex(context: CheckContext) -> Iterator[Finding]:
    """A field holds a LaTeX command luanan cannot turn into text (`\\foo`, a package's own
    macro): the reference list would print the backslash. The message names the field."""
    yield from _loader_findings(context, "undecoded-latex")


def _normalised_title(title: str) -> str:
    return "".join(ch for ch in title.casefold() if ch.isalnum())


def _doi(entry) -> str:
    doi = entry.get("doi").strip().lower()
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", doi)


# Fields that tell two works of one title, year and author apart (Toàn tập t.5 and t.12).
_DISTINGUISHING = ("volume", "number", "pages", "pagetotal", "edition", "part", "chapter", "eid")


def _told_apart(first: BibEntry, second: BibEntry) -> bool:
    for name in _DISTINGUISHING:
        a, b = (re.findall(r"\d+|[^\W\d_]+", e.get(name).lower()) for e in (first, second))
        a = [str(int(x)) if x.isdigit() else x for x in a]
        b = [str(int(x)) if x.isdigit() else x for x in b]
        if a and b and a != b:
            return True
    return False


@rule("B110", "duplicate-work", Severity.WARNING, "the same work entered twice under two keys")
def duplicate_work(context: CheckContext) -> Iterator[Finding]:
    """Two entries with the same DOI, or the same title (ignoring case and punctuation), year
    and first author and no volume, number or pages that tell them apart, are one work listed
    twice: the reference list would print it twice with two numbers. Reported at the second
    entry, naming the first."""
    from luanan.bibliography.fields import year_parts
    from luanan.bibliography.sorting import sort_words

    seen: dict[tuple, BibEntry] = {}
    for entry in context.project.bibliography.by_key.values():
        if entry.entry_type in ("set", "xdata"):
            continue
        title = _normalised_title(entry.get("title"))
        author = [w.casefold() for w in sort_words(entry, "en")[:1]]
        keys: list[tuple] = []
        if _doi(entry):
            keys.append(("doi", _doi(entry)))
        if title:
            keys.append(("title", title, year_parts(entry)[0], tuple(author)))
        for key in keys:
            first = seen.get(key)
            if first is not None and first is not entry and (key[0] == "doi" or not _told_apart(first, entry)):
                why = (
                    _("same DOI {doi}").format(doi=_doi(entry))
                    if key[0] == "doi"
                    else _("same title, year and first author")
                )
                yield Finding.at_entry(
                    entry,
                    _("{key} is the same work as {other} ({place}): {why}").format(
                        key=f"@{entry.key}", other=f"@{first.key}", place=f"{first.path}:{first.line}", why=why
                    ),
                    _("keep one entry and cite its key everywhere"),
                )
                break
            seen.setdefault(key, entry)


@rule("B111", "filed-under-given-name", Severity.WARNING, "a foreign author filed under a given name")
def filed_under_given_name(context: CheckContext) -> Iterator[Finding]:
    """In the Vietnamese group a person written in natural order is filed under the last word,
    the Vietnamese tên. A name whose family name does not start it, such as a Chinese author in
    a Vietnamese translation (`Mao Trạch Đông`, family name Mao), is then filed under the given
    name; an organisation written without double braces is filed under its last word."""
    from luanan.bibliography.names import persons
    from luanan.bibliography.numbering import language_of
    from luanan.vietnamese.syllables import is_syllable

    bibliography = context.project.bibliography
    for entry in bibliography.by_key.values():
        people = [p for p in persons(entry) if not p.others] or [p for p in persons(entry, "editor") if not p.others]
        if not people or entry.get("sortkey") or entry.get("sortname") or language_of(bibliography, entry) != "vi":
            continue
        person = people[0]
        name_words = person.natural.split()
        if person.literal or person.comma or person.vietnamese or person.von or len(name_words) < 2:
            continue
        if any("." in w for w in name_words) or not all(is_syllable(w) for w in name_words):
            continue  # initials (V.I.Lênin) or a Western name (John Smith): filed by surname, rightly
        yield Finding.at_entry(
            entry,
            _(
                "{key}: `{name}` is filed under `{last}`, its last word, but `{first}` is not a Vietnamese family name"
            ).format(key=f"@{entry.key}", name=person.natural, last=name_words[-1], first=name_words[0]),
            _(
                "if {first} is the family name add {sortkey}; if this is an organisation write it in double braces"
            ).format(first=name_words[0], sortkey=f"sortkey = {{{person.natural}}}"),
        )


@rule("B112", "vietnamese-author-in-foreign-group", Severity.WARNING, "a Vietnamese author in a foreign group")
def vietnamese_author_in_foreign_group(context: CheckContext) -> Iterator[Finding]:
    """A Vietnamese name written in Vietnamese (`Nguyễn Văn An`) on a work of a foreign group:
    no guideline says how to file it (spec §10.3). luanan files it under the tên, prints it in
    full natural order and asks the author to confirm (or to set `sortkey`)."""
    from luanan.bibliography.names import persons
    from luanan.bibliography.numbering import language_of
    from luanan.vietnamese.collation import is_vietnamese_text

    bibliography = context.project.bibliography
    for entry in bibliography.by_key.values():
        group = language_of(bibliography, entry)
        if group in ("vi", "other") or entry.get("sortkey") or entry.get("sortname"):
            continue
        people = [p for p in persons(entry) if not p.others]
        if people and people[0].vietnamese and is_vietnamese_text(people[0].natural):
            order = people[0].vietnamese_order
            yield Finding.at_entry(
                entry,
                _(
                    "{key}: Vietnamese author `{name}` in the `{group}` group is filed under the given name `{given}`"
                ).format(key=f"@{entry.key}", name=" ".join(order), group=group, given=order[-1]),
                _("confirm, or add {sortkey} to file it under the family name").format(
                    sortkey=f"sortkey = {{{order[0]} {' '.join(order[1:])}}}"
                ),
            )
