"""The diagnostic scores: HScore (Fardet 2014) and its modified variant, HLH-2004 (Henter
2007), and the 2016 EULAR/ACR/PRINTO MAS criteria (information only).

All of them read the same `Snapshot`: for each laboratory item the most abnormal value in
the 7 days up to the time (highest temperature, ferritin, triglycerides, AST, sCD25;
lowest counts and fibrinogen), and for each finding the latest recorded. A missing item
is never read as normal: the HScore becomes a range (lowest and highest possible) and a
criterion becomes `unknown`, and the result lists what to record.

Response is read differently (rules.md revision 2): `Snapshot.take_latest` gives each time
point its own values, the latest of each item in the 72 hours up to it, for
RE-HSCORE-SERIAL and the HScore trajectory (`response_at`).

Two layers share every threshold: the numbers (`hscore_points`, `hlh2004_statuses`),
cheap enough to run at every point of the score series, and the explained results
(`hscore`, `hlh2004`) with evidence and wording, built only where they are shown.
Thresholds are those of policy/rules.md; each has a test on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import NamedTuple

from hlhdesk.core.evaluation import (
    CriteriaResult, Criterion, Evidence, HScoreResult, ScoreItem, ScorePoint, Status,
)
from hlhdesk.core.wording import describe, evidence_from, when
from hlhdesk.core.model import Case, Observation
from hlhdesk.core.timeline import ObservationIndex, clean
from hlhdesk.core.units import WrittenThreshold

# Kinds the scores read; the score series has a point at each time one of them has data.
HIGHEST = ("temperature", "ferritin", "triglycerides", "ast", "scd25")
LOWEST = ("haemoglobin", "wbc", "platelets", "neutrophils", "fibrinogen")
FINDINGS = ("hepatomegaly", "splenomegaly", "nk_activity_low")
SCORE_KINDS = frozenset((*HIGHEST, *LOWEST, *FINDINGS, "haemophagocytosis"))
HLH2004_HAEMOPHAGOCYTOSIS_SITES = ("bone_marrow", "spleen", "lymph_node")
NEONATE_DAYS = 28  # HLH-2004: Hb < 100 g/L (not < 90) under 4 weeks of age
NO_SITE = "site_not_recorded"
RESPONSE_WINDOW = timedelta(hours=72)  # response HScores: each item's latest value in the 72 h up to a time


@dataclass(frozen=True)
class HScoreVariant:
    """Which HScore items count and the threshold a rule applies to it.

    The policy says "modified H score > 132" without defining it, so the modified
    variant is a named local setting, shown by its name wherever it is used.
    """

    name: str
    threshold: int
    excluded_items: frozenset[str] = frozenset()
    description: str = ""


FARDET = HScoreVariant(
    "HScore (Fardet 2014)", 169,
    description="All nine items of Fardet et al. 2014; the policy requires a score above 169.",
)
MODIFIED_WITHOUT_MARROW = HScoreVariant(
    "Modified HScore (local setting: HScore without bone-marrow haemophagocytosis, > 132)",
    132,
    frozenset({"bm_haemophagocytosis"}),
    "The policy does not define 'modified H score'. This setting takes the HScore without "
    "its bone-marrow haemophagocytosis item (maximum 302) and requires a score above 132.",
)

# HLH-2004's ferritin criterion (Henter 2007), ug/L; plots draw it as a line.
HLH2004_FERRITIN_UG_L = 500

# Fardet's published probability table (rules.md). Never a logistic formula.
FARDET_PROBABILITY = (
    (90, "< 1%"), (100, "1%"), (110, "3%"), (120, "5%"), (130, "9%"), (140, "16%"),
    (150, "25%"), (160, "40%"), (170, "54%"), (180, "70%"), (190, "80%"), (200, "88%"),
    (210, "93%"), (220, "96%"), (230, "98%"), (240, "99%"), (250, "> 99%"),
)


def _probability_bounds(score: int) -> tuple[str, str]:
    """The table rows at or below and at or above a score."""
    below, above = FARDET_PROBABILITY[0][1], FARDET_PROBABILITY[-1][1]
    for row, text in FARDET_PROBABILITY:
        if row <= score:
            below = text
        if row >= score:
            above = text
            break
    return below, above


def probability(low: int, high: int | None = None) -> str:
    """Probability of HLH from Fardet's table; between rows, the two rows either side."""
    high = low if high is None else high
    lo_text = _probability_bounds(low)[0]
    hi_text = _probability_bounds(high)[1]
    return lo_text if lo_text == hi_text else f"{lo_text} to {hi_text}"


