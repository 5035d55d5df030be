"""Import a thesis chapter copied from a document-sharing site: a cleaning pipeline whose every
step is a named function that logs each change (line, before, after) for the author to review.

The steps repair what the copy damaged — boilerplate, broken lines, misplaced tone marks,
glued words, lost hyphens and dashes — and touch neither citations nor, beyond repairing the
copy's damage to letters, the wording inside quotation marks (changes there are only proposed)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from luanan.vietnamese import syllables
from luanan.vietnamese.docnumbers import with_canonical_numbers

TONES = "\u0300\u0301\u0303\u0309\u0323"
_VOWELS = "aăâeêioôơuưy"
_BOILERPLATE = re.compile(
    r"^(Có thể bạn quan tâm!?|Xem toàn bộ \d+ trang tài liệu này\.?|Tải xuống.*|"
    r"Trang \d+|-\s*\d+\s*-|\d+\s*/\s*\d+)$",
    re.I,
)
_HEADING = re.compile(r"^(\d+(?:\.\d+)+)\.?\s+\S")
_CITATION = re.compile(r"[\[(](?:\d|@|Phụ lục|PL)[^\[\]()\n]*[\])]")
_YEARS = re.compile(r"\b((?:19|20)\d\d) ((?:19|20)\d\d)\b")
COMPOUND_ABBREVIATIONS = ("KT-XH", "QP-AN", "CT-XH", "VH-XH")
COMPOUND_TERMS = ("chính trị - xã hội", "kinh tế - xã hội", "văn hóa - xã hội")


@dataclass
class Change:
    step: str
    line: int  # in the copied file
    before: str
    after: str
    applied: bool = True  # False: proposed only (inside a quotation)


@dataclass
class Block:
    text: str
    line: int  # of its first line in the copied file
    kind: str = "paragraph"  # or "heading"
    level: int = 0


@dataclass
class Cleaned:
    blocks: list[Block]
    changes: list[Change] = field(default_factory=list)

    def markdown(self) -> str:
        return (
            "\n\n".join(("#" * b.level + " " + b.text) if b.kind == "heading" else b.text for b in self.blocks) + "\n"
        )


def clean(text: str) -> Cleaned:
    changes: list[Change] = []
    text = convert_legacy_text(text, changes)
    lines = drop_boilerplate(text.split("\n"), changes)
    lines = [(number, repair_line(line, number, changes)) for number, line in lines]
    blocks = attach_run_in_heads(rejoin_paragraphs(lines, changes), changes)
    for block in blocks:
        for step in (split_glued_words, restore_document_numbers, restore_dashes):
            block.text = step(block.text, block.line, changes)
    whole = " ".join(block.text for block in blocks)
    pairs, counts = word_pairs(whole), Counter(re.findall(r"[^\W\d_]+", whole))
    for block in blocks:
        block.text = fix_by_consistency(block.text, block.line, changes, pairs, counts)
        if block.kind == "paragraph":
            block.text = mark_run_in_head(block.text, block.line, changes)
    return Cleaned(blocks, changes)


def convert_legacy_text(text: str, changes: list[Change]) -> str:
    """Text typed in a TCVN3 (ABC) font and pasted as if it were Latin-1 (`®¶ng bé` for `đảng
    bộ`): when reading its Latin-1 letters as TCVN3 makes far more words Vietnamese, convert."""
    from luanan.vietnamese.encodings import TCVN3, vietnamese_share

    if not re.search(r"[\u00a1-\u00ff]", text):
        return text
    converted = "".join(TCVN3.get(ord(c), c) if 0xA1 <= ord(c) <= 0xFF else c for c in text)
    if vietnamese_share(converted) < 0.9 or vietnamese_share(converted) <= vietnamese_share(text) + 0.3:
        return text
    for number, (before, after) in enumerate(zip(text.split("\n"), converted.split("\n")), 1):
        if before != after:
            changes.append(Change("convert_legacy_text", number, before, after))
    return converted


def drop_boilerplate(lines: list[str], changes: list[Change]) -> list[tuple[int, str]]:
    """The site's own lines: "Có thể bạn quan tâm!" with its list of links, "Xem toàn bộ N trang
    tài liệu này.", page numbers, "Tải xuống"."""
    kept, in_links = [], False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.lower().startswith("có thể bạn quan tâm"):
            in_links = True
        elif in_links and not stripped.startswith("- "):
            in_links = False
        if in_links or _BOILERPLATE.match(stripped):
            changes.append(Change("drop_boilerplate", number, line, ""))
            continue
        kept.append((number, line))
    return kept


def repair_line(line: str, number: int, changes: list[Change]) -> str:
    """Damage to letters: `Ð` for `Đ`, a tone mark on a consonant (`haǹ h`, `tuć`, `viêc̣`), NFD."""
    repaired = line.replace("\u00d0", "Đ").replace("\u0189", "Đ")
    repaired = unicodedata.normalize("NFC", _move_stray_tones(unicodedata.normalize("NFD", repaired)))
    if repaired != line:
        changes.append(Change("repair_line", number, line, repaired))
    return repaired


