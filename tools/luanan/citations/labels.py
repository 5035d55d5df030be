"""Numbered tables, figures and equations in chapter text, and the labels that point at them.

A table is a pandoc table caption line (`: Kết quả khảo sát {#tbl:ket-qua}`), a figure an image
alone in its paragraph with a caption (`![Sơ đồ](hinh/a.png){#fig:so-do .so-do}`), an equation
a display formula (`$$ … $$ {#eq:muc-do}`). Each is numbered per chapter ("Bảng 3.1", "Hình
PL2.1", "(2.3)"); a figure whose class is one of the profile's `figure_kinds` is numbered in
that kind's own sequence ("Biểu đồ 1.1"). `@tbl:ket-qua` in the text becomes "Bảng 3.1"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luanan.citations.mask import mask_non_code

CAPTION = re.compile(r"^(?:Table)?:[ \t]+\S[^\n]*$", re.M)  # a pandoc table caption line
FIGURE = re.compile(r"^!\[[^\]\n]+\]\([^)\n]+\)[ \t]*(?:\{([^}\n]*)\})?[ \t]*$", re.M)  # an image alone, captioned
EQUATION = re.compile(r"\$\$(?:(?!\n[ \t]*\n).)+?\$\$(?:[ \t]*\{[ \t]*#(eq:[\w:.-]*\w)[^}\n]*\})?", re.S)
LABEL_ATTRIBUTE = re.compile(r"\{[ \t]*#((?:tbl|fig):[\w:.-]*\w)[^}\n]*\}[ \t]*$")
REFERENCE = re.compile(r"(?<![\w@])@((?:tbl|fig|eq):[\w:.-]*\w)")
KINDS = ("table", "figure", "equation")


@dataclass(frozen=True)
class Target:
    kind: str  # "table", "figure" or "equation"
    name: str  # what the text calls it: "Bảng", "Hình", "Biểu đồ"; "" for an equation
    number: str  # "3.1", "PL2.1"
    label: str | None  # "tbl:ket-qua", or None when it has none
    start: int  # where it is in its document's text
    figure_class: str = ""  # the figure kind's class ("bieu-do"), "" for Hình

    @property
    def shown(self) -> str:
        """What a reference prints: "Bảng 3.1", "Biểu đồ 1.1", "(2.3)"."""
        return f"({self.number})" if self.kind == "equation" else f"{self.name} {self.number}"


def figure_kinds(captions: dict) -> dict[str, str]:
    """Figure class -> its name, the profile's separately numbered kinds ("bieu-do" -> "Biểu đồ")."""
    return {str(kind["class"]): str(kind["name"]) for kind in captions.get("figure_kinds") or ()}


def caption_name(form: str) -> str:
    """ "Bảng {chapter}.{n}" -> "Bảng"."""
    return form.split("{")[0].strip()


def find_targets(text: str, body_start: int, chapter: str | None, captions: dict) -> list[Target]:
    """The numbered things of one document, in order; `chapter` is the label numbers carry
    ("3", "PL2"); None for an unnumbered part (Mở đầu), whose tables and figures are not numbered."""
    masked = " " * body_start + mask_non_code(text[body_start:])
    kinds = figure_kinds(captions)
    found: list[tuple[int, str, str, str | None, str]] = []
    for match in CAPTION.finditer(masked):
        attribute = LABEL_ATTRIBUTE.search(match.group())
        label = attribute.group(1) if attribute else None
        found.append((match.start(), "table", caption_name(captions["table"]), label, ""))
    for match in FIGURE.finditer(masked):
        attributes = match.group(1) or ""
        classes = re.findall(r"(?<![\w-])\.([\w-]+)", attributes)
        kind = next((c for c in classes if c in kinds), "")
        carried = re.search(r"#(fig:[\w:.-]*\w)", attributes)
        name = kinds[kind] if kind else caption_name(captions["figure"])
        found.append((match.start(), "figure", name, carried.group(1) if carried else None, kind))
    for match in EQUATION.finditer(masked):
        found.append((match.start(), "equation", "", match.group(1), ""))
    counters: dict[tuple[str, str], int] = {}
    targets = []
    for start, kind, name, label, figure_class in sorted(found):
        counters[(kind, name)] = counters.get((kind, name), 0) + 1
        number = f"{chapter}.{counters[(kind, name)]}" if chapter else ""
        targets.append(Target(kind, name, number, label, start, figure_class))
    return targets


def find_references(text: str, body_start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, label) of every `@tbl:…`, `@fig:…`, `@eq:…` outside code."""
    if "@" not in text[body_start:]:
        return []
    masked = " " * body_start + mask_non_code(text[body_start:])
    return [(m.start(), m.end(), m.group(1)) for m in REFERENCE.finditer(masked)]
