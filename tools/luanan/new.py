"""`luanan new DIR`: a fresh thesis project that checks and builds clean at once — thesis.yaml
with every field explained, a sample chapter with each citation form, a small bibliography of
each entry type, abbreviations, Makefile, README, .gitignore and a GitHub workflow."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from luanan.errors import LuananError
from luanan.files import create_tree
from luanan.profiles import available_profiles


def create_project(target: Path, profile: str = "moet-classic") -> list[Path]:
    if profile not in available_profiles():
        raise LuananError(f"unknown profile `{profile}` (available: {', '.join(available_profiles())})")
    if target.exists() and any(target.iterdir()):
        raise LuananError(f"{target} is not empty: luanan new creates a project in a new folder", target)
    if target.exists() and not target.is_dir():
        raise LuananError("exists and is not a folder: luanan new creates a project in a new folder", target)
    files = {}
    for source, relative in _template_files(resources.files("luanan.templates") / "new", Path()):
        text = source.read_text(encoding="utf-8")
        if relative.name == "thesis.yaml":
            text = text.replace("{profile}", profile)
        files[relative.as_posix()] = text
    create_tree(target, files)  # all or nothing: a full disk leaves no half project behind
    return [Path(name) for name in files]


def _template_files(folder, relative: Path):
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            yield from _template_files(item, relative / item.name)
        elif item.name != "__pycache__":
            yield item, relative / item.name
