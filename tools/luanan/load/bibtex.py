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
from luanan.bibliography.names import NAME_FIELDS, Person, parse_names
from luanan.i18n import _
from luanan.load.problems import LoadProblem
from luanan.source import read_source

_decoder = LatexNodes2Text(math_mode="text")

# bibtexparser logs every failed block as a warning; luanan reports them as diagnostics instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


def load_bibtex(path: Path, shown_as: Path) -> tuple[list[BibEntry], list[LoadProblem]]:
    source = read_source(path, shown_as)
    # No middleware: values come raw, so `#` concatenation, @string macros and the braces that
    # protect a name are handled here.
    library = bibtexparser.parse_string(source.text, parse_stack=[])
    strings: dict[str, str] = {}
    for string in library.strings:
        strings[string.key.strip().lower()] = resolve_value(str(string.value), strings)
    first_line: dict[str, int] = {}
    for block in library.entries:
        first_line.setdefault(block.key, (block.start_line or 0) + 1)
    diagnostics: list[LoadProblem] = [_failure(block, shown_as, first_line) for block in library.failed_blocks]
    entries = []
    for block in library.entries:
        problem = _malformed(block)
        if problem:
            line = (block.start_line or 0) + 1
            message = _("entry cannot be parsed: {problem}").format(problem=problem)
            diagnostics.append(LoadProblem("unparsable-entry", shown_as, line, message))
        else:
            entry, leftovers = _entry(block, shown_as, strings)
            entries.append(entry)
            diagnostics.extend(leftovers)
    return entries, diagnostics


