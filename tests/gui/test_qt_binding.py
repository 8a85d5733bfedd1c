"""The pinned Qt binding must not leak or drop references on ordinary calls.

PySide6 6.12.0 handed None, True and False back to Python without taking a reference:
on CPython 3.11 (where they are not immortal) a few thousand void calls or signal emits
aborted the interpreter ("bool_dealloc"). The pin in pyproject.toml avoids that release;
this test fails on any release that brings the bug back.
"""

import sys

from hlhdesk.gui import qt


def test_void_calls_and_signal_emits_keep_none_and_true_counted(qapp):
    label = qt.QLabel()

    class Probe(qt.QObject):
        fired = qt.Signal()

    probe = Probe()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(5_000):
        label.setText("x")  # returns None
        probe.fired.emit()  # returns True
        label.isHidden()  # returns False
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    # On 3.12+ the counts are fixed (immortal); on 3.11 they must not drift by thousands.
    assert all(abs(a - b) < 100 for a, b in zip(after, before)), (before, after)
