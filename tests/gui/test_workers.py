"""A background result that arrives after its window was closed is dropped quietly; any
other error in a callback still surfaces."""

from __future__ import annotations

import pytest

from hlhdesk.gui.kit.workers import unless_gone


def test_a_callback_into_a_deleted_widget_is_dropped():
    def into_deleted(_value):
        raise RuntimeError("libshiboken: Internal C++ object (CaseListModel) already deleted.")

    assert unless_gone(into_deleted, 1) is None


def test_other_errors_still_surface():
    def broken(_value):
        raise RuntimeError("something else went wrong")

    with pytest.raises(RuntimeError, match="something else"):
        unless_gone(broken, 1)
    seen = []
    unless_gone(seen.append, 7)
    assert seen == [7]
