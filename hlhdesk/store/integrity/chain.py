"""The hashes that make tampering visible: each audit row's link in the chain, and the
seal over what a sign-off froze. Plain SHA-256 over the values in a canonical form, so anyone
can recompute them: they show an edit made by any tool that does not also recompute
every later link (the sqlite3 shell, a spreadsheet plug-in, a careless script), and
damage; they cannot stop someone who reads this code and rewrites the chain from the
edited row onwards. docs/reliability.md says so."""

from __future__ import annotations

import hashlib
import sqlite3

AUDIT_FIELDS = ("id", "at", "os_user", "app_version", "table_name", "row_id", "case_id",
                "action", "before_json", "after_json")
SEALED_SIGNOFF_FIELDS = ("signed_by", "signed_at", "case_json", "evaluation_json", "policy",
                         "app_version", "meeting_json")


def _digest(values) -> str:
    """SHA-256 over the values, each written with its type and length (`s5:hello`,
    `i3:123`, `n` for NULL) so no two different rows can spell the same text."""
    return hashlib.sha256(canonical(values).encode("utf-8", "surrogatepass")).hexdigest()


def canonical(values) -> str:
    parts = []
    for value in values:
        if value is None:
            parts.append("n")
            continue
        tag = "i" if isinstance(value, int) else "f" if isinstance(value, float) else "s"
        text = repr(value) if tag == "f" else str(value)
        parts.append(f"{tag}{len(text)}:{text}")
    return "".join(parts)


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
