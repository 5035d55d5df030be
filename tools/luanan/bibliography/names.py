"""Author lists: BibTeX's name grammar (First von Last, Jr; braces protect) as bibtexparser 2
implements it, biblatex's `family=…, given=…` form, organisations, and Vietnamese persons.

A name is a `Person`. The loader parses the raw field (where braces still mark an organisation
or a protected word) and decodes each part; entries built otherwise are parsed from the decoded
text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names

from luanan.bibliography.model import BibEntry

NAME_FIELDS = ("author", "editor", "translator", "bookauthor")

# Vietnamese family names (họ): the common ones, which cover nearly every author. A person whose
# name starts (natural order) or, written `Họ, Đệm Tên`, ends with one of these is Vietnamese.
SURNAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đào đoàn vương trịnh
    trương lâm phùng mai tô tạ hà quách lương lưu đinh thái cao châu kiều khúc lục mạc nghiêm ninh
    quan tăng thân triệu văn vi viên từ âu công chu chúc diệp đàm giang hứa kim la lạc lò lã mã
    mẫn nông ông phí sầm tôn tống trang trình thạch ứng ưng yên đồng lại doãn khổng khương cù giáp bạch
    bế cấn chế chử đậu hàn hầu kha lăng lữ mông nhan phó quản sơn tiêu tòng xa âu đái đường hạ
    lều lô mạnh nhâm ôn thiều thịnh tiết tường vòng""".split()
)


