"""The hashes that make tampering visible: each audit row's link in the chain, and the
seal over what a sign-off froze. Plain SHA-256 over a canonical JSON list, so anyone
can recompute them: they show an edit made by any tool that does not also recompute
every later link (the sqlite3 shell, a spreadsheet plug-in, a careless script), and
damage; they cannot stop someone who reads this code and rewrites the chain from the
edited row onwards. docs/reliability.md says so."""

from __future__ import annotations

import hashlib
import json
import sqlite3

AUDIT_FIELDS = ("id", "at", "os_user", "app_version", "table_name", "row_id", "case_id",
                "action", "before_json", "after_json")
SEALED_SIGNOFF_FIELDS = ("signed_by", "signed_at", "case_json", "evaluation_json", "policy",
                         "app_version", "meeting_json")


def _digest(values) -> str:
    text = json.dumps(list(values), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def audit_link(*values) -> str:
    """The hash of one audit row: its AUDIT_FIELDS then the previous row's hash."""
    return _digest(values)


def signoff_seal(*values) -> str:
    """The hash of one sign-off: SEALED_SIGNOFF_FIELDS then the frozen outcome's JSON."""
    return _digest(values)


def register_chain_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("hlhdesk_audit_link", len(AUDIT_FIELDS) + 1, audit_link, deterministic=True)
    conn.create_function("hlhdesk_signoff_seal", len(SEALED_SIGNOFF_FIELDS) + 1, signoff_seal,
                         deterministic=True)
