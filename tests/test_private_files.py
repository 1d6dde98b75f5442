"""The one atomic, private file writer that every file the tool writes goes through."""

from __future__ import annotations

import os
import stat

import pytest

from cognito_tui.private_files import private_dir, write_atomic, write_private


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_private_folders_and_files_are_0700_and_0600_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        target = write_private(tmp_path / "a" / "b" / "c.json", "{}")
    finally:
        os.umask(old)
    assert target.read_text() == "{}"
    assert mode(target) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700


def test_an_existing_folder_of_ours_is_tightened(tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    private_dir(folder)
    assert mode(folder) == 0o700


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = write_atomic(tmp_path / "f.txt", "old")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_exclusive_never_replaces_an_existing_file(tmp_path):
    target = write_atomic(tmp_path / "plan.yaml", "first", mode=0o644, exclusive=True)
    with pytest.raises(FileExistsError):
        write_atomic(target, "second", exclusive=True)
    assert target.read_text() == "first" and mode(target) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]


def test_a_symlink_at_the_path_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(victim)
    write_atomic(link, "new")
    assert victim.read_text() == "keep"
    assert not link.is_symlink() and link.read_text() == "new"
