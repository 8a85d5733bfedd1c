"""Write the synthetic demo cases in resources/demo (case file v1) and their manifest.

Run from the repository root: `python tools/make_demo_cases.py`. The JSON files are the
product; this script only keeps their serial data readable and reproducible. Every
patient is invented, with an NHS number from the 999 test range.

Together the cases touch every branch of policy 210701P: criteria met, excluded by age,
by weight and by hypersensitivity, diagnosis only by HScore or only by ferritin,
responding, not responding at day 14 (at the maximum dose), stopped for a serious adverse
event, resolved, insufficient data, an intravenous course with renal impairment and a
dose above 8 mg/kg/day on an out-of-date weight, and primary HLH by HLH-2004 with IVIg.
Each manifest entry states the outcome the MDT should see at its `as_of`;
tests/core/test_demo_cases.py checks the engine agrees.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo"
UNITS = {"ferritin": "ug/L", "haemoglobin": "g/L", "platelets": "10^9/L", "neutrophils": "10^9/L",
         "wbc": "10^9/L", "triglycerides": "mmol/L", "fibrinogen": "g/L", "ast": "U/L", "alt": "U/L",
         "scd25": "U/mL", "temperature": "degC", "weight": "kg", "crp": "mg/L", "ldh": "U/L",
         "creatinine_clearance": "mL/min", "vasopressor": "ug/kg/min"}


def nhs(serial: int) -> str:
    """A valid NHS number in the 999 test range (modulus 11), never a real patient's.

    Each serial owns ten numbers (serial * 10 to serial * 10 + 9), so skipping a body
    whose check digit would be 10 never lands on the next patient's number.
    """
    for offset in range(10):
        body = f"999{serial * 10 + offset:06d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1)))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return body + str(check)
    raise ValueError(f"no valid NHS number for serial {serial}")


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M")


class Timeline:
    """Observations relative to day 0, in hours or days."""

    def __init__(self, day0: datetime):
        self.day0 = day0
        self.observations: list[dict] = []

    def t(self, day: float, hour: int = 8) -> datetime:
        return datetime.combine((self.day0 + timedelta(days=day)).date(), datetime.min.time()) + timedelta(hours=hour)

    def panel(self, day: float, hour: int = 8, **values) -> None:
        """One set of results at a time; a value may be (value, unit) to enter another unit."""
        at = iso(self.t(day, hour))
        for kind, value in values.items():
            if value is None:
                continue
            item = {"at": at, "kind": kind}
            if isinstance(value, tuple):
                item["value"], item["unit"] = value
            elif isinstance(value, (bool, str)):
                item["value"] = value
            else:
                item["value"], item["unit"] = value, UNITS[kind]
            if kind == "haemophagocytosis":
                item["site"] = "bone_marrow"
            self.observations.append(item)

    def serial(self, days: list[float], hour: int = 8, **columns) -> None:
        for i, day in enumerate(days):
            self.panel(day, hour, **{k: v[i] for k, v in columns.items()})


def document(serial, family, given, dob, sex, details, timeline, treatments=(), events=(), monitoring=()):
    doc = {
        "format": "hlhdesk-case", "version": 1,
        "patient": {"nhs_number": nhs(serial), "hospital_number": f"DEMO{serial:05d}", "family_name": family,
                    "given_name": given, "date_of_birth": dob, "sex": sex},
        "case": {"referring_hospital": "Demo General Hospital", "referring_clinician": "Dr A Demo",
                 **details},
        "observations": timeline.observations,
        "treatments": list(treatments),
        "events": list(events),
    }
    if monitoring:
        doc["monitoring"] = list(monitoring)
    return doc


def details(**kw):
    base = dict(hlh_type="secondary", triggers=["unknown"], trigger_notes=None, known_immunosuppression=False,
                anakinra_hypersensitivity=False, tissue_diagnosis=False, steroid_first_line="ineffective",
                cardiomyopathy=False, cns_inflammation=False, pregnant_or_breastfeeding=False,
                offlabel_consent=True, prior_approval_ref=None)
    base.update(kw)
    return base


def anakinra(tl, day, hour, dose, every, route, stop=None):
    return {"drug": "anakinra", "name": None, "start": iso(tl.t(day, hour)),
            "stop": iso(tl.t(*stop)) if stop else None, "dose_mg": dose, "every_hours": every, "route": route}


def steroid(tl, name, day, hour, dose, every=24, route="iv", stop=None):
    return {"drug": "corticosteroid", "name": name, "start": iso(tl.t(day, hour)),
            "stop": iso(tl.t(*stop)) if stop else None, "dose_mg": dose, "every_hours": every, "route": route}


def event(tl, day, hour, kind, note=None):
    return {"at": iso(tl.t(day, hour)), "kind": kind, "note": note}


def check(tl, day, hour, kind, note=None):
    return {"at": iso(tl.t(day, hour)), "kind": kind, "note": note}


# --- the cases -----------------------------------------------------------------------------


def aosd_criteria_met():
    tl = Timeline(datetime(2026, 10, 12, 10))
    days = [-4, -3, -2, -1, 0]
    tl.serial(days, temperature=[39.2, 39.8, 40.1, 39.6, 39.9],
              ferritin=[4200, 9800, 18500, 31000, 38052], haemoglobin=[112, 104, 96, 91, 88],
              wbc=[14.2, 9.8, 6.1, 4.2, 3.6], platelets=[210, 160, 121, 98, 84], neutrophils=[11.0, 7.6, 4.5, 3.0, 2.4],
              ast=[64, 98, 180, 240, 310], alt=[40, 70, 150, 210, 260], fibrinogen=[4.1, 3.4, 2.6, 2.1, 1.8],
              crp=[180, 210, 160, 120, 95])
    tl.panel(-4, weight=64.0, creatinine_clearance=95)
    tl.panel(-3, 14, hepatomegaly=True, splenomegaly=True)
    tl.panel(-2, triglycerides=2.4, fasting=True, scd25=6800)
    tl.panel(0, triglycerides=(301, "mg/dL"), fasting=True, ventilation="none")
    treatments = [steroid(tl, "methylprednisolone", -3, 12, 1000, stop=(0, 12)),
                  steroid(tl, "prednisolone", 0, 12, 60, route="oral")]
    doc = document(101, "Ashdown", "Priya", "1992-03-08", "female",
                   details(triggers=["rheumatological"], trigger_notes="adult-onset Still's disease",
                           prior_approval_ref="BT-004417"), tl, treatments)
    return ("adult-aosd-criteria-met.json", "Adult-onset Still's disease: criteria met before anakinra",
            tl.t(0, 10), doc, {"eligibility": "eligible", "rules": {
                "DX-HLH2004": "met", "DX-HSCORE": "met", "DX-FERRITIN": "met", "IN-STEROIDS": "met",
                "EX-AGE": "not_met", "EX-WEIGHT": "not_met", "RE-FERRITIN-7D": "not_applicable"}})


def ebv_responding():
    """The worked example: IV anakinra in intensive care, then subcutaneous; responding."""
    tl = Timeline(datetime(2026, 10, 5, 10))
    days = [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 14]
    tl.serial(days,
              temperature=[39.4, 40.2, 39.9, 39.1, 38.6, 38.2, 37.9, 37.6, 37.4, 37.2, 37.1, 36.9, 36.8],
              ferritin=[24000, 41000, 52000, 47800, 44000, 36500, 28900, 21000, 16300, 12400, 6100, 3900, 2300],
              haemoglobin=[98, 89, 84, 82, 80, 83, 86, 88, 91, 94, 99, 104, 110],
              wbc=[2.8, 2.1, 1.6, 1.5, 1.9, 2.4, 3.1, 3.8, 4.6, 5.2, 6.0, 6.4, 6.8],
              neutrophils=[1.4, 0.9, 0.6, 0.6, 0.9, 1.3, 1.9, 2.4, 3.1, 3.6, 4.2, 4.4, 4.6],
              platelets=[88, 61, 42, 39, 45, 58, 74, 96, 118, 142, 180, 214, 236],
              ast=[210, 380, 520, 470, 390, 300, 210, 150, 110, 80, 52, 38, 29],
              alt=[160, 290, 410, 380, 330, 260, 190, 140, 100, 74, 50, 36, 28],
              fibrinogen=[1.9, 1.4, 1.1, 1.2, 1.4, 1.7, 2.0, 2.3, 2.6, 2.9, 3.2, 3.4, 3.5],
              triglycerides=[3.6, 4.4, 4.9, 4.6, 4.1, 3.7, 3.2, 2.8, 2.5, 2.2, 1.9, 1.7, 1.5],
              crp=[160, 190, 175, 150, 120, 90, 64, 41, 30, 22, 12, 8, 5])
    tl.panel(-2, weight=82.0, creatinine_clearance=64, hepatomegaly=True, splenomegaly=True, scd25=14500)
    tl.panel(-1, 14, haemophagocytosis=True)
    tl.panel(-1, 18, vasopressor=0.25, ventilation="invasive", renal_replacement=False)
    tl.panel(0, 6, vasopressor=0.32)
    tl.serial([2, 4, 6], 6, vasopressor=[0.18, 0.05, 0.0])
    tl.serial([7, 9], 11, ventilation=["non_invasive", "none"])
    tl.panel(4, 6, weight=80.5)
    tl.panel(9, 12, splenomegaly=True, hepatomegaly=False)
    tl.panel(14, 12, splenomegaly=False)
    treatments = [steroid(tl, "dexamethasone", -2, 12, 20, stop=(6, 12)),
                  steroid(tl, "dexamethasone", 6, 12, 10),
                  anakinra(tl, 0, 10, 100, 6, "iv", stop=(5, 10)),
                  anakinra(tl, 5, 10, 100, 8, "sc")]
    monitoring = [check(tl, 1, 9, "infection", "blood cultures negative; EBV PCR falling"),
                  check(tl, 1, 9, "allergy", "no reaction to infusion"),
                  check(tl, 8, 9, "infection", "no new infection")]
    doc = document(102, "Brightwell", "Thomas", "1974-07-21", "male",
                   details(triggers=["viral_infection"], trigger_notes="EBV", prior_approval_ref="BT-004502"),
                   tl, treatments, monitoring=monitoring)
    return ("adult-ebv-responding.json", "EBV-driven HLH in intensive care: responding by day 7",
            tl.t(7, 12), doc, {"eligibility": "eligible", "rules": {
                "RE-FERRITIN-7D": "met", "RE-ORGAN-SUPPORT": "met", "RE-STEROID-14D": "met",
                "RE-HSCORE-SERIAL": "met", "ST-NO-RESPONSE": "unknown", "ST-SAE": "not_met", "DO-IV-SWITCH": "not_met", "DO-MAX": "met",
                "MON-INFECTION": "met", "MON-LFT": "met", "MON-NEUTROPHILS": "met", "PREGNANCY": "not_applicable"}})


def lymphoma_no_response():
    tl = Timeline(datetime(2026, 9, 28, 16))
    days = [-1, 0, 2, 4, 6, 9, 11, 13]
    tl.serial(days, temperature=[39.6] * 8,
              ferritin=[13200, 14800, 15900, 14200, 16800, 19500, 20800, 22000],
              haemoglobin=[84, 82, 80, 79, 81, 78, 77, 76], wbc=[2.2, 2.0, 1.9, 1.8, 2.0, 1.7, 1.6, 1.5],
              platelets=[64, 58, 55, 51, 57, 49, 46, 44], neutrophils=[1.1, 1.0, 0.9, 0.9, 1.0, 0.8, 0.8, 0.7],
              ast=[88, 92, 96, 101, 99, 110, 118, 124], alt=[70, 74, 80, 85, 83, 90, 96, 101],
              fibrinogen=[2.0] * 8, triglycerides=[2.8] * 8)
    tl.panel(-1, weight=50.0, creatinine_clearance=78, hepatomegaly=True, splenomegaly=True, scd25=9800)
    tl.panel(0, 12, ventilation="none", vasopressor=0.0, renal_replacement=False)
    tl.panel(3, 12, haemophagocytosis=True)
    treatments = [anakinra(tl, 0, 16, 100, 12, "sc", stop=(4, 16)), anakinra(tl, 4, 16, 100, 6, "sc")]
    monitoring = [check(tl, 1, 10, "infection"), check(tl, 1, 10, "allergy"), check(tl, 8, 10, "infection")]
    doc = document(103, "Carrow", "Margaret", "1959-11-02", "female",
                   details(triggers=["haematological_malignancy"], trigger_notes="suspected T-cell lymphoma",
                           steroid_first_line="would_obscure_diagnosis", prior_approval_ref="BT-004388"),
                   tl, treatments, monitoring=monitoring)
    return ("adult-lymphoma-no-response.json",
            "Suspected lymphoma, steroids withheld: no response at day 14 on 8 mg/kg/day",
            tl.t(15, 10), doc, {"eligibility": "eligible", "rules": {
                "IN-STEROIDS": "met", "RE-FERRITIN-7D": "not_met", "RE-HSCORE-SERIAL": "not_met",
                "RE-ORGAN-SUPPORT": "not_applicable", "RE-STEROID-14D": "not_applicable",
                "ST-NO-RESPONSE": "met", "DO-MAX": "met", "DO-SPECIALIST": "met"}})


def sae_stopped():
    tl = Timeline(datetime(2026, 10, 20, 9))
    tl.serial([-2, -1, 0, 1], temperature=[39.1, 39.7, 40.0, 38.9], ferritin=[8800, 12600, 16400, 15100],
              haemoglobin=[101, 94, 90, 91], wbc=[3.9, 3.1, 2.7, 2.9], platelets=[104, 86, 71, 75],
              neutrophils=[2.6, 2.0, 1.7, 1.9], ast=[70, 96, 140, 120], alt=[60, 80, 111, 104],
              fibrinogen=[2.4, 2.1, 1.9, 2.0], triglycerides=[2.6, 3.1, 3.3, 3.2])
    tl.panel(-2, weight=91.0, creatinine_clearance=88, splenomegaly=True, hepatomegaly=False)
    tl.panel(0, 7, ventilation="none", vasopressor=0.0, renal_replacement=False)
    treatments = [steroid(tl, "methylprednisolone", -2, 10, 500, stop=(1, 10)),
                  anakinra(tl, 0, 9, 100, 8, "sc", stop=(1, 2))]
    events = [event(tl, 1, 1, "serious_adverse_event", "anaphylaxis 20 minutes after the third dose; adrenaline given"),
              event(tl, 1, 1, "hypersensitivity_reaction", "urticaria, wheeze, hypotension")]
    doc = document(104, "Dunmore", "Kwame", "1981-01-30", "male",
                   details(triggers=["bacterial_infection"], trigger_notes="pneumococcal sepsis",
                           prior_approval_ref="BT-004611"), tl, treatments, events)
    return ("adult-sae-stopped.json", "Sepsis-associated HLH: anaphylaxis on day 1, anakinra stopped",
            tl.t(2, 9), doc, {"eligibility": "eligible", "rules": {
                "ST-SAE": "met", "DX-FERRITIN": "met", "ST-NO-RESPONSE": "unknown"}})


def sjia_resolved():
    tl = Timeline(datetime(2026, 9, 14, 11))
    days = [-2, -1, 0, 1, 2, 3, 5, 7, 9, 12]
    tl.serial(days, temperature=[39.9, 40.3, 39.8, 38.9, 38.1, 37.6, 37.2, 37.0, 36.9, 36.8],
              ferritin=[6400, 10400, 12500, 10100, 8200, 6000, 3100, 1500, 820, 410],
              haemoglobin=[96, 92, 90, 91, 94, 97, 101, 106, 110, 114],
              wbc=[6.2, 4.8, 4.1, 4.6, 5.5, 6.8, 8.0, 8.9, 9.1, 9.0],
              platelets=[142, 118, 96, 104, 131, 170, 240, 302, 330, 318],
              neutrophils=[4.1, 3.2, 2.6, 3.0, 3.7, 4.6, 5.4, 6.0, 6.1, 5.9],
              ast=[120, 190, 240, 200, 150, 96, 60, 41, 33, 28], alt=[90, 140, 170, 150, 120, 80, 52, 36, 30, 24],
              fibrinogen=[2.9, 2.2, 1.8, 2.0, 2.4, 2.8, 3.3, 3.6, 3.7, 3.6],
              triglycerides=[2.1, 2.6, 2.9, 2.7, 2.4, 2.1, 1.8, 1.5, 1.3, 1.2])
    tl.panel(-2, weight=21.0, creatinine_clearance=110, hepatomegaly=True, splenomegaly=True)
    tl.panel(0, 9, ventilation="none", vasopressor=0.0, renal_replacement=False)
    treatments = [steroid(tl, "methylprednisolone", -4, 12, 600, stop=(-1, 12)),
                  steroid(tl, "prednisolone", -1, 12, 40, route="oral", stop=(8, 12)),
                  steroid(tl, "prednisolone", 8, 12, 20, route="oral"),
                  anakinra(tl, 0, 11, 50, 12, "sc", stop=(13, 11))]
    events = [event(tl, 12, 14, "hlh_resolved", "MDT: MAS resolved; continue sJIA treatment")]
    monitoring = [check(tl, 1, 9, "infection"), check(tl, 1, 9, "allergy"), check(tl, 7, 9, "infection")]
    doc = document(105, "Eastleigh", "Maisie", "2020-04-11", "female",
                   details(triggers=["rheumatological"], trigger_notes="systemic JIA with MAS",
                           prior_approval_ref="BT-004275"), tl, treatments, events, monitoring)
    return ("child-sjia-resolved.json", "Child with sJIA and MAS: responded, resolution recorded on day 12",
            tl.t(13, 9), doc, {"eligibility": "eligible", "rules": {
                "RE-FERRITIN-7D": "met", "RE-STEROID-14D": "met", "ST-RESOLUTION": "met", "DO-START": "met",
                "EX-AGE": "not_met", "EX-WEIGHT": "not_met"}})


def infant_excluded_age():
    tl = Timeline(datetime(2026, 11, 2, 10))
    tl.serial([-1, 0], temperature=[39.4, 39.8], ferritin=[5200, 8900], haemoglobin=[82, 76],
              platelets=[60, 41], neutrophils=[0.8, 0.6], wbc=[3.0, 2.4], fibrinogen=[1.3, 1.2],
              triglycerides=[3.4, 3.9], ast=[160, 210])
    tl.panel(-1, weight=7.4, splenomegaly=True, hepatomegaly=True, fasting=True)
    doc = document(106, "Fairbairn", "Leo", "2026-05-09", "male",
                   details(hlh_type="primary", triggers=["immunodeficiency"], trigger_notes="sibling with FHL",
                           steroid_first_line="ineffective"), tl)
    return ("infant-excluded-age.json", "Infant aged 5 months: excluded by age (and weight)", tl.t(0, 12), doc,
            {"eligibility": "not_eligible", "rules": {"EX-AGE": "met", "EX-WEIGHT": "met", "DX-HLH2004": "met"}})


def toddler_excluded_weight():
    tl = Timeline(datetime(2026, 10, 26, 10))
    tl.serial([-1, 0], temperature=[39.0, 39.6], ferritin=[11800, 14900], haemoglobin=[88, 81],
              platelets=[72, 58], neutrophils=[1.2, 0.9], wbc=[3.1, 2.6], fibrinogen=[1.6, 1.4], ast=[90, 130])
    tl.panel(-1, weight=9.2, splenomegaly=True)
    doc = document(107, "Gillow", "Ada", "2025-08-01", "female",
                   details(triggers=["viral_infection"], trigger_notes="adenovirus"), tl)
    return ("toddler-excluded-weight.json", "Toddler of 14 months weighing 9.2 kg: excluded by weight", tl.t(0, 12),
            doc, {"eligibility": "not_eligible", "rules": {"EX-WEIGHT": "met", "EX-AGE": "not_met",
                                                          "DX-FERRITIN": "met"}})


def hypersensitivity():
    tl = Timeline(datetime(2026, 10, 8, 10))
    tl.serial([-1, 0], temperature=[39.5, 39.9], ferritin=[21000, 26400], haemoglobin=[92, 86],
              platelets=[90, 77], wbc=[3.4, 3.0], neutrophils=[2.1, 1.8], ast=[150, 190], fibrinogen=[2.0, 1.7],
              triglycerides=[3.0, 3.5])
    tl.panel(-1, weight=70.0, splenomegaly=True, hepatomegaly=True)
    doc = document(108, "Hartigan", "Sean", "1988-02-14", "male",
                   details(triggers=["rheumatological"], trigger_notes="AOSD; anaphylaxis to anakinra in 2023",
                           anakinra_hypersensitivity=True), tl)
    return ("adult-hypersensitivity.json", "Known anaphylaxis to anakinra: excluded", tl.t(0, 12), doc,
            {"eligibility": "not_eligible", "rules": {"EX-HYPERSENSITIVITY": "met", "DX-FERRITIN": "met"}})


def hscore_only():
    tl = Timeline(datetime(2026, 11, 9, 10))
    tl.serial([-2, -1, 0], temperature=[39.2, 39.8, 39.5], ferritin=[5200, 7400, 8000],
              haemoglobin=[95, 89, 85], wbc=[3.4, 2.9, 2.5], platelets=[96, 74, 60], neutrophils=[2.2, 1.8, 1.4],
              ast=[56, 71, 80], fibrinogen=[3.4, 3.1, 3.0], triglycerides=[1.8, 2.0, 2.0], scd25=[None, 1500, None])
    tl.panel(-2, weight=77.0, hepatomegaly=True, splenomegaly=True, nk_activity_low=False)
    tl.panel(-1, fasting=True)
    tl.panel(-1, 15, haemophagocytosis=False)
    doc = document(109, "Ingleby", "Rashid", "1968-06-05", "male",
                   details(triggers=["drug"], trigger_notes="DRESS after carbamazepine"), tl)
    return ("adult-hscore-only.json", "Diagnosis by HScore only (HLH-2004 4 of 8, ferritin 8,000 µg/L)",
            tl.t(0, 12), doc, {"eligibility": "eligible", "rules": {
                "DX-HSCORE": "met", "DX-MHSCORE": "not_applicable", "DX-HLH2004": "not_met", "DX-FERRITIN": "not_met",
                "DX-TISSUE": "not_met"}})


def ferritin_only():
    tl = Timeline(datetime(2026, 11, 3, 10))
    tl.serial([-1, 0], temperature=[37.8, 38.0], ferritin=[(12100, "ng/mL"), (15400, "ng/mL")],
              haemoglobin=[118, 112], wbc=[4.4, 4.1], platelets=[182, 160], neutrophils=[2.9, 2.6],
              ast=[38, 45], fibrinogen=[3.2, 3.0], triglycerides=[(115, "mg/dL"), (106, "mg/dL")])
    tl.panel(-1, weight=58.0, hepatomegaly=False, splenomegaly=False)
    tl.panel(0, 9, temperature=(100.2, "degF"))
    doc = document(110, "Jessop", "Hannah", "1997-09-19", "female",
                   details(triggers=["viral_infection"], trigger_notes="SARS-CoV-2",
                           steroid_first_line="contraindicated"), tl)
    return ("adult-ferritin-only.json", "Diagnosis by ferritin above 10,000 µg/L only (entered in ng/mL)",
            tl.t(0, 12), doc, {"eligibility": "eligible", "rules": {
                "DX-FERRITIN": "met", "DX-HSCORE": "not_met", "DX-MHSCORE": "not_met", "DX-HLH2004": "not_met",
                "IN-STEROIDS": "met"}})


def insufficient_data():
    tl = Timeline(datetime(2026, 11, 16, 10))
    tl.panel(0, temperature=39.2, ferritin=9000)
    doc = document(111, "Kirkby", "Nadia", "1979-12-01", "female",
                   {"hlh_type": "secondary", "triggers": ["unknown"]}, tl)
    return ("adult-insufficient-data.json", "New referral with little data: what to record", tl.t(0, 12), doc,
            {"eligibility": "insufficient_data", "rules": {
                "EX-WEIGHT": "unknown", "IN-STEROIDS": "unknown", "DX-HSCORE": "unknown", "DX-FERRITIN": "not_met",
                "CONSENT-OFFLABEL": "unknown", "GOV-PRIOR-APPROVAL": "unknown"}})


def child_iv_renal_overdose():
    tl = Timeline(datetime(2026, 10, 19, 20))
    tl.serial([-1, 0], temperature=[39.8, 40.2], ferritin=[18800, 26200], haemoglobin=[86, 79],
              platelets=[66, 48], neutrophils=[1.1, 0.8], wbc=[2.9, 2.2], fibrinogen=[1.4, 1.2],
              triglycerides=[3.3, 3.8], ast=[180, 260], alt=[150, 220])
    tl.panel(-10, weight=26.0)
    tl.panel(0, 6, creatinine_clearance=24, vasopressor=0.12, ventilation="invasive", renal_replacement=False,
             splenomegaly=True)
    treatments = [steroid(tl, "dexamethasone", -2, 12, 6), anakinra(tl, 0, 20, 60, 6, "iv")]
    doc = document(112, "Lomax", "Oliver", "2017-03-22", "male",
                   details(triggers=["viral_infection"], trigger_notes="influenza A"), tl, treatments)
    return ("child-iv-renal-overdose.json",
            "Child in PICU: IV anakinra above 8 mg/kg/day on a 10-day-old weight, renal impairment",
            tl.t(1, 9), doc, {"eligibility": "eligible", "rules": {
                "DO-MAX": "not_met", "DO-RENAL": "met", "DO-IV-SWITCH": "met", "DO-START": "met",
                "CONSENT-OFFLABEL": "met", "MON-INFECTION": "unknown"}})


def infant_primary_hlh2004():
    tl = Timeline(datetime(2026, 10, 1, 14))
    tl.serial([-2, -1, 0], temperature=[38.9, 39.2, 39.0], ferritin=[2100, 2900, 3400],
              haemoglobin=[84, 80, 78], platelets=[70, 55, 42], neutrophils=[1.4, 1.2, 1.1], wbc=[4.0, 3.6, 3.2],
              fibrinogen=[2.1, 1.9, 1.8], ast=[50, 62, 70])
    tl.panel(-2, weight=10.4, splenomegaly=True, hepatomegaly=True)
    tl.panel(-1, 16, nk_activity_low=True, scd25=12000)
    tl.panel(1, 9, neutrophils=1.2, alt=58)
    treatments = [steroid(tl, "dexamethasone", -3, 9, 2.5, every=12, stop=(0, 9)),
                  steroid(tl, "dexamethasone", 0, 9, 2.5, every=12),
                  {"drug": "ivig", "name": None, "start": iso(tl.t(0, 16)), "stop": iso(tl.t(1, 16)),
                   "dose_mg": 5000, "every_hours": 24, "route": "iv"},
                  anakinra(tl, 0, 14, 20, 12, "sc")]
    doc = document(113, "Mistry", "Anaya", "2025-10-20", "female",
                   details(hlh_type="primary", triggers=["immunodeficiency"], trigger_notes="PRF1 variant",
                           cns_inflammation=True, prior_approval_ref="BT-004690"), tl, treatments,
                   monitoring=[check(tl, 1, 9, "infection"), check(tl, 1, 9, "allergy")])
    return ("infant-primary-hlh2004.json", "Infant of 11 months with primary HLH by HLH-2004, IVIg for CNS disease",
            tl.t(1, 12), doc, {"eligibility": "eligible", "rules": {
                "DX-HLH2004": "met", "DX-FERRITIN": "not_applicable", "EX-AGE": "not_met", "EX-WEIGHT": "not_met",
                "IVIG-INDICATION": "met", "DO-START": "met", "MON-ALLERGY": "met", "MON-NEUTROPHILS": "met"}})


CASES = (aosd_criteria_met, ebv_responding, lymphoma_no_response, sae_stopped, sjia_resolved,
         infant_excluded_age, toddler_excluded_weight, hypersensitivity, hscore_only, ferritin_only,
         insufficient_data, child_iv_renal_overdose, infant_primary_hlh2004)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for make in CASES:
        name, title, as_of, doc, outcome = make()
        (OUT / name).write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        manifest.append({"file": name, "title": title, "as_of": iso(as_of), "outcome": outcome})
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(manifest)} demo cases to {OUT}")


if __name__ == "__main__":
    main()
