"""PDF: each part through pandoc to a Typst fragment (cached), one Typst document that includes
them under luanan's template, typeset by the typst package."""

from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from luanan.errors import ToolError
from luanan.files import replacing
from luanan.i18n import _
from luanan.pandoc import cache_key
from luanan.profiles import Profile
from luanan.project import Project
from luanan.render.ast import typst_fragment
from luanan.render.parts import Part, supervisors, typst_number, typst_string

# Word's "1.5 lines" is 1.5 x the font's single line height (about 1.15 em for Times-like
# faces); Typst's leading is the gap between one line's baseline and the next line's top edge.
SINGLE_LINE_EM = 1.15
LINE_BOX_EM = 0.7
METADATA = (
    "title",
    "subtitle",
    "author",
    "institution",
    "degree",
    "speciality",
    "speciality_code",
    "supervisor",
    "city",
    "year",
)


@dataclass(frozen=True)
class PdfReport:
    font: str  # the first font of the profile's chain that is installed
    missing: tuple[str, ...]  # the profile's fonts before it that are not
    unchanged: bool = False  # the PDF on disk was already this one; nothing was written


def write_pdf(
    project: Project,
    parts: list[Part],
    cache: Path,
    destination: Path,
    compiler=None,
    current: Path | None = None,
    draft: bool = False,
) -> PdfReport:
    """`compiler(source, output, root, inputs)` typesets; by default a fresh typst compile.
    `current`: where the PDF in use is, when `destination` is a staging place."""
    profile = project.profile
    with ThreadPoolExecutor(max_workers=2) as pool:  # pandoc runs are separate processes
        results = list(pool.map(lambda part: typst_fragment(part, profile, cache), parts))
    fragments = [fragment for fragment, _ in results]
    parts = [replace(part, images=tuple(images)) for part, (_, images) in zip(parts, results)]
    names = []
    for part, fragment in zip(parts, fragments):
        name = f"part-{part.key.replace(':', '-').replace('/', '-')}.typ"
        _write_if_changed(cache / name, '#import "luanan.typ": *\n' + fragment)
        names.append(name)
    for part in parts:  # Typst reads files only inside its root, the cache folder
        for image in part.images:
            target = cache / image
            if not (project.root / image).is_file():
                continue  # a missing image is X102's; Typst says which when it is shown
            if not target.exists() or target.stat().st_mtime < (project.root / image).stat().st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(project.root / image, target)
    report = choose_font(profile)
    (cache / "luanan.typ").write_text(
        resources.files("luanan.templates").joinpath("luanan.typ").read_text("utf-8"), encoding="utf-8"
    )
    main = _main_document(project, parts, names, fragments, report)
    (cache / "thesis.typ").write_text(main, encoding="utf-8")
    inputs = {key: str(project.config.metadata.get(key) or "") for key in METADATA}
    inputs["title"] = project.config.title
    keywords = project.config.metadata.get("keywords") or []
    inputs["keywords"] = "\n".join([keywords] if isinstance(keywords, str) else [str(k) for k in keywords])
    inputs["draft"] = str(profile["titles"]["draft"]) if draft else ""
    inputs["continued"] = str(profile["captions"]["continued"])
    inputs["supervisor"] = "\n".join(supervisors(project.config.metadata))  # one line each
    # Same Typst sources, same metadata: the PDF on disk is already this one (a touched file).
    sources = [(cache / name).read_text(encoding="utf-8") for name in ("luanan.typ", "thesis.typ", *names)]
    standard = project.config.pdf_standard
    key = cache_key(*sources, json.dumps(inputs, sort_keys=True), standard)
    stamp = cache / f"{destination.name}.key"
    # The stamp names the PDF it was made for too: a PDF staged but never moved into place
    # (the DOCX failed) does not make the one in use look up to date.
    in_use = current or destination
    if in_use.is_file() and stamp.exists() and stamp.read_text(encoding="utf-8") == f"{key} {_digest(in_use)}":
        return replace(report, unchanged=True)
    with replacing(destination) as temporary:
        try:
            if compiler is None:
                _compile(cache / "thesis.typ", temporary, cache, inputs, standard)
            else:  # `luanan watch`'s compiler kept in memory: a preview, plain PDF
                compiler(cache / "thesis.typ", temporary, cache, inputs)
        except Exception as exc:  # the typst binding raises its own error types
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ToolError(
                _("typst failed on {file}: {error}").format(file=cache / "thesis.typ", error=first)
            ) from None
    stamp.write_text(f"{key} {_digest(destination)}", encoding="utf-8")
    return report


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def choose_font(profile: Profile) -> PdfReport:
    import typst

    families = set(typst.Fonts().families())
    chain = profile["fonts"]
    found = next((font for font in chain if font in families), None)
    if found is None:
        return PdfReport("Libertinus Serif", tuple(chain))
    return PdfReport(found, tuple(chain[: chain.index(found)]))


