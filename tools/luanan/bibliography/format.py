"""Reference-list entries as the MOET-classic list prints them (spec §9.2).

An entry becomes a list of runs `(text, italic)`; the runs become pandoc Markdown (titles in
real emphasis, every field value escaped: a bibliography is data, never markup) or plain text.

    Nguyễn Văn An (2015), *Công tác kiểm tra của Đảng ở cơ sở*, Nxb Chính trị quốc gia, Hà Nội.
    Lê Thị Hoa (2021), “Nâng cao chất lượng sinh hoạt chi bộ”, *Tạp chí Xây dựng Đảng*, (5), tr. 23-26.
    Smith J. A. and R. B. Jones (2012), “Title”, *Journal Name*, 12(3), pp. 45-67.
"""

from __future__ import annotations

import re

from luanan.bibliography.fields import full_date, issuing_body, pages_text, year_parts
from luanan.bibliography.model import BibEntry
from luanan.bibliography.names import Person, initials, persons
from luanan.vietnamese.collation import is_vietnamese_text

Run = tuple[str, bool]  # (text, italic)

PART_TYPES = {"incollection", "inproceedings", "inbook", "conference"}
QUOTED_TYPES = {"article", "newspaper", "online", "www", "webpage", "electronic"} | PART_TYPES
WEB_TYPES = {"online", "www", "webpage", "electronic"}
# Types whose URL is part of the reference (a web page, software, a data set, a report found online).
URL_TYPES = WEB_TYPES | {"misc", "software", "dataset", "report", "techreport", "manual", "unpublished"}
THESIS_TYPES = {"phdthesis", "mastersthesis", "thesis"}
LEGAL_TYPES = {"misc", "report", "techreport", "legislation", "legal", "law", "jurisdiction", "archive"}
# `type = {phdthesis}` and its spellings -> the label key.
THESIS_KINDS = {
    "phdthesis": "phdthesis",
    "phd": "phdthesis",
    "phd thesis": "phdthesis",
    "mastersthesis": "mastersthesis",
    "masterthesis": "mastersthesis",
    "mathesis": "mastersthesis",
    "masters": "mastersthesis",
    "master's thesis": "mastersthesis",
    "thesis": "thesis",
}
LABELS = {
    "vi": {
        "pages": "tr.",
        "page": "tr.",
        "article": "bài số",
        "editor": "chủ biên",
        "editors": "chủ biên",
        "in": "trong:",
        "volume": "t.",
        "accessed": "truy cập ngày",
        "issue": "số",
        "date": "ngày",
        "and": ", ",
        "others": "và cộng sự",
        "translated": "{} dịch",
        "phdthesis": "Luận án tiến sĩ",
        "mastersthesis": "Luận văn thạc sĩ",
        "thesis": "Luận án",
    },
    "en": {
        "pages": "pp.",
        "page": "p.",
        "article": "Art. no.",
        "editor": "ed.",
        "editors": "eds.",
        "in": "in:",
        "volume": "Vol.",
        "accessed": "accessed",
        "issue": "no.",
        "date": "",
        "and": " and ",
        "others": "et al.",
        "translated": "trans. {}",
        "phdthesis": "PhD thesis",
        "mastersthesis": "Master's thesis",
        "thesis": "Thesis",
    },
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#$@~^|!])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def format_runs(entry: BibEntry, language: str = "vi") -> list[Run]:
    labels = LABELS["vi" if language == "vi" else "en"]
    kind = "newspaper" if entry.get("entrysubtype") == "newspaper" else entry.entry_type
    head, issuer = _head(entry, language, labels, kind)
    issuer = issuer or head
    year = year_parts(entry)[1]
    title = _title(entry)
    if kind in QUOTED_TYPES:
        title_parts = [[(f"“{title}”", False)]] if title else []
        rest = _container(entry, kind, language, labels, issuer)
    else:
        if language == "vi" and kind in LEGAL_TYPES:
            title = _legal_title(entry, title)
        title_parts = _titles(entry, title, labels)
        rest = _after_title(entry, kind, labels, issuer)
    if head or not title_parts:
        lead = " ".join(p for p in (head, f"({year})" if year else "") if p)
        parts: list[list[Run]] = ([[(lead, False)]] if lead else []) + title_parts + rest
    else:  # no author and no issuing body: the title comes first, then the year
        first = title_parts[0] + ([(f" ({year})", False)] if year else [])
        parts = [first] + title_parts[1:] + rest
    if kind in QUOTED_TYPES and kind not in WEB_TYPES:
        pages = pages_text(entry, labels)
        if pages:
            parts.append([(pages, False)])
    if kind in URL_TYPES:
        parts.extend(_web(entry, labels))
    note = _note(entry, language)
    if note:
        parts.append([(note, False)])
    return _join(parts)


def to_markdown(runs: list[Run]) -> str:
    return "".join(f"*{escape_markdown(text)}*" if italic and text else escape_markdown(text) for text, italic in runs)


def to_plain(runs: list[Run]) -> str:
    return "".join(text for text, _ in runs)


def format_entry(entry: BibEntry, language: str = "vi") -> str:
    """The entry as pandoc Markdown."""
    return to_markdown(format_runs(entry, language))


def _title(entry: BibEntry) -> str:
    title, subtitle = entry.get("title").strip(), entry.get("subtitle").strip()
    if title and subtitle:
        return f"{title}{'' if title[-1] in '?!:.' else ':'} {subtitle}"
    return title or subtitle


def _legal_title(entry: BibEntry, title: str) -> str:
    """A Party or State document: `type` + `number` (+ day) + subject, as §9.2 I prints it:
    `Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư`."""
    kind, number = entry.get("type").strip(), entry.get("number").strip()
    if not kind or not number or number in title:
        return title
    head = f"{kind} số {number}"
    day = re.fullmatch(r"(\d+)/(\d+)/(\d{4})", full_date(entry))
    if day:  # official style: the day and the months 1 and 2 with two digits (05/3/2020, 04/01/2011)
        d, m = int(day.group(1)), int(day.group(2))
        head += f" ngày {d:02d}/{m:02d}/{day.group(3)}" if m < 3 else f" ngày {d:02d}/{m}/{day.group(3)}"
    if not title:
        return head
    first = title.split()[0].lower()
    if first in ("về", "ban", "quy", "hướng", "sửa", "phê", "thực", "triển", "tiếp", "tăng", "của"):
        return f"{head} {title[0].lower()}{title[1:]}"
    return f"{head} về {title[0].lower()}{title[1:]}"


def _titles(entry: BibEntry, title: str, labels: dict) -> list[list[Run]]:
    """The italic title, after the multi-volume work's title and volume when there is one
    (a @book that crossrefs its @mvbook)."""
    parts: list[list[Run]] = []
    main = entry.get("maintitle").strip()
    volume = entry.get("volume").strip()
    shown_volume = f"{labels['volume']}{'' if labels['volume'] == 't.' else ' '}{volume}" if volume else ""
    if main and main != title:
        parts.append([(main, True)])
        if shown_volume:
            parts.append([(shown_volume, False)])
        if title:
            parts.append([(title, True)])
    else:
        if title:
            parts.append([(title, True)])
        if shown_volume:
            parts.append([(shown_volume, False)])
    parts.extend(_edition(entry, labels))
    return parts


def _edition(entry: BibEntry, labels: dict) -> list[list[Run]]:
    parts: list[list[Run]] = []
    edition = entry.get("edition").strip()
    edition = str(ORDINALS.get(edition.lower().rstrip("."), edition))
    number = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", edition)
    if number and int(number.group(1)) > 1:
        n = int(number.group(1))
        if labels is LABELS["vi"]:
            parts.append([(f"xuất bản lần thứ {n}", False)])
        else:
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            parts.append([(f"{n}{suffix} ed.", False)])
    elif edition and not number:
        parts.append([(edition, False)])
    translators = persons(entry, "translator")
    if translators:
        names = ", ".join(p.natural for p in translators if not p.others)
        parts.append([(labels["translated"].format(names), False)])
    return parts


ORDINALS = {
    word: i
    for i, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1
    )
}


