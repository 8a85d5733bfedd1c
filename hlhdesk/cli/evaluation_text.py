"""An Evaluation as plain text for a terminal: grouped rules, status words (never colour
alone), evidence with dates and units. Renders; never recomputes."""

from __future__ import annotations

from hlhdesk.core.episodes import episode_line
from hlhdesk.core.evaluation import Evaluation, RuleGroup, RuleResult, Status
from hlhdesk.core.wording import describe, evidence_line, status_words, when
from hlhdesk.core.model import Case, format_nhs_number
from hlhdesk.core.units import format_number

WIDTH = max(len(status_words(status)) for status in Status)


def _rule_lines(r: RuleResult, evidence: bool) -> list[str]:
    lines = [f"  {status_words(r.status):<{WIDTH}}  {r.id:<19} {r.detail}"]
    pad = " " * (WIDTH + 4)
    if r.setting:
        lines.append(f"{pad}setting: {r.setting}")
    if evidence:
        lines += [f"{pad}- {evidence_line(e)}" for e in r.evidence]
    if r.missing:
        lines.append(f"{pad}to record: {'; '.join(r.missing)}")
    return lines


def _score_line(ev: Evaluation) -> list[str]:
    h, m, c = ev.hscore, ev.modified_hscore, ev.hlh2004
    score = lambda r: format_number(r.low) if r.complete else f"{r.low} to {r.high}"  # noqa: E731
    lines = [f"HScore {score(h)} on {when(h.at)} (probability {h.probability}; Fardet's table)"]
    if ev.current_hscore is not None and ev.current_hscore.at != h.at:
        lines.append(f"HScore now {score(ev.current_hscore)} ({when(ev.current_hscore.at)})")
    lines.append(f"{m.variant}: {score(m)} on {when(m.at)}")
    lines.append(f"HLH-2004: {c.met} of 8 met, {c.not_met} not met, {c.unknown} not assessed on {when(c.at)}")
    if ev.mas2016.status is not None:
        lines.append(f"MAS 2016 (information only): {status_words(ev.mas2016.status)}")
    return lines


def _pathway_lines(pathway) -> list[str]:
    """Where the patient is, first: the phase and its verdict, then each flag."""
    label, verdict = pathway.phase_label, pathway.verdict
    if verdict.lower().startswith(label.lower() + ":"):  # "Died: death recorded": not "DIED: Died: ..."
        verdict = verdict[len(label) + 1:].lstrip()
    lines = [f"{label.upper()}: {verdict}"]
    if pathway.decisive_rules:
        lines.append(f"  decided by: {', '.join(pathway.decisive_rules)}")
    lines += [f"  flag: {f.words}" for f in pathway.flags]
    return [*lines, ""]


def render(ev: Evaluation, case: Case | None = None, *, evidence: bool = True, pathway=None) -> str:
    """The report; with the pathway phase (hlhdesk.core.evaluation.pathway), it leads."""
    out = _pathway_lines(pathway) if pathway is not None else []
    out.append(f"Policy {ev.policy}, evaluated as of {when(ev.as_of)} (hlhdesk {ev.app_version})")
    if case is not None:
        p = case.patient
        ident = f"NHS {format_nhs_number(p.nhs_number)}" if p.nhs_number else f"Hospital no. {p.hospital_number}"
        out.append(f"Patient: {p.display_name}, {ident}, born {p.date_of_birth.strftime('%d/%m/%Y')}")
    if ev.day0 is not None:
        day = (ev.as_of.date() - ev.day0.date()).days  # calendar days, as the pathway counts them
        out.append(f"Day 0 (first anakinra): {when(ev.day0)}; as-of is day {day}")
        if len(ev.episodes) > 1:
            out.append(episode_line(ev.episodes))  # earlier episodes stay visible as history
    else:
        out.append("Anakinra not started")
    out += ["", f"ELIGIBILITY: {ev.eligibility.status.label.upper()}", f"  {ev.eligibility.summary}",
            f"  decided by: {', '.join(ev.eligibility.decided_by)}"]
    if ev.eligibility.to_record:
        out.append(f"  to record: {'; '.join(ev.eligibility.to_record)}")
    out += ["", *_score_line(ev)]
    if ev.ferritin and ev.ferritin.baseline:
        fall = ev.ferritin.max_fall_pct
        out.append(f"Ferritin baseline {describe(ev.ferritin.baseline).removeprefix('Baseline ferritin ')}"
                   + (f"; largest fall {format_number(round(fall, 1))}% on {when(ev.ferritin.max_fall_at)}"
                      if fall is not None else ""))
    for c in ev.dosing:
        per_kg = f"{format_number(round(c.mg_per_kg_day, 2))} mg/kg/day" if c.mg_per_kg_day is not None else "mg/kg/day unknown"
        out.append(f"Anakinra from {when(c.start)}: {format_number(c.daily_mg)} mg/day {c.route or ''}, {per_kg}"
                   + (f" ({c.note})" if c.note else ""))
    for group in RuleGroup:
        rules = ev.rules_in(group)
        if rules:
            out += ["", group.title.upper()]
            for r in rules:
                out += _rule_lines(r, evidence)
    if ev.warnings:
        out += ["", "WARNINGS", *(f"  ! {w}" for w in ev.warnings)]
    for name, description in ev.settings:
        out.append(f"Setting: {name}. {description}")
    out += ["", "This supports the MDT's decision; it does not make it."]
    return "\n".join(out) + "\n"
