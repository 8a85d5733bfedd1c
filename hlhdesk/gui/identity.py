"""How a patient is named on a meeting screen, with identifiers shown or hidden.

A projector in a wider meeting (trainees, visiting teams) should show only what the
room needs to follow the case: initials and the hospital number, never the full name,
NHS number or date of birth.
"""

from __future__ import annotations

from hlhdesk.core.model import Patient, Sex, format_nhs_number


def patient_of_summary(summary) -> Patient:
    """The store's CaseSummary names a patient with the same fields as Patient."""
    return Patient(
        date_of_birth=summary.date_of_birth,
        sex=Sex(summary.sex) if summary.sex else Sex.UNKNOWN,
        nhs_number=summary.nhs_number,
        hospital_number=summary.hospital_number,
        family_name=summary.family_name,
        given_name=summary.given_name,
    )


def patient_line(patient: Patient, *, hide_identifiers: bool) -> str:
    """One line naming the patient: full, or initials and hospital number only."""
    hospital = f"Hosp. no. {patient.hospital_number}" if patient.hospital_number else "no hospital number"
    if hide_identifiers:
        return f"{patient.initials or '?'} · {hospital}"
    parts = [patient.display_name]
    if patient.nhs_number:
        parts.append(f"NHS {format_nhs_number(patient.nhs_number)}")
    parts.append(hospital)
    return " · ".join(parts)


def identifier_texts(patient: Patient) -> tuple[str, ...]:
    """Every way an identifier can appear in on-screen text (names, NHS number with
    and without spaces, date of birth), for screens that must hide them."""
    texts = [patient.family_name, patient.given_name, patient.nhs_number,
             format_nhs_number(patient.nhs_number), patient.date_of_birth.strftime("%d/%m/%Y")]
    return tuple(t for t in texts if t)
