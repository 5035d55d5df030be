"""Writing files so that a reader never sees half of one: every write goes to a temporary file
beside its destination and is renamed into place.

A replaced file keeps its permissions (a new one gets what the umask gives, as with `open`), a
symlink is written through to its target, and several files are replaced all together or not
at all (`replace_all`)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from luanan.i18n import N_, _, ngettext

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


JOURNAL = ".luanan-journal"  # under build/: the transaction `replace_all` is applying
_STAGING = ".staging"  # suffix of the journal while it is being written (not yet committed)
_APPLYING = ".luanan-journal.tmp"  # suffix of the fixed-name temporaries `replace_all` renames


def replace_all(files: dict[Path, str], journal: Path) -> None:
    """Write every file or none, as a transaction that survives a kill at any point:

    1. the new contents and a manifest are written to `journal`.staging and fsynced;
    2. the folder is renamed to `journal`: from here on the change is committed;
    3. each file is replaced (a temporary beside it with a fixed name, then a rename; a file
       with other hard links is rewritten in place, so that every link keeps seeing it);
    4. the journal is removed.

    A command that finds a journal (`recover`) does 3 and 4 again, so a kill leaves every
    file all-old (before 2) or, once recovered, all-new. Symlinks are written through to
    their target. SIGTERM and Ctrl-C wait until the files are replaced."""
    staging = journal.with_name(journal.name + _STAGING)
    recover(journal)
    entries = []
    _crash_point()
    try:
        staging.mkdir(parents=True)
        for index, (path, text) in enumerate(files.items()):
            target = _target(path)
            name = f"{index}.new"
            _write_synced(staging / name, text.encode("utf-8"))
            old = None
            if target.exists():
                old = f"{index}.old"
                _write_synced(staging / old, target.read_bytes())
            linked = target.exists() and target.stat().st_nlink > 1
            entries.append(
                {"path": str(target), "new": name, "old": old, "mode": _mode_for(target), "in_place": linked}
            )
            _crash_point()
        _write_synced(staging / "manifest.json", json.dumps(entries).encode("utf-8"))
        _sync_folder(staging)
        _crash_point()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    with _signals_deferred():
        os.replace(staging, journal)  # the commit point
        _sync_folder(journal.parent)
        _crash_point()
        try:
            _apply(journal)
        except Exception:  # a failed write (a full disk): the files already replaced get their old text back
            _apply(journal, "old")
            raise


def recover(journal: Path) -> str | None:
    """Finish (or drop, when it was never committed) a transaction a killed command left;
    what was done, in words, or None when there was nothing to do."""
    staging = journal.with_name(journal.name + _STAGING)
    said = None
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
        said = _("an interrupted write was never committed: no source file had changed; its journal is removed")
    if journal.exists():
        with _signals_deferred():
            count = _apply(journal)
        said = ngettext(
            "finished an interrupted write of {count} file from {journal}",
            "finished an interrupted write of {count} files from {journal}",
            count,
        ).format(count=count, journal=journal)
    return said


def _apply(journal: Path, side: str = "new") -> int:
    """Put every file of the journal in its `side` state ("new", or "old" to roll back)."""
    entries = json.loads((journal / "manifest.json").read_text(encoding="utf-8"))
    for entry in entries:
        target = Path(entry["path"])
        if entry[side] is None:  # rolling back a file that did not exist before
            target.unlink(missing_ok=True)
            continue
        data = (journal / entry[side]).read_bytes()
        if entry["in_place"] and target.exists():
            with open(target, "r+b") as stream:  # the same inode: other hard links see the change
                stream.write(data)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
        else:
            temporary = target.with_name(f".{target.name}{_APPLYING}")
            _write_synced(temporary, data)
            os.chmod(temporary, entry["mode"])
            os.replace(temporary, target)
        _crash_point()
    _sync_folders({Path(entry["path"]).parent for entry in entries})
    shutil.rmtree(journal)
    _crash_point()
    return len(entries)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _sync_folders(folders: set[Path]) -> None:
    for folder in folders:
        _sync_folder(folder)


# Tests: LUANAN_TEST_KILL_AT_STEP=N (or N:TERM, N:INT) sends the process SIGKILL (or that
# signal) at the Nth step of a transaction, to prove that every step is safe to die at.
_CRASH_STEP, _colon, _CRASH_SIGNAL = os.environ.get("LUANAN_TEST_KILL_AT_STEP", "0").partition(":")
_steps = 0


def _crash_point() -> None:
    global _steps
    _steps += 1
    if int(_CRASH_STEP or 0) == _steps:
        os.kill(os.getpid(), getattr(signal, "SIG" + (_CRASH_SIGNAL or "KILL")))


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGTERM and SIGINT held until the block is done (in the main thread; elsewhere, as is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []  # the signals that came meanwhile
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    for number in previous:
        signal.signal(number, lambda signum, frame: pending.append(signum))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for signum in pending[:1]:
            os.kill(os.getpid(), signum)


def sweep_temporaries(folder: Path, pattern: str) -> None:
    """Remove the temporaries a killed process left (`pattern` as in Path.glob)."""
    for stale in folder.glob(pattern):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


@contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """One process at a time in the block (an flock on `lock`): a second build of the same
    project waits for the first instead of sharing its cache files and staging folder."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no flock; builds are not run concurrently there
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def staging_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A fresh hidden folder in `parent`, removed with whatever is left in it."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def move_into(staging: Path, folder: Path, names: list[str]) -> list[Path]:
    """The staged files `names` renamed into `folder` one after the other (renames within one
    folder: they do not fail halfway for want of space)."""
    with _signals_deferred():
        for name in names:
            os.replace(staging / name, _target(folder / name))
    return [folder / name for name in names]


