"""The layout luanan adds to pandoc's reading of a part, on its JSON AST, said once for both
outputs: caption numbers (Word; Typst numbers its own figures the same way), figure kinds
numbered apart ("Biểu đồ 1.1"), numbered display equations "(2.1)" at the right margin, tables
at the text width with columns sized to their content, "Bảng 3.1 (tiếp theo)" over a table
continued on the next page (PDF), landscape pages (`::: {.landscape}`), aligned blocks
(`::: {.signature}`, mapped to an alignment by the profile's `aligned_blocks`), and front-matter
headings kept out of Word's table of contents."""

from __future__ import annotations

import re

from luanan.citations.labels import caption_name, figure_kinds
from luanan.profiles import Profile
from luanan.render.parts import Part, typst_string

# Word's "Equation" style has a centre tab at half the text width and a right tab at its end.
TAB = {"t": "RawInline", "c": ["openxml", "<w:r><w:tab/></w:r>"]}
CONTINUED = "#luanan-continued()"
# Portrait and landscape section ends; docx_finish completes their page size and margins.
SECTION_END = '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr></w:p>'
LANDSCAPE_END = (
    '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgSz w:orient="landscape"/></w:sectPr></w:pPr></w:p>'
)


def transform(ast: dict, part: Part, profile: Profile, target: str) -> dict:
    """`target` is "docx" or "typst"."""
    counters: dict[str, int] = {}
    ast["blocks"] = _blocks(ast["blocks"], part, profile, target, counters)
    _mark_unresolved(ast["blocks"], target)
    if target == "docx":
        _word_math(ast["blocks"])
    return ast


def _word_math(node) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Math":
            node["c"][1] = word_tex(node["c"][1])
        else:
            _word_math(node.get("c"))
    elif isinstance(node, list):
        for child in node:
            _word_math(child)


def _mark_unresolved(node, target: str) -> None:
    """A draft's unresolved citations (`[…]{.unresolved}`): highlighted in both outputs."""
    if isinstance(node, dict):
        _mark_unresolved(node.get("c"), target)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            if isinstance(child, dict) and child.get("t") == "Span" and "unresolved" in child["c"][0][1]:
                if target == "typst":
                    node[index] = {
                        "t": "Span",
                        "c": [
                            ["", [], []],
                            [
                                _raw_inline("typst", '#highlight(fill: rgb("#ffd54f"))['),
                                *child["c"][1],
                                _raw_inline("typst", "]"),
                            ],
                        ],
                    }
                else:
                    child["c"][0] = ["", [], [["custom-style", "Unresolved"]]]
            else:
                _mark_unresolved(child, target)


def _blocks(blocks: list, part: Part, profile: Profile, target: str, counters: dict) -> list:
    out: list = []
    for block in blocks:
        kind = block.get("t")
        if kind == "Div":
            out += _div(block, part, profile, target, counters)
            continue
        if kind == "BlockQuote":
            block["c"] = _blocks(block["c"], part, profile, target, counters)
        elif kind in ("BulletList", "OrderedList"):
            items = block["c"] if kind == "BulletList" else block["c"][1]
            for index, item in enumerate(items):
                items[index] = _blocks(item, part, profile, target, counters)
        elif kind == "Table":
            _size_columns(block, profile)
            if part.chapter and _caption_blocks(block):
                counters["table"] = counters.get("table", 0) + 1
                if target == "docx":
                    _number_caption(block, profile["captions"]["table"], part.chapter, counters["table"], profile)
                else:
                    _continued_row(block)
        elif kind == "Figure":
            out += _figure(block, part, profile, target, counters)
            continue
        elif kind == "Para" and _display_math(block):
            out += _equation(block, part, target, counters)
            continue
        elif kind == "Header" and target == "docx" and "front" in block["c"][1][1]:
            out.append(_front_heading(block))
            continue
        out.append(block)
    return out


