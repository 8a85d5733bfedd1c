"""The application log in the data folder. It records what failed and where, and never
patient identifiers: messages name case ids, not patients."""

from __future__ import annotations

import logging
import logging.handlers
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
        handler = logging.handlers.RotatingFileHandler(
            log_path(), maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        _configured = True
    return logger


def log_unexpected(where: str, what: str | None) -> Path:
    """Log the exception being handled (with its traceback) and return the log's path."""
    get_logger().error("unexpected error in %s (%s)\n%s", where, what, traceback.format_exc())
    return log_path()
