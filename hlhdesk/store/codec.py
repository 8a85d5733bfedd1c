"""Model dataclasses <-> database rows.

Each dataclass field is one column of the same name. How a value is written and read
back follows from the field's type hint, worked out once per class, so a field added to
the model later is stored correctly as soon as a migration adds its column (and fails
loudly until then).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Callable, Iterable

from hlhdesk.core.model import (
    CaseDetails,
    Event,
    MonitoringCheck,
    Observation,
    Patient,
    Treatment,
)
from hlhdesk.store.errors import StoreError

Record = Observation | Treatment | Event | MonitoringCheck

RECORD_TABLES: dict[type, str] = {
    Observation: "observations",
    Treatment: "treatments",
    Event: "events",
    MonitoringCheck: "monitoring",
}



def record_table(record: object) -> str:
    try:
        return RECORD_TABLES[type(record)]
    except KeyError:
        raise TypeError(f"{type(record).__name__} is not a record the store keeps") from None


def encode(value: Any) -> Any:
    """A Python value as SQLite stores it."""
    if value is None or isinstance(value, str) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return float(value)  # numbers are REAL, so 0 and 1 never read back as booleans
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise StoreError(
                f"{value.isoformat()} has a time zone; clinical times are stored as local time"
            )
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return json.dumps([encode(v) for v in value])
    raise TypeError(f"cannot store a {type(value).__name__}")


@cache
def columns_of(cls: type) -> tuple[str, ...]:
    """The columns of a model class: its fields except the store's own record_id."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "record_id")


@cache
def record_columns(cls: type) -> tuple[str, ...]:
    """What to SELECT to read records back with `records_from`: every field in the class's
    own order, record_id being the row's id."""
    return tuple("id" if f.name == "record_id" else f.name for f in dataclasses.fields(cls))


def to_row(obj: Any) -> dict[str, Any]:
    return {name: encode(getattr(obj, name)) for name in columns_of(type(obj))}


def from_row(cls: type, row: dict[str, Any], record_id: int | None = None) -> Any:
    values = {name: None if row[name] is None else decode(row[name]) for name, decode in _decoders(cls).items()}
    if record_id is not None:
        values["record_id"] = record_id
    return cls(**values)


def records_from(cls: type, rows: Iterable[tuple]) -> tuple:
    """Records of one class from rows selected as `record_columns(cls)` (plain tuples).

    The same decoding as `from_row`, by position, and only of the columns SQLite cannot
    hand back as the model's own type: a case's hundreds of records read back in a
    fraction of the time keyed rows take (the service audit reads every case).
    """
    decoding = _record_decoding(cls)
    records = []
    for row in rows:
        values = list(row)
        for i, decode in decoding:
            if values[i] is not None:
                values[i] = decode(values[i])
        records.append(cls(*values))
    return tuple(records)


def _observation_value(stored: Any) -> float | bool | str:
    # See the observations table: INTEGER is a finding, REAL a number, TEXT a choice.
    return bool(stored) if isinstance(stored, int) else stored


def _tuple_of_str(stored: str) -> tuple[str, ...]:
    return tuple(json.loads(stored))


@cache
def _decoders(cls: type) -> dict[str, Callable[[Any], Any]]:
    """Each column's decoder of a stored value that is not NULL (NULL always reads as None)."""
    hints = typing.get_type_hints(cls)
    return {name: _decoder_for(cls, name, hints[name]) for name in columns_of(cls)}


# The record tables are STRICT (tests/store/test_codec.py checks it): SQLite hands TEXT
# back as str, REAL as float and INTEGER as int, so those columns need no decoding.
_AS_STORED = (str, float, int)


@cache
def _record_decoding(cls: type) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(position, decoder) of each column of `record_columns(cls)` that needs decoding."""
    decoders = _decoders(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    return tuple((i, decoders[name]) for i, name in enumerate(names)
                 if name != "record_id" and decoders[name] not in _AS_STORED)


def _decoder_for(cls: type, name: str, hint: Any) -> Callable[[Any], Any]:
    if cls is Observation and name == "value":
        return _observation_value
    args = {a for a in typing.get_args(hint) if a is not type(None)} if _is_union(hint) else {hint}
    if len(args) != 1:
        raise TypeError(f"{cls.__name__}.{name}: the store does not know how to read {hint}")
    (kind,) = args
    if typing.get_origin(kind) is tuple:
        if typing.get_args(kind)[:1] == (datetime,):
            return lambda stored: tuple(datetime.fromisoformat(v) for v in json.loads(stored))
        return _tuple_of_str
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is bool:
        return bool
    if kind is float:
        return float
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind in (str, int):
        return kind
    raise TypeError(f"{cls.__name__}.{name}: the store does not know how to read {hint}")


def _is_union(hint: Any) -> bool:
    return isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union


# Checked on import: a model field the codec cannot read fails here, at once, not when a
# user first saves a case.
for _cls in (Patient, CaseDetails, *RECORD_TABLES):
    _decoders(_cls)