# --- the inputs at one time --------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What the scores read at one time `at`."""

    at: datetime
    values: dict[str, Observation | None]  # each lab kind's most abnormal value in the window
    findings: dict[str, Observation | None]  # each finding's latest record
    haemophagocytosis: dict[str, Observation]  # the latest record per site
    fasting_triglyceride: Observation | None  # the highest triglyceride marked fasting
    immunosuppression: bool | None
    age_days: int | None

    @classmethod
    def take(cls, index: ObservationIndex, case: Case, at: datetime) -> "Snapshot":
        values = {k: index[k].extreme(at, highest=True) for k in HIGHEST}
        values.update({k: index[k].extreme(at, highest=False) for k in LOWEST})
        findings = {k: index[k].latest(at) for k in FINDINGS}
        sites: dict[str, Observation] = {}
        for o in index["haemophagocytosis"].up_to(at):
            sites[o.site or NO_SITE] = o  # oldest first, so the latest wins
        fasting_at = {o.at for o in index["fasting"].window(at) if o.value is True}
        fasting_tg = None
        if fasting_at:
            for o in index["triglycerides"].window(at):
                if o.at in fasting_at and (fasting_tg is None or o.value >= fasting_tg.value):
                    fasting_tg = o
        dob = case.patient.date_of_birth
        age_days = (at.date() - dob).days if at.date() >= dob else None
        return cls(at, values, findings, sites, fasting_tg, case.details.known_immunosuppression, age_days)

    @classmethod
    def take_latest(cls, index: ObservationIndex, case: Case, at: datetime,
                    span: timedelta = RESPONSE_WINDOW) -> "Snapshot":
        """The time point's own values, for response (rules.md revision 2): per item the
        latest value in the `span` (72 hours) up to `at`; findings the latest record. The
        most-abnormal-of-7-days reading of diagnosis would hide a fall for a week."""
        since = at - span
        values = {}
        for k in (*HIGHEST, *LOWEST):
            latest = index[k].latest(at)
            values[k] = latest if latest is not None and latest.at >= since else None
        findings = {k: index[k].latest(at) for k in FINDINGS}
        sites: dict[str, Observation] = {}
        for o in index["haemophagocytosis"].up_to(at):
            sites[o.site or NO_SITE] = o
        tg = values["triglycerides"]
        fasting = tg is not None and any(o.at == tg.at and o.value is True for o in index["fasting"].window(at, span))
        dob = case.patient.date_of_birth
        age_days = (at.date() - dob).days if at.date() >= dob else None
        return cls(at, values, findings, sites, tg if fasting else None, case.details.known_immunosuppression,
                   age_days)

    @property
    def neonate(self) -> bool:
        return self.age_days is not None and self.age_days < NEONATE_DAYS


def _flag(obs: Observation | None, test) -> Status:
    if obs is None:
        return Status.UNKNOWN
    return Status.MET if test(clean(obs.value)) else Status.NOT_MET


def _finding_status(obs: Observation | None) -> Status:
    if obs is None:
        return Status.UNKNOWN
    return Status.MET if obs.value is True else Status.NOT_MET


def _lineages(s: Snapshot, *, for_hlh2004: bool) -> tuple[tuple[str, str, Status], ...]:
    """Each blood lineage: (name, kind, cytopenic?) by the score's own limits.

    HScore: Hb <= 92 g/L, WBC <= 5.0, platelets <= 110 x10^9/L.
    HLH-2004: Hb < 90 g/L (< 100 under 4 weeks of age), platelets < 100, neutrophils < 1.0.
    """
    if for_hlh2004:
        spec = _HLH2004_NEONATE_LINEAGES if s.neonate else _HLH2004_LINEAGES
    else:
        spec = _HSCORE_LINEAGES
    values = s.values
    return tuple((name, kind, _flag(values[kind], test)) for name, kind, test in spec)


