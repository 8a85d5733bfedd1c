"""Where a window goes on screen: a first-run size that fits the screen, and a saved
position brought back when the screen it was on has gone.

Trust desktops vary: a 1366x768 laptop loses 40 px to the taskbar, a projector may be
1024x768, and a window saved on a second monitor that is unplugged by next week would
otherwise open where nobody can see it. The decisions are pure functions of rectangles
(`first_run_placement`, `restored_geometry`), tested with made-up screens; `place_new`
and `bring_onto_screen` apply them to a real window with the real screens.
"""

from __future__ import annotations

from dataclasses import dataclass

from hlhdesk.gui.qt import QGuiApplication, QPoint, QRect, QSize, Qt
from hlhdesk.gui.kit.settings import app_settings

# The size the desk is designed for (and its screenshots are taken at).
DESK_SIZE = QSize(1366, 768)
# Room a window's frame takes around its client area (title bar above, borders at the
# sides and bottom): Windows 10 and 11 at 100% take about 31 px above and 8 px elsewhere.
FRAME_MARGINS = (8, 32, 8, 8)  # left, top, right, bottom
# A restored window stays where it was only if at least this much of it is on a screen...
MIN_VISIBLE_FRACTION = 0.5
# ...and this much of its top edge (where the title bar is, to drag it by) is too.
MIN_TITLE_BAR_VISIBLE = 100


@dataclass(frozen=True)
class Placement:
    geometry: QRect  # the client area while not maximised
    maximised: bool


def _area(rect: QRect) -> int:
    return max(rect.width(), 0) * max(rect.height(), 0)


def client_area(available: QRect) -> QRect:
    """Where a window's client area can go on a screen so that its frame is on it too."""
    left, top, right, bottom = FRAME_MARGINS
    return available.adjusted(left, top, -right, -bottom)


def _centred(size: QSize, within: QRect) -> QRect:
    # Not QRect.moveCenter: its integer centre is a pixel out left of the origin.
    left = within.left() + (within.width() - size.width()) // 2
    top = within.top() + (within.height() - size.height()) // 2
    return QRect(QPoint(left, top), size)


def first_run_placement(available: QRect, wanted: QSize = DESK_SIZE) -> Placement:
    """No saved geometry: `wanted` centred on the screen when it fits with its frame;
    otherwise (a small laptop, a projector) maximised, with a normal size that fits."""
    room = client_area(available)
    if wanted.width() <= room.width() and wanted.height() <= room.height():
        return Placement(_centred(wanted, room), maximised=False)
    return Placement(_centred(wanted.boundedTo(room.size()), room), maximised=True)


def is_mostly_on_screen(rect: QRect, screens: list[QRect]) -> bool:
    """At least half of it on the screens (which do not overlap), and enough of its top
    edge to drag it by."""
    if _area(rect) == 0:
        return False
    visible = sum(_area(rect.intersected(s)) for s in screens)
    top_edge = QRect(rect.left(), rect.top(), rect.width(), 1)
    reachable = sum(top_edge.intersected(s).width() for s in screens)
    return visible >= MIN_VISIBLE_FRACTION * _area(rect) and reachable >= min(MIN_TITLE_BAR_VISIBLE, rect.width())


def fit_inside(rect: QRect, area: QRect) -> QRect:
    """`rect` moved, and shrunk only if it must be, as little as possible to lie inside `area`."""
    size = rect.size().boundedTo(area.size())
    left = min(max(rect.left(), area.left()), area.right() + 1 - size.width())
    top = min(max(rect.top(), area.top()), area.bottom() + 1 - size.height())
    return QRect(QPoint(left, top), size)


def restored_geometry(saved: QRect, screens: list[QRect], primary: QRect) -> QRect:
    """Where a window saved at `saved` (its client area) should open now: where it was if
    that is still (mostly) on the screens, nudged so that its frame is on them too;
    otherwise on the primary screen, centred. `screens` and `primary` are available
    areas (the taskbar left out)."""
    if is_mostly_on_screen(saved, screens):
        # Kept within the screens it is on (a window may span two monitors on purpose).
        spanned = QRect()
        for screen in screens:
            if saved.intersects(screen):
                spanned = spanned.united(screen)
        return fit_inside(saved, client_area(spanned))
    room = client_area(primary)
    return fit_inside(_centred(saved.size().boundedTo(room.size()), room), room)


# -- applying them to a real window --------------------------------------------------------

def available_areas() -> tuple[list[QRect], QRect]:
    """Every screen's available area, and the primary screen's."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    areas = [s.availableGeometry() for s in screens]
    return areas, primary.availableGeometry() if primary is not None else areas[0]


def place_new(window, wanted: QSize = DESK_SIZE) -> None:
    """First run (nothing saved): size `window` for the primary screen, maximised when
    `wanted` does not fit on it."""
    _, primary = available_areas()
    placement = first_run_placement(primary, wanted)
    window.setGeometry(placement.geometry)
    if placement.maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fitted_size(wanted: QSize) -> QSize:
    """`wanted`, or less where the primary screen is smaller (for a dialog's first size)."""
    _, primary = available_areas()
    return wanted.boundedTo(client_area(primary).size())


def bring_onto_screen(window) -> None:
    """After restoreGeometry: a normal window mostly off every screen (saved on a monitor
    that has gone) comes back onto the primary one. A maximised window is left alone:
    it fills whichever screen Qt restored it to."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    screens, primary = available_areas()
    where = restored_geometry(window.geometry(), screens, primary)
    if where != window.geometry():
        window.setGeometry(where)


def restore_window(window, key: str, wanted: QSize) -> None:
    """The geometry `window` had when last closed (saved under `key`), brought onto a
    screen if need be; on first run, `wanted` fitted to the screen."""
    geometry = app_settings().value(f"{key}/geometry")
    if geometry is None or not window.restoreGeometry(geometry):
        place_new(window, wanted)  # maximised on a laptop or projector
    else:
        bring_onto_screen(window)  # saved on a monitor that has since gone?


def save_window(window, key: str) -> None:
    app_settings().setValue(f"{key}/geometry", window.saveGeometry())
