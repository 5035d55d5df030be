"""A: abbreviations (spec vn-thesis-conventions.md §7), against bibliography/abbreviations.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from luanan.diagnostics import Severity
from luanan.load.abbreviations import ABBREVIATIONS_NAME, sorted_abbreviations
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

# Two or more capitals (KT-XH counts as one); not a part of a document number (QC/TU, BTCTW).
_TOKEN = re.compile(r"(?<![\w/-])([A-ZĐ][A-ZĐ]+(?:-[A-ZĐ]+)*)(?![\w/])")
_ROMAN = re.compile(r"[IVXLCDM]+")
_HEADING = re.compile(r"^#{1,6} .*$", re.M)
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
            if _ROMAN.fullmatch(token):
                continue
            in_heading = any(start <= match.start() < end for start, end in headings)
            yield document, match.start(1), match.end(1), token, in_heading


@rule("A101", "undefined-abbreviation", Severity.WARNING, "abbreviation used but not defined")
def undefined_abbreviation(context: CheckContext) -> Iterator[Finding]:
    """Every abbreviation in the text has its full form in bibliography/abbreviations.yaml,
    which makes the list "Danh mục chữ viết tắt". `luanan abbreviations --suggest` proposes the
    full forms it knows. Reported at the first use only."""
    seen = set()
    for document, start, end, token, _ in uses(context):
        if token not in context.project.abbreviations and token not in seen:
            seen.add(token)
            yield Finding(
                document,
                start,
                end,
                f"abbreviation {token} is not in {ABBREVIATIONS_NAME}",
                f"add `{token}: full form` to {ABBREVIATIONS_NAME}",
            )


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
                f"abbreviation {short} is never used",
                "remove it from the list",
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
                f"first use of {token} without its full form",
                f"write “{full} ({token})” here",
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
                f"abbreviation {token} in a heading",
                f"write “{full}”" if full else "write the term in full",
            )


def listing(context: CheckContext, suggest: bool = False) -> list[str]:
    """`luanan abbreviations`: each abbreviation the text uses, with its full form, the one the
    starter dictionary proposes (`suggest`), or `?`, and where it is first used."""
    project = context.project
    first: dict[str, tuple] = {}
    for document, start, _, token, _ in uses(context):
        first.setdefault(token, (document.path, document.source.position(start)[0]))
    lines = []
    for token, (path, line) in sorted_abbreviations(first):  # the order of the list in the thesis
        if token in project.abbreviations:
            lines.append(f"{token}: {project.abbreviations[token]}")
        elif suggest and token in STARTER:
            lines.append(f"{token}: {STARTER[token]}    # suggested; first used at {path}:{line}")
        else:
            lines.append(f"{token}: ?    # not defined; first used at {path}:{line}")
    return lines
