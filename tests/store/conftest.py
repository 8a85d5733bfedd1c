"""Store fixtures. A migrated empty database is built once per session and copied for
each test (as Anki's tests do), so tests do not pay for migrations each time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hlhdesk.store import Store, open_database


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path).close()
    return path


@pytest.fixture
def db_path(template_database, tmp_path) -> Path:
    path = tmp_path / "hlhdesk.sqlite3"
    shutil.copyfile(template_database, path)
    return path


@pytest.fixture
def store(db_path) -> Store:
    opened = open_database(db_path)
    yield opened
    opened.close()
