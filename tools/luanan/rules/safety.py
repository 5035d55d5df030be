"""S: chapter text is data. Nothing in it may reach the typesetters as code, or make the build
read a file outside the project."""

from __future__ import annotations

import re
from collections.abc import Iterator

from luanan.citations.images import find_images, image_file, inside
from luanan.citations.mask import mask_non_code
from luanan.diagnostics import Severity
from luanan.rules.base import CheckContext, Finding
from luanan.rules.registry import rule

_RAW_BLOCK = re.compile(r"^[ ]{0,3}(?:`{3,}|~{3,})[ \t]*\{=([\w-]+)\}", re.M)
_RAW_INLINE = re.compile(r"`[^`\n]+`\{=([\w-]+)\}")


@rule("S101", "raw-output-block", Severity.ERROR, "raw Typst, LaTeX or Word markup in a chapter")
def raw_output_block(context: CheckContext) -> Iterator[Finding]:
    """A fenced block or inline span marked `{=typst}`, `{=latex}`, `{=openxml}`... is passed to
    the typesetter as code: `#read("/etc/passwd")` in a `{=typst}` block would run. Chapters are
    data, so these are refused, unless thesis.yaml names the format under `allow_raw`
    (`allow_raw: [typst]`) for a thesis whose author wants exactly that."""
    allowed = set(context.project.config.allow_raw)
    for document in context.project.documents:
        text, start = document.source.text, document.body_start
        body = text[start:]
        for pattern, masked in ((_RAW_BLOCK, body), (_RAW_INLINE, mask_non_code(body, spans=False))):
            for match in pattern.finditer(masked):
                if match.group(1).lower() not in allowed:
                    yield Finding(
                        document,
                        start + match.start(),
                        start + match.end(),
                        f"raw `{{={match.group(1)}}}` markup is not allowed in chapters",
                        f"write it as text, or allow it in thesis.yaml: allow_raw: [{match.group(1)}]",
                    )


@rule("S102", "image-outside-project", Severity.ERROR, "image from outside the project or the web")
def image_outside_project(context: CheckContext) -> Iterator[Finding]:
    """An image must be a file inside the thesis folder (chapters/figures/...). A path outside it
    (`/etc/passwd`, `../../secret.png`) or a web address would make the build read something
    that is not part of the thesis, or fetch from the network."""
    root = context.project.root
    for document in context.project.documents:
        for image in find_images(document.source.text, document.body_start):
            path = image_file(image.target, document.path, root)
            if path is None or not inside(path, root):
                where = "from the web" if path is None else "outside the project"
                yield Finding(
                    document,
                    image.start,
                    image.end,
                    f"image `{image.target}` is {where}",
                    "copy the file into the project, e.g. chapters/figures/, and link it from there",
                )


@rule("X102", "missing-image", Severity.ERROR, "image file that does not exist")
def missing_image(context: CheckContext) -> Iterator[Finding]:
    """`![Hình 2.1](figures/a.png)` names a file that is not there (paths are relative to the
    chapter's folder)."""
    root = context.project.root
    for document in context.project.documents:
        for image in find_images(document.source.text, document.body_start):
            path = image_file(image.target, document.path, root)
            if path is not None and inside(path, root) and not path.is_file():
                yield Finding(
                    document,
                    image.start,
                    image.end,
                    f"image `{image.target}` does not exist",
                    f"looked for {path.relative_to(root)}",
                )