# The limits above, made once (a snapshot asks for them at every point of the series).
_HLH2004_LINEAGES = (("anaemia", "haemoglobin", lambda v: v < 90), ("thrombocytopenia", "platelets", lambda v: v < 100),
                     ("neutropenia", "neutrophils", lambda v: v < 1.0))
_HLH2004_NEONATE_LINEAGES = (("anaemia", "haemoglobin", lambda v: v < 100), *_HLH2004_LINEAGES[1:])
_HSCORE_LINEAGES = (("anaemia", "haemoglobin", lambda v: v <= 92), ("leucopenia", "wbc", lambda v: v <= 5.0),
                    ("thrombocytopenia", "platelets", lambda v: v <= 110))


# --- HScore: the numbers -------------------------------------------------------------------

# Banded items: item -> (label, kind, points for a value, highest points)
BANDS = {
    "temperature": ("Temperature", "temperature", lambda t: 0 if t < 38.4 else 33 if t <= 39.4 else 49, 49),
    "ferritin": ("Ferritin", "ferritin", lambda v: 0 if v < 2000 else 35 if v <= 6000 else 50, 50),
    "triglycerides": ("Triglycerides", "triglycerides", lambda v: 0 if v < 1.5 else 44 if v <= 4 else 64, 64),
    "fibrinogen": ("Fibrinogen", "fibrinogen", lambda v: 30 if v <= 2.5 else 0, 30),
    "ast": ("AST", "ast", lambda v: 19 if v >= 30 else 0, 19),
}
ORGANOMEGALY_POINTS = (0, 23, 38)  # by number of organs enlarged
CYTOPENIA_POINTS = (0, 0, 24, 34)  # by number of lineages
ITEM_ORDER = ("immunosuppression", "temperature", "organomegaly", "cytopenias", "ferritin", "triglycerides",
              "fibrinogen", "ast", "bm_haemophagocytosis")
ITEM_LABELS = {
    "immunosuppression": "Known immunosuppression", "organomegaly": "Organomegaly", "cytopenias": "Cytopenias",
    "bm_haemophagocytosis": "Haemophagocytosis on bone-marrow aspirate",
    **{item: spec[0] for item, spec in BANDS.items()},
}


class ItemPoints(NamedTuple):  # a tuple: made ~10 times per point of the series
    item: str
    points: int | None  # None while an input is missing
    low: int
    high: int


def _counted(item: str, statuses: list[Status], table) -> ItemPoints:
    present, unknown = statuses.count(Status.MET), statuses.count(Status.UNKNOWN)
    low, high = table[present], table[present + unknown]
    return ItemPoints(item, None if unknown else low, low, high)


def _fixed(item: str, known: bool | None, points: int) -> ItemPoints:
    if known is None:
        return ItemPoints(item, None, 0, points)
    value = points if known else 0
    return ItemPoints(item, value, value, value)


def _banded(item: str, s: Snapshot) -> ItemPoints:
    _, kind, points_for, top = BANDS[item]
    obs = s.values[kind]
    if obs is None:
        return ItemPoints(item, None, 0, top)
    p = points_for(clean(obs.value))
    return ItemPoints(item, p, p, p)


def hscore_points(s: Snapshot) -> tuple[ItemPoints, ...]:
    """Each HScore item's points (or bounds while an input is missing), in ITEM_ORDER.

    Written out item by item: it runs at every point of the score series."""
    marrow = s.haemophagocytosis.get("bone_marrow")
    findings = s.findings
    return (
        _fixed("immunosuppression", s.immunosuppression, 18),
        _banded("temperature", s),
        _counted("organomegaly", [_finding_status(findings["hepatomegaly"]), _finding_status(findings["splenomegaly"])],
                 ORGANOMEGALY_POINTS),
        _counted("cytopenias", [st for _, _, st in _lineages(s, for_hlh2004=False)], CYTOPENIA_POINTS),
        _banded("ferritin", s),
        _banded("triglycerides", s),
        _banded("fibrinogen", s),
        _banded("ast", s),
        _fixed("bm_haemophagocytosis", None if marrow is None else marrow.value is True, 35),
    )


