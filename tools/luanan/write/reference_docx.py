"""Reference DOCX: the styles, page setup and page-number header that pandoc copies into the
DOCX it writes (`--reference-doc`), all taken from the profile's numbers (spec §2.1, §4, §5)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from luanan.profiles import Profile

BLACK = RGBColor(0, 0, 0)
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
THEME_FONT_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
# EG_RPrBase child order (ECMA-376 Part 1, §17.3.2.28).
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)


def write_reference_docx(profile: Profile, path: Path) -> None:
    document = Document()
    section = document.sections[0]
    if profile["paper"] == "a4":
        section.page_width, section.page_height = Mm(210), Mm(297)
    margins = profile["margins_cm"]
    section.top_margin, section.bottom_margin = Cm(margins["top"]), Cm(margins["bottom"])
    section.left_margin, section.right_margin = Cm(margins["left"]), Cm(margins["right"])
    _plain_fonts(document, profile["fonts"][0], profile["font_size_pt"])
    _body_styles(document, profile)
    _heading_styles(document, profile)
    _other_styles(document, profile)
    _page_number(section, profile["page_number"]["position"])
    if not document.paragraphs:
        document.add_paragraph()
    document.save(str(path))


def _plain_fonts(document, font: str, size: float) -> None:
    """The profile's font everywhere, black text: no theme fonts or theme colours left."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), font, size)
    for style in document.styles:
        rpr = style.element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(rpr, font)
        if rpr is not None and rpr.find(qn("w:color")) is not None:
            _remove(rpr, "w:color")
            style.font.color.rgb = BLACK
    _set_fonts(document.styles["Normal"].element.get_or_add_rPr(), font, size)


