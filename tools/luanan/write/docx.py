"""DOCX: pandoc's docx writer."""

from __future__ import annotations

from pathlib import Path

from luanan.write.atomic import replacing
from luanan.write.pandoc import convert


def write_docx(markdown: str, destination: Path) -> None:
    with replacing(destination) as temporary:
        convert(markdown, "docx", [], outputfile=temporary)