def _main_document(project: Project, parts, names, fragments, report: PdfReport) -> str:
    profile = project.profile
    titles = profile["titles"]
    lines = [
        '#import "luanan.typ": *',
        f"#let s = {_settings(profile, report)}",
        "#show: thesis.with(s)",
        "#cover-pages(s)",
        '#set page(numbering: "i")',
        "#counter(page).update(1)",
    ]
    front = [(p, n) for p, n in zip(parts, names) if p.section == "front"]
    lines += [f"#include {typst_string(n)}" for p, n in front if p.key != "abbreviations"]
    lines.append(f"#contents({typst_string(titles['toc'])}, {typst_number(int(profile['toc_depth']))})")
    lines += [f"#include {typst_string(n)}" for p, n in front if p.key == "abbreviations"]
    sep = typst_string(profile["captions"]["separator"])
    # captioned tables only: the abbreviation list is a table without a caption, never listed
    if any(_CAPTIONED_TABLE.search(fragment) for fragment in fragments):
        lines.append(f"#list-of({typst_string(titles['tables'])}, table, separator: {sep})")
    kinds = profile["captions"].get("figure_kinds") or []
    scoped = {
        k["class"]: sum(f.count(f"set figure(kind: {typst_string(k['class'])}") for f in fragments) for k in kinds
    }
    if sum(f.count("#figure(image(") for f in fragments) > sum(scoped.values()):
        lines.append(f"#list-of({typst_string(titles['figures'])}, image, separator: {sep})")
    for kind in kinds:
        if scoped[kind["class"]]:
            lines.append(f"#list-of({typst_string(kind['list'])}, {typst_string(kind['class'])}, separator: {sep})")
    lines += ["#pagebreak(weak: true)", '#set page(numbering: "1")', "#counter(page).update(1)"]
    lines += [f"#include {typst_string(n)}" for p, n in zip(parts, names) if p.section != "front"]
    return "\n".join(lines) + "\n"


def _settings(profile: Profile, report: PdfReport) -> str:
    margins = profile["margins_cm"]
    heading = profile["heading"]
    cover = profile["cover"]
    leading = float(typst_number(profile["line_spacing"])) * SINGLE_LINE_EM - LINE_BOX_EM
    fonts = [report.font] + [f for f in profile["fonts"] if f != report.font and f not in report.missing]
    values = {
        "paper": typst_string(profile["paper"]),
        "margin": "("
        + ", ".join(f"{side}: {typst_number(margins[side])}cm" for side in ("top", "bottom", "left", "right"))
        + ")",
        "fonts": "(" + ", ".join(typst_string(f) for f in fonts) + ",)",
        "size": f"{typst_number(profile['font_size_pt'])}pt",
        "leading": f"{leading:.3f}em",
        "spacing": f"{max(leading, 0.2):.3f}em + {typst_number(profile['paragraph_spacing_pt'])}pt",
        "indent": f"{typst_number(profile['first_line_indent_cm'])}cm",
        "justify": "true" if profile["justify"] else "false",
        "heading-sizes": "(" + ", ".join(f"{typst_number(size)}pt" for size in heading["sizes_pt"]) + ",)",
        "heading-italic": "(" + ", ".join("true" if i else "false" for i in heading["italic"]) + ",)",
        "table-supplement": typst_string(profile["captions"]["table"].split("{")[0].strip()),
        "figure-supplement": typst_string(profile["captions"]["figure"].split("{")[0].strip()),
        "caption-separator": typst_string(profile["captions"]["separator"]),
        "table-caption": "top" if profile["captions"]["table_position"] == "above" else "bottom",
        "figure-caption": "top" if profile["captions"]["figure_position"] == "above" else "bottom",
        "caption-bold": "true" if profile["captions"]["bold"] else "false",
        "equation-open": typst_string(profile["captions"]["equation"].split("{")[0]),
        "equation-close": typst_string(profile["captions"]["equation"].rsplit("}", 1)[-1]),
        "figure-kinds": "("
        + "".join(f"({typst_string(k['class'])}, {typst_string(k['name'])}), " for k in kinds_of(profile))
        + ")",
        "ministry": typst_string(cover["ministry"]),
        "supervisor-label": typst_string(cover["supervisor_label"]),
        "speciality-label": typst_string(cover["speciality_label"]),
        "code-label": typst_string(cover["code_label"]),
    }
    return "(" + ", ".join(f"{key}: {value}" for key, value in values.items()) + ")"


_CAPTIONED_TABLE = re.compile(r"\n\s*, caption: \[(?:.|\n)*?\]\n\s*, kind: table")


def kinds_of(profile: Profile) -> list[dict]:
    return list(profile["captions"].get("figure_kinds") or [])


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


_TYPESET = """
import json, sys
import typst
source, output, root, inputs, standard = json.loads(sys.stdin.read())
try:
    typst.compile(source, output=output, root=root, format="pdf", sys_inputs=inputs,
                  pdf_standards=[standard] if standard else None)
except Exception as exc:
    sys.stderr.write(str(exc).strip() or type(exc).__name__)
    sys.exit(1)
"""
TYPESET_TIMEOUT = 1800.0  # seconds


def _compile(source: Path, output: Path, root: Path, inputs: dict[str, str], standard: str = "") -> None:
    """Typeset in a child process: Typst holds the interpreter for the whole compile, so in
    this process SIGTERM and Ctrl-C would wait for it; the child is killed at once instead.
    `standard` ("a-2b"): Typst writes that PDF/A (fonts embedded, XMP metadata) or fails saying
    what stands in the way."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", _TYPESET], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _out, err = process.communicate(
            json.dumps([str(source), str(output), str(root), inputs, standard]).encode(), TYPESET_TIMEOUT
        )
    except BaseException:  # Ctrl-C, SIGTERM, the time limit: Typst goes too
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        raise RuntimeError(err.decode("utf-8", errors="replace") or f"typst exited with {process.returncode}")
