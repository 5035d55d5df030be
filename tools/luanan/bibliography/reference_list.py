"""The reference list as the thesis shows it: numbered entries in list order, in language
groups, each formatted for its type."""

from __future__ import annotations

from dataclasses import dataclass

from luanan.bibliography.format import Run, format_runs, to_markdown, to_plain
from luanan.bibliography.model import Bibliography
from luanan.bibliography.numbering import language_of
from luanan.profiles import Profile


@dataclass(frozen=True)
class ListedEntry:
    number: int
    key: str
    group: str  # language code: vi, en, fr...
    runs: list[Run]

    @property
    def text(self) -> str:
        return to_plain(self.runs)


def reference_list(bibliography: Bibliography) -> list[ListedEntry]:
    listed = []
    for number, entry in bibliography.numbered():
        language = language_of(bibliography, entry)
        listed.append(ListedEntry(number, entry.key, language, format_runs(entry, language)))
    return listed


def group_heading(profile: Profile, group: str) -> str:
    headings = profile["bibliography"]["group_headings"]
    return headings.get(group, headings.get("other", group))


def with_headings(listed: list[ListedEntry], profile: Profile) -> list[tuple[str | None, ListedEntry]]:
    """(heading to print before the entry or None, entry). Headings appear only when the list
    has more than one language group and the profile asks for them (never in citation order)."""
    settings = profile["bibliography"]
    show = (
        settings.get("show_group_headings", True)
        and settings.get("numbering", "sorted") != "citation-order"  # IEEE: one list, no groups
        and len({e.group for e in listed}) > 1
    )
    result, current = [], None
    for entry in listed:
        heading = group_heading(profile, entry.group) if show and entry.group != current else None
        current = entry.group
        result.append((heading, entry))
    return result


def as_markdown(listed: list[ListedEntry], profile: Profile) -> str:
    """Pandoc Markdown: a `##` heading per group, one paragraph per entry, `id` for links."""
    blocks = []
    for heading, entry in with_headings(listed, profile):
        if heading:
            blocks.append(f"## {heading} {{.unnumbered .unlisted}}")
        blocks.append(f"[{entry.number}.]{{#ref-{entry.number}}} {to_markdown(entry.runs)}")
    return "\n\n".join(blocks)


def as_text(listed: list[ListedEntry], profile: Profile) -> str:
    lines: list[str] = []
    for heading, entry in with_headings(listed, profile):
        if heading:
            lines.append(("\n" if lines else "") + heading)
        lines.append(f"{entry.number}. {entry.text}")
    return "\n".join(lines) + ("\n" if lines else "")