MONTHS = {m: str(i) for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def resolve_value(raw: str, strings: dict[str, str]) -> str:
    """A raw field value without its enclosing braces or quotes, @string macros and `#`
    concatenation resolved (`jean # " " # cesar` -> `Jean César`). Still LaTeX."""
    pieces = _split_concatenation(raw.strip())
    resolved = []
    for piece in pieces:
        piece = piece.strip()
        if len(piece) >= 2 and ((piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')):
            resolved.append(piece[1:-1])
        elif piece.lower() in strings:
            resolved.append(strings[piece.lower()])
        elif piece.lower() in MONTHS:
            resolved.append(MONTHS[piece.lower()])
        else:
            resolved.append(piece)
    return "".join(resolved)


def _split_concatenation(value: str) -> list[str]:
    pieces, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            pieces.append(value[start:i])
            start = i + 1
    pieces.append(value[start:])
    if len(pieces) > 1 and any(not p.strip() for p in pieces):
        return [value]  # a `#` that is not concatenation
    return pieces


# `refnum = {2} title = {Hai}`: bibtexparser reads one field whose value swallowed the next.
_SWALLOWED_FIELD = re.compile(r"[}\"]\s+([A-Za-z][\w-]*)\s*=\s*[{\"]")


def _malformed(block) -> str | None:
    """What bibtexparser let through but no entry can be: no key, a missing comma."""
    if not block.key.strip():
        return _("it has no key")
    for item in block.fields:
        raw = str(item.value) if item.value is not None else ""
        match = _SWALLOWED_FIELD.search("{" + raw + "}" if not raw.startswith(("{", '"')) else raw)
        if match:
            return _("a comma is missing before `{field}`").format(field=match.group(1))
    return None


# Fields whose value is an address, not text: only LaTeX's escapes of URL characters are undone.
VERBATIM_FIELDS = {"url", "doi", "eprint", "file", "pdf", "urlraw"}
# Fields the reference list never prints: a macro left in them is nobody's problem.
NOT_PRINTED = {
    "abstract",
    "keywords",
    "keyword",
    "annotation",
    "annote",
    "comment",
    "comments",
    "mendeley-tags",
    "file",
}
_URL_MACRO = re.compile(r"^\\url\s*\{(.*)\}\s*$", re.DOTALL)
_ONLINE_NOTE = re.compile(r"^\[?online\]?\.?\s*available\s*(?:at)?:?\s*\\url\s*\{([^{}]*)\}\s*\.?$", re.I)


def _entry(block, path: Path, strings: dict[str, str]) -> tuple[BibEntry, list[LoadProblem]]:
    fields: dict[str, str] = {}
    raw_values: dict[str, str] = {}
    leftovers: list[LoadProblem] = []
    line = (block.start_line or 0) + 1
    for item in block.fields:
        name = item.key.lower()
        raw = resolve_value(str(item.value), strings)
        raw_values[name] = raw
        if name in VERBATIM_FIELDS:
            fields[name] = re.sub(r"\\([_%&#~$])", r"\1", re.sub(r"\s+", "", raw))
            continue
        url = _URL_MACRO.match(raw.strip()) or _ONLINE_NOTE.match(raw.strip())
        if url and name in ("howpublished", "note"):  # Zotero: howpublished = {\url{…}}; IEEE: [Online]. Available:
            fields.setdefault("url", re.sub(r"\\([_%&#~$])", r"\1", re.sub(r"\s+", "", url.group(1))))
            continue
        fields[name] = decode_latex(raw)
        unknown = _unknown_macros(raw) if name not in NOT_PRINTED else []
        if unknown:
            leftovers.append(
                LoadProblem(
                    "undecoded-latex",
                    path,
                    line,
                    _("{key}: field `{field}` still holds `{command}` after decoding LaTeX").format(
                        key="@" + block.key, field=name, command="\\" + unknown[0]
                    ),
                    hint=_("write the character itself (UTF-8), or a standard accent command such as {example}").format(
                        example="{\\'e}"
                    ),
                )
            )
    if "url" in fields and fields.get("howpublished", "").strip() == fields["url"]:
        del fields["howpublished"]
    raw_author = raw_values.get("author", "").strip()
    corporate = raw_author.startswith("{") and raw_author.endswith("}") and _closing(raw_author) == len(raw_author) - 1
    persons = {
        name: parse_names(_name_ready(raw_values[name]), decode_latex) for name in NAME_FIELDS if name in raw_values
    }
    authors = persons.get("author", ())
    bodies = {fields.get(n, "").strip() for n in ("institution", "organization", "publisher")} - {""}
    if len(authors) == 1 and not authors[0].literal and authors[0].natural in bodies:
        persons["author"] = (Person(literal=authors[0].natural),)  # `Analog Devices`, also the institution
    entry = BibEntry(block.key, block.entry_type.lower(), fields, path, line, corporate, persons)
    return entry, leftovers


# `\~{e}` in a name: BibTeX's name splitter takes `~` for a space unless braces protect it.
_TILDE_ACCENT = re.compile(r"\\~\s*(\{[^{}]*\}|\\?[A-Za-z])")


# `{\DJ}ặng`: BibTeX's name splitter takes a word that starts with `{\DJ}` for a lower-case
# (von) word, as it knows no letter in `\DJ`; the letter itself is written instead.
_DJ_MACRO = re.compile(r"\{\\(DJ|dj)\s*\}|\\(DJ|dj)(?![A-Za-z])\s*(?:\{\})?")


def _name_ready(raw: str) -> str:
    """A raw name field with vntex letters and `\\DJ` decoded and tilde accents braced."""
    raw = _DJ_MACRO.sub(lambda m: "Đ" if (m[1] or m[2]) == "DJ" else "đ", raw)
    raw = _VNTEX_MACRO.sub(lambda m: _VNTEX[m[1]], raw)
    return _TILDE_ACCENT.sub(lambda m: "{\\~" + m[1] + "}", raw)


def _closing(text: str) -> int:
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            return i
    return -1


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
    "textbraceleft",
    "textbraceright",
    "textasciitilde",
    "textunderscore",
}
_MACRO = re.compile(r"\\([A-Za-z]+)")


# vntex (Vietnamese LaTeX) letters and accents pylatexenc does not know, and logos it drops.
_VNTEX = {
    "ohorn": "ơ",
    "OHORN": "Ơ",
    "uhorn": "ư",
    "UHORN": "Ư",
    "abreve": "ă",
    "ABREVE": "Ă",
    "acircumflex": "â",
    "ACIRCUMFLEX": "Â",
    "ecircumflex": "ê",
    "ECIRCUMFLEX": "Ê",
    "ocircumflex": "ô",
    "OCIRCUMFLEX": "Ô",
}
_LOGOS = {"LaTeXe": "LaTeX2e", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textbar": "|"}
# Symbols pylatexenc drops (`\S 3` came out as `3`), written as text or as escapes it reads.
_LOGOS |= {"S": "§", "P": "¶", "textunderscore": "\\_", "textbraceleft": "\\{", "textbraceright": "\\}"}
# Font commands whose argument pylatexenc drops with them (`\texttt{x}` came out empty): the
# argument is kept as a group.
_FONT_MACRO = re.compile(r"\\(?:textsf|texttt|textup|mbox)\s*(?=\{)")
_VNTEX_MACRO = re.compile(r"\\(" + "|".join(_VNTEX) + r")(?![A-Za-z])\s*(?:\{\})?")
_LOGO_MACRO = re.compile(r"\\(" + "|".join(_LOGOS) + r")(?![A-Za-z])\s*(?:\{\})?")
_HOOK = re.compile(r"\\h\s*(?:\{([^{}]*)\}|\s([A-Za-z]))")
# A URL in running text (`\url{…}` or bare): its `~` and `%` are characters, not LaTeX.
_URL_INLINE = re.compile(r"\\url\s*\{([^{}]*)\}|(https?://[^\s{}]+)")


def _protected_url(match: re.Match) -> str:
    url = (match[1] or match[2]).replace("\\%", "%").replace("\\_", "_").replace("\\&", "&")
    return url.replace("%", "\\%").replace("~", "\\textasciitilde{}").replace("_", "\\_").replace("&", "\\&")


_MATH = re.compile(r"\$[^$]*\$")
_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def _unknown_macros(raw: str) -> list[str]:
    """LaTeX commands in a raw value that decoding does not turn into text (they stay as `\\name`)."""
    known = _KNOWN_MACROS | set(_VNTEX) | set(_LOGOS) | {"h", "textbackslash"}
    return [m.group(1) for m in _MACRO.finditer(raw) if m.group(1) not in known]


def decode_latex(value: str) -> str:
    """`{\\~a}`, `\\DJ`, `{\\'E}` -> Unicode; braces dropped; `--` to a dash; white space folded; NFC."""
    if "\\" in value or "{" in value or "--" in value or "$" in value or "~" in value:
        value = _URL_INLINE.sub(_protected_url, value)
        value = re.sub(r"(?<!\\)%", r"\\%", value)  # a percent sign in a field is text, never a comment
        value = _VNTEX_MACRO.sub(lambda m: _VNTEX[m[1]], value)
        value = _LOGO_MACRO.sub(lambda m: _LOGOS[m[1]], value)
        value = _FONT_MACRO.sub("", value)
        value = _HOOK.sub(lambda m: "{" + (m[1] or m[2]) + "}\u0309", value)
        value = _MATH.sub(lambda m: re.sub(r"\^\{?([0-9+-])\}?", lambda n: n[1].translate(_SUPERSCRIPT), m[0]), value)
        value = _STACKED.sub(lambda m: f"\\{m[1]}{{\\{m[2]}{{{m[3] or m[4]}}}}}", value)
        value = _MACRO.sub(
            lambda m: m.group() if m.group(1) in _KNOWN_MACROS else "\\textbackslash{}" + m.group(1), value
        )
        value = _decoder.latex_to_text(value)
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", value).strip())


def _failure(block, path: Path, first_line: dict[str, int]) -> LoadProblem:
    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = first_line.get(block.key)
        message = (
            _("duplicate key `{key}`: only the first entry with this key (line {line}) is used").format(
                key=block.key, line=first
            )
            if first
            else _("duplicate key `{key}`: only the first entry with this key is used").format(key=block.key)
        )
        return LoadProblem("duplicate-key", path, line, message)
    error = getattr(block, "error", None)
    reason = (getattr(error, "abort_reason", None) or str(error or "") or _("syntax error")).strip()
    return LoadProblem("unparsable-entry", path, line, _("entry cannot be parsed: {problem}").format(problem=reason))
