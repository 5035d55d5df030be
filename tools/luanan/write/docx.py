"""DOCX: the parts' pandoc JSON merged into one document with the cover, the table of contents
and section breaks placed where a Vietnamese thesis has them; pandoc's docx writer with a
reference.docx generated from the profile; then the sections' page numbering finished."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape

from luanan.bibliography.format import escape_markdown
from luanan.errors import ToolError
from luanan.files import replacing
from luanan.i18n import _
from luanan.pandoc import cache_key, convert
from luanan.project import Project
from luanan.render.ast import part_ast
from luanan.render.parts import Part, own_raw, supervisors
from luanan.write.reference_docx import kind_caption_style

PAGE_BREAK = '```{=openxml}\n<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n```\n'
COVER_END = '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgNumType w:fmt="none"/></w:sectPr></w:pPr></w:p>'
FRONT_END = (
    '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/>'
    '<w:pgNumType w:fmt="lowerRoman" w:start="1"/></w:sectPr></w:pPr></w:p>'
)


def write_docx(
    project: Project, parts: list[Part], cache: Path, destination: Path, review: dict | None = None, draft: bool = False
) -> None:
    from luanan.write.docx_finish import finish_docx
    from luanan.write.reference_docx import write_reference_docx

    profile = project.profile
    reference = cache / f"reference-{cache_key(json.dumps(profile.data, sort_keys=True))}.docx"
    if not reference.exists():
        write_reference_docx(profile, reference)
    cover_markdown = _cover_markdown(project)  # metadata escaped; the raw OpenXML is luanan's own
    cover = Part("cover", "front", cover_markdown, own_raw=own_raw(cover_markdown))
    asts = {part.key: part_ast(part, profile, cache) for part in [cover, *parts]}
    titles = profile["titles"]
    blocks = list(asts["cover"]["blocks"]) + [_raw(COVER_END)]
    front = [p for p in parts if p.section == "front"]
    for part in front:
        if part.key != "abbreviations":
            blocks += asts[part.key]["blocks"]
    contents_at = len(blocks)
    listed: list = []  # what the table of contents lists: the parts after it
    for part in front:
        if part.key == "abbreviations":
            listed += asts[part.key]["blocks"]
    body: list = []
    for part in parts:
        if part.section != "front":
            body += asts[part.key]["blocks"]
    _unique_ids(listed + body)
    captions = _captions(body, profile)
    lists: list = []
    pdf_name = "thesis-draft.pdf" if draft else "thesis.pdf"
    # the PDF written with it (in the same staging folder), else the one in build/
    pages = _pdf_pages(
        next(
            (p for p in (destination.parent / pdf_name, destination.parent.parent / pdf_name) if p.exists()),
            destination.parent / pdf_name,
        )
    )
    for title, anchor, style, entries in captions:
        if entries:
            heading = _heading(title, anchor)
            lists += [heading, *_contents_field(f'TOC \\h \\z \\t "{style},1"', entries, "TableofFigures", pages)]
    listed += lists
    headings = _headings(listed + body, int(profile["toc_depth"]))
    contents = [
        _front_title(titles["toc"]),
        *_contents_field(f'TOC \\o "1-{profile["toc_depth"]}" \\h \\z \\u', headings, None, pages),
    ]
    blocks = blocks[:contents_at] + contents + listed + [_raw(FRONT_END)] + body
    document = {**asts["cover"], "blocks": blocks}
    with replacing(destination) as temporary:
        convert(
            json.dumps(document, ensure_ascii=False),
            "docx",
            ["--reference-doc", str(reference), f"--resource-path={project.root}"],
            outputfile=temporary,
            input_format="json",
        )
        kinds = {k["name"]: kind_caption_style(k) for k in profile["captions"].get("figure_kinds") or []}
        try:
            finish_docx(temporary, review, profile["titles"]["draft"] if draft else None, kinds)
        except Exception as exc:  # lxml's and python-docx's own error types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            message = _(
                "the DOCX is not valid Word XML ({error}); is the raw OpenXML a chapter holds (allow_raw) malformed?"
            )
            raise ToolError(message.format(error=first)) from None


def _cover_markdown(project: Project) -> str:
    """The cover (bìa) and, after a page break, the title page (phụ bìa) with the speciality and
    the supervisors, laid out as the PDF lays them out: the ministry and institution at the top,
    the author, title and degree in the middle, the place and year at the foot of the page (a
    frame anchored to the bottom margin, which Word and LibreOffice both keep there); lines
    whose field is empty are left out."""
    meta = {key: value for key, value in project.config.metadata.items()}
    text = {key: str(value or "") for key, value in meta.items()}
    profile = project.profile
    cover = profile["cover"]
    size = float(profile["font_size_pt"])
    line = size * 1.15 * float(profile["line_spacing"])
    title_size = size * 1.25
    margins = profile["margins_cm"]
    height = (29.7 - margins["top"] - margins["bottom"]) * 72 / 2.54
    width = (21.0 - margins["left"] - margins["right"]) * 72 / 2.54
    names = [name.replace(" ", "\u00a0") for name in supervisors(meta)]
    place = " - ".join(x for x in (text.get("city", "").upper(), text.get("year", "")) if x)

    def lines(items: list[str], style: str = "Cover", bold: bool = True) -> str:
        items = [escape_markdown(item) for item in items if item.strip()]
        if not items:
            return ""
        body = "\n\n".join(f"**{item}**" if bold else item for item in items)
        return f'::: {{custom-style="{style}"}}\n{body}\n:::\n\n'

    def wrapped(value: str, points: float) -> int:  # lines a centred capitalised text takes
        return max(1, -(-int(len(value) * points * 0.68) // int(width)))

    def page(details: bool) -> str:
        top = lines([cover["ministry"], text.get("institution", "").upper()])
        middle = lines([text.get("author", "").upper()]) + _spacer(2 * size)
        middle += lines([project.config.title.upper()], "Cover Title") + _spacer(2 * size)
        used = 2 * line + line + 2 * size + wrapped(project.config.title, title_size) * title_size * 1.7 + 2 * size
        if details:
            speciality = [
                f"{cover['speciality_label']}: {text['speciality']}" if text.get("speciality") else "",
                f"{cover['code_label']}: {text['speciality_code']}" if text.get("speciality_code") else "",
            ]
            middle += lines(speciality, bold=False)
            used += line * sum(1 for x in speciality if x)
        middle += lines([text.get("degree", "").upper()]) + _spacer(2 * size)
        used += line + 2 * size
        if details and names:
            middle += lines([cover["supervisor_label"] + ":", *names])
            used += line * (1 + len(names))
        gap = max(0.0, (height - used - line) / 2 - line)
        foot = lines([place], "Cover Foot")
        return top + _spacer(gap) + middle + foot

    return page(False) + PAGE_BREAK + "\n" + page(True)


def _spacer(points: float) -> str:
    """An empty paragraph exactly `points` high: vertical space that Word and LibreOffice keep."""
    twips = max(20, round(points * 20))
    return (
        "```{=openxml}\n"
        f'<w:p><w:pPr><w:pStyle w:val="Cover"/><w:spacing w:before="0" w:after="0" w:line="{twips}" '
        'w:lineRule="exact"/></w:pPr></w:p>\n```\n\n'
    )


def _front_title(title: str) -> dict:
    """MỤC LỤC: a chapter title's look, no outline level (the contents do not list themselves)."""
    para = {"t": "Para", "c": _inlines(title)}
    return {"t": "Div", "c": [["", [], [["custom-style", "Front Heading"]]], [para]]}