_STRAY = re.compile(rf"([\w\u0300-\u036f]*?)([bcdđghklmnpqrstvx])([{TONES}]) ?([\w\u0300-\u036f]*)", re.I)


def _move_stray_tones(text: str) -> str:
    def move(match: re.Match) -> str:
        joined = _place_tone(match.group(1) + match.group(2) + match.group(4), match.group(3))
        if syllables.is_syllable(joined):
            return joined
        # the space was a real word break: keep it, move the tone only
        head = _place_tone(match.group(1) + match.group(2), match.group(3))
        return head + (" " + match.group(4) if match.group(4) else "")

    return _STRAY.sub(move, text)


def _place_tone(word: str, tone: str) -> str:
    """Put `tone` on the vowel that carries it: a vowel with its own mark (ê, ơ, â…), else the
    last vowel before a final consonant, else the first vowel (hóa, của: the sample's style)."""
    letters = unicodedata.normalize("NFD", word)
    positions = [i for i, ch in enumerate(letters) if ch.lower() in _VOWELS and not _after_qu_or_gi(letters, i)]
    if not positions:
        return word
    marked = [i for i in positions if i + 1 < len(letters) and letters[i + 1] in "\u0302\u0306\u031b"]
    closed = positions[-1] + 1 < len(letters) and letters[positions[-1] + 1].isalpha()
    target = marked[-1] if marked else positions[-1] if closed else positions[0]
    end = target + 1
    while end < len(letters) and unicodedata.combining(letters[end]):
        end += 1
    return unicodedata.normalize("NFC", letters[:end] + tone + letters[end:])


def _after_qu_or_gi(letters: str, index: int) -> bool:
    before = letters[max(0, index - 1) : index].lower()
    follows = index + 1 < len(letters) and letters[index + 1].isalpha()
    return (before == "q" and letters[index].lower() == "u") or (
        before == "g" and letters[index].lower() == "i" and follows
    )


