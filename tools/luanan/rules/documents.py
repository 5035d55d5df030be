"""D: official document numbers (spec vn-thesis-conventions.md §11)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from luanan.diagnostics import Severity
from luanan.edits import Fix
from luanan.i18n import _
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule
from luanan.vietnamese.docnumbers import KIND_WORDS, find_document_numbers


def _numbers(context: CheckContext) -> list:
    return context.shared("document numbers", _find)


def _find(context: CheckContext):
    for document in context.project.documents:
        for number in find_document_numbers(context.masked_text(document)):
            yield document, number


@rule("D101", "document-number-shape", Severity.WARNING, "document number not in its official shape")
def document_number_shape(context: CheckContext) -> Iterator[Finding]:
    """A Party number is `NUMBER-TYPE/ISSUER` (`01-QC/TU`), a State one `NUMBER/TYPE-ISSUER` or
    `NUMBER/YEAR/TYPE-ISSUER` (`18/2021/TT-BGDĐT`); a lost or extra hyphen, a dash or spaces
    (`01QC/TU`, `1089 - QĐ/TU`) is the usual damage. `luanan fix` writes the official shape,
    except inside quotations (`--unsafe`)."""
    for document, number in _numbers(context):
        if number.written != number.canonical:
            yield Finding(
                document,
                number.start,
                number.end,
                _("document number `{number}`").format(number=number.written),
                _("write {text}").format(text=number.canonical),
                fix=Fix.replace(number.start, number.end, number.canonical),
            )


@rule("D102", "document-type-mismatch", Severity.WARNING, "type code disagrees with the document named")
def document_type_mismatch(context: CheckContext) -> Iterator[Finding]:
    """The type code must fit the word before it: `Chỉ thị số … CT`, `Quyết định số … QĐ`,
    `Quy chế số … QC` (spec §11.2 rule 6). `Chỉ thị số 195-QĐ/TU` names one kind of document and
    numbers another; which is right only the source can say, so luanan never changes it."""
    for document, number in _numbers(context):
        if number.kind_word and number.type_code not in KIND_WORDS[number.kind_word]:
            expected = "/".join(sorted(KIND_WORDS[number.kind_word]))
            yield Finding(
                document,
                number.start,
                number.end,
                _("“{kind}” numbered as {type} (`{number}`)").format(
                    kind=number.kind_word, type=number.type_code, number=number.written
                ),
                _("a {kind} carries {expected}: check the document").format(kind=number.kind_word, expected=expected),
            )


@rule("D103", "document-date-conflict", Severity.WARNING, "one document number given two different dates")
def document_date_conflict(context: CheckContext) -> Iterator[Finding]:
    """The same document number is dated differently in two places (`07-CTr/TU ngày 04/01/2011`
    and `07-CTr/TU ngày 13/4/2011`): one of them is wrong. Reported at the second, naming the first."""
    first_seen: dict[str, tuple] = {}
    dates: dict[str, set] = defaultdict(set)
    for document, number in _numbers(context):
        if number.date is None:
            continue
        key = number.canonical
        if key in first_seen and number.date not in dates[key]:
            where_document, where_number = first_seen[key]
            line, column = where_document.source.position(where_number.start)
            yield Finding(
                document,
                number.start,
                number.end,
                _("{number} is dated {date} here and {other_date} at {place}").format(
                    number=key,
                    date=number.date_text,
                    other_date=where_number.date_text,
                    place=f"{where_document.path}:{line}:{column}",
                ),
                _("check both dates against the document itself"),
            )
        first_seen.setdefault(key, (document, number))
        dates[key].add(number.date)
