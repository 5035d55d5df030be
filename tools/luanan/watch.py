"""`luanan watch`: check and rebuild the PDF on every save, keeping the Typst compiler (and its
memory of the last layout) between rebuilds.

Files are polled (stat every `interval` seconds) rather than watched through a library: a thesis
has tens of files, a stat of each costs well under a millisecond, and polling works the same on
every filesystem (network drives, WSL, containers), where inotify-based watchers do not.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from luanan.diagnostics import Diagnostic
from luanan.errors import LuananError
from luanan.i18n import _
from luanan.select import fails


def snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    """(mtime, size) of every source file: thesis.yaml, the chapters (thesis.yaml's `chapters:`
    folder), the bibliography files and bibliography/."""
    files = [root / "thesis.yaml"]
    folders = ["chapters", "bibliography"]
    try:
        from luanan.load.config import load_config

        config = load_config(root)
        folders[0] = config.chapters_dir
        files += [root / name for name in config.bibliography]
    except LuananError:
        pass  # thesis.yaml unreadable: the build says why; watch its usual places meanwhile
    for folder in folders:
        if (root / folder).is_dir():
            files.extend(p for p in (root / folder).rglob("*") if p.is_file() and p.name != "refnums.lock")
    state = {}
    for path in files:
        try:
            info = path.stat()
            state[path] = (info.st_mtime_ns, info.st_size)
        except OSError:
            continue
    return state


class ReusedCompiler:
    """One typst.Compiler for every rebuild of the same document: later compiles reuse its
    memoised layout of the parts that did not change."""

    def __init__(self):
        self._compiler = None
        self._key = None

    def __call__(self, source: Path, output: Path, root: Path, inputs: dict[str, str]) -> None:
        import typst

        key = (str(source), str(root), tuple(sorted(inputs.items())))
        if self._compiler is None or key != self._key:
            self._compiler = typst.Compiler(str(source), root=str(root), sys_inputs=inputs)
            self._key = key
        self._compiler.compile(output=str(output), format="pdf")


def watch(root: Path, interval: float, print_line: Callable[[str], None], rounds: int | None = None) -> None:
    from luanan.pipeline import run_build
    from luanan.report.text import format_report

    compiler = ReusedCompiler()
    shown: set[Diagnostic] = set()
    seen: dict = {}
    print_line(_("watching {file}, chapters/ and bibliography/ (Ctrl-C to stop)").format(file=root / "thesis.yaml"))
    while rounds is None or rounds > 0:
        current = snapshot(root)
        if current != seen:
            seen = current
            started = time.perf_counter()
            try:
                project, result = run_build(root, ("pdf",), compiler=compiler)
            except LuananError as error:
                print_line(f"luanan: {error}")
                continue
            now = set(result.check.diagnostics)
            for diagnostic in sorted(now - shown, key=lambda d: (str(d.path), d.line, d.column)):
                print_line(format_report(project.documents, [diagnostic]))
            for diagnostic in sorted(shown - now, key=lambda d: (str(d.path), d.line, d.column)):
                place = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
                print_line(_("fixed: {place} {code}").format(place=place, code=diagnostic.code))
            shown = now
            elapsed = f"{time.perf_counter() - started:.2f}"
            if fails(result.check.diagnostics):
                print_line(_("errors: the last good PDF is kept ({seconds} s)").format(seconds=elapsed))
            elif result.written:
                print_line(_("rebuilt build/thesis.pdf in {seconds} s").format(seconds=elapsed))
            else:
                print_line(_("build/thesis.pdf is up to date ({seconds} s)").format(seconds=elapsed))
            sys.stdout.flush()
        if rounds is not None:
            rounds -= 1
        time.sleep(interval)
