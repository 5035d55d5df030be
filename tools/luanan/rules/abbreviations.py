"""A: abbreviations (spec vn-thesis-conventions.md §7), against bibliography/abbreviations.yaml."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from luanan.diagnostics import Severity
from luanan.i18n import _
from luanan.load.abbreviations import ABBREVIATIONS_NAME, sorted_abbreviations
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

# Every capital letter Vietnamese writes (Ư Ơ Â Ă Ê Ô Đ, with or without a tone mark).
_CAP = "A-ZĐ" + "".join(
    sorted(
        {
            unicodedata.normalize("NFC", base + tone)
            for base in ("A", "Ă", "Â", "E", "Ê", "I", "O", "Ô", "Ơ", "U", "Ư", "Y")
            for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
        }
        - set("AEIOUY")
    )
)
# Two or more capitals (KT-XH and GD&ĐT count as one); not a part of a document number (QC/TU,
# BTCTW) nor of a dotted name (TP.HCM, REACT.JS, PGS.TS: a set form or a file name).
_TOKEN = re.compile(rf"(?<![\w/.-])([{_CAP}][{_CAP}]+(?:[-&][{_CAP}]+)*)(?![\w/]|\.\w)")
_ROMAN = re.compile(r"[IVXLCDM]+")
_HEADING = re.compile(r"^#{1,6} .*$", re.M)
# Known without being listed: academic titles, units, currencies, time zones (issue 15).
CONVENTIONAL = frozenset("TS PGS GS TSKH NGƯT NGND NXB USD VND EUR GMT UTC KB MB GB TB KW MW KM TP HCM".split())
# `Hội nghị Trung ương (HNTƯ)`, `(sau đây gọi tắt là HNTƯ)`: defined where it is first written.
_DEFINED = re.compile(
    r"([^\W\d_]+)[^\S\n]*(?:<br\s*/?>\s*)?\(\s*(?:(?:sau đây )?(?:gọi|viết) tắt là\s+)?"
    rf"([{_CAP}][{_CAP}]+(?:[-&][{_CAP}]+)*)\s*\)"
)
# `HTTP (HyperText Transfer Protocol)`: the abbreviation first, its full form in brackets.
_DEFINED_BEFORE = re.compile(rf"(?<![\w/.-])([{_CAP}][{_CAP}]+)\**[^\S\n]*\(([^()\n]{{4,100}})\)")
_CODE = r"(?:[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+[A-Za-z\d]*)"  # letters and digits mixed: `K55B`, `17Q`
_CODE_BEFORE = re.compile(rf"\b{_CODE}(?:[ \t]+[A-Z])?[ \t]+$")
_CODE_AFTER = re.compile(rf"[ \t]+{_CODE}\b")
_DOCUMENT_NUMBER = re.compile(r"\d+[ \t]*/[ \t]*$")  # `218 / ĐHKT-SĐH`: the issuer of a document
# The words on either side, across punctuation, numbers (`CHƯƠNG 1:`, `CHƯƠNG I:`), and one
# line break (a title broken over two lines).
_SEPARATOR = r"(?:[^\S\n]|[-–—:,;./()\[\]&…“”\"‘’']|\d|\b[IVXLC]+\b)"
_GAP = rf"(?:{_SEPARATOR}+\n?{_SEPARATOR}*|\n{_SEPARATOR}*)"
_NEIGHBOURS_BEFORE = re.compile(rf"(?<![^\W\d_])(?:([^\W\d_]+){_GAP})?([^\W\d_]+){_GAP}$")
_NEIGHBOURS_AFTER = re.compile(rf"{_GAP}([^\W\d_]+)(?:{_GAP}([^\W\d_]+))?")
_TONED = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_LEGACY = re.compile("[ÏØÑÕÛƢ]")  # VNI text read as Latin-1, PDF font damage: not abbreviations
# A starter dictionary for Party-history and political theses (spec §7), for `--suggest`.
STARTER = {
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "CNH, HĐH": "công nghiệp hóa, hiện đại hóa",
    "CNXH": "chủ nghĩa xã hội",
    "HĐND": "Hội đồng nhân dân",
    "HTCT": "hệ thống chính trị",
    "KT-XH": "kinh tế - xã hội",
    "MTTQ": "Mặt trận Tổ quốc",
    "Nxb": "Nhà xuất bản",
    "QP-AN": "quốc phòng - an ninh",
    "TCCSĐ": "tổ chức cơ sở đảng",
    "UBKT": "Ủy ban Kiểm tra",
    "UBND": "Ủy ban nhân dân",
    "XHCN": "xã hội chủ nghĩa",
    "CNH": "công nghiệp hóa",
    "HĐH": "hiện đại hóa",
    "BCĐ": "Ban Chỉ đạo",
    "CB, ĐV": "cán bộ, đảng viên",
    "TW": "Trung ương",
    "ĐBQH": "đại biểu Quốc hội",
    "CCHC": "cải cách hành chính",
}


def uses(context: CheckContext) -> list:
    """(document, start, end, abbreviation, in a heading) in reading order."""
    return context.shared("abbreviation uses", _uses)


def _uses(context: CheckContext):
    for document in context.project.documents:
        text = context.prose_text(document)
        headings = [(m.start(), m.end()) for m in _HEADING.finditer(text)]
        for match in _TOKEN.finditer(text):
            token = match.group(1)
            if (
                _ROMAN.fullmatch(token)
                or _TONED.search(unicodedata.normalize("NFD", token))  # `TỪ`, `LỊCH`: no abbreviation has a tone
                or _DOCUMENT_NUMBER.search(text, max(0, match.start(1) - 12), match.start(1))
                or _is_title_word(text, match.start(1), match.end(1), token)
            ):
                continue
            in_heading = any(start <= match.start() < end for start, end in headings)
            yield document, match.start(1), match.end(1), token, in_heading


@rule("A101", "undefined-abbreviation", Severity.WARNING, "abbreviation used but not defined")
def undefined_abbreviation(context: CheckContext) -> Iterator[Finding]:
    """Every abbreviation in the text has its full form in bibliography/abbreviations.yaml,
    which makes the list "Danh mục chữ viết tắt". `luanan abbreviations --suggest` proposes the
    full forms it knows. Reported at the first use only. Not abbreviations: the words of a line
    in capitals (`TRƯỜNG ĐẠI HỌC KINH TẾ`), Roman numerals, parts of document numbers and class
    codes. Known without listing: academic titles and units (TS, PGS, GS, USD, GMT, KB, NXB).
    Defined by the text itself: `Hội nghị Trung ương (HNTƯ)`, `HTTP (HyperText Transfer
    Protocol)`."""
    seen = set(CONVENTIONAL) | defined_in_text(context)
    for document, start, end, token, _heading in uses(context):
        if token not in context.project.abbreviations and token not in seen:
            seen.add(token)
            yield Finding(
                document,
                start,
                end,
                _("abbreviation {abbreviation} is not in {file}").format(abbreviation=token, file=ABBREVIATIONS_NAME),
                _("add `{abbreviation}: full form` to {file}").format(abbreviation=token, file=ABBREVIATIONS_NAME),
            )


def defined_in_text(context: CheckContext) -> set[str]:
    """Abbreviations the text defines itself: in brackets after their full form, or before it
    (`HTTP (HyperText Transfer Protocol)`)."""
    return set(context.shared("abbreviations defined in the text", _defined))


def _defined(context: CheckContext):
    for document in context.project.documents:
        text = context.prose_text(document)
        if "(" not in text:
            continue
        for match in _DEFINED.finditer(text):
            if not match.group(1).isupper():  # after a full form in words, not after `XIII` or `WZ`
                yield match.group(2)
        for match in _DEFINED_BEFORE.finditer(text):
            if match.group(1) not in match.group(2) and _spells(match.group(1), match.group(2)):
                yield match.group(1)


def _spells(abbreviation: str, full: str) -> bool:
    """Whether the initials (and inner capitals) of `full` spell `abbreviation`, in order."""
    from luanan.vietnamese.syllables import toneless

    initials = [ch for word in re.findall(r"[^\W\d_]+", full) for i, ch in enumerate(word) if i == 0 or ch.isupper()]
    letters = iter(toneless("".join(initials)).lower())
    wanted = toneless(abbreviation).lower()
    return bool(initials) and toneless(initials[0]).lower() == wanted[0] and all(ch in letters for ch in wanted)


def _is_title_word(text: str, start: int, end: int, token: str) -> bool:
    """A word of a line written in capitals (`TRƯỜNG ĐẠI HỌC KINH TẾ`, `PHÉP BIỆN CHỨNG DUY TÂM
    HEGEL`, `NGUYỄN XUÂN THẮNG`), not an abbreviation: it stands next to another word in
    capitals and is itself a Vietnamese syllable, a name of syllables (`CU-RÁT-DÊ`), or a
    common word (`FRAMEWORK`, `WEBSITE`). Abbreviations in such a line stay abbreviations:
    `CÔNG TY TNHH`."""
    if _LEGACY.search(token) or not _latin(token):
        return True
    if len(token) >= 6 and token.isalpha() and _english(token) >= 3.5:
        return True  # `ABSTRACT`, `INTRODUCTION`: an English heading word, not an abbreviation
    if _CODE_BEFORE.search(text, max(0, start - 20), start) or _CODE_AFTER.match(text, end):
        return True  # `K55B TMĐT`, `QH2019 E QTKD CLC 4`: part of a class or course code
    before = _NEIGHBOURS_BEFORE.search(text, max(0, start - 80), start)
    after = _NEIGHBOURS_AFTER.match(text, end, end + 80)
    near = [m.group(i) for m, i in ((before, 2), (after, 1)) if m and m.group(i)]
    far = [m.group(i) for m, i in ((before, 1), (after, 2)) if m and m.group(i)]
    caps = [w for w in near if _capitals(w)]
    if not caps:
        return False
    if not (_title_neighbour(token) or any(_title_neighbour(w) for w in caps + far)):
        return False  # `APA, ORF`, `EU, LHQ`: a list of abbreviations, not a title
    if "&" in token:
        return False
    return all(_title_word(part) for part in token.split("-"))


def _capitals(word: str) -> bool:
    """A word written in capitals, also when a broken copy left some letters small (`ĐếN`)."""
    return len(word) >= 2 and 2 * sum(ch.isupper() for ch in word) >= len(word)


def _title_neighbour(word: str) -> bool:
    """A word in capitals that makes its neighbours part of a title: a Vietnamese syllable or a
    long word, not another abbreviation (`APA, ORF`; `EU, LHQ`)."""
    return len(word) >= 2 and word.isupper() and (_syllable(word) or len(word) >= 5 or not _latin(word))


def _title_word(word: str) -> bool:
    """A word of a title in capitals rather than an abbreviation."""
    if _syllable(word) or _TONED.search(unicodedata.normalize("NFD", word)):
        return True  # abbreviations carry no tone marks: `ĐẮK LẮK` is a name
    if _syllable(word.translate(_FONT_REPAIR)) or (word.isascii() and _restorable(word)):
        return True  # `CƠNG` (font damage of CÔNG), `NGOC`, `PHAT` (a title typed without marks)
    if _ABBREVIATION_SHAPE.fullmatch(word):
        return False
    if len(word) >= 5:  # abbreviations are short: `TRUYEN`, `FRAMEWORK`, `SOLUTIONS` are words
        return True
    from luanan.vietnamese import words  # word data only for short capitals next to capitals

    if words.segment(word) is not None:  # two words that lost their space: `SỞLÝ`
        return True
    return words.english(word, 3.0) >= 3.0 or words.vietnamese(word) >= 3.0


_FONT_REPAIR = str.maketrans("ƠỊ", "ÔÒ")
_VARIANTS = {"A": "AĂÂ", "E": "EÊ", "O": "OÔƠ", "U": "UƯ", "D": "DĐ"}
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


@functools.lru_cache(maxsize=10_000)
def _restorable(word: str) -> bool:
    """Whether some Vietnamese marks make a syllable of `word` written without them (`NGOC` →
    NGỌC, `TIEP` → TIẾP); two-letter tokens are left to be abbreviations."""
    if len(word) < 3 or len(word) > 7:
        return False
    spellings = [""]
    for ch in word:
        spellings = [s + v for s in spellings for v in _VARIANTS.get(ch, ch)]
    for spelling in spellings:
        for i, ch in enumerate(spelling):
            if ch in "AĂÂEÊIOÔƠUƯY":
                for tone in _TONES[1:]:
                    if _syllable(unicodedata.normalize("NFC", spelling[: i + 1] + tone + spelling[i + 1 :])):
                        return True
        if _syllable(spelling):
            return True
    return False


def _english(word: str) -> float:
    from luanan.vietnamese import words

    return words.english(word, 3.5)


_ABBREVIATION_SHAPE = re.compile(r"[^AEIOUYĂÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]+")


def _latin(token: str) -> bool:
    """Only letters of the Vietnamese and English alphabets (not `ǤIA` of a damaged PDF)."""
    from luanan.vietnamese.syllables import LETTERS, toneless

    return set(toneless(token).lower()) <= LETTERS | set("fjwz-&")


def _syllable(token: str) -> bool:
    from luanan.vietnamese.syllables import is_syllable

    return is_syllable(token)


@rule("A102", "unused-abbreviation", Severity.WARNING, "abbreviation defined but never used")
def unused_abbreviation(context: CheckContext) -> Iterator[Finding]:
    """The list of abbreviations holds only the ones the thesis uses."""
    used = {token for _, _, _, token, _ in uses(context)}
    for short, line in context.project.abbreviation_lines.items():
        if short not in used:
            yield Finding(
                None,
                0,
                0,
                _("abbreviation {abbreviation} is never used").format(abbreviation=short),
                _("remove it from the list"),
                Path(ABBREVIATIONS_NAME),
                line,
            )


@rule("A103", "abbreviation-first-use", Severity.WARNING, "first use not written as “full form (ABBR)”")
def abbreviation_first_use(context: CheckContext) -> Iterator[Finding]:
    """The first time an abbreviation appears, it follows its full form in round brackets:
    `tổ chức cơ sở đảng (TCCSĐ)` (spec §7 rule 2). A chapter whose front matter declares it an
    `excerpt` is exempt: the abbreviation was introduced earlier in the full thesis."""
    seen = set()
    for document, start, end, token, in_heading in uses(context):
        if token in seen or in_heading or token not in context.project.abbreviations:
            continue
        seen.add(token)
        if document.meta.get("excerpt"):
            continue
        full = context.project.abbreviations[token]
        before = " ".join(document.source.text[max(0, start - len(full) - 20) : start].split()).lower()
        if not before.endswith(f"{' '.join(full.lower().split())} ("):
            yield Finding(
                document,
                start,
                end,
                _("first use of {abbreviation} without its full form").format(abbreviation=token),
                _("write “{full} ({abbreviation})” here").format(full=full, abbreviation=token),
            )


@rule("A104", "abbreviation-in-heading", Severity.WARNING, "abbreviation inside a heading")
def abbreviation_in_heading(context: CheckContext) -> Iterator[Finding]:
    """Headings spell terms out (spec §7 rule 4)."""
    for document, start, end, token, in_heading in uses(context):
        if in_heading:
            full = context.project.abbreviations.get(token)
            yield Finding(
                document,
                start,
                end,
                _("abbreviation {abbreviation} in a heading").format(abbreviation=token),
                _("write “{full}”").format(full=full) if full else _("write the term in full"),
            )


def listing(context: CheckContext, suggest: bool = False) -> list[str]:
    """`luanan abbreviations`: each abbreviation the text uses, with its full form, the one the
    starter dictionary proposes (`suggest`), or `?`, and where it is first used."""
    project = context.project
    first: dict[str, tuple] = {}
    for document, start, _end, token, _heading in uses(context):
        first.setdefault(token, (document.path, document.source.position(start)[0]))
    lines = []
    for token, (path, line) in sorted_abbreviations(first):  # the order of the list in the thesis
        if token in project.abbreviations:
            lines.append(f"{token}: {project.abbreviations[token]}")
        elif suggest and token in STARTER:
            note = _("suggested; first used at {place}").format(place=f"{path}:{line}")
            lines.append(f"{token}: {STARTER[token]}    # {note}")
        else:
            note = _("not defined; first used at {place}").format(place=f"{path}:{line}")
            lines.append(f"{token}: ?    # {note}")
    return lines
