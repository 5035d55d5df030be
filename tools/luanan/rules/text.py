"""T: damage to the text itself — what copying, old encodings and quick typing leave behind."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from luanan.diagnostics import Severity
from luanan.edits import Edit, Fix
from luanan.i18n import _
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule
from luanan.vietnamese import syllables, words

# A thesis repeats its words: validate each distinct word once.
_is_syllable = functools.lru_cache(maxsize=200_000)(syllables.is_syllable)
_split_glued = functools.lru_cache(maxsize=200_000)(syllables.split_glued)
_candidate = functools.lru_cache(maxsize=200_000)(syllables.is_vietnamese_word_candidate)

_WORD = re.compile(r"[^\W\d_][^\W\d_\u0300-\u036f]*[\u0300-\u036f]*[^\W\d_]*")
_STRAY_MARK = re.compile(r"[bcdđghklmnpqrstvx][\u0300\u0301\u0303\u0309\u0323]|[ǹńḿćśẃẁǵḱĺŕṕẋ]", re.I)
_ANY_MARK = re.compile(r"[\u0300-\u036fǹńḿćśẃẁǵḱĺŕṕẋǸŃḾĆŚẂẀǴḰĹŔṔẊ]")
_SPACING = re.compile(r"(?<=\S)(  +)(?=\S)|( +)(?=[,.;:](?:\s|$))")
# A missing space after punctuation: `nước,cứu`, `nhất.Có`, `tr. 284].Đấu`. Not in numbers
# (`1.024`, `4,32%`), initials and dotted abbreviations (`V.I.Lênin`, `Ph.Ăngghen`, `TP.HCM`),
# page labels (`tr.284`), URLs and file names (blanked before): see `_missing_space`.
_AFTER_PUNCTUATION = re.compile(r"(?:(?<=[^\W\d_])|(?<=[\])”]))[,;.:](?=[^\W\d_])")
_LAST_WORD = re.compile(r"(?<![^\W\d_.@/\\])[^\W\d_]+$|[\])”]$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_TABLE_ROW = re.compile(r"^[ \t]*[|+]", re.M)


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
                _("the file mixes composed (NFC) and decomposed (NFD) letters"),
                _("`luanan fix --write` writes it in NFC"),
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
                _("tone mark on a consonant: `{text}`").format(text=match.group()),
                _("move it to the vowel of the syllable (luanan import repairs copies like this)"),
            )


@rule("T103", "not-a-syllable", Severity.WARNING, "word that is not a Vietnamese syllable")
def not_a_syllable(context: CheckContext) -> Iterator[Finding]:
    """A lower-case word in Vietnamese text that no Vietnamese syllable spells, and no run of
    syllables either: a typo or damage (`quyềnx`). Skipped: names and foreign words
    (capitalised, or with letters Vietnamese does not use), words that are common in English or
    Vietnamese text (`paper`, `online`: word frequencies of the `wordfreq` package), URLs and
    e-mail addresses, abbreviations and numbers. Words glued together are T104, font damage
    T108."""
    split = {
        (document.path, at)
        for document, start, _, _, second in context.shared("split syllables", _split_syllables)
        for at in (start, second)
    }
    for document, match in context.shared("odd words", _words):
        word = match.group()
        if not word[0].islower() or _reading(word) != "damaged" or (document.path, match.start()) in split:
            continue
        retoned = _retone(word)
        if retoned:
            yield Finding(
                document,
                match.start(),
                match.end(),
                _("`{word}`: the tone mark is on the wrong letter").format(word=word),
                _("write {text}").format(text=retoned),
                fix=Fix.replace(match.start(), match.end(), retoned, safe=False),
            )
        else:
            yield Finding(
                document, match.start(), match.end(), _("`{word}` is not a Vietnamese syllable").format(word=word)
            )


@rule("T104", "glued-syllables", Severity.WARNING, "two syllables written without a space")
def glued_syllables(context: CheckContext) -> Iterator[Finding]:
    """`vàchương`, `từtỉnh`, `CƠ SỞLÝ LUẬN`: a space lost in copying. The split proposed is
    the one whose parts are common Vietnamese words (`hệthống` is `hệ thống`, not `hệt hống`);
    a token that reads as a known word (`Lênin`, `there`, `code`) or whose parts are rare
    (transliterated names and loanwords written as one word: `Ăngghen`, `Vécxây`, `lôgích`) is
    left alone. The split needs the author's eye: `luanan fix --unsafe` applies it."""
    for document, match in context.shared("odd words", _words):
        word = match.group()
        if _reading(word) != "glued":
            continue
        parts = words.segment(word)
        assert parts is not None
        fixed = " ".join(parts)
        yield Finding(
            document,
            match.start(),
            match.end(),
            (
                _("`{word}` looks like two words")
                if len(parts) == 2
                else _("`{word}` looks like {count} words")  # three or more
            ).format(word=word, count=len(parts)),
            _("write {text}").format(text=fixed),
            fix=Fix.replace(match.start(), match.end(), fixed, safe=False),
        )


