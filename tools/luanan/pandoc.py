"""One door to pandoc (bundled by pypandoc-binary), and the cache of its conversions.

A cached conversion is keyed by its input, the versions of pandoc and luanan, and a hash of the
code and data that shape the output (the render and write stages, the templates, the profiles):
changing any of them, by an upgrade or an edit, converts again. A build touches the entries it
uses and then removes the ones of its kind it did not use."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from luanan import __version__
from luanan.errors import ToolError
from luanan.i18n import _

# Citations are luanan's business: pandoc must not read `[@key]` as its own citation syntax.
# Chapter text is data: a LaTeX command (`\input{/etc/passwd}`) or an HTML tag in it stays
# literal text.
INPUT_FORMAT = "markdown-citations-raw_tex-raw_html"


# pandoc runs with its own limits: a heap cap (a hostile input of thousands of nested tables
# fails with a message instead of taking the machine's memory) and a time limit.
PANDOC_HEAP = "1500m"
PANDOC_TIMEOUT = 300.0  # seconds


def _run(args: list[str], stdin: bytes | None, timeout: float | None = None) -> bytes:
    """pandoc `args`, killed on a timeout, Ctrl-C or SIGTERM; its stdout, or a ToolError."""
    import subprocess

    import pypandoc

    command = [pypandoc.get_pandoc_path(), "+RTS", f"-M{PANDOC_HEAP}", "-RTS", *args]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(stdin, timeout=timeout or PANDOC_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise ToolError(
            _("pandoc took longer than {seconds} s and was stopped").format(seconds=int(timeout or PANDOC_TIMEOUT))
        ) from None
    except BaseException:  # Ctrl-C, SIGTERM: pandoc goes too
        process.kill()
        process.wait()
        raise
    if process.returncode != 0:
        text = err.decode("utf-8", errors="replace")
        if "heap overflow" in text or process.returncode == 251:
            raise ToolError(_("pandoc ran out of memory: the input is nested too deeply or too large"))
        error = ToolError(_("pandoc failed: {error}").format(error=_first_error(text)))
        error.detail = text.strip().splitlines()[-1] if text.strip() else f"exit code {process.returncode}"
        raise error
    return out


def convert_file(path: Path, to: str, input_format: str, extra_args: list[str]) -> str:
    """A file in another format (a DOCX being imported) read by pandoc."""
    return _run([f"--from={input_format}", f"--to={to}", *extra_args, "--", str(path)], None).decode("utf-8")


def convert(
    markdown: str, to: str, extra_args: list[str], outputfile: Path | None = None, input_format: str = INPUT_FORMAT
) -> str:
    args = [f"--from={input_format}", f"--to={to}", *extra_args]
    if outputfile is not None:
        args.append(f"--output={outputfile}")
    return _run(args, markdown.encode("utf-8")).decode("utf-8")


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
    from luanan.files import write_text

    write_text(path, text)  # a unique temporary: two builds, or two threads, never share one
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
    marker.touch()  # sets the time of an existing marker too
    return marker.stat().st_mtime


# The pandoc AST (pandoc JSON): what pandoc itself read, whatever the syntax. Raw markup and
# images are decided from it, never from regexes over the text.
RAW = ("RawBlock", "RawInline")


def load_ast(text: str, where: str = "pandoc output") -> dict:
    try:
        return json.loads(text)
    except RecursionError:
        raise ToolError(_("{what} is nested too deeply to read").format(what=where)) from None


def nodes(ast) -> Iterator[dict]:
    """Every node (a dict with "t") of a pandoc AST, depth first, without recursion."""
    stack = [ast]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if "t" in value:
                yield value
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))


def raw_nodes(ast) -> list[tuple[str, str]]:
    """(format, text) of every raw block and span."""
    return [(node["c"][0], node["c"][1]) for node in nodes(ast) if node["t"] in RAW]


def image_targets(ast) -> list[str]:
    return [node["c"][2][0] for node in nodes(ast) if node["t"] == "Image"]


def sanitize(ast, keep_raw: Callable[[str, str], bool], image_target: Callable[[str], str | None]) -> dict:
    """The AST with the raw nodes `keep_raw(format, text)` refuses dropped, and each image's
    target replaced by `image_target(target)`; an image it refuses (None) becomes its caption
    text. In place; returned for convenience."""
    stack = [ast]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            kept = []
            for item in value:
                if isinstance(item, dict) and item.get("t") in RAW and not keep_raw(item["c"][0], item["c"][1]):
                    continue
                if isinstance(item, dict) and item.get("t") == "Image":
                    target = image_target(item["c"][2][0])
                    if target is None:
                        item = {"t": "Span", "c": [["", [], []], item["c"][1]]}
                    else:
                        item["c"][2][0] = target
                kept.append(item)
                stack.append(item)
            value[:] = kept
    return ast


def markdown_ast(markdown: str, cache: Path | None) -> dict:
    """Pandoc's reading of a chapter, cached under `cache` when it can be written (a check
    writes nothing else; a read-only build folder only costs the cache)."""
    key = cache_key("ast", markdown)
    path = cache / f"{key}.ast.json" if cache is not None else None
    if path is not None and path.is_file():
        try:
            return load_ast(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    text = convert(markdown, "json", ["--sandbox"])
    if path is not None:
        from luanan.files import write_text

        try:
            write_text(path, text)
        except OSError:
            pass
    return load_ast(text)


# pandoc reads an unclosed `[` (a link or an image that never ends) or `<` (an autolink) by
# trying it against the rest of its paragraph, so its time grows with the square of their
# number: 800 unclosed `![` in one paragraph take it 12 s, 2,000 take 106 s. Before pandoc sees
# a text, `reading_cost` adds up, in one pass, how far each such attempt would scan; a text
# over the budget is refused with the line of its costliest paragraph.
READING_BUDGET = 300_000  # characters scanned, plus READING_PER_CHARACTER per character
READING_PER_CHARACTER = 4
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


def reading_cost(text: str) -> tuple[int, int]:
    """(the total cost of the text, the offset of its costliest paragraph)."""
    total, worst, worst_at, start = 0, -1, 0, 0
    for end in [m.start() for m in _PARAGRAPHS.finditer(text)] + [len(text)]:
        cost = _paragraph_cost(text, start, end)
        total += cost
        if cost > worst:
            worst, worst_at = cost, start
        start = end
    return total, worst_at


def _paragraph_cost(text: str, start: int, end: int) -> int:
    cost = 0
    if "[" in text[start:end]:
        opened: list[int] = []
        for match in _BRACKETS.finditer(text, start, end):
            if match.group() == "[":
                opened.append(match.start())
            elif opened:
                cost += match.start() - opened.pop()
        cost += sum(end - position for position in opened)
    if "<" in text[start:end]:
        next_close = end
        for match in reversed(list(_ANGLES.finditer(text, start, end))):
            if match.group() == ">":
                next_close = match.start()
            else:
                cost += next_close - match.start()
    return cost


_BRACKETS = re.compile(r"[\[\]]")
_ANGLES = re.compile(r"[<>]")


def over_budget(text: str) -> int | None:
    """The offset of the paragraph to blame when pandoc would take too long over `text`."""
    cost, at = reading_cost(text)
    return at if cost > READING_BUDGET + READING_PER_CHARACTER * len(text) else None
