"""H: numbered headings (spec vn-thesis-conventions.md §4) and the tables and figures the text
mentions (§5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from luanan.diagnostics import Severity
from luanan.edits import Fix
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

_HEADING = re.compile(r"^(#{1,6})[ \t]+(\d+(?:\.\d+)*)(\.?)\s", re.M)
_CAPTION = re.compile(r"^(?:Table)?:[ \t]+\S", re.M)  # a pandoc table caption line
_FIGURE = re.compile(r"^!\[[^\]\n]+\]\([^)\n]+\)[ \t]*(?:\{[^}\n]*\})?[ \t]*$", re.M)  # an image alone, with a caption
_MENTION = re.compile(r"\b(Bảng|Hình)\s+((?:PL)?\d+)\.(\d+)\b")


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
    the chapter's number; at most 4 groups (spec §4)."""
    for document in context.project.chapters:
        chapter = document.meta.get("chapter")
        for heading in headings(context, document):
            if len(heading.number) > 4:
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    f"{_label(heading.number)} has more than 4 levels",
                    "below level 4 use run-in heads (a), b) …)",
                )
            elif len(heading.number) != heading.level:
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    f"{_label(heading.number)} has {len(heading.number)} number groups but is a level-"
                    f"{heading.level} heading",
                    f"write it with {'#' * len(heading.number)}",
                )
            elif chapter is not None and str(heading.number[0]) != str(chapter):
                yield Finding(
                    document,
                    heading.start,
                    heading.end,
                    f"{_label(heading.number)} is in chapter {chapter}",
                    f"number it {chapter}.…",
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
                    document, heading.start, heading.end, f"{_label(heading.number)} does not follow {_label(previous)}"
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
                    f"{_label(parent)} has one subsection only ({_label(child.number)})",
                    "add a second subsection or fold this one into its parent",
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
                    f"heading number `{written}`",
                    f"write {wanted}",
                    fix=Fix.replace(heading.start, heading.end, wanted),
                )


@rule("H105", "unknown-table-or-figure", Severity.WARNING, "mention of a table or figure that does not exist")
def unknown_table_or_figure(context: CheckContext) -> Iterator[Finding]:
    """ "Bảng 3.1" and "Hình 2.4" in the text point at tables and figures that exist: luanan
    numbers captioned tables and figures per chapter ("PL22" in appendix 22)."""
    counts: dict[tuple[str, str], int] = {}
    for document in context.project.chapters:
        label = str(document.meta.get("chapter") or "")
        text = context.masked_text(document)
        counts[("Bảng", label)] = len(_CAPTION.findall(text))
        counts[("Hình", label)] = len(_FIGURE.findall(text))
    for number, document in context.project.appendices.items():
        text = context.masked_text(document)
        counts[("Bảng", f"PL{number}")] = len(_CAPTION.findall(text))
        counts[("Hình", f"PL{number}")] = len(_FIGURE.findall(text))
    for document in context.project.documents:
        if "Bảng" not in document.source.text and "Hình" not in document.source.text:
            continue
        for match in _MENTION.finditer(context.prose_text(document)):
            kind, label, n = match.group(1), match.group(2), int(match.group(3))
            if n > counts.get((kind, label), 0):
                have = counts.get((kind, label), 0)
                yield Finding(
                    document,
                    match.start(),
                    match.end(),
                    f"{match.group()} does not exist",
                    f"chapter {label} has {have} {'tables' if kind == 'Bảng' else 'figures'} with captions",
                )
