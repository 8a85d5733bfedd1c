"""Read a pathology system's CSV export of lab results: one row per result.

Pure: bytes in, a `LabFile` out. It decides nothing about cases or the database (that is
`hlhdesk.core.labs.labimport`). A problem with the file as a whole (not text, no usable
header, a damaged quote) raises InputError; a problem with one row rejects that row with
its line number and every reason, and the other rows are still read.

Conventions, each chosen so that a value is never guessed:
- Text is UTF-8 (with or without a byte-order mark) or Windows-1252, decoded strictly:
  UTF-8 first, Windows-1252 only when the file is not UTF-8 at all. A file that is UTF-8
  with a few broken bytes is refused rather than shown as mojibake.
- The separator is a comma, a semicolon or a tab, chosen by which one splits the header
  into recognised column names. A row with more fields than the header is refused (an
  unquoted separator may have split a value), unless the extra fields are empty and most
  rows have them (a system that ends every line with a separator).
- The NHS Number and Hospital Number columns mean what they say; a generic Identifier /
  Patient ID column is read only where both are blank. A leading apostrophe or ="..."
  (how exports keep a spreadsheet from mangling an identifier) is removed.
- Dates are day first: dd/mm/yyyy, dd/mm/yyyy HH:MM[:SS], dd-Mon-yyyy [HH:MM], or ISO
  (yyyy-mm-dd[THH:MM[:SS]]). A date without a time is 00:00, as in the case file. A file
  with any date that only reads month first (10/31/2026) is a US-ordered export, so none
  of its dd/mm/yyyy dates is read: 10/03/2026 there is 3 October, not 10 March.
- Values are plain decimals. A semicolon-separated file whose values use a decimal comma
  ("1,5") is read that way, and then a value with a point is refused as ambiguous; a
  comma-separated file never has a decimal comma. Thousands separators are refused, and
  in a semicolon- or tab-separated file (the exports of decimal-comma locales) so is any
  value that could hold one ("38,052", "38.052"), since it could also be 38.052.
- A censored value ("<5", ">100000") is refused: it is a limit of the assay, not a
  measurement, and no number can stand for it honestly.
- The unit must be given and must belong to the test's kind. Common lab spellings
  (µg/L, x10^9/L, ×10⁹/L, 10*9/L, °C) are understood; the conversion is done by
  `hlhdesk.core.units.to_canonical`, which also refuses implausible values.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from hlhdesk.core.labs.labnames import TestNameMapping
from hlhdesk.core.model import Observation, normalise_nhs_number
from hlhdesk.core.units import UnitError, analyte, display_unit, to_canonical
from hlhdesk.errors import InputError

MAX_FILE_BYTES = 64 * 1024 * 1024  # a year of a busy unit's results is a few MB
MAX_VALUE_CHARS = 40
# A pathology export has a dozen columns; a header or row far wider is not one, and is
# refused before the work of splitting 50,000 cells per line.
MAX_COLUMNS = 200
MAX_HEADER_CHARS = 20_000
EARLIEST_RESULT = datetime(1900, 1, 1)
# A result may be timed a little ahead of this computer's clock (a lab analyser's clock
# runs fast); anything later than this is a typing slip or a US-style date.
FUTURE_SLACK = timedelta(hours=1)

# Column roles and the header names that mean them, compared as lower-case letters and
# digits only ("NHS Number", "nhs_number" and "NHS No." all read "nhsnumber"/"nhsno").
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "nhs_number": ("nhsnumber", "nhsno", "nhs", "nhsnum"),
    "hospital_number": ("hospitalnumber", "hospitalno", "mrn", "crn", "unitnumber",
                        "hospitalid", "casenotenumber", "pasnumber", "localpatientid"),
    # Not a bare "ID": on a lab export that is as often the request or specimen number.
    "identifier": ("identifier", "patientidentifier", "patientid"),
    "when": ("date", "collected", "collecteddate", "collectiondate", "datecollected",
             "collectiondatetime", "collecteddatetime", "datetime", "dateandtime",
             "sampledate", "sampledatetime", "sampletaken", "specimendate",
             "specimendatetime", "datetaken", "collectedat", "takenat"),
    "time": ("time", "collectiontime", "collectedtime", "sampletime", "timecollected",
             "timetaken"),
    # Not a bare "Name": on a results export that is the patient's.
    "test_name": ("test", "testname", "analyte", "investigation", "description",
                  "testdescription", "observation", "observationname", "examination"),
    "test_code": ("code", "testcode", "analytecode", "observationcode"),
    "value": ("result", "value", "resultvalue", "observationvalue", "numericresult"),
    "unit": ("units", "unit", "uom", "resultunits", "resultunit", "unitofmeasure",
             "unitsofmeasure"),
}
_ROLE_OF_HEADER = {name: role for role, names in HEADER_NAMES.items() for name in names}
IDENTIFIER_ROLES = ("nhs_number", "hospital_number", "identifier")
TEST_ROLES = ("test_name", "test_code")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
# Separators used where the decimal mark may be a comma and the thousands separator a
# point: there "38,052" and "38.052" could each be 38.052 or 38052.
GROUPING_AMBIGUOUS_DELIMITERS = (";", "\t")


@dataclass(frozen=True)
class LabRow:
    """One result row as read. `observation` is set when the row is usable; otherwise
    `problems` says why not (every reason found, not only the first)."""

    line: int  # the row's first line in the file, counting the header as line 1 if first
    identifier: str
    when: str
    test: str
    value: str
    unit: str
    nhs_number: str | None = None  # the identifier as a valid NHS number
    hospital_number: str | None = None  # the identifier to match as a hospital number
    kind: str | None = None
    observation: Observation | None = None
    problems: tuple[str, ...] = ()

    @property
    def accepted(self) -> bool:
        return self.observation is not None


@dataclass(frozen=True)
class LabFile:
    encoding: str
    delimiter: str
    decimal_mark: str
    columns: dict[str, str]  # role -> header as written in the file
    ignored_columns: tuple[str, ...]
    rows: tuple[LabRow, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def delimiter_name(self) -> str:
        return DELIMITERS[self.delimiter]

    def describe(self) -> str:
        """One line on how the file was read, for the preview."""
        return (f"Read as {self.encoding}, {self.delimiter_name}-separated, decimal mark "
                f"'{self.decimal_mark}'.")


# --------------------------------------------------------------------------- decoding

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name). Strict: UTF-8 (BOM optional), else Windows-1252, else an
    InputError. Never returns text with replacement characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is UTF-16 ('Unicode text'); save it from the "
                         "spreadsheet as 'CSV UTF-8' or 'CSV (comma delimited)'")
    if b"\x00" in data:
        raise InputError("the file contains NUL bytes: it is not a CSV text file")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            raise _broken_utf8(data, exc, offset=3) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            # Real UTF-8 characters elsewhere: reading it as Windows-1252 would turn every
            # one of them into mojibake ("Âµg/L"), so refuse and say where it breaks.
            raise _broken_utf8(data, exc) from None
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"line {line}: the file is neither UTF-8 nor Windows-1252 text "
                         f"(byte 0x{data[exc.start]:02X}); is it a CSV file?") from None


def _broken_utf8(data: bytes, exc: UnicodeDecodeError, offset: int = 0) -> InputError:
    start = exc.start + offset
    line = data[:start].count(b"\n") + 1
    if exc.reason == "unexpected end of data":
        return InputError(f"line {line}: the file ends in the middle of a character; it "
                          "looks cut short, so export it again")
    return InputError(f"line {line}: the file is UTF-8 but has an invalid byte "
                      f"(0x{data[start]:02X}) there; export it again or save it as 'CSV UTF-8'")


# ----------------------------------------------------------------------------- header

def header_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def map_header(cells: list[str]) -> tuple[dict[str, int], list[str], list[str]]:
    """(role -> column index, ignored headers, problems) for one header row."""
    roles: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[str] = []
    for index, cell in enumerate(cells):
        role = _ROLE_OF_HEADER.get(header_key(cell))
        if role is None:
            if cell.strip():
                ignored.append(cell.strip())
        elif role in roles:
            problems.append(f"two columns mean the same thing: '{cells[roles[role]].strip()}' "
                            f"and '{cell.strip()}'")
        else:
            roles[role] = index
    missing = []
    if not any(r in roles for r in IDENTIFIER_ROLES):
        missing.append("an identifier (NHS Number, Hospital Number/MRN or Identifier)")
    if "when" not in roles:
        missing.append("the date taken (Date or Collected)")
    if not any(r in roles for r in TEST_ROLES):
        missing.append("the test (Test, Test Name or Code)")
    if "value" not in roles:
        missing.append("the value (Result or Value)")
    if "unit" not in roles:
        missing.append("the unit (Units); a unit is never guessed")
    if missing:
        problems.append("no column for " + "; ".join(missing))
    return roles, ignored, problems


def _choose_delimiter(header_line: str) -> tuple[str, dict[str, int], list[str], list[str]]:
    """The separator that splits the header into the most recognised columns."""
    best = None
    for delimiter in DELIMITERS:
        cells = next(csv.reader([header_line], delimiter=delimiter), [])
        roles, ignored, problems = map_header(cells)
        score = (not problems, len(roles))
        if best is None or score > best[0]:
            best = (score, delimiter, roles, ignored, problems)
    assert best is not None
    return best[1], best[2], best[3], best[4]


# ------------------------------------------------------------------------------ dates
# re.ASCII throughout: \d would otherwise accept Arabic-Indic and other Unicode digits.

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?"
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})" + _TIME, re.ASCII)
_DMONY = re.compile(r"(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{2}|\d{4})" + _TIME, re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})" + _TIME, re.ASCII)
_TIME_ONLY = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)
DATE_FORMS = "dd/mm/yyyy, dd/mm/yyyy HH:MM, dd-Mon-yyyy or yyyy-mm-dd"


@lru_cache(maxsize=4096)  # a panel of results shares one time, a file a few hundred
def parse_when(text: str, time_text: str = "") -> datetime:
    """A result's date-time as local clinical time. ValueError with a plain reason."""
    text = text.strip()
    if not text:
        raise ValueError("no date")
    parts = _split_date(text)
    if parts is None:
        raise ValueError(f"date '{text}' is not in a form read here ({DATE_FORMS})")
    year_digits, (year, month, day, hour, minute, second) = parts
    if year_digits == 2:
        raise ValueError(f"date '{text}' has a 2-digit year; use 4 digits")
    time_text = time_text.strip()
    if time_text:
        if (hour, minute, second) != (0, 0, 0):
            raise ValueError(f"the date '{text}' has a time and the time column says '{time_text}'")
        m = _TIME_ONLY.fullmatch(time_text)
        if not m:
            raise ValueError(f"time '{time_text}' is not HH:MM (24-hour)")
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        shown = f"{text} {time_text}".strip()
        if is_month_first_only(text):
            raise ValueError(f"'{shown}' is month first (US order); dates are read day "
                             "first, so it is not read") from None
        raise ValueError(f"'{shown}' is not a real date and time (dates are read day first)") from None


