"""Tools > Service audit: the window runs the audit off the GUI thread, shows every episode,
compliance with each requirement (a non-complying episode opens its case), both plots, and
saves the report and the CSV, identified or pseudonymised."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from hlhdesk.gui.audit.audit_window import AuditWindow
from hlhdesk.gui.qt import QDate, QFileDialog
from tests.cli.test_audit_cmd import SERIES, case_file, largest_fall, nhs


@pytest.fixture
def series_store(tmp_path):
    from hlhdesk.app.case_import import import_case_files, read_case_files
    from hlhdesk.store import open_database

    files = []
    for patient, values in SERIES.items():
        path = tmp_path / f"series{patient}.json"
        path.write_text(json.dumps(case_file(patient, values)), encoding="utf-8")
        files.append(path)
    store = open_database(tmp_path / "audit.sqlite3")
    import_case_files(store, read_case_files(files), datetime(2026, 6, 1))
    yield store
    store.close()


@pytest.fixture
def window(qtbot, series_store):
    opened: list[int] = []
    w = AuditWindow(series_store, opened.append)
    qtbot.addWidget(w)
    w.period_from.setDate(QDate(2026, 1, 1))
    w.period_to.setDate(QDate(2026, 12, 31))
    w.opened = opened
    w.show()
    return w


def run(qtbot, w) -> None:
    w.run_audit()
    qtbot.waitUntil(lambda: w.everything is not None and w.run_button.isEnabled(), timeout=20_000)


def test_every_episode_is_listed_with_its_largest_fall(qtbot, window):
    run(qtbot, window)
    model = window.model
    assert model.rowCount() == len(SERIES)
    falls = {model.index(r, 9).data() for r in range(model.rowCount())}
    for values in SERIES.values():
        assert any(text.startswith(f"{largest_fall(values):.1f}%") for text in falls)
    assert "6 episodes in 6 patients" in window.summary.text()


def test_a_non_complying_episode_opens_its_case(qtbot, window):
    run(qtbot, window)
    tree = window.compliance
    rows = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    approval = rows["⚠ Prior-approval reference recorded"]
    assert (approval.text(1), approval.text(2)) == ("0 of 6", "6")
    assert rows["– Dose never above the policy's maximum mg/kg/day"].text(1) == "none assessable"
    window._open_item(approval.child(0))
    assert window.opened and window.opened[0] in {e.identity.case_id for e in window.audit.episodes}


def test_the_plots_draw_one_line_per_episode_and_the_target(qtbot, window):
    run(qtbot, window)
    assert window.ferritin_plot.lines == len(SERIES)
    xs, ys = window.ferritin_plot.curve.getOriginalDataset()
    # Each episode: its samples after the first dose (day 0's is the baseline), then a break.
    assert len(xs) == sum(len(values) - 1 + 1 for values in SERIES.values())
    assert window.ferritin_plot.target.value() == pytest.approx(90.0)
    assert window.ferritin_plot.day_line.value() == 7
    assert window.swimmer_plot.items  # one bar per episode at least


def test_the_filters_narrow_the_last_audit_without_auditing_again(qtbot, window, monkeypatch):
    run(qtbot, window)
    import hlhdesk.app.audit as app_audit

    monkeypatch.setattr(app_audit, "service_audit", lambda *a, **k: pytest.fail("audited again"))
    window.period_to.setDate(QDate(2026, 3, 1))
    assert window.model.rowCount() == 0 and not window.pdf_button.isEnabled()
    window.period_to.setDate(QDate(2026, 3, 2))
    assert window.model.rowCount() == len(SERIES)
    window.age.setCurrentText("65 and over")
    assert window.model.rowCount() == 0
    window.age.setCurrentText("16 to 64")
    window.hlh_type.setCurrentText("primary")
    assert window.model.rowCount() == 0 and "0 episodes" in window.summary.text()


def test_a_pseudonymised_csv_is_saved_without_identifiers(qtbot, window, tmp_path, monkeypatch, messages):
    run(qtbot, window)
    target = tmp_path / "audit.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.pseudonymise.setChecked(True)
    window.save("csv")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert sorted(r["nhs_number"] for r in rows) == [f"P{n:03d}" for n in range(1, 7)]
    assert nhs(1) not in target.read_text(encoding="utf-8-sig")
    assert messages and messages[-1][1].startswith("Saved to")


def test_the_report_is_saved_as_a_pdf(qtbot, window, tmp_path, monkeypatch):
    run(qtbot, window)
    target = tmp_path / "audit.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save("pdf")
    assert target.read_bytes().startswith(b"%PDF")


def test_a_period_that_ends_before_it_starts_is_said_and_keeps_the_last_view(qtbot, window):
    run(qtbot, window)
    shown = window.model.rowCount()
    window.period_to.setDate(QDate(2025, 12, 31))
    assert "ends before it starts" in window.summary.text()
    assert window.model.rowCount() == shown  # nothing narrowed to a wrong view
