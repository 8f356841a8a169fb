//! The embedded SQLite store: units, their service standards' versions, and survey responses.
//!
//! WAL journal with `synchronous = FULL`: a response is on disk before its 201 is sent. The
//! schema is brought up to date by versioned migrations (`migrate.rs`) when a file is opened.

mod access;
pub mod backup;
mod follow_up;
mod migrate;
mod populations;
mod publications;
mod units;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use skm_core::profile::Profile;
use skm_core::response::{ResponseRecord, EXPORT_HEADER};

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
    /// There is no database file here.
    #[error("basis data {} tidak ada / no database at {}", .0.display(), .0.display())]
    NoDatabase(PathBuf),
    /// A restore would overwrite a database.
    #[error("basis data {} sudah ada; hentikan server lalu pakai --replace (yang lama disimpan di sampingnya) / {} exists already; stop the server, then use --replace (the old one is kept beside it)", .0.display(), .0.display())]
    DatabaseExists(PathBuf),
    /// A file is not a database of this server.
    #[error("{} bukan basis data skm / {} is not an skm database", .0.display(), .0.display())]
    NotADatabase(PathBuf),
    /// SQLite's integrity check failed.
    #[error("{} rusak menurut integrity_check / {} is damaged according to integrity_check: {detail}", .file.display(), .file.display())]
    Damaged {
        /// The file checked.
        file: PathBuf,
        /// What the check said.
        detail: String,
    },
    /// The database stayed locked for longer than a backup waits.
    #[error("basis data terkunci terlalu lama untuk dicadangkan ke {} / the database stayed locked too long to back up to {}", .0.display(), .0.display())]
    Busy(PathBuf),
    /// A file could not be read, written or renamed.
    #[error("{}: {source}", .file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The database was written by a newer release.
    #[error("basis data versi {found} dibuat oleh rilis yang lebih baru (rilis ini sampai versi {latest}); perbarui skm / the database is version {found}, from a newer release (this one knows up to {latest}); update skm")]
    TooNew {
        /// The database's version.
        found: u32,
        /// The newest this release knows.
        latest: u32,
    },
    /// A unit document was refused.
    #[error(transparent)]
    Unit(#[from] skm_core::unit::UnitError),
    /// A standard document was refused.
    #[error(transparent)]
    Catalog(#[from] skm_core::catalog::CatalogError),
    /// A unit with this code exists already.
    #[error("unit '{0}' sudah ada (pakai --replace untuk menggantinya) / unit '{0}' exists already (use --replace to replace it)")]
    UnitExists(String),
    /// No unit has this code.
    #[error("unit '{0}' tidak ada / no unit '{0}'")]
    NoUnit(String),
    /// A record for the same thing exists already (the population of a service in a period).
    #[error("sudah tercatat: {0} / already recorded: {0}")]
    Taken(String),
    /// An account with this username exists already.
    #[error("pengguna '{0}' sudah ada / user '{0}' exists already")]
    UserExists(String),
    /// No account has this username.
    #[error("pengguna '{0}' tidak ada / no user '{0}'")]
    NoUser(String),
    /// No live token has this prefix.
    #[error("token '{0}' tidak ada atau sudah dicabut / no live token '{0}'")]
    NoToken(String),
    /// The unit has no such service.
    #[error("unit '{unit}' tidak punya layanan '{service}' / unit '{unit}' has no service '{service}'")]
    NoService {
        /// The unit.
        unit: String,
        /// The service.
        service: String,
    },
}

pub use access::{Audit, AuditEntry, StoredToken, StoredUser};
pub use migrate::LATEST as SCHEMA_VERSION;
pub use units::{Imported, StandardVersion, StoredUnit};

/// A record before and after a change, or `None` when there was no such record to change.
pub type Changed<T> = Option<(T, T)>;

/// A response with the unit it was given to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    /// The unit's code.
    pub unit: String,
    /// The response.
    pub record: ResponseRecord,
}

