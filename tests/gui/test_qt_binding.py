"""The Qt binding as the desk uses it: PySide6 6.12.0 on CPython 3.11 drops a reference
to None/True/False on every void call; hlhdesk.gui.qt makes them immortal so a long
session cannot abort the interpreter."""

import sys

import pytest

from hlhdesk.gui import qt


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="CPython 3.12+ singletons are immortal already")
def test_a_long_session_of_void_calls_cannot_use_up_none_or_true(qapp):
    assert qt.SINGLETONS_IMMORTAL
    label = qt.QLabel()

    class Probe(qt.QObject):
        fired = qt.Signal()

    probe = Probe()
    for _ in range(20_000):
        label.setText("x")  # returns None without a reference in 6.12.0
        probe.fired.emit()  # returns True without a reference in 6.12.0
    assert sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(True) > 1 << 39
    assert sys.getrefcount(False) > 1 << 39
