"""Direct quotations: “…” (or "…") in running text, and the citation that follows them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luanan.citations.mask import mask_non_citations

_QUOTE = re.compile(r"“((?:[^”\n]|\n(?![ \t]*\n))+)”|\"((?:[^\"\n]|\n(?![ \t]*\n))+)\"")
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s|$)|\n[ \t]*\n")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just past the closing mark
    text: str  # the words inside

    @property
    def words(self) -> int:
        return len(self.text.split())


def find_quotes(text: str, body_start: int = 0) -> list[Quote]:
    masked = " " * body_start + mask_non_citations(text[body_start:])
    return [Quote(m.start(), m.end(), m.group(1) or m.group(2)) for m in _QUOTE.finditer(masked)]


def is_direct_quotation(quote: Quote, min_words: int) -> bool:
    """A quoted passage rather than a quoted title or term (“3 không”, “tự diễn biến”):
    long enough, or holding a sentence break of its own."""
    return quote.words >= min_words or bool(re.search(r"[.;!?](?=\s)", quote.text))


def sentence_end(text: str, start: int, skip: list[tuple[int, int]]) -> int:
    """Offset of the end of the sentence that runs on at `start`; spans in `skip` (citations,
    whose `tr.` holds a dot) do not end it."""
    position = start
    for match in _SENTENCE_BREAK.finditer(text, start):
        inside = next((end for s, end in skip if s <= match.start() < end), None)
        if inside is None:
            return match.start()
        position = inside
    return max(position, len(text))
