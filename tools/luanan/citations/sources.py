"""Quotations checked against the sources themselves: the PDF an entry names (`file`), opened at
the cited page (shifted by `pageoffset`), searched for the quoted words.

Text is compared after normalising both sides (NFC, case, punctuation, quote marks, hyphens at
line ends, white space); an elision (`...`, `…`) in a quotation matches any gap; the match is
fuzzy, so OCR-level noise still counts as found."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from luanan.files import read_limited, write_text
from luanan.i18n import _

FOUND_SCORE = 0.85
_ELISION = re.compile(r"\[?(?:\.\s*){3}\]?|\[?…\]?")
_HYPHEN_BREAK = re.compile(r"(\w)[-\u00ad]\s*\n\s*(\w)")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", _HYPHEN_BREAK.sub(r"\1\2", text.replace("\u00ad", "")))
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def segments(quote: str) -> list[str]:
    """The quoted words between elisions, normalised; short fragments are dropped."""
    parts = [normalise(part) for part in _ELISION.split(quote)]
    return [part for part in parts if len(part) >= 8] or [normalise(quote)]


def segment_score(segment: str, text: str) -> float:
    """How well `segment` occurs somewhere in `text` (1.0: verbatim)."""
    if not segment or not text:
        return 0.0
    if segment in text:
        return 1.0
    best = 0.0
    matcher = difflib.SequenceMatcher(None, text, segment, autojunk=False)
    for block in sorted(matcher.get_matching_blocks(), key=lambda b: -b.size)[:5]:
        if block.size == 0:
            continue
        start = max(0, block.a - block.b)
        window = text[start : start + len(segment) + len(segment) // 10]
        best = max(best, difflib.SequenceMatcher(None, window, segment, autojunk=False).ratio())
    return best


def quote_score(quote: str, text: str) -> tuple[float, str]:
    """(score, the best matching passage) of a whole quotation, elisions allowed."""
    parts = segments(quote)
    total = sum(len(p) for p in parts)
    score = sum(segment_score(p, text) * len(p) for p in parts) / total if total else 0.0
    longest = max(parts, key=len)
    matcher = difflib.SequenceMatcher(None, text, longest, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    start = max(0, block.a - block.b)
    return score, text[start : start + len(longest)]


@dataclass(frozen=True)
class SourceText:
    pages: tuple[str, ...]  # normalised text of each PDF page, in order

    def pdf_page(self, printed: int, offset: PageOffset) -> int:
        return printed + offset.for_page(printed)


@dataclass(frozen=True)
class PageOffset:
    """`pageoffset = {18}`, or per range for numbering that restarts: `{1-50: 10, 51-961: 18}`."""

    ranges: tuple[tuple[int, int, int], ...] = ()  # (first, last, offset)

    @classmethod
    def parse(cls, value: str) -> PageOffset | None:
        value = value.strip()
        if not value:
            return cls()
        if re.fullmatch(r"-?\d+", value):
            return cls(((1, 10**9, int(value)),))
        ranges = []
        for part in re.split(r"[,;]", value):
            match = re.fullmatch(r"\s*(\d+)\s*[-–]\s*(\d+)\s*:\s*(-?\d+)\s*", part)
            if not match:
                return None
            ranges.append((int(match[1]), int(match[2]), int(match[3])))
        return cls(tuple(ranges))

    def for_page(self, printed: int) -> int:
        return next((offset for first, last, offset in self.ranges if first <= printed <= last), 0)


class Unreadable(Exception):
    """The source file is missing, not a PDF, or has no text layer."""


def load_source(path: Path, cache: Path | None) -> SourceText:
    """The normalised page texts of a PDF, cached by the file's hash."""
    try:
        data = read_limited(path, "source PDF")
    except OSError as error:
        raise Unreadable(
            _("cannot read {file}: {reason}").format(file=path.name, reason=error.strerror or error)
        ) from None
    digest = hashlib.sha256(data).hexdigest()[:32]
    cached = cache / f"{digest}.json" if cache else None
    if cached and cached.exists():
        return SourceText(tuple(json.loads(cached.read_text(encoding="utf-8"))))
    pages = _extract(data, path)
    if cached:
        try:
            write_text(cached, json.dumps(pages, ensure_ascii=False))
        except OSError:
            pass  # a read-only build folder costs only the cache
    return SourceText(tuple(pages))


def _extract(data: bytes, path: Path) -> list[str]:
    import io

    import pypdf  # imported here: only `check --sources` reads PDFs

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [normalise(page.extract_text() or "") for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds for damaged files
        raise Unreadable(
            _("{file} is not a readable PDF ({error})").format(file=path.name, error=type(error).__name__)
        ) from None
    if not any(pages):
        raise Unreadable(_("{file} has no text layer (a scan without OCR)").format(file=path.name))
    return pages