def _heading(title: str, anchor: str) -> dict:
    return {"t": "Header", "c": [1, [anchor, ["unnumbered"], []], _inlines(title)]}


def _inlines(text: str) -> list[dict]:
    return [{"t": "Str", "c": w} if i % 2 == 0 else {"t": "Space"} for i, w in enumerate(_spaced(text))]


def _plain(inlines: list) -> str:
    out = []
    for inline in inlines:
        kind = inline.get("t")
        if kind == "Str":
            out.append(inline["c"])
        elif kind in ("Space", "SoftBreak", "LineBreak") or (kind == "RawInline" and "w:br" in inline["c"][1]):
            out.append(" ")
        elif kind in ("Emph", "Strong", "SmallCaps", "Underline", "Strikeout"):
            out.append(_plain(inline["c"]))
        elif kind in ("Span", "Link", "Quoted"):
            out.append(_plain(inline["c"][1] if kind != "Link" else inline["c"][1]))
        elif kind == "Code" or kind == "Math":
            out.append(inline["c"][1])
    return " ".join("".join(out).split())


def _walk(blocks: list):
    for block in blocks:
        yield block
        kind, content = block.get("t"), block.get("c")
        if kind == "Div":
            yield from _walk(content[1])
        elif kind == "BlockQuote":
            yield from _walk(content)


def _unique_ids(blocks: list) -> None:
    """Every heading, table and figure a bookmark of its own name (pandoc names them per part)."""
    seen: set[str] = set()
    for index, block in enumerate(_walk(blocks)):
        if block.get("t") in ("Header", "Table", "Figure"):
            attr = block["c"][1] if block["t"] == "Header" else block["c"][0]
            name = attr[0] or f"luanan-{block['t'].lower()}-{index}"
            base, n = name, 1
            while name in seen:
                n += 1
                name = f"{base}-{n}"
            attr[0] = name
            seen.add(name)


def _headings(blocks: list, depth: int) -> list[tuple[int, str, str]]:
    return [
        (b["c"][0], _plain(b["c"][2]), b["c"][1][0])
        for b in _walk(blocks)
        if b.get("t") == "Header" and b["c"][0] <= depth and "unlisted" not in b["c"][1][1]
    ]


