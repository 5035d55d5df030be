"""Printed reference-list entries back into BibTeX: the inverse of `luanan.bibliography.format`.

`luanan import` meets the "TÀI LIỆU THAM KHẢO" of an existing thesis as printed text, one entry
per paragraph, in the shapes of spec vn-thesis-conventions.md §9.2:

    Nguyễn Văn An (2015), Công tác kiểm tra của Đảng ở cơ sở, Nxb Chính trị quốc gia, Hà Nội.
    Lê Thị Hoa (2021), “Nâng cao chất lượng …”, Tạp chí Xây dựng Đảng, 98(1), tr. 23-26.
    Tỉnh ủy Thanh Hóa (2010), Quy chế số 01-QC/TU, ngày 16/12/2010 về …, Thanh Hóa.

`parse_reference` turns one entry into a type and BibTeX fields, modelled as §9.3 advises (the
same modelling as tests/fixtures/reference-list/references.bib, so that `luanan refs` prints the
entry back as it was). Italics may come marked as pandoc emphasis (`*…*`); without them the end
of a book title is found from what follows it (a volume, "Nxb …", "Luận án …", "Phông …"; else
the publisher and place at the end). A shape that is not recognised is never dropped: it becomes
an @misc holding the printed text, with `complete` False.

Field values are plain text, except `author` and `editor`: BibTeX name lists joined by " and ",
an organisation wrapped in braces (`{Tỉnh ủy Thanh Hóa}`). `to_bibtex` does the escaping.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from luanan.bibliography.languages import CODES
from luanan.vietnamese.collation import is_vietnamese_text

__all__ = ["ParsedReference", "bibtex_key", "heading_language", "parse_reference", "to_bibtex"]


@dataclass
class ParsedReference:
    entry_type: str
    fields: dict[str, str] = field(default_factory=dict)
    complete: bool = True  # False: the shape was not recognised; `note` holds the printed text


class _NotRecognised(Exception):
    pass


# --- text clean-up -----------------------------------------------------------------------------

_STAR = "\ue000"  # a literal asterisk (`\*` in pandoc Markdown) while `*` marks italics
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_NUMBER = re.compile(r"^\s*(?:\[(\d+)\]|(\d+)\s*[.)])\s*")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\\*", _STAR)
    text = _MD_ESCAPE.sub(r"\1", text).replace("**", "")
    return re.sub(r"\s+", " ", text).strip()


def _plain(text: str) -> str:
    return text.replace("*", "").strip()


def _is_italic(segment: str) -> bool:
    s = segment.strip()
    return len(s) > 2 and s.startswith("*") and s.endswith("*") and s.count("*") == 2


def _segments(text: str) -> list[str]:
    """Split at commas outside brackets, quotes and italics (and not in `1,5`)."""
    parts, start, depth, curly, straight, italic = [], 0, 0, 0, False, False
    for i, ch in enumerate(text):
        if ch == "*":
            italic = not italic
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "“«":
            curly += 1
        elif ch in "”»":
            curly = max(0, curly - 1)
        elif ch == '"':
            straight = not straight
        elif ch == "," and not (italic or depth or curly or straight):
            if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            if (
                re.match(r"(?:https?://|www\.)", text[:i].rsplit(None, 1)[-1] if text[:i].strip() else "")
                and i + 1 < len(text)
                and not text[i + 1].isspace()
            ):
                continue  # a comma inside a URL
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _join(segments: list[str]) -> str:
    return ", ".join(_plain(s) for s in segments)


def _title_text(text: str) -> str:
    """A title without the comma or full stop that closed it (`*Toàn tập,*`); a title with other
    full stops (`Vol. 2.`, `etc.`) keeps its last one."""
    text = _plain(text).removesuffix(",").rstrip()
    return text[:-1].rstrip() if text.endswith(".") and text.count(".") == 1 else text


# --- the pieces of an entry ----------------------------------------------------------------------

_YEAR = re.compile(
    r"\((?:(\d{4})[a-zđ]?|n\.\s?d\.|k\.\s?n\.|không rõ năm|không năm|năm|b\.\s?n\.|s\.\s?d\.|o\.\s?J\.)\)", re.I
)
_EDITOR_MARK = re.compile(
    r"\s*\((?:đồng\s+)?(?:chủ\s+biên|cb|ed|eds|editors?|hrsg|hg|éd|éds|dir|ред|отв\.\s*ред)\.?\)\s*", re.I
)
_PAGES = re.compile(r"^(?:(?:tr|trang|pp)\.?|(?:p|s|с|стр)\.)\s*(\d+[a-z]?(?:\s*[-–—]+\s*\d+[a-z]?)?)$", re.I)
_VOLUME = re.compile(r"^(?:t\.|tập|quyển|q\.|vol\.?|volume|bd\.|band|т\.|tome)\s*([\w]+)$", re.I)
_VOLUME_ISSUE = re.compile(r"^(\w+)\s*\(([\w][\w\-/–. ]*)\)$")
_ISSUE_ONLY = re.compile(r"^\(([\w][\w\-/–. ]*)\)$")
_ISSUE = re.compile(r"^(?:số|no\.?|nr\.?|№|issue|n°)\s*(.+)$", re.I)
_DATE = re.compile(r"^(?:ngày\s*)?(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$", re.I)
_URL = re.compile(r"^(?:(?:nguồn|available at|available from|url|link)\s*:?\s*)?<?((?:https?://|www\.)\S+?)>?$", re.I)
_ACCESSED = re.compile(
    r"^(?:ngày\s+truy\s+cập|truy\s+cập|accessed|retrieved|consulté\s+le|abgerufen\s+am)"
    r"(?:\s+(?:ngày|on))?\s*:?\s*(.+)$",
    re.I,
)
_IN = re.compile(r"^(?:trong|in)\s*:\s*", re.I)
_THESIS = re.compile(
    r"^(?:luận\s+án|luận\s+văn|khóa\s+luận|khoá\s+luận|ph\.?\s?d\.?\s+(?:thesis|dissertation)|"
    r"doctoral\s+(?:thesis|dissertation)|master'?s\s+thesis|m\.?a\.?\s+thesis|diss\.|thèse|"
    r"диссертация|дисс\.)",
    re.I,
)
_FONDS = re.compile(r"^Phông\s+(.+)$", re.I)
_INVENTORY = re.compile(r"^Mục\s+lục(?:\s+số)?\s+(.+)$", re.I)
_FILE = re.compile(r"^(?:Hồ\s+sơ|ĐVBQ|Đơn\s+vị\s+bảo\s+quản)(?:\s+số)?\s+(.+)$", re.I)
_STORED = re.compile(r"^Lưu\s+(?:tại|trữ\s+tại|ở)\b", re.I)
_PUBLISHER_VI = re.compile(r"^(?:Nxb|NXB|Nhà\s+xuất\s+bản|Nhà\s+XB)\b", re.I)
_PUBLISHER_FOREIGN = re.compile(
    r"\b(?:Press|Publish\w*|Verlag|Books|Ltd|Inc|Éditions|Editions|Editora|Издательство|Изд-во|出版社)\b", re.I
)
_EDITION = re.compile(
    r"^(?:(?:tái\s+bản|in|xuất\s+bản)\s+lần\s+thứ\s+(\w+)|(\d+)(?:st|nd|rd|th)\s+ed(?:ition|\.)?)"
    r"(?:\s*,?\s*có\s+sửa\s+chữa(?:,?\s*bổ\s+sung)?)?$",
    re.I,
)
_TRANSLATOR = re.compile(
    r"^(?:người\s+dịch|biên\s+dịch|dịch\s+giả|translated\s+by|trans\.)\s*:?\s*(.+)$|^(.+?)\s+dịch$", re.I
)
_DOCUMENT = re.compile(
    r"^(?:Quy\s+chế|Quy\s+định|Quyết\s+định|Chỉ\s+thị|Nghị\s+quyết|Thông\s+tư|Nghị\s+định|Chương\s+trình\s+hành\s+động|"
    r"Báo\s+cáo|Kế\s+hoạch|Hướng\s+dẫn|Thông\s+báo|Thông\s+tri|Kết\s+luận|Tờ\s+trình|Công\s+văn|Văn\s+kiện|"
    r"Luật|Hiến\s+pháp|Pháp\s+lệnh|Đề\s+án|Quy\s+hoạch)\b"
)

# Names of issuing bodies and other organisations (spec §9.1 "No author", §9.3 corporate authors).
_ORG_VI = re.compile(
    r"^(?:Ban|Bộ|Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Quận\s+ủy|Thị\s+ủy|Đảng\s+ủy|Đảng\s+bộ|Đảng\s+đoàn|Đảng\s+Cộng\s+sản|"
    r"Đảng\s+Lao\s+động|Ủy\s+ban|UBND|HĐND|Hội\s+đồng|Chính\s+phủ|Quốc\s+hội|Tổng\s+cục|Tổng\s+liên\s+đoàn|Tổng\s+công\s+ty|"
    r"Chi\s+cục|Cục|Vụ|Sở|Phòng|Viện|Học\s+viện|Đại\s+học|"
    r"Trường\s+(?:Đại|Cao|Trung|Chính|Sĩ|Quân|Tiểu|Bồi|Cán|Đảng|Nghiệp|Dạy|Phổ|THPT|THCS)|Văn\s+phòng|Hội|Hiệp\s+hội|Liên\s+hiệp|Liên\s+đoàn|"
    r"Mặt\s+trận|Trung\s+ương|Trung\s+tâm|Đoàn\s+Thanh\s+niên|Đoàn\s+TNCS|Tòa\s+án|Viện\s+kiểm\s+sát|Quân\s+ủy|"
    r"Quân\s+khu|Bộ\s+Tư\s+lệnh|Công\s+ty|Tập\s+đoàn|Ngân\s+hàng|Nhà\s+xuất\s+bản|Bảo\s+tàng|Thư\s+viện|Tổ\s+chức|"
    r"Chủ\s+tịch\s+nước|Thủ\s+tướng|Kiểm\s+toán|Thanh\s+tra)\b"
)
_ORG_FOREIGN = re.compile(
    r"\b(?:Organi[sz]ation|Bank|Ministry|Council|Institute|University|Association|Agency|Department|Office|"
    r"Committee|Commission|Fund|Programme|Program|Nations|Union|Society|Foundation|Cent(?:re|er)|Group|Bureau|"
    r"Government|Forum|Academy|Corporation|Company|Party|Министерство|Институт|Академия)\b"
)
_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&\-]+\b")
_INITIAL = re.compile(r"^(?:[^\W\d_]{1,2}\.)+-?$")


def _norm_org(text: str) -> str:
    """Old tone placement (`Tỉnh uỷ`, `Thanh Hoá`) as the new one, for matching only."""
    for old, new in (
        ("uỷ", "ủy"),
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("Uỷ", "Ủy"),
        ("Uý", "Úy"),
    ):
        text = text.replace(old, new)
    return text


def _is_org(name: str) -> bool:
    name = _norm_org(name.strip())
    return bool(_ORG_VI.match(name) or _ORG_FOREIGN.search(name) or _ACRONYM.match(name))


def _split_top(text: str, separator: re.Pattern) -> list[str]:
    """Split outside braces and brackets."""
    parts, depth, start = [], 0, 0
    for match in separator.finditer(text):
        chunk = text[start : match.start()]
        depth = sum(chunk.count(o) - chunk.count(c) for o, c in ("{}", "()"))
        if depth == 0:
            parts.append(chunk)
            start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _person(name: str, vietnamese: bool) -> str:
    """A printed person name as BibTeX: Vietnamese in natural order as printed; foreign
    `Smith J. A.` or `J. A. Smith` as `Smith, J. A.` so that BibTeX finds the surname."""
    name = re.sub(r"\s+", " ", name).strip(" ,;")
    if vietnamese or "," in name:
        return name
    words = name.split(" ")
    initials = [bool(_INITIAL.match(w)) for w in words]
    if len(words) < 2 or all(initials) or not any(initials):
        return name
    if not initials[0]:  # Smith J. A. / Van der Berg J.
        cut = initials.index(True)
        if all(initials[cut:]):
            return f"{' '.join(words[:cut])}, {' '.join(words[cut:])}"
        return name
    cut = initials.index(False)  # R. B. Jones
    if not any(initials[cut:]):
        return f"{' '.join(words[cut:])}, {' '.join(words[:cut])}"
    return name


def _names(text: str, vietnamese: bool) -> list[str]:
    """`A, B và C` / `Smith J. A. and R. B. Jones` / `Bộ Giáo dục và Đào tạo` as BibTeX names."""
    names: list[str] = []
    for part in _split_top(text, re.compile(r"\s*[,;]\s*")):
        if (
            _INITIAL.match(part.replace(" ", ""))
            and names
            and not names[-1].startswith("{")
            and "," not in names[-1]
            and " " not in names[-1]
        ):
            names[-1] = f"{names[-1]}, {part}"  # Anderson, J.E.
            continue
        if _is_org(part):
            names.append("{" + part + "}")
            continue
        for person in _split_top(part, re.compile(r"\s+(?:và|and|&|et|und|и)\s+")):
            names.append("{" + person + "}" if _is_org(person) else _person(person, vietnamese))
    return names


def _people(text: str, vietnamese: bool) -> tuple[str, str]:
    """(author, editor) fields from the names before the year."""
    text = text.strip(" ,")
    if not text:
        return "", ""
    marks = list(_EDITOR_MARK.finditer(text))
    if not marks:
        return " and ".join(_names(text, vietnamese)), ""
    last = marks[-1]
    editors_text = _EDITOR_MARK.sub(", ", text[: last.start()]).strip(" ,")
    authors_text = text[last.end() :].strip(" ,")
    return (
        " and ".join(_names(authors_text, vietnamese)) if authors_text else "",
        " and ".join(_names(editors_text, vietnamese)),
    )


def _language(text: str, given: str | None) -> str:
    if given:
        return given.strip().lower()
    if is_vietnamese_text(text):
        return "vietnamese"
    if re.search(r"[\u0400-\u04ff]", text):
        return "russian"
    if re.search(r"[\u3040-\u30ff]", text):
        return "japanese"
    if re.search(r"[\u4e00-\u9fff]", text):
        return "chinese"
    return "english"


_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}


def _iso_date(text: str) -> str:
    """`12/5/2023` -> `2023-05-12`; `12 May 2023`, `May 12, 2023` too; anything else as printed."""
    text = text.strip().rstrip(".")
    match = _DATE.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), match[3]
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year}-{month:02d}-{day:02d}"
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})|([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if match:
        day_text, name, year = (match[1], match[2], match[3]) if match[1] else (match[5], match[4], match[6])
        found = next((n for m, n in _MONTHS.items() if m.startswith(name.lower()) and len(name) >= 3), None)
        if found:
            return f"{year}-{found:02d}-{int(day_text):02d}"
    return text


def _pages(text: str) -> str | None:
    match = _PAGES.match(text)
    return re.sub(r"\s*[-–—]+\s*", "--", match[1]) if match else None


# --- the shapes ----------------------------------------------------------------------------------


def _quoted(rest: str) -> tuple[str, str] | None:
    """`“Title”, rest` -> (title, rest); None when `rest` does not open with a quotation."""
    pairs = {"“": "”", '"': '"', "«": "»", "„": "“"}
    if not rest or rest[0] not in pairs:
        return None
    opening, closing = rest[0], pairs[rest[0]]
    depth = 1
    for i in range(1, len(rest)):
        if rest[i] == closing and (opening == closing or depth == 1):
            title = rest[1:i].strip()
            title = re.sub(r"(?<!\.)[,.]$", "", title).strip()
            return title, rest[i + 1 :].lstrip(" ,.;:")
        if rest[i] == opening and opening != closing:
            depth += 1
        elif rest[i] == closing:
            depth -= 1
    return None


def _part_of(text: str, vietnamese: bool) -> tuple[str, dict[str, str]]:
    """After `trong:`/`In:` — editors (chủ biên), host title, publisher, place, pages."""
    fields: dict[str, str] = {}
    text = _IN.sub("", text, count=1)
    mark = _EDITOR_MARK.search(text)
    if mark and "*" not in text[: mark.start()] and not re.search(r"[“”\"]", text[: mark.start()]):
        fields["editor"] = " and ".join(_names(_EDITOR_MARK.sub(", ", text[: mark.start()]), vietnamese))
        text = text[mark.end() :].lstrip(" ,")
    segments = _segments(text)
    if segments and _pages(_plain(segments[-1])):
        fields["pages"] = _pages(_plain(segments.pop())) or ""
    if not segments:
        raise _NotRecognised
    italic = next((i for i, s in enumerate(segments) if _is_italic(s)), None)
    if italic is not None:
        if italic:
            raise _NotRecognised  # something between the editors and the host title
        host, tail = [segments[0]], segments[1:]
    else:
        host, tail = _split_title(segments, lambda s: bool(_PUBLISHER_VI.match(s)))
    fields["booktitle"] = _title_text(_join(host))
    _place_publisher([_plain(s) for s in tail], fields)
    kind = "inproceedings" if re.match(r"(?:Kỷ\s+yếu|Proceedings)", fields["booktitle"], re.I) else "incollection"
    return kind, fields


def _place_publisher(tail: list[str], fields: dict[str, str]) -> None:
    """`[publisher…,] place` at the end of a book or chapter."""
    stored = [s for s in tail if _STORED.match(s)]
    tail = [s for s in tail if not _STORED.match(s)]
    if stored:
        fields["howpublished"] = ", ".join(stored)
    if len(tail) == 1:
        if _PUBLISHER_VI.match(tail[0]) or _PUBLISHER_FOREIGN.search(tail[0]):
            fields["publisher"] = tail[0]
        else:
            fields["address"] = tail[0]
    elif len(tail) > 1:
        publisher = next(
            (i for i, s in enumerate(tail) if _PUBLISHER_VI.match(s) or _PUBLISHER_FOREIGN.search(s)), None
        )
        if publisher is not None:
            if publisher:
                raise _NotRecognised
            fields["publisher"], fields["address"] = tail[0], ", ".join(tail[1:])
        else:
            fields["publisher"], fields["address"] = ", ".join(tail[:-1]), tail[-1]


def _article(segments: list[str]) -> tuple[str, dict[str, str]]:
    """After a quoted title: journal, newspaper or web page."""
    fields: dict[str, str] = {}
    if not segments:
        raise _NotRecognised
    if _is_italic(segments[0]):
        container, rest = [segments[0]], segments[1:]
    else:
        i = 0
        while i < len(segments) and not _article_tail(_plain(segments[i])):
            i += 1
        container, rest = segments[:i], segments[i:]
    kind = "article"
    for segment in (_plain(s) for s in rest):
        if (pages := _pages(segment)) and "pages" not in fields:
            fields["pages"] = pages
        elif (url := _URL.match(segment)) and "url" not in fields:
            fields["url"], kind = url[1], "online"
        elif (accessed := _ACCESSED.match(segment)) and "urldate" not in fields:
            fields["urldate"] = _iso_date(accessed[1])
        elif _DATE.match(segment) and "date" not in fields:
            fields["date"] = _iso_date(segment)
        elif (issue := _ISSUE.match(segment)) and "number" not in fields:
            fields["number"] = issue[1].strip()
        elif (both := _VOLUME_ISSUE.match(segment)) and "volume" not in fields and "number" not in fields:
            fields["volume"], fields["number"] = both[1], both[2].strip()
        elif (issue := _ISSUE_ONLY.match(segment)) and "number" not in fields:
            fields["number"] = issue[1].strip()
        elif (volume := _VOLUME.match(segment) or re.fullmatch(r"(\d+)", segment)) and "volume" not in fields:
            fields["volume"] = volume[1]
        else:
            raise _NotRecognised
    name = _title_text(_join(container)) if container else ""
    if kind == "online":
        if name:
            fields["journaltitle"] = name
        return "online", fields
    if not name:
        raise _NotRecognised
    fields["journal"] = name
    if "date" in fields:
        fields["entrysubtype"] = "newspaper"
    return "article", fields


def _article_tail(segment: str) -> bool:
    return any(p.match(segment) for p in (_PAGES, _URL, _ACCESSED, _DATE, _ISSUE, _VOLUME_ISSUE, _ISSUE_ONLY, _VOLUME))


def _book_marker(segment: str) -> bool:
    """A segment that cannot belong to a book title: what follows the title."""
    return any(
        p.match(segment)
        for p in (_VOLUME, _PUBLISHER_VI, _THESIS, _FONDS, _FILE, _STORED, _EDITION, _TRANSLATOR, _URL, _ACCESSED)
    ) or bool(_PUBLISHER_FOREIGN.search(segment))


def _continues(segment: str) -> bool:
    """A segment after a comma that goes on with the title: it starts with a small letter or a
    figure (`…, ngày 16/12/2010 về …`), not a capital as publishers and places do."""
    plain = _plain(segment)
    return bool(plain) and (plain[0].isdigit() or plain[0].islower() or plain[0] in '([“"…')


def _unquoted(segments: list[str]) -> tuple[str, dict[str, str]]:
    """Italic title first: book, thesis, Party/State document, archival record."""
    fields: dict[str, str] = {}
    if _is_italic(segments[0]):
        title, tail = [segments[0]], segments[1:]
    else:
        title, tail = _split_title(segments, _book_marker)
    fields["title"] = _title_text(_join(title))
    if not fields["title"] or re.search(r"\.\s+(?:Nxb|NXB|Nhà\s+xuất\s+bản)\b", fields["title"]):
        raise _NotRecognised  # empty, or full stops where §9.2 has commas
    tail = [_plain(s) for s in tail]
    for segment in list(tail):  # an e-book: its address and the day it was read
        if (url := _URL.match(segment)) and "url" not in fields:
            fields["url"] = url[1]
            tail.remove(segment)
        elif (accessed := _ACCESSED.match(segment)) and "urldate" not in fields:
            fields["urldate"] = _iso_date(accessed[1])
            tail.remove(segment)
    if tail and (pages := _pages(tail[-1])):  # pages of a book: kept, though the list does not print them
        fields["pages"] = pages
        tail.pop()
    while tail:
        if (volume := _VOLUME.match(tail[0])) and "volume" not in fields:
            fields["volume"] = volume[1]
        elif (edition := _EDITION.match(tail[0])) and "edition" not in fields:
            fields["edition"] = edition[1] or edition[2]
        elif (translator := _TRANSLATOR.match(tail[0])) and "translator" not in fields:
            fields["translator"] = (translator[1] or translator[2]).strip()
        else:
            break
        tail.pop(0)
    if tail and _THESIS.match(tail[0]):
        fields["type"] = tail[0]
        if len(tail) > 1:
            fields["school"] = tail[1]
        if len(tail) > 2:
            fields["address"] = ", ".join(tail[2:])
        masters = re.match(r"(?:luận\s+văn|master|m\.?a\.?\s)", tail[0], re.I)
        bachelor = re.match(r"(?:khóa|khoá)\s+luận", tail[0], re.I)
        return ("thesis" if bachelor else "mastersthesis" if masters else "phdthesis"), fields
    if tail and (_FONDS.match(tail[0]) or _FILE.match(tail[0])):
        for name, pattern in (("x-fonds", _FONDS), ("x-inventory", _INVENTORY), ("x-file", _FILE)):
            if tail and (match := pattern.match(tail[0])):
                fields[name] = match[1].strip()
                tail.pop(0)
        if tail:
            fields["x-repository"] = tail[0]
        if len(tail) > 1:
            fields["address"] = ", ".join(tail[1:])
        return "archive", fields
    if any(
        _book_marker(s) and not _PUBLISHER_VI.match(s) and not _PUBLISHER_FOREIGN.search(s) and not _STORED.match(s)
        for s in tail
    ):
        raise _NotRecognised  # a volume or thesis after the publisher: not a shape of §9.2
    publisher = any(_PUBLISHER_VI.match(s) or _PUBLISHER_FOREIGN.search(s) for s in tail)
    document = _DOCUMENT.match(fields["title"])
    congress = re.match(r"Văn\s+kiện", fields["title"])
    places = [s for s in tail if not _STORED.match(s)]
    if document and not publisher and not (congress and len(places) > 1):
        stored = [s for s in tail if _STORED.match(s)]
        if stored:
            fields["howpublished"] = ", ".join(stored)
        if places:
            fields["address"] = places[-1]
        if len(places) > 1:
            fields["institution"] = ", ".join(places[:-1])
        return "misc", fields
    _place_publisher(tail, fields)
    return "book", fields


def _parse(text: str, vietnamese: bool) -> tuple[str, dict[str, str]]:
    year = _YEAR.search(text)
    if not year:
        raise _NotRecognised
    names = text[: year.start()].strip()
    if re.search(r"[*“”\"«»]", names):
        raise _NotRecognised
    rest = text[year.end() :].strip().lstrip(",.:;").strip()
    if rest.endswith("."):
        rest = rest[:-1].rstrip()
    elif rest.endswith(".*"):
        rest = rest[:-2].rstrip() + "*"
    if not rest:
        raise _NotRecognised
    fields: dict[str, str] = {}
    fields["author"], fields["editor"] = _people(names, vietnamese)
    if year[1]:
        fields["year"] = year[1]
    quoted = _quoted(rest)
    if quoted:
        title, after = quoted
        if not title:
            raise _NotRecognised
        fields["title"] = _plain(title)
        if _IN.match(_plain(after)):
            kind, more = _part_of(after, vietnamese)
        else:
            kind, more = _article(_segments(after))
    else:
        kind, more = _unquoted(_segments(rest))
    if "editor" in more and fields["editor"] and not fields["author"]:
        raise _NotRecognised
    for name, value in more.items():
        if name == "editor" and fields["editor"]:
            continue
        fields[name] = value
    return kind, fields


def parse_reference(text: str, number: int | None = None, language: str | None = None) -> ParsedReference:
    """One printed reference-list entry as a BibTeX type and fields (see the module doc)."""
    cleaned = _clean(text)
    match = _NUMBER.match(cleaned)
    if match:
        cleaned = cleaned[match.end() :]
        if number is None:
            number = int(match[1] or match[2])
    langid = _language(_plain(cleaned), language)
    vietnamese = CODES.get(langid) == "vi"
    try:
        entry_type, fields, complete = *_parse(cleaned, vietnamese), True
    except _NotRecognised:
        raw = _MD_ESCAPE.sub(r"\1", unicodedata.normalize("NFC", text)).strip()
        label = _NUMBER.match(raw)
        raw = re.sub(r"\s+", " ", raw[label.end() :] if label else raw)
        entry_type, complete = "misc", False
        fields = {
            "title": _plain(cleaned).replace(_STAR, "*"),
            "note": f"Imported as printed; could not be parsed: {raw}",
        }
    fields["langid"] = langid
    if number is not None:
        fields["refnum"] = str(number)
    fields = {name: re.sub(r"\s+", " ", value.replace(_STAR, "*")).strip() for name, value in fields.items()}
    order = [n for n in FIRST_FIELDS if n in fields] + [n for n in fields if n not in FIRST_FIELDS]
    return ParsedReference(entry_type, {name: fields[name] for name in order if fields[name]}, complete)


_HEADINGS = {
    "việt": "vietnamese",
    "anh": "english",
    "pháp": "french",
    "đức": "german",
    "nga": "russian",
    "trung": "chinese",
    "hán": "chinese",
    "nhật": "japanese",
}


def heading_language(line: str) -> str | None:
    """The language of a group heading of the list ("Tiếng Việt", "B. TÀI LIỆU TIẾNG ANH"), or None
    when the line is no such heading."""
    text = _plain(_clean(line)).lower().strip(" :.")
    match = re.fullmatch(r"(?:[a-z0-9ivx]+[.)]\s*)?(?:#+\s*)?(?:tài\s+liệu\s+)?(?:bằng\s+)?tiếng\s+(\w+)", text)
    return _HEADINGS.get(match[1]) if match else None


# --- keys and BibTeX text ------------------------------------------------------------------------

_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
    )
)


def _ascii(text: str) -> str:
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower().replace("đ", "d"))
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(ch for ch in text if not unicodedata.combining(ch)))


def _name_key(name: str, vietnamese: bool) -> str:
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):
        return _ascii(name)[:32]
    if "," in name:
        return _ascii(name.split(",", 1)[0])
    words = [w for w in re.split(r"[\s.]+", name) if w]
    if not words:
        return ""
    if vietnamese and len(words) > 1 and not re.search(r"(?:^|\s)[^\W\d_]{1,2}\.", name):
        return _ascii(words[-1] + words[0])  # Nguyễn Văn An -> annguyen
    return _ascii(words[-1])


def bibtex_key(parsed: ParsedReference, taken: set[str]) -> str:
    """`annguyen2015`, `tinhuythanhhoa2010`, `smith2012`: the first author's given name and
    family name (Vietnamese), surname (foreign) or name (organisation), then the year; a, b, c…
    when the key is in `taken`. The key is added to `taken`."""
    fields = dict(parsed.fields)
    if not parsed.complete:  # the printed text may still start with "Names (year)"
        year = _YEAR.search(fields.get("title", ""))
        if year and year[1]:
            author, editor = _people(fields["title"][: year.start()], True)
            fields = {"author": author or editor, "year": year[1], "langid": fields.get("langid", "")}
    vietnamese = CODES.get(fields.get("langid", "")) == "vi"
    names = fields.get("author") or fields.get("editor") or ""
    first = _split_top(names, re.compile(r"\s+and\s+"))[:1]
    base = _name_key(first[0], vietnamese) if first else ""
    if not base:
        base = _ascii("".join(fields.get("title", "").split()[:3]))[:24]
    base = (base or "ref") + re.sub(r"\D", "", fields.get("year", ""))[:4]
    key, n = base, 0
    while key in taken:
        key = base + _suffix(n)
        n += 1
    taken.add(key)
    return key


def _suffix(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


FIRST_FIELDS = ("refnum", "langid", "author", "editor", "year", "title")
NAME_FIELDS = {"author", "editor", "translator"}


def to_bibtex(entries: list[tuple[str, ParsedReference]]) -> str:
    """BibTeX text: fields in a stable order (refnum, langid, author, editor, year, title, then
    the rest alphabetically), braced values with balanced braces, a blank line between entries."""
    blocks = []
    for key, parsed in entries:
        names = [n for n in FIRST_FIELDS if n in parsed.fields]
        names += sorted(n for n in parsed.fields if n not in FIRST_FIELDS)
        lines = [f"@{parsed.entry_type}{{{key},"]
        for name in names:
            value = _encode_names(parsed.fields[name]) if name in NAME_FIELDS else _encode(parsed.fields[name])
            lines.append(f"  {name} = {{{value}}},")
        lines.append("}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _paired_braces(text: str) -> set[int]:
    """Positions of the `{` and `}` that have a partner."""
    stack, pairs = [], set()
    for i, ch in enumerate(text):
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            pairs |= {stack.pop(), i}
    return pairs


def _encode(value: str, decoded: bool | None = None) -> str:
    """Literal text for a braced BibTeX value. Braces are written `\\{`/`\\}` (a brace without a
    partner is dropped, as BibTeX counts every brace); luanan then decodes the value as LaTeX,
    so a backslash and `%` are escaped too — only when the value needs decoding at all."""
    if decoded is None:
        decoded = bool(re.search(r"[{}\\]", value))
    if not decoded:
        return value
    pairs = _paired_braces(value)
    out = []
    for i, ch in enumerate(value):
        if ch in "{}":
            if i in pairs:
                out.append("\\" + ch)
        elif ch == "\\":
            out.append("\\textbackslash{}")
        elif ch == "%":
            out.append("\\%")
        else:
            out.append(ch)
    return "".join(out)


def _encode_names(value: str) -> str:
    """A name list: an organisation keeps its one pair of protecting braces, the rest is text."""
    names = _split_top(value, re.compile(r"\s+and\s+"))
    wrapped = [n.startswith("{") and n.endswith("}") for n in names]
    decoded = any(wrapped) or bool(re.search(r"[{}\\]", value))
    return " and ".join(
        "{" + _encode(n[1:-1], decoded) + "}" if w else _encode(n, decoded) for n, w in zip(names, wrapped)
    )


def _split_title(segments: list[str], ends_title) -> tuple[list[str], list[str]]:
    """An unitalicised title and what follows it: the title ends before the first segment
    `ends_title` recognises (a publisher, a volume…); without one, it runs on while segments
    continue it, leaving at most the last two (publisher, place)."""
    marker = next((i for i, s in enumerate(segments) if i and ends_title(_plain(s))), None)
    if marker is not None:
        return segments[:marker], segments[marker:]
    j = 1
    while j < len(segments) and _continues(segments[j]):
        j += 1
    title, tail = segments[:j], segments[j:]
    if len(tail) > 2:
        title, tail = title + tail[:-2], tail[-2:]
    return title, tail