def _container(entry: BibEntry, kind: str, language: str, labels: dict, issuer: str) -> list[list[Run]]:
    parts: list[list[Run]] = []
    if kind in PART_TYPES:
        host_title = entry.get("booktitle").strip() or entry.get("maintitle").strip()
        editors = [p for p in persons(entry, "editor") if not p.others]
        if host_title:
            host = [(f"{labels['in']} ", False)]
            if editors:
                label = labels["editors" if len(editors) > 1 else "editor"]
                host.append((f"{_names(editors, language, labels, invert_first=False)} ({label}), ", False))
            host.append((host_title, True))
            parts.append(host)
        parts.extend(_edition(entry, labels))
        if entry.get("volume").strip() and host_title:
            volume = entry.get("volume").strip()
            parts.append([(f"{labels['volume']}{'' if labels['volume'] == 't.' else ' '}{volume}", False)])
        names = ("publisher", "organization", "address" if entry.get("address").strip() else "location")
        parts.extend([[(value, False)] for value in _values(entry, *names) if value != issuer])
        return parts
    container = next(
        (
            value
            for value in _values(entry, "journal", "journaltitle", "organization", "howpublished", "publisher")
            if value != issuer and not value.startswith("http")
        ),
        "",
    )
    if container:
        parts.append([(container, True)])
    if kind == "newspaper":
        parts.extend([[(f"{labels['issue']} {v}", False)] for v in _values(entry, "number")])
        day = full_date(entry)
        if day:
            parts.append([(f"{labels['date']} {day}".strip(), False)])
    elif kind not in WEB_TYPES:
        volume, number = entry.get("volume").strip(), (entry.get("number") or entry.get("issue")).strip()
        if volume or number:
            parts.append([(volume + (f"({number})" if number else ""), False)])
    return parts


