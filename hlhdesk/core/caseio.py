"""Case file v1 (../shared/case-format.md) to and from `Case`.

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
import math
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hlhdesk.core import units
from hlhdesk.core.model import (
    CORTICOSTEROIDS, DRUGS, EVENT_KINDS, MONITORING_KINDS, ROUTES, TRIGGERS, Case, CaseDetails,
    Event, HlhType, MonitoringCheck, Observation, Patient, Sex, SteroidFirstLine, Treatment,
    normalise_nhs_number,
)
from hlhdesk.errors import InputError

FORMAT = "hlhdesk-case"
VERSION = 1
# A real referral is a few hundred kB at most; anything far bigger is refused before it is
# read, so a wrong or hostile file cannot exhaust memory.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SHORT_TEXT = 200  # names, numbers, references
MAX_NOTE_TEXT = 10_000  # free-text notes
MAX_PROBLEMS_SHOWN = 40  # in the message; `problems` keeps them all
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
MAX_DOSE_MG = 500_000  # IVIG 2 g/kg in a large adult is ~200,000 mg
MAX_EVERY_HOURS = 24 * 31


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
    document = data if isinstance(data, dict) else _decode_json(data, source)
    reader = _Reader()
    case = reader.case(document)
    if reader.problems or case is None:
        raise CaseFileError(reader.problems, source)
    return case, reader.warnings


def read_case_file(path: str | os.PathLike) -> Case:
    return read_case_file_with_warnings(path)[0]


def read_case_file_with_warnings(path: str | os.PathLike) -> tuple[Case, list[str]]:
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CaseFileError([_too_big(size)], name)
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)  # a file that grew meanwhile is still capped
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a case file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read ({exc.strerror or exc})") from None
    return parse_case_with_warnings(raw, name)


def _too_big(size: int) -> str:
    return (f"$: the file is {size / 1024 / 1024:.1f} MB; a case file may be at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number a case file may hold")


def _decode_json(data: str | bytes, source: str | None) -> Any:
    if len(data) > MAX_FILE_BYTES:
        raise CaseFileError([_too_big(len(data))], source)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")  # Windows editors often add a byte-order mark
        except UnicodeDecodeError as exc:
            raise CaseFileError([f"$: not UTF-8 text (byte {exc.start})"], source) from None
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
            obj.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))
        return obj


_MISSING = object()
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?")
_ZONE = re.compile(r"(Z|[+-]\d{2}(:?\d{2})?)$", re.IGNORECASE)


def _describe(value: Any) -> str:
    """A short, safe picture of a bad value (never a 5 MB repr)."""
    if isinstance(value, (dict, list, tuple)):
        return "an object" if isinstance(value, dict) else "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Reader:
    """Walks one document, building the Case and collecting every problem on the way.

    Each method returns the converted value, None for "not recorded", or _MISSING after
    recording a problem, so the walk goes on and finds the rest.
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def problem(self, path: str, message: str) -> Any:
        self.problems.append(f"{path}: {message}")
        return _MISSING

    # ---- structure

    def obj(self, value: Any, path: str, known: tuple[str, ...]) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"must be an object, not {_describe(value)}")
            return None
        for key in getattr(value, "duplicates", ()):
            self.problem(_join(path, key), "given twice")
        for key in value:
            if key not in known:
                self.warnings.append(f"{_join(path, str(key))}: unknown field ignored")
        return value

    def array(self, parent: dict, key: str, path: str) -> list:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            self.problem(_join(path, key), f"must be a list, not {_describe(value)}")
            return []
        return list(value)

    def required(self, parent: dict, key: str, path: str) -> Any:
        value = parent.get(key)
        if value is None:
            return self.problem(_join(path, key), "is required")
        return value

    # ---- scalars (each takes the parent object and key; absent or null gives None)

    def text(self, parent: dict, key: str, path: str, limit: int = MAX_SHORT_TEXT) -> Any:
        value = parent.get(key)
        if value is None:
            return None
        where = _join(path, key)
        if not isinstance(value, str):
            return self.problem(where, f"must be text, not {_describe(value)}")
        if len(value) > limit:
            return self.problem(where, f"is {len(value):,} characters long; at most {limit:,}")
        return value if value.strip() else None

    def boolean(self, parent: dict, key: str, path: str) -> Any:
        value = parent.get(key)
        if value is None or isinstance(value, bool):
            return value
        return self.problem(_join(path, key), f"must be true or false, not {_describe(value)}")

    def choice(self, parent: dict, key: str, path: str, choices, required=False) -> Any:
        value = self.required(parent, key, path) if required else parent.get(key)
        if value is None or value is _MISSING:
            return value
        if not isinstance(value, str) or value not in choices:
            return self.problem(
                _join(path, key), f"{_describe(value)} is not one of {', '.join(choices)}")
        return value

    def number(self, parent: dict, key: str, path: str, low: float, high: float, unit: str) -> Any:
        value = parent.get(key)
        if value is None:
            return None
        where = _join(path, key)
        if not _is_number(value):
            return self.problem(where, f"must be a number, not {_describe(value)}")
        if not low < value <= high:
            return self.problem(
                where, f"{units.format_number(value)} {unit} is not plausible "
                       f"(expected more than {units.format_number(low)} and at most "
                       f"{units.format_number(high)})")
        return float(value)

    def day(self, parent: dict, key: str, path: str) -> Any:
        value = self.required(parent, key, path)
        if value is _MISSING:
            return value
        where = _join(path, key)
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            return self.problem(where, f"{_describe(value)} is not a date (use YYYY-MM-DD)")
        try:
            parsed = date.fromisoformat(value)
        except ValueError as exc:
            return self.problem(where, f"'{value}' is not a real date ({exc})")
        return self._in_range(parsed, where)

    def moment(self, parent: dict, key: str, path: str, required: bool = True) -> Any:
        value = self.required(parent, key, path) if required else parent.get(key)
        if value is None or value is _MISSING:
            return value
        where = _join(path, key)
        form = _date_form(value)
        if form == "zoned":
            return self.problem(
                where, f"'{value}' has a time zone; give local clinical time without one "
                       "(e.g. 2026-10-03T08:00)")
        if form is None:
            return self.problem(
                where, f"{_describe(value)} is not a date or date-time (use YYYY-MM-DD or "
                       "YYYY-MM-DDTHH:MM)")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            return self.problem(where, f"'{value}' is not a real {form} ({exc})")
        return self._in_range(parsed, where)

    def _in_range(self, when: date, where: str) -> Any:
        if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
            return self.problem(
                where, f"the year {when.year} is not plausible "
                       f"({EARLIEST_YEAR} to {LATEST_YEAR})")
        return when

    # ---- the document

    def case(self, document: Any) -> Case | None:
        root = self.obj(document, "$", _ROOT_FIELDS)
        if root is None:
            return None
        fmt, version = root.get("format"), root.get("version")
        if fmt != FORMAT:
            self.problem("format", f"must be \"{FORMAT}\", not {_describe(fmt)}")
        if not (isinstance(version, int) and not isinstance(version, bool)):
            self.problem("version", f"must be {VERSION}, not {_describe(version)}")
        elif version != VERSION:
            if version > VERSION:
                self.problem("version", f"this file is version {version}, written by a newer "
                                        f"hlhdesk; this one reads version {VERSION}")
            else:
                self.problem("version", f"must be {VERSION}, not {version}")
        if fmt != FORMAT or version != VERSION:
            return None  # a different kind of file: the rest of its problems would be noise
        patient = self.patient(self.required(root, "patient", ""), "patient")
        born = patient.date_of_birth if patient else None
        details = self.details(root.get("case"), "case")
        observations = self.items(root, "observations", self.observation, born)
        treatments = self.items(root, "treatments", self.treatment, born)
        events = self.items(root, "events", self.event, born)
        monitoring = self.items(root, "monitoring", self.monitoring_check, born)
        if self.problems or patient is None or details is None:
            return None
        return Case(patient, details, observations, treatments, events, monitoring)

    def items(self, root: dict, key: str, read_one, born: date | None) -> tuple:
        read = []
        for index, item in enumerate(self.array(root, key, "")):
            path = f"{key}[{index}]"
            record = read_one(item, path)
            if record is not None:
                self.not_before_birth(record, path, born)
                read.append(record)
        return tuple(read)

    def not_before_birth(self, record: Any, path: str, born: date | None) -> None:
        if born is None:
            return
        field = "start" if isinstance(record, Treatment) else "at"
        when = getattr(record, field)
        if when.date() < born:
            self.problem(f"{path}.{field}",
                         f"{when.date().isoformat()} is before the date of birth ({born.isoformat()})")

    def patient(self, value: Any, path: str) -> Patient | None:
        if value is _MISSING:
            return None
        obj = self.obj(value, path, _PATIENT_FIELDS)
        if obj is None:
            return None
        born = self.day(obj, "date_of_birth", path)
        sex = self.choice(obj, "sex", path, tuple(Sex), required=True)
        nhs = self.text(obj, "nhs_number", path)
        if isinstance(nhs, str):
            try:
                nhs = normalise_nhs_number(nhs)
            except ValueError as exc:
                nhs = self.problem(f"{path}.nhs_number", str(exc))
        hospital = self.text(obj, "hospital_number", path)
        family = self.text(obj, "family_name", path)
        given = self.text(obj, "given_name", path)
        if nhs is None and hospital is None:
            self.problem(path, "give nhs_number or hospital_number (at least one)")
        values = (born, sex, nhs, hospital, family, given)
        if _MISSING in values:
            return None
        return Patient(born, Sex(sex), nhs, hospital, family, given)

    def details(self, value: Any, path: str) -> CaseDetails | None:
        if value is None:
            return CaseDetails()
        obj = self.obj(value, path, _DETAILS_FIELDS)
        if obj is None:
            return None
        found = {name: self.boolean(obj, name, path) for name in _DETAIL_FLAGS}
        for name in ("referring_hospital", "referring_clinician", "prior_approval_ref"):
            found[name] = self.text(obj, name, path)
        found["trigger_notes"] = self.text(obj, "trigger_notes", path, MAX_NOTE_TEXT)
        found["hlh_type"] = self.choice(obj, "hlh_type", path, tuple(HlhType))
        found["steroid_first_line"] = self.choice(
            obj, "steroid_first_line", path, tuple(SteroidFirstLine))
        found["triggers"] = self.triggers(obj, path)
        if _MISSING in found.values():
            return None
        if found["hlh_type"] is not None:
            found["hlh_type"] = HlhType(found["hlh_type"])
        if found["steroid_first_line"] is not None:
            found["steroid_first_line"] = SteroidFirstLine(found["steroid_first_line"])
        return CaseDetails(**found)

    def triggers(self, obj: dict, path: str) -> Any:
        value = obj.get("triggers")
        if value is None:
            return None
        where = f"{path}.triggers"
        if not isinstance(value, (list, tuple)):
            return self.problem(where, f"must be a list, not {_describe(value)}")
        problems_before = len(self.problems)
        for index, trigger in enumerate(value):
            if not isinstance(trigger, str) or trigger not in TRIGGERS:
                self.problem(f"{where}[{index}]",
                             f"{_describe(trigger)} is not one of {', '.join(TRIGGERS)}")
            elif trigger in value[:index]:
                self.problem(f"{where}[{index}]", f"'{trigger}' is listed twice")
        return tuple(value) if len(self.problems) == problems_before else _MISSING

    def observation(self, value: Any, path: str) -> Observation | None:
        obj = self.obj(value, path, _OBSERVATION_FIELDS)
        if obj is None:
            return None
        at = self.moment(obj, "at", path)
        kind = self.required(obj, "kind", path)
        if kind is not _MISSING and (not isinstance(kind, str) or kind not in units.CATALOGUE):
            kind = self.problem(f"{path}.kind", f"unknown observation kind {_describe(kind)}")
        if kind is _MISSING:
            return None
        spec = units.analyte(kind)
        if kind == "haemophagocytosis":
            site = self.choice(obj, "site", path, units.HAEMOPHAGOCYTOSIS_SITES)
        else:
            site = None
            if obj.get("site") is not None:
                self.problem(f"{path}.site", "a site is recorded only for haemophagocytosis")
        if spec.value_type == "number":
            read = self.measurement(obj, path, kind)
        else:
            read = self.finding(obj, path, spec)
        if at is _MISSING or site is _MISSING or read is None:
            return None
        return Observation(at=at, kind=kind, site=site, **read)

    def measurement(self, obj: dict, path: str, kind: str) -> dict | None:
        spec = units.analyte(kind)
        value, unit = self.required(obj, "value", path), self.required(obj, "unit", path)
        if value is not _MISSING and not _is_number(value):
            value = self.problem(f"{path}.value", f"{kind} needs a number, not {_describe(value)}")
        if unit is not _MISSING:
            try:
                if not isinstance(unit, str):
                    raise units.UnitError(f"a unit is text, not {_describe(unit)}")
                spec.conversion(unit)
            except units.UnitError as exc:
                unit = self.problem(f"{path}.unit", str(exc))
        if value is _MISSING or unit is _MISSING:
            return None
        try:
            converted = units.to_canonical(kind, value, unit)
        except units.UnitError as exc:  # what is left is the plausible range
            self.problem(f"{path}.value", str(exc))
            return None
        return dict(value=converted.value, unit=converted.unit,
                    entered_value=converted.entered_value, entered_unit=converted.entered_unit)

    def finding(self, obj: dict, path: str, spec: units.Analyte) -> dict | None:
        if obj.get("unit") is not None:
            self.problem(f"{path}.unit", f"{spec.kind} takes no unit")
        if spec.value_type == "choice":
            value = self.choice(obj, "value", path, spec.choices, required=True)
        else:
            value = self.required(obj, "value", path)
            if value is not _MISSING and not isinstance(value, bool):
                value = self.problem(
                    f"{path}.value", f"{spec.kind} must be true or false, not {_describe(value)}")
        if value is _MISSING or obj.get("unit") is not None:
            return None
        return dict(value=value)

    def treatment(self, value: Any, path: str) -> Treatment | None:
        obj = self.obj(value, path, _TREATMENT_FIELDS)
        if obj is None:
            return None
        drug = self.choice(obj, "drug", path, DRUGS, required=True)
        start = self.moment(obj, "start", path)
        stop = self.moment(obj, "stop", path, required=False)
        if drug == "corticosteroid":
            name = self.choice(obj, "name", path, CORTICOSTEROIDS)
        else:
            name = self.text(obj, "name", path)
        dose = self.number(obj, "dose_mg", path, 0, MAX_DOSE_MG, "mg")
        every = self.number(obj, "every_hours", path, 0, MAX_EVERY_HOURS, "hours")
        route = self.choice(obj, "route", path, ROUTES)
        if isinstance(start, datetime) and isinstance(stop, datetime) and stop < start:
            stop = self.problem(f"{path}.stop", f"{_moment_text(stop)} is before the start ({_moment_text(start)})")
        found = (drug, start, stop, name, dose, every, route)
        if _MISSING in found:
            return None
        return Treatment(drug, start, stop, name, dose, every, route)

    def event(self, value: Any, path: str) -> Event | None:
        return self._dated_note(value, path, EVENT_KINDS, Event)

    def monitoring_check(self, value: Any, path: str) -> MonitoringCheck | None:
        return self._dated_note(value, path, MONITORING_KINDS, MonitoringCheck)

    def _dated_note(self, value: Any, path: str, kinds: tuple[str, ...], make) -> Any:
        obj = self.obj(value, path, _DATED_NOTE_FIELDS)
        if obj is None:
            return None
        at = self.moment(obj, "at", path)
        kind = self.choice(obj, "kind", path, kinds, required=True)
        note = self.text(obj, "note", path, MAX_NOTE_TEXT)
        if _MISSING in (at, kind, note):
            return None
        return make(at, kind, note)


