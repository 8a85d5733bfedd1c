"""The application log in the data folder. It records what failed and where, and never
patient identifiers: messages name case ids, not patients."""

from __future__ import annotations

import logging
import logging.handlers
import re
import traceback
from pathlib import Path

from hlhdesk.paths import data_dir

_configured = False


def log_path() -> Path:
    return data_dir() / "hlhdesk.log"


def get_logger() -> logging.Logger:
    global _configured
    logger = logging.getLogger("hlhdesk")
    if not _configured:
        logger.addHandler(_log_handler(log_path()))
        logger.setLevel(logging.INFO)
        _configured = True
    return logger


class _QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A log that cannot be written (a full disk, a read-only folder, a file made
    read-only) must not show the user a traceback or stop what they were doing: the
    work succeeded, only its note is lost."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def _open(self):
        _create_private(Path(self.baseFilename))
        return super()._open()


def _create_private(path: Path) -> None:
    """The log is created readable by its owner only, whatever the umask."""
    import os

    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    except OSError:
        pass  # the handler's own open reports it (quietly)


def _log_handler(path: Path) -> logging.Handler:
    try:
        handler: logging.Handler = _QuietRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()  # no log rather than no hlhdesk
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactNhsNumbers())
    return handler


# 10 digits, alone or written 3 3 4 with spaces or hyphens: what an NHS number looks like.
_NHS_NUMBER_LIKE = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")


def redact(text: str) -> str:
    return _NHS_NUMBER_LIKE.sub("[number removed]", text)


class RedactNhsNumbers(logging.Filter):
    """A last line of defence: messages name case ids, but an unexpected error's text
    (which goes into its traceback) might quote a value; an NHS number never reaches
    the log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def log_unexpected(where: str, what: str | None) -> Path:
    """Log the exception being handled (with its traceback) and return the log's path."""
    get_logger().error("unexpected error in %s (%s)\n%s", where, what, traceback.format_exc())
    return log_path()
