"""Parsed citations with exact spans (code-point offsets into the NFC text of the file)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["reference", "appendix", "malformed"]


@dataclass(frozen=True)
class CitationItem:
    start: int
    end: int
    ref: int | None = None
    key: str | None = None
    volume: str | None = None
    pages: str | None = None
    page_label: str | None = None  # as written: "tr.", "tr", "trang", "p.", "pp."
    volume_label: str | None = None  # as written: "t." or "tập"
    separator: str | None = None  # "," or ";" before this item; None for the first


@dataclass(frozen=True)
class Citation:
    kind: Kind
    start: int  # offset of the opening bracket
    end: int  # offset just past the closing bracket
    raw: str
    items: tuple[CitationItem, ...] = ()
    appendix: str | None = None  # for kind == "appendix"
    hint: str | None = None  # for kind == "malformed": the corrected text, when one is known
    problem: str | None = None  # for kind == "malformed": what is wrong