_ROOT_FIELDS = ("format", "version", "patient", "case", "observations", "treatments",
                "events", "monitoring")
_PATIENT_FIELDS = ("nhs_number", "hospital_number", "family_name", "given_name",
                   "date_of_birth", "sex")
_DETAIL_FLAGS = ("known_immunosuppression", "anakinra_hypersensitivity", "tissue_diagnosis",
                 "cardiomyopathy", "cns_inflammation", "pregnant_or_breastfeeding",
                 "offlabel_consent")
_DETAILS_FIELDS = ("referring_hospital", "referring_clinician", "hlh_type", "triggers",
                   "trigger_notes", "steroid_first_line", "prior_approval_ref", *_DETAIL_FLAGS)
_OBSERVATION_FIELDS = ("at", "kind", "value", "unit", "site")
_TREATMENT_FIELDS = ("drug", "name", "start", "stop", "dose_mg", "every_hours", "route")
_DATED_NOTE_FIELDS = ("at", "kind", "note")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path and path != "$" else key


def _date_form(value: Any) -> str | None:
    """"date", "date-time", "zoned" (a date-time with a zone) or None (not a date)."""
    if not isinstance(value, str):
        return None
    if _DATE.fullmatch(value):
        return "date"
    if _DATETIME.fullmatch(value):
        return "date-time"
    if _DATETIME.fullmatch(_ZONE.sub("", value)):
        return "zoned"
    return None


def _is_number(value: Any) -> bool:
    """A real JSON number: not a bool (true is not 1 here), not NaN or infinite."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


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
            **{flag: getattr(d, flag) for flag in _DETAIL_FLAGS},
            "steroid_first_line": _enum_text(d.steroid_first_line),
            "prior_approval_ref": d.prior_approval_ref,
        },
        "observations": [_observation_to_dict(o) for o in case.observations],
        "treatments": [
            {"drug": t.drug, "name": t.name, "start": _moment_text(t.start),
             "stop": _moment_text(t.stop) if t.stop else None,
             "dose_mg": _number_text(t.dose_mg), "every_hours": _number_text(t.every_hours),
             "route": t.route}
            for t in case.treatments
        ],
        "events": [{"at": _moment_text(e.at), "kind": e.kind, "note": e.note} for e in case.events],
    }
    if case.monitoring:  # optional extension: left out when empty so plain v1 files stay plain
        document["monitoring"] = [
            {"at": _moment_text(m.at), "kind": m.kind, "note": m.note} for m in case.monitoring
        ]
    return document


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
    return json.dumps(case_to_dict(case), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


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
