"""Window geometry on small and changed screens: the pure decisions with made-up screens,
and the main window using them."""

from __future__ import annotations

import pytest

from hlhdesk.gui.kit import window_geometry
from hlhdesk.gui.desk.case_session import CaseSession
from hlhdesk.gui.desk.main_window import MainWindow
from hlhdesk.gui.qt import QRect, Qt
from hlhdesk.gui.kit.settings import app_settings
from hlhdesk.gui.kit.window_geometry import (
    DESK_SIZE,
    client_area,
    first_run_placement,
    is_mostly_on_screen,
    restored_geometry,
)
from tests.support.fake_engine import fake_evaluate

FULL_HD = QRect(0, 0, 1920, 1040)  # 1920x1080 less a 40 px taskbar
LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less the taskbar
PROJECTOR = QRect(0, 0, 1024, 768)
SECOND_MONITOR = QRect(1920, 0, 1920, 1080)


def contains_with_frame(screen: QRect, client: QRect) -> bool:
    return client_area(screen).contains(client)


# -- first run ---------------------------------------------------------------------------

def test_first_run_on_a_large_screen_is_the_designed_size_centred():
    placement = first_run_placement(FULL_HD)
    assert not placement.maximised
    assert placement.geometry.size() == DESK_SIZE
    assert contains_with_frame(FULL_HD, placement.geometry)
    assert abs(placement.geometry.center().x() - FULL_HD.center().x()) <= 1


@pytest.mark.parametrize("screen", [LAPTOP, PROJECTOR, QRect(0, 0, 800, 600)], ids=["laptop", "projector", "800x600"])
def test_first_run_on_a_small_screen_is_maximised_and_its_normal_size_fits(screen):
    placement = first_run_placement(screen)
    assert placement.maximised
    assert contains_with_frame(screen, placement.geometry)


def test_first_run_maximises_only_when_the_window_and_its_frame_do_not_fit():
    left, top, right, bottom = window_geometry.FRAME_MARGINS
    just_fits = QRect(0, 0, 1366 + left + right, 768 + top + bottom)
    assert not first_run_placement(just_fits).maximised
    assert first_run_placement(just_fits.adjusted(0, 0, 0, -1)).maximised
    assert first_run_placement(just_fits.adjusted(0, 0, -1, 0)).maximised


def test_first_run_on_a_screen_to_the_left_of_the_primary_one_stays_on_it():
    left_screen = QRect(-1366, 0, 1366, 728)
    assert contains_with_frame(left_screen, first_run_placement(left_screen).geometry)


# -- restored ------------------------------------------------------------------------------

def test_a_window_saved_on_a_screen_still_there_opens_where_it_was():
    saved = QRect(200, 150, 1366, 768)
    assert restored_geometry(saved, [FULL_HD], FULL_HD) == saved
    on_second = QRect(2100, 100, 1366, 768)
    assert restored_geometry(on_second, [FULL_HD, SECOND_MONITOR], FULL_HD) == on_second


def test_a_window_saved_on_a_monitor_that_has_gone_comes_back_to_the_primary_screen():
    on_second = QRect(2100, 100, 1366, 768)
    where = restored_geometry(on_second, [LAPTOP], LAPTOP)
    assert contains_with_frame(LAPTOP, where)
    assert where.width() <= on_second.width() and where.height() <= on_second.height()


def test_a_window_mostly_off_the_screen_comes_back_but_one_mostly_on_it_is_only_nudged():
    mostly_off = QRect(1500, 100, 1000, 600)  # 420 of 1000 px wide on screen
    assert not is_mostly_on_screen(mostly_off, [FULL_HD])
    assert contains_with_frame(FULL_HD, restored_geometry(mostly_off, [FULL_HD], FULL_HD))
    mostly_on = QRect(1000, 100, 1000, 600)  # 920 of 1000 on screen: dragged a little off
    assert is_mostly_on_screen(mostly_on, [FULL_HD])
    nudged = restored_geometry(mostly_on, [FULL_HD], FULL_HD)
    assert nudged.size() == mostly_on.size() and nudged.top() == mostly_on.top()
    assert contains_with_frame(FULL_HD, nudged)


def test_a_window_across_three_monitors_stays_where_it_was():
    left, middle, right = (QRect(x, 0, 1280, 1024) for x in (0, 1280, 2560))
    across = QRect(1000, 100, 1900, 800)  # a third or so on each
    assert is_mostly_on_screen(across, [left, middle, right])
    assert restored_geometry(across, [left, middle, right], left).topLeft() == across.topLeft()


