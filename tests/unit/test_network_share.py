"""A database file on a network share is warned about, by the filesystem type of its mount."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantry.network_share import filesystem_type, network_share_warning

MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
//nas/pantry /mnt/nas cifs rw,vers=3.0 0 0
server:/export /mnt/nfs nfs4 rw 0 0
me@host:/data /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /mnt/nas/local\\040disk ext4 rw 0 0
share /mnt/vm 9p rw 0 0
"""


@pytest.fixture
def mounts(tmp_path: Path) -> Path:
    path = tmp_path / "mounts"
    path.write_text(MOUNTS)
    return path


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/mnt/nas/pantry.sqlite", "cifs"),
        ("/mnt/nfs/a/b/pantry.sqlite", "nfs4"),
        ("/home/me/remote/pantry.sqlite", "fuse.sshfs"),
        ("/mnt/vm/pantry.sqlite", "9p"),
        ("/mnt/nas/local disk/pantry.sqlite", "ext4"),  # a local disk mounted inside the share: the deeper mount wins
        ("/home/me/pantry.sqlite", "ext4"),
        ("/mnt/nasty/pantry.sqlite", "ext4"),  # a name that only starts like a mount point is not under it
    ],
)
def test_the_deepest_mount_that_holds_the_file_decides(mounts: Path, path: str, kind: str) -> None:
    assert filesystem_type(Path(path), mounts) == kind


@pytest.mark.parametrize("location", ["/mnt/nas/pantry.sqlite", "sqlite:////mnt/nfs/pantry.sqlite"])
def test_a_file_on_a_share_gets_a_warning(mounts: Path, location: str) -> None:
    warning = network_share_warning(location, mounts)
    assert warning is not None
    assert warning.startswith("Warning: the database /mnt/")
    assert "network share" in warning and "PostgreSQL" in warning


@pytest.mark.parametrize(
    "location",
    ["/home/me/pantry.sqlite", "/mnt/nas/local disk/pantry.sqlite", "postgresql+psycopg://desk@server/pantry"],
)
def test_a_local_file_or_a_server_gets_none(mounts: Path, location: str) -> None:
    assert network_share_warning(location, mounts) is None


def test_no_mount_table_means_no_guess(tmp_path: Path) -> None:
    assert network_share_warning("/mnt/nas/pantry.sqlite", tmp_path / "missing") is None


def test_this_machine_s_temporary_folder_is_not_a_share(tmp_path: Path) -> None:
    assert network_share_warning(tmp_path / "pantry.sqlite") is None


def test_the_pantry_command_warns_on_stderr_and_goes_on(
    database: object, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pantry import network_share
    from pantry.cli import main

    shares = tmp_path / "mounts"
    shares.write_text(f"nas:/pantry {db_path.parent} nfs4 rw 0 0\n")
    monkeypatch.setattr(network_share, "MOUNTS", shares)
    assert main(["--db", str(db_path), "verify"]) == 0
    captured = capsys.readouterr()
    assert "is on a network share (nfs4)" in captured.err
    assert "network share" not in captured.out
