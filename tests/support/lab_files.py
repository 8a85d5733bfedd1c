"""Shared test data for the lab import tests: synthetic patients (999 range) only."""

from datetime import date, datetime

from hlhdesk.core.labs.labcsv import parse_lab_csv
from hlhdesk.core.labs.labimport import CaseTarget
from hlhdesk.core.labs.labnames import TestNameMapping

NHS_A = "9990010005"
NHS_B = "9990010013"
NHS_BAD_CHECK = "9990010006"
NOW = datetime(2026, 11, 1, 12, 0)
MAPPING = TestNameMapping.defaults()
HEADER = "NHS Number,Collected,Test Name,Result,Units"

CASE_A = CaseTarget(1, "EXAMPLE, Alex", date(1984, 5, 17), NHS_A, "RX0012345")
CASE_B = CaseTarget(2, "SAMPLE, Sam", date(2020, 1, 1), NHS_B, None)


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode(encoding)


def parse(*lines: str, header: str = HEADER, encoding: str = "utf-8", now=NOW):
    return parse_lab_csv(csv_bytes(*lines, header=header, encoding=encoding), MAPPING, now=now)


def only_row(*lines: str, **kw):
    rows = parse(*lines, **kw).rows
    assert len(rows) == 1
    return rows[0]
