"""The store fixtures (a migrated template database copied per test) for the lab tests."""

from tests.store.conftest import db_path, store, template_database  # noqa: F401