# How sure a split must be (zipf of its rarest part) before it is reported: a lower-case word,
# a capitalised one (names are capitalised), one in capitals, one cut in three.
_GLUED_LOWER, _GLUED_TITLE, _GLUED_CAPS, _GLUED_THREE = 4.3, 4.6, 5.0, 5.5
_KNOWN_ZIPF = 2.5  # a whole token this common in Vietnamese text is a word (`Lênin`, `online`)
_SHORT_KNOWN_ZIPF = 4.5


@functools.lru_cache(maxsize=200_000)
def _reading(word: str) -> str:
    """What an odd word (not one syllable) is: "glued", "damaged", "font" (T108) or "word"
    (foreign, a name, a loanword: not reported)."""
    if _font_repair(word) or _legacy_encoding(word):
        return "font"
    if _retone(word):
        return "damaged"
    parts = words.segment(word)
    if parts is None and not _candidate(word):
        return "word"  # `UBND`, `XVII`: capitals that no syllables spell are abbreviations
    if parts is not None and words.split_confidence(parts) < _glued_needed(word, parts):
        return "word"  # a name or loanword written as one word: `Ăngghen`, `mácxít`
    # Only now the question that may read the large English list: is it a known word?
    mixed_case = any(ch.isupper() for ch in word[1:]) and not word.isupper()  # `loT`, `cácThay`
    if mixed_case and _code_identifier(word):
        return "word"
    known = _KNOWN_ZIPF if len(word) > 2 else _SHORT_KNOWN_ZIPF  # `qu` (of `qua`) is no word
    if not mixed_case and (words.is_foreign_word(word) or words.vietnamese(word) >= known):
        return "word"
    return "damaged" if parts is None else "glued"


def _code_identifier(word: str) -> bool:
    """`getUserName`, `setTimeout`: a name from program code, its humps English words."""
    humps = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", word)
    return (
        "".join(humps) == word
        and len(humps) >= 2
        and all(len(hump) >= 2 and words.english(hump, 3.0) >= 3.0 for hump in humps)
    )


def _glued_needed(word: str, parts: tuple[str, ...]) -> float:
    """How common the rarest part of a split must be for `word` to be reported as glued."""
    if word.isupper():
        needed = _GLUED_CAPS if len(word) >= 4 else 99.0
    elif len(parts) > 2:
        needed = _GLUED_THREE
    elif word[0].isupper() and not any(part[0].isupper() for part in parts[1:]):
        # A capitalised word without a Vietnamese mark is a name written the English way (`Thuan`).
        needed = _GLUED_TITLE if not word.isascii() else 99.0
    else:
        needed = _GLUED_LOWER
    if any(part[0].isupper() for part in parts[1:]) and not word.isupper():
        needed = min(needed, _GLUED_LOWER)  # `củaTỉnh`: a capital inside marks the break
    return needed


@functools.lru_cache(maxsize=100_000)
def _retone(word: str) -> str | None:
    """`qúa` → `quá`: the syllable that the word's one tone mark, moved to another vowel, makes."""
    decomposed = unicodedata.normalize("NFD", word)
    marks = [i for i, ch in enumerate(decomposed) if ch in syllables.TONE_MARKS]
    if len(marks) != 1:
        return None
    mark, bare = decomposed[marks[0]], decomposed[: marks[0]] + decomposed[marks[0] + 1 :]
    for i, ch in enumerate(bare):
        if ch.lower() in syllables.VOWELS and (i + 1 == len(bare) or not unicodedata.combining(bare[i + 1])):
            candidate = unicodedata.normalize("NFC", bare[: i + 1] + mark + bare[i + 1 :])
            if candidate != unicodedata.normalize("NFC", word) and _is_syllable(candidate):
                return candidate
        elif unicodedata.combining(ch) and ch not in syllables.TONE_MARKS and bare[i - 1].lower() in "aeou":
            candidate = unicodedata.normalize("NFC", bare[: i + 1] + mark + bare[i + 1 :])
            if candidate != unicodedata.normalize("NFC", word) and _is_syllable(candidate):
                return candidate
    return None


