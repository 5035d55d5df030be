"""`luanan doctor`: what luanan uses on this machine, what it found, and what to do when
something is missing."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

from luanan.i18n import N_, _

OK, MISSING, ABSENT, CACHE = N_("ok"), N_("missing"), N_("absent"), N_("cache")


def _line(status: str, text: str) -> str:
    """`status` in a column of its own: `ok       pandoc 3.9`."""
    return f"{_(status):<8} {text}"


def report(root: Path) -> list[str]:
    lines = [f"luanan {metadata.version('luanan')}"]
    lines.append(_pandoc())
    for package, purpose in (
        ("typst", N_("PDF typesetting")),
        ("python-docx", N_("DOCX reference and reading")),
        ("bibtexparser", "BibTeX"),
        ("pypdf", "check --sources"),
    ):
        try:
            lines.append(_line(OK, f"{package} {metadata.version(package)} ({_(purpose)})"))
        except metadata.PackageNotFoundError:
            lines.append(_line(MISSING, f"{package} ({_(purpose)}): pip install {package}"))
    lines += _fonts(root)
    for program, use, fix in (
        ("xelatex", "pdf_engine: xelatex", "apt-get install texlive-xetex texlive-fonts-recommended"),
        ("soffice", N_("viewing the DOCX as a reviewer does"), "apt-get install libreoffice-writer-nogui"),
        ("git", N_("luanan diff and the review copy's revision"), "apt-get install git"),
    ):
        found = shutil.which(program)
        absent = _("{program} (for {use}): {fix}").format(program=program, use=_(use), fix=fix)
        lines.append(_line(OK, f"{program}: {found}") if found else _line(ABSENT, absent))
    lines.append(_cache(root))
    return lines


def _pandoc() -> str:
    try:
        import pypandoc

        return _line(OK, f"pandoc {pypandoc.get_pandoc_version()} ({pypandoc.get_pandoc_path()})")
    except (ImportError, OSError) as error:
        return _line(MISSING, f"pandoc ({error}): pip install pypandoc-binary")


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
            lines.append(_line(OK, _("font {font} (used)").format(font=font)))
        elif font in installed:
            lines.append(_line(OK, _("font {font}").format(font=font)))
        elif used in TIMES_METRIC:
            twin = _("font {font} — {used}, with the same metrics, is used instead")
            lines.append(_line(ABSENT, twin.format(font=font, used=used)))
        else:
            install = _(
                "font {font} — Times-metric output: apt-get install fonts-liberation2, or install Times New Roman"
            )
            lines.append(_line(ABSENT, install.format(font=font)))
    return lines


def _cache(root: Path) -> str:
    cache = root / "build" / ".cache"
    if not cache.is_dir():
        return _line(CACHE, _("empty (build/.cache is made by the first build)"))
    files = [p for p in cache.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    text = _("{count} files, {size} MB in build/.cache (make clean removes it)")
    return _line(CACHE, text.format(count=len(files), size=f"{size:.1f}"))
