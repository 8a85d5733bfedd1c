"""Fixtures the lab tests share with the store and CLI tests: a migrated template
database copied per test, and the in-process `hlhdesk` runner."""

from tests.cli.conftest import cli  # noqa: F401
from tests.store.conftest import db_path, store, template_database  # noqa: F401
