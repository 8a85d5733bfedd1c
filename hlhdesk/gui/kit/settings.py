"""Remembered between sessions with QSettings: window geometry and layout, column
widths, the last database and recent ones. Tests point QSettings at a temp folder."""

from __future__ import annotations

from pathlib import Path

from hlhdesk.gui.qt import QCoreApplication, QSettings
from hlhdesk.paths import APP_AUTHOR, APP_NAME

MAX_RECENT = 6


def configure_application_names() -> None:
    QCoreApplication.setOrganizationName(APP_AUTHOR)
    QCoreApplication.setApplicationName(APP_NAME)


def app_settings() -> QSettings:
    # An INI file in the user's settings folder on every platform (rather than the
    # Windows registry): easy to inspect or reset on a locked-down desktop, and the one
    # format QSettings.setPath can redirect, which keeps tests off the user's settings.
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, APP_AUTHOR, APP_NAME)


def last_database() -> Path | None:
    value = app_settings().value("database/last")
    return Path(value) if value else None


def recent_databases() -> list[Path]:
    value = app_settings().value("database/recent") or []
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [Path(v) for v in value]


def remember_database(path: Path) -> None:
    settings = app_settings()
    settings.setValue("database/last", str(path))
    recent = [str(path)] + [str(p) for p in recent_databases() if p != path]
    settings.setValue("database/recent", recent[:MAX_RECENT])


def save_column_widths(key: str, widths: list[int]) -> None:
    app_settings().setValue(f"columns/{key}", [int(w) for w in widths])


def column_widths(key: str) -> list[int]:
    value = app_settings().value(f"columns/{key}") or []
    if isinstance(value, str):
        value = [value]
    try:
        return [int(w) for w in value]
    except (TypeError, ValueError):
        return []


def restore_table_columns(table, key: str) -> None:
    """Give a table view the column widths saved under `key` (those still meaningful:
    a column that no longer exists, or a zero width, is skipped). A last column that
    stretches to fill the table keeps stretching: its saved width is only the room it
    had then, and on a smaller window would push the table into sideways scrolling."""
    count = table.model().columnCount() if table.model() is not None else 0
    if count and table.horizontalHeader().stretchLastSection():
        count -= 1
    for column, width in enumerate(column_widths(key)[:count]):
        if width > 0:
            table.setColumnWidth(column, width)


def save_table_columns(table, key: str) -> None:
    count = table.model().columnCount() if table.model() is not None else 0
    save_column_widths(key, [table.columnWidth(n) for n in range(count)])
