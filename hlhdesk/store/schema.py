"""The database schema, as one append-only set of migrations.

Rules every migration here keeps:
- STRICT tables, so a column holds the type it declares (a date typed into a dose is
  refused by SQLite itself, not only by the Python that usually writes it).
- No destructive ON DELETE: foreign keys RESTRICT, so deleting a case that still has
  observations fails instead of silently taking them with it.
- Clinical tables have AUTOINCREMENT ids, so a deleted row's id is never reused and its
  audit history never gets mixed up with a newer row's.
- Every clinical table is audited by triggers generated from one declaration
  (`AUDITED_TABLES`) by `create_audit_triggers`, the way GNUmed generates its audit
  schema: nobody writes an audit trigger by hand, so none can be forgotten.
- The triggers call `hlhdesk_user()` and `hlhdesk_version()`, SQL functions that
  `register_functions` installs on every connection the app opens. A connection without
  them (the sqlite3 shell) cannot change a clinical table at all, which keeps the audit
  trail complete.

Datetimes are ISO text in local clinical time without a zone (they sort as text);
bookkeeping times (`created_at`, `updated_at`, `audit.at`) are UTC ISO text ending in Z.
Booleans are INTEGER 0/1 with NULL meaning "not recorded".
"""

from __future__ import annotations

import getpass
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("hlhdesk")

# SQL for "now" in UTC, to the millisecond, e.g. 2026-11-21T21:30:00.123Z.
SQL_UTC_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

# Columns that are bookkeeping, not clinical content: left out of audit JSON, and an
# update that changes only these writes no audit row.
BOOKKEEPING_COLUMNS = ("created_at", "updated_at")

# table -> SQL expression (over the trigger's row, written `{row}`) for the case the row
# belongs to, so the history of one case can be read from the audit table in one query.
AUDITED_TABLES: dict[str, str] = {
    "patients": "(SELECT min(id) FROM cases WHERE patient_id = {row}.id)",
    "cases": "{row}.id",
    "observations": "{row}.case_id",
    "treatments": "{row}.case_id",
    "events": "{row}.case_id",
    "monitoring": "{row}.case_id",
}


def known_migration_names() -> list[str]:
    """The migrations this version of the app knows, in order."""
    # Migrations keeps its list private; reading it here keeps that in one place.
    return [m.name for m in MIGRATIONS._migrations]


def register_functions(conn: sqlite3.Connection, app_version: str) -> None:
    """Install the SQL functions the audit triggers call. Needed on every connection."""
    user = _os_user()
    conn.create_function("hlhdesk_user", 0, lambda: user, deterministic=False)
    conn.create_function("hlhdesk_version", 0, lambda: app_version, deterministic=False)
    from hlhdesk.store.integrity.chain import register_chain_functions

    register_chain_functions(conn)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service account, odd env): say so
        return "unknown"


def create_audit_triggers(db: Database, table: str) -> None:
    """(Re)create the insert, update and delete audit triggers of one table.

    The JSON lists the table's columns as they are now, so a migration that adds a
    column calls this again afterwards and the new column is audited too.
    """
    columns = [c.name for c in db[table].columns if c.name not in BOOKKEEPING_COLUMNS]
    case_expr = AUDITED_TABLES[table]

    def json_of(row: str) -> str:
        pairs = ", ".join(f"'{c}', {row}.{c}" for c in columns)
        return f"json_object({pairs})"

    def audit_insert(action: str, row: str, before: str, after: str) -> str:
        return (
            "INSERT INTO audit (at, os_user, app_version, table_name, row_id, case_id, "
            "action, before_json, after_json) VALUES ("
            f"{SQL_UTC_NOW}, hlhdesk_user(), hlhdesk_version(), '{table}', {row}.id, "
            f"{case_expr.format(row=row)}, '{action}', {before}, {after});"
        )

    watched = ", ".join(c for c in columns if c != "id")
    statements = {
        "insert": f"AFTER INSERT ON {table} BEGIN "
        + audit_insert("insert", "NEW", "NULL", json_of("NEW")),
        "update": f"AFTER UPDATE OF {watched} ON {table} "
        f"WHEN {json_of('OLD')} IS NOT {json_of('NEW')} BEGIN "
        + audit_insert("update", "NEW", json_of("OLD"), json_of("NEW")),
        "delete": f"BEFORE DELETE ON {table} BEGIN "
        + audit_insert("delete", "OLD", json_of("OLD"), "NULL"),
    }
    for action, body in statements.items():
        name = f"audit_{table}_{action}"
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(f"CREATE TRIGGER {name} {body} END")


