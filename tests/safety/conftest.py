"""Shared by the safety tests: the in-process `hlhdesk` runner and a small database."""

from datetime import date, datetime
from pathlib import Path

import pytest

from hlhdesk.core.model import Case, Observation, Patient, Sex
from hlhdesk.store import open_database
from tests.cli.conftest import cli  # noqa: F401 - the fixture, shared


def small_case(family: str = "Example") -> Case:
    return Case(
        Patient(date(1984, 5, 17), Sex.FEMALE, "9990000018", None, family, "Alex"),
        observations=(Observation(at=datetime(2026, 10, 3, 8, 0), kind="ferritin", value=38052.0, unit="µg/L"),),
    )


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "hlhdesk.sqlite3"
    with open_database(path, backups=False) as store:
        store.add_case(small_case())
    return path
