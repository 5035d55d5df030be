"""One door to pandoc (bundled by pypandoc-binary), and the cache of its conversions.

A cached conversion is keyed by its input, the versions of pandoc and luanan, and a hash of the
code and data that shape the output (the render and write stages, the templates, the profiles):
changing any of them, by an upgrade or an edit, converts again. A build touches the entries it
uses and then removes the ones of its kind it did not use."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from luanan import __version__
from luanan.errors import ToolError

# Citations are luanan's business: pandoc must not read `[@key]` as its own citation syntax.
# Chapter text is data: a LaTeX command (`\input{/etc/passwd}`) or an HTML tag in it stays
# literal text.
INPUT_FORMAT = "markdown-citations-raw_tex-raw_html"


def convert_file(path: Path, to: str, input_format: str, extra_args: list[str]) -> str:
    """A file in another format (a DOCX being imported) read by pandoc."""
    import pypandoc

    try:
        return pypandoc.convert_file(str(path), to, format=input_format, extra_args=extra_args)
    except (RuntimeError, OSError) as exc:
        error = ToolError(f"pandoc failed: {_first_error(str(exc))}")
        error.detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise error from None


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


# What shapes a conversion besides its input: these folders and files of the package.
_SHAPING = ("render", "write", "templates", "profiles", "pandoc.py")


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code and data that shape the outputs, and of the tool versions."""
    return fingerprint(Path(__file__).parent)


def fingerprint(package: Path) -> str:
    """A hash of the shaping files of the package in `package`, and of the tool versions."""
    from importlib import metadata  # slow to import; only a build needs it

    digest = hashlib.sha256(f"luanan {__version__}; pypandoc-binary {metadata.version('pypandoc-binary')}".encode())
    for name in _SHAPING:
        path = package / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in (".py", ".typ", ".yaml"):
                digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def cache_key(*pieces: str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for piece in pieces:
        digest.update(b"\0" + piece.encode("utf-8"))
    return digest.hexdigest()[:32]


def cached(cache: Path, key: str, suffix: str, produce) -> str:
    """The cached text for `key`, or `produce()` stored under it."""
    from luanan.progress import current

    path = cache / f"{key}{suffix}"
    hit = path.exists()
    current().cache(f"{key}{suffix}", hit)
    if hit:
        os.utime(path)  # used by this build: kept by `prune`
        return path.read_text(encoding="utf-8")
    text = produce()
    cache.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return text


def prune(cache: Path, suffix: str, since: float) -> int:
    """Remove the `suffix` entries the build that started at `since` did not use."""
    removed = 0
    for path in cache.glob(f"*{suffix}"):
        if len(path.stem) == 32 and path.stat().st_mtime < since:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def started(cache: Path, kind: str) -> float:
    """The time, on the cache's own file clock, that every entry a build of `kind` uses from
    now on is no older than."""
    cache.mkdir(parents=True, exist_ok=True)
    marker = cache / f".started-{kind}"
    marker.touch()
    os.utime(marker)
    return marker.stat().st_mtime