# A yes/no column: 0, 1, or NULL for "not recorded".
def _flag(name: str) -> str:
    return f"{name} INTEGER CHECK ({name} IN (0, 1))"


def _case_fk() -> str:
    return "case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE RESTRICT ON UPDATE RESTRICT"


@MIGRATIONS(name="0001_cases_and_audit")
def _m0001_cases_and_audit(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            os_user TEXT,
            app_version TEXT,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            case_id INTEGER,  -- no foreign key: a deleted row's history must stay
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
            after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))
        ) STRICT
        """
    )
    db.execute("CREATE INDEX audit_by_row ON audit (table_name, row_id)")
    db.execute("CREATE INDEX audit_by_case ON audit (case_id)")
    for action in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER audit_is_append_only_{action.lower()} BEFORE {action} ON audit "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )

    db.execute(
        f"""
        CREATE TABLE patients (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            nhs_number TEXT CHECK (nhs_number IS NULL
                OR (length(nhs_number) = 10 AND nhs_number NOT GLOB '*[^0-9]*')),
            hospital_number TEXT,
            family_name TEXT,
            given_name TEXT,
            date_of_birth TEXT NOT NULL CHECK (date(date_of_birth) IS date_of_birth),
            sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
            created_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW}),
            updated_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW})
        ) STRICT
        """
    )
    db.execute("CREATE INDEX patients_by_nhs_number ON patients (nhs_number)")
    db.execute(
        f"""
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            patient_id INTEGER NOT NULL
                REFERENCES patients(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
            referring_hospital TEXT,
            referring_clinician TEXT,
            hlh_type TEXT,
            triggers TEXT CHECK (triggers IS NULL OR json_valid(triggers)),  -- JSON list
            trigger_notes TEXT,
            {_flag("known_immunosuppression")},
            {_flag("anakinra_hypersensitivity")},
            {_flag("tissue_diagnosis")},
            steroid_first_line TEXT,
            {_flag("cardiomyopathy")},
            {_flag("cns_inflammation")},
            {_flag("pregnant_or_breastfeeding")},
            {_flag("offlabel_consent")},
            prior_approval_ref TEXT,
            created_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW}),
            updated_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW})
        ) STRICT
        """
    )
    db.execute("CREATE INDEX cases_by_patient ON cases (patient_id)")
    # value: REAL for a number (canonical unit), INTEGER 0/1 for a finding, TEXT for a
    # choice. ANY in a STRICT table keeps exactly the type written, so it reads back as
    # the same Python type. NaN binds as NULL and is refused by NOT NULL.
    db.execute(
        f"""
        CREATE TABLE observations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_case_fk()},
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            value ANY NOT NULL
                CHECK (typeof(value) IN ('real', 'text') OR value IN (0, 1)),
            unit TEXT,
            entered_value REAL,
            entered_unit TEXT,
            site TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX observations_by_case ON observations (case_id, at)")
    db.execute(
        f"""
        CREATE TABLE treatments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_case_fk()},
            drug TEXT NOT NULL,
            start TEXT NOT NULL,
            stop TEXT,
            name TEXT,
            dose_mg REAL,
            every_hours REAL,
            route TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX treatments_by_case ON treatments (case_id, drug, start)")
    for table in ("events", "monitoring"):
        db.execute(
            f"""
            CREATE TABLE {table} (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                {_case_fk()},
                at TEXT NOT NULL,
                kind TEXT NOT NULL,
                note TEXT
            ) STRICT
            """
        )
        db.execute(f"CREATE INDEX {table}_by_case ON {table} (case_id, at)")

    # Derived data, not a record: what the GUI last computed for a case (eligibility,
    # next review) so the case list can show it without evaluating 10,000 cases. It is
    # not audited because it is never entered, only recomputed from audited data; the
    # signed-off MDT decision, not this cache, is the record of what was decided.
    db.execute(
        f"""
        CREATE TABLE case_status (
            case_id INTEGER PRIMARY KEY
                REFERENCES cases(id) ON DELETE RESTRICT ON UPDATE RESTRICT,
            eligibility TEXT,
            policy TEXT,
            as_of TEXT,
            day0 TEXT,
            next_review TEXT,
            summary TEXT,
            updated_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW})
        ) STRICT
        """
    )
    # The tables this migration made (not all of AUDITED_TABLES, which later migrations
    # extend with their own tables before those tables exist).
    for table in ("patients", "cases", "observations", "treatments", "events", "monitoring"):
        create_audit_triggers(db, table)


# How to change the schema (append only; never edit a migration that has landed on main,
# because databases in use have already applied it and will never run it again):
#
#   @MIGRATIONS(name="0002_meetings")        # next free number, then a short name
#   def _m0002_meetings(db: Database) -> None:
#       db.execute("CREATE TABLE meetings (... ) STRICT")   # STRICT, RESTRICT foreign keys
#
# - A new clinical table: add it to AUDITED_TABLES (with its case expression) and call
#   create_audit_triggers(db, "meetings") at the end of the migration (0002 shows how).
# - A new column on an audited table: `ALTER TABLE ... ADD COLUMN`, then
#   create_audit_triggers(db, table) so the audit JSON includes it.
# - Each migration runs in one transaction with its record in _sqlite_migrations; a
#   database that has applied a migration this app does not know is refused as newer.
# - tests/store/test_schema.py checks every table is STRICT and every foreign key RESTRICTs.


# Meetings. A meeting's own rows have no case; agenda items,
# outcomes, flags, sign-offs and amendments are filed under their case in the audit.
AUDITED_TABLES.update(
    {
        "meetings": "NULL",
        "meeting_attendees": "NULL",
        "agenda_items": "{row}.case_id",
        "review_flags": "{row}.case_id",
        "outcomes": "{row}.case_id",
        "signoffs": "(SELECT case_id FROM outcomes WHERE id = {row}.outcome_id)",
        "amendments": "(SELECT o.case_id FROM signoffs s JOIN outcomes o ON o.id = s.outcome_id"
        " WHERE s.id = {row}.signoff_id)",
    }
)
MEETING_TABLES = (
    "meetings", "meeting_attendees", "agenda_items", "review_flags", "outcomes", "signoffs",
    "amendments",
)


def _fk(column: str, table: str) -> str:
    return (
        f"{column} INTEGER NOT NULL REFERENCES {table}(id) ON DELETE RESTRICT ON UPDATE RESTRICT"
    )


# The columns an outcome and an amendment share (an amendment holds the outcome as amended).
_OUTCOME_COLUMNS = """
    decision TEXT NOT NULL CHECK (decision IN ('start', 'continue', 'increase_dose', 'stop',
        'not_eligible', 'defer_for_data', 'refer_specialist')),
    rationale TEXT NOT NULL DEFAULT '',
    dissent TEXT NOT NULL DEFAULT '',
    actions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(actions)),  -- [{text, owner, due}]
    next_review TEXT CHECK (next_review IS NULL OR date(next_review) IS next_review),
    prior_approval_ref TEXT
