"""Reading a file the user named (a case file, a lab export) in bounded time and memory:
only a regular file is read (a named pipe would wait forever, /dev/zero never ends), its
size is checked before a byte is read, and never more than the limit is read even if it
grows meanwhile."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from hlhdesk.errors import InputError


def read_input_file(path: str | os.PathLike, limit: int, too_big: Callable[[int], Exception]) -> bytes:
    """The file's bytes; InputError if it is not a readable regular file, `too_big(size)`
    if it holds more than `limit` bytes."""
    path = Path(path)
    shown = os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a pipe must not wait for a writer
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown} is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown} cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{shown} is not a regular file (a pipe, a device or a socket); "
                             "save what it holds to a file and import that")
        if info.st_size > limit:
            raise too_big(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)  # a file that grew meanwhile is still capped
    except OSError as exc:
        raise InputError(f"{shown} cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise too_big(len(data))
    return data
