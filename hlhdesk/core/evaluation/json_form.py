"""An `Evaluation` as JSON and back, exactly.

`hlhdesk evaluate --json` prints `evaluation_to_dict(ev)`. A signed-off MDT outcome
freezes the same dict, and `evaluation_from_dict` rebuilds an Evaluation equal to the
original (`from_dict(to_dict(ev)) == ev`), so its PDF can be printed again years later
from the frozen copy, whatever the engine has become since.

The shape follows case-format.md: the keys it names (policy, as_of, eligibility, rules,
hscore, hlh2004, ferritin, dosing) are at the top; every other field of the Evaluation is
there too, under its own name. Dates are ISO 8601 local time; statuses their words.
The conversion is driven by the dataclasses' own type hints, so a field added to
evaluation.py is carried without touching this module.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any

from hlhdesk.core.evaluation import types as ev_types
from hlhdesk.core.evaluation import Evaluation

FORMAT = "hlhdesk-evaluation"
FORMAT_VERSION = 1


class EvaluationFormatError(ValueError):
    """A frozen evaluation that cannot be read back (wrong format, missing field)."""


def evaluation_to_dict(ev: Evaluation) -> dict[str, Any]:
    body = _to_plain(ev)
    body["dosing"] = {"courses": body.pop("dosing")}
    ordered = {"format": FORMAT, "format_version": FORMAT_VERSION}
    for key in ("policy", "as_of", "eligibility", "rules", "hscore", "hlh2004", "ferritin", "dosing"):
        ordered[key] = body.pop(key)
    ordered.update(body)
    return ordered


def evaluation_from_dict(data: dict[str, Any]) -> Evaluation:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EvaluationFormatError("not a frozen hlhdesk evaluation")
    if data.get("format_version") != FORMAT_VERSION:
        raise EvaluationFormatError(f"evaluation format version {data.get('format_version')!r} is not supported")
    body = {k: v for k, v in data.items() if k not in ("format", "format_version")}
    dosing = body.get("dosing")
    body["dosing"] = dosing.get("courses", []) if isinstance(dosing, dict) else dosing or []
    try:
        return _from_plain(Evaluation, body)
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationFormatError(f"the frozen evaluation cannot be read: {exc}") from None


# --- generic, by type hints ----------------------------------------------------------------


def _to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_to_plain(v) for v in value]
    if isinstance(value, (frozenset, set)):
        return sorted(_to_plain(v) for v in value)
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(ev_types))


def _from_plain(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _from_union(typing.get_args(hint), value)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], v) for v in value)
        return tuple(_from_plain(a, v) for a, v in zip(args, value, strict=True))
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        fields = {f.name for f in dataclasses.fields(hint)}
        unknown = set(value) - fields
        if unknown:
            raise ValueError(f"{hint.__name__} has no field {sorted(unknown)[0]!r}")
        return hint(**{k: _from_plain(hints[k], v) for k, v in value.items()})
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _from_union(options: tuple, value: Any) -> Any:
    """Optional[X] and the scalar unions of Evidence.value: pick by the JSON type."""
    options = tuple(o for o in options if o is not type(None))
    if len(options) == 1:
        return _from_plain(options[0], value)
    for option in options:  # bool before float: JSON keeps true/false apart from numbers
        if option is bool and isinstance(value, bool):
            return value
        if option is str and isinstance(value, str):
            return value
        if option in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    return value