"""


@MIGRATIONS(name="0002_meetings")
def _m0002_meetings(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            held_on TEXT NOT NULL CHECK (date(held_on) IS held_on),
            chair TEXT NOT NULL CHECK (length(trim(chair)) > 0),
            closed_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX meetings_by_date ON meetings (held_on)")
    db.execute(
        f"""
        CREATE TABLE meeting_attendees (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("meeting_id", "meetings")},
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            role TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute("CREATE INDEX attendees_by_meeting ON meeting_attendees (meeting_id, position)")
    db.execute(
        f"""
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("meeting_id", "meetings")},
            {_fk("case_id", "cases")},
            position INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('new_referral', 'day7_review',
                'day14_review', 'flagged', 'rolled_over', 'review_due')),
            discussed INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
            UNIQUE (meeting_id, case_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX agenda_by_case ON agenda_items (case_id)")
    db.execute(
        f"""
        CREATE TABLE review_flags (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("case_id", "cases")},
            note TEXT NOT NULL DEFAULT '',
            flagged_at TEXT NOT NULL,
            cleared_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX flags_by_case ON review_flags (case_id)")
    db.execute(
        f"""
        CREATE TABLE outcomes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("meeting_id", "meetings")},
            {_fk("case_id", "cases")},
            {_OUTCOME_COLUMNS},
            recorded_at TEXT NOT NULL,
            UNIQUE (meeting_id, case_id)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX outcomes_by_case ON outcomes (case_id)")
    db.execute(
        f"""
        CREATE TABLE signoffs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("outcome_id", "outcomes")} UNIQUE,
            signed_by TEXT NOT NULL CHECK (length(trim(signed_by)) > 0),
            signed_at TEXT NOT NULL,
            case_json TEXT NOT NULL CHECK (json_valid(case_json)),
            evaluation_json TEXT NOT NULL CHECK (json_valid(evaluation_json)),
            policy TEXT NOT NULL,
            app_version TEXT NOT NULL,
            meeting_json TEXT NOT NULL CHECK (json_valid(meeting_json))
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE amendments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("signoff_id", "signoffs")},
            amended_by TEXT NOT NULL CHECK (length(trim(amended_by)) > 0),
            amended_at TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            {_OUTCOME_COLUMNS}
        ) STRICT
        """
    )
    db.execute("CREATE INDEX amendments_by_signoff ON amendments (signoff_id)")
    # The record of a decision: once signed, an outcome changes only by amendment. The API
    # refuses first with a clear message; these triggers hold even against raw SQL.
    for action in ("UPDATE", "DELETE"):
        verb = action.lower()
        db.execute(
            f"CREATE TRIGGER outcomes_signed_refuse_{verb} BEFORE {action} ON outcomes "
            "WHEN EXISTS (SELECT 1 FROM signoffs WHERE outcome_id = OLD.id) BEGIN SELECT "
            "RAISE(ABORT, 'this outcome is signed off: record an amendment instead'); END"
        )
        for table in ("signoffs", "amendments"):
            db.execute(
                f"CREATE TRIGGER {table}_refuse_{verb} BEFORE {action} ON {table} BEGIN "
                f"SELECT RAISE(ABORT, '{table} are permanent: record an amendment instead'); END"
            )
    for table in MEETING_TABLES:
        create_audit_triggers(db, table)


# Lab results import. Not case data, but what decides which case data
# an import writes, and the record of each import: audited like the clinical tables.
AUDITED_TABLES.update({"lab_test_names": "NULL", "lab_imports": "NULL"})


@MIGRATIONS(name="0003_lab_test_names_and_imports")
def _m0003_lab_test_names_and_imports(db: Database) -> None:
    # Which pathology test names and codes mean which observation kind. Editable by the
    # trust; `name_key` (case-folded, spaces collapsed) makes "HB" and "Hb" one entry.
    db.execute(
        f"""
        CREATE TABLE lab_test_names (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            name_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW}),
            updated_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW})
        ) STRICT
        """
    )
    from hlhdesk.core.labs.labnames import DEFAULT_TEST_NAMES, normalise_test_name

    db.conn.executemany(
        "INSERT INTO lab_test_names (name, name_key, kind) VALUES (?, ?, ?)",
        [(name, normalise_test_name(name), kind) for name, kind in DEFAULT_TEST_NAMES.items()],
    )
    # One row per lab file imported: which file (by name and content hash), when, and
    # what it did. The observations it added are in the audit trail at the same time.
    db.execute(
        f"""
        CREATE TABLE lab_imports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
            added INTEGER NOT NULL CHECK (added >= 0),
            skipped INTEGER NOT NULL CHECK (skipped >= 0),
            rejected INTEGER NOT NULL CHECK (rejected >= 0),
            case_ids TEXT NOT NULL CHECK (json_valid(case_ids)),  -- JSON list
            created_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW})
        ) STRICT
        """
    )
    for table in ("lab_test_names", "lab_imports"):
        create_audit_triggers(db, table)


# The pathway phase in the status cache (issue 13), so the case list, the agenda and
# `hlhdesk list` show where each patient is without evaluating anything. The cache stays
# derived and unaudited (see case_status in 0001): the migration itself is recorded in
# _sqlite_migrations. `next_review` keeps its name and now holds the pathway's review due
# (past while overdue; it stays until an outcome dated on or after it is recorded).
# `stale` is set when an MDT outcome of the case is recorded, amended or withdrawn, in the
# same transaction, so the next refresh picks up the decision.
PHASES = ("died", "stop_recommended", "day14_check", "day7_check", "decide_start",
          "insufficient_data", "early", "continuing", "not_eligible", "stopped")
TONES = ("good", "warning", "caution", "neutral", "unknown")


@MIGRATIONS(name="0004_case_status_pathway")
def _m0004_case_status_pathway(db: Database) -> None:
    def quoted(values) -> str:
        return ", ".join(f"'{v}'" for v in values)

    for column in (
        f"phase TEXT CHECK (phase IS NULL OR phase IN ({quoted(PHASES)}))",
        "day INTEGER",
        "verdict TEXT",
        f"tone TEXT CHECK (tone IS NULL OR tone IN ({quoted(TONES)}))",
        "urgency INTEGER",
        _flag("overdue"),
        "last_decision TEXT",
        "last_decision_on TEXT CHECK (last_decision_on IS NULL OR date(last_decision_on) IS last_decision_on)",
        "overdue_actions INTEGER CHECK (overdue_actions IS NULL OR overdue_actions >= 0)",
        "stale INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1))",
    ):
        db.execute(f"ALTER TABLE case_status ADD COLUMN {column}")


# Revision 2 of the rule catalogue: the MDT's own episode starts on a
# case (a JSON list of local date-times) and a course the MDT marked as given alongside an
# open course of the same drug and route (otherwise a new course replaces the open one).
@MIGRATIONS(name="0005_episode_starts_and_alongside")
def _m0005_episode_starts_and_alongside(db: Database) -> None:
    db.execute("ALTER TABLE cases ADD COLUMN episode_starts TEXT "
               "CHECK (episode_starts IS NULL OR json_valid(episode_starts))")
    db.execute("ALTER TABLE treatments ADD COLUMN alongside INTEGER NOT NULL DEFAULT 0 "
               "CHECK (alongside IN (0, 1))")
    for table in ("cases", "treatments"):
        create_audit_triggers(db, table)


# The agenda's reasons from the pathway phase (issue 13): a stop recommended and a dose
# above the maximum are reasons of their own. SQLite cannot change a CHECK in place, so
# agenda_items is rebuilt with the same rows, ids, id sequence, index and audit triggers
# (no audit rows: the rows do not change). The status cache also keeps the pathway's flag
# codes (a JSON list), which the agenda reads.
AGENDA_REASONS = ("stop_recommended", "day14_review", "dose_above_max", "day7_review", "flagged",
                  "rolled_over", "review_due", "new_referral")


@MIGRATIONS(name="0006_agenda_reasons_from_the_pathway")
def _m0006_agenda_reasons_from_the_pathway(db: Database) -> None:
    db.execute("ALTER TABLE case_status ADD COLUMN flags TEXT CHECK (flags IS NULL OR json_valid(flags))")
    reasons = ", ".join(f"'{r}'" for r in AGENDA_REASONS)
    sequence = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'agenda_items'").fetchone()
    db.execute(
        f"""
        CREATE TABLE agenda_items_rebuilt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("meeting_id", "meetings")},
            {_fk("case_id", "cases")},
            position INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ({reasons})),
            discussed INTEGER NOT NULL DEFAULT 0 CHECK (discussed IN (0, 1)),
            UNIQUE (meeting_id, case_id)
        ) STRICT
        """
    )
    columns = "id, meeting_id, case_id, position, reason, discussed"
    db.execute(f"INSERT INTO agenda_items_rebuilt ({columns}) SELECT {columns} FROM agenda_items")
    db.execute("DROP TABLE agenda_items")  # its triggers and index go with it
    db.execute("ALTER TABLE agenda_items_rebuilt RENAME TO agenda_items")
    if sequence is not None:  # a deleted row's id is never reused
        db.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'agenda_items'", [sequence[0]])
    db.execute("CREATE INDEX agenda_by_case ON agenda_items (case_id)")
    create_audit_triggers(db, "agenda_items")


# Tamper evidence (audit hash chain, sealed sign-offs): registered last, after every
# migration above, whatever number they take.
import hlhdesk.store.integrity.tamper_schema  # noqa: E402,F401


# MDT actions recorded as done (issue 13's "outstanding actions"): beside the outcome,
# never in it, so a signed-off outcome's actions stay as decided. `action` is the action
# as the outcome holds it ({text, owner, due}); an amendment that changes an action makes
# it a new, outstanding one. Filed under the outcome's case in the audit.
AUDITED_TABLES["action_completions"] = "(SELECT case_id FROM outcomes WHERE id = {row}.outcome_id)"


@MIGRATIONS(name="0009_action_completions")
def _m0009_action_completions(db: Database) -> None:
    db.execute(
        f"""
        CREATE TABLE action_completions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            {_fk("outcome_id", "outcomes")},
            action TEXT NOT NULL CHECK (json_valid(action)),
            done_on TEXT NOT NULL CHECK (date(done_on) IS done_on),
            done_by TEXT NOT NULL CHECK (length(trim(done_by)) > 0),
            recorded_at TEXT NOT NULL DEFAULT ({SQL_UTC_NOW}),
            UNIQUE (outcome_id, action)
        ) STRICT
        """
    )
    create_audit_triggers(db, "action_completions")