/// The response store.
pub struct Store {
    conn: Connection,
}

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

    /// An in-memory store with the demo units and their standards, for tests.
    pub fn in_memory_demo() -> Result<Store, StoreError> {
        let mut store = Store::in_memory()?;
        store.seed_demo_units(crate::now_wib().date())?;
        Ok(store)
    }

    fn init(mut conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate::run(&mut conn, |tx, version| {
            if version == 1 {
                // Responses stored before units can only be for the seed services: their
                // units are added, and each response is given the unit of its service.
                let responses: i64 = tx.query_row("SELECT COUNT(*) FROM responses", [], |r| r.get(0))?;
                if responses > 0 {
                    units::seed_demo(tx, crate::now_wib().date())?;
                    let left = units::assign_units(tx)?;
                    if left > 0 {
                        tracing::warn!(left, "responses whose service no unit offers keep no unit");
                    }
                }
            }
            Ok(())
        })?;
        Ok(Store { conn })
    }

    /// Stores responses in one transaction, each given the unit that offers its service (the
    /// demo fill; the server files each submission under its unit with [`Store::insert_batch`]).
    pub fn insert_many(&mut self, records: &[ResponseRecord]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for r in records {
            insert(&tx, None, r)?;
        }
        units::assign_units(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a response unless one with its ID exists: an identical one (but for the time of
    /// arrival) is a resend, a different one a conflict. One transaction, durable on return.
    pub fn insert_once(&mut self, filed: &Filed) -> Result<Stored, StoreError> {
        let mut outcomes = self.insert_batch(std::slice::from_ref(filed))?;
        Ok(outcomes.pop().unwrap_or(Stored::Conflict))
    }

    /// [`Store::insert_once`] for several responses in one transaction (one flush to disk); a
    /// later one in the batch sees the earlier ones. All are stored, or none.
    pub fn insert_batch(&mut self, batch: &[Filed]) -> Result<Vec<Stored>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for Filed { unit, record } in batch {
            let existing = {
                let mut stmt = tx.prepare_cached(&format!("{SELECT}, unit FROM responses WHERE id = ?1"))?;
                let raw =
                    stmt.query_row([&record.id], |r| Ok((raw_row(r)?, r.get::<_, Option<String>>(18)?))).optional()?;
                raw.map(|(raw, unit)| raw.into_record().map(|rec| (rec, unit))).transpose()?
            };
            outcomes.push(match existing {
                Some((first, first_unit)) => {
                    let same = ResponseRecord { submitted_at: first.submitted_at.clone(), ..record.clone() } == first
                        && first_unit.as_deref() == Some(unit.as_str());
                    if same {
                        Stored::Replay(first)
                    } else {
                        Stored::Conflict
                    }
                }
                None => {
                    insert(&tx, Some(unit), record)?;
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
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} FROM responses WHERE id = ?1"))?;
        let raw = stmt.query_row([id], raw_row).optional()?;
        raw.map(RawRow::into_record).transpose()
    }

    /// The unit a response was filed under.
    pub fn unit_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        let unit = self.conn.query_row("SELECT unit FROM responses WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(unit.flatten())
    }

    /// Every response, in order of arrival; only a unit's when `unit` is given.
    pub fn all(&self, unit: Option<&str>) -> Result<Vec<ResponseRecord>, StoreError> {
        // Two statements, not `?1 IS NULL OR unit = ?1`: SQLite cannot use the unit index for
        // that one and scans every unit's rows for each unit (about 10× slower on a pemda's 60
        // units, once per unit in the pemda view).
        let mut stmt = match unit {
            Some(_) => self.conn.prepare_cached(&format!("{SELECT} FROM responses WHERE unit = ?1 ORDER BY seq"))?,
            None => self.conn.prepare_cached(&format!("{SELECT} FROM responses ORDER BY seq"))?,
        };
        let rows = match unit {
            Some(unit) => stmt.query_map([unit], raw_row)?,
            None => stmt.query_map([], raw_row)?,
        };
        rows.map(|r| r.map_err(StoreError::from).and_then(RawRow::into_record)).collect()
    }

    /// Writes the responses (all, or a unit's) as the canonical CSV (docs/data-formats.md); a
    /// text that a spreadsheet would run as a formula is written with the mark that stops it
    /// (`skm-csv`).
    pub fn export_csv(&self, unit: Option<&str>) -> Result<Vec<u8>, StoreError> {
        let mut w = skm_csv::CsvWriter::new(Vec::new());
        w.row(EXPORT_HEADER)?;
        for r in self.all(unit)? {
            w.row(r.cells())?;
        }
        Ok(w.into_inner()?)
    }

    /// What changes whenever a unit's responses change: how many it has and the last one's
    /// sequence number (responses are only ever added).
    pub fn responses_stamp(&self, unit: &str) -> Result<(u64, i64), StoreError> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM responses WHERE unit = ?1",
            [unit],
            |r| Ok((r.get::<_, i64>(0)?.max(0) as u64, r.get(1)?)),
        )?)
    }

    /// SQLite's `data_version`: it changes when another connection (`skm unit add`, `skm
    /// standards import`) commits to the database, not when this one does.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The database's schema version (SQLite's `user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrate::version(&self.conn)
    }
}

fn insert(tx: &rusqlite::Transaction<'_>, unit: Option<&String>, r: &ResponseRecord) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO responses (id, submitted_at, service, u1, u2, u3, u4, u5, u6, u7, u8, u9,
         gender, age, education, occupation, suggestion, unit, channel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    let (gender, education, occupation) = (code(&r.gender), code(&r.education), code(&r.occupation));
    let channel = code(&r.channel);
    let scores = r.scores();
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&r.id, &r.submitted_at, &r.service];
    values.extend(scores.iter().map(|s| s as &dyn rusqlite::ToSql));
    values.extend([&gender as &dyn rusqlite::ToSql, &r.age, &education, &occupation, &r.suggestion, &unit, &channel]);
    stmt.execute(rusqlite::params_from_iter(values))?;
    Ok(())
}

const SELECT: &str = "SELECT id, submitted_at, service, u1, u2, u3, u4, u5, u6, u7, u8, u9,
    gender, age, education, occupation, suggestion, channel";

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
    channel: Option<String>,
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
        channel: r.get(17)?,
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
        let record =
            ResponseRecord::from_parts(self.id, self.submitted_at, self.service, self.scores, profile, self.suggestion);
        Ok(ResponseRecord { channel: decode(self.channel)?, ..record })
    }
}
