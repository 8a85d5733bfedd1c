"""Case file v1 (docs/case-format.md) to and from `Case`.

Reading checks everything and collects EVERY problem, each as "json.path: message"
(`observations[3].unit: 'mg/dL' is not a unit for ferritin (use ug/L, ng/mL)`), into one
`CaseFileError`, so a referral can be fixed in one pass and nothing half-read is stored.

Decisions a reader should know:
- Unknown fields are ignored, the usual JSON convention, so a file written by a newer
  hlhdesk with extra optional fields still reads. They are not ignored silently: each one
  is returned as a warning (`parse_case_with_warnings`) so a misspelt "obsevations" is
  seen rather than lost.
- Numbers are written back as entered (value and unit), so a referral round-trips.
- Dates: "2026-10-03" is 00:00 local time. Date-times carry no zone; a zone is refused
  rather than converted, because the clinical day a value belongs to must not move.
- Blank text ("" or spaces) in an optional field means "not recorded", like null.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from hlhdesk.core import units
from hlhdesk.core.casefile.reader import (  # limits re-exported: tests and callers use them
    DETAIL_FLAGS, FORMAT, MAX_DOSE_MG, MAX_EVERY_HOURS, MAX_NOTE_TEXT, MAX_SHORT_TEXT, VERSION,
    DocumentReader,
)
from hlhdesk.core.model import Case, Observation, Treatment
from hlhdesk.errors import InputError

__all__ = [
    "FORMAT", "VERSION", "MAX_FILE_BYTES", "MAX_SHORT_TEXT", "MAX_NOTE_TEXT", "MAX_DOSE_MG",
    "MAX_EVERY_HOURS", "CaseFileError", "parse_case", "parse_case_with_warnings",
    "read_case_file", "read_case_file_with_warnings", "case_to_dict", "dumps_case",
    "write_case_file",
]

# A real referral is a few hundred kB at most; anything far bigger is refused before it is
# read, so a wrong or hostile file cannot exhaust memory.
# Room for the largest case the store holds comfortably (60,000 observations make about
# 6 MB); every export is checked against it, so what hlhdesk writes it can read again.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 40  # in the message; `problems` keeps them all


class CaseFileError(InputError):
    """A case file that cannot be read. `problems` lists every "json.path: message"."""

    def __init__(self, problems: list[str], source: str | None = None):
        count = len(problems)
        what = f"{source} is not" if source else "this is not"
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{what} a valid hlhdesk case file ({count} {noun})", problems)
        self.source = source

    def __str__(self) -> str:
        head = self.args[0]
        shown = [f"  - {p}" for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            shown.append(f"  ... and {hidden} more")
        return "\n".join([head, *shown])


# ---------------------------------------------------------------- reading


def parse_case(data: str | bytes | dict, source: str | None = None) -> Case:
    """A case from JSON text, UTF-8 bytes or an already-decoded object."""
    return parse_case_with_warnings(data, source)[0]


def parse_case_with_warnings(
    data: str | bytes | dict, source: str | None = None
) -> tuple[Case, list[str]]:
    """As parse_case, and the "json.path: unknown field ignored" notes."""
    is_text = isinstance(data, (str, bytes, bytearray))
    document = _decode_json(data, source) if is_text else data  # already decoded
    reader = DocumentReader()
    case = reader.case(document)
    if reader.problems or case is None:
        raise CaseFileError(reader.problems, source)
    return case, reader.warnings


def read_case_file(path: str | os.PathLike) -> Case:
    return read_case_file_with_warnings(path)[0]


def read_case_file_with_warnings(path: str | os.PathLike) -> tuple[Case, list[str]]:
    from hlhdesk.input_file import read_input_file

    path = Path(path)
    # A name that is not valid UTF-8 (bytes from another system) is shown escaped.
    name = os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")
    raw = read_input_file(path, MAX_FILE_BYTES, lambda size: CaseFileError([_too_big(size)], name))
    return parse_case_with_warnings(raw, name)


def _too_big(size: int) -> str:
    return (f"$: the file is {size / 1024 / 1024:.1f} MB; a case file may be at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a case file may hold")


def _decode_json(data: str | bytes | bytearray, source: str | None) -> Any:
    if len(data) > MAX_FILE_BYTES:
        raise CaseFileError([_too_big(len(data))], source)
    if isinstance(data, (bytes, bytearray)):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CaseFileError([f"$: not UTF-8 text (byte {exc.start})"], source) from None
    data = data.removeprefix("\ufeff")  # Windows editors often add a byte-order mark
    try:
        return json.loads(data, parse_constant=_refuse_constant, object_pairs_hook=_JsonObject.of)
    except json.JSONDecodeError as exc:
        problem = f"$: not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    except ValueError as exc:  # NaN, Infinity, -Infinity
        problem = f"$: not valid JSON: {exc}"
    except RecursionError:
        problem = "$: nested too deeply to be a case file"
    raise CaseFileError([problem], source)


class _JsonObject(dict):
    """A JSON object that remembers keys it saw twice (json keeps only the last)."""

    duplicates: tuple[str, ...] = ()

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> _JsonObject:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated = []
            for key, _ in pairs:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
            obj.duplicates = tuple(repeated)
        return obj


# ---------------------------------------------------------------- writing


def case_to_dict(case: Case) -> dict:
    """The case file document for `case`; numbers as they were entered."""
    p, d = case.patient, case.details
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "patient": {
            "nhs_number": p.nhs_number,
            "hospital_number": p.hospital_number,
            "family_name": p.family_name,
            "given_name": p.given_name,
            "date_of_birth": p.date_of_birth.isoformat(),
            "sex": str(p.sex),
        },
        "case": {
            "referring_hospital": d.referring_hospital,
            "referring_clinician": d.referring_clinician,
            "hlh_type": _enum_text(d.hlh_type),
            "triggers": list(d.triggers) if d.triggers is not None else None,
            "trigger_notes": d.trigger_notes,
            **{flag: getattr(d, flag) for flag in DETAIL_FLAGS},
            "steroid_first_line": _enum_text(d.steroid_first_line),
            "prior_approval_ref": d.prior_approval_ref,
        },
        "observations": [_observation_to_dict(o) for o in case.observations],
        "treatments": [_treatment_to_dict(t) for t in case.treatments],
        "events": [{"at": _moment_text(e.at), "kind": e.kind, "note": e.note} for e in case.events],
    }
    if d.episode_starts:  # optional (revision 2): left out when none, as in plain v1 files
        document["case"]["episode_starts"] = [_moment_text(m) for m in d.episode_starts]
    if case.monitoring:  # optional extension: left out when empty so plain v1 files stay plain
        document["monitoring"] = [
            {"at": _moment_text(m.at), "kind": m.kind, "note": m.note} for m in case.monitoring
        ]
    return document


def _treatment_to_dict(t: Treatment) -> dict:
    item = {"drug": t.drug, "name": t.name, "start": _moment_text(t.start),
            "stop": _moment_text(t.stop) if t.stop else None,
            "dose_mg": _number_text(t.dose_mg), "every_hours": _number_text(t.every_hours),
            "route": t.route}
    if t.alongside:  # optional (revision 2): only written when the MDT marked it
        item["alongside"] = True
    return item


def _observation_to_dict(o: Observation) -> dict:
    item: dict[str, Any] = {"at": _moment_text(o.at), "kind": o.kind}
    if units.analyte(o.kind).value_type == "number":
        entered = o.entered_value is not None and o.entered_unit is not None
        item["value"] = _number_text(o.entered_value if entered else o.value)
        item["unit"] = o.entered_unit if entered else o.unit
    else:
        item["value"] = o.value
    if o.site is not None:
        item["site"] = o.site
    return item


def dumps_case(case: Case) -> str:
    """The case file's text; InputError if it would be too large to import again."""
    text = json.dumps(case_to_dict(case), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise InputError(f"this case would be a {size / 1024 / 1024:.1f} MB case file; a case file "
                         f"may be at most {MAX_FILE_BYTES // 1024 // 1024} MB, so it could not be "
                         "imported again. Nothing was written.")
    return text


def write_case_file(case: Case, path: str | os.PathLike) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a new one."""
    path = Path(path)
    text = dumps_case(case)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _moment_text(moment: datetime) -> str:
    """Midnight as a bare date (the file's own convention); minutes unless there are seconds."""
    if moment.time() == datetime.min.time():
        return moment.date().isoformat()
    if moment.second == 0 and moment.microsecond == 0:
        return moment.strftime("%Y-%m-%dT%H:%M")
    return moment.isoformat()


def _number_text(value: float | None) -> float | int | None:
    """38052 rather than 38052.0 in the file, as a person would type it."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _enum_text(value: Any) -> str | None:
    return None if value is None else str(value)
