"""Changes to a text: an `Edit` replaces `text[start:end]`; a `Fix` is the edits one finding
proposes, with whether they are safe (cannot be wrong) or need the author's judgement."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    safe: bool = True  # False: shown as a suggestion, applied only with `luanan fix --unsafe`

    @classmethod
    def replace(cls, start: int, end: int, text: str, safe: bool = True) -> Fix:
        return cls((Edit(start, end, text),), safe)

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


def apply_edits(text: str, edits: Iterable[Edit], start: int = 0) -> tuple[str, list[Edit]]:
    """`text[start:]` with the edits applied in order of position, and the edits that were
    skipped because they overlap one already taken."""
    pieces, position, skipped = [], start, []
    for edit in sorted(edits):
        if edit.start < position:
            skipped.append(edit)
            continue
        pieces += [text[position : edit.start], edit.text]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), skipped
