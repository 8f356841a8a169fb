//! The embedded SQLite store of survey responses.
//!
//! WAL journal with `synchronous = FULL`: a response is on disk before its 201 is sent.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};
use skm_core::profile::Profile;
use skm_core::response::{ResponseRecord, CSV_HEADER};

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("basis data / database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored value could not be read back.
    #[error("basis data berisi nilai tidak sah / database holds an invalid value: {0}")]
    Corrupt(String),
    /// Writing the CSV export failed.
    #[error("ekspor CSV / CSV export: {0}")]
    Csv(#[from] csv::Error),
}

/// The response store.
pub struct Store {
    conn: Connection,
}

const SCHEMA: &str = "
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

/// What became of a response offered to [`Store::insert_once`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Stored now.
    New,
    /// The same response was stored before (a resend); here it is as first stored.
    Replay(ResponseRecord),
    /// Another response with the same ID was stored before.
    Conflict,
}

fn code<T: serde::Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().and_then(|v| match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    })
}

fn decode<T: serde::de::DeserializeOwned>(v: Option<String>) -> Result<Option<T>, StoreError> {
    v.map(|s| serde_json::from_value(serde_json::Value::String(s.clone())).map_err(|_| StoreError::Corrupt(s)))
        .transpose()
}

impl Store {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::init(Connection::open(path)?)
    }

    /// An in-memory store, for tests.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
    }

    /// Stores responses in one transaction.
    pub fn insert_many(&mut self, records: &[ResponseRecord]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for r in records {
            insert(&tx, r)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores a response unless one with its ID exists: an identical one (but for the time of
    /// arrival) is a resend, a different one a conflict. One transaction, durable on return.
    pub fn insert_once(&mut self, record: &ResponseRecord) -> Result<Stored, StoreError> {
        let mut outcomes = self.insert_batch(std::slice::from_ref(record))?;
        Ok(outcomes.pop().unwrap_or(Stored::Conflict))
    }

    /// [`Store::insert_once`] for several responses in one transaction (one flush to disk); a
    /// later one in the batch sees the earlier ones. All are stored, or none.
    pub fn insert_batch(&mut self, records: &[ResponseRecord]) -> Result<Vec<Stored>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(records.len());
        for record in records {
            let existing = {
                let mut stmt = tx.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
                let raw = stmt.query_row([&record.id], raw_row).optional()?;
                raw.map(RawRow::into_record).transpose()?
            };
            outcomes.push(match existing {
                Some(first) => {
                    let same = ResponseRecord { submitted_at: first.submitted_at.clone(), ..record.clone() } == first;
                    if same {
                        Stored::Replay(first)
                    } else {
                        Stored::Conflict
                    }
                }
                None => {
                    insert(&tx, record)?;
                    Stored::New
                }
            });
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// A stored setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    /// Stores a setting, replacing any earlier value.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", [key, value])?;
        Ok(())
    }

    /// Number of stored responses.
    pub fn count(&self) -> Result<u64, StoreError> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM responses", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// The response with the given ID.
    pub fn get(&self, id: &str) -> Result<Option<ResponseRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
        let raw = stmt.query_row([id], raw_row).optional()?;
        raw.map(RawRow::into_record).transpose()
    }

    /// Every response, in order of arrival.
    pub fn all(&self) -> Result<Vec<ResponseRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY seq"))?;
        let rows = stmt.query_map([], raw_row)?;
        rows.map(|r| r.map_err(StoreError::from).and_then(RawRow::into_record)).collect()
    }

    /// Writes every response as the canonical CSV (docs/data-formats.md); a text that a
    /// spreadsheet would run as a formula is written with the mark that stops it (`skm-csv`).
    pub fn export_csv(&self) -> Result<Vec<u8>, StoreError> {
        let mut w = skm_csv::CsvWriter::new(Vec::new());
        w.row(CSV_HEADER)?;
        for r in self.all()? {
            w.row(r.cells())?;
        }
        Ok(w.into_inner()?)
    }
}

fn insert(tx: &rusqlite::Transaction<'_>, r: &ResponseRecord) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO responses (id, submitted_at, service, u1, u2, u3, u4, u5, u6, u7, u8, u9,
         gender, age, education, occupation, suggestion)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    let (gender, education, occupation) = (code(&r.gender), code(&r.education), code(&r.occupation));
    let scores = r.scores();
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&r.id, &r.submitted_at, &r.service];
    values.extend(scores.iter().map(|s| s as &dyn rusqlite::ToSql));
    values.extend([&gender as &dyn rusqlite::ToSql, &r.age, &education, &occupation, &r.suggestion]);
    stmt.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

const SELECT: &str = "SELECT id, submitted_at, service, u1, u2, u3, u4, u5, u6, u7, u8, u9,
    gender, age, education, occupation, suggestion FROM responses";

struct RawRow {
    id: String,
    submitted_at: String,
    service: String,
    scores: [Option<u8>; 9],
    gender: Option<String>,
    age: Option<u8>,
    education: Option<String>,
    occupation: Option<String>,
    suggestion: Option<String>,
}

fn raw_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    let mut scores = [None; 9];
    for (i, s) in scores.iter_mut().enumerate() {
        *s = r.get(3 + i)?;
    }
    Ok(RawRow {
        id: r.get(0)?,
        submitted_at: r.get(1)?,
        service: r.get(2)?,
        scores,
        gender: r.get(12)?,
        age: r.get(13)?,
        education: r.get(14)?,
        occupation: r.get(15)?,
        suggestion: r.get(16)?,
    })
}

impl RawRow {
    fn into_record(self) -> Result<ResponseRecord, StoreError> {
        let profile = Profile {
            gender: decode(self.gender)?,
            age: self.age,
            education: decode(self.education)?,
            occupation: decode(self.occupation)?,
        };
        Ok(ResponseRecord::from_parts(self.id, self.submitted_at, self.service, self.scores, profile, self.suggestion))
    }
}
