"""Files a killed hlhdesk left half-made (a backup being written, a PDF handed to the
viewer) carry their process id in their name; the next hlhdesk removes those whose
process has gone."""

from __future__ import annotations

import os
import time
from pathlib import Path

# Where a process cannot be asked about (Windows: os.kill would end it), age decides.
_ORPHAN_AFTER_SECONDS = 12 * 3600


def left_behind(path: Path, pid: int) -> bool:
    """Whether the process that made `path` has gone (so the file is a leftover)."""
    if pid == os.getpid():
        return False
    if os.name != "posix":
        try:
            return time.time() - path.stat().st_mtime > _ORPHAN_AFTER_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:  # it exists, but is another user's
        return False
    return False
