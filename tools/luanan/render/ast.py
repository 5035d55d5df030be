"""Parts through pandoc, cached per part: Markdown -> Typst fragments for the PDF, Markdown ->
pandoc JSON (with the caption numbers luanan writes for Word) for the DOCX.

The cache key of a part is its Markdown, the profile, and what `luanan.pandoc.cache_key` adds
(tool versions, a hash of the code that shapes outputs), so changing one chapter converts that
chapter only."""

from __future__ import annotations

import json
from pathlib import Path

from luanan.pandoc import cache_key, cached, convert
from luanan.profiles import Profile
from luanan.render.layout import continued_cells, transform
from luanan.render.parts import Part


def profile_fingerprint(profile: Profile) -> str:
    return json.dumps(profile.data, sort_keys=True, ensure_ascii=False)


def part_ast(part: Part, profile: Profile, cache: Path) -> dict:
    """The part as pandoc JSON with luanan's layout for Word applied (render/layout.py)."""
    key = cache_key("json", part.markdown, profile_fingerprint(profile), part.chapter or "")
    text = cached(cache, key, ".json", lambda: json.dumps(_transformed(part, profile, "docx"), ensure_ascii=False))
    return json.loads(text)


def _transformed(part: Part, profile: Profile, target: str) -> dict:
    return transform(json.loads(convert(part.markdown, "json", [])), part, profile, target)


def typst_fragment(part: Part, profile: Profile, cache: Path) -> str:
    """The part as Typst markup, through the same AST with the layout for Typst applied; on a
    cache hit neither pandoc nor the AST is touched."""
    key = cache_key("typst", part.markdown, profile_fingerprint(profile), part.chapter or "")

    def produce() -> str:
        ast = json.dumps(_transformed(part, profile, "typst"), ensure_ascii=False)
        return continued_cells(convert(ast, "typst", [], input_format="json"))

    return cached(cache, key, ".typ", produce)
