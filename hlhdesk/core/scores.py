"""The diagnostic scores: HScore (Fardet 2014) and its modified variant, HLH-2004 (Henter
2007), and the 2016 EULAR/ACR/PRINTO MAS criteria (information only).

All three read the same `Snapshot`: for each laboratory item the most abnormal value in
the 7 days up to the time (highest temperature, ferritin, triglycerides, AST, sCD25;
lowest counts and fibrinogen), and for each finding the latest recorded. A missing item
is never read as normal: the HScore becomes a range (lowest and highest possible) and a
criterion becomes `unknown`, and the result lists what to record.

Thresholds are those of policy/rules.md; every one has a test on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hlhdesk.core.evaluation import (
    CriteriaResult, Criterion, Evidence, HScoreResult, ScoreItem, ScorePoint, Status,
)
from hlhdesk.core.explain import describe, evidence_from, when
from hlhdesk.core.model import Case, Observation
from hlhdesk.core.timeline import ObservationIndex, clean

# Kinds the scores read; the score series has a point at each time one of them has data.
HIGHEST = ("temperature", "ferritin", "triglycerides", "ast", "scd25")
LOWEST = ("haemoglobin", "wbc", "platelets", "neutrophils", "fibrinogen")
FINDINGS = ("hepatomegaly", "splenomegaly", "nk_activity_low")
SCORE_KINDS = frozenset((*HIGHEST, *LOWEST, *FINDINGS, "haemophagocytosis"))
HLH2004_HAEMOPHAGOCYTOSIS_SITES = ("bone_marrow", "spleen", "lymph_node")
NEONATE_DAYS = 28  # HLH-2004: Hb < 100 g/L (not < 90) under 4 weeks of age


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
    fasting_times: frozenset[datetime]  # times of samples recorded as fasting
    immunosuppression: bool | None
    age_days: int | None

    @classmethod
    def take(cls, index: ObservationIndex, case: Case, at: datetime) -> "Snapshot":
        values = {k: index[k].extreme(at, highest=True) for k in HIGHEST}
        values.update({k: index[k].extreme(at, highest=False) for k in LOWEST})
        findings = {k: index[k].latest(at) for k in FINDINGS}
        sites: dict[str, Observation] = {}
        for o in index["haemophagocytosis"].up_to(at):
            sites[o.site or "site_not_recorded"] = o  # oldest first, so the latest wins
        fasting = frozenset(o.at for o in index["fasting"].window(at) if o.value is True)
        dob = case.patient.date_of_birth
        age_days = (at.date() - dob).days if at.date() >= dob else None
        return cls(at, values, findings, sites, fasting, case.details.known_immunosuppression, age_days)


def _flag(obs: Observation | None, test) -> Status:
    if obs is None:
        return Status.UNKNOWN
    return Status.MET if test(clean(obs.value)) else Status.NOT_MET


def _finding_status(obs: Observation | None) -> Status:
    if obs is None:
        return Status.UNKNOWN
    return Status.MET if obs.value is True else Status.NOT_MET


# --- HScore ------------------------------------------------------------------------------


def _item(item: str, label: str, points: int | None, low: int, high: int,
          evidence: Evidence | None = None, inputs: tuple[Evidence, ...] = ()) -> ScoreItem:
    if points is not None:
        low = high = points
    return ScoreItem(item, label, points, low, high, evidence, inputs or ((evidence,) if evidence else ()))


def _banded(item: str, label: str, obs: Observation | None, points_for, top: int) -> ScoreItem:
    if obs is None:
        return _item(item, label, None, 0, top)
    points = points_for(clean(obs.value))
    return _item(item, label, points, points, points, evidence_from(obs))


def _counted(item: str, label: str, flags: list[tuple[str, Status, Evidence | None]], points_for_count) -> ScoreItem:
    """An item scored by how many of its parts are present (lineages, organs)."""
    present = sum(1 for _, s, _ in flags if s is Status.MET)
    unknown = sum(1 for _, s, _ in flags if s is Status.UNKNOWN)
    low, high = points_for_count(present), points_for_count(present + unknown)
    words = ", ".join(name for name, s, _ in flags if s is Status.MET) or "none"
    summary = Evidence(label, words if not unknown else f"{words} ({unknown} not recorded)")
    inputs = tuple(e for _, _, e in flags if e is not None)
    return _item(item, label, low if not unknown else None, low, high, summary, inputs)


def _cytopenia_flags(s: Snapshot, hb_limit: float, wbc_or_neut: str, limits: dict[str, float],
                     strict: bool) -> list[tuple[str, Status, Evidence | None]]:
    """Each lineage: cytopenic (met), not (not_met) or not measured (unknown)."""
    out = []
    for kind, name, limit in (("haemoglobin", "anaemia", hb_limit),
                              (wbc_or_neut, "leucopenia" if wbc_or_neut == "wbc" else "neutropenia", limits[wbc_or_neut]),
                              ("platelets", "thrombocytopenia", limits["platelets"])):
        obs = s.values[kind]
        status = _flag(obs, (lambda v, lim=limit: v < lim) if strict else (lambda v, lim=limit: v <= lim))
        out.append((name, status, evidence_from(obs) if obs else None))
    return out


def _hscore_items(s: Snapshot) -> tuple[ScoreItem, ...]:
    immuno = s.immunosuppression
    immuno_ev = Evidence("Known immunosuppression", immuno) if immuno is not None else None
    organs = []
    for kind in ("hepatomegaly", "splenomegaly"):
        obs = s.findings[kind]
        organs.append((kind, _finding_status(obs), evidence_from(obs) if obs else None))
    marrow = s.haemophagocytosis.get("bone_marrow")
    return (
        _item("immunosuppression", "Known immunosuppression",
              None if immuno is None else (18 if immuno else 0), 0, 18, immuno_ev),
        _banded("temperature", "Temperature", s.values["temperature"],
                lambda t: 0 if t < 38.4 else 33 if t <= 39.4 else 49, 49),
        _counted("organomegaly", "Organomegaly", organs, lambda n: (0, 23, 38)[n]),
        _counted("cytopenias", "Cytopenias",
                 _cytopenia_flags(s, 92, "wbc", {"wbc": 5.0, "platelets": 110}, strict=False),
                 lambda n: (0, 0, 24, 34)[n]),
        _banded("ferritin", "Ferritin", s.values["ferritin"],
                lambda v: 0 if v < 2000 else 35 if v <= 6000 else 50, 50),
        _banded("triglycerides", "Triglycerides", s.values["triglycerides"],
                lambda v: 0 if v < 1.5 else 44 if v <= 4 else 64, 64),
        _banded("fibrinogen", "Fibrinogen", s.values["fibrinogen"], lambda v: 30 if v <= 2.5 else 0, 30),
        _banded("ast", "AST", s.values["ast"], lambda v: 19 if v >= 30 else 0, 19),
        _item("bm_haemophagocytosis", "Haemophagocytosis on bone-marrow aspirate",
              None if marrow is None else (35 if marrow.value is True else 0), 0, 35,
              evidence_from(marrow) if marrow else None),
    )


def _missing(items: tuple[ScoreItem, ...], snapshot: Snapshot) -> tuple[str, ...]:
    """What to record to complete the score: the inputs, not just the item names."""
    out: list[str] = []
    for it in items:
        if it.points is not None:
            continue
        if it.item == "cytopenias":
            out += [name for kind, name in (("haemoglobin", "Haemoglobin"), ("wbc", "White cell count"),
                                            ("platelets", "Platelets")) if snapshot.values[kind] is None]
        elif it.item == "organomegaly":
            out += [f"{k.capitalize()} (yes/no)" for k in ("hepatomegaly", "splenomegaly")
                    if snapshot.findings[k] is None]
        else:
            out.append(it.label)
    return tuple(out)


def _result(items: tuple[ScoreItem, ...], variant: HScoreVariant, snapshot: Snapshot) -> HScoreResult:
    low = sum(i.min_points for i in items)
    high = sum(i.max_points for i in items)
    # Fardet's probabilities belong to the full score; a variant without items has none.
    prob = probability(low, high) if not variant.excluded_items else "not defined for this variant"
    return HScoreResult(
        variant=variant.name, low=low, high=high, items=items, missing=_missing(items, snapshot),
        probability=prob, threshold=variant.threshold, at=snapshot.at,
    )


def hscore(snapshot: Snapshot, variant: HScoreVariant = FARDET) -> HScoreResult:
    items = tuple(i for i in _hscore_items(snapshot) if i.item not in variant.excluded_items)
    return _result(items, variant, snapshot)


def hscore_pair(snapshot: Snapshot, modified: HScoreVariant) -> tuple[HScoreResult, HScoreResult]:
    """The HScore and its modified variant from one set of items (computed once)."""
    items = _hscore_items(snapshot)
    return (_result(items, FARDET, snapshot),
            _result(tuple(i for i in items if i.item not in modified.excluded_items), modified, snapshot))


def threshold_status(result: HScoreResult) -> Status:
    """Above the threshold for certain, not above it whatever is missing, or not yet known."""
    if result.low > result.threshold:
        return Status.MET
    if result.high <= result.threshold:
        return Status.NOT_MET
    return Status.UNKNOWN


# --- HLH-2004 ----------------------------------------------------------------------------


def _criterion(cid: str, label: str, status: Status, evidence: tuple[Evidence, ...], missing_text: str,
               met_text: str = "", not_met_text: str = "") -> Criterion:
    if status is Status.UNKNOWN and not evidence:
        detail = missing_text
    else:
        shown = "; ".join(describe(e) for e in evidence)
        lead = met_text if status is Status.MET else not_met_text if status is Status.NOT_MET else missing_text
        detail = f"{lead}: {shown}" if lead and shown else lead or shown
    return Criterion(cid, label, status, detail, evidence)


def _numeric_criterion(s: Snapshot, cid: str, label: str, kind: str, test, what: str) -> Criterion:
    obs = s.values[kind]
    status = _flag(obs, test)
    ev = (evidence_from(obs),) if obs else ()
    return _criterion(cid, label, status, ev, f"No {what} in the 7 days up to {when(s.at)}")


def _finding_criterion(s: Snapshot, cid: str, label: str, kind: str) -> Criterion:
    obs = s.findings[kind]
    return _criterion(cid, label, _finding_status(obs), (evidence_from(obs),) if obs else (),
                      f"{label} not recorded")


def _combine_any(statuses: list[Status]) -> Status:
    if Status.MET in statuses:
        return Status.MET
    if Status.UNKNOWN in statuses:
        return Status.UNKNOWN
    return Status.NOT_MET


def _lipids_criterion(s: Snapshot, index: ObservationIndex) -> Criterion:
    """Fasting triglycerides >= 3.0 mmol/L and/or fibrinogen <= 1.5 g/L.

    A triglyceride counts as fasting when a `fasting: true` finding has the same time.
    A non-fasting value below 3.0 rules the triglyceride part out (fasting is lower);
    a non-fasting value of 3.0 or more leaves it unknown until a fasting sample is taken.
    """
    tgs = index["triglycerides"].window(s.at)
    fasting = [o for o in tgs if o.at in s.fasting_times]
    if fasting:
        top = max(fasting, key=lambda o: (o.value, o.at))
        tg_status = Status.MET if clean(top.value) >= 3.0 else Status.NOT_MET
        tg_ev = (evidence_from(top, note="fasting"),)
    elif tgs:
        top = max(tgs, key=lambda o: (o.value, o.at))
        tg_status = Status.NOT_MET if clean(top.value) < 3.0 else Status.UNKNOWN
        tg_ev = (evidence_from(top, note="not recorded as fasting"),)
    else:
        tg_status, tg_ev = Status.UNKNOWN, ()
    fib = s.values["fibrinogen"]
    fib_status = _flag(fib, lambda v: v <= 1.5)
    status = _combine_any([tg_status, fib_status])
    evidence = tg_ev + ((evidence_from(fib),) if fib else ())
    missing = "No fasting triglyceride or fibrinogen in the 7 days up to " + when(s.at)
    if status is Status.UNKNOWN and evidence:
        missing = "Needs a fasting triglyceride or a fibrinogen"
    return _criterion("lipids", "Fasting triglycerides ≥ 3.0 mmol/L and/or fibrinogen ≤ 1.5 g/L",
                      status, evidence, missing)


def _haemophagocytosis_criterion(s: Snapshot) -> Criterion:
    records = [s.haemophagocytosis[site] for site in HLH2004_HAEMOPHAGOCYTOSIS_SITES if site in s.haemophagocytosis]
    unsited = s.haemophagocytosis.get("site_not_recorded")
    if any(o.value is True for o in records):
        status = Status.MET
    elif unsited is not None and unsited.value is True:
        status = Status.UNKNOWN  # seen, but where? The liver does not count.
        records.append(unsited)
    elif records:
        status = Status.NOT_MET
    else:
        status = Status.UNKNOWN
    missing = ("Haemophagocytosis recorded without a site: record marrow, spleen or lymph node"
               if unsited is not None and status is Status.UNKNOWN
               else "No marrow, spleen or lymph-node examination recorded")
    return _criterion("haemophagocytosis", "Haemophagocytosis in marrow, spleen or lymph node",
                      status, tuple(evidence_from(o) for o in records), missing)


def _cytopenias_criterion(s: Snapshot) -> Criterion:
    neonate = s.age_days is not None and s.age_days < NEONATE_DAYS
    flags = _cytopenia_flags(s, 100 if neonate else 90, "neutrophils",
                             {"neutrophils": 1.0, "platelets": 100}, strict=True)
    met = sum(1 for _, st, _ in flags if st is Status.MET)
    unknown = sum(1 for _, st, _ in flags if st is Status.UNKNOWN)
    status = Status.MET if met >= 2 else Status.NOT_MET if met + unknown < 2 else Status.UNKNOWN
    hb_rule = "Hb < 100 g/L (under 4 weeks of age)" if neonate else "Hb < 90 g/L"
    lead = f"{met} of 3 lineages ({hb_rule}, platelets < 100, neutrophils < 1.0 x10⁹/L)"
    ev = tuple(e for _, _, e in flags if e is not None)
    return _criterion("cytopenias", "Cytopenias in ≥ 2 of 3 lineages", status, ev,
                      f"{lead}; {unknown} not measured in the 7 days up to {when(s.at)}"
                      if status is Status.UNKNOWN else lead, lead, lead)


def hlh2004(snapshot: Snapshot, index: ObservationIndex) -> CriteriaResult:
    s = snapshot
    criteria = (
        _numeric_criterion(s, "fever", "Fever ≥ 38.5 °C", "temperature", lambda v: v >= 38.5, "temperature"),
        _finding_criterion(s, "splenomegaly", "Splenomegaly", "splenomegaly"),
        _cytopenias_criterion(s),
        _lipids_criterion(s, index),
        _haemophagocytosis_criterion(s),
        _finding_criterion(s, "nk_activity", "Low or absent NK-cell activity", "nk_activity_low"),
        _numeric_criterion(s, "ferritin", "Ferritin ≥ 500 µg/L", "ferritin", lambda v: v >= 500, "ferritin"),
        _numeric_criterion(s, "scd25", "Soluble CD25 ≥ 2,400 U/mL", "scd25", lambda v: v >= 2400,
                           "soluble CD25 (sIL-2R)"),
    )
    met = sum(c.status is Status.MET for c in criteria)
    not_met = sum(c.status is Status.NOT_MET for c in criteria)
    unknown = len(criteria) - met - not_met
    status = Status.MET if met >= 5 else Status.NOT_MET if met + unknown < 5 else Status.UNKNOWN
    return CriteriaResult(
        name="HLH-2004 (Henter 2007)", criteria=criteria, met=met, not_met=not_met, unknown=unknown,
        needed=5, note=f"{met} of 8 met, {unknown} not assessed: {met + unknown} could still be met",
        status=status, at=s.at,
    )


# --- 2016 MAS (information only) ---------------------------------------------------------

MAS_FEVER_C = 38.0  # the 2016 criteria say "febrile"; 38.0 °C is the usual reading


def mas2016(snapshot: Snapshot) -> CriteriaResult:
    """2016 EULAR/ACR/PRINTO classification of MAS in sJIA. Shown, never deciding eligibility.

    Met when febrile, ferritin > 684 ug/L, and 2 of: platelets <= 181 x10^9/L,
    AST > 48 U/L, triglycerides > 1.76 mmol/L, fibrinogen <= 3.6 g/L.
    """
    s = snapshot
    fever = _numeric_criterion(s, "fever", "Febrile (≥ 38.0 °C)", "temperature", lambda v: v >= MAS_FEVER_C, "temperature")
    ferritin = _numeric_criterion(s, "ferritin", "Ferritin > 684 µg/L", "ferritin", lambda v: v > 684, "ferritin")
    labs = (
        _numeric_criterion(s, "platelets", "Platelets ≤ 181 x10⁹/L", "platelets", lambda v: v <= 181, "platelet count"),
        _numeric_criterion(s, "ast", "AST > 48 U/L", "ast", lambda v: v > 48, "AST"),
        _numeric_criterion(s, "triglycerides", "Triglycerides > 1.76 mmol/L", "triglycerides", lambda v: v > 1.76, "triglycerides"),
        _numeric_criterion(s, "fibrinogen", "Fibrinogen ≤ 3.6 g/L", "fibrinogen", lambda v: v <= 3.6, "fibrinogen"),
    )
    criteria = (fever, ferritin, *labs)
    labs_met = sum(c.status is Status.MET for c in labs)
    labs_open = sum(c.status is Status.UNKNOWN for c in labs)
    if fever.status is Status.NOT_MET or ferritin.status is Status.NOT_MET or labs_met + labs_open < 2:
        status = Status.NOT_MET
    elif fever.status is Status.MET and ferritin.status is Status.MET and labs_met >= 2:
        status = Status.MET
    else:
        status = Status.UNKNOWN
    met = sum(c.status is Status.MET for c in criteria)
    not_met = sum(c.status is Status.NOT_MET for c in criteria)
    return CriteriaResult(
        name="2016 EULAR/ACR/PRINTO MAS criteria (sJIA)", criteria=criteria, met=met, not_met=not_met,
        unknown=len(criteria) - met - not_met, needed=4,
        note="Information only: never decides eligibility. Febrile, ferritin > 684 µg/L and 2 of the 4 laboratory criteria.",
        status=status, at=s.at,
    )


# --- series ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoresAt:
    """Every score at one time: the full explained results, for rules and plots."""

    snapshot: Snapshot
    hscore: HScoreResult
    modified: HScoreResult
    hlh2004: CriteriaResult

    def point(self) -> ScorePoint:
        return ScorePoint(
            at=self.snapshot.at, hscore_low=self.hscore.low, hscore_high=self.hscore.high,
            hlh2004_met=self.hlh2004.met, hlh2004_unknown=self.hlh2004.unknown,
            modified_low=self.modified.low, modified_high=self.modified.high,
            hscore_missing=self.hscore.missing,
        )


def scores_at(index: ObservationIndex, case: Case, at: datetime, modified: HScoreVariant) -> ScoresAt:
    snap = Snapshot.take(index, case, at)
    full, mod = hscore_pair(snap, modified)
    return ScoresAt(snap, full, mod, hlh2004(snap, index))


def score_series(index: ObservationIndex, case: Case, modified: HScoreVariant) -> list[ScoresAt]:
    """The scores at every date-time with data up to the as-of time (for plots and rules)."""
    return [scores_at(index, case, t, modified) for t in index.times(SCORE_KINDS)]
