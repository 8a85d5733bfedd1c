"""Tools > Service audit on the desk. The window (and pyqtgraph with it) is imported only
when first opened, so the desk's start-up does not pay for it."""

from __future__ import annotations

from hlhdesk.gui.kit import dialogs


def install_audit(window) -> None:
    """Tools > Service audit on the desk's main window."""
    holder: dict = {"audit": None}

    def open_case(case_id: int) -> None:
        window.case_list.select_case(case_id)
        window.raise_()
        window.activateWindow()

    def open_audit() -> None:
        store = dialogs.store_or_say(window, "Service audit")
        if store is None:
            return
        audit = holder["audit"]
        if audit is None or audit.store is not store:
            from hlhdesk.gui.audit.audit_window import AuditWindow  # pyqtgraph: only when opened

            audit = holder["audit"] = AuditWindow(store, open_case, parent=window)
        audit.show()
        audit.raise_()
        audit.activateWindow()
        if audit.audit is None:
            audit.run_audit()

    window.audit_action = window.add_action("tools", "Service &audit…", open_audit)
