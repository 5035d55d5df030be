"""Stages with their elapsed time, on a terminal (`--quiet` silences them; `--verbose` also lists
cache hits and misses). Output goes to stderr, so piped results stay clean."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

from luanan.i18n import N_, _

# The stages the pipeline names, translated where they are shown (the outputs, `pdf` and `docx`,
# are the same in every language).
STAGES = {"load": N_("load"), "check": N_("check")}


class Progress:
    def __init__(self, show: bool = False, verbose: bool = False, stream=None):
        self.show = show or verbose
        self.verbose = verbose
        self.stream = stream or sys.stderr
        self.started = time.perf_counter()
        self.hits = self.misses = 0  # cache lookups

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            if self.show:
                total = _("(total {seconds} s)").format(seconds=f"{time.perf_counter() - self.started:.2f}")
                shown = _(STAGES[name]) if name in STAGES else name
                self.stream.write(f"{shown:<12} {time.perf_counter() - start:6.2f} s   {total}\n")
                self.stream.flush()

    def cache(self, what: str, hit: bool) -> None:
        self.hits += hit
        self.misses += not hit
        if self.verbose:
            line = _("cache hit  {what}") if hit else _("cache miss {what}")
            self.stream.write("  " + line.format(what=what) + "\n")


# One reporter for the process, set by the command line; the conversion threads see it too
# (a context variable would not reach them).
_current = [Progress()]


def current() -> Progress:
    return _current[0]


def use(progress: Progress) -> None:
    _current[0] = progress
