"""`luanan watch` driven from a test: start, edit, see the diagnostic and the new PDF, stop."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time

import pypdf

from conftest import make_project

BIB = "@book{a, refnum = {1}, author = {Lê Văn An}, title = {A}, year = {2015}, publisher = {P}}\n"
CHAPTER = "---\nchapter: 1\ntitle: Mở đầu\n---\n\n{text}\n"


def read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def wait_for(lines: queue.Queue, words: str, seconds: float = 60) -> list[str]:
    seen, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if words in line:
            return seen
    raise AssertionError(f"no {words!r} within {seconds} s; saw {seen}")


def test_watch_rechecks_rebuilds_and_stops(tmp_path):
    root = make_project(tmp_path, {"01.md": CHAPTER.format(text="Câu đầu [1, tr. 5].")}, BIB)
    process = subprocess.Popen(
        [sys.executable, "-m", "luanan", "watch", "--interval", "0.2"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        wait_for(lines, "rebuilt build/thesis.pdf")
        pdf = root / "build" / "thesis.pdf"
        first = pdf.read_bytes()

        (root / "chapters" / "01.md").write_text(CHAPTER.format(text="Câu sai [999, tr. 1]."), encoding="utf-8")
        seen = wait_for(lines, "the last good PDF is kept", 30)
        assert any("chapters/01.md:6:9: error[C101] reference 999 is not in the bibliography" in s for s in seen)
        assert pdf.read_bytes() == first

        (root / "chapters" / "01.md").write_text(CHAPTER.format(text="Câu đã sửa [1, tr. 7]."), encoding="utf-8")
        seen = wait_for(lines, "rebuilt build/thesis.pdf", 30)
        assert any(s.startswith("fixed: chapters/01.md:6:9 C101") for s in seen)
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
        assert "Câu đã sửa [1, tr. 7]." in " ".join(text.split())
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # Ctrl-C ignored: never leave a watcher behind
            process.kill()
            process.wait()
            raise
    assert code == 0
    assert "stopped" in " ".join(wait_for(lines, "stopped", 5))
