//! Versioned migrations of the database: each step runs once, in its own transaction, and
//! leaves its number in SQLite's `user_version`.
//!
//! Version 0 is the schema of the releases before units (responses and settings only); a
//! database of any earlier version opens and is brought up to date, and one written by a newer
//! release is refused rather than changed.

use super::db::Db;
use super::StoreError;

/// The steps, in order; step `i` brings the database to version `i + 1`.
const STEPS: [&str; 5] = [UNITS, ACCOUNTS, RESULTS_CYCLE, SAMPLING, CHANNEL];

/// The version this release writes.
pub const LATEST: u32 = STEPS.len() as u32;

/// The schema of the releases before units; `IF NOT EXISTS` so it also opens their files.
pub(super) const BASE: &str = "
CREATE TABLE IF NOT EXISTS responses (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    submitted_at TEXT NOT NULL,
    service      TEXT NOT NULL,
    u1 INTEGER CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
    u3 INTEGER CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
    u5 INTEGER CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
    u7 INTEGER CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
    u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
    gender TEXT, age INTEGER, education TEXT, occupation TEXT, suggestion TEXT
);
CREATE INDEX IF NOT EXISTS responses_service ON responses(service);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// Version 1: units, the versions of their service standards, and the unit of each response.
const UNITS: &str = "
CREATE TABLE units (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    pemda      TEXT NOT NULL,
    document   TEXT NOT NULL,
    source     TEXT NOT NULL,
    saved_at   TEXT NOT NULL
);
CREATE TABLE standard_versions (
    unit           TEXT NOT NULL REFERENCES units(code),
    service        TEXT NOT NULL,
    version        INTEGER NOT NULL CHECK (version >= 1),
    effective_from TEXT NOT NULL,
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    document       TEXT,
    source         TEXT NOT NULL,
    saved_at       TEXT NOT NULL,
    PRIMARY KEY (unit, service, version),
    CHECK (retired = 1 OR document IS NOT NULL)
);
ALTER TABLE responses ADD COLUMN unit TEXT REFERENCES units(code);
CREATE INDEX responses_unit ON responses(unit, service);
";

/// Version 2: staff accounts with their units, sign-in sessions, API tokens, and the
/// append-only audit log of staff actions.
const ACCOUNTS: &str = "
CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL UNIQUE,
    password   TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('admin_pemda', 'admin_unit', 'pimpinan', 'operator')),
    disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE TABLE user_units (
    user_id INTEGER NOT NULL REFERENCES users(id),
    unit    TEXT NOT NULL REFERENCES units(code),
    PRIMARY KEY (user_id, unit)
);
CREATE TABLE sessions (
    id_hash    TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    csrf       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    prefix     TEXT NOT NULL UNIQUE,
    hash       TEXT NOT NULL UNIQUE,
    permission TEXT NOT NULL CHECK (permission IN ('read', 'write')),
    all_units  INTEGER NOT NULL DEFAULT 0 CHECK (all_units IN (0, 1)),
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used  TEXT,
    revoked_at TEXT
);
CREATE TABLE token_units (
    token_id INTEGER NOT NULL REFERENCES api_tokens(id),
    unit     TEXT NOT NULL REFERENCES units(code),
    PRIMARY KEY (token_id, unit)
);
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    action  TEXT NOT NULL,
    target  TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL,
    old     TEXT,
    new     TEXT
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
";

/// Version 3: what follows a unit's survey results: the follow-up actions (RTL) and the register
/// of where the results were published.
const RESULTS_CYCLE: &str = "
CREATE TABLE follow_ups (
    id         INTEGER PRIMARY KEY,
    unit       TEXT NOT NULL REFERENCES units(code),
    period     TEXT NOT NULL,
    finding    TEXT NOT NULL DEFAULT '',
    action     TEXT NOT NULL,
    owner      TEXT NOT NULL,
    deadline   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    evidence   TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX follow_ups_unit ON follow_ups(unit, period);
CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    unit         TEXT NOT NULL REFERENCES units(code),
    period       TEXT NOT NULL,
    medium       TEXT NOT NULL,
    published_on TEXT NOT NULL,
    link         TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX publications_unit ON publications(unit, period);
";

/// Version 4: the population of each service per SKM period, for the sampling plan.
const SAMPLING: &str = "
CREATE TABLE populations (
    id         INTEGER PRIMARY KEY,
    unit       TEXT NOT NULL REFERENCES units(code),
    period     TEXT NOT NULL,
    service    TEXT NOT NULL,
    population INTEGER NOT NULL CHECK (population >= 0),
    note       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (unit, period, service)
);
";

/// Version 5: how each response came (link, QR code, kiosk, paper); paper forms are known by
/// their IDs, the others stored before stay unrecorded.
const CHANNEL: &str = "
ALTER TABLE responses ADD COLUMN channel TEXT
    CHECK (channel IS NULL OR channel IN ('link', 'qr', 'kiosk', 'paper'));
UPDATE responses SET channel = 'paper' WHERE id LIKE 'kertas-%';
";

/// The database's version.
pub fn version(db: &Db) -> Result<u32, StoreError> {
    db.query_one("PRAGMA user_version", &[], |r| r.get(0))
}

/// Brings the database to [`LATEST`]; `after` runs inside each step's transaction once its SQL
/// has, with the version reached, for the data a step must move.
pub(super) fn run(db: &Db, mut after: impl FnMut(&Db, u32) -> Result<(), StoreError>) -> Result<(), StoreError> {
    db.batch(BASE)?;
    let found = version(db)?;
    if found > LATEST {
        return Err(StoreError::TooNew { found, latest: LATEST });
    }
    for (i, sql) in STEPS.iter().enumerate().skip(found as usize) {
        let reached = i as u32 + 1;
        db.transaction(|tx| {
            tx.batch(sql)?;
            after(tx, reached)?;
            tx.batch(&format!("PRAGMA user_version = {reached}"))
        })?;
        tracing::info!(version = reached, "database migrated");
    }
    Ok(())
}
