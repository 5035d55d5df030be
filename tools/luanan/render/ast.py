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
from luanan.render.parts import Part


def profile_fingerprint(profile: Profile) -> str:
    return json.dumps(profile.data, sort_keys=True, ensure_ascii=False)


def part_ast(part: Part, profile: Profile, cache: Path) -> dict:
    """The part as pandoc JSON with luanan's transforms applied."""
    key = cache_key("json", part.markdown, profile_fingerprint(profile), part.chapter or "")
    text = cached(
        cache,
        key,
        ".json",
        lambda: json.dumps(
            _transform(json.loads(convert(part.markdown, "json", [])), part, profile), ensure_ascii=False
        ),
    )
    return json.loads(text)


def _transform(ast: dict, part: Part, profile: Profile) -> dict:
    """Caption numbers for Word ("Bảng 3.1. "); Typst numbers its figures itself, the same way."""
    counters = {"Table": 0, "Figure": 0}
    for block in _walk(ast["blocks"]):
        kind = block.get("t")
        if kind in counters and part.chapter and _caption_blocks(block):
            counters[kind] += 1
            form = profile["captions"]["table" if kind == "Table" else "figure"]
            label = form.format(chapter=part.chapter, n=counters[kind]) + profile["captions"]["separator"].rstrip()
            first = _caption_blocks(block)[0]
            first["c"] = _inlines(label) + [{"t": "Space"}] + first["c"]
    return ast


def _caption_blocks(block: dict) -> list:
    caption = block["c"][1]  # Table and Figure both: [attr, caption, ...]; caption = [short, blocks]
    return [b for b in caption[1] if b.get("t") in ("Plain", "Para")]


def _inlines(text: str) -> list:
    inlines = []
    for i, word in enumerate(text.split()):
        if i:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


def _walk(blocks: list):
    """Every block, depth first (into divs, block quotes, list items)."""
    for block in blocks:
        yield block
        content = block.get("c")
        if block.get("t") in ("Div", "BlockQuote"):
            yield from _walk(content[-1] if block["t"] == "Div" else content)
        elif block.get("t") in ("BulletList", "OrderedList"):
            for item in content if block["t"] == "BulletList" else content[1]:  # OrderedList: [attrs, items]
                yield from _walk(item)


def typst_fragment(part: Part, profile: Profile, cache: Path) -> str:
    """The part as Typst markup; on a cache hit neither pandoc nor the AST is touched."""
    key = cache_key("typst", part.markdown, profile_fingerprint(profile), part.chapter or "")

    return cached(cache, key, ".typ", lambda: convert(part.markdown, "typst", []))
