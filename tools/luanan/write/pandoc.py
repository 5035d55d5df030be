"""One door to pandoc (bundled by pypandoc-binary)."""

from __future__ import annotations

from pathlib import Path

from luanan.errors import ToolError

# Citations are luanan's business: pandoc must not read `[@key]` as its own citation syntax.
INPUT_FORMAT = "markdown-citations"


def convert(markdown: str, to: str, extra_args: list[str], outputfile: Path | None = None,
            input_format: str = INPUT_FORMAT) -> str:
    import pypandoc  # imported here: `luanan check` never needs pandoc

    try:
        return pypandoc.convert_text(
            markdown, to, format=input_format, extra_args=extra_args,
            outputfile=str(outputfile) if outputfile else None,
        )
    except (RuntimeError, OSError) as exc:
        message = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise ToolError(f"pandoc failed: {message}") from None
