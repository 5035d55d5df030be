"""Images in chapter text, `![caption](figures/a.png)`, with the file each one names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from luanan.citations.mask import mask_non_code

_IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass(frozen=True)
class Image:
    start: int  # offset of the target in the text
    end: int
    target: str  # as written


def find_images(text: str, body_start: int = 0) -> list[Image]:
    masked = " " * body_start + mask_non_code(text[body_start:])
    return [Image(m.start(1), m.end(1), text[m.start(1) : m.end(1)]) for m in _IMAGE.finditer(masked)]


def image_file(target: str, document_path: Path, root: Path) -> Path | None:
    """The file an image names, resolved against its chapter's folder; None for a URL."""
    if "://" in target or target.startswith(("data:", "//")):
        return None
    path = Path(target)
    return (path if path.is_absolute() else (root / document_path).parent / path).resolve()


def inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
