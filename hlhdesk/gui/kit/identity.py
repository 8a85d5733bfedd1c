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


HIDDEN = "[hidden]"


def identifier_texts(patient: Patient) -> list[str]:
    """Every way the screen may print this patient's identifiers (not the hospital number,
    which hidden mode keeps): names, NHS number with and without spaces, date of birth."""
    found = [patient.family_name, patient.given_name, patient.nhs_number, format_nhs_number(patient.nhs_number)]
    born = patient.date_of_birth
    found += [f"{born:%d/%m/%Y}", born.isoformat()]
    return sorted({text for text in found if text and text.strip()}, key=len, reverse=True)


def redact(text: str, patient: Patient) -> str:
    """The text with this patient's identifiers replaced by [hidden] (names in any case)."""
    import re

    for identifier in identifier_texts(patient):
        text = re.sub(re.escape(identifier), HIDDEN, text, flags=re.IGNORECASE)
    return text