def create_tree(target: Path, files: dict[str, str]) -> None:
    """A new folder `target` holding `files` (relative path -> text), all or nothing: written
    in a staging folder beside it and renamed into place; `target` may exist only empty."""
    if target.exists() and not target.is_dir():
        raise FileExistsError(17, _("exists and is not a folder"), str(target))
    if target.is_dir() and any(target.iterdir()):
        raise FileExistsError(39, _("is not empty: create the project in a new folder"), str(target))
    parent = target.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    with staging_folder(parent, f".{target.name}.") as staging:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())
        if target.is_dir():
            target.rmdir()
        os.replace(staging, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# What luanan reads at most, by kind of input (bytes): far above any real thesis, far below
# what would exhaust memory.
MB = 1 << 20
LIMITS = {
    "chapter": 64 * MB,
    "thesis.yaml": 1 * MB,
    "bibliography": 64 * MB,
    "source PDF": 256 * MB,
    "DOCX": 128 * MB,
    "text": 64 * MB,
}


# The kinds as the messages name them (thesis.yaml and DOCX are the same in every language).
_KINDS = {
    "chapter": N_("chapter"),
    "bibliography": N_("bibliography"),
    "source PDF": N_("source PDF"),
    "text": N_("text"),
}


def _kind(kind: str) -> str:
    return _(_KINDS[kind]) if kind in _KINDS else kind


class ReadRefused(OSError):
    """A path that is not a regular file, or one over its size limit: `message` says which."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_limited(path: Path, kind: str) -> bytes:
    """The bytes of a regular file of at most LIMITS[kind]. A FIFO, a device, a socket or a
    folder is refused before anything is read (a FIFO would block, /dev/zero never ends);
    raises OSError (ReadRefused with its reason, or the system's)."""
    limit = LIMITS[kind]
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(handle)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(_("not a regular file (a pipe, a device or a socket): luanan reads only files"))
        if info.st_size > limit:
            raise ReadRefused(
                _("too large ({size} MB): luanan reads a {kind} of up to {limit} MB").format(
                    size=info.st_size // MB, kind=_kind(kind), limit=limit // MB
                )
            )
        os.set_blocking(handle, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ReadRefused(
                _("too large: luanan reads a {kind} of up to {limit} MB").format(kind=_kind(kind), limit=limit // MB)
            )
        return b"".join(chunks)
    finally:
        os.close(handle)


ZIP_PART_LIMIT = 64 * MB  # the most luanan decompresses of one part of a DOCX
ZIP_RATIO_LIMIT = 200  # a real document.xml compresses 5 to 30 times; a zip bomb, thousands
XML_NODE_LIMIT = 5_000_000  # tags in one part: a 1,000-page thesis has well under a million


def read_zip_part(archive, name: str) -> bytes:
    """One member of a zip archive (a DOCX part), with its size and compression ratio checked
    before anything is decompressed, and its tags counted before any XML parser sees it.
    Raises ReadRefused with the reason (an encrypted member, a bad CRC included)."""
    import zipfile
    import zlib

    info = archive.getinfo(name)
    if info.flag_bits & 0x1:
        raise ReadRefused(_("{part} is encrypted").format(part=name))
    if info.file_size > ZIP_PART_LIMIT:
        raise ReadRefused(
            _("{part} is too large ({size} MB unpacked; the limit is {limit})").format(
                part=name, size=info.file_size // MB, limit=ZIP_PART_LIMIT // MB
            )
        )
    if info.file_size > ZIP_RATIO_LIMIT * max(info.compress_size, 1024):
        ratio = info.file_size // max(info.compress_size, 1)
        raise ReadRefused(_("{part} unpacks {ratio} times its size: a zip bomb?").format(part=name, ratio=ratio))
    try:
        with archive.open(info) as stream:
            data = stream.read(ZIP_PART_LIMIT + 1)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError) as exc:
        raise ReadRefused(_("{part} is damaged ({error})").format(part=name, error=exc)) from None
    if len(data) > ZIP_PART_LIMIT:
        raise ReadRefused(
            _("{part} is too large (over {limit} MB unpacked)").format(part=name, limit=ZIP_PART_LIMIT // MB)
        )
    if data.count(b"<") > XML_NODE_LIMIT:
        raise ReadRefused(_("{part} holds more than {count} tags").format(part=name, count=f"{XML_NODE_LIMIT:,}"))
    return data