def _missing_inputs(s: Snapshot, items: tuple[ItemPoints, ...]) -> tuple[str, ...]:
    """What to record to complete the score: the inputs, not just the item names."""
    out: list[str] = []
    for it in items:
        if it.points is not None:
            continue
        if it.item == "cytopenias":
            out += [name for kind, name in (("haemoglobin", "Haemoglobin"), ("wbc", "White cell count"),
                                            ("platelets", "Platelets")) if s.values[kind] is None]
        elif it.item == "organomegaly":
            out += [f"{k.capitalize()} (yes/no)" for k in ("hepatomegaly", "splenomegaly") if s.findings[k] is None]
        else:
            out.append(ITEM_LABELS[it.item])
    return tuple(out)


class Bounds(NamedTuple):
    """An HScore (or variant) as numbers only: what the series and the rules compare."""

    at: datetime
    low: int
    high: int
    missing: tuple[str, ...]
    threshold: int

    @property
    def complete(self) -> bool:
        return self.low == self.high


def _variant_items(s: Snapshot, variant: HScoreVariant, points=None) -> tuple[ItemPoints, ...]:
    points = points or hscore_points(s)
    if not variant.excluded_items:
        return points
    return tuple(p for p in points if p.item not in variant.excluded_items)


def hscore_bounds(s: Snapshot, variant: HScoreVariant = FARDET, points=None) -> Bounds:
    items = _variant_items(s, variant, points)
    low = high = 0
    for item in items:
        low += item.low
        high += item.high
    return Bounds(s.at, low, high, _missing_inputs(s, items), variant.threshold)


def threshold_status(result: Bounds | HScoreResult) -> Status:
    """Above the threshold for certain, not above it whatever is missing, or not yet known."""
    if result.low > result.threshold:
        return Status.MET
    if result.high <= result.threshold:
        return Status.NOT_MET
    return Status.UNKNOWN


# --- HScore: explained -------------------------------------------------------------------


def _item_evidence(s: Snapshot, item: str) -> tuple[Evidence | None, tuple[Evidence, ...]]:
    """The headline evidence of an item and every input it read."""
    if item in BANDS:
        obs = s.values[BANDS[item][1]]
        ev = evidence_from(obs) if obs else None
        return ev, (ev,) if ev else ()
    if item == "immunosuppression":
        ev = Evidence("Known immunosuppression", s.immunosuppression) if s.immunosuppression is not None else None
        return ev, (ev,) if ev else ()
    if item == "bm_haemophagocytosis":
        marrow = s.haemophagocytosis.get("bone_marrow")
        ev = evidence_from(marrow) if marrow else None
        return ev, (ev,) if ev else ()
    if item == "organomegaly":
        parts = [(k, _finding_status(s.findings[k]), s.findings[k]) for k in ("hepatomegaly", "splenomegaly")]
    else:
        parts = [(name, st, s.values[kind]) for name, kind, st in _lineages(s, for_hlh2004=False)]
    present = ", ".join(name for name, st, _ in parts if st is Status.MET) or "none"
    unknown = sum(1 for _, st, _ in parts if st is Status.UNKNOWN)
    summary = Evidence(ITEM_LABELS[item], present if not unknown else f"{present} ({unknown} not recorded)")
    return summary, tuple(evidence_from(o) for _, _, o in parts if o is not None)


def hscore(s: Snapshot, variant: HScoreVariant = FARDET) -> HScoreResult:
    """The HScore with each item's value, date, unit and points."""
    points = _variant_items(s, variant)
    items = []
    for p in points:
        evidence, inputs = _item_evidence(s, p.item)
        items.append(ScoreItem(p.item, ITEM_LABELS[p.item], p.points, p.low, p.high, evidence, inputs))
    bounds = hscore_bounds(s, variant, points)
    # Fardet's probabilities belong to the full score; a variant without items has none.
    prob = probability(bounds.low, bounds.high) if not variant.excluded_items else "not defined for this variant"
    return HScoreResult(variant=variant.name, low=bounds.low, high=bounds.high, items=tuple(items),
                        missing=bounds.missing, probability=prob, threshold=variant.threshold, at=s.at)


