"""Benchmark `luanan check` on synthetic projects, next to a peer tool.

    python tools/bench.py [--runs 5] [--scales 1,3,10]

Generates the projects with tools/synthesize.py into a temporary folder, then times whole
processes, as a user would meet them: one warm-up run, then `--runs` measured runs; wall time
with time.perf_counter, peak resident memory of the child from os.wait4. Measured:

- `luanan check` (this Python, `-m luanan`) at each scale; scale 1 is always measured, being
  the base of every ratio;
- `pandoc --citeproc -t plain` on the key twin at scale 1 (the five chapters, the twin's .bib,
  output to /dev/null), with the pandoc binary that pypandoc bundles, else the one on PATH.
  A missing peer is skipped with a note.

Also times `luanan build pdf` cold (no cache) and warm (one chapter changed), `luanan build
docx`, and the PDF peers `pandoc --toc --pdf-engine=xelatex|typst` on the twin where installed.

Prints a table and whether the 0.3 s target for `luanan check` at scale 1 is met, and writes
every figure to build/bench.json with the date, the Python and pandoc versions and the CPU count.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthesize import generate

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "build" / "bench.json"
TARGET_SECONDS = 0.3  # luanan check at scale 1
CHECK = "luanan check"
PANDOC = "pandoc --citeproc -t plain"
BUILD_COLD = "luanan build pdf, cold"
BUILD_WARM = "luanan build pdf, warm"  # one chapter's text changed
BUILD_TOUCHED = "luanan build pdf, touched"  # one chapter saved again, text unchanged
BUILD_DOCX = "luanan build docx"
PANDOC_XELATEX = "pandoc --pdf-engine=xelatex"
PANDOC_TYPST = "pandoc --pdf-engine=typst"


class BenchError(Exception):
    """A measured command failed: its figures would mean nothing."""


@dataclass
class Row:
    name: str
    scale: float
    project: str  # "numeric" or "key twin"
    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    note: str = ""  # why the row was skipped

    @property
    def skipped(self) -> bool:
        return not self.times

    def figures(self) -> dict:
        if self.skipped:
            return {}
        return {"median": statistics.median(self.times), "min": min(self.times), "max": max(self.times)}


# --- measuring -------------------------------------------------------------------------------


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of `command`; BenchError if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchError(_failure(command, cwd, process.returncode))
    return seconds, _megabytes(usage.ru_maxrss)


def _megabytes(maxrss: int) -> float:
    """ru_maxrss is in kilobytes on Linux, in bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _failure(command: list[str], cwd: Path, code: int) -> str:
    """The message for a failed run, with the end of its output (run again to capture it)."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, errors="replace")
    tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-10:])
    return f"`{' '.join(command)}` exited with {code}:\n{tail}"


def measure(row: Row, command: list[str], cwd: Path, runs: int, before=None) -> Row:
    """One warm-up run, then `runs` measured ones; `before()` (untimed) prepares each run."""
    if before:
        before()
    run_once(command, cwd)
    peaks = []
    for _ in range(runs):
        if before:
            before()
        seconds, peak = run_once(command, cwd)
        row.times.append(seconds)
        peaks.append(peak)
    row.peak_mb = max(peaks)
    return row


# --- the peer --------------------------------------------------------------------------------


def find_pandoc() -> tuple[str | None, str]:
    """The pandoc binary (pypandoc's, else PATH's) and where it came from, or a note."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path(), "pypandoc"
    except (ImportError, OSError) as error:
        found = shutil.which("pandoc")
        return (found, "PATH") if found else (None, f"pandoc not found ({error})")


def pandoc_version(pandoc: str | None) -> str | None:
    if pandoc is None:
        return None
    try:
        result = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
    except OSError:
        return None
    first = result.stdout.splitlines()[0] if result.stdout else ""
    return first.split()[-1] if first else None


