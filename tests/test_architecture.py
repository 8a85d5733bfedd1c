"""The code keeps the shape the README's architecture section describes: no folder holds
more than 15 modules directly (its __init__.py counted), so a newcomer can take in any
one of them; and Qt enters through gui/qt.py alone, so a Qt upgrade touches one file."""

from __future__ import annotations

import ast
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


QT_PACKAGES = ("PySide6", "pyqtgraph", "shiboken6")


def qt_imports(source: str) -> list[str]:
    """The Qt packages a module's source imports, at any depth."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in QT_PACKAGES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] in QT_PACKAGES:
            found.append(node.module)
    return found


def test_only_gui_qt_imports_qt():
    root = Path(hlhdesk.__file__).parent
    importers = {str(path.relative_to(root)): qt_imports(path.read_text(encoding="utf-8"))
                 for path in sorted(root.rglob("*.py"))}
    assert {path for path, found in importers.items() if found} == {"gui/qt.py"}


def test_the_qt_check_sees_imports_inside_functions():
    source = "def f():\n    from PySide6.QtPdf import QPdfDocument\n    import pyqtgraph as pg\n"
    assert qt_imports(source) == ["PySide6.QtPdf", "pyqtgraph"]


# Which layers each may import: arrows point down only.
FORBIDDEN = {
    "core": ("store", "app", "reports", "gui", "cli"),
    "reports": ("store", "app", "gui", "cli"),
    "store": ("app", "reports", "gui", "cli"),
    "app": ("gui", "cli"),
}


def layer_imports(source: str) -> set[str]:
    """The hlhdesk layers (core, store, app...) a module's source imports."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return {name.split(".")[1] for name in names if name.startswith("hlhdesk.") and name.count(".") >= 1}


def test_imports_point_down_only():
    root = Path(hlhdesk.__file__).parent
    upward = [f"{path.relative_to(root)} imports {layer}"
              for folder, forbidden in FORBIDDEN.items() for path in sorted((root / folder).rglob("*.py"))
              for layer in sorted(layer_imports(path.read_text(encoding="utf-8")) & set(forbidden))]
    assert upward == []


def test_the_layer_check_sees_both_import_forms():
    assert layer_imports("from hlhdesk.store import Store\ndef f():\n    import hlhdesk.gui.qt\n") == {"store", "gui"}