def _words(context: CheckContext):
    """(document, match) of every word that could be Vietnamese but is not one syllable."""
    for document in context.project.documents:
        text = _word_text(context, document)
        odd = {w for w in set(_WORD.findall(text)) if len(w) > 1 and _odd(w)}
        if odd:  # rare: look for where they are
            yield from ((document, m) for m in _WORD.finditer(text) if m.group() in odd)


@functools.lru_cache(maxsize=200_000)
def _odd(word: str) -> bool:
    if _is_syllable(word):
        return False
    if _candidate(word):
        return True
    # Words in capitals (`SỞLÝ`) and with a capital inside (`chủnghĩaMác`) are candidates too
    # when they hold only Vietnamese letters: T104 splits them.
    letters = syllables.toneless(unicodedata.normalize("NFC", word)).lower()
    return len(word) >= 4 and set(letters) <= syllables.LETTERS and any(ch in syllables.VOWELS for ch in letters)


# URLs, e-mail addresses, domain and file names: their pieces are not words of the text.
_URLISH = re.compile(
    r"(?:https?://|ftp://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net|edu|gov|info|io|int|uk|us|fr|de|ru|cn|jp|"
    r"docx?|pdf|md|txt|py|js|ts|html?|xlsx?|pptx?|csv|json|ya?ml|png|jpe?g|gif|svg|xml|sql|java|php|css)\b\S*"
)


_URL_TOKEN = re.compile(r"\S*(?:://|www\.|@|\.[A-Za-z])\S*")
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")  # `&emsp;`, `&#160;`: HTML, not words


def _blank_urls(text: str) -> str:
    if "&" in text:
        text = _ENTITY.sub(lambda m: " " * len(m.group()), text)
    if "." not in text and "@" not in text:
        return text
    # Every URL, address or file name lies inside one run of non-space characters that holds
    # `://`, `www.`, `@` or a dot before a letter: the full pattern runs on those runs only.
    return _URL_TOKEN.sub(lambda t: _URLISH.sub(lambda m: " " * len(m.group()), t.group()), text)


def _word_text(context: CheckContext, document) -> str:
    """The prose text (citations, code, links blanked) with URLs and e-mail addresses blanked."""
    memo = context.shared("word texts", lambda _: [{}])[0]
    if document.path not in memo:
        memo[document.path] = _blank_urls(context.prose_text(document))
    return memo[document.path]


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
                _("`Ð` (U+00D0) where `Đ` (U+0110) is meant"),
                _("write {text}").format(text="Đ"),
                fix=Fix.replace(match.start(), match.end(), "Đ"),
            )


@rule("T106", "spacing", Severity.WARNING, "doubled space, a space before punctuation, or none after it")
def spacing(context: CheckContext) -> Iterator[Finding]:
    """One space between words, none before `, . ; :`, one after them (`nước, cứu`, not
    `nước,cứu`; `nhất. Có`, not `nhất.Có`). Table rows (their padding aligns the columns), code,
    numbers (`1.024`, `4,32%`), dotted abbreviations and initials (`TP.HCM`, `V.I.Lênin`), page
    labels (`tr.284`), URLs and file names are left alone. Removing a space is always right;
    adding one after punctuation is a suggestion (`luanan fix --unsafe`)."""
    for document in context.project.documents:
        text, masked = document.source.text, context.masked_text(document)
        if "  " in text or re.search(r" [,.;:]", text):
            tables = _table_lines(text)
            for match in _SPACING.finditer(text, document.body_start):
                if text[match.start() - 1] != masked[match.start() - 1] or text[match.end()] != masked[match.end()]:
                    continue  # next to code, a comment or a link target
                if tables and _in_spans(tables, match.start()):
                    continue
                double = match.group(1) is not None
                yield Finding(
                    document,
                    match.start(),
                    match.end(),
                    _("doubled space") if double else _("space before punctuation"),
                    _("write one space") if double else _("remove the space"),
                    fix=Fix.replace(match.start(), match.end(), " " if double else ""),
                )
        prose = _blank_urls(masked)
        for match in _AFTER_PUNCTUATION.finditer(prose, document.body_start):
            following = _missing_space(prose, match.start())
            if following:
                at = match.end()
                yield Finding(
                    document,
                    match.start(),
                    at,
                    _("no space after `{mark}`").format(mark=match.group()),
                    _("write {text}").format(text=f"`{match.group()} {following}`"),
                    fix=Fix.replace(at, at, " ", safe=False),
                )


