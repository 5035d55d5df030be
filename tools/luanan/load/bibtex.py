"""BibTeX files into `BibEntry`s: bibtexparser 2 splits, pylatexenc decodes LaTeX escapes.

A block that cannot be parsed, or a duplicate key, is a diagnostic at its file and line; the
other entries still load.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import bibtexparser
from bibtexparser.model import DuplicateBlockKeyBlock
from pylatexenc.latex2text import LatexNodes2Text

from luanan.bibliography.model import BibEntry
from luanan.load.problems import LoadProblem
from luanan.source import read_source

_decoder = LatexNodes2Text(math_mode="verbatim")

# bibtexparser logs every failed block as a warning; luanan reports them as diagnostics instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


def load_bibtex(path: Path, shown_as: Path) -> tuple[list[BibEntry], list[LoadProblem]]:
    source = read_source(path, shown_as)
    library = bibtexparser.parse_string(source.text)
    diagnostics: list[LoadProblem] = [_failure(block, shown_as) for block in library.failed_blocks]
    entries = []
    for block in library.entries:
        problem = _malformed(block)
        if problem:
            line = (block.start_line or 0) + 1
            diagnostics.append(LoadProblem("unparsable-entry", shown_as, line, f"entry cannot be parsed: {problem}"))
        else:
            entries.append(_entry(block, shown_as))
    return entries, diagnostics


# `refnum = {2} title = {Hai}`: bibtexparser reads one field whose value swallowed the next.
_SWALLOWED_FIELD = re.compile(r"[}\"]\s+([A-Za-z][\w-]*)\s*=\s*[{\"]")


def _malformed(block) -> str | None:
    """What bibtexparser let through but no entry can be: no key, a missing comma."""
    if not block.key.strip():
        return "it has no key"
    for item in block.fields:
        raw = str(item.value) if item.value is not None else ""
        match = _SWALLOWED_FIELD.search("{" + raw + "}" if not raw.startswith(("{", '"')) else raw)
        if match:
            return f"a comma is missing before `{match.group(1)}`"
    return None


def _entry(block, path: Path) -> BibEntry:
    fields = {}
    for item in block.fields:
        fields[item.key.lower()] = decode_latex(str(item.value))
    raw_author = str(block.fields_dict["author"].value).strip() if "author" in block.fields_dict else ""
    corporate = raw_author.startswith("{") and raw_author.endswith("}")
    return BibEntry(block.key, block.entry_type.lower(), fields, path, block.start_line + 1, corporate)


# Two accents stacked on one letter without braces (`{\'\^o}` for "ố"), which pylatexenc
# decodes with the marks before the letter; nested braces (`\'{\^{o}}`) decode right.
_ACCENT = r"([`'^\"~=.]|[uvHdcbkr](?![A-Za-z]))"
_STACKED = re.compile(rf"\\{_ACCENT}\s*\\{_ACCENT}\s*(?:\{{(\w)\}}|(\w))")


# Macros a bibliography field may use: accents, special letters, emphasis. Any other command
# (`\\input`, `\\write`) is data: it is kept as text instead of disappearing.
_KNOWN_MACROS = {
    "d",
    "u",
    "v",
    "H",
    "c",
    "k",
    "b",
    "r",
    "t",
    "i",
    "j",
    "o",
    "O",
    "l",
    "L",
    "ss",
    "ae",
    "AE",
    "oe",
    "OE",
    "aa",
    "AA",
    "DJ",
    "dj",
    "textbf",
    "textit",
    "emph",
    "underline",
    "textsc",
    "textrm",
    "textsf",
    "texttt",
    "textup",
    "textsl",
    "mbox",
    "textbackslash",
    "textendash",
    "textemdash",
    "ldots",
    "dots",
    "LaTeX",
    "TeX",
    "url",
    "textquotedblleft",
    "textquotedblright",
    "textquoteleft",
    "textquoteright",
    "S",
    "P",
    "textregistered",
}
_MACRO = re.compile(r"\\([A-Za-z]+)")


def decode_latex(value: str) -> str:
    """`{\\~a}`, `\\DJ`, `{\\'E}` -> Unicode; braces dropped; white space folded; NFC."""
    if "\\" in value or "{" in value:
        value = _STACKED.sub(lambda m: f"\\{m[1]}{{\\{m[2]}{{{m[3] or m[4]}}}}}", value)
        value = _MACRO.sub(
            lambda m: m.group() if m.group(1) in _KNOWN_MACROS else "\\textbackslash{}" + m.group(1), value
        )
        value = _decoder.latex_to_text(value)
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", value).strip())


def _failure(block, path: Path) -> LoadProblem:
    line = block.start_line + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        return LoadProblem(
            "duplicate-key", path, line, f"duplicate key `{block.key}`: only the first entry with this key is used"
        )
    error = getattr(block, "error", None)
    reason = (getattr(error, "abort_reason", None) or str(error or "") or "syntax error").strip()
    return LoadProblem("unparsable-entry", path, line, f"entry cannot be parsed: {reason}")
