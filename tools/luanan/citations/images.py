"""Images in chapter text. Which images a chapter shows, and their targets, come from pandoc's
reading of it (rules/safety.py for the check, render/ast.py for the outputs), never from a
regex over the text; what is left here is the one question both ask of a path."""

from __future__ import annotations

from pathlib import Path


def inside(path: Path, root: Path) -> bool:
    """Whether `path` (already resolved) is `root` or below it."""
    return path == root or root in path.parents