def pandoc_command(pandoc: str, twin: Path, *output: str) -> list[str]:
    chapters = sorted(str(p) for p in (twin / "chapters").glob("*.md"))
    bibliography = str(twin / "bibliography" / "references.bib")
    return [
        pandoc,
        "--citeproc",
        "--bibliography",
        bibliography,
        *(output or ("-t", "plain", "-o", os.devnull)),
        *chapters,
    ]


# --- builds ----------------------------------------------------------------------------------


def build_rows(folder: Path, workdir: Path, runs: int) -> list[Row]:
    """luanan build pdf cold (no cache, no outputs), warm (one chapter's text changed), touched
    (one chapter saved again unchanged), and docx."""
    luanan = [sys.executable, "-m", "luanan", "--project", str(folder), "build"]
    chapter = sorted((folder / "chapters").glob("*.md"))[len(list((folder / "chapters").glob("*.md"))) // 2]
    edits = iter(range(10**6))

    def cold():
        shutil.rmtree(folder / "build", ignore_errors=True)

    def touch_one_chapter():
        with open(chapter, "a", encoding="utf-8") as stream:
            stream.write(f"\nMột câu thêm vào lần thứ {next(edits)}.\n")

    return [
        measure(Row(BUILD_COLD, 1.0, "numeric"), luanan + ["pdf"], workdir, runs, cold),
        measure(Row(BUILD_WARM, 1.0, "numeric"), luanan + ["pdf"], workdir, runs, touch_one_chapter),
        measure(Row(BUILD_TOUCHED, 1.0, "numeric"), luanan + ["pdf"], workdir, runs, chapter.touch),
        measure(Row(BUILD_DOCX, 1.0, "numeric"), luanan + ["docx"], workdir, runs),
    ]


def peer_pdf_rows(pandoc: str | None, twin: Path, workdir: Path, runs: int) -> list[Row]:
    """What a pandoc user runs to get a PDF with a table of contents, where the engine exists."""
    rows = []
    for engine, name in (("xelatex", PANDOC_XELATEX), ("typst", PANDOC_TYPST)):
        row = Row(name, 1.0, "key twin")
        if pandoc is None or shutil.which(engine) is None:
            row.note = f"{engine} not installed" if pandoc else "pandoc not found"
        else:
            output = (
                "--toc",
                f"--pdf-engine={engine}",
                "-V",
                "mainfont=Liberation Serif",
                "-o",
                str(workdir / "peer.pdf"),
            )
            try:
                measure(row, pandoc_command(pandoc, twin, *output), workdir, runs)
            except BenchError as error:
                row.times, row.note = [], str(error)
        rows.append(row)
    return rows


# --- the run ---------------------------------------------------------------------------------


def bench(scales: list[float], runs: int, workdir: Path) -> tuple[list[Row], list[dict], dict]:
    """Generate, then measure every row; returns the rows, the projects' counts and the peer."""
    projects, rows = [], []
    for scale in scales:
        folder = workdir / f"scale-{scale:g}"
        projects.append({"folder": folder.name, **generate(folder, scale)})
        print(f"generated scale {scale:g}: {_sizes(projects[-1])}", flush=True)
        command = [sys.executable, "-m", "luanan", "--project", str(folder), "check"]
        rows.append(measure(Row(CHECK, scale, "numeric"), command, workdir, runs))
    twin = workdir / "twin-scale-1"
    projects.append({"folder": twin.name, **generate(twin, 1.0, keys=True)})
    pandoc, origin = find_pandoc()
    peer = {"path": pandoc, "origin": origin if pandoc else None, "version": pandoc_version(pandoc)}
    row = Row(PANDOC, 1.0, "key twin")
    if pandoc is None:
        row.note = origin
    else:
        try:
            measure(row, pandoc_command(pandoc, twin), workdir, runs)
        except BenchError as error:
            row.times, row.note = [], str(error)
    rows.append(row)
    rows += build_rows(workdir / "scale-1", workdir, runs)
    rows += peer_pdf_rows(pandoc, twin, workdir, runs)
    return rows, projects, peer


def _sizes(counts: dict) -> str:
    return (
        f"{counts['chapter_bytes'] / 1000:.1f} KB of Markdown in {counts['chapters']} chapters, "
        f"{counts['citations']} citations + {counts['appendix_pointers']} appendix pointers, "
        f"{counts['references']} references"
    )


def base_median(rows: list[Row]) -> float:
    return next(statistics.median(r.times) for r in rows if r.name == CHECK and r.scale == 1.0)


def print_table(rows: list[Row], base: float) -> None:
    print(f"\n{'name':<28} {'scale':>5} {'median s':>9} {'min s':>8} {'max s':>8} {'peak MB':>8} {'ratio':>7}")
    for row in rows:
        if row.skipped:
            print(f"{row.name:<30} {row.scale:>5g}  skipped: {row.note.splitlines()[0]}")
            continue
        f = row.figures()
        print(
            f"{row.name:<30} {row.scale:>5g} {f['median']:>9.3f} {f['min']:>8.3f} {f['max']:>8.3f} "
            f"{row.peak_mb:>8.1f} {f['median'] / base:>6.2f}x"
        )


def summary(rows: list[Row], base: float) -> dict:
    """The target verdict and how the check grows from scale 1 to the largest scale."""
    checks = [r for r in rows if r.name == CHECK]
    largest = max(checks, key=lambda r: r.scale)
    medians = {r.name: statistics.median(r.times) for r in rows if r.times and r.scale == 1.0}
    verdict = {
        "target_seconds": TARGET_SECONDS,
        "target_met": base <= TARGET_SECONDS,
        "largest_scale": largest.scale,
        "largest_over_scale_1": statistics.median(largest.times) / base,
    }
    if BUILD_COLD in medians and BUILD_WARM in medians:
        verdict["warm_over_cold"] = medians[BUILD_WARM] / medians[BUILD_COLD]
    if BUILD_COLD in medians and PANDOC_XELATEX in medians:
        verdict["xelatex_over_cold"] = medians[PANDOC_XELATEX] / medians[BUILD_COLD]
    return verdict


def write_json(rows: list[Row], projects: list[dict], peer: dict, verdict: dict, runs: int) -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    base = base_median(rows)
    report = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "pandoc": peer,
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "runs": runs,
        "warmup_runs": 1,
        **verdict,
        "projects": projects,
        "rows": [_row_json(row, base) for row in rows],
    }
    OUTPUT.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _row_json(row: Row, base: float) -> dict:
    figures = row.figures()
    ratio = figures["median"] / base if figures else None
    return {**asdict(row), **figures, "ratio_to_check_scale_1": ratio}


