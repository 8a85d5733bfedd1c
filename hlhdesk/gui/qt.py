"""The one module the GUI imports Qt from (as Anki's aqt.qt does), so a Qt upgrade or a
switch of binding touches one file."""

from PySide6.QtCore import *  # noqa: F401,F403
from PySide6.QtGui import *  # noqa: F401,F403
from PySide6.QtWidgets import *  # noqa: F401,F403
