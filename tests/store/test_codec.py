"""What the codec's fast reading of records relies on: SQLite hands each column back as
the model's own type, so only dates, choices and findings are decoded."""

from __future__ import annotations

import dataclasses
import typing

from hlhdesk.store import codec
from hlhdesk.store.codec import RECORD_TABLES

DECLARED = {str: "TEXT", float: "REAL", int: "INTEGER"}


def test_every_record_table_is_strict(store):
    strict = {name: flag for _, name, _, _, _, flag in store.db.conn.execute("PRAGMA table_list")}
    assert all(strict[table] == 1 for table in RECORD_TABLES.values())


def test_each_column_read_as_stored_is_declared_with_that_type(store):
    for cls, table in RECORD_TABLES.items():
        declared = {name: kind for _, name, kind, *_ in store.db.conn.execute(f"PRAGMA table_info({table})")}
        decoded = {codec.record_columns(cls)[i] for i, _ in codec._record_decoding(cls)}
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            if field.name == "record_id" or field.name in decoded:
                continue
            python_type = next(a for a in (*typing.get_args(hints[field.name]), hints[field.name]) if a in DECLARED)
            assert declared[field.name] == DECLARED[python_type], (table, field.name)
        assert declared["id"] == "INTEGER"


def test_dates_choices_and_findings_are_decoded(store):
    decoded = {cls.__name__: {codec.record_columns(cls)[i] for i, _ in codec._record_decoding(cls)}
               for cls in RECORD_TABLES}
    assert decoded["Observation"] == {"at", "value"}
    assert decoded["Treatment"] == {"start", "stop", "alongside"}
    assert decoded["Event"] == decoded["MonitoringCheck"] == {"at"}
