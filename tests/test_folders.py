"""The folders show the architecture: no folder of hlhdesk holds more than 15 modules
directly (its __init__.py counted), so a newcomer can take in any one of them."""

from __future__ import annotations

from pathlib import Path

import hlhdesk

MOST_MODULES = 15


def crowded_folders(root: Path) -> dict[str, int]:
    counts = {}
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir() and p.name != "__pycache__")]:
        modules = len(list(folder.glob("*.py")))
        if modules > MOST_MODULES:
            counts[str(folder.relative_to(root.parent))] = modules
    return counts


def test_no_folder_holds_more_than_15_modules():
    assert crowded_folders(Path(hlhdesk.__file__).parent) == {}


def test_the_count_includes_init(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    for n in range(MOST_MODULES):
        (package / f"m{n}.py").touch()
    assert crowded_folders(package) == {}
    (package / "__init__.py").touch()
    assert crowded_folders(package) == {"pkg": MOST_MODULES + 1}