# --- HLH-2004: the statuses ----------------------------------------------------------------


def _combine_any(statuses) -> Status:
    if Status.MET in statuses:
        return Status.MET
    if Status.UNKNOWN in statuses:
        return Status.UNKNOWN
    return Status.NOT_MET


def _triglyceride_status(s: Snapshot) -> Status:
    """Fasting triglycerides >= 3.0 mmol/L.

    A triglyceride counts as fasting when a `fasting: true` finding has the same time.
    A non-fasting value below 3.0 rules this part out (fasting is lower); a non-fasting
    value of 3.0 or more leaves it unknown until a fasting sample is taken.
    """
    if s.fasting_triglyceride is not None:
        return Status.MET if _tg_meets_hlh2004(s.fasting_triglyceride) else Status.NOT_MET
    any_tg = s.values["triglycerides"]
    if any_tg is None:
        return Status.UNKNOWN
    return Status.UNKNOWN if _tg_meets_hlh2004(any_tg) else Status.NOT_MET


# Henter 2007 writes the criterion in both units: 265 mg/dL is 2.99 mmol/L, and meets it.
HLH2004_TRIGLYCERIDES = WrittenThreshold((("mmol/L", "3.0"), ("mg/dL", "265")))


def _tg_meets_hlh2004(o: Observation) -> bool:
    return HLH2004_TRIGLYCERIDES.at_least(o.value, o.unit, o.entered_value, o.entered_unit)


def _haemophagocytosis_status(s: Snapshot) -> Status:
    records = [s.haemophagocytosis[k] for k in HLH2004_HAEMOPHAGOCYTOSIS_SITES if k in s.haemophagocytosis]
    unsited = s.haemophagocytosis.get(NO_SITE)
    if any(o.value is True for o in records):
        return Status.MET
    if unsited is not None and unsited.value is True:
        return Status.UNKNOWN  # seen, but where? The liver does not count.
    return Status.NOT_MET if records else Status.UNKNOWN


def _cytopenias_status(s: Snapshot) -> Status:
    statuses = [st for _, _, st in _lineages(s, for_hlh2004=True)]
    met, unknown = statuses.count(Status.MET), statuses.count(Status.UNKNOWN)
    return Status.MET if met >= 2 else Status.NOT_MET if met + unknown < 2 else Status.UNKNOWN


HLH2004_LABELS = {
    "fever": "Fever ≥ 38.5 °C", "splenomegaly": "Splenomegaly", "cytopenias": "Cytopenias in ≥ 2 of 3 lineages",
    "lipids": "Fasting triglycerides ≥ 3.0 mmol/L and/or fibrinogen ≤ 1.5 g/L",
    "haemophagocytosis": "Haemophagocytosis in marrow, spleen or lymph node",
    "nk_activity": "Low or absent NK-cell activity", "ferritin": "Ferritin ≥ 500 µg/L",
    "scd25": "Soluble CD25 ≥ 2,400 U/mL",
}


def hlh2004_statuses(s: Snapshot) -> dict[str, Status]:
    return {
        "fever": _flag(s.values["temperature"], lambda v: v >= 38.5),
        "splenomegaly": _finding_status(s.findings["splenomegaly"]),
        "cytopenias": _cytopenias_status(s),
        "lipids": _combine_any([_triglyceride_status(s), _flag(s.values["fibrinogen"], lambda v: v <= 1.5)]),
        "haemophagocytosis": _haemophagocytosis_status(s),
        "nk_activity": _finding_status(s.findings["nk_activity_low"]),
        "ferritin": _flag(s.values["ferritin"], lambda v: v >= HLH2004_FERRITIN_UG_L),
        "scd25": _flag(s.values["scd25"], lambda v: v >= 2400),
    }


def overall_hlh2004(statuses) -> tuple[int, int, int, Status]:
    """met, not met, unknown, and the reading: met at 5; not met when 5 cannot be reached."""
    values = list(statuses)
    met, unknown = values.count(Status.MET), values.count(Status.UNKNOWN)
    status = Status.MET if met >= 5 else Status.NOT_MET if met + unknown < 5 else Status.UNKNOWN
    return met, len(values) - met - unknown, unknown, status


