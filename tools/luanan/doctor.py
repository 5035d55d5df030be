"""`luanan doctor`: what luanan uses on this machine, what it found, and what to do when
something is missing."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path


def report(root: Path) -> list[str]:
    lines = [f"luanan {metadata.version('luanan')}"]
    lines.append(_pandoc())
    for package, purpose in (
        ("typst", "PDF typesetting"),
        ("python-docx", "DOCX reference and reading"),
        ("bibtexparser", "BibTeX"),
        ("pypdf", "check --sources"),
    ):
        try:
            lines.append(f"ok       {package} {metadata.version(package)} ({purpose})")
        except metadata.PackageNotFoundError:
            lines.append(f"missing  {package} ({purpose}): pip install {package}")
    lines += _fonts(root)
    for program, use, fix in (
        ("xelatex", "pdf_engine: xelatex", "apt-get install texlive-xetex texlive-fonts-recommended"),
        ("soffice", "viewing the DOCX as a reviewer does", "apt-get install libreoffice-writer-nogui"),
        ("git", "luanan diff and the review copy's revision", "apt-get install git"),
    ):
        found = shutil.which(program)
        lines.append(f"ok       {program}: {found}" if found else f"absent   {program} (for {use}): {fix}")
    lines.append(_cache(root))
    return lines


def _pandoc() -> str:
    try:
        import pypandoc

        return f"ok       pandoc {pypandoc.get_pandoc_version()} ({pypandoc.get_pandoc_path()})"
    except (ImportError, OSError) as error:
        return f"missing  pandoc ({error}): pip install pypandoc-binary"


def _fonts(root: Path) -> list[str]:
    import typst

    from luanan.load.config import CONFIG_NAME
    from luanan.profiles import load_profile
    from luanan.project import load_project

    profile = load_project(root).profile if (root / CONFIG_NAME).is_file() else load_profile("moet-classic")
    return font_lines(profile["fonts"], set(typst.Fonts().families()))


TIMES_METRIC = ("Times New Roman", "Liberation Serif", "TeX Gyre Termes")


def font_lines(chain: list[str], installed: set[str]) -> list[str]:
    """One line per font of the profile's chain: found, used instead, or what to install."""
    used = next((font for font in chain if font in installed), None)
    lines = []
    for font in chain:
        if font == used:
            lines.append(f"ok       font {font} (used)")
        elif font in installed:
            lines.append(f"ok       font {font}")
        elif used in TIMES_METRIC:
            lines.append(f"absent   font {font} — {used}, with the same metrics, is used instead")
        else:
            lines.append(
                f"absent   font {font} — Times-metric output: apt-get install fonts-liberation2, "
                "or install Times New Roman"
            )
    return lines


def _cache(root: Path) -> str:
    cache = root / "build" / ".cache"
    if not cache.is_dir():
        return "cache    empty (build/.cache is made by the first build)"
    files = [p for p in cache.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    return f"cache    {len(files)} files, {size:.1f} MB in build/.cache (make clean removes it)"
