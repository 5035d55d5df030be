"""Reference-list entries as the MOET-classic list prints them (spec §9.2).

An entry becomes a list of runs `(text, italic)`; the runs become pandoc Markdown (titles in
real emphasis, every field value escaped: a bibliography is data, never markup) or plain text.

    Nguyễn Văn An (2015), *Công tác kiểm tra của Đảng ở cơ sở*, Nxb Chính trị quốc gia, Hà Nội.
    Lê Thị Hoa (2021), “Nâng cao chất lượng sinh hoạt chi bộ”, *Tạp chí Xây dựng Đảng*, (5), tr. 23-26.
    Smith J. A. and R. B. Jones (2012), “Title”, *Journal Name*, 12(3), pp. 45-67.
"""

from __future__ import annotations

import re

from luanan.bibliography.model import BibEntry
from luanan.bibliography.names import is_western_form, split_names

Run = tuple[str, bool]  # (text, italic)

PART_TYPES = {"incollection", "inproceedings", "inbook"}
QUOTED_TYPES = {"article", "newspaper", "online"} | PART_TYPES
LABELS = {
    "vi": {
        "pages": "tr.",
        "editor": "chủ biên",
        "editors": "chủ biên",
        "in": "trong:",
        "volume": "t.",
        "accessed": "truy cập ngày",
        "issue": "số",
        "date": "ngày",
        "and": ", ",
        "phdthesis": "Luận án tiến sĩ",
        "mastersthesis": "Luận văn thạc sĩ",
        "thesis": "Luận án",
    },
    "en": {
        "pages": "pp.",
        "editor": "ed.",
        "editors": "eds.",
        "in": "in:",
        "volume": "Vol.",
        "accessed": "accessed",
        "issue": "no.",
        "date": "",
        "and": " and ",
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
    head = _authors(entry, language, labels)
    year = _year(entry)
    lead = " ".join(p for p in (head, f"({year})" if year else "") if p)
    parts: list[list[Run]] = [[(lead, False)]] if lead else []
    title = entry.get("title")
    if kind in QUOTED_TYPES:
        parts.append([(f"“{title}”", False)])
        parts.extend(_container(entry, kind, labels))
    elif title:
        parts.append([(title, True)])
        parts.extend(_after_title(entry, kind, labels))
    pages = _pages(entry.get("pages"))
    if pages and kind in QUOTED_TYPES and kind != "online":
        parts.append([(f"{labels['pages']} {pages}", False)])
    return _join(parts)


def to_markdown(runs: list[Run]) -> str:
    return "".join(f"*{escape_markdown(text)}*" if italic and text else escape_markdown(text) for text, italic in runs)


def to_plain(runs: list[Run]) -> str:
    return "".join(text for text, _ in runs)


def format_entry(entry: BibEntry, language: str = "vi") -> str:
    """The entry as pandoc Markdown."""
    return to_markdown(format_runs(entry, language))


def _container(entry: BibEntry, kind: str, labels: dict) -> list[list[Run]]:
    parts: list[list[Run]] = []
    if kind in PART_TYPES:
        editors = split_names(entry.get("editor"))
        if labels is not LABELS["vi"]:
            editors = [_foreign(name, first=False) for name in editors]
        host = [(f"{labels['in']} ", False)]
        if editors:
            label = labels["editors" if len(editors) > 1 else "editor"]
            host.append((f"{', '.join(editors)} ({label}), ", False))
        host.append((entry.get("booktitle") or entry.get("maintitle"), True))
        parts.append(host)
        parts.extend([[(value, False)] for value in _values(entry, "publisher", "organization", "address")])
        return parts
    container = (
        entry.get("journal")
        or entry.get("journaltitle")
        or entry.get("organization")
        or entry.get("howpublished")
        or entry.get("publisher")
    )
    if container:
        parts.append([(container, True)])
    if kind == "newspaper":
        parts.extend([[(f"{labels['issue']} {v}", False)] for v in _values(entry, "number")])
        if entry.get("date"):
            parts.append([(f"{labels['date']} {_day(entry.get('date'))}".strip(), False)])
    elif kind == "online":
        parts.extend([[(v, False)] for v in _values(entry, "url")])
        if entry.get("urldate"):
            parts.append([(f"{labels['accessed']} {_day(entry.get('urldate'))}", False)])
    else:
        volume, number = entry.get("volume").strip(), entry.get("number").strip()
        if volume or number:
            parts.append([(volume + (f"({number})" if number else ""), False)])
    return parts


def _after_title(entry: BibEntry, kind: str, labels: dict) -> list[list[Run]]:
    parts: list[list[Run]] = []
    if entry.get("volume"):
        parts.append([(f"{labels['volume']}{'' if labels['volume'] == 't.' else ' '}{entry.get('volume')}", False)])
    if kind in ("phdthesis", "mastersthesis", "thesis"):
        parts.append([(entry.get("type") or labels[kind], False)])
    archive = [
        f"Phông {entry.get('x-fonds')}" if entry.get("x-fonds") else "",
        f"Mục lục số {entry.get('x-inventory')}" if entry.get("x-inventory") else "",
        f"Hồ sơ số {entry.get('x-file')}" if entry.get("x-file") else "",
    ]
    parts.extend([[(value, False)] for value in archive if value])
    names = ("school", "institution", "x-repository", "publisher", "howpublished", "address")
    parts.extend([[(value, False)] for value in _values(entry, *names)])
    return parts


def _authors(entry: BibEntry, language: str, labels: dict) -> str:
    names = split_names(entry.get("author"))
    editors = not names and split_names(entry.get("editor"))
    names = names or editors or []
    if entry.corporate_author or language == "vi":
        text = ", ".join(names)
    else:
        shown = [_foreign(name, first=i == 0) for i, name in enumerate(names)]
        text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + labels["and"] + shown[-1] if shown else ""
    if editors:
        text += f" ({labels['editors' if len(names) > 1 else 'editor']})"
    return text


def _foreign(name: str, first: bool) -> str:
    """`Smith, John A.` -> `Smith J. A.` (first author) or `J. A. Smith` (the others)."""
    if "," in name:
        surname, given = (part.strip() for part in name.split(",", 1))
    elif is_western_form(name) or " " not in name.strip():
        return name
    else:
        *given_words, surname = name.split()
        given = " ".join(given_words)
    initials = " ".join(f"{word[0]}." for word in re.split(r"[\s.]+", given) if word)
    if not initials:
        return surname
    return f"{surname} {initials}" if first else f"{initials} {surname}"


def _year(entry: BibEntry) -> str:
    year = entry.get("year").strip() or entry.get("date").strip()[:4]
    return year if re.fullmatch(r"\d{4}", year) else ""


def _pages(pages: str) -> str:
    return re.sub(r"\s*(?:--?|–)\s*", "-", pages.strip())


def _day(date: str) -> str:
    """`2023-05-12` -> `12/5/2023` (the sample chapter's day/month/year); other text as it is."""
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", date.strip())
    return f"{int(match.group(3))}/{int(match.group(2))}/{match.group(1)}" if match else date.strip()


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
