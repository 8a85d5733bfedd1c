"""Where the database lives decides how SQLite journals it.

WAL (write-ahead log) lets readers carry on while one hlhdesk saves, and survives a crash
well, but it needs shared memory between the processes using the file, which network
file systems (SMB/CIFS shares, mapped drives, NFS, sshfs) do not give reliably: WAL there
can corrupt the database. So: WAL on a local disk, the classic rollback journal (DELETE)
with a busy timeout on a network share (https://www.sqlite.org/wal.html, "WAL does not
work over a network filesystem").

`journal_mode_for` is the one place that decides. The mount table (Linux) and the drive
type lookup (Windows) can be passed in, so both answers are tested on any machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath
from typing import Callable

# Linux file system types that are on another machine.
NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.glusterfs", "fuse.sshfs", "sshfs", "lustre", "davfs", "fuse.davfs2", "fuse.rclone",
})

DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def journal_mode_for(
    path: str | os.PathLike,
    *,
    platform: str = sys.platform,
    mounts: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str:
    """'wal' for a database on a local disk, 'delete' for one on a network share."""
    if is_network_path(path, platform=platform, mounts=mounts, drive_type=drive_type):
        return "delete"
    return "wal"


def is_network_path(
    path: str | os.PathLike,
    *,
    platform: str = sys.platform,
    mounts: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> bool:
    if platform == "win32":
        return _windows_is_network(str(path), drive_type or _get_drive_type)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False  # no mount table (macOS, BSD): treat as local, as SQLite does
    return filesystem_type(_real_path(path), mounts) in NETWORK_FILESYSTEMS


def _windows_is_network(path: str, drive_type: Callable[[str], int]) -> bool:
    win = PureWindowsPath(path)
    if win.drive.startswith(("\\\\", "//")):  # \\server\share\... is a UNC path
        return True
    if not win.drive:
        win = PureWindowsPath(os.getcwd()) / win
    if not win.drive:
        return False
    return drive_type(win.drive + "\\") == DRIVE_REMOTE


def _get_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def _real_path(path: str | os.PathLike) -> str:
    """The path with symlinks resolved; for a file not created yet, its folder decides."""
    return str(Path(path).expanduser().resolve())


def filesystem_type(path: str, mounts: str) -> str | None:
    """The type of the file system holding `path`: the longest mount point above it."""
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape(fields[1])
        inside = path == mount_point or path.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def _unescape(field: str) -> str:
    """/proc/mounts writes a space in a path as \\040 (and tab, newline, backslash alike)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field