def is_month_first_only(text: str) -> bool:
    """True for a slash date that is impossible day first but real month first
    (10/31/2026), the sign of a US-ordered export."""
    m = _DMY.fullmatch(text)
    if not m or not int(m[1]) <= 12 < int(m[2]):
        return False
    try:
        datetime(int(m[3]), int(m[1]), int(m[2]))  # a 2-digit year is refused, but still a sign
    except ValueError:
        return False
    return True


def _split_date(text: str) -> tuple[int, tuple[int, int, int, int, int, int]] | None:
    """(digits in the year, (year, month, day, hour, minute, second)) or None."""
    for pattern, order in ((_DMY, "dmy"), (_DMONY, "dmy"), (_ISO, "ymd")):
        m = pattern.fullmatch(text)
        if not m:
            continue
        first, second, third = m[1], m[2], m[3]
        if order == "ymd":
            year, month, day = int(first), int(second), int(third)
        else:
            day, year = int(first), int(third)
            month = _MONTHS.get(second.casefold(), 0) if second.isalpha() else int(second)
        return len(third if order == "dmy" else first), (
            year, month, day, int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
    return None


# ----------------------------------------------------------------------------- values

_PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?", re.ASCII)
# 1 to 3 digits (no leading zero), a mark, exactly 3 digits: a thousands group or three
# decimals, and only the file's locale could say which.
_GROUPED = re.compile(r"-?[1-9]\d{0,2}[.,]\d{3}", re.ASCII)
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+", re.ASCII)
_CENSORED = re.compile(r"(<=|>=|[<>≤≥])\s*\S.*")


def parse_value(text: str, decimal_mark: str, grouping_ambiguous: bool = False) -> float:
    """A plain decimal number. ValueError with a plain reason otherwise.

    `grouping_ambiguous`: the file's separator is one where "38,052" or "38.052" may hold
    a thousands separator (see GROUPING_AMBIGUOUS_DELIMITERS); such values are refused."""
    text = text.strip()
    if not text:
        raise ValueError("no value")
    if len(text) > MAX_VALUE_CHARS:
        raise ValueError(f"value is {len(text)} characters long; not a lab result")
    if _CENSORED.fullmatch(text):
        raise ValueError(f"'{text}' is a censored value (beyond the assay's limit), not a "
                         "number, so it is not imported; record it by hand if the MDT needs it")
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueError(f"'{text}' is not a number")
    if grouping_ambiguous and _GROUPED.fullmatch(text):
        whole = text.replace(",", "").replace(".", "")
        decimal = text.replace(",", ".")
        raise ValueError(f"'{text}' could be a thousands separator or a decimal mark ({whole} "
                         f"or {decimal}), so it is not imported: export values without "
                         "thousands separators, or record it by hand")
    other_mark = "," if decimal_mark == "." else "."
    if other_mark in text:
        if decimal_mark == ".":
            raise ValueError(f"'{text}' has a comma, but this file's decimal mark is a point: "
                             "thousands separators are not read, and decimal commas only in "
                             "a semicolon-separated file")
        raise ValueError(f"'{text}' has a point but this file's decimal mark is a comma; "
                         "it could be a thousands separator")
    return float(text.replace(",", "."))


def _file_decimal_mark(delimiter: str, values: list[str]) -> str:
    """',' when a semicolon file has a value that can only be a decimal comma ("8,1");
    a value like "1,234" proves nothing, so it does not count."""
    if delimiter == ";" and any(_DECIMAL_COMMA.fullmatch(v) and not _GROUPED.fullmatch(v)
                                for v in values):
        return ","
    return "."


# ------------------------------------------------------------------------------ units

# Lab spellings that mean exactly a catalogue unit (same scale): compared after
# unit_key() has folded case, spaces, the micro sign and the ways of writing 10^9.
_UNIT_ALIASES = {
    "c": "degc", "°c": "degc", "degreesc": "degc", "celsius": "degc",
    "f": "degf", "°f": "degf", "degreesf": "degf", "fahrenheit": "degf",
    "/ul": "/mm3", "cells/ul": "/mm3", "cells/mm3": "/mm3", "permm3": "/mm3",
    "10^3/ul": "10^9/l", "k/ul": "10^9/l",
    "ku/l": "u/ml",
}


def unit_key(text: str) -> str:
    key = "".join(text.split()).casefold()
    key = key.replace("×", "x")  # the multiplication sign of a printed "×10⁹/L"
    key = key.replace("µ", "u").replace("μ", "u").replace("mcg", "ug")
    key = key.replace("⁹", "^9").replace("10³", "10^3").replace("³", "3")  # ×10³/µL, /mm³
    key = re.sub(r"^x?10(?:\^|\*\*|\*|e)9/", "10^9/", key)
    key = re.sub(r"^x?10(?:\^|\*\*|\*|e)3/", "10^3/", key)
    key = key.replace("°c", "degc").replace("°f", "degf")
    return _UNIT_ALIASES.get(key, key)


@lru_cache(maxsize=1024)  # an export repeats a handful of units many thousand times
def match_unit(kind: str, text: str) -> str | None:
    """The catalogue spelling of `text` as a unit of `kind`, or None."""
    key = unit_key(text)
    for unit in analyte(kind).accepted_units:
        if unit_key(unit) == key:
            return unit
    return None


# ------------------------------------------------------------------------------- rows

def parse_lab_csv(data: bytes, mapping: TestNameMapping, now: datetime | None = None) -> LabFile:
    """Read a whole export. Raises InputError when the file as a whole is unusable."""
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"the file is {len(data) // (1024 * 1024)} MB; the limit is "
                         f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Export fewer results at a time")
    text, encoding = decode_text(data)
    source = io.StringIO(text, newline="")  # splits lines exactly as the csv module does
    header_line, header_text = _find_header(source)
    if len(header_text) > MAX_HEADER_CHARS:
        raise InputError(f"line {header_line}: the header is {len(header_text):,} characters long; "
                         "this is not a lab results export (its header names a few columns)")
    try:
        delimiter, roles, ignored, problems = _choose_delimiter(header_text)
    except csv.Error as exc:
        raise InputError(f"line {header_line}: the header cannot be read as CSV ({exc})") from None
    if problems:
        raise InputError(f"line {header_line}: the header is not one this importer reads",
                         problems + [f"found columns: {header_text.strip()[:200]}"])
    rows = _read_rows(source, delimiter, header_line)
    if not rows:
        raise InputError("the file has a header but no result rows")
    decimal_mark = _file_decimal_mark(delimiter, [_cell(c, roles.get("value")) for _, c in rows])
    header_cells = next(csv.reader([header_text], delimiter=delimiter))
    columns = {role: header_cells[i].strip() for role, i in roles.items()}
    conventions = _FileConventions(
        header_width=len(header_cells),
        usual_width=_usual_width(rows),
        decimal_mark=decimal_mark,
        grouping_ambiguous=delimiter in GROUPING_AMBIGUOUS_DELIMITERS,
        month_first=_month_first_date(rows, roles.get("when")),
        now=now or datetime.now(),
    )
    parsed = tuple(_parse_row(line, cells, roles, conventions, mapping) for line, cells in rows)
    return LabFile(encoding, delimiter, decimal_mark, columns, tuple(ignored), parsed)


def read_lab_file(path: str | Path, mapping: TestNameMapping,
                  now: datetime | None = None) -> tuple[LabFile, str]:
    """(the file read, the SHA-256 of its bytes). InputError if it cannot be read."""
    from hlhdesk.input_file import read_input_file

    path = Path(path)
    data = read_input_file(path, MAX_FILE_BYTES, lambda size: InputError(
        f"{path.name} is {size / (1024 * 1024):,.0f} MB; a lab file may be at most "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Export fewer results at a time"))
    return parse_lab_csv(data, mapping, now=now), hashlib.sha256(data).hexdigest()


def _find_header(source: io.StringIO) -> tuple[int, str]:
    """(line number, text) of the header: the first line that is not blank."""
    for number, line in enumerate(source, 1):
        if line.strip().strip(",;\t"):
            return number, line.rstrip("\r\n")
    raise InputError("the file is empty")


def _read_rows(source: io.StringIO, delimiter: str, header_line: int) -> list[tuple[int, list[str]]]:
    """(first line number, cells) of every non-blank row after the header."""
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    rows = []
    previous_end = header_line
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = header_line + reader.line_num
            if len(cells) > MAX_COLUMNS:
                raise InputError(f"line {start}: {len(cells):,} columns; a lab results export "
                                 f"has at most {MAX_COLUMNS}. Nothing was read")
            if any(c.strip() for c in cells):
                rows.append((start, cells))
    except csv.Error as exc:
        raise InputError(f"line {previous_end + 1}: the file cannot be read as CSV from here "
                         f"({exc}); a quote may be left open, or the file is damaged") from None
    return rows


@dataclass(frozen=True)
class _FileConventions:
    """How to read each row: what the file as a whole shows, and the time now."""

    header_width: int
    usual_width: int
    decimal_mark: str
    grouping_ambiguous: bool
    month_first: tuple[int, str] | None  # (line, text) of a date only month-first reads
    now: datetime


def _month_first_date(rows: list[tuple[int, list[str]]], index: int | None) -> tuple[int, str] | None:
    """(line, text) of the file's first month-first-only date: in a US-ordered export,
    10/03/2026 is 3 October."""
    for line, cells in rows:
        text = _cell(cells, index)
        if is_month_first_only(text):
            return line, text
    return None


def _usual_width(rows: list[tuple[int, list[str]]]) -> int:
    """How many fields most rows have (a system may end every row with a separator)."""
    return Counter(len(cells) for _, cells in rows).most_common(1)[0][0]


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _parse_row(line, cells, roles, conventions: _FileConventions, mapping) -> LabRow:
    problems: list[str] = []
    header_width, usual_width = conventions.header_width, conventions.usual_width
    # Extra fields are harmless only when empty and most rows have them (a separator at
    # the end of each line). A row wider than the rest may have had "38,052" split
    # unquoted, with "052" pushed into an empty column and 38 read as the value.
    if len(cells) > header_width and (any(c.strip() for c in cells[header_width:])
                                      or len(cells) > usual_width):
        problems.append(f"has {len(cells)} fields but the header has {header_width} (an "
                        "unquoted separator in a value?)")
    identifier, nhs, hospital = _identifier(cells, roles, problems)
    when_text = _cell(cells, roles.get("when"))
    test = _cell(cells, roles.get("test_name")) or _cell(cells, roles.get("test_code"))
    value_text = _cell(cells, roles.get("value"))
    unit_text = _cell(cells, roles.get("unit"))

    at = _checked(problems, lambda: _checked_when(when_text, _cell(cells, roles.get("time")),
                                                  conventions))
    kind = _test_kind(cells, roles, mapping, problems)
    value = _checked(problems, lambda: parse_value(value_text, conventions.decimal_mark,
                                                   conventions.grouping_ambiguous))
    observation = None
    if kind is not None:
        unit = _checked_unit(kind, unit_text, problems)
        if value is not None and unit is not None:
            try:
                converted = to_canonical(kind, value, unit)
            except UnitError as exc:
                problems.append(str(exc))
            else:
                if not problems and at is not None:
                    observation = Observation(
                        at=at, kind=kind, value=converted.value, unit=converted.unit,
                        entered_value=converted.entered_value, entered_unit=converted.entered_unit,
                    )
    return LabRow(line, identifier, when_text, test, value_text, unit_text, nhs, hospital,
                  kind, observation, tuple(problems))


def _checked(problems: list[str], read):
    try:
        return read()
    except ValueError as exc:
        problems.append(str(exc))
        return None


def _checked_when(when_text: str, time_text: str, conventions: _FileConventions) -> datetime:
    at = parse_when(when_text, time_text)
    if conventions.month_first and _DMY.fullmatch(when_text):
        line, example = conventions.month_first
        raise ValueError(f"line {line} has a month-first date ({example}), so '{when_text}' "
                         "cannot be read day first with confidence; export the dates as "
                         "yyyy-mm-dd or dd-Mon-yyyy")
    return check_result_time(at, conventions.now)


def check_result_time(at: datetime, now: datetime) -> datetime:
    """A result's time as any entry path accepts it (lab file, paste, form): not before
    1900 and not ahead of `now` by more than FUTURE_SLACK. ValueError in words if not."""
    if at < EARLIEST_RESULT:
        raise ValueError(f"date {at:%d/%m/%Y} is before 1900")
    if at > now + FUTURE_SLACK:
        raise ValueError(f"{at:%d/%m/%Y %H:%M} is in the future")
    return at


def _identifier(cells, roles, problems) -> tuple[str, str | None, str | None]:
    """(identifier as shown, NHS number, hospital number). The NHS Number and Hospital
    Number columns say what they hold; a generic Identifier / Patient ID column is read
    only in rows where both are blank, so it never overrides them."""
    nhs_text = _identifier_cell(cells, roles.get("nhs_number"))
    hospital = _identifier_cell(cells, roles.get("hospital_number")) or None
    generic = _identifier_cell(cells, roles.get("identifier"))
    nhs = None
    if nhs_text:
        nhs, problem = _nhs_number(nhs_text)
        if problem:
            problems.append(f"NHS number '{nhs_text[:30]}': {problem}")
    elif generic and not hospital:
        digits = "".join(generic.split())
        if len(digits) == 10 and digits.isascii() and digits.isdigit():
            nhs, problem = _nhs_number(digits)
            if problem:
                problems.append(f"identifier '{generic}' looks like an NHS number but {problem}")
        else:
            hospital = generic
    shown = nhs_text or hospital or generic
    if not shown:
        problems.append("no patient identifier")
    return shown, nhs, hospital


_EXCEL_TEXT_FORMULA = re.compile(r'="(.*)"', re.DOTALL)
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.ASCII | re.IGNORECASE)


def _identifier_cell(cells: list[str], index: int | None) -> str:
    """An identifier without the marks exports use to stop a spreadsheet turning it into
    a number (a leading apostrophe, or ="0012345"); no identifier contains them."""
    text = _cell(cells, index)
    if text.startswith("'"):
        return text[1:].strip()
    if m := _EXCEL_TEXT_FORMULA.fullmatch(text):
        return m[1].strip()
    return text


@lru_cache(maxsize=4096)  # one export holds few patients, each on many rows
def _nhs_number(text: str) -> tuple[str | None, str | None]:
    """(NHS number as 10 digits, None) or (None, why not)."""
    if _SCIENTIFIC.fullmatch(text):
        return None, ("a spreadsheet has turned it into a number in scientific notation and "
                      "its digits are lost; export the column as text")
    if not text.isascii():
        return None, "an NHS number has 10 digits 0-9"
    try:
        return normalise_nhs_number(text), None
    except ValueError as exc:
        return None, str(exc)


def _test_kind(cells, roles, mapping: TestNameMapping, problems) -> str | None:
    name = _cell(cells, roles.get("test_name"))
    code = _cell(cells, roles.get("test_code"))
    if not name and not code:
        problems.append("no test name or code")
        return None
    for text in (name, code):
        if text and (kind := mapping.kind_for(text)):
            return kind
    shown = " / ".join(t for t in (name, code) if t)
    problems.append(f"test '{shown[:60]}' is not in the lab test names list "
                    "(add it there if it is a test the MDT uses)")
    return None


def _checked_unit(kind: str, unit_text: str, problems: list[str]) -> str | None:
    unit = match_unit(kind, unit_text) if unit_text else None
    if unit is None:
        spec = analyte(kind)
        accepted = ", ".join(display_unit(u) for u in spec.accepted_units)
        if unit_text:
            problems.append(f"'{unit_text[:30]}' is not a unit for {spec.label} (use {accepted})")
        else:
            problems.append(f"no unit for {spec.label} (a unit is never guessed; use {accepted})")
    return unit
