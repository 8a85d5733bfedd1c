"""hlhdesk.core must stay pure: no Qt, sqlite or reportlab, so every front end renders
the same Evaluation and the core can be tested and reused alone."""

import ast
import subprocess
import sys
from pathlib import Path

import hlhdesk.core

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "reportlab", "sqlite3", "sqlite_utils")
CORE = Path(hlhdesk.core.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_sources_import_nothing_forbidden():
    files = sorted(CORE.rglob("*.py"))
    assert files, "no core modules found"
    offenders = {str(f.relative_to(CORE)): sorted(imported_modules(f) & set(FORBIDDEN)) for f in files}
    assert {f: m for f, m in offenders.items() if m} == {}


def test_importing_the_whole_core_loads_no_forbidden_module():
    code = (
        "import sys, pkgutil, importlib, hlhdesk.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'hlhdesk.core.'):\n"
        "    importlib.import_module(m.name)\n"
        f"print(sorted(n for n in sys.modules if n.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