def _missing_space(text: str, at: int) -> str | None:
    """The word glued to the punctuation at `at` when a space is missing between them."""
    before = _LAST_WORD.search(text, max(0, at - 40), at)
    after = _FIRST_WORD.match(text, at + 1)
    if before is None or after is None:
        return None
    word, following = before.group(), after.group()
    if text[at] in ",;":
        set_form = word.isupper() and following.isupper()  # `PGS,TS`, `CNH,HĐH`
        return None if set_form else following
    starts_sentence = following[0].isupper() and any(ch.islower() for ch in following[1:])
    if word in "])”":
        return following if starts_sentence else None
    # `nhất.Có`: a whole lower-case word of two letters or more ends the sentence.
    return following if starts_sentence and len(word) >= 2 and word.islower() else None


def _table_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of a pipe or grid table, and of every block of a simple
    table (one with a rule of dashes): their spaces align columns."""
    spans = [(m.start(), text.find("\n", m.start()) % (len(text) + 1)) for m in _TABLE_ROW.finditer(text)]
    if "---" in text:
        for block in re.finditer(r"(?:^[^\n]*\S[^\n]*\n?)+", text, re.M):
            if re.search(r"^[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*$", block.group(), re.M):
                spans.append((block.start(), block.end()))
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


@rule("T108", "font-damage", Severity.WARNING, "letters damaged by a PDF font or an old encoding")
def font_damage(context: CheckContext) -> Iterator[Finding]:
    """Text copied out of some PDFs carries `ƣ` (U+01A3) for `ư` (`ngƣời`, `đƣợc`): a letter no
    Vietnamese word has, so `luanan fix` replaces it. Other fonts turn `ô` into `ơ` and `ò` into
    `ị` (`khơng`, `cơng`, `cịn`): the word proposed is the common Vietnamese word that the
    damage explains, a suggestion (`luanan fix --unsafe`). A word with the marks of VNI text
    read as Latin-1 (`Thaùng`) is reported without a fix: convert the file (luanan import)."""
    for document in context.project.documents:
        text = _word_text(context, document)
        if "ƣ" in text or "Ƣ" in text:
            for match in _U_HORN_DAMAGE.finditer(text):
                word = match.group()
                edits = tuple(
                    Edit(match.start() + i, match.start() + i + 1, _U_HORN[ch])
                    for i, ch in enumerate(word)
                    if ch in _U_HORN
                )
                yield Finding(
                    document,
                    match.start(),
                    match.end(),
                    _("`{word}`: `ƣ` (a PDF font's letter) where `ư` is meant").format(word=word),
                    _("write {text}").format(text=word.translate(_U_HORN_TABLE)),
                    fix=Fix(edits),
                )
    for document, match in context.shared("odd words", _words):
        word = match.group()
        if _reading(word) != "font":
            continue
        repaired = _font_repair(word)
        if repaired:
            yield Finding(
                document,
                match.start(),
                match.end(),
                _("`{word}` looks like font damage of `{repaired}`").format(word=word, repaired=repaired),
                _("write {text}").format(text=repaired),
                fix=Fix.replace(match.start(), match.end(), repaired, safe=False),
            )
        else:
            yield Finding(
                document,
                match.start(),
                match.end(),
                _("`{word}` looks like VNI-encoded text read as Latin-1").format(word=word),
                _("convert the file from VNI to Unicode (luanan import does)"),
            )


_U_HORN = {"ƣ": "ư", "Ƣ": "Ư"}
_U_HORN_TABLE = str.maketrans(_U_HORN)
_U_HORN_DAMAGE = re.compile(r"[^\W\d_]*[ƣƢ][^\W\d_]*")
# What some PDF fonts turn letters into, undone: ơ for ô, ị for ò.
_FONT_SWAPS = (str.maketrans("ơƠ", "ôÔ"), str.maketrans("ịỊ", "òÒ"), str.maketrans("ơƠịỊ", "ôÔòÒ"))
_FONT_ZIPF = 4.0  # the repaired word must be a common one
_JOINED_ZIPF = 3.5  # and so must a split syllable joined again
_VNI_MARKS = re.compile(r"[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY][ùøûõïÙØÛÕÏ]")


@functools.lru_cache(maxsize=100_000)
def _font_repair(word: str) -> str | None:
    """The common word that ơ/ị font damage turned into `word` (`khơng` → `không`), if any."""
    if not any(ch in word for ch in "ơƠịỊ"):
        return None
    for swap in _FONT_SWAPS:
        repaired = word.translate(swap)
        if repaired != word and _is_syllable(repaired) and words.vietnamese(repaired) >= _FONT_ZIPF:
            return repaired
    return None


@functools.lru_cache(maxsize=100_000)
def _legacy_encoding(word: str) -> bool:
    """`Thaùng`: a vowel followed by a VNI tone byte read as a Latin-1 letter."""
    return bool(_VNI_MARKS.search(word)) and not words.is_foreign_word(word)


@rule("T109", "split-syllable", Severity.WARNING, "one syllable split by a space")
def split_syllable(context: CheckContext) -> Iterator[Finding]:
    """`nguồ n nhân lự c`, `ngh iên cứu`: a space inside a syllable, left by copying out of a
    PDF. Reported when one piece is no syllable, the two together are a common Vietnamese word,
    and the odd piece is no word of its own. Joining them is a suggestion (`luanan fix
    --unsafe`)."""
    for document, start, end, (first, second), _second in context.shared("split syllables", _split_syllables):
        joined = first + second
        yield Finding(
            document,
            start,
            end,
            _("`{text}` is one syllable split by a space").format(text=f"{first} {second}"),
            _("write {text}").format(text=joined),
            fix=Fix.replace(start, end, joined, safe=False),
        )


def _split_syllables(context: CheckContext):
    """(document, start, end, (first piece, second piece), start of the second piece) of every
    split syllable (T103 leaves both pieces to T109)."""
    for document in context.project.documents:
        text = _word_text(context, document)
        pieces = {w for w in set(_WORD.findall(text)) if _piece(w)}
        if not pieces:
            continue
        previous = None
        for match in _WORD.finditer(text):
            if previous is not None and previous.end() + 1 == match.start() and text[previous.end()] == " ":
                first, second = previous.group(), match.group()
                if (first in pieces or second in pieces) and _joins(first, second):
                    yield document, previous.start(), match.end(), (first, second), match.start()
                    previous = None
                    continue
            previous = match


@functools.lru_cache(maxsize=100_000)
def _piece(word: str) -> bool:
    """Could `word` be a piece of a split syllable: not a syllable, Vietnamese letters only,
    and no word of its own (a lone consonant like `n`, `ngh` always qualifies)."""
    if _is_syllable(word) or (len(word) > 1 and not word[1:].islower()):
        return False  # a syllable, or capitals (`UBND`): no piece of a split syllable
    letters = syllables.toneless(unicodedata.normalize("NFC", word)).lower()
    if not set(letters) <= syllables.LETTERS:
        return False
    if not any(ch in syllables.VOWELS for ch in letters):
        return True
    return words.vietnamese(word) < _KNOWN_ZIPF and not words.is_foreign_word(word)


@functools.lru_cache(maxsize=100_000)
def _joins(first: str, second: str) -> bool:
    joined = first + second
    if not (first[1:].islower() or len(first) == 1) or not second.islower():
        return False
    if not _is_syllable(joined) or words.vietnamese(joined) < _JOINED_ZIPF:
        return False
    # A piece that is a commoner word than the two joined stands on its own: `lu t hình` is
    # `luật hình`, not `lu thình`.
    return not any(
        _is_syllable(piece) and words.vietnamese(piece) > words.vietnamese(joined) for piece in (first, second)
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
                    _("straight quote in a text with curly ones"),
                    _("write “ ” (or run luanan fix --unsafe)"),
                )