def _div(block: dict, part: Part, profile: Profile, target: str, counters: dict) -> list:
    attributes, content = block["c"]
    classes = attributes[1]
    content = _blocks(content, part, profile, target, counters)
    align = next((a for a, names in profile["aligned_blocks"].items() for c in classes if c in names), None)
    if "landscape" in classes:
        if target == "typst":
            m = profile["margins_cm"]  # turned with the page: its top edge is the binding (spec §2.1)
            margin = f"(top: {m['left']}cm, right: {m['top']}cm, bottom: {m['right']}cm, left: {m['bottom']}cm)"
            return [_raw("typst", f"#page(flipped: true, margin: {margin})["), *content, _raw("typst", "]")]
        return [_raw("openxml", SECTION_END), *content, _raw("openxml", LANDSCAPE_END)]
    if align is not None:
        if target == "typst":
            opening = f"#block(width: 100%)[#set align({align}); #set par(first-line-indent: 0pt, justify: false)"
            return [_raw("typst", opening), *content, _raw("typst", "]")]
        style = {"right": "Right Block", "center": "Centre Block", "left": "Left Block"}[align]
        return [{"t": "Div", "c": [["", [], [["custom-style", style]]], content]}]
    if target == "typst" and "references" in classes:
        return content  # a Typst block around them leaves some first lines of the entries unjustified
    block["c"][1] = content
    return [block]


def _figure(block: dict, part: Part, profile: Profile, target: str, counters: dict) -> list:
    classes = block["c"][0][1] + [c for b in block["c"][2] for c in _image_classes(b)]
    kinds = figure_kinds(profile["captions"])
    kind = next((c for c in classes if c in kinds), "")
    if not (part.chapter and _caption_blocks(block)):
        return [block]
    counters["figure:" + kind] = counters.get("figure:" + kind, 0) + 1
    if target == "docx":
        form = (kinds[kind] + " {chapter}.{n}") if kind else profile["captions"]["figure"]
        _number_caption(block, form, part.chapter, counters["figure:" + kind], profile)
        return [block]
    if not kind:
        return [block]
    scope = f"#[#show figure: set figure(kind: {typst_string(kind)}, supplement: {typst_string(kinds[kind])})"
    return [_raw("typst", scope), block, _raw("typst", "]")]


def _image_classes(block: dict) -> list[str]:
    if block.get("t") not in ("Plain", "Para"):
        return []
    return [c for inline in block["c"] if inline.get("t") == "Image" for c in inline["c"][0][1]]


def _equation(block: dict, part: Part, target: str, counters: dict) -> list:
    """`$$ … $$ {#eq:muc-do}`: a numbered equation with its label (an unnumbered part's stay
    unnumbered; Typst numbers them, Word gets "(2.1)" after a right tab)."""
    inlines = block["c"]
    math = next(i for i in inlines if i.get("t") == "Math")
    rest = "".join(i["c"] if i["t"] == "Str" else " " for i in inlines if i is not math).strip()
    label = re.fullmatch(r"\{\s*#(eq:[\w:.-]*\w)[^}]*\}", rest)
    label_name = label.group(1) if label else ""
    if target == "typst":
        after = [_raw_inline("typst", f" <{label_name}>")] if label_name else []
        return [{"t": "Para", "c": [math, *after]}]
    if not part.chapter:
        return [{"t": "Para", "c": [math]}]
    counters["equation"] = counters.get("equation", 0) + 1
    number = {"t": "Str", "c": f"({part.chapter}.{counters['equation']})"}
    shown = {"t": "Math", "c": [{"t": "InlineMath"}, "\\displaystyle " + word_tex(math["c"][1])]}
    mark = {"t": "Span", "c": [[label_name, [], []], [number]]} if label_name else number
    return [
        {"t": "Div", "c": [["", [], [["custom-style", "Equation"]]], [{"t": "Para", "c": [TAB, shown, TAB, mark]}]]}
    ]


_BAR = re.compile(r"(?<!\\)(?<!\\left)(?<!\\right)\\?\|")


def word_tex(tex: str) -> str:
    """TeX that pandoc's OMML reads the way Word and LibreOffice show it: `|x|` and `\\|x\\|` as
    delimiters around their content (\\left| … \\right|: LibreOffice turns a lone `|` into ∨ and
    a sum takes only the next atom as its body), `\\bar{x}` as an overline (LibreOffice does not
    know the accent character pandoc writes)."""
    tex = re.sub(r"\\bar\s*\{", r"\\overline{", tex)
    if "\\left" in tex or "\\right" in tex:
        return tex
    bars = [m for m in _BAR.finditer(tex) if m.group() == "|"]
    if len(bars) < 2 or len(bars) % 2:
        return tex
    out, position = [], 0
    for index, match in enumerate(bars):
        out += [tex[position : match.start()], "\\left|" if index % 2 == 0 else "\\right|"]
        position = match.end()
    return "".join(out) + tex[position:]


