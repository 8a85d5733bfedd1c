"""Where things live: bundled resources, and the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "hlhdesk"
APP_AUTHOR = "hlhdesk"


def resources_dir() -> Path:
    """resources/ from a source checkout, or hlhdesk/resources in a wheel or bundle."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the hlhdesk resources folder is missing from this installation")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The user's data folder (%LOCALAPPDATA%\\hlhdesk on Windows, ~/.local/share/hlhdesk
    on Linux). HLHDESK_DATA_DIR overrides it, which the tests use."""
    override = os.environ.get("HLHDESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    if not path.is_dir():
        # Patient data: the folder is its owner's only (0700), whatever the umask.
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "hlhdesk.sqlite3"


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"
