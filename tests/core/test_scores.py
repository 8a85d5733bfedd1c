"""HScore, modified HScore, HLH-2004 and MAS: both sides of every threshold in rules.md."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hlhdesk.core.evaluation import Status
from hlhdesk.core.scores import (
    FARDET, MODIFIED_WITHOUT_MARROW, Snapshot, hlh2004, hscore, hscore_bounds, mas2016, probability,
    threshold_status,
)
from hlhdesk.core.timeline import ObservationIndex
from tests.support.cases import DAY, T0, case, hscore_panel, marrow, obs

MINUTE = timedelta(minutes=1)


def snapshot(c, at=T0, as_of=None):
    return Snapshot.take(ObservationIndex(c, as_of or at), c, at)


def item_points(c, item, at=T0):
    return {i.item: i.points for i in hscore(snapshot(c, at)).items}[item]


# --- HScore items, both sides of each band -------------------------------------------------

@pytest.mark.parametrize("kind, value, item, points", [
    ("temperature", 38.3, "temperature", 0),
    ("temperature", 38.4, "temperature", 33),
    ("temperature", 39.4, "temperature", 33),
    ("temperature", 39.5, "temperature", 49),
    ("ferritin", 1999, "ferritin", 0),
    ("ferritin", 2000, "ferritin", 35),
    ("ferritin", 6000, "ferritin", 35),
    ("ferritin", 6001, "ferritin", 50),
    ("triglycerides", 1.49, "triglycerides", 0),
    ("triglycerides", 1.5, "triglycerides", 44),
    ("triglycerides", 4.0, "triglycerides", 44),
    ("triglycerides", 4.01, "triglycerides", 64),
    ("fibrinogen", 2.5, "fibrinogen", 30),
    ("fibrinogen", 2.51, "fibrinogen", 0),
    ("ast", 29, "ast", 0),
    ("ast", 30, "ast", 19),
])
def test_hscore_bands(kind, value, item, points):
    assert item_points(case(*hscore_panel(**{kind: value})), item) == points


def test_temperature_entered_in_fahrenheit_scores_on_the_band_edge():
    # 101.12 degF is 38.4 degC; floating point must not push it below the band.
    c = case(*hscore_panel(temperature=None), obs("temperature", 101.12, unit="degF"))
    result = hscore(snapshot(c))
    temp = next(i for i in result.items if i.item == "temperature")
    assert temp.points == 33
    assert temp.evidence.entered == "101.12 °F" and temp.evidence.unit == "degC"


@pytest.mark.parametrize("hb, wbc, plt, points", [
    (93, 5.1, 111, 0),   # none
    (92, 5.1, 111, 0),   # one lineage scores 0
    (92, 5.0, 111, 24),  # two
    (92, 5.0, 110, 34),  # three
    (93, 5.0, 110, 24),
])
def test_cytopenia_lineages_hb_92_wbc_5_platelets_110(hb, wbc, plt, points):
    c = case(*hscore_panel(haemoglobin=hb, wbc=wbc, platelets=plt))
    assert item_points(c, "cytopenias") == points


@pytest.mark.parametrize("hep, spl, points", [(False, False, 0), (True, False, 23), (False, True, 23), (True, True, 38)])
def test_organomegaly(hep, spl, points):
    assert item_points(case(*hscore_panel(hepatomegaly=hep, splenomegaly=spl)), "organomegaly") == points


def test_immunosuppression_and_marrow():
    c = case(*hscore_panel(), marrow(True), known_immunosuppression=True)
    result = hscore(snapshot(c))
    assert (result.low, result.high) == (18 + 35, 18 + 35)


# --- totals at the policy thresholds -------------------------------------------------------

def _total(temp, org_hep, cyto, tg, fib, ast, ferritin=300, marrow_seen=False):
    hb, wbc, plt = cyto
    return case(*hscore_panel(temperature=temp, hepatomegaly=org_hep, haemoglobin=hb, wbc=wbc, platelets=plt,
                              triglycerides=tg, fibrinogen=fib, ast=ast, ferritin=ferritin),
                marrow(marrow_seen))


def test_hscore_169_does_not_pass_and_170_does():
    at_169 = hscore(snapshot(_total(38.5, True, (130, 7, 250), 4.5, 2.0, 40)))  # 33+23+0+64+30+19
    at_170 = hscore(snapshot(_total(37.0, True, (80, 3, 50), 4.5, 2.0, 40)))  # 23+34+64+30+19
    assert (at_169.low, at_169.high) == (169, 169)
    assert (at_170.low, at_170.high) == (170, 170)
    assert threshold_status(at_169) is Status.NOT_MET
    assert threshold_status(at_170) is Status.MET
    assert at_170.probability == "54%"  # a row of Fardet's table
    assert at_169.probability == "40% to 54%"  # between rows: both neighbours
    assert at_170.threshold == 169 and at_170.variant == FARDET.name


def test_modified_hscore_132_does_not_pass_and_133_does():
    # 34 + 35 + 44 + 19 = 132; 50 + 64 + 19 = 133; the marrow (35 points) does not count
    at_132 = snapshot(_total(37.0, False, (80, 3, 50), 2.0, 3.5, 40, ferritin=3000, marrow_seen=True))
    at_133 = snapshot(_total(37.0, False, (130, 7, 250), 4.5, 3.5, 40, ferritin=7000, marrow_seen=True))
    full_132, mod_132 = hscore(at_132), hscore(at_132, MODIFIED_WITHOUT_MARROW)
    mod_133 = hscore(at_133, MODIFIED_WITHOUT_MARROW)
    assert hscore_bounds(at_133, MODIFIED_WITHOUT_MARROW).low == 133  # the numbers-only layer agrees
    assert (mod_132.low, mod_133.low) == (132, 133)
    assert full_132.low == 132 + 35
    assert threshold_status(mod_132) is Status.NOT_MET
    assert threshold_status(mod_133) is Status.MET
    assert mod_133.variant.startswith("Modified HScore (local setting")
    assert all(i.item != "bm_haemophagocytosis" for i in mod_133.items)


def test_missing_items_give_a_range_and_list_what_to_record():
    c = case(obs("ferritin", 25000), obs("temperature", 39.6), known_immunosuppression=None)
    result = hscore(snapshot(c))
    assert result.low == 49 + 50
    assert result.high == 337
    assert not result.complete
    assert "Haemoglobin" in result.missing and "Known immunosuppression" in result.missing
    assert threshold_status(result) is Status.UNKNOWN
    assert result.probability == "< 1% to > 99%"  # 99 lies between the rows for 90 and 100


def test_cytopenias_with_one_lineage_missing_is_a_range():
    c = case(*hscore_panel(haemoglobin=None, wbc=3.0, platelets=50))
    item = next(i for i in hscore(snapshot(c)).items if i.item == "cytopenias")
    assert item.points is None and (item.min_points, item.max_points) == (24, 34)


@pytest.mark.parametrize("low, high, text", [
    (0, 0, "< 1%"), (90, 90, "< 1%"), (100, 100, "1%"), (169, 169, "40% to 54%"), (170, 170, "54%"),
    (250, 250, "> 99%"), (337, 337, "> 99%"), (120, 200, "5% to 88%"),
])
def test_probability_comes_from_fardets_table(low, high, text):
    assert probability(low, high) == text


# --- the 7-day window ------------------------------------------------------------------------

def test_window_keeps_a_value_exactly_7_days_old_and_drops_one_a_minute_older():
    edge = case(obs("ferritin", 7000, T0 - 7 * DAY), obs("ferritin", 500, T0))
    outside = case(obs("ferritin", 7000, T0 - 7 * DAY - MINUTE), obs("ferritin", 500, T0))
    assert item_points(edge, "ferritin") == 50
    assert item_points(outside, "ferritin") == 0


def test_window_takes_the_most_abnormal_value():
    c = case(obs("platelets", 40, T0 - 2 * DAY), obs("platelets", 180, T0), obs("temperature", 39.8, T0 - DAY),
             obs("temperature", 37.0, T0))
    s = snapshot(c)
    assert s.values["platelets"].value == 40
    assert s.values["temperature"].value == 39.8


def test_data_after_the_time_is_ignored():
    c = case(obs("ferritin", 500, T0), obs("ferritin", 50000, T0 + MINUTE))
    assert item_points(c, "ferritin", T0) == 0
    # and the as-of index never holds it at all
    assert len(ObservationIndex(c, T0)["ferritin"].observations) == 1


def test_findings_use_the_latest_record_whatever_its_age():
    c = case(obs("splenomegaly", True, T0 - 30 * DAY), obs("splenomegaly", False, T0 - 20 * DAY))
    assert snapshot(c).findings["splenomegaly"].value is False


# --- HLH-2004 ------------------------------------------------------------------------------

def criterion(c, cid, at=T0):
    s = snapshot(c, at)
    return next(x for x in hlh2004(s).criteria if x.id == cid)


@pytest.mark.parametrize("kind, value, cid, status", [
    ("temperature", 38.4, "fever", Status.NOT_MET),
    ("temperature", 38.5, "fever", Status.MET),
    ("ferritin", 499, "ferritin", Status.NOT_MET),
    ("ferritin", 500, "ferritin", Status.MET),
    ("scd25", 2399, "scd25", Status.NOT_MET),
    ("scd25", 2400, "scd25", Status.MET),
    ("fibrinogen", 1.5, "lipids", Status.MET),
])
def test_hlh2004_numeric_thresholds(kind, value, cid, status):
    assert criterion(case(obs(kind, value)), cid).status is status


def test_fibrinogen_above_1_5_alone_leaves_lipids_unknown():
    assert criterion(case(obs("fibrinogen", 1.51)), "lipids").status is Status.UNKNOWN
    both = case(obs("fibrinogen", 1.51), obs("triglycerides", 2.9))
    assert criterion(both, "lipids").status is Status.NOT_MET


@pytest.mark.parametrize("tg, fasting, status", [
    (3.0, True, Status.MET),
    (2.95, True, Status.MET),       # compared at the precision written: 2.95 reads 3.0
    (2.94, True, Status.NOT_MET),
    (3.0, None, Status.UNKNOWN),    # not recorded as fasting: needs a fasting sample
    (2.94, None, Status.NOT_MET),   # a non-fasting value below 3.0 rules it out
])
def test_hlh2004_triglycerides_must_be_fasting(tg, fasting, status):
    extra = [obs("fasting", True)] if fasting else []
    c = case(obs("triglycerides", tg), obs("fibrinogen", 3.0), *extra)
    assert criterion(c, "lipids").status is status


@pytest.mark.parametrize("hb, plt, neut, status", [
    (89, 99, 1.5, Status.MET),
    (90, 99, 1.0, Status.NOT_MET),  # all three at the threshold: none counts
    (90, 100, 0.9, Status.NOT_MET),
    (89, 100, 0.99, Status.MET),
])
def test_hlh2004_cytopenias_hb_90_platelets_100_neutrophils_1(hb, plt, neut, status):
    c = case(obs("haemoglobin", hb), obs("platelets", plt), obs("neutrophils", neut))
    assert criterion(c, "cytopenias").status is status


def test_hlh2004_haemoglobin_threshold_is_100_under_4_weeks_of_age():
    from datetime import date
    newborn = date(2026, 9, 10)  # 23 days old at T0
    c = case(obs("haemoglobin", 95), obs("platelets", 50), obs("neutrophils", 2.0), dob=newborn)
    assert criterion(c, "cytopenias").status is Status.MET
    older = case(obs("haemoglobin", 95), obs("platelets", 50), obs("neutrophils", 2.0), dob=date(2026, 9, 1))
    assert criterion(older, "cytopenias").status is Status.NOT_MET  # 32 days old: Hb < 90 applies


def test_hlh2004_cytopenias_unknown_while_two_could_still_count():
    c = case(obs("platelets", 50))
    assert criterion(c, "cytopenias").status is Status.UNKNOWN


def test_hlh2004_haemophagocytosis_sites():
    assert criterion(case(marrow(True, site="spleen")), "haemophagocytosis").status is Status.MET
    assert criterion(case(marrow(True, site="liver")), "haemophagocytosis").status is Status.UNKNOWN
    assert criterion(case(marrow(False)), "haemophagocytosis").status is Status.NOT_MET
    assert criterion(case(obs("haemophagocytosis", True)), "haemophagocytosis").status is Status.UNKNOWN


def test_hlh2004_counts_and_status():
    c = case(obs("temperature", 39.0), obs("splenomegaly", True), obs("ferritin", 3000), obs("scd25", 5000),
             obs("nk_activity_low", True))
    result = hlh2004(snapshot(c))
    assert (result.met, result.not_met, result.unknown) == (5, 0, 3)
    assert result.status is Status.MET
    four = case(obs("temperature", 39.0), obs("splenomegaly", True), obs("ferritin", 3000), obs("scd25", 5000),
                obs("nk_activity_low", False), marrow(False), obs("fibrinogen", 3), obs("triglycerides", 1),
                obs("haemoglobin", 130), obs("platelets", 200))
    r4 = hlh2004(snapshot(four))
    assert (r4.met, r4.unknown, r4.status) == (4, 0, Status.NOT_MET)
    assert r4.could_still_be_met == 4


# --- MAS 2016 (information only) -----------------------------------------------------------

def test_mas2016_needs_fever_ferritin_and_two_labs():
    c = case(obs("temperature", 38.6), obs("ferritin", 685), obs("platelets", 181), obs("ast", 49),
             obs("triglycerides", 1.0), obs("fibrinogen", 4.0))
    assert mas2016(snapshot(c)).status is Status.MET
    c2 = case(obs("temperature", 38.6), obs("ferritin", 684), obs("platelets", 181), obs("ast", 49))
    assert mas2016(snapshot(c2)).status is Status.NOT_MET
    c3 = case(obs("temperature", 38.6), obs("ferritin", 2000), obs("platelets", 182), obs("ast", 48),
              obs("triglycerides", 1.77))
    assert mas2016(snapshot(c3)).status is Status.UNKNOWN  # fibrinogen could make it two


@pytest.mark.parametrize("age, status", [(7 * DAY, Status.MET), (7 * DAY + MINUTE, Status.UNKNOWN)])
def test_hlh2004_uses_the_same_7_day_window(age, status):
    assert criterion(case(obs("ferritin", 900, T0 - age)), "ferritin").status is status


def test_hscore_items_come_in_the_published_order_whatever_is_recorded():
    from hlhdesk.core.scores import ITEM_ORDER, hscore_points

    for c in (case(), case(*hscore_panel()), case(*hscore_panel(), marrow(True))):
        s = snapshot(c)
        assert tuple(p.item for p in hscore_points(s)) == ITEM_ORDER
        assert tuple(i.item for i in hscore(s).items) == ITEM_ORDER
