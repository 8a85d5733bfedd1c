"""evaluate(case, as_of) -> Evaluation, and the Evaluation's types.

The types live in `types`; they are re-exported here because every renderer imports
them as `hlhdesk.core.evaluation`. The engine is not imported here, so that importing a
type never pulls in the policy modules.
"""

from hlhdesk.core.evaluation.types import (  # noqa: F401 - re-exported
    Status,
    RuleGroup,
    EligibilityStatus,
    Evidence,
    RuleResult,
    ScoreItem,
    HScoreResult,
    Criterion,
    CriteriaResult,
    ScorePoint,
    FerritinPoint,
    FerritinTrajectory,
    SteroidPoint,
    OrganSupportPoint,
    CourseDose,
    Episode,
    ThresholdLine,
    PolicyMarks,
    Eligibility,
    Evaluation,
)