def _display_math(block: dict) -> bool:
    inlines = [i for i in block["c"] if i.get("t") not in ("Space", "SoftBreak")]
    if not inlines or inlines[0].get("t") != "Math" or inlines[0]["c"][0]["t"] != "DisplayMath":
        return False
    rest = "".join(i.get("c", "") if i["t"] == "Str" else "" for i in inlines[1:])
    return all(i["t"] == "Str" for i in inlines[1:]) and bool(re.fullmatch(r"(\{\s*#eq:[^}]*\})?", rest))


def _size_columns(block: dict, profile: Profile) -> None:
    """The table at the text width, each column as wide as its longest cell asks (a cell of a
    long text counts at most 40 characters, a column at least 6): pandoc then writes the same
    relative widths to Typst and to Word."""
    specs = block["c"][2]
    if not specs:
        return
    lengths = [6] * len(specs)
    head, bodies, foot = block["c"][3], block["c"][4], block["c"][5]
    rows = list(head[1]) + [row for body in bodies for row in body[2] + body[3]] + list(foot[1])
    for row in rows:
        column = 0
        for cell in row[1]:
            width = min(
                40, max((len(w) for w in _cell_text(cell[4]).split() or [""]), default=0) * 2, len(_cell_text(cell[4]))
            )
            span = cell[3]
            if span == 1 and column < len(lengths):
                lengths[column] = max(lengths[column], width, 6)
            column += span
    total = sum(lengths)
    for index, spec in enumerate(specs):
        spec[1] = {"t": "ColWidth", "c": round(lengths[index] / total, 4)}


def _cell_text(blocks: list) -> str:
    words: list[str] = []

    def visit(node) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Str":
                words.append(node["c"])
            elif node.get("t") == "Space":
                words.append(" ")
            else:
                visit(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(blocks)
    return "".join(words)


def _continued_row(block: dict) -> None:
    """A first header row that, repeated on the next page, reads "Bảng 3.1 (tiếp theo)"."""
    columns = len(block["c"][2])
    cell = [["", [], []], {"t": "AlignDefault"}, 1, columns, [{"t": "Plain", "c": [_raw_inline("typst", CONTINUED)]}]]
    block["c"][3][1].insert(0, [["", [], []], [cell]])


def continued_cells(typst: str) -> str:
    """The continuation row of each table, borderless and without padding (pandoc writes cells
    without those settings)."""
    return re.sub(
        r"table\.cell\(colspan: (\d+)\)\[" + re.escape(CONTINUED) + r"\]",
        lambda m: f"table.cell(colspan: {m.group(1)}, stroke: none, inset: 0pt)[{CONTINUED}]",
        typst,
    )


def _number_caption(block: dict, form: str, chapter: str, n: int, profile: Profile) -> None:
    label = form.format(chapter=chapter, n=n) + profile["captions"]["separator"].rstrip()
    first = _caption_blocks(block)[0]
    first["c"] = _inlines(label) + [{"t": "Space"}] + first["c"]


def _front_heading(block: dict) -> dict:
    """A front-matter title (Lời cam đoan) in the "Front Heading" style: it looks like a chapter
    title but has no outline level, so Word's table of contents leaves it out."""
    return {"t": "Div", "c": [["", [], [["custom-style", "Front Heading"]]], [{"t": "Para", "c": block["c"][2]}]]}


def _caption_blocks(block: dict) -> list:
    caption = block["c"][1]  # Table and Figure both: [attr, caption, ...]; caption = [short, blocks]
    return [b for b in caption[1] if b.get("t") in ("Plain", "Para")]


def _inlines(text: str) -> list:
    inlines: list = []
    for i, word in enumerate(text.split()):
        if i:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def _raw(form: str, text: str) -> dict:
    return {"t": "RawBlock", "c": [form, text]}


def _raw_inline(form: str, text: str) -> dict:
    return {"t": "RawInline", "c": [form, text]}


__all__ = ["caption_name", "continued_cells", "transform"]
