"""Parts through pandoc, cached per part: Markdown -> Typst fragments for the PDF, Markdown ->
pandoc JSON (with the caption numbers luanan writes for Word) for the DOCX.

The cache key of a part is its Markdown, the profile, and what `luanan.pandoc.cache_key` adds
(tool versions, a hash of the code that shapes outputs), so changing one chapter converts that
chapter only."""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from luanan.errors import ToolError
from luanan.i18n import _
from luanan.pandoc import cache_key, cached, convert, load_ast, over_budget, sanitize
from luanan.pandoc import nodes as pandoc_nodes
from luanan.profiles import Profile
from luanan.render.layout import continued_cells, transform
from luanan.render.parts import Part


def profile_fingerprint(profile: Profile) -> str:
    return json.dumps(profile.data, sort_keys=True, ensure_ascii=False)


def _key(kind: str, part: Part, profile: Profile) -> str:
    confinement = json.dumps([part.base, part.own_raw, part.allow_raw])
    return cache_key(kind, part.markdown, profile_fingerprint(profile), part.chapter or "", confinement)


def part_ast(part: Part, profile: Profile, cache: Path) -> dict:
    """The part as pandoc JSON, confined, with luanan's layout for Word applied (render/layout.py)."""
    text = cached(
        cache,
        _key("json", part, profile),
        ".json",
        lambda: json.dumps(transform(confined_ast(part)[0], part, profile, "docx"), ensure_ascii=False),
    )
    return load_ast(text)


def confined_ast(part: Part) -> tuple[dict, list[str]]:
    """pandoc's reading of the part, with what the author may not put in an output taken out
    (the check stage reports it as S101/S102; this is the second lock): raw markup in a format
    thesis.yaml does not allow (luanan's own raw markup stays), and images that are not files
    inside the project, which become their caption text. Image paths come out relative to the
    project root; the list of them is returned too."""
    if over_budget(part.markdown) is not None:  # S103 stops a checked build before this
        raise ToolError(
            _("{part}: too many unclosed `[` or `<` for pandoc to read in reasonable time").format(part=part.key)
        )
    ast = load_ast(convert(part.markdown, "json", ["--sandbox"]))
    own = set(part.own_raw)
    allowed = set(part.allow_raw)
    images: list[str] = []

    def keep_raw(form: str, text: str) -> bool:
        return form.lower() in allowed or (form, text) in own

    def image(target: str) -> str | None:
        path = project_image(target, part.base, part.root)
        if path is not None:
            images.append(path)
        return path

    return sanitize(ast, keep_raw, image), images


def project_image(target: str, base: str, root: str = "") -> str | None:
    """The image file `target` names (relative to the folder `base`), relative to the project
    root; None for a web address, an absolute path, or a path leaving the project (by `..` or
    by a symlink)."""
    path = unquote(target).replace("\\", "/")
    scheme = path.split("/", 1)[0]
    if not path or path.startswith("/") or ":" in scheme or os.path.isabs(path):
        return None
    relative = posixpath.normpath(posixpath.join(base, path))
    if relative == ".." or relative.startswith(("../", "/")):
        return None
    if root:
        real, top = Path(root, relative).resolve(), Path(root).resolve()
        if real != top and top not in real.parents:
            return None
    return relative


IMAGES_LINE = "// luanan images: "


def typst_fragment(part: Part, profile: Profile, cache: Path) -> tuple[str, list[str]]:
    """The part as Typst markup, through the same confined AST with the layout for Typst applied,
    and the image files it shows (relative to the project root); on a cache hit neither pandoc
    nor the AST is touched."""

    def produce() -> str:
        ast, images = confined_ast(part)
        ast = transform(ast, part, profile, "typst")
        _split_long_paragraphs(ast)
        typst = continued_cells(convert(json.dumps(ast, ensure_ascii=False), "typst", [], input_format="json"))
        return IMAGES_LINE + json.dumps(images, ensure_ascii=False) + "\n" + typst

    text = cached(cache, _key("typst", part, profile), ".typ", produce)
    first, _newline, fragment = text.partition("\n")
    return fragment, list(json.loads(first.removeprefix(IMAGES_LINE))) if first.startswith(IMAGES_LINE) else []


# Typst lays a paragraph out in time that grows with the square of its length: one paragraph
# of 20,000 citations took minutes. Past this many inline elements (some 2,000 words, far
# beyond any real paragraph) the PDF gets the paragraph in pieces, each a paragraph of its own
# set flush left so that the text reads on; the DOCX keeps it whole.
PARAGRAPH_PIECE = 4000


def _split_long_paragraphs(ast: dict) -> None:
    for node in list(_block_lists(ast)):
        blocks = node
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if block.get("t") == "Para" and len(block["c"]) > PARAGRAPH_PIECE:
                pieces = _pieces(block["c"])
                replacement = [{"t": "Para", "c": pieces[0]}]
                for piece in pieces[1:]:
                    replacement += [
                        {"t": "RawBlock", "c": ["typst", "#[#set par(first-line-indent: 0pt)"]},
                        {"t": "Para", "c": piece},
                        {"t": "RawBlock", "c": ["typst", "]"]},
                    ]
                blocks[index : index + 1] = replacement
                index += len(replacement)
            else:
                index += 1


def _pieces(inlines: list) -> list[list]:
    pieces, start = [], 0
    while len(inlines) - start > PARAGRAPH_PIECE:
        cut = start + PARAGRAPH_PIECE
        while cut < len(inlines) and inlines[cut].get("t") != "Space":
            cut += 1
        pieces.append(inlines[start:cut])
        start = cut + 1
    pieces.append(inlines[start:])
    return [piece for piece in pieces if piece]


def _block_lists(ast: dict) -> Iterator[list]:
    """The lists of blocks in the AST: the document's, and those inside quotations, lists, divs."""
    yield ast["blocks"]
    for node in pandoc_nodes(ast):
        kind, content = node.get("t"), node.get("c") or []
        if kind in ("BlockQuote",):
            yield content
        elif kind == "Div":
            yield content[1]
        elif kind == "BulletList":
            yield from content
        elif kind == "OrderedList":
            yield from content[1]
