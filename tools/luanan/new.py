"""`luanan new DIR`: a fresh thesis project that checks and builds clean at once — thesis.yaml
with every field explained, a sample chapter with each citation form, a small bibliography of
each entry type, abbreviations, Makefile, README, .gitignore and a GitHub workflow."""

from __future__ import annotations

import json
import subprocess
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlparse

from luanan.errors import LuananError
from luanan.files import create_tree
from luanan.i18n import _
from luanan.profiles import available_profiles


def create_project(target: Path, profile: str = "moet-classic") -> list[Path]:
    if profile not in available_profiles():
        raise LuananError(
            _("unknown profile `{profile}` (available: {profiles})").format(
                profile=profile, profiles=", ".join(available_profiles())
            )
        )
    if target.exists() and any(target.iterdir()):
        raise LuananError(
            _("{folder} is not empty: luanan new creates a project in a new folder").format(folder=target), target
        )
    if target.exists() and not target.is_dir():
        raise LuananError(_("exists and is not a folder: luanan new creates a project in a new folder"), target)
    files = {}
    for source, relative in _template_files(resources.files("luanan.templates") / "new", Path()):
        text = source.read_text(encoding="utf-8")
        if relative.name == "thesis.yaml":
            text = text.replace("{profile}", profile)
        files[relative.as_posix()] = text
    files["requirements.txt"] = requirements_text()
    create_tree(target, files)  # all or nothing: a full disk leaves no half project behind
    return [Path(name) for name in files]


def luanan_source() -> str:
    """A pip requirement for the luanan that is running, pinned: the git commit it was
    installed from, the folder or file it was installed from, or its version on an index."""
    version = metadata.version("luanan")
    try:
        direct = json.loads(metadata.distribution("luanan").read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        direct = None
    if not direct or "url" not in direct:
        return f"luanan=={version}"
    url = direct["url"]
    vcs = direct.get("vcs_info")
    if vcs:
        return f"luanan @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id') or vcs.get('requested_revision', '')}"
    if url.startswith("file://") and "dir_info" in direct:
        folder = Path(unquote(urlparse(url).path))
        remote, commit = _git(folder, "remote", "get-url", "origin"), _git(folder, "rev-parse", "HEAD")
        if remote.startswith(("https://", "git@")) and commit:
            return f"luanan @ git+{remote}@{commit}"
    return f"luanan @ {url}"


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def requirements_text() -> str:
    return (
        "# Nguồn cài luanan cho dự án này (make và .github/workflows/thesis.yml đều đọc tệp này).\n"
        "# Where this project installs luanan from: `make` (into .venv/) and the CI workflow both\n"
        "# read it. Recorded by `luanan new` from the luanan that created the project; to pin\n"
        "# another, write one pip requirement, e.g. luanan @ git+https://github.com/OWNER/luanan@COMMIT\n"
        f"{luanan_source()}\n"
    )


def _template_files(folder, relative: Path):
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.is_dir():
            yield from _template_files(item, relative / item.name)
        elif item.name != "__pycache__":
            yield item, relative / item.name