def _web(entry: BibEntry, labels: dict) -> list[list[Run]]:
    parts: list[list[Run]] = []
    if entry.get("url"):
        parts.append([(entry.get("url"), False)])
        accessed = _accessed(entry)
        if accessed:
            parts.append([(f"{labels['accessed']} {accessed}", False)])
    return parts


_ACCESSED_NOTE = re.compile(
    r"^\s*\[?\s*(?:accessed|last accessed|truy cập)(?:\s+(?:on|ngày))?\s*:?\s*([^\]]*?)\s*\]?\s*\.?\s*$", re.I
)


def _accessed(entry: BibEntry) -> str:
    if entry.get("urldate"):
        return full_date(entry, "urldate")
    match = _ACCESSED_NOTE.match(entry.get("note"))
    if match and match.group(1) and not match.group(1).startswith("["):
        return full_date_text(match.group(1))
    return ""


def full_date_text(text: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d\d?)-(\d\d?)", text.strip())
    return f"{int(match.group(3))}/{int(match.group(2))}/{match.group(1)}" if match else text.strip()


_PRIVATE_NOTE = re.compile(
    r"(?-i:\[[^\]]*[A-ZĐ]{3,}[^\]]*\])|\[online\]|available:"  # placeholders, IEEE's online lines
    r"|trích dẫn|mục \d|công thức|sinh viên|dùng để|tham chiếu|then chốt|cited in|see section|section \d",
    re.I,
)


def _note(entry: BibEntry, language: str) -> str:
    """`note` as printed: not an access date or an `[Online]. Available:` line (those become
    the URL's), not the author's own annotation (a note in another language than the entry,
    a placeholder in brackets, a remark on where it is cited, more than 8 words)."""
    note = entry.get("note").strip()
    if not note or _ACCESSED_NOTE.match(note) or _PRIVATE_NOTE.search(note) or len(note.split()) > 8:
        return ""
    if is_vietnamese_text(note) != (language == "vi"):
        return ""
    return note


