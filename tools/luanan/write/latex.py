"""PDF through pandoc's LaTeX path (`pdf_engine: xelatex` in thesis.yaml), for schools or
authors who want TeX's typesetting. Needs a TeX installation with xelatex; luanan's own path
(Typst) needs none."""

from __future__ import annotations

import shutil
from pathlib import Path

from luanan.errors import ToolError
from luanan.files import replacing
from luanan.pandoc import convert
from luanan.project import Project
from luanan.render.parts import Part


def write_latex_pdf(project: Project, parts: list[Part], font: str, destination: Path) -> None:
    if shutil.which("xelatex") is None:
        raise ToolError(
            "pdf_engine is xelatex, but xelatex is not installed (Debian: apt-get install "
            "texlive-xetex); remove `pdf_engine` to use luanan's built-in Typst path"
        )
    profile = project.profile
    margins = profile["margins_cm"]
    geometry = ",".join(f"{side}={margins[side]}cm" for side in ("top", "bottom", "left", "right"))
    markdown = "\n\n".join(part.markdown for part in parts)
    args = [
        "--pdf-engine=xelatex",
        "--toc",
        f"--toc-depth={profile['toc_depth']}",
        "-V",
        "documentclass=scrreprt",
        "-V",
        f"classoption=fontsize={profile['font_size_pt']}pt",
        "-V",
        f"geometry:{geometry},a4paper",
        "-V",
        f"linestretch={profile['line_spacing']}",
        "-V",
        f"mainfont={font}",
        "-V",
        "lang=vi",
        "-V",
        f"toc-title={profile['titles']['toc']}",
        "-M",
        f"title={project.config.title}",
        # the profile's page number at the top centre, and headings in the body font
        "-V",
        "header-includes=\\usepackage[automark]{scrlayer-scrpage}\\clearpairofpagestyles"
        "\\chead*{\\pagemark}\\pagestyle{scrheadings}\\addtokomafont{disposition}{\\rmfamily}",
    ]
    with replacing(destination, suffix=".tmp.pdf") as temporary:  # pandoc wants the .pdf ending
        convert(markdown, "pdf", args, outputfile=temporary)