def rejoin_paragraphs(lines: list[tuple[int, str]], changes: list[Change]) -> list[Block]:
    """The copy broke paragraphs into short lines. A paragraph ends where a line ends a sentence
    (or a run-in head's colon), the next starts with a capital, and no quotation is open;
    numbered headings (`3.2.5.`) stand alone."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0

    def close() -> None:
        text = " ".join(current)
        if text:
            if len(current) > 1:
                changes.append(Change("rejoin_paragraphs", start, "\n".join(current), text))
            blocks.append(Block(text, start))
        current.clear()

    for index, (number, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            close()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            close()
            blocks.append(Block(stripped, number, "heading", heading.group(1).count(".") + 1))
            continue
        if not current:
            start = number
        current.append(stripped)
        following = next((text.strip() for _, text in lines[index + 1 :] if text.strip()), "")
        if _ends_paragraph(" ".join(current), following):
            close()
    close()
    return blocks


def _ends_paragraph(text: str, following: str) -> bool:
    if not following or _HEADING.match(following):
        return True
    starts_upper = following[0].isupper()
    if text.endswith(":") and len(text.split()) <= 20 and starts_upper:
        return True  # a run-in head alone on its lines
    open_quote = text.count("“") > text.count("”")
    return not open_quote and starts_upper and bool(re.search(r"[.!?…][”\"]?$", text))


def attach_run_in_heads(blocks: list[Block], changes: list[Change]) -> list[Block]:
    """A run-in head left on lines of its own (`Chỉ đạo nâng cao chất lượng sinh hoạt:`) opens
    the paragraph that follows it."""
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            previous
            and previous.kind == block.kind == "paragraph"
            and previous.text.endswith(":")
            and len(previous.text.split()) <= 20
        ):
            changes.append(
                Change("attach_run_in_heads", block.line, previous.text, previous.text + " " + block.text[:40])
            )
            previous.text += " " + block.text
        else:
            result.append(block)
    return result


def mark_run_in_head(text: str, line: int, changes: list[Change]) -> str:
    """A paragraph that opens with a short phrase ending in a colon (`Chỉ đạo nâng cao chất
    lượng sinh hoạt:`) opens with a run-in head: bold."""
    match = re.match(r"([^.:;“”\[\]]{3,200}):(?=\s|$)", text)
    if not match or len(match.group(1).split()) > 20 or not text[0].isupper():
        return text
    if text[match.end() :].lstrip().startswith(("“", '"')):
        return text  # a sentence leading into a quotation, not a head
    head = match.group(1) + ":"
    changes.append(Change("mark_run_in_head", line, head, f"**{head}**"))
    return f"**{head}**" + text[match.end() :]


def _outside_quotes(text: str, line: int, changes: list[Change], step: str, fix, in_quotes: bool = False) -> str:
    """`fix` applied outside quotations and citations; inside a quotation only proposed (logged),
    unless `in_quotes` (a character the copy lost, which is damage, not wording)."""
    pieces = re.split(r"(“[^”]*”|\"[^\"]*\"|" + _CITATION.pattern + ")", text)
    out = []
    for index, piece in enumerate(pieces):
        fixed = fix(piece)
        if fixed == piece or (index % 2 == 1 and _CITATION.fullmatch(piece)):
            out.append(piece)
        elif index % 2 == 1 and not in_quotes:
            changes.append(Change(step, line, piece, fixed, applied=False))
            out.append(piece)
        else:
            changes.append(Change(step, line, piece.strip(), fixed.strip()))
            out.append(fixed)
    return "".join(out)


def split_glued_words(text: str, line: int, changes: list[Change]) -> str:
    """`vàchương` -> `và chương`, when both halves are Vietnamese syllables and the whole is not
    (a space the copy lost; repaired inside quotations too, being damage, not wording)."""

    def fix(word: re.Match) -> str:
        token = word.group()
        if syllables.is_syllable(token) or not syllables.is_vietnamese_word_candidate(token):
            return token
        pair = syllables.split_glued(token)
        # one-letter halves are too easily a foreign word's syllables (été -> é té)
        return f"{pair[0]} {pair[1]}" if pair and min(map(len, pair)) >= 2 else token

    fixed = re.sub(r"[^\W\d_]{3,}", fix, text)
    if fixed != text:
        changes.append(Change("split_glued_words", line, text, fixed))
    return fixed


def word_pairs(text: str) -> Counter:
    """How often each pair of words occurs in the text with only a space between them."""
    return Counter((m.group(1), m.group(2)) for m in re.finditer(r"([^\W\d_]+) (?=([^\W\d_]+))", text))


def fix_by_consistency(text: str, line: int, changes: list[Change], pairs: Counter, counts: Counter) -> str:
    """A word that occurs once, in a pair one letter or tone away from a pair the same text writes
    at least three times, is a typo of it (`tô chức` beside many `tổ chức`, `nghiệm vụ` beside
    `nhiệm vụ`); a comma splitting a pair the text otherwise keeps together moves after it
    (`kiểm, tra giám sát`). Outside quotations only, since this changes wording; every change
    is in the report."""

    def split_pair(match: re.Match) -> str:
        first, second = match.group(1), match.group(2)
        together = pairs[(first, second)]
        # the first word is (nearly) always followed by the second: the comma split them
        if together >= 3 and together >= 0.7 * (counts[first] - 1) and _words(first, second):
            return f"{first} {second}, "
        return match.group()

    def fix(piece: str) -> str:
        piece = re.sub(r"([^\W\d_]+), ([^\W\d_]+) ", split_pair, piece)
        return re.sub(r"\b([^\W\d_]+) ([^\W\d_]+)\b", lambda m: _common_form(m, pairs, counts), piece)

    return _outside_quotes(text, line, changes, "fix_by_consistency", fix)


def _words(*tokens: str) -> bool:
    return all(syllables.is_vietnamese_word_candidate(token) for token in tokens)


def _common_form(match: re.Match, pairs: Counter, counts: Counter) -> str:
    first, second = match.group(1), match.group(2)
    if pairs[(first, second)] != 1 or not _words(first, second):
        return match.group()
    for (a, b), count in pairs.items():
        if count < 3:
            continue
        # the odd word occurs only here, in a pair the text otherwise writes with a near twin
        if a == first and counts[second] == 1 and _one_apart(b, second):
            return f"{a} {b}"
        if b == second and counts[first] == 1 and _one_apart(a, first):
            return f"{a} {b}"
    return match.group()


def _one_apart(a: str, b: str) -> bool:
    """One letter replaced, added or dropped (a tone or vowel mark counts as a letter: ô/ổ)."""
    if a == b or a.lower() == b.lower() or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def restore_document_numbers(text: str, line: int, changes: list[Change]) -> str:
    """`01QC/TU` -> `01-QC/TU`, `1089 QĐ/TU` -> `1089-QĐ/TU` (Party form); a State number keeps
    its own form (spec §11.2). A hyphen the copy lost is restored inside quotations too."""
    return _outside_quotes(text, line, changes, "restore_document_numbers", with_canonical_numbers, in_quotes=True)


def restore_dashes(text: str, line: int, changes: list[Change]) -> str:
    """`KT XH` -> `KT-XH`, `2010 2015` -> `2010-2015`, `chính trị xã hội` -> `chính trị - xã hội`
    (the copy drops hyphens and dashes; restored inside quotations too, like a lost space)."""

    def fix(piece: str) -> str:
        for compound in COMPOUND_ABBREVIATIONS:
            piece = piece.replace(compound.replace("-", " "), compound)
        piece = _YEARS.sub(lambda m: f"{m[1]}-{m[2]}" if int(m[2]) > int(m[1]) else m.group(), piece)
        for term in COMPOUND_TERMS:
            piece = re.sub(re.escape(term.replace(" - ", " ")), term, piece, flags=re.I)
        return piece

    return _outside_quotes(text, line, changes, "restore_dashes", fix, in_quotes=True)
