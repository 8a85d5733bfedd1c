"""The clinical numbers a renderer draws, taken from the policy module that judged.

Threshold lines, the dose ceiling, the day-7/day-14 markers and the response fractions
are the policy's, not the screen's or the PDF's: each renderer reads them from
`evaluation.marks`, which the engine fills from the policy module (and its settings) that
made the evaluation. A sign-off freezes the evaluation, marks included, so a signed
record reprinted by later code still draws the lines it was judged against.
"""

from __future__ import annotations

from types import ModuleType

from hlhdesk.core.evaluation.types import Evaluation, PolicyMarks, ThresholdLine
from hlhdesk.core.scores import FARDET, HLH2004_FERRITIN_UG_L, HScoreVariant


def marks_from(module: ModuleType, modified: HScoreVariant) -> PolicyMarks:
    """The marks of a policy module, with the modified-HScore setting in force."""
    ferritin_dx = float(module.FERRITIN_DX_UG_L)
    ceiling = float(module.MAX_MG_KG_DAY)
    floor = float(module.START_MG_KG_DAY)
    response_day = module.FERRITIN_LAST_DAY
    stop_day = module.NO_RESPONSE_DAY
    return PolicyMarks(
        ferritin_lines=(
            ThresholdLine(float(HLH2004_FERRITIN_UG_L), f"{HLH2004_FERRITIN_UG_L:,} µg/L (HLH-2004)", "DX-HLH2004"),
            ThresholdLine(ferritin_dx, f"{ferritin_dx:,.0f} µg/L (DX-FERRITIN)", "DX-FERRITIN"),
        ),
        hscore_line=ThresholdLine(float(FARDET.threshold), f"{FARDET.threshold}", "DX-HSCORE"),
        modified_hscore_line=ThresholdLine(float(modified.threshold), f"{modified.threshold}", "DX-MHSCORE"),
        dose_ceiling=ThresholdLine(ceiling, f"{ceiling:g} mg/kg/day maximum", "DO-MAX"),
        dose_floor=ThresholdLine(floor, f"{floor:g} mg/kg/day starting dose", "DO-START"),
        ferritin_fall=module.FERRITIN_FALL_PCT / 100,
        steroid_fall=module.STEROID_FALL_PCT / 100,
        response_day=response_day,
        stop_check_day=stop_day,
        review_days=(response_day, stop_day),
    )


def marks_of(evaluation: Evaluation) -> PolicyMarks:
    """The marks an evaluation was judged against. Evaluations frozen before marks were
    carried take those of the policy version that made them (the default settings)."""
    if evaluation.marks is not None:
        return evaluation.marks
    from hlhdesk.core.policy import PolicySettings, policy_module

    return marks_from(policy_module(evaluation.policy), PolicySettings().modified_hscore)
