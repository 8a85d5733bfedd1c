"""Renders of the service audit, from the demo database built today: the window at
1024x768 (compliance and episodes, the ferritin plot, the swimmer plot) and the report's
pages. Needs pdftoppm (poppler-utils).

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_audit_screenshots.py

Writes audit-*.png here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from hlhdesk.app.audit import AuditFilter, service_audit
    from hlhdesk.app.demo import build_demo_database
    from hlhdesk.gui.qt import QApplication, QDate
    from hlhdesk.reports.audit_report import audit_report
    from hlhdesk.store import open_database

    app = QApplication.instance() or QApplication(sys.argv)
    from hlhdesk.gui.audit.audit_window import AuditWindow

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite3"
        build_demo_database(path)
        with open_database(path) as store:
            everything = service_audit(store, AuditFilter())
            window = AuditWindow(store, lambda case_id: None)
            window.period_from.setDate(QDate(date.today().year - 1, 1, 1))
            window.resize(1024, 740)
            window.show()
            window._audited(everything)
            window.compliance.expandAll()
            for index, name in enumerate(("episodes", "ferritin", "courses")):
                window.tabs.setCurrentIndex(index)
                app.processEvents()
                window.grab().save(str(HERE / f"audit-window-1024x768-{name}.png"))
            pdf = Path(folder) / "audit.pdf"
            pdf.write_bytes(audit_report(window.audit, pseudonymise=True))
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(HERE / "audit-report-page")], check=True)
    print("wrote", *sorted(p.name for p in HERE.glob("audit-*.png")))


if __name__ == "__main__":
    main()
