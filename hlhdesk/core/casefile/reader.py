"""Checks a decoded case file document (v1) field by field and builds the `Case`.

`DocumentReader.case(document)` walks the whole document and collects EVERY problem as
"json.path: message" rather than stopping at the first, so a referral can be fixed in one
pass. hlhdesk.core.casefile.caseio is the public face (decoding, errors, writing); this module is
the field rules: types, choices, units, plausible ranges, dates.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from hlhdesk.core import units
from hlhdesk.core.model import (
    CORTICOSTEROIDS, DRUGS, EVENT_KINDS, MONITORING_KINDS, ROUTES, TRIGGERS, Case, CaseDetails,
    Event, HlhType, MonitoringCheck, Observation, Patient, Sex, SteroidFirstLine, Treatment,
    normalise_nhs_number,
)

FORMAT = "hlhdesk-case"
VERSION = 1
MAX_SHORT_TEXT = 200  # names, numbers, references
MAX_NOTE_TEXT = 10_000  # free-text notes
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
MAX_DOSE_MG = 500_000  # IVIG 2 g/kg in a large adult is ~200,000 mg
MAX_EVERY_HOURS = 24 * 31

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


class DocumentReader:
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
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            # JSON allows an unpaired \ud800 escape, but it is not a character: it cannot be
            # stored or printed, so say where it is rather than fail later in the store.
            return self.problem(where, "holds an unpaired surrogate (\\uD800-\\uDFFF), which is not a character")
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

    def moment(self, parent: dict, key: str, path: str, required: bool = True, where: str | None = None) -> Any:
        value = self.required(parent, key, path) if required else parent.get(key)
        if value is None or value is _MISSING:
            return value
        where = where or _join(path, key)
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
        found = {name: self.boolean(obj, name, path) for name in DETAIL_FLAGS}
        for name in ("referring_hospital", "referring_clinician", "prior_approval_ref"):
            found[name] = self.text(obj, name, path)
        found["trigger_notes"] = self.text(obj, "trigger_notes", path, MAX_NOTE_TEXT)
        found["hlh_type"] = self.choice(obj, "hlh_type", path, tuple(HlhType))
        found["steroid_first_line"] = self.choice(
            obj, "steroid_first_line", path, tuple(SteroidFirstLine))
        found["triggers"] = self.triggers(obj, path)
        found["episode_starts"] = self.moments(obj, "episode_starts", path)
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
        if len(value) > len(TRIGGERS):  # checked first: a hostile file lists 100,000
            return self.problem(where, f"lists {len(value):,} triggers; there are only "
                                       f"{len(TRIGGERS)} kinds, each listed at most once")
        problems_before = len(self.problems)
        seen: set[str] = set()
        for index, trigger in enumerate(value):
            if not isinstance(trigger, str) or trigger not in TRIGGERS:
                self.problem(f"{where}[{index}]",
                             f"{_describe(trigger)} is not one of {', '.join(TRIGGERS)}")
            elif trigger in seen:
                self.problem(f"{where}[{index}]", f"'{trigger}' is listed twice")
            else:
                seen.add(trigger)
        return tuple(value) if len(self.problems) == problems_before else _MISSING

    def moments(self, obj: dict, key: str, path: str) -> Any:
        """An optional list of date-times (case.episode_starts), oldest first."""
        value = obj.get(key)
        if value is None:
            return None
        where = f"{path}.{key}"
        if not isinstance(value, (list, tuple)):
            return self.problem(where, f"must be a list, not {_describe(value)}")
        read = [self.problem(f"{where}[{index}]", "is required") if item is None
                else self.moment({"at": item}, "at", where, where=f"{where}[{index}]")
                for index, item in enumerate(value)]
        if _MISSING in read:
            return _MISSING
        return tuple(sorted(set(read)))

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
        alongside = self.boolean(obj, "alongside", path)
        if isinstance(start, datetime) and isinstance(stop, datetime) and stop < start:
            stop = self.problem(f"{path}.stop", f"{stop.isoformat(timespec='minutes')} is before the start "
                                 f"({start.isoformat(timespec='minutes')})")
        found = (drug, start, stop, name, dose, every, route, alongside)
        if _MISSING in found:
            return None
        return Treatment(drug, start, stop, name, dose, every, route, alongside=bool(alongside))

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
DETAIL_FLAGS = ("known_immunosuppression", "anakinra_hypersensitivity", "tissue_diagnosis",
                 "cardiomyopathy", "cns_inflammation", "pregnant_or_breastfeeding",
                 "offlabel_consent")
_DETAILS_FIELDS = ("referring_hospital", "referring_clinician", "hlh_type", "triggers",
                   "trigger_notes", "steroid_first_line", "prior_approval_ref", "episode_starts",
                   *DETAIL_FLAGS)
_OBSERVATION_FIELDS = ("at", "kind", "value", "unit", "site")
_TREATMENT_FIELDS = ("drug", "name", "start", "stop", "dose_mg", "every_hours", "route", "alongside")
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