# --- HLH-2004: explained -----------------------------------------------------------------


def _hlh2004_evidence(s: Snapshot, cid: str) -> tuple[Evidence, ...]:
    single = {"fever": s.values["temperature"], "splenomegaly": s.findings["splenomegaly"],
              "nk_activity": s.findings["nk_activity_low"], "ferritin": s.values["ferritin"],
              "scd25": s.values["scd25"]}
    if cid in single:
        return (evidence_from(single[cid]),) if single[cid] else ()
    if cid == "cytopenias":
        return tuple(evidence_from(s.values[kind]) for _, kind, _ in _lineages(s, for_hlh2004=True) if s.values[kind])
    if cid == "lipids":
        out = []
        if s.fasting_triglyceride is not None:
            out.append(evidence_from(s.fasting_triglyceride, note="fasting"))
        elif s.values["triglycerides"] is not None:
            out.append(evidence_from(s.values["triglycerides"], note="not recorded as fasting"))
        if s.values["fibrinogen"] is not None:
            out.append(evidence_from(s.values["fibrinogen"]))
        return tuple(out)
    sites = [*HLH2004_HAEMOPHAGOCYTOSIS_SITES, NO_SITE]
    return tuple(evidence_from(s.haemophagocytosis[k]) for k in sites if k in s.haemophagocytosis)


def _hlh2004_missing_text(s: Snapshot, cid: str) -> str:
    if cid == "haemophagocytosis":
        if NO_SITE in s.haemophagocytosis:
            return "Haemophagocytosis recorded without a site: record marrow, spleen or lymph node"
        return "No marrow, spleen or lymph-node examination recorded"
    if cid in ("splenomegaly", "nk_activity"):
        return f"{HLH2004_LABELS[cid]} not recorded"
    if cid == "lipids" and (s.values["triglycerides"] or s.values["fibrinogen"]):
        return "Needs a fasting triglyceride or a fibrinogen"
    return f"Not measured in the 7 days up to {when(s.at)}"


def hlh2004(s: Snapshot) -> CriteriaResult:
    statuses = hlh2004_statuses(s)
    criteria = []
    for cid, status in statuses.items():
        evidence = _hlh2004_evidence(s, cid)
        shown = "; ".join(describe(e) for e in evidence)
        if cid == "cytopenias":
            hb = "Hb < 100 g/L (under 4 weeks of age)" if s.neonate else "Hb < 90 g/L"
            met = sum(1 for _, _, st in _lineages(s, for_hlh2004=True) if st is Status.MET)
            shown = f"{met} of 3 lineages ({hb}, platelets < 100, neutrophils < 1.0 x10⁹/L)" + (
                f": {shown}" if shown else "")
        if status is Status.UNKNOWN:
            detail = _hlh2004_missing_text(s, cid) + (f"; {shown}" if shown else "")
        else:
            detail = shown
        criteria.append(Criterion(cid, HLH2004_LABELS[cid], status, detail, evidence))
    met, not_met, unknown, status = overall_hlh2004(statuses.values())
    return CriteriaResult(
        name="HLH-2004 (Henter 2007)", criteria=tuple(criteria), met=met, not_met=not_met, unknown=unknown,
        needed=5, note=f"{met} of 8 met, {unknown} not assessed: {met + unknown} could still be met",
        status=status, at=s.at,
    )


# --- 2016 MAS (information only) ---------------------------------------------------------

MAS_FEVER_C = 38.0  # the 2016 criteria say "febrile"; 38.0 °C is the usual reading
MAS_CRITERIA = (  # id, label, kind, test
    ("fever", "Febrile (≥ 38.0 °C)", "temperature", lambda v: v >= MAS_FEVER_C),
    ("ferritin", "Ferritin > 684 µg/L", "ferritin", lambda v: v > 684),
    ("platelets", "Platelets ≤ 181 x10⁹/L", "platelets", lambda v: v <= 181),
    ("ast", "AST > 48 U/L", "ast", lambda v: v > 48),
    ("triglycerides", "Triglycerides > 1.76 mmol/L", "triglycerides", lambda v: v > 1.76),
    ("fibrinogen", "Fibrinogen ≤ 3.6 g/L", "fibrinogen", lambda v: v <= 3.6),
)