def _after_title(entry: BibEntry, kind: str, labels: dict, issuer: str) -> list[list[Run]]:
    parts: list[list[Run]] = []
    if kind in THESIS_TYPES:
        declared = entry.get("type").strip()
        if declared and declared.lower() not in THESIS_KINDS:
            parts.append([(declared, False)])
        else:
            parts.append([(labels[THESIS_KINDS.get(declared.lower(), kind)], False)])
    elif kind not in LEGAL_TYPES or labels is not LABELS["vi"]:
        declared, number = entry.get("type").strip(), entry.get("number").strip()
        if kind in ("report", "techreport") and (declared or number):
            parts.append([(" ".join(p for p in (declared, number) if p), False)])
    archive = [
        f"Phông {entry.get('x-fonds')}" if entry.get("x-fonds") else "",
        f"Mục lục số {entry.get('x-inventory')}" if entry.get("x-inventory") else "",
        f"Hồ sơ số {entry.get('x-file')}" if entry.get("x-file") else "",
    ]
    parts.extend([[(value, False)] for value in archive if value])
    place = "address" if entry.get("address").strip() else "location"
    names: tuple[str, ...] = (
        "school",
        "institution",
        "organization",
        "x-repository",
        "journal",
        "publisher",
        "howpublished",
        place,
    )
    seen = {issuer, entry.get("title").strip()}
    if kind not in ("misc", "report", "techreport"):
        names = tuple(n for n in names if n != "journal")
    for value in _values(entry, *names):
        if value not in seen and not value.startswith("http") and value != entry.get("url"):
            parts.append([(value, False)])
            seen.add(value)
    return parts


def _head(entry: BibEntry, language: str, labels: dict, kind: str) -> tuple[str, str]:
    """The authors as printed (editors with their label when there is no author; else the
    issuing organisation), and the organisation used as the author ("" if none)."""
    people = persons(entry, "author")
    if people:
        return _names(people, language, labels, invert_first=True), ""
    editors = persons(entry, "editor")
    if editors:
        shown = [p for p in editors if not p.others]
        label = labels["editors" if len(shown) > 1 else "editor"]
        return f"{_names(editors, language, labels, invert_first=True)} ({label})", ""
    if kind not in THESIS_TYPES:
        issuer = issuing_body(entry)
        if issuer:
            return issuer, issuer
    return "", ""


def _names(people: tuple[Person, ...] | list[Person], language: str, labels: dict, invert_first: bool) -> str:
    others = any(p.others for p in people)
    named = [p for p in people if not p.others]
    if language == "vi":
        shown = [_vietnamese_list_form(p) for p in named]
        text = ", ".join(shown)
    else:
        shown = [_foreign(p, first=invert_first and i == 0) for i, p in enumerate(named)]
        if others or len(shown) == 1:
            text = ", ".join(shown)
        else:
            text = ", ".join(shown[:-1]) + labels["and"] + shown[-1] if shown else ""
    if others and text:
        text += f" {labels['others']}"
    return text


def _vietnamese_list_form(person: Person) -> str:
    """In the Vietnamese group every name is printed as on the title page: Vietnamese names
    `Họ Đệm Tên` (also when written `Họ, Đệm Tên`), foreign ones in natural order."""
    if person.vietnamese:
        return " ".join(person.vietnamese_order)
    return person.natural


def _foreign(person: Person, first: bool) -> str:
    """`Smith, John A.` -> `Smith J. A.` (first author) or `J. A. Smith` (the others);
    `de Paula, Rogério` -> `de Paula R.` / `R. de Paula`; `Reagle, Jr., Joseph M.` ->
    `Reagle J. M., Jr.`. An organisation, a one-word name or a Vietnamese name written in
    Vietnamese is printed as written."""
    if person.literal or not person.last:
        return person.natural
    if not person.first:
        return person.natural
    if person.vietnamese and is_vietnamese_text(person.natural):
        return " ".join(person.vietnamese_order)
    surname = " ".join((*person.von, *person.last))
    given = initials(person.first)
    jr = f", {' '.join(person.jr)}" if person.jr else ""
    if not given:
        return surname + jr
    return f"{surname} {given}{jr}" if first else f"{given} {surname}{jr}"


def _values(entry: BibEntry, *names: str) -> list[str]:
    return [entry.get(name).strip() for name in names if entry.get(name).strip()]


def _join(parts: list[list[Run]]) -> list[Run]:
    runs: list[Run] = []
    for i, part in enumerate(p for p in parts if any(text for text, _ in p)):
        if i:
            runs.append((", ", False))
        runs.extend(part)
    if runs:
        text, italic = runs[-1]
        if italic:
            runs.append((".", False))
        elif not text.endswith("."):
            runs[-1] = (text + ".", False)
    return runs
