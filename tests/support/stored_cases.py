"""Synthetic cases for store tests (NHS numbers from the 999 test range)."""

from __future__ import annotations

from datetime import date, datetime

from hlhdesk.core.model import (
    Case,
    CaseDetails,
    Event,
    HlhType,
    MonitoringCheck,
    Observation,
    Patient,
    Sex,
    SteroidFirstLine,
    Treatment,
)

# Valid modulus-11 numbers in the 999 range, generated with nhs_number.
NHS_NUMBERS = ("9990000018", "9990000026", "9990000034")


def full_case(nhs_number: str = NHS_NUMBERS[0], observations: int = 0) -> Case:
    """A case with every field of every type recorded (nothing left None)."""
    extra = tuple(
        Observation(datetime(2026, 10, 4 + i // 24, i % 24), "ferritin", 30000.0 - i, "ug/L", 30000.0 - i, "ng/mL")
        for i in range(observations)
    )
    return Case(
        patient=Patient(
            date_of_birth=date(1984, 5, 17),
            sex=Sex.FEMALE,
            nhs_number=nhs_number,
            hospital_number="RX0012345",
            family_name="Example",
            given_name="Alex",
        ),
        details=CaseDetails(
            referring_hospital="St Elsewhere",
            referring_clinician="Dr A Consultant",
            hlh_type=HlhType.SECONDARY,
            triggers=("rheumatological", "viral_infection"),
            trigger_notes="adult-onset Still's disease; EBV",
            known_immunosuppression=False,
            anakinra_hypersensitivity=False,
            tissue_diagnosis=True,
            steroid_first_line=SteroidFirstLine.INEFFECTIVE,
            cardiomyopathy=False,
            cns_inflammation=True,
            pregnant_or_breastfeeding=False,
            offlabel_consent=True,
            prior_approval_ref="BT-000123",
            episode_starts=(datetime(2026, 10, 3, 10),),
        ),
        observations=(
            Observation(datetime(2026, 10, 3, 8, 0), "ferritin", 38052.0, "ug/L", 38052.0, "ug/L"),
            Observation(datetime(2026, 10, 3, 8, 0), "triglycerides", 3.5, "mmol/L", 310.0, "mg/dL"),
            Observation(datetime(2026, 10, 3, 8, 0, 30, 250), "temperature", 39.6, "degC", 103.28, "degF"),
            Observation(datetime(2026, 10, 3), "splenomegaly", True),
            Observation(datetime(2026, 10, 3), "hepatomegaly", False),
            Observation(datetime(2026, 10, 2), "haemophagocytosis", True, site="bone_marrow"),
            Observation(datetime(2026, 10, 3, 9), "ventilation", "non_invasive"),
            Observation(datetime(2026, 10, 3, 9), "vasopressor", 0.0, "ug/kg/min", 0.0, "ug/kg/min"),
            *extra,
        ),
        treatments=(
            Treatment("anakinra", datetime(2026, 10, 3, 10), None, None, 100.0, 8.0, "sc"),
            Treatment("corticosteroid", datetime(2026, 9, 30), datetime(2026, 10, 6), "dexamethasone", 20.0, 24.0, "iv",
                      alongside=True),
        ),
        events=(Event(datetime(2026, 10, 5, 14), "serious_adverse_event", "anaphylaxis"),),
        monitoring=(MonitoringCheck(datetime(2026, 10, 4, 9), "infection", "CRP, cultures: no active infection"),),
    )


def sparse_case(nhs_number: str | None = None, hospital_number: str = "RX0000001") -> Case:
    """Only what the case file requires: every optional field not recorded."""
    return Case(
        patient=Patient(
            date_of_birth=date(2019, 2, 28),
            sex=Sex.UNKNOWN,
            nhs_number=nhs_number,
            hospital_number=hospital_number,
        )
    )
