"""Print through the system's PDF viewer leaves no patient PDF behind: a neutral name in
a private folder, deleted when the desk quits and, after a crash, when the next starts."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from hlhdesk.gui.render import printing


def test_a_print_file_has_a_neutral_name_in_a_private_folder_removed_on_quit(qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(printing, "HAVE_QTPDF", False)
    assert printing.print_pdf(None, lambda: b"%PDF-1.4 test", "SMITH-Jane-case-3.pdf",
                              opener=lambda url: opened.append(Path(url.toLocalFile())) or True)
    path = opened[0]
    assert path.name == printing.PRINT_FILE_NAME and "SMITH" not in str(path)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert printing.remove_print_files() >= 1
    assert not path.parent.exists()


def test_print_folders_of_a_killed_desk_are_removed_at_the_next_start():
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    leftover = Path(tempfile.mkdtemp(prefix=f"{printing.PRINT_FOLDER_PREFIX}{dead_pid}-"))
    (leftover / printing.PRINT_FILE_NAME).write_bytes(b"%PDF")
    alive = Path(tempfile.mkdtemp(prefix=f"{printing.PRINT_FOLDER_PREFIX}{os.getppid()}-"))
    try:
        printing.remove_print_files(leftovers=True)
        assert not leftover.exists()
        assert alive.exists()  # another desk still running keeps its files
    finally:
        alive.rmdir()


def test_the_gui_save_refuses_a_symbolic_link(qtbot, tmp_path, monkeypatch):
    from hlhdesk.gui.kit import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "warn", lambda parent, title, text: shown.append(text))
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"keep")
    link = tmp_path / "link.pdf"
    link.symlink_to(victim)
    assert dialogs.write_chosen_file(None, "Save as PDF", link, b"%PDF") is None
    assert "symbolic link" in shown[0] and victim.read_bytes() == b"keep"
