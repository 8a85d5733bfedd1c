"""Nothing a user gets points outside the repository: users never have the developers'
shared folder, so the README, docs/ and the code name the project's own documents."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"(/work/|\.\./shared)")


def test_the_readme_docs_and_code_point_only_inside_the_repository():
    files = [REPO / "README.md", *(REPO / "docs").rglob("*.md"), *(REPO / "hlhdesk").rglob("*.py")]
    found = [f"{path.relative_to(REPO)}:{n}: {line.strip()}"
             for path in files for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE.search(line)]
    assert found == []
