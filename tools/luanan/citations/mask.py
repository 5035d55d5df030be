"""Blank out the parts of Markdown where a bracket is never a citation.

The result has the same length as the input (masked characters become spaces, line ends stay),
so offsets found in it are offsets in the original text.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)(?:\{[^{}\n]*\})?", re.S)
_DISPLAY_MATH = re.compile(r"\$\$(?:(?!\n[ \t]*\n).)+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?![\s$])[^$\n]*?(?<![\s\\])\$(?!\d)")
# [text](target), [text][label], ![alt](src): the text and the target are never citations.
_LINK = re.compile(r"!?\[[^\[\]\n]*\](?:\([^()\n]*\)|\[[^\[\]\n]*\])")
_REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\[\]\n]+\]:[^\n]*$", re.M)
_FOOTNOTE_MARK = re.compile(r"\[\^[^\[\]\n]*\]")
_TASK_BOX = re.compile(r"^([ \t]*[-*+][ \t]+)\[[ xX]\]", re.M)
# Pandoc attributes (`{#tbl:ket-qua}`, `{.landscape}`, `::: {.signature}`) and the labels that
# point at tables, figures and equations (`@tbl:ket-qua`): markup, never prose or citations.
_ATTRIBUTES = re.compile(r"\{[#.][^{}\n]*\}|^:::+[^\n]*$", re.M)
_LABEL_REFERENCE = re.compile(r"(?<![\w@])@(?:tbl|fig|eq):[\w:-]*\w")


# Each pattern with a character it cannot match without: most chapters skip most patterns.
_PATTERNS = (
    (_FENCE, "`~"),
    (_HTML_COMMENT, "<"),
    (_CODE_SPAN, "`"),
    (_DISPLAY_MATH, "$"),
    (_INLINE_MATH, "$"),
    (_REFERENCE_DEFINITION, "]"),
    (_LINK, "]"),
    (_FOOTNOTE_MARK, "^"),
    (_ATTRIBUTES, "{:"),
    (_LABEL_REFERENCE, "@"),
)


def mask_non_code(text: str, spans: bool = True) -> str:
    """Code blocks, comments and (with `spans`) code spans blanked: where nothing is Markdown."""
    masked = text
    for pattern, needs in _PATTERNS[: 3 if spans else 2]:
        if any(ch in masked for ch in needs):
            masked = pattern.sub(_blank, masked)
    return masked


def mask_non_citations(text: str) -> str:
    masked = text
    for pattern, needs in _PATTERNS:
        if any(ch in masked for ch in needs):
            masked = pattern.sub(_blank, masked)
    if "- [" in masked or "* [" in masked or "+ [" in masked:
        masked = _TASK_BOX.sub(lambda m: m.group(1) + "   ", masked)
    return masked


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group())
