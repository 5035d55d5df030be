"""S: chapter text is data. Nothing in it may reach the typesetters as code, or make the build
read a file outside the project.

Both rules decide from pandoc's own reading of the chapter (its AST: every RawBlock and
RawInline with its format, every Image with its target), so no syntax pandoc accepts — double
backticks, a fence in a block quote or a list item, a reference-style image, a title, angle
brackets — gets past them. pandoc runs once per chapter that could hold either (a `{=` or a
`![` in it), and its reading is cached under build/.cache, the only place a check writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from luanan import pandoc
from luanan.citations.images import inside
from luanan.diagnostics import Severity
from luanan.i18n import _
from luanan.load.chapters import Document
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

_MAY_HOLD_RAW = re.compile(r"\{[ \t]*=")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _ast(context: CheckContext, document: Document) -> dict | None:
    """pandoc's reading of the document's body, or None when it can hold neither raw markup
    nor an image."""
    memo = context.shared("pandoc-ast", lambda _: [{}])[0]
    if document.path not in memo:
        body = document.body
        if (not _MAY_HOLD_RAW.search(body) and "![" not in body) or pandoc.over_budget(body) is not None:
            memo[document.path] = None  # S103 reports a text pandoc would take minutes over
        else:
            build = context.project.root / "build"
            cache = None if build.is_symlink() else build / ".cache"  # never written outside the project
            memo[document.path] = pandoc.markdown_ast(body, cache)
    return memo[document.path]


@rule("S101", "raw-output-block", Severity.ERROR, "raw Typst, LaTeX or Word markup in a chapter")
def raw_output_block(context: CheckContext) -> Iterator[Finding]:
    """A block or span marked `{=typst}`, `{=latex}`, `{=openxml}`... in any form pandoc reads
    (fenced, indented in a list or a quotation, double backticks) is passed to the typesetter
    as code: `#read("/etc/passwd")` in a `{=typst}` block would run, an OpenXML field would make
    Word fetch a web address. Chapters are data, so these are refused, unless thesis.yaml names
    the format under `allow_raw` (`allow_raw: [typst]`) for a thesis whose author wants exactly
    that. Front matter is data too and is never read as markup."""
    allowed = set(context.project.config.allow_raw)
    for document in context.project.documents:
        ast = _ast(context, document)
        if ast is None:
            continue
        cursor = document.body_start
        for form, _node in pandoc.raw_nodes(ast):
            if form.lower() in allowed:
                continue
            found = re.compile(r"\{[ \t]*=" + re.escape(form) + r"[ \t]*\}").search(document.source.text, cursor)
            start, end = (found.start(), found.end()) if found else (document.body_start, document.body_start)
            cursor = end if found else cursor
            yield Finding(
                document,
                start,
                end,
                _("raw `{markup}` markup is not allowed in chapters").format(markup=f"{{={form}}}"),
                _("write it as text, or allow it in thesis.yaml: allow_raw: [{form}]").format(form=form),
            )


def _images(context: CheckContext, document: Document) -> Iterator[tuple[int, int, str, Path | None]]:
    """(start, end, target as pandoc read it, the file it names or None for a web address)."""
    ast = _ast(context, document)
    if ast is None:
        return
    root = context.project.root
    cursor = document.body_start
    text = document.source.text
    for target in pandoc.image_targets(ast):
        name = unquote(target)
        where = next((i for i in (text.find(target, cursor), text.find(name, cursor)) if i >= 0), -1)
        start, end = (
            (where, where + len(target if text.startswith(target, where) else name))
            if where >= 0
            else (
                document.body_start,
                document.body_start,
            )
        )
        cursor = end if where >= 0 else cursor
        if _SCHEME.match(name) or name.startswith("//"):
            yield start, end, target, None
            continue
        path = Path(name)
        yield start, end, target, (path if path.is_absolute() else root / document.path.parent / path).resolve()


@rule("S102", "image-outside-project", Severity.ERROR, "image from outside the project or the web")
def image_outside_project(context: CheckContext) -> Iterator[Finding]:
    """An image must be a file inside the thesis folder (chapters/figures/...), in any syntax
    pandoc reads (`![x](a.png)`, `![x][ref]` with `[ref]: a.png`, a title, angle brackets). A
    path outside it (`/etc/passwd`, `../../secret.png`, a symlink out) or a web address would
    make the build read something that is not part of the thesis, or fetch from the network."""
    root = context.project.root
    for document in context.project.documents:
        for start, end, target, path in _images(context, document):
            if path is None or not inside(path, root):
                yield Finding(
                    document,
                    start,
                    end,
                    (
                        _("image `{target}` is from the web")
                        if path is None
                        else _("image `{target}` is outside the project")
                    ).format(target=target),
                    _("copy the file into the project, e.g. chapters/figures/, and link it from there"),
                )


@rule("X102", "missing-image", Severity.ERROR, "image file that does not exist")
def missing_image(context: CheckContext) -> Iterator[Finding]:
    """`![Hình 2.1](figures/a.png)` names a file that is not there (paths are relative to the
    chapter's folder)."""
    root = context.project.root
    for document in context.project.documents:
        for start, end, target, path in _images(context, document):
            if path is not None and inside(path, root) and not path.is_file():
                yield Finding(
                    document,
                    start,
                    end,
                    _("image `{target}` does not exist").format(target=unquote(target)),
                    _("looked for {path}").format(path=path.relative_to(root)),
                )


@rule("S103", "too-costly-for-pandoc", Severity.ERROR, "a paragraph pandoc would take minutes to read")
def too_costly(context: CheckContext) -> Iterator[Finding]:
    """pandoc reads an unclosed `[` or `<` by trying it against the rest of its paragraph, so
    thousands of them in one paragraph (a pasted table of brackets, a damaged export) take it
    minutes, or hours, and as much memory: 2,000 unclosed `![` take 106 s. Such a chapter is
    refused before pandoc sees it; close the brackets, or split the paragraph."""
    for document in context.project.documents:
        at = pandoc.over_budget(document.body)
        if at is not None:
            start = document.body_start + at
            while start < len(document.source.text) and document.source.text[start] == "\n":
                start += 1
            yield Finding(
                document,
                start,
                start,
                _("this paragraph holds too many unclosed `[` or `<` for pandoc to read in reasonable time"),
                _("close the brackets, escape them (\\[, \\<), or split the paragraph"),
            )
