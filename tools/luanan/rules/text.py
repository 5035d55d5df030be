"""T: damage to the text itself — what copying, old encodings and quick typing leave behind."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from luanan.diagnostics import Severity
from luanan.edits import Fix
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule
from luanan.vietnamese import syllables

# A thesis repeats its words: validate each distinct word once.
_is_syllable = functools.lru_cache(maxsize=200_000)(syllables.is_syllable)
_split_glued = functools.lru_cache(maxsize=200_000)(syllables.split_glued)
_candidate = functools.lru_cache(maxsize=200_000)(syllables.is_vietnamese_word_candidate)

_WORD = re.compile(r"[^\W\d_][^\W\d_\u0300-\u036f]*[\u0300-\u036f]*[^\W\d_]*")
_STRAY_MARK = re.compile(r"[bcdđghklmnpqrstvx][\u0300\u0301\u0303\u0309\u0323]|[ǹńḿćśẃẁǵḱĺŕṕẋ]", re.I)
_ANY_MARK = re.compile(r"[\u0300-\u036fǹńḿćśẃẁǵḱĺŕṕẋǸŃḾĆŚẂẀǴḰĹŔṔẊ]")
_SPACING = re.compile(r"(?<=\S)(  +)(?=\S)|( +)(?=[,.;:](?:\s|$))")


@rule("T101", "mixed-normalization", Severity.WARNING, "Unicode text partly NFC and partly NFD")
def mixed_normalization(context: CheckContext) -> Iterator[Finding]:
    """A file entirely in NFD (as macOS saves it) is fine; one mixing composed and decomposed
    letters came from copying and pasting, and search and sorting tools see two different words.
    `luanan fix` writes the file in NFC."""
    for document in context.project.documents:
        line = document.source.mixed_normalization
        if line is not None:
            start = document.source.line_starts[line - 1]
            yield Finding(
                document,
                start,
                start + 1,
                "the file mixes composed (NFC) and decomposed (NFD) letters",
                "`luanan fix --write` writes it in NFC",
            )


@rule("T102", "stray-tone-mark", Severity.WARNING, "tone mark on a consonant")
def stray_tone_mark(context: CheckContext) -> Iterator[Finding]:
    """A tone mark that sits on a consonant (`haǹ h`, `tuć`, `viêc̣`) was moved there by a broken
    copy; it belongs on the vowel (`hành`, `túc`, `việc`)."""
    for document in context.project.documents:
        text = context.prose_text(document)
        if not _ANY_MARK.search(text):  # the common case: one fast scan
            continue
        for match in _STRAY_MARK.finditer(text):
            yield Finding(
                document,
                match.start(),
                match.end(),
                f"tone mark on a consonant: `{match.group()}`",
                "move it to the vowel of the syllable (luanan import repairs copies like this)",
            )


@rule("T103", "not-a-syllable", Severity.WARNING, "word that is not a Vietnamese syllable")
def not_a_syllable(context: CheckContext) -> Iterator[Finding]:
    """A lower-case word in Vietnamese text that no Vietnamese syllable spells: a typo or damage.
    Names and foreign words (capitalised, or with letters Vietnamese does not use), abbreviations
    and numbers are skipped; words glued together are T104."""
    for document, match in context.shared("odd words", _words):
        word = match.group()
        if word[0].islower() and _split_glued(word) is None:
            yield Finding(document, match.start(), match.end(), f"`{word}` is not a Vietnamese syllable")


@rule("T104", "glued-syllables", Severity.WARNING, "two syllables written without a space")
def glued_syllables(context: CheckContext) -> Iterator[Finding]:
    """`vàchương`, `từtỉnh`: a space lost in copying."""
    for document, match in context.shared("odd words", _words):
        pair = _split_glued(match.group())
        if pair and min(map(len, pair)) >= 2:
            yield Finding(
                document,
                match.start(),
                match.end(),
                f"`{match.group()}` looks like two words",
                f"write {pair[0]} {pair[1]}",
                fix=Fix.replace(match.start(), match.end(), f"{pair[0]} {pair[1]}", safe=False),
            )


def _words(context: CheckContext):
    """(document, match) of every word that could be Vietnamese but is not one syllable."""
    for document in context.project.documents:
        text = context.prose_text(document)
        odd = {w for w in set(_WORD.findall(text)) if len(w) > 1 and _candidate(w) and not _is_syllable(w)}
        if odd:  # rare: look for where they are
            yield from ((document, m) for m in _WORD.finditer(text) if m.group() in odd)


@rule("T105", "eth-for-dyet", Severity.WARNING, "Ð (Icelandic eth) written for Đ")
def eth_for_dyet(context: CheckContext) -> Iterator[Finding]:
    """`Ð` (U+00D0) looks like `Đ` (U+0110) but is another letter: sorting, searching and spell
    checking go wrong. Old encodings converted carelessly leave it."""
    for document in context.project.documents:
        for match in re.finditer("[\u00d0\u0189]", context.masked_text(document)):
            yield Finding(
                document,
                match.start(),
                match.end(),
                "`Ð` (U+00D0) where `Đ` (U+0110) is meant",
                "write Đ",
                fix=Fix.replace(match.start(), match.end(), "Đ"),
            )


@rule("T106", "spacing", Severity.WARNING, "doubled space, or a space before punctuation")
def spacing(context: CheckContext) -> Iterator[Finding]:
    """One space between words, none before `, . ; :`."""
    for document in context.project.documents:
        text, masked = document.source.text, context.masked_text(document)
        if "  " not in text and not re.search(r" [,.;:]", text):
            continue
        for match in _SPACING.finditer(text, document.body_start):
            if text[match.start() - 1] != masked[match.start() - 1] or text[match.end()] != masked[match.end()]:
                continue  # next to code, a comment or a link target
            double = match.group(1) is not None
            yield Finding(
                document,
                match.start(),
                match.end(),
                "doubled space" if double else "space before punctuation",
                "write one space" if double else "remove the space",
                fix=Fix.replace(match.start(), match.end(), " " if double else ""),
            )


@rule("T107", "mixed-quotes", Severity.WARNING, "straight quotes mixed with curly ones")
def mixed_quotes(context: CheckContext) -> Iterator[Finding]:
    """Vietnamese print uses “ ”; a file that has them should not also use straight `"`."""
    for document in context.project.documents:
        text = context.prose_text(document)
        if "“" in text or "”" in text:
            straight = text.find('"', document.body_start)
            if straight >= 0:
                yield Finding(
                    document,
                    straight,
                    straight + 1,
                    "straight quote in a text with curly ones",
                    "write “ ” (or run luanan fix --unsafe)",
                )
