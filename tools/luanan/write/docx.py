"""DOCX: the parts' pandoc JSON merged into one document with the cover, the table of contents
and section breaks placed where a Vietnamese thesis has them; pandoc's docx writer with a
reference.docx generated from the profile; then the sections' page numbering finished."""

from __future__ import annotations

import json
from pathlib import Path

from luanan.bibliography.format import escape_markdown
from luanan.errors import ToolError
from luanan.files import replacing
from luanan.pandoc import cache_key, convert
from luanan.project import Project
from luanan.render.ast import part_ast
from luanan.render.parts import Part, own_raw

PAGE_BREAK = '```{=openxml}\n<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n```\n'
COVER_END = '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/><w:pgNumType w:fmt="none"/></w:sectPr></w:pPr></w:p>'
FRONT_END = (
    '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/>'
    '<w:pgNumType w:fmt="lowerRoman" w:start="1"/></w:sectPr></w:pPr></w:p>'
)


def write_docx(project: Project, parts: list[Part], cache: Path, destination: Path, review: dict | None = None) -> None:
    from luanan.write.docx_finish import finish_docx
    from luanan.write.reference_docx import write_reference_docx

    profile = project.profile
    reference = cache / f"reference-{cache_key(json.dumps(profile.data, sort_keys=True))}.docx"
    if not reference.exists():
        write_reference_docx(profile, reference)
    cover_markdown = _cover_markdown(project)  # metadata escaped; the page break is luanan's own
    cover = Part("cover", "front", cover_markdown, own_raw=own_raw(PAGE_BREAK))
    asts = {part.key: part_ast(part, profile, cache) for part in [cover, *parts]}
    blocks = list(asts["cover"]["blocks"]) + [_raw(COVER_END)]
    front = [p for p in parts if p.section == "front"]
    for part in front:
        if part.key == "abbreviations":
            blocks += _field_block(profile["titles"]["toc"], f'TOC \\o "1-{profile["toc_depth"]}" \\h \\z \\u')
        blocks += asts[part.key]["blocks"]
    if not any(p.key == "abbreviations" for p in front):
        blocks += _field_block(profile["titles"]["toc"], f'TOC \\o "1-{profile["toc_depth"]}" \\h \\z \\u')
    blocks.append(_raw(FRONT_END))
    for part in parts:
        if part.section != "front":
            blocks += asts[part.key]["blocks"]
    document = {**asts["cover"], "blocks": blocks}
    with replacing(destination) as temporary:
        convert(
            json.dumps(document, ensure_ascii=False),
            "docx",
            ["--reference-doc", str(reference), f"--resource-path={project.root}"],
            outputfile=temporary,
            input_format="json",
        )
        try:
            finish_docx(temporary, review)
        except Exception as exc:  # lxml's and python-docx's own error types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ToolError(
                f"the DOCX is not valid Word XML ({first}); is the raw OpenXML a chapter holds (allow_raw) malformed?"
            ) from None


def _cover_markdown(project: Project) -> str:
    """The cover (bìa) and, after a page break, the title page (phụ bìa) with the speciality and
    the supervisor; lines whose field is empty are left out."""
    meta = {key: str(value or "") for key, value in project.config.metadata.items()}
    cover = project.profile["cover"]
    top = [
        cover["ministry"],
        meta.get("institution", "").upper(),
        meta.get("author", "").upper(),
        project.config.title.upper(),
    ]
    details = [
        f"{cover['speciality_label']}: {meta['speciality']}" if meta.get("speciality") else "",
        f"{cover['code_label']}: {meta['speciality_code']}" if meta.get("speciality_code") else "",
    ]
    bottom = [meta.get("degree", "").upper()]
    supervisor = [f"{cover['supervisor_label']}: {meta['supervisor']}" if meta.get("supervisor") else ""]
    place = [" - ".join(x for x in (meta.get("city", "").upper(), meta.get("year", "")) if x)]

    def page(lines: list[str]) -> str:
        body = "\n\n".join(f"**{escape_markdown(line)}**" for line in lines if line.strip())
        return f'::: {{custom-style="Cover"}}\n{body}\n:::\n'

    return page(top + bottom + place) + "\n" + PAGE_BREAK + "\n" + page(top + details + bottom + supervisor + place)


def _field_block(title: str, instruction: str) -> list[dict]:
    """A heading and a Word field (a table of contents) that Word and LibreOffice fill in."""
    heading = {
        "t": "Header",
        "c": [
            1,
            ["", ["unnumbered"], []],
            [{"t": "Str", "c": w} if i % 2 == 0 else {"t": "Space"} for i, w in enumerate(_spaced(title))],
        ],
    }
    field = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Cập nhật trường (F9) để hiện mục lục.</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return [heading, _raw(field)]


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