def _plain(word: str) -> str:
    """Lower case without marks, đ as d: `Nguyễn` -> `nguyen` (names typed without diacritics)."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_PLAIN_SURNAMES = frozenset(_plain(name) for name in SURNAMES)

# Words that make an unbraced "person" an organisation (`University of Waikato`).
_ORGANISATION = re.compile(
    r"\b(university|universit[éä]t|université|institute|institut|foundation|association|society|company|"
    r"corporation|corp\.?|inc\.?|ltd\.?|gmbh|organi[sz]ation|committee|council|ministry|department|agency|"
    r"laboratory|laboratories|consortium|group|team|office|bureau|academy|"
    r"bộ|ban|sở|trường|khoa|viện|công ty|tổng cục|ủy ban|uỷ ban|tỉnh ủy|tỉnh uỷ|đảng bộ|học viện|đại học)\b",
    re.IGNORECASE,
)
_BIBLATEX_PART = re.compile(r"^\s*(family|given|prefix|suffix)(?:i)?\s*=\s*(.*?)\s*$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Person:
    first: tuple[str, ...] = ()
    von: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    jr: tuple[str, ...] = ()
    literal: str = ""  # an organisation (braced, or plainly one): printed and filed as written
    others: bool = False  # `and others`
    comma: bool = False  # written `Last, First`

    @property
    def natural(self) -> str:
        """As on a title page: `Jean-Marc de Paula Jr.`; an organisation as written."""
        if self.literal:
            return self.literal
        return " ".join((*self.first, *self.von, *self.last, *self.jr))

    @property
    def vietnamese(self) -> bool:
        """A Vietnamese person: `Nguyễn Văn An` (họ first) or `Nguyễn, Văn An`."""
        if self.literal or self.others or not self.first or self.von or self.jr:
            return False
        if any(_is_initial(word) for word in (*self.first, *self.last)):
            return False
        family = self.last[0] if self.comma and len(self.last) == 1 else (self.first[0] if not self.comma else "")
        return family.lower() in SURNAMES or _plain(family) in _PLAIN_SURNAMES

    @property
    def vietnamese_order(self) -> tuple[str, ...]:
        """Họ Đệm Tên, whichever way the name was written."""
        return (*self.last, *self.first) if self.comma else (*self.first, *self.last)


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]{1,2}\.(?:-?[^\W\d_]{1,2}\.)*", word)) or "." in word.rstrip(".")


def parse_names(raw: str, decode: Callable[[str], str] = lambda s: s) -> tuple[Person, ...]:
    """The persons of a raw BibTeX name field (`and`-separated; braces protect)."""
    value = raw.strip()
    while _FORMATTING.search(value):
        value = _FORMATTING.sub(r"\1", value)
    if not value:
        return ()
    try:
        pieces = split_multiple_persons_names(value)
    except InvalidNameError:
        pieces = [value]
    return tuple(_person(piece.strip(), decode) for piece in pieces if piece.strip())


_FORMATTING = re.compile(r"\\(?:textbf|textit|emph|underline|textsc|textrm|textup|mbox|uline)\s*\{([^{}]*)\}")


def _person(piece: str, decode: Callable[[str], str]) -> Person:
    if piece.lower() in ("others", "et al.", "et al", "et~al.", "{et al.}", "{et al}"):
        return Person(others=True)
    if piece.startswith("{") and _closing_brace(piece, 0) == len(piece) - 1:
        return Person(literal=decode(piece[1:-1]))
    biblatex = _biblatex_parts(piece)
    if biblatex is not None:
        return Person(
            first=tuple(decode(w) for w in biblatex.get("given", "").split()),
            von=tuple(decode(w) for w in biblatex.get("prefix", "").split()),
            last=(decode(biblatex.get("family", "")),) if biblatex.get("family") else (),
            jr=tuple(decode(w) for w in biblatex.get("suffix", "").split()),
            comma=True,
        )
    if "," not in piece and _ORGANISATION.search(decode(piece)) and len(piece.split()) > 1:
        return Person(literal=decode(piece))
    try:
        parts = parse_single_name_into_parts(piece, strict=False)
    except (InvalidNameError, TypeError):
        return Person(literal=decode(piece))

    def clean(words: list[str]) -> tuple[str, ...]:
        return tuple(d for d in (decode(w) for w in words) if d)

    first, jr = clean(parts.first), clean(parts.jr)
    if jr and len(first) == 1 and _SUFFIX.fullmatch(first[0]) and not _SUFFIX.fullmatch(" ".join(jr)):
        first, jr = jr, first  # `Sherry, John F., Jr.`: the suffix written last
    return Person(first, clean(parts.von), clean(parts.last), jr, comma=_top_comma(piece))


_SUFFIX = re.compile(r"(?:Jr|Sr|Jun|Sen)\.?|I{1,3}|IV|V", re.IGNORECASE)


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _top_comma(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            return True
    return False


def _biblatex_parts(piece: str) -> dict[str, str] | None:
    """biblatex's extended name format: `family=Lee, given=Ann, prefix=van`."""
    if "=" not in piece:
        return None
    parts: dict[str, str] = {}
    for item in piece.split(","):
        match = _BIBLATEX_PART.match(item)
        if not match:
            return None
        value = match.group(2)
        parts[match.group(1).lower()] = value[1:-1] if value.startswith("{") and value.endswith("}") else value
    return parts


def persons(entry: BibEntry, name: str = "author") -> tuple[Person, ...]:
    """The persons of a name field: parsed by the loader, else from the decoded text."""
    if name in entry.persons:
        return entry.persons[name]
    value = entry.get(name)
    if name == "author" and entry.corporate_author and value:
        return (Person(literal=value),)
    return parse_names(value)


def initials(given: tuple[str, ...]) -> str:
    """`Jean-Marc` -> `J.-M.`, `John A.` -> `J. A.`, `Ph.` stays, `J.A.` -> `J. A.`, `PM` -> `P. M.`."""
    shown = []
    for word in given:
        for piece in filter(None, re.split(r"(?<=\.)(?=[^\W\d_])", word)):
            if re.fullmatch(r"[^\W\d_]{1,2}\.", piece):
                shown.append(piece)
                continue
            if piece.isalpha() and piece.isupper() and 2 <= len(piece) <= 3:  # Google Scholar: `Dearing, PM`
                shown.extend(f"{letter}." for letter in piece)
                continue
            hyphened = [p for p in piece.split("-") if p]
            letters = [_first_letter(p) for p in hyphened]
            shown.append("-".join(f"{letter}." for letter in letters if letter))
    return " ".join(s for s in shown if s)


def _first_letter(word: str) -> str:
    for ch in word:
        if unicodedata.category(ch).startswith("L"):
            return ch
    return ""
