"""The pure core: case model, units, scores and the policy rules.

Imports nothing from Qt, sqlite or reportlab (tests/core/test_purity.py enforces it), so
the GUI, the PDF reports and the CLI all render the same `Evaluation`.
"""

from hlhdesk.core.evaluation.engine import evaluate  # noqa: E402  (the public entry point)

__all__ = ["evaluate"]
