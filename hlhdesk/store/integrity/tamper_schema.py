"""Migration: the audit trail becomes a hash chain, and each sign-off is sealed.

- `audit_chain` holds one hash per audit row (the audit table itself refuses UPDATE, so
  the hash cannot be filled in afterwards; a trigger adds it as the row is inserted).
  Each hash covers the row's content and the previous row's hash.
- An audit row whose id is not after the last one (INSERT OR REPLACE over an old row
  deletes it without firing the DELETE trigger) or whose time is more than
  CLOCK_TOLERANCE before the last one's is refused. The tolerance exists because two
  desks on two machines share one file and their clocks differ by seconds or minutes;
  refusing any earlier time would stop the slower machine's saves.
- `signoff_seals` freezes the signed outcome itself (decision, rationale, dissent,
  actions, review date) as JSON, with a hash over it and everything the sign-off froze.
  Reprints come from it; `hlhdesk verify` compares it with the outcomes table.
"""

from __future__ import annotations

from sqlite_utils import Database

from hlhdesk.store.integrity.chain import AUDIT_FIELDS, SEALED_SIGNOFF_FIELDS, audit_link
from hlhdesk.store.schema import (
    AUDITED_TABLES,
    BOOKKEEPING_COLUMNS,
    MIGRATIONS,
    SQL_UTC_NOW,
    create_audit_triggers,
)

CLOCK_TOLERANCE_MINUTES = 10
OUTCOME_FIELDS = ("decision", "rationale", "dissent", "actions", "next_review", "prior_approval_ref")

# A sealed outcome belongs to the case of its outcome.
AUDITED_TABLES["signoff_seals"] = (
    "(SELECT o.case_id FROM signoffs s JOIN outcomes o ON o.id = s.outcome_id WHERE s.id = {row}.id)"
)


def _last_hash_sql() -> str:
    return "coalesce((SELECT hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1), '')"


def outcome_json_sql(alias: str) -> str:
    return "json_object(" + ", ".join(f"'{f}', {alias}.{f}" for f in OUTCOME_FIELDS) + ")"


def seal_sql(signoff: str, outcome_json: str) -> str:
    fields = ", ".join(f"{signoff}.{f}" for f in SEALED_SIGNOFF_FIELDS)
    return f"hlhdesk_signoff_seal({fields}, {outcome_json})"


@MIGRATIONS(name="0007_tamper_evidence")
def _m0007_tamper_evidence(db: Database) -> None:
    db.execute("""
        CREATE TABLE audit_chain (
            audit_id INTEGER PRIMARY KEY REFERENCES audit(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        ) STRICT
    """)
    previous = ""
    links = []
    for row in db.conn.execute(f"SELECT {', '.join(AUDIT_FIELDS)} FROM audit ORDER BY id"):
        previous = audit_link(*row, previous)
        links.append((row[0], previous))
    db.conn.executemany("INSERT INTO audit_chain (audit_id, hash) VALUES (?, ?)", links)
    new = ", ".join(f"NEW.{f}" for f in AUDIT_FIELDS)
    db.execute(f"""
        CREATE TRIGGER audit_chain_link AFTER INSERT ON audit BEGIN
            SELECT RAISE(ABORT, 'the audit trail only grows: a row must come after the last one')
             WHERE NEW.id <= (SELECT coalesce(max(audit_id), 0) FROM audit_chain)
                OR julianday(NEW.at) < (SELECT julianday(a.at) FROM audit a
                                         WHERE a.id = (SELECT max(audit_id) FROM audit_chain))
                                       - {CLOCK_TOLERANCE_MINUTES} / 1440.0;
            INSERT INTO audit_chain (audit_id, hash)
            VALUES (NEW.id, hlhdesk_audit_link({new}, {_last_hash_sql()}));
        END
    """)
    _audit_rows_never_audited(db)
    db.execute("""
        CREATE TABLE signoff_seals (
            id INTEGER PRIMARY KEY REFERENCES signoffs(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
            outcome_json TEXT NOT NULL CHECK (json_valid(outcome_json)),
            seal TEXT NOT NULL CHECK (length(seal) = 64)
        ) STRICT
    """)
    create_audit_triggers(db, "signoff_seals")
    # Sign-offs made before this version: sealed with their outcome as it stands now.
    db.execute(f"""
        INSERT INTO signoff_seals (id, outcome_json, seal)
        SELECT s.id, {outcome_json_sql('o')}, {seal_sql('s', outcome_json_sql('o'))}
          FROM signoffs s JOIN outcomes o ON o.id = s.outcome_id ORDER BY s.id
    """)
    db.execute(f"""
        CREATE TRIGGER signoffs_seal AFTER INSERT ON signoffs BEGIN
            INSERT INTO signoff_seals (id, outcome_json, seal)
            SELECT NEW.id, {outcome_json_sql('o')}, {seal_sql('NEW', outcome_json_sql('o'))}
              FROM outcomes o WHERE o.id = NEW.outcome_id;
        END
    """)
    for table in ("audit_chain", "signoff_seals"):
        for action in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_refuse_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def _audit_rows_never_audited(db: Database) -> None:
    """Rows a migration wrote before their table's audit triggers existed (the default lab
    test names) get an 'insert' audit row now, so every audited row has a record of how
    it came to be and `verify` can hold each to its last one."""
    tables = set(db.table_names())
    for table, case_expr in AUDITED_TABLES.items():
        if table not in tables or table == "signoff_seals":
            continue
        columns = [c.name for c in db[table].columns if c.name not in BOOKKEEPING_COLUMNS]
        pairs = ", ".join(f"'{c}', t.{c}" for c in columns)
        db.execute(f"""
            INSERT INTO audit (at, os_user, app_version, table_name, row_id, case_id, action,
                               before_json, after_json)
            SELECT {SQL_UTC_NOW}, hlhdesk_user(), hlhdesk_version(), '{table}', t.id,
                   {case_expr.format(row="t")}, 'insert', NULL, json_object({pairs})
              FROM {table} t
             WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.table_name = '{table}' AND a.row_id = t.id)
             ORDER BY t.id
        """)


# Each restore, recorded in the restored database (so in its audit and its hash chain):
# which backup, when, and what the restore removed that the database had held.
AUDITED_TABLES["restores"] = "NULL"


@MIGRATIONS(name="0008_restores")
def _m0008_restores(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE restores (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            restored_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW}),
            backup_file TEXT NOT NULL,
            previous_kept_as TEXT,
            removed TEXT NOT NULL CHECK (json_valid(removed))  -- JSON list of plain lines
        ) STRICT
    """)
    create_audit_triggers(db, "restores")
    for action in ("UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER restores_refuse_{action.lower()} BEFORE {action} ON restores "
                   "BEGIN SELECT RAISE(ABORT, 'restores is append-only'); END")
