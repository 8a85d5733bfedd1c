"""File > Backups…: see the database's backups, make one now, or restore one.

Restoring asks first, keeps the current database as a backup, and then reopens the
database so every window shows the restored data. The work itself is hlhdesk.store's
(backup.py, restore.py); this is only its face.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from hlhdesk.gui.kit import dialogs
from hlhdesk.gui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from hlhdesk.store.backup import BackupInfo

# hlhdesk.store (and sqlite_utils with it) is imported only when the dialog is used, so
# the main window still paints before the slow libraries load (tests/gui/test_startup.py).

KIND_WORDS = {
    "daily": "Daily (automatic)",
    "manual": "Made by hand",
    "before-upgrade": "Before an upgrade",
    "before-restore": "Before a restore",
    "damaged": "Damaged file set aside",
}


def size_text(size_bytes: int) -> str:
    if size_bytes >= 1024 * 1024:
        return f"{size_bytes / 1024 / 1024:,.1f} MB"
    return f"{max(size_bytes / 1024, 0.1):,.1f} kB"


class BackupsDialog(QDialog):
    def __init__(self, store, on_restored: Callable[[], None] | None = None, parent=None):
        from hlhdesk.store.backup import KEEP_DAILY, KEEP_WEEKLY, backup_folder

        super().__init__(parent)
        self.store = store
        self.on_restored = on_restored
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(f"Backups of {store.path.name}")
        self.resize(640, 420)

        about = QLabel(
            f"hlhdesk backs up this database the first time it is opened each day, keeping "
            f"the last {KEEP_DAILY} days and {KEEP_WEEKLY} weeks before them, in "
            f"{backup_folder(store.path)}. Backups made here, and the copies kept before "
            "an upgrade or a restore, are never deleted automatically."
        )
        about.setWordWrap(True)
        about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Backup problem")
        self.problem.setStyleSheet("color: #a00000; font-weight: bold")
        self.problem.setVisible(bool(store.backup_problem))
        if store.backup_problem:
            self.problem.setText(f"⚠ Today's automatic backup failed: {store.backup_problem}")

        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(["Made", "Why", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = QPushButton("&Back up now")
        self.restore_button = QPushButton("&Restore selected…")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.problem)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.backups = self.store.list_backups()
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (f"{backup.made_at:%d/%m/%Y %H:%M}", KIND_WORDS.get(backup.kind, backup.kind),
                     size_text(backup.size_bytes))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def back_up_now(self) -> None:
        from hlhdesk.store.errors import StoreError

        try:
            made = self.store.backup("manual")
        except StoreError as error:
            dialogs.warn(self, "Backup", str(error))
            return
        self.refresh()
        self._select(made)

    def _select(self, path) -> None:
        for row, backup in enumerate(self.backups):
            if backup.path == path:
                self.table.selectRow(row)

    def restore_selected(self) -> None:
        from hlhdesk.store.errors import StoreError
        from hlhdesk.store.restore import plan_restore, restore_backup

        backup = self.selected()
        if backup is None:
            return
        try:
            plan = plan_restore(backup.path, self.store.path, busy_timeout=self.store.busy_timeout)
        except StoreError as error:
            dialogs.warn(self, "Restore", f"Nothing was changed.\n\n{error}")
            return
        removed = ""
        if plan.removed:
            lines = "\n".join(f"• {line}" for line in plan.removed[:12])
            more = f"\n… and {len(plan.removed) - 12} more" if len(plan.removed) > 12 else ""
            removed = f"\n\nThese records were made after the backup and will be removed:\n{lines}{more}"
        question = (
            f"Replace everything in {self.store.path.name} with the backup made "
            f"{backup.made_at:%d/%m/%Y at %H:%M}?{removed}\n\nChanges made since then will no longer "
            "show. The database as it is now is kept as a backup first, so this can be undone "
            "by restoring that."
        )
        if not dialogs.confirm(self, "Restore a backup", question):
            return
        try:
            result = restore_backup(backup.path, self.store.path, busy_timeout=self.store.busy_timeout,
                                    force=True)
        except StoreError as error:
            dialogs.warn(self, "Restore", f"Nothing was changed.\n\n{error}")
            return
        kept = f"\n\nThe database as it was is kept as {result.previous_kept_as.name}." if result.previous_kept_as else ""
        dialogs.inform(self, "Restore", f"Restored the backup made {backup.made_at:%d/%m/%Y at %H:%M}.{kept}")
        self.refresh()
        if self.on_restored is not None:
            self.on_restored()


def install_backups(window) -> None:
    """File > Backups… on the main window, just above Quit."""
    holder: dict[str, BackupsDialog | None] = {"dialog": None}

    def show_backups() -> None:
        store = dialogs.store_or_say(window, "Backups")
        if store is None:
            return
        dialog = BackupsDialog(store, on_restored=lambda: window.files.open_database(store.path), parent=window)
        holder["dialog"] = dialog
        dialog.show()
        dialog.raise_()

    def warn_if_backup_failed(_path) -> None:
        store = window.session.store
        if store is not None and store.backup_problem:
            window.statusBar().showMessage(f"Today's automatic backup failed: {store.backup_problem}")

    file_menu = window.menu("file")
    action = window.add_action("file", "&Backups…", show_backups)
    quit_action = next((a for a in file_menu.actions() if a.text() == "&Quit"), None)
    if quit_action is not None:
        file_menu.removeAction(action)
        file_menu.insertAction(quit_action, action)
        file_menu.insertSeparator(quit_action)
    window.backups_action = action
    window.backups_dialog = lambda: holder["dialog"]
    window.files.database_opened.connect(warn_if_backup_failed)
