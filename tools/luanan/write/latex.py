"""PDF through pandoc's LaTeX path (`pdf_engine: xelatex` in thesis.yaml), for schools or
authors who want TeX's typesetting. Needs a TeX installation with xelatex; luanan's own path
(Typst) needs none."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from luanan.errors import ToolError
from luanan.files import replacing
from luanan.i18n import _
from luanan.pandoc import convert
from luanan.project import Project
from luanan.render.ast import confined_ast
from luanan.render.parts import Part, typst_number


def write_latex_pdf(project: Project, parts: list[Part], font: str, destination: Path) -> None:
    if shutil.which("xelatex") is None:
        raise ToolError(
            _(
                "pdf_engine is xelatex, but xelatex is not installed (Debian: apt-get install "
                "texlive-xetex); remove `pdf_engine` to use luanan's built-in Typst path"
            )
        )
    profile = project.profile
    margins = profile["margins_cm"]
    geometry = ",".join(f"{side}={typst_number(margins[side])}cm" for side in ("top", "bottom", "left", "right"))
    # The same confinement as the other writers: pandoc's reading of each part, raw markup and
    # outside images taken out; profile texts go in as metadata (escaped), never as variables
    # (pasted into the LaTeX as they are).
    asts = [confined_ast(part)[0] for part in parts]
    document = {**asts[0], "blocks": [block for ast in asts for block in ast["blocks"]]} if asts else {}
    if not re.fullmatch(r"[\w .+-]+", font):
        raise ToolError(_("font name `{font}` is not a plain name").format(font=font))
    args = [
        "--pdf-engine=xelatex",
        "--toc",
        f"--toc-depth={typst_number(int(profile['toc_depth']))}",
        "-V",
        "documentclass=scrreprt",
        "-V",
        f"classoption=fontsize={typst_number(profile['font_size_pt'])}pt",
        "-V",
        f"geometry:{geometry},a4paper",
        "-V",
        f"linestretch={typst_number(profile['line_spacing'])}",
        "-V",
        f"mainfont={font}",
        "-V",
        "lang=vi",
        "-M",
        f"toc-title={profile['titles']['toc']}",
        "-M",
        f"title={project.config.title}",
        # the profile's page number at the top centre, and headings in the body font
        "-V",
        "header-includes=\\usepackage[automark]{scrlayer-scrpage}\\clearpairofpagestyles"
        "\\chead*{\\pagemark}\\pagestyle{scrheadings}\\addtokomafont{disposition}{\\rmfamily}",
    ]
    with replacing(destination, suffix=".tmp.pdf") as temporary:  # pandoc wants the .pdf ending
        convert(json.dumps(document, ensure_ascii=False), "pdf", args, outputfile=temporary, input_format="json")