def _captions(blocks: list, profile) -> list[tuple[str, str, str, list]]:
    """(list title, its anchor, the caption style Word's update collects, entries) for the list
    of tables, of figures and of each figure kind, in the order the PDF has them."""
    titles = profile["titles"]
    kinds = [(k["name"], k["list"]) for k in profile["captions"].get("figure_kinds") or []]
    tables: list[tuple[int, str, str]] = []
    figures: list[tuple[int, str, str]] = []
    by_kind: dict[str, list] = {name: [] for name, _ in kinds}
    for block in _walk(blocks):
        if block.get("t") not in ("Table", "Figure"):
            continue
        caption = [b for b in block["c"][1][1] if b.get("t") in ("Plain", "Para")]
        text = _plain(caption[0]["c"]) if caption else ""
        if not text or not text[0].isalpha():
            continue
        entry = (1, text, block["c"][0][0])
        if block["t"] == "Table":
            tables.append(entry)
        else:
            kind = next((name for name, _ in kinds if text.startswith(name + " ")), None)
            (by_kind[kind] if kind else figures).append(entry)
    lists = [(titles["tables"], "danh-muc-bang", "Table Caption", tables)]
    lists.append((titles["figures"], "danh-muc-hinh", "Image Caption", figures))
    styles = [kind_caption_style(k) for k in profile["captions"].get("figure_kinds") or []]
    lists += [(title, f"danh-muc-{i}", styles[i], by_kind[name]) for i, (name, title) in enumerate(kinds)]
    return lists


def _contents_field(instruction: str, entries: list, style: str | None, pages: dict[str, str]) -> list[dict]:
    """A table of contents field with its entries already in it, each a link to its heading or
    caption and a PAGEREF to it: what Word writes when it updates the field. The page numbers
    are the PDF's when there is one (Word and LibreOffice recount them on update)."""
    paragraphs = []
    for index, (level, text, anchor) in enumerate(entries):
        opening = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            if index == 0
            else ""
        )
        label = _ENTRY.match(" " + text + " ")
        page = escape(pages.get(_key(text)) or (pages.get(_key(label.group(1)), "") if label else ""))
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="{style or f"TOC{level}"}"/></w:pPr>{opening}'
            f'<w:hyperlink w:anchor="{escape(anchor)}" w:history="1">'
            f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r><w:r><w:tab/></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> PAGEREF {escape(anchor)} \\h </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{page}</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
        )
    if not paragraphs:
        return []
    paragraphs.append('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return [_raw("".join(paragraphs))]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


_ENTRY = re.compile(r"(?:^|\s)((?:Bảng|Hình|Biểu đồ|Sơ đồ|Đồ thị)\s(?:PL)?\d+\.\d+)\.\s")
_LIST_TITLE = re.compile(r"^DANH MỤC (?:BẢNG|HÌNH|BIỂU ĐỒ|SƠ ĐỒ|ĐỒ THỊ)")


def _listed_pages(reader, found: dict[str, str]) -> None:
    """ "Bảng 3.1" -> its page, read off the PDF's own DANH MỤC BẢNG/HÌNH pages (Typst lists each
    caption with its page number last)."""
    labels = reader.page_labels
    titles = _title_pages(reader)
    starts = sorted(titles.values())
    for title, index in titles.items():
        if not _LIST_TITLE.match(title.upper()):
            continue
        end = next((s for s in starts if s > index), index + 1)
        text = " ".join(" ".join(reader.pages[i].extract_text().split()) for i in range(index, min(end, index + 20)))
        text = text.replace("\xa0", " ")
        marks = list(_ENTRY.finditer(text))
        for number, mark in enumerate(marks):
            chunk = text[mark.end() : marks[number + 1].start() if number + 1 < len(marks) else len(text)]
            tokens = [t for t in chunk.replace(".", " . ").split() if t != "."]
            page = tokens[-1] if tokens else ""
            if page in labels:
                found.setdefault(_key(mark.group(1)), page)


def _title_pages(reader) -> dict[str, int]:
    """Outline title -> page index (the top level)."""
    pages = {}
    for item in reader.outline:
        if not isinstance(item, list):
            index = reader.get_destination_page_number(item)
            if index is not None:
                pages[str(item.title)] = index
    return pages


def _pdf_pages(pdf: Path) -> dict[str, str]:
    """Heading text -> its page label in the PDF built next to the DOCX, when there is one:
    the contents arrive with page numbers before anyone updates them."""
    if not pdf.exists():
        return {}
    try:
        import pypdf

        reader = pypdf.PdfReader(pdf)
        labels = reader.page_labels
        found: dict[str, str] = {}

        def visit(items) -> None:
            for item in items:
                if isinstance(item, list):
                    visit(item)
                else:
                    index = reader.get_destination_page_number(item)
                    if index is not None and index < len(labels):
                        found.setdefault(_key(str(item.title)), labels[index])

        visit(reader.outline)
        _listed_pages(reader, found)
        return found
    except Exception:  # an unreadable or half-written PDF: no page numbers, nothing worse
        return {}


def _spaced(text: str) -> list[str]:
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if i:
            out.append(" ")
        out.append(word)
    return out


def _raw(xml: str) -> dict:
    return {"t": "RawBlock", "c": ["openxml", xml]}