def mas2016(s: Snapshot) -> CriteriaResult:
    """2016 EULAR/ACR/PRINTO classification of MAS in sJIA. Shown, never deciding eligibility.

    Met when febrile, ferritin > 684 ug/L, and 2 of: platelets <= 181 x10^9/L,
    AST > 48 U/L, triglycerides > 1.76 mmol/L, fibrinogen <= 3.6 g/L.
    """
    criteria = []
    for cid, label, kind, test in MAS_CRITERIA:
        obs = s.values[kind]
        status = _flag(obs, test)
        detail = describe(evidence_from(obs)) if obs else f"Not measured in the 7 days up to {when(s.at)}"
        criteria.append(Criterion(cid, label, status, detail, (evidence_from(obs),) if obs else ()))
    fever, ferritin, *labs = criteria
    labs_met = sum(c.status is Status.MET for c in labs)
    labs_open = sum(c.status is Status.UNKNOWN for c in labs)
    if Status.NOT_MET in (fever.status, ferritin.status) or labs_met + labs_open < 2:
        status = Status.NOT_MET
    elif fever.status is Status.MET and ferritin.status is Status.MET and labs_met >= 2:
        status = Status.MET
    else:
        status = Status.UNKNOWN
    met = sum(c.status is Status.MET for c in criteria)
    not_met = sum(c.status is Status.NOT_MET for c in criteria)
    return CriteriaResult(
        name="2016 EULAR/ACR/PRINTO MAS criteria (sJIA)", criteria=tuple(criteria), met=met, not_met=not_met,
        unknown=len(criteria) - met - not_met, needed=4,
        note="Information only: never decides eligibility. Febrile, ferritin > 684 µg/L and 2 of the 4 "
             "laboratory criteria.",
        status=status, at=s.at,
    )


# --- the series --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoresAt:
    """Every score at one time, as numbers: one point of the series."""

    snapshot: Snapshot
    hscore: Bounds
    modified: Bounds
    hlh2004_met: int
    hlh2004_unknown: int
    hlh2004_status: Status

    @property
    def at(self) -> datetime:
        return self.snapshot.at

def scores_at(index: ObservationIndex, case: Case, at: datetime, modified: HScoreVariant) -> ScoresAt:
    s = Snapshot.take(index, case, at)
    points = hscore_points(s)
    met, _, unknown, status = overall_hlh2004(hlh2004_statuses(s).values())
    return ScoresAt(s, hscore_bounds(s, FARDET, points), hscore_bounds(s, modified, points), met, unknown, status)


@dataclass(frozen=True)
class ResponseAt:
    """The response HScore at one time point: that time's own values (72 hours)."""

    snapshot: Snapshot
    hscore: Bounds
    points: tuple[ItemPoints, ...]
    variant: HScoreVariant  # the modified HScore's, for the plotted series

    @property
    def at(self) -> datetime:
        return self.snapshot.at

    @cached_property
    def modified(self) -> Bounds:
        """Only the plotted series reads it (RE-HSCORE-SERIAL reads the HScore), so it is
        worked out when first asked for."""
        return hscore_bounds(self.snapshot, self.variant, self.points)

    def point(self) -> ScorePoint:
        """The plotted point: the HScore from the time point's own values."""
        return ScorePoint(
            at=self.at, hscore_low=self.hscore.low, hscore_high=self.hscore.high,
            hlh2004_met=None, hlh2004_unknown=None,
            modified_low=self.modified.low, modified_high=self.modified.high, hscore_missing=self.hscore.missing,
        )


def response_at(index: ObservationIndex, case: Case, at: datetime, modified: HScoreVariant) -> ResponseAt:
    s = Snapshot.take_latest(index, case, at)
    points = hscore_points(s)
    return ResponseAt(s, hscore_bounds(s, FARDET, points), points, modified)
