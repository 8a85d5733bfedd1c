"""The one way hlhdesk writes a file the user named (a PDF, a case file, a CSV, a PNG).

Every command and the GUI go through `write_output`, so each of these holds everywhere:

- an existing file is replaced only when the user said so (`--force`, or the save
  dialog's own "replace?" question, whose answer the GUI passes as `replace=True`);
- a symbolic link at the target is never followed or replaced: writing through it would
  land the report wherever the link points (another file, the database);
- an SQLite file (the open database, its backups, any other) is never overwritten, nor
  the database's journal files, nor anything in its backups folder, even with --force;
- the bytes go to a private temporary file beside the target, are fsynced, and only then
  renamed into place: a full disk or a crash leaves the old file or none, never half;
- the file is readable by its owner only (it holds patient data), whatever the umask;
- a full disk, a read-only or missing folder is an OutputError (exit 2, a plain
  message), never an unexpected error.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hlhdesk.errors import InputError

SQLITE_HEADER = b"SQLite format 3\x00"
# The first bytes of SQLite's own files: a database, a WAL file (two byte orders), a
# rollback journal. An output never replaces any of them.
_SQLITE_MAGICS = (SQLITE_HEADER, b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83",
                  b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
_JOURNAL_SUFFIXES = ("", "-wal", "-shm", "-journal")
_TEMPORARY_PREFIX = ".hlhdesk-writing-"


class OutputError(InputError):
    """The output file was not written; the message says why and what to do."""


def database_paths(db_path: str | os.PathLike | None) -> list[Path]:
    """The files and folder an output must never land on for this database."""
    if db_path is None:
        return []
    db = Path(db_path).expanduser()
    return [Path(f"{db}{suffix}") for suffix in _JOURNAL_SUFFIXES] + [db.parent / "backups"]


def write_output(
    path: str | os.PathLike,
    data: bytes,
    *,
    replace: bool = False,
    protected: Iterable[str | os.PathLike] = (),
) -> Path:
    """Write `data` to `path` whole or not at all; returns the path written.

    `replace`: an existing regular file may be replaced (--force, or the save dialog
    asked). `protected`: paths never written (see database_paths); a folder protects
    everything inside it.
    """
    target = Path(path).expanduser()
    _refuse_unsafe_target(target, replace, protected)
    folder = target.parent
    remove_leftovers(folder)
    try:  # mkstemp makes it 0600 whatever the umask; the pid says whose it is
        handle, temporary = tempfile.mkstemp(prefix=f"{_TEMPORARY_PREFIX}{os.getpid()}-", suffix=".tmp",
                                             dir=folder)
    except OSError as exc:
        raise _output_error(target, exc) from None
    try:
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            _move_into_place(temporary, target, replace)
            _sync_folder(folder)
        except OSError as exc:
            raise _output_error(target, exc) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target


def write_text_output(path, text: str, *, encoding: str = "utf-8", **options) -> Path:
    return write_output(path, text.encode(encoding), **options)


def remove_leftovers(folder: Path) -> list[Path]:
    """Temporary files of an hlhdesk killed while writing into this folder."""
    from hlhdesk.leftovers import left_behind

    removed = []
    try:
        entries = list(Path(folder).glob(f"{_TEMPORARY_PREFIX}*.tmp"))
    except OSError:
        return removed
    for entry in entries:
        owner = entry.name[len(_TEMPORARY_PREFIX):].split("-", 1)[0]
        if owner.isdigit() and not entry.is_symlink() and left_behind(entry, int(owner)):
            try:
                entry.unlink()
                removed.append(entry)
            except OSError:
                pass
    return removed


def _refuse_unsafe_target(target: Path, replace: bool, protected: Iterable) -> None:
    if not target.name or target.name in (".", ".."):
        raise OutputError(f"{target} is not a file name")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {target}: the folder {target.parent} does not exist")
    resolved = _resolved(target)
    for guarded in protected:
        guarded_path = _resolved(Path(guarded).expanduser())
        if resolved == guarded_path or guarded_path in resolved.parents:
            raise OutputError(
                f"{target} is the database or one of its journal or backup files; "
                "hlhdesk never writes a report over it. Choose another name."
            )
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _output_error(target, exc) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"{target} is a symbolic link; hlhdesk does not write through links. "
            "Choose a plain file name."
        )
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{target} exists and is not a plain file; choose another name")
    if _is_sqlite_file(target):
        raise OutputError(
            f"{target} is an SQLite database (perhaps an hlhdesk database or backup); "
            "hlhdesk never writes a report over one. Choose another name."
        )
    if not replace:
        raise OutputError(f"{target} already exists; add --force to replace it")


def _resolved(path: Path) -> Path:
    """The real location of the folder, with the name itself not followed."""
    try:
        return path.parent.resolve() / path.name
    except OSError:
        return path.absolute()


def _is_sqlite_file(path: Path) -> bool:
    """An SQLite database or journal, by its first bytes or (for the -shm index, which
    has no header) by the database beside it."""
    for suffix in _JOURNAL_SUFFIXES[1:]:
        if path.name.endswith(suffix) and _starts_like_sqlite(path.with_name(path.name[: -len(suffix)])):
            return True
    return _starts_like_sqlite(path)


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as existing:
            start = existing.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return any(start.startswith(magic) for magic in _SQLITE_MAGICS)


def _move_into_place(temporary: str, target: Path, replace: bool) -> None:
    if replace:
        os.replace(temporary, target)
        return
    # A hard link fails if the name appeared meanwhile, so a file another program
    # created between the check and now is not replaced either.
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise OutputError(f"{target} already exists; add --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(target):  # a file system without hard links (FAT, some shares)
            raise OutputError(f"{target} already exists; add --force to replace it") from None
        os.replace(temporary, target)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _output_error(target: Path, exc: OSError) -> OutputError:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "your disk quota is used up",
        errno.EROFS: "the folder is on a read-only disk",
        errno.EACCES: "you do not have permission to write in that folder",
        errno.EPERM: "you do not have permission to write in that folder",
        errno.ENOENT: "the folder does not exist",
        errno.ENAMETOOLONG: "the name is too long",
    }
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    return OutputError(f"cannot write {target}: {reason}. Nothing was written.")
