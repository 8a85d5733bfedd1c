"""The frozen program's entry point (PyInstaller runs this file as __main__)."""

import os
import sys

# A windowed (no console) Windows executable starts with sys.stdout/stderr set to None,
# and the first print (argparse's --help, an error message) would crash it. Send them
# to the null device instead so the GUI executable never dies on a print.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))

from hlhdesk.cli import main  # noqa: E402 - after the stream fix above

sys.exit(main())
