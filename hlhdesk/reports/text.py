"""Words and numbers as the reports print them. The wording itself is shared with the
screen (hlhdesk.core.wording); this adds what only paper needs: "not recorded" for an
empty date, short axis dates, and escaping for reportlab's mark-up."""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from hlhdesk.core import wording
from hlhdesk.core.model import Patient, format_nhs_number
from hlhdesk.core.wording import NOT_RECORDED, evidence_line, quantity

__all__ = ["NOT_RECORDED", "clip", "evidence_line", "nhs_number_text", "para_text", "quantity", "uk_date",
           "uk_datetime", "uk_short"]


def uk_date(value: date | datetime | None) -> str:
    return wording.uk_date(value) or NOT_RECORDED


def uk_datetime(value: datetime | None) -> str:
    return wording.uk_datetime(value) or NOT_RECORDED


def uk_short(value: datetime) -> str:
    """Axis labels: 03/10."""
    return value.strftime("%d/%m")


def nhs_number_text(patient: Patient) -> str:
    return format_nhs_number(patient.nhs_number) or NOT_RECORDED


def para_text(text: str) -> str:
    """Plain text made safe for a reportlab Paragraph (which reads XML-like mark-up)."""
    return escape(text).replace("\n", "<br/>")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with "…" where text was left out: for
    the places with a fixed size (a checklist cell, a one-page letter). The full text is
    printed where it can run across pages."""
    text = " ".join(text.split()) if len(text) > limit else text
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def policy_marks(evaluation):
    """The policy numbers a page draws (threshold lines, the dose ceiling, days 7 and 14,
    the ferritin fall), as the evaluation's policy set them: `evaluation.marks` where the
    core carries them, else read from the policy module that judged (a bridge until every
    evaluation carries its marks)."""
    try:
        from hlhdesk.core.policy.marks import marks_of
    except ImportError:
        return _marks_from_policy_module(evaluation)
    return marks_of(evaluation)


def _marks_from_policy_module(evaluation):
    from types import SimpleNamespace as Marks

    from hlhdesk.core.policy import policy_module

    try:
        module = policy_module(evaluation.policy)
    except ValueError:  # a version this build does not know: the current one's numbers
        module = policy_module()

    def line(value, label, rule_id):
        return Marks(value=float(value), label=label, rule_id=rule_id)

    ferritin, ceiling = float(module.FERRITIN_DX_UG_L), float(module.MAX_MG_KG_DAY)
    response_day, stop_day = module.FERRITIN_WINDOW.days, module.NO_RESPONSE_AFTER.days
    return Marks(
        ferritin_lines=(line(ferritin, f"{ferritin:,.0f} µg/L (DX-FERRITIN)", "DX-FERRITIN"),),
        hscore_line=line(evaluation.hscore.threshold, f"{evaluation.hscore.threshold}", "DX-HSCORE"),
        dose_ceiling=line(ceiling, f"{ceiling:g} mg/kg/day maximum", "DO-MAX"),
        ferritin_fall=module.FERRITIN_FALL_PCT / 100, response_day=response_day, stop_check_day=stop_day,
        review_days=(response_day, stop_day),
    )