def _body_styles(document, profile: Profile) -> None:
    align = JUSTIFY if profile["justify"] else LEFT
    for name, base in (("Normal", None), ("Body Text", "Normal"), ("First Paragraph", "Body Text")):
        _layout(
            _style(document, name, base),
            align=align,
            line=profile["line_spacing"],
            first=profile["first_line_indent_cm"],
            before=0,
            after=profile["paragraph_spacing_pt"],
        )
    document.styles["First Paragraph"].next_paragraph_style = document.styles["Body Text"]
    # Compact: tight list items, spaced as the body (as in the PDF); table cells get "Table Text"
    _layout(_style(document, "Compact", "Body Text"), line=profile["line_spacing"], before=0, after=0)
    _layout(_style(document, "Table Text", "Normal"), align=LEFT, line=1.0, before=0, after=0)
    for name, align in (("Right Block", WD_ALIGN_PARAGRAPH.RIGHT), ("Centre Block", CENTER), ("Left Block", LEFT)):
        _layout(_style(document, name, "Body Text"), align=align, before=0, after=0)
    equation = _style(document, "Equation", "Body Text")
    _layout(equation, align=LEFT, before=profile["paragraph_spacing_pt"], after=profile["paragraph_spacing_pt"])
    width = Cm(21.0 - profile["margins_cm"]["left"] - profile["margins_cm"]["right"])
    equation.paragraph_format.tab_stops.add_tab_stop(width // 2, WD_TAB_ALIGNMENT.CENTER)
    equation.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    indent = profile["first_line_indent_cm"]
    _layout(_style(document, "Block Text", "Body Text"), left=indent, right=indent)
    hanging = profile["references"]["hanging_indent_cm"]
    _layout(_style(document, "Bibliography", "Normal"), align=JUSTIFY, left=hanging, first=-hanging)


def _heading_styles(document, profile: Profile) -> None:
    heading, font, gap = profile["heading"], profile["fonts"][0], profile["paragraph_spacing_pt"]
    for level in range(1, 5):
        style = _style(document, f"Heading {level}", "Normal")
        _set_fonts(style.element.get_or_add_rPr(), font, heading["sizes_pt"][level - 1])
        style.font.bold = heading["bold"][level - 1]
        style.font.italic = heading["italic"][level - 1]
        style.font.color.rgb = BLACK
        _layout(style, align=CENTER if level == 1 else LEFT, before=0 if level == 1 else 2 * gap, after=2 * gap)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.page_break_before = level == 1
    _style(document, "TOC Heading", "Heading 1")
    # a front-matter title: a chapter title's look without its outline level (not in the contents)
    front = _style(document, "Front Heading", "Normal")
    _set_fonts(front.element.get_or_add_rPr(), font, heading["sizes_pt"][0])
    front.font.bold, front.font.color.rgb = heading["bold"][0], BLACK
    _layout(front, align=CENTER, before=0, after=2 * gap)
    front.paragraph_format.keep_with_next = True
    front.paragraph_format.page_break_before = True
    width = Cm(21.0 - profile["margins_cm"]["left"] - profile["margins_cm"]["right"])
    for level in range(1, 5):
        style = _style(document, f"toc {level}", "Normal")
        style.element.styleId = f"TOC{level}"
        style.element.attrib.pop(qn("w:customStyle"), None)
        _layout(style, align=LEFT, left=0.5 * (level - 1), after=0)
        style.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    figures = _style(document, "table of figures", "Normal")
    figures.element.styleId = "TableofFigures"
    _layout(figures, align=LEFT, after=0)
    figures.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _other_styles(document, profile: Profile) -> None:
    font, size, gap = profile["fonts"][0], profile["font_size_pt"], profile["paragraph_spacing_pt"]
    for name, points in (("Title", profile["heading"]["sizes_pt"][0] + 2), ("Subtitle", size + 1), ("Caption", size)):
        style = _style(document, name, "Normal")
        _remove(style.element.get_or_add_pPr(), "w:pBdr")
        _set_fonts(style.element.get_or_add_rPr(), font, points)
        style.font.bold = name != "Caption" or bool(profile["captions"]["bold"])
        style.font.italic, style.font.color.rgb = False, BLACK
        _layout(style, align=CENTER, after=gap)
    _style(document, "Table Caption", "Caption").paragraph_format.keep_with_next = True
    _style(document, "Image Caption", "Caption")
    for kind in profile["captions"].get("figure_kinds") or []:  # "Biểu đồ 2.1": listed apart on update
        _style(document, kind_caption_style(kind), "Image Caption")
    _layout(_style(document, "Cover", "Normal"), align=CENTER, after=0)
    title = _style(document, "Cover Title", "Cover")
    _set_fonts(title.element.get_or_add_rPr(), font, size * 1.25)
    _layout(title, align=CENTER, line=1.15, after=0)
    foot = _style(document, "Cover Foot", "Cover")
    _layout(foot, align=CENTER, after=0)
    margins = profile["margins_cm"]
    _bottom_frame(foot, round((21.0 - margins["left"] - margins["right"]) * 567))
    for name in ("Header", "Footer"):
        _layout(_style(document, name, "Normal"), align=CENTER, line=1.0, after=0)
    unresolved = _style(document, "Unresolved", None, WD_STYLE_TYPE.CHARACTER)  # a draft's open citations
    highlight = OxmlElement("w:highlight")
    highlight.set(qn("w:val"), "yellow")
    _insert_in_order(unresolved.element.get_or_add_rPr(), highlight)
    hyperlink = _style(document, "Hyperlink", None, WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb, hyperlink.font.underline = BLACK, False
    _style(document, "Table", "Table Grid", WD_STYLE_TYPE.TABLE)


def kind_caption_style(kind: dict) -> str:
    """The caption style of a figure kind, which its DANH MỤC field collects ("Caption bieu-do")."""
    return f"Caption {kind['class']}"


def _bottom_frame(style, width_twips: int) -> None:
    """Paragraphs of this style sit in a frame at the foot of the text area (the place and year
    of the cover), where the PDF puts them; Word and LibreOffice both read w:framePr."""
    ppr = style.element.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for name, value in (
        ("wrap", "around"),
        ("vAnchor", "margin"),
        ("hAnchor", "margin"),
        ("xAlign", "center"),
        ("yAlign", "bottom"),
    ):
        frame.set(qn(f"w:{name}"), value)
    frame.set(qn("w:w"), str(width_twips))  # the width of the text area
    ppr.insert(0, frame)  # first child of a style's pPr (CT_PPrBase order)


def _style(document, name: str, base: str | None, kind=WD_STYLE_TYPE.PARAGRAPH):
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, kind)
    if base is not None:
        style.base_style = styles[base]
    style.hidden = style.unhide_when_used = False
    style.quick_style = True
    return style


def _layout(
    style,
    align=None,
    line: float | None = None,
    first: float = 0.0,
    left: float = 0.0,
    right: float = 0.0,
    before: float | None = None,
    after: float | None = None,
) -> None:
    """Paragraph layout; indents in cm (a negative `first` is a hanging indent), spacing in pt."""
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = line
    fmt.first_line_indent, fmt.left_indent, fmt.right_indent = Cm(first), Cm(left), Cm(right)
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)


def _set_fonts(rpr, font: str, size: float | None = None) -> None:
    """Explicit fonts for every script (no theme fonts), and the size when given."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _insert_in_order(rpr, OxmlElement("w:rFonts"))
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), font)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            _remove(rpr, tag)
            element = _insert_in_order(rpr, OxmlElement(tag))
            element.set(qn("w:val"), str(round(size * 2)))


def _insert_in_order(rpr, element):
    rank = RPR_ORDER.index(element.tag.rsplit("}", 1)[-1])
    for child in rpr:
        name = child.tag.rsplit("}", 1)[-1]
        if name in RPR_ORDER and RPR_ORDER.index(name) > rank:
            child.addprevious(element)
            return element
    rpr.append(element)
    return element


def _remove(parent, tag: str) -> None:
    for child in parent.findall(qn(tag)):
        parent.remove(child)


def _page_number(section, position: str) -> None:
    """A PAGE field, centred in the header (top-center) or the footer (bottom-center)."""
    bottom = position.startswith("bottom")
    part = section.footer if bottom else section.header
    part.is_linked_to_previous = False
    paragraph = part.paragraphs[0]
    paragraph.style = "Footer" if bottom else "Header"
    paragraph.alignment = CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
