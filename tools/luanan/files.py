"""Writing files so that a reader never sees half of one: every write goes to a temporary file
beside its destination and is renamed into place.

A replaced file keeps its permissions (a new one gets what the umask gives, as with `open`), a
symlink is written through to its target, and several files are replaced all together or not
at all (`replace_all`)."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"  # what `sweep_temporaries` looks for


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _target(destination: Path) -> Path:
    """The file a write to `destination` must change: a symlink's target, not the link."""
    return Path(os.path.realpath(destination)) if destination.is_symlink() else destination


def _mode_for(destination: Path) -> int:
    try:
        return stat.S_IMODE(destination.stat().st_mode)
    except FileNotFoundError:
        return _umask_mode()


@contextmanager
def replacing(destination: Path, suffix: str = TEMPORARY_SUFFIX) -> Iterator[Path]:
    """Yield a temporary path in the destination's folder; on success it becomes the
    destination (one rename, the destination's mode kept), on any failure it is removed and
    the old file stays."""
    destination = _target(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(destination)
    handle, name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=suffix, dir=destination.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, mode)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(destination: Path, text: str) -> None:
    """Replace `destination` with `text` (UTF-8, line ends as given)."""
    with replacing(destination) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)


def replace_all(files: dict[Path, str]) -> None:
    """Write every file or none: all temporaries first, then the renames; if a rename fails,
    the files already replaced get their old text back."""
    targets = {_target(path): text for path, text in files.items()}
    staged: list[tuple[Path, Path, bytes | None, int]] = []
    try:
        for path, text in targets.items():
            old = path.read_bytes() if path.exists() else None
            mode = _mode_for(path)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
            staged.append((path, Path(name), old, mode))  # before writing: a failed write is removed too
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            os.chmod(name, mode)
        done: list[tuple[Path, bytes | None, int]] = []
        try:
            for path, temporary, old, mode in staged:
                os.replace(temporary, path)
                done.append((path, old, mode))
        except BaseException:
            for path, old, mode in done:  # put back what was already replaced
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    with replacing(path) as temporary:
                        temporary.write_bytes(old)
                        os.chmod(temporary, mode)
            raise
    finally:
        for _, temporary, _, _ in staged:
            temporary.unlink(missing_ok=True)


def sweep_temporaries(folder: Path, pattern: str) -> None:
    """Remove the temporaries a killed process left (`pattern` as in Path.glob)."""
    for stale in folder.glob(pattern):
        stale.unlink(missing_ok=True)
