"""docs/clinical-safety.md names a test for every mitigation: each named test must exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_the_hazard_log_names_exists():
    log = (ROOT / "docs" / "clinical-safety.md").read_text(encoding="utf-8")
    named = set(re.findall(r"::(test_\w+)", log))
    assert len(named) >= 20
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    missing = sorted(t for t in named if not re.search(rf"^def {t}\(", sources, re.M))
    assert missing == []
