"""hlhdesk/app is the one door to the store's writes: the GUI and the CLI read the store
directly but change it only through a use case, so no use case is written twice."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import hlhdesk
from hlhdesk.store import labs
from hlhdesk.store.repository import Store

PACKAGE = Path(hlhdesk.__file__).parent

# Everything public on the store that does not change the database. Any other public
# method counts as a write, so a write added to the store later is covered at once.
READS = {
    "close", "data_version", "journal_mode", "schema_version", "transaction", "load_case",
    "case_ids", "list_cases", "case_status", "audit_rows", "load_meeting", "list_meetings",
    "review_states", "offered_cases", "outcome_id_for", "outcome", "outcomes_of_meeting",
    "outcomes_of_case", "load_test_names", "case_targets", "stored_values",
    # Backups copy the file beside the database; they change nothing in it.
    "backup", "list_backups",
}


def store_writes() -> set[str]:
    names = {name for name, _ in inspect.getmembers(Store, callable) if not name.startswith("_")}
    return names - READS


def store_write_uses(source: str, where: str, writes: set[str]) -> list[str]:
    """`<something named store or repo>.<write>` and writes imported from the store."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in writes:
            receiver = ast.unparse(node.value).lower()
            if "store" in receiver or "repo" in receiver:
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hlhdesk.store"):
            found += [f"{where}:{node.lineno}: imports {a.name}" for a in node.names if a.name in writes]
    return found


def test_the_write_list_knows_the_store():
    writes = store_writes()
    assert {"add_cases", "add_record", "set_case_status", "record_outcome", "sign_off", "amend",
            "save_test_names", "record_lab_import"} <= writes
    assert not writes & READS


def test_gui_and_cli_change_the_store_only_through_app():
    writes = store_writes()
    found = [use for folder in ("gui", "cli") for path in sorted((PACKAGE / folder).rglob("*.py"))
             for use in store_write_uses(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)), writes)]
    assert found == []


def test_the_check_sees_a_direct_write():
    source = ("from hlhdesk.store.somewhere import save_test_names\n"
              "def f(self):\n    self.session.store.add_cases([])\n    self.repo.sign_off(x)\n"
              "    self.view.sign_off()\n")
    found = store_write_uses(source, "sample.py", store_writes())
    assert sorted(use.split(": ", 1)[1] for use in found) == [
        "imports save_test_names", "self.repo.sign_off", "self.session.store.add_cases"]
