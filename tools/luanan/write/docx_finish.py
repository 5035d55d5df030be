"""Finishing the DOCX pandoc wrote: complete the section breaks the renderer left as raw OpenXML
markers (page size, margins, page-number headers), number the main text from 1, optionally mark
a review copy, and make Word refresh the table of contents when the file opens."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from luanan.files import replacing

# CT_SectPr child order (ECMA-376 Part 1, §17.6.17); Word and LibreOffice reject other orders.
SECT_PR_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)
# CT_Settings children that must come after w:updateFields.
AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)
REVIEW_SIZE_PT = 9


def finish_docx(
    path: Path, review: dict | None = None, draft: str | None = None, kinds: dict[str, str] | None = None
) -> None:
    document = Document(str(path))
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    if review is not None:
        _review_header(document, f"Bản góp ý — {review['date']} — {review['revision']}")
    if draft:
        _review_header(document, draft, bold=True)
    markers = body.findall(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    main = False  # the main text numbers 1, 2, 3 from its first section on, across landscape pages
    for marker in markers:
        _complete(marker, final)
        if marker.find(qn("w:pgNumType")) is None and not main:
            _put(marker, _element("w:pgNumType", fmt="decimal", start="1"))
            main = True
    # the sections after the first of the main text (around a landscape page) say nothing of page
    # numbers: they continue (a pgNumType there makes LibreOffice start again at 1)
    if main:
        for old in final.findall(qn("w:pgNumType")):
            final.remove(old)
    else:
        _put(final, _element("w:pgNumType", fmt="decimal", start="1"))
    if review is not None:
        for sect_pr in [*markers, final]:
            _put(sect_pr, _element("w:lnNumType", countBy="1", restart="newPage", distance="360"))
    _frames_in_paragraphs(document)
    _table_text(body)
    _kind_captions(document, kinds or {})
    _full_width_tables(body, final)
    _update_fields_on_open(document.settings.element)
    with replacing(path) as temporary:
        document.save(str(temporary))


def _complete(marker, final) -> None:
    """Page size and margins from the final section; headers and footers too, unless the
    marker ends an unnumbered part (pgNumType fmt="none": cover and title page)."""
    landscape = marker.find(qn("w:pgSz")) is not None and marker.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"
    for name in ("pgSz", "pgMar"):
        source = final.find(qn(f"w:{name}"))
        if source is not None:
            _put(marker, _turned(copy.deepcopy(source)) if landscape else copy.deepcopy(source))
    number = marker.find(qn("w:pgNumType"))
    if number is not None and number.get(qn("w:fmt")) == "none":
        return
    for name in ("headerReference", "footerReference"):
        for reference in final.findall(qn(f"w:{name}")):
            kind = reference.get(qn("w:type"))
            for old in marker.findall(qn(f"w:{name}")):
                if old.get(qn("w:type")) == kind:
                    marker.remove(old)
            _put(marker, copy.deepcopy(reference), replace=False)


def _turned(element):
    """A page size or margins for a landscape page: width and height swapped, the binding
    margin (left on the portrait page) at the top (spec §2.1: the table's top at the binding)."""
    if _local(element) == "pgSz":
        width, height = element.get(qn("w:w")), element.get(qn("w:h"))
        element.set(qn("w:w"), height)
        element.set(qn("w:h"), width)
        element.set(qn("w:orient"), "landscape")
    else:
        top, right, bottom, left = (element.get(qn(f"w:{side}")) for side in ("top", "right", "bottom", "left"))
        element.set(qn("w:top"), left)
        element.set(qn("w:right"), top)
        element.set(qn("w:bottom"), right)
        element.set(qn("w:left"), bottom)
    return element


def _put(sect_pr, element, replace: bool = True) -> None:
    """Insert `element` at its schema position, replacing a child of the same name if asked."""
    name = _local(element)
    if replace:
        for old in sect_pr.findall(element.tag):
            sect_pr.remove(old)
    rank = SECT_PR_ORDER.index(name)
    for child in sect_pr:
        if _local(child) in SECT_PR_ORDER and SECT_PR_ORDER.index(_local(child)) > rank:
            child.addprevious(element)
            return
    sect_pr.append(element)


def _full_width_tables(body, final) -> None:
    """A table pandoc sized in proportions (tblW in pct) gets its columns in those proportions of
    the text width, which LibreOffice reads from the grid rather than from tblW."""
    size, margins = final.find(qn("w:pgSz")), final.find(qn("w:pgMar"))
    if size is None or margins is None:
        return
    width = int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
    for table in body.iter(qn("w:tbl")):
        measure = table.find(f"{qn('w:tblPr')}/{qn('w:tblW')}")
        grid = table.find(qn("w:tblGrid"))
        if measure is None or grid is None or measure.get(qn("w:type")) != "pct":
            continue
        columns = grid.findall(qn("w:gridCol"))
        total = sum(int(c.get(qn("w:w"))) for c in columns) or 1
        share = int(measure.get(qn("w:w"))) / 5000
        for column in columns:
            column.set(qn("w:w"), str(round(int(column.get(qn("w:w"))) * width * share / total)))


def _kind_captions(document, kinds: dict[str, str]) -> None:
    """A figure kind's captions ("Biểu đồ 2.1. …") in that kind's caption style, so Word's update
    of its DANH MỤC collects them and DANH MỤC HÌNH does not."""
    ids = {s.name: s.style_id for s in document.styles}
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Image Caption":
            for name, style in kinds.items():
                if paragraph.text.startswith(name + " ") and style in ids:
                    paragraph._p.pPr.find(qn("w:pStyle")).set(qn("w:val"), ids[style])


def _table_text(body) -> None:
    """Table cells single-spaced ("Table Text", as in the PDF); "Compact" stays for tight lists."""
    for style in body.iter(qn("w:pStyle")):
        if style.get(qn("w:val")) == "Compact" and any(_local(a) == "tc" for a in style.iterancestors()):
            style.set(qn("w:val"), "TableText")


def _frames_in_paragraphs(document) -> None:
    """A frame given by a paragraph style (the cover's foot) copied onto each of its paragraphs:
    LibreOffice reads w:framePr only there."""
    styles = {s.element.get(qn("w:styleId")): s.element for s in document.styles}
    for ppr in document.element.body.iter(qn("w:pPr")):
        style = ppr.find(qn("w:pStyle"))
        if style is None or ppr.find(qn("w:framePr")) is not None:
            continue
        defined = styles.get(style.get(qn("w:val")))
        frame = defined.find(f"{qn('w:pPr')}/{qn('w:framePr')}") if defined is not None else None
        if frame is not None:
            style.addnext(copy.deepcopy(frame))  # right after pStyle: keepNext and the like never precede it here


def _review_header(document, text: str, bold: bool = False) -> None:
    header = document.sections[-1].header
    if header.is_linked_to_previous:
        header.is_linked_to_previous = False
    paragraph = header.add_paragraph(style="Header" if "Header" in document.styles else None)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size, run.font.bold = Pt(REVIEW_SIZE_PT), bold


def _update_fields_on_open(settings) -> None:
    if settings.find(qn("w:updateFields")) is not None:
        return
    element = _element("w:updateFields", val="true")
    for child in settings:
        if _local(child) in AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]
