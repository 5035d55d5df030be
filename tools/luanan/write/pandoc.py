"""One door to pandoc (bundled by pypandoc-binary)."""

from __future__ import annotations

from pathlib import Path

from luanan.errors import ToolError

# Citations are luanan's business: pandoc must not read `[@key]` as its own citation syntax.
# Chapter text is data: a LaTeX command (`\input{/etc/passwd}`) or an HTML tag in it stays
# literal text.
INPUT_FORMAT = "markdown-citations-raw_tex-raw_html"


def convert(
    markdown: str, to: str, extra_args: list[str], outputfile: Path | None = None, input_format: str = INPUT_FORMAT
) -> str:
    import pypandoc  # imported here: `luanan check` never needs pandoc

    try:
        return pypandoc.convert_text(
            markdown,
            to,
            format=input_format,
            extra_args=extra_args,
            outputfile=str(outputfile) if outputfile else None,
        )
    except (RuntimeError, OSError) as exc:
        raise ToolError(f"pandoc failed: {_first_error(str(exc))}") from None


def _first_error(text: str) -> str:
    """The line that says what went wrong (a LaTeX `!` line, or one naming an error)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("!") or "error" in line.lower():
            return line
    return lines[0] if lines else "unknown error"