def parse_scales(text: str) -> list[float]:
    scales = {float(part) for part in text.split(",") if part.strip()}
    return sorted(scales | {1.0})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark luanan check against pandoc --citeproc.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per row, after one warm-up")
    parser.add_argument(
        "--scales", default="1,3,10", help="scales of the synthetic project, comma-separated (default 1,3,10)"
    )
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {args.runs} runs after 1 warm-up")
    with tempfile.TemporaryDirectory(prefix="luanan-bench-") as workdir:
        try:
            rows, projects, peer = bench(parse_scales(args.scales), args.runs, Path(workdir))
        except BenchError as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
    base = base_median(rows)
    print_table(rows, base)
    verdict = summary(rows, base)
    met = "met" if verdict["target_met"] else "NOT met"
    print(f"\ntarget: luanan check at scale 1 in {TARGET_SECONDS} s or less: {met} ({base:.3f} s)")
    largest, ratio = verdict["largest_scale"], verdict["largest_over_scale_1"]
    print(f"luanan check, scale {largest:g} / scale 1: {ratio:.2f}x")
    if "warm_over_cold" in verdict:
        print(f"warm rebuild / cold build: {verdict['warm_over_cold']:.2f} (target: at most 0.33)")
    if "xelatex_over_cold" in verdict:
        print(f"pandoc + xelatex / luanan cold PDF: {verdict['xelatex_over_cold']:.1f}x")
    if peer["version"]:
        print(f"pandoc {peer['version']} ({peer['origin']})")
    write_json(rows, projects, peer, verdict, args.runs)
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
