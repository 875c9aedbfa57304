"""A warning for a SQLite database file on a network share: SQLite's locking does not work across SMB, NFS and the
like, so two desks writing to one file there corrupt it. Several desks need a PostgreSQL server instead.

`network_share_warning(url_or_path)` returns the warning text (or None); the CLI prints it on stderr, the window can
show it in a bar. It reads the filesystem type of the file's mount from /proc/mounts (Linux); elsewhere it says
nothing rather than guess.
"""

from __future__ import annotations

import os
from pathlib import Path

from pantry.i18n import _

# Filesystem types (the third field of /proc/mounts) whose locks SQLite cannot trust.
NETWORK_FILESYSTEMS = frozenset(
    {
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "nfs",
        "nfs4",
        "9p",
        "afs",
        "ceph",
        "coda",
        "davfs",
        "fuse.davfs",
        "fuse.gvfsd-fuse",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "glusterfs",
        "gfs2",
        "lustre",
        "ncpfs",
        "ocfs2",
        "sshfs",
        "vboxsf",
        "virtiofs",
    }
)
MOUNTS = Path("/proc/mounts")


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash in paths as octal escapes (\\040 ...)."""
    for escaped, plain in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escaped, plain)
    return field


def filesystem_type(path: Path, mounts: Path | None = None) -> str | None:
    """The filesystem type of the mount holding `path` (the longest mount point that contains it), or None."""
    try:
        table = (mounts or MOUNTS).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    target = Path(os.path.realpath(path))
    best: tuple[int, str] | None = None
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = Path(_unescape(fields[1]))
        if target == mount_point or mount_point in target.parents:
            depth = len(mount_point.parts)
            if best is None or depth >= best[0]:  # a later mount on the same point hides the earlier one
                best = (depth, fields[2])
    return best[1] if best else None


def network_share_warning(location: str | os.PathLike[str] | None, mounts: Path | None = None) -> str | None:
    """A warning when the SQLite database `location` (a path or a URL) lies on a network filesystem; else None."""
    from pantry.db import database_url, sqlite_path

    path = sqlite_path(database_url(location))
    if path is None:
        return None  # PostgreSQL, or in memory: nothing to warn about
    kind = filesystem_type(path, mounts)
    if kind is None or (kind not in NETWORK_FILESYSTEMS and not kind.startswith(("nfs", "smb"))):
        return None
    return _(
        "Warning: the database {path} is on a network share ({kind}). SQLite cannot lock a file there safely: "
        "two desks using it at once will damage it. Keep the file on this computer's own disk, or give several "
        "desks one PostgreSQL server (see 'Several desks' in the README)."
    ).format(path=path, kind=kind)