def test_a_window_whose_title_bar_is_above_every_screen_comes_back():
    title_bar_lost = QRect(100, -300, 1200, 1000)  # 70% visible, but nothing to drag it by
    assert not is_mostly_on_screen(title_bar_lost, [FULL_HD])
    assert contains_with_frame(FULL_HD, restored_geometry(title_bar_lost, [FULL_HD], FULL_HD))


def test_a_window_saved_on_a_larger_screen_is_shrunk_to_fit_a_smaller_one():
    saved = QRect(50, 50, 1800, 1000)  # from a 1920x1080 screen, now on a projector
    where = restored_geometry(saved, [PROJECTOR], PROJECTOR)
    assert contains_with_frame(PROJECTOR, where)


# -- the main window uses them ------------------------------------------------------------

def new_window(qtbot) -> MainWindow:
    window = MainWindow(CaseSession(evaluator=fake_evaluate))
    qtbot.addWidget(window)
    return window


def test_the_first_window_on_a_projector_is_maximised(qtbot, fake_screens):
    fake_screens(PROJECTOR)
    window = new_window(qtbot)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert contains_with_frame(PROJECTOR, window.geometry())


def test_the_first_window_on_a_large_screen_is_the_designed_size(qtbot, fake_screens):
    fake_screens(FULL_HD)
    window = new_window(qtbot)
    assert not window.windowState() & Qt.WindowState.WindowMaximized
    assert window.size() == DESK_SIZE


def test_a_window_saved_on_a_second_monitor_opens_on_the_primary_screen(qtbot, fake_screens):
    fake_screens(FULL_HD, SECOND_MONITOR)
    first = new_window(qtbot)
    first.setGeometry(QRect(2200, 120, 1366, 768))
    first.save_settings()
    assert app_settings().value("window/geometry") is not None
    # The second monitor is unplugged; the laptop's screen is left of the origin, away
    # from the real (offscreen) one, where Qt's own restoreGeometry might put it.
    laptop = LAPTOP.translated(-LAPTOP.width(), 0)
    fake_screens(laptop)
    window = new_window(qtbot)
    assert contains_with_frame(laptop, window.geometry())


def test_the_desk_with_a_case_open_fits_a_1024_pixel_projector(window):
    # One-row entry forms scroll sideways and the filter box narrows, rather than the
    # window's minimum width pushing the plots off a 1024x768 screen.
    for tab in range(window.case_view.tabs.count()):
        window.case_view.tabs.setCurrentIndex(tab)
        assert window.minimumSizeHint().width() <= client_area(PROJECTOR).width()


def test_the_meetings_window_fits_a_projector_and_comes_back_from_a_gone_monitor(qtbot, fake_screens, store):
    from hlhdesk.gui.meetings.meetings_window import MeetingsWindow

    fake_screens(PROJECTOR)
    first = MeetingsWindow(store)
    qtbot.addWidget(first)
    assert first.windowState() & Qt.WindowState.WindowMaximized  # 1600x950 does not fit
    fake_screens(FULL_HD, SECOND_MONITOR)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.setGeometry(QRect(2100, 100, 1500, 900))
    first.close()  # remembered
    laptop = LAPTOP.translated(-LAPTOP.width(), 0)  # away from the real offscreen screen
    fake_screens(laptop)
    again = MeetingsWindow(store)
    qtbot.addWidget(again)
    assert not again.windowState() & Qt.WindowState.WindowMaximized  # as saved, not a first run
    assert contains_with_frame(laptop, again.geometry())


def test_half_on_screen_is_enough_and_a_pixel_less_is_not():
    # 1000x600 window; the screen ends at x=1919, so a window at x=1420 has 500 px (half) on it.
    half_on = QRect(1420, 100, 1000, 600)
    assert is_mostly_on_screen(half_on, [FULL_HD])
    assert not is_mostly_on_screen(half_on.translated(1, 0), [FULL_HD])


def test_a_title_bar_with_100_pixels_to_drag_by_is_enough_and_99_is_not():
    # A narrow window (a restored dialog-sized desk) two-thirds on screen either way, so
    # only the title bar's reach decides: 100 px of its top edge on screen, then 99.
    reach_100 = QRect(1820, 100, 150, 300)
    assert reach_100.intersected(FULL_HD).width() == window_geometry.MIN_TITLE_BAR_VISIBLE
    assert is_mostly_on_screen(reach_100, [FULL_HD])
    assert not is_mostly_on_screen(reach_100.translated(1, 0), [FULL_HD])
