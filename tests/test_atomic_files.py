"""tools/luanan/files.py: a reader never sees half a file, a failed write leaves the old file,
modes and symlinks survive, `replace_all` is all or nothing, and a killed process's temporaries
are found by the sweep. (`make mutate` runs these against files.py.)"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from luanan import files
from luanan.files import TEMPORARY_SUFFIX, replace_all, replacing, sweep_temporaries, write_text


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_write_text_writes_utf8_with_the_line_ends_given(tmp_path):
    target = tmp_path / "a" / "b" / "chương.md"  # the folders are made
    write_text(target, "Dòng một\r\ndòng hai\n")
    assert target.read_bytes() == "Dòng một\r\ndòng hai\n".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["chương.md"]


def test_a_replaced_file_is_a_new_file_renamed_into_place(tmp_path):
    target = tmp_path / "thesis.md"
    target.write_text("cũ", encoding="utf-8")
    with open(target, encoding="utf-8") as reader:  # a reader that opened the old file
        before = os.stat(target).st_ino
        write_text(target, "mới")
        assert reader.read() == "cũ"  # keeps reading the whole old file, never half of the new
    assert os.stat(target).st_ino != before
    assert target.read_text(encoding="utf-8") == "mới"


def test_the_temporary_is_beside_the_destination_and_marked_for_the_sweep(tmp_path):
    target = tmp_path / "thesis.pdf"
    with replacing(target) as temporary:
        assert temporary.parent == tmp_path
        assert temporary.name.startswith(".thesis.pdf.") and temporary.name.endswith(TEMPORARY_SUFFIX)
        assert TEMPORARY_SUFFIX == ".tmp"
        assert temporary.exists() and not target.exists()
        temporary.write_bytes(b"%PDF")
        sweep_temporaries(tmp_path, f".*{TEMPORARY_SUFFIX}")  # what a killed build leaves
        assert not temporary.exists()
        temporary.write_bytes(b"%PDF")
    assert target.read_bytes() == b"%PDF"
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.pdf"]


def test_a_custom_suffix(tmp_path):
    with replacing(tmp_path / "x.docx", suffix=".docx") as temporary:
        assert temporary.name.startswith(".x.docx.") and temporary.name.endswith(".docx")
        temporary.write_bytes(b"PK")
    assert (tmp_path / "x.docx").read_bytes() == b"PK"


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path):
    target = tmp_path / "thesis.md"
    target.write_text("cũ", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with replacing(target) as temporary:
            temporary.write_text("nửa", encoding="utf-8")
            raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.md"]


def journal(tmp_path: Path) -> Path:
    """The transaction journal of a test: beside its folder, so that listings of it stay exact."""
    return tmp_path.parent / f"{tmp_path.name}.journal"


def test_no_file_handle_is_left_open(tmp_path):
    before = open_descriptors()
    for index in range(5):
        write_text(tmp_path / f"{index}.md", "x")
        with replacing(tmp_path / f"{index}.bin") as temporary:
            temporary.write_bytes(b"x")
    replace_all({tmp_path / "a.md": "a", tmp_path / "b.md": "b"}, journal(tmp_path))
    assert open_descriptors() == before


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path, umask_027):
    kept = tmp_path / "script.sh"
    kept.write_text("cũ", encoding="utf-8")
    kept.chmod(0o754)
    write_text(kept, "mới")
    assert mode(kept) == 0o754
    write_text(tmp_path / "new.md", "mới")
    assert mode(tmp_path / "new.md") == 0o640
    with replacing(tmp_path / "new.bin") as temporary:
        temporary.write_bytes(b"x")
    assert mode(tmp_path / "new.bin") == 0o640


def test_the_umask_is_left_as_it_was(tmp_path, umask_027):
    write_text(tmp_path / "new.md", "x")
    assert os.umask(0o027) == 0o027


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "ch1.md").write_text("cũ", encoding="utf-8")
    (real / "ch1.md").chmod(0o600)
    link = tmp_path / "ch1.md"
    link.symlink_to(real / "ch1.md")
    write_text(link, "mới")
    assert link.is_symlink()
    assert (real / "ch1.md").read_text(encoding="utf-8") == "mới"
    assert mode(real / "ch1.md") == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ch1.md", "real"]
    other = tmp_path / "ch2.md"
    other.symlink_to(real / "ch1.md")
    replace_all({other: "cả hai"}, journal(tmp_path))
    assert other.is_symlink() and (real / "ch1.md").read_text(encoding="utf-8") == "cả hai"


def test_replace_all_writes_every_file_and_keeps_modes(tmp_path, umask_027):
    old = tmp_path / "old.md"
    old.write_text("cũ", encoding="utf-8")
    old.chmod(0o604)
    new = tmp_path / "new.md"
    replace_all({old: "mới\r\n", new: "thêm"}, journal(tmp_path))
    assert old.read_bytes() == "mới\r\n".encode()
    assert new.read_text(encoding="utf-8") == "thêm"
    assert (mode(old), mode(new)) == (0o604, 0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "old.md"]


def test_replace_all_is_all_or_nothing(tmp_path, monkeypatch):
    first, second, third = tmp_path / "1.md", tmp_path / "2.md", tmp_path / "3.md"
    first.write_text("một", encoding="utf-8")
    first.chmod(0o640)
    second.write_text("hai", encoding="utf-8")
    real_replace = os.replace
    calls = []

    def failing_third(source, destination):
        if Path(destination).suffix == ".md":  # the files, not the journal's own rename
            calls.append(Path(destination).name)
            if len(calls) == 3:
                raise OSError("disk full")
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", failing_third)
    # 3.md does not exist yet: it goes first, then 1.md, then 2.md fails
    with pytest.raises(OSError, match="disk full"):
        replace_all({third: "ba mới", first: "một mới", second: "hai mới"}, journal(tmp_path))
    monkeypatch.setattr(files.os, "replace", real_replace)
    assert calls[:3] == ["3.md", "1.md", "2.md"]
    assert first.read_text(encoding="utf-8") == "một" and mode(first) == 0o640
    assert second.read_text(encoding="utf-8") == "hai"
    assert not third.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1.md", "2.md"]
    assert not journal(tmp_path).exists()  # rolled back and removed


def test_replace_all_stops_before_any_rename_when_a_temporary_cannot_be_written(tmp_path):
    first = tmp_path / "1.md"
    first.write_text("một", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        replace_all({first: "một mới", tmp_path / "2.md": "\udcff"}, journal(tmp_path))  # a lone surrogate: not UTF-8
    assert first.read_text(encoding="utf-8") == "một"
    assert [p.name for p in tmp_path.iterdir()] == ["1.md"]


def test_sweep_removes_only_what_the_pattern_matches(tmp_path):
    for name in (".thesis.pdf.abc.tmp", ".thesis.docx.x1.tmp", "thesis.pdf", "notes.tmp.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    sweep_temporaries(tmp_path, ".thesis.*.tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.tmp.md", "thesis.pdf"]
    sweep_temporaries(tmp_path / "missing", "*.tmp")  # a folder that is not there: nothing to do


def test_new_files_get_no_execute_bit(tmp_path):
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "a.md", "x")
        replace_all({tmp_path / "b.md": "x"}, journal(tmp_path))
    finally:
        os.umask(old)
    assert (mode(tmp_path / "a.md"), mode(tmp_path / "b.md")) == (0o644, 0o644)


def test_replace_all_stages_beside_each_file_under_a_name_the_sweep_finds(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    renamed = []
    real_replace = os.replace

    def recording(source, destination):
        renamed.append((Path(source), Path(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", recording)
    replace_all({tmp_path / "a.md": "a", tmp_path / "sub" / "b.md": "b"}, journal(tmp_path))
    beside = [(s.parent, s.name) for s, d in renamed if d.suffix == ".md"]
    assert beside == [(tmp_path, f".a.md{files._APPLYING}"), (tmp_path / "sub", f".b.md{files._APPLYING}")]


def test_files_are_utf8_whatever_the_locale(tmp_path):
    import subprocess
    import sys

    write_text(tmp_path / "in-process.md", "Đảng")
    replace_all({tmp_path / "in-process.md": "Đảng"}, journal(tmp_path))
    script = (
        "import sys; from pathlib import Path; from luanan.files import write_text, replace_all; "
        "t = '\\u0110\\u1ea3ng'; write_text(Path(sys.argv[1]) / 'a.md', t); "
        "replace_all({Path(sys.argv[1]) / 'b.md': t}, Path(sys.argv[1] + '.journal'))"
    )
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-X", "utf8=0", "-c", script, str(tmp_path)], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes() == "Đảng".encode()
