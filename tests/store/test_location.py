"""WAL on a local disk, the rollback journal on a network share: one function decides."""

from __future__ import annotations

import pytest

from hlhdesk.store import open_database
from hlhdesk.store.location import filesystem_type, journal_mode_for
from tests.support.stored_cases import sparse_case

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
tmpfs /tmp tmpfs rw 0 0
//fileserver/mdt /mnt/mdt\\040share cifs rw,vers=3.0 0 0
nas:/export/haem /srv/haem nfs4 rw,vers=4.2 0 0
me@host:/data /home/me/remote fuse.sshfs rw 0 0
/dev/sdb1 /srv/haem/local-cache ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "mode"),
    [
        ("/home/me/hlhdesk.sqlite3", "wal"),
        ("/tmp/hlhdesk.sqlite3", "wal"),
        ("/mnt/mdt share/hlhdesk.sqlite3", "delete"),  # CIFS share, space in the mount point
        ("/mnt/mdt/hlhdesk.sqlite3", "wal"),  # not inside "/mnt/mdt share"
        ("/srv/haem/db/hlhdesk.sqlite3", "delete"),  # NFS
        ("/srv/haem/local-cache/hlhdesk.sqlite3", "wal"),  # a local disk mounted inside the NFS tree
        ("/home/me/remote/hlhdesk.sqlite3", "delete"),  # sshfs
    ],
)
def test_linux_mounts_decide_the_journal(path, mode):
    assert journal_mode_for(path, platform="linux", mounts=MOUNTS) == mode


def test_the_longest_matching_mount_point_wins():
    assert filesystem_type("/srv/haem/local-cache/x", MOUNTS) == "ext4"
    assert filesystem_type("/srv/haem/x", MOUNTS) == "nfs4"
    assert filesystem_type("/srv/haemx/x", MOUNTS) == "ext4"


@pytest.mark.parametrize(
    ("path", "drive_types", "mode"),
    [
        (r"\\fileserver\mdt\hlhdesk.sqlite3", {}, "delete"),  # UNC path
        ("//fileserver/mdt/hlhdesk.sqlite3", {}, "delete"),
        (r"H:\MDT\hlhdesk.sqlite3", {"H:\\": 4}, "delete"),  # mapped network drive
        (r"C:\Users\me\AppData\Local\hlhdesk\hlhdesk.sqlite3", {"C:\\": 3}, "wal"),  # fixed disk
        (r"E:\hlhdesk.sqlite3", {"E:\\": 2}, "wal"),  # removable
    ],
)
def test_windows_drive_types_decide_the_journal(path, drive_types, mode):
    asked = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return drive_types[root]

    assert journal_mode_for(path, platform="win32", drive_type=drive_type) == mode
    assert asked == list(drive_types)  # UNC paths need no lookup


@pytest.mark.parametrize("mode", ["wal", "delete"])
def test_the_store_works_in_both_journal_modes(tmp_path, mode):
    with open_database(tmp_path / "db.sqlite3", journal_mode=mode) as store:
        assert store.journal_mode == mode
        case_id = store.add_case(sparse_case())
        assert store.load_case(case_id) == sparse_case()


def test_a_database_on_this_machines_disk_uses_wal(tmp_path):
    with open_database(tmp_path / "local.sqlite3") as store:
        assert store.journal_mode == "wal"
