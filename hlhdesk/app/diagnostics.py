"""What Help > About shows, and what "Copy diagnostics" gives IT support.

Built only from facts about the installation, never from patient data: no case, no name,
no NHS number; the database appears as its path and schema version only. Qt-free, so the
CLI (`hlhdesk about`) prints exactly what the GUI copies; the GUI passes in what
only Qt knows (its version, the screens) as extra facts.
"""

from __future__ import annotations

import platform
import sys
from datetime import datetime
from pathlib import Path

from hlhdesk import __version__

Fact = tuple[str, str]


def policy_versions() -> tuple[str, tuple[str, ...]]:
    """(the version evaluations use now, every version this hlhdesk can explain), from
    the policy engine's registry."""
    from hlhdesk.core.policy import CURRENT, REGISTRY

    return CURRENT, tuple(sorted(REGISTRY))


def known_schema_version() -> int:
    """How many database migrations this hlhdesk has (a database may have fewer, to be
    migrated on opening, but never more)."""
    from hlhdesk.store.schema import known_migration_names

    return len(known_migration_names())


def about_facts(db_path: Path | None, schema_version: int | str | None) -> list[Fact]:
    """schema_version: the database's applied migrations, or a few words on why unknown."""
    current, known = policy_versions()
    if db_path is None:
        database, schema = "none open", "-"
    else:
        database = str(db_path)
        applied = "unknown" if schema_version is None else str(schema_version)
        schema = f"{applied} (this hlhdesk knows {known_schema_version()})"
    return [
        ("hlhdesk", __version__),
        ("Policy", current),
        ("Policies known", ", ".join(known)),
        ("Database", database),
        ("Database schema", schema),
    ]


def installation_kind() -> str:
    if getattr(sys, "frozen", False):
        return f"installed program ({Path(sys.executable).parent})"
    return f"source checkout ({Path(__file__).resolve().parent.parent})"


def environment_facts(qt_version: str | None, pyside_version: str | None) -> list[Fact]:
    from hlhdesk.logs import log_path
    from hlhdesk.paths import data_dir

    return [
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {platform.architecture()[0]})"),
        ("Qt", qt_version or "not loaded"),
        ("PySide6", pyside_version or "not loaded"),
        ("Operating system", platform.platform()),
        ("Machine", platform.machine() or "unknown"),
        ("Installation", installation_kind()),
        ("Data folder", str(data_dir())),
        ("Log file", str(log_path())),
    ]


def format_facts(title: str, facts: list[Fact]) -> str:
    width = max(len(label) for label, _ in facts)
    lines = [title, "=" * len(title)]
    lines += [f"{label.ljust(width)}  {value}" for label, value in facts]
    return "\n".join(lines) + "\n"


def about_text(db_path: Path | None, schema_version: int | str | None) -> str:
    return format_facts(f"hlhdesk {__version__}", about_facts(db_path, schema_version))


def diagnostics_text(
    db_path: Path | None,
    schema_version: int | str | None,
    *,
    qt_version: str | None = None,
    pyside_version: str | None = None,
    extra: list[Fact] | tuple[Fact, ...] = (),
    now: datetime | None = None,
) -> str:
    """The text IT support asks for: About's facts, the software underneath, and any
    extra facts (screens, scaling). Contains no patient data."""
    stamp = (now or datetime.now()).strftime("%d/%m/%Y %H:%M")
    facts = [
        *about_facts(db_path, schema_version),
        *environment_facts(qt_version, pyside_version),
        *extra,
        ("Collected", stamp),
    ]
    return format_facts("hlhdesk diagnostics (no patient data)", facts)
