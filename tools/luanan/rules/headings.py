"""H: numbered headings (spec vn-thesis-conventions.md §4) and the tables and figures the text
mentions (§5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from luanan.citations.labels import caption_name, figure_kinds, find_references
from luanan.diagnostics import Severity
from luanan.edits import Fix
from luanan.i18n import N_, _
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

_HEADING = re.compile(r"^(#{1,6})[ \t]+(\d+(?:\.\d+)*)(\.?)\s", re.M)


@dataclass(frozen=True)
class Heading:
    document: object
    start: int
    end: int
    level: int
    number: tuple[int, ...]
    dot: bool


def headings(context: CheckContext, document) -> list[Heading]:
    text = context.masked_text(document)
    return [
        Heading(
            document,
            m.start(2),
            m.end(3),
            len(m.group(1)),
            tuple(int(n) for n in m.group(2).split(".")),
            bool(m.group(3)),
        )
        for m in _HEADING.finditer(text)
    ]


def _label(number: tuple[int, ...]) -> str:
    return ".".join(map(str, number))


def _excerpt(document, key: str) -> tuple[int, ...] | None:
    excerpt = document.meta.get("excerpt") or {}
    value = excerpt.get(key) if isinstance(excerpt, dict) else None
    return tuple(int(n) for n in str(value).strip(".").split(".")) if value else None


@rule("H101", "heading-number-level", Severity.WARNING, "heading number does not match its level")
def heading_number_level(context: CheckContext) -> Iterator[Finding]:
    """`## 3.2.`, `### 3.2.5.`, `#### 3.2.5.1.`: as many number groups as `#`s, the first being
    the chapter's number; at most 4 groups (spec §4). Parts without a chapter number (Mở đầu,
    Kết luận) number their sections on their own (`## 1. Lý do chọn đề tài`): not checked here."""
    for document in context.project.chapters:
        chapter = document.meta.get("chapter")
        if chapter is None:
            continue
        for heading in headings(context, document):
            if len(heading.number) > 4:
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    _("{number} has more than 4 levels").format(number=_label(heading.number)),
                    _("below level 4 use run-in heads (a), b) …)"),
                )
            elif len(heading.number) != heading.level:
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    _("{number} has {groups} number groups but is a level-{level} heading").format(
                        number=_label(heading.number), groups=len(heading.number), level=heading.level
                    ),
                    _("write it with {marks}").format(marks="#" * len(heading.number)),
                )
            elif chapter is not None and str(heading.number[0]) != str(chapter):
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    _("{number} is in chapter {chapter}").format(number=_label(heading.number), chapter=chapter),
                    _("number it {number}").format(number=f"{chapter}.…"),
                )


@rule("H102", "heading-number-gap", Severity.WARNING, "heading numbers skip or go back")
def heading_number_gap(context: CheckContext) -> Iterator[Finding]:
    """Each heading follows the one before it: the next sibling (3.2.5 -> 3.2.6), a first child
    (3.2.5 -> 3.2.5.1) or the next of an ancestor (3.2.5.1 -> 3.3). An excerpt starts after the
    section its front matter names (`excerpt: {starts_in: "3.2.4"}`)."""
    for document in context.project.chapters:
        previous = _excerpt(document, "starts_in")
        for heading in headings(context, document):
            if previous is not None and not _follows(previous, heading.number):
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    _("{number} does not follow {previous}").format(
                        number=_label(heading.number), previous=_label(previous)
                    ),
                )
            previous = heading.number


def _follows(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    if number == previous + (1,):
        return True
    depth = len(number)
    return depth <= len(previous) and number[:-1] == previous[: depth - 1] and number[-1] == previous[depth - 1] + 1


@rule("H103", "single-subsection", Severity.WARNING, "a section with a single subsection")
def single_subsection(context: CheckContext) -> Iterator[Finding]:
    """No 2.1.1 without 2.1.2 (spec §4). An excerpt that begins or ends inside the section is
    exempt, since its other subsections are outside the file."""
    for document in context.project.chapters:
        found = headings(context, document)
        cut = [n for n in (_excerpt(document, "starts_in"), _excerpt(document, "ends_in")) if n]
        for parent in {h.number[:-1] for h in found if len(h.number) > 1}:
            children = [h for h in found if h.number[:-1] == parent]
            partial = any(n[: len(parent)] == parent for n in cut)
            if len(children) == 1 and not partial:
                child = children[0]
                yield Finding(
                    document,
                    child.start,
                    child.end,
                    _("{number} has one subsection only ({child})").format(
                        number=_label(parent), child=_label(child.number)
                    ),
                    _("add a second subsection or fold this one into its parent"),
                )


@rule("H104", "heading-dot", Severity.WARNING, "heading number punctuation differs from the profile")
def heading_dot(context: CheckContext) -> Iterator[Finding]:
    """The profile says whether heading numbers end with a dot (`3.2.5.`, moet-classic) or not
    (`3.2.5`); every heading follows it."""
    dot = context.project.profile["heading"]["trailing_dot"]
    for document in context.project.chapters:
        for heading in headings(context, document):
            if heading.dot != dot:
                written = _label(heading.number) + ("." if heading.dot else "")
                wanted = _label(heading.number) + ("." if dot else "")
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    _("heading number `{number}`").format(number=written),
                    _("write {text}").format(text=wanted),
                    fix=Fix.replace(heading.start, heading.end, wanted),
                )


@rule("H105", "unknown-table-or-figure", Severity.WARNING, "mention of a table or figure that does not exist")
def unknown_table_or_figure(context: CheckContext) -> Iterator[Finding]:
    """ "Bảng 3.1" and "Hình 2.4" in the text point at tables and figures that exist: luanan
    numbers captioned tables and figures per chapter ("PL22" in appendix 22), and the profile's
    figure kinds ("Biểu đồ 2.1", "Sơ đồ 1.1") each in their own sequence."""
    captions = context.project.profile["captions"]
    names = [caption_name(captions["table"]), caption_name(captions["figure"]), *figure_kinds(captions).values()]
    counts: dict[tuple[str, str], int] = {}
    for targets in context.parsed.targets.values():
        for target in targets:
            if target.kind != "equation" and target.number:
                chapter = target.number.rsplit(".", 1)[0]
                counts[(target.name, chapter)] = counts.get((target.name, chapter), 0) + 1
    mention = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")\s+((?:PL)?\d+)\.(\d+)\b")
    for document in context.project.documents:
        if not any(name in document.source.text for name in names):
            continue
        for match in mention.finditer(context.prose_text(document)):
            kind, label, n = match.group(1), match.group(2), int(match.group(3))
            have = counts.get((kind, label), 0)
            if n > have:
                yield Finding(
                    document,
                    match.start(),
                    match.end(),
                    _("{mention} does not exist").format(mention=match.group()),
                    _("chapter {chapter} has {count} with a caption ({first} …)").format(
                        chapter=label, count=have, first=f"{kind} {label}.1"
                    )
                    if have
                    else _("chapter {chapter} has no {kind} with a caption").format(chapter=label, kind=kind.lower()),
                )


# What carries a label of each kind: the hint for a label that nothing carries.
_CARRIERS = {"tbl": N_("add {label} to the caption"), "fig": N_("add {label} to the image")}
_FORMULA = N_("add {label} to the formula")


@rule("X103", "unknown-label", Severity.ERROR, "`@tbl:`, `@fig:` or `@eq:` label that nothing carries")
def unknown_label(context: CheckContext) -> Iterator[Finding]:
    """`@tbl:ket-qua` prints as "Bảng 3.1": the table whose caption ends with `{#tbl:ket-qua}`
    (a figure: `![…](…){#fig:so-do}`; an equation: `$$ … $$ {#eq:muc-do}`). A label nothing
    carries, or two things carry, would print a wrong number."""
    labels = context.parsed.labels
    carriers: dict[str, int] = {}
    for targets in context.parsed.targets.values():
        for target in targets:
            if target.label:
                carriers[target.label] = carriers.get(target.label, 0) + 1
    for document in context.project.documents:
        for start, end, label in find_references(document.source.text, document.body_start):
            if label not in labels:
                kind = label.split(":")[0]
                same = sorted(name for name in labels if name.startswith(kind + ":"))
                close = [name for name in same if name.split(":", 1)[1][:3] == label.split(":", 1)[1][:3]]
                hint = (
                    _("did you mean {keys}?").format(keys="@" + close[0])
                    if close
                    else (
                        _("labels of this kind: {labels}").format(labels=", ".join("@" + n for n in same[:5]))
                        if same
                        else _(_CARRIERS.get(kind, _FORMULA)).format(label=f"{{#{label}}}")
                    )
                )
                yield Finding(document, start, end, _("{label} labels nothing").format(label="@" + label), hint)
            elif carriers.get(label, 0) > 1:
                yield Finding(
                    document,
                    start,
                    end,
                    _("{label} is carried by {count} items").format(label="@" + label, count=carriers[label]),
                    _("give each its own label"),
                )
