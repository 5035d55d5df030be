"""PDF: pandoc writes Typst with luanan's template; the typst package typesets it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from luanan.errors import ToolError
from luanan.profiles import Profile
from luanan.write.atomic import replacing
from luanan.write.pandoc import convert

# Word's "1.5 lines" is 1.5 x the font's single line height (about 1.15 em for Times-like
# faces); Typst's leading is the gap between one line's baseline and the next line's top edge.
SINGLE_LINE_EM = 1.15
LINE_BOX_EM = 0.7


def write_pdf(markdown: str, profile: Profile, title: str, language: str, cache: Path, destination: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    template = cache / "thesis-template.typ"
    template.write_text(resources.files("luanan.templates").joinpath("thesis.typ").read_text("utf-8"), "utf-8")
    typst_source = convert(markdown, "typst", ["--template", str(template), *_variables(profile, title, language)])
    source_path = cache / "thesis.typ"
    source_path.write_text(typst_source, encoding="utf-8")
    with replacing(destination) as temporary:
        _compile(source_path, temporary, root=cache)


def _variables(profile: Profile, title: str, language: str) -> list[str]:
    margins = profile["margins_cm"]
    leading = profile["line_spacing"] * SINGLE_LINE_EM - LINE_BOX_EM
    values = {
        "papersize": profile["paper"],
        "fontsize": f"{profile['font_size_pt']}pt",
        "leading": f"{leading:.3f}em",
        "indent": f"{profile['first_line_indent_cm']}cm",
        "lang": language,
        "title-plain": title.replace("\\", "").replace('"', "'"),
        **{f"margin-{side}": f"{margins[side]}cm" for side in ("top", "bottom", "left", "right")},
    }
    args = [f"--variable={key}:{value}" for key, value in values.items()]
    args += [f"--variable=mainfont:{font}" for font in profile["fonts"]]
    return args


def _compile(source: Path, output: Path, root: Path) -> None:
    import typst  # imported here: `luanan check` never needs typst

    try:
        typst.compile(str(source), output=str(output), root=str(root), format="pdf")
    except Exception as exc:  # the typst binding raises its own error types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ToolError(f"typst failed on {source}: {first}") from None
