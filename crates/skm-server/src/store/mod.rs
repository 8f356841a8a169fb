//! The store: units, their service standards' versions, survey responses, accounts and the
//! records of the results cycle, on an embedded SQLite file (the default) or on PostgreSQL
//! (`--db postgres://…`, for several `skm serve` sharing one database).
//!
//! SQLite runs a WAL journal with `synchronous = FULL`, PostgreSQL its default synchronous
//! commit: either way a response is on disk before its 201 is sent. The schema is brought up to
//! date by versioned migrations (`migrate.rs`, `migrate_postgres.rs`) when the store is opened.
//! Every statement is written once, in SQL both databases understand (`db.rs`).

mod access;
pub mod backup;
pub(crate) mod db;
mod follow_up;
mod migrate;
mod migrate_postgres;
mod populations;
mod publications;
mod units;

use std::path::{Path, PathBuf};

use db::{args, Db, Kind, Row};
use rusqlite::Connection;
use skm_core::profile::Profile;
use skm_core::response::{ResponseRecord, EXPORT_HEADER};

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("basis data / database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL reported an error, or could not be reached.
    #[error("basis data PostgreSQL / PostgreSQL database: {0}")]
    Postgres(String),
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
    /// A file-level operation (backup, restore) was asked of a PostgreSQL database.
    #[error("{0} adalah PostgreSQL: cadangkan dan pulihkan dengan pg_dump dan pg_restore (docs/deploy.md) / {0} is PostgreSQL: back it up and restore it with pg_dump and pg_restore (docs/deploy.md)")]
    NotAFile(String),
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

impl From<postgres::Error> for StoreError {
    /// The server's own message when it gave one (postgres' `Display` says only "db error").
    fn from(e: postgres::Error) -> StoreError {
        StoreError::Postgres(match e.as_db_error() {
            Some(db) => format!("{}: {}", db.code().code(), db.message()),
            None => e.to_string(),
        })
    }
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
    db: Db,
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

/// The PostgreSQL URL in a `--db` value, if it is one rather than a file.
pub fn postgres_url(db: &Path) -> Option<&str> {
    db.to_str().filter(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// A `--db` value as it may be shown and logged: the file's path, or the URL without its password.
pub fn shown(db: &Path) -> String {
    let Some(url) = postgres_url(db) else { return db.display().to_string() };
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    match rest.split_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{scheme}://{name}:***@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`: a SQLite file, or the PostgreSQL
    /// server a `postgres://` URL names.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        match postgres_url(path) {
            Some(url) => Store::connect(url),
            None => Store::init(Connection::open(path)?),
        }
    }

    /// Connects to the PostgreSQL database at `url` and brings its schema up to date.
    pub fn connect(url: &str) -> Result<Store, StoreError> {
        let pg = db::Pg::connect(url)?;
        pg.run(|conn| migrate_postgres::run(conn.client()?))?;
        Ok(Store { db: Db::Postgres(pg) })
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

    fn init(conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let db = Db::Sqlite(conn);
        migrate::run(&db, |tx, version| {
            if version == 1 {
                // Responses stored before units can only be for the seed services: their
                // units are added, and each response is given the unit of its service.
                let responses: i64 = tx.query_one("SELECT COUNT(*) FROM responses", &[], |r| r.get(0))?;
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
        Ok(Store { db })
    }

    /// Stores responses in one transaction, each given the unit that offers its service (the
    /// demo fill; the server files each submission under its unit with [`Store::insert_batch`]).
    pub fn insert_many(&mut self, records: &[ResponseRecord]) -> Result<(), StoreError> {
        self.db.transaction(|tx| {
            for r in records {
                insert(tx, None, r)?;
            }
            units::assign_units(tx)?;
            Ok(())
        })
    }

    /// Stores a response unless one with its ID exists: an identical one (but for the time of
    /// arrival) is a resend, a different one a conflict. One transaction, durable on return.
    pub fn insert_once(&mut self, filed: &Filed) -> Result<Stored, StoreError> {
        let mut outcomes = self.insert_batch(std::slice::from_ref(filed))?;
        Ok(outcomes.pop().unwrap_or(Stored::Conflict))
    }

    /// [`Store::insert_once`] for several responses in one transaction (one flush to disk); a
    /// later one in the batch sees the earlier ones. All are stored, or none.
    ///
    /// Each is inserted unless its ID is taken (`ON CONFLICT DO NOTHING`), and only when it was
    /// taken is the first one read: on PostgreSQL a response sent to two servers at once waits
    /// for the other's commit there, and is then a replay, not an error.
    pub fn insert_batch(&mut self, batch: &[Filed]) -> Result<Vec<Stored>, StoreError> {
        self.db.transaction(|tx| {
            let mut outcomes = Vec::with_capacity(batch.len());
            for Filed { unit, record } in batch {
                if insert(tx, Some(unit), record)? {
                    outcomes.push(Stored::New);
                    continue;
                }
                let sql = format!("{SELECT}, unit FROM responses WHERE id = ?1");
                let first =
                    tx.query_one(&sql, args![record.id], |r| Ok((raw_row(r)?, r.get::<Option<String>>(18)?)))?;
                let (first, first_unit) = (first.0.into_record()?, first.1);
                let same = ResponseRecord { submitted_at: first.submitted_at.clone(), ..record.clone() } == first
                    && first_unit.as_deref() == Some(unit.as_str());
                outcomes.push(if same { Stored::Replay(first) } else { Stored::Conflict });
            }
            Ok(outcomes)
        })
    }

    /// A stored setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.db.query_opt("SELECT value FROM settings WHERE key = ?1", args![key], |r| r.get(0))
    }

    /// Stores a setting, replacing any earlier value.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            args![key, value],
        )?;
        Ok(())
    }

    /// Number of stored responses.
    pub fn count(&self) -> Result<u64, StoreError> {
        self.db.query_one("SELECT COUNT(*) FROM responses", &[], |r| r.get(0))
    }

    /// The response with the given ID.
    pub fn get(&self, id: &str) -> Result<Option<ResponseRecord>, StoreError> {
        let raw = self.db.query_opt(&format!("{SELECT} FROM responses WHERE id = ?1"), args![id], raw_row)?;
        raw.map(RawRow::into_record).transpose()
    }

    /// The unit a response was filed under.
    pub fn unit_of(&self, id: &str) -> Result<Option<String>, StoreError> {
        let unit = self.db.query_opt("SELECT unit FROM responses WHERE id = ?1", args![id], |r| r.get(0))?;
        Ok(unit.flatten())
    }

    /// Every response, in order of arrival; only a unit's when `unit` is given.
    pub fn all(&self, unit: Option<&str>) -> Result<Vec<ResponseRecord>, StoreError> {
        // Two statements, not `?1 IS NULL OR unit = ?1`: SQLite cannot use the unit index for
        // that one and scans every unit's rows for each unit (about 10× slower on a pemda's 60
        // units, once per unit in the pemda view).
        let rows = match unit {
            Some(unit) => self.db.query_map(
                &format!("{SELECT} FROM responses WHERE unit = ?1 ORDER BY seq"),
                args![unit],
                raw_row,
            )?,
            None => self.db.query_map(&format!("{SELECT} FROM responses ORDER BY seq"), &[], raw_row)?,
        };
        rows.into_iter().map(RawRow::into_record).collect()
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
        self.db.query_one("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM responses WHERE unit = ?1", args![unit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// What changes when the units or their standards change. On SQLite its `data_version`,
    /// which changes when another connection (`skm unit add`) commits, not when this one does;
    /// on PostgreSQL a counter that a trigger raises on each change, by any server.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        match self.db.kind() {
            Kind::Sqlite => self.db.query_one("PRAGMA data_version", &[], |r| r.get(0)),
            Kind::Postgres => self.db.query_one("SELECT n FROM directory_version", &[], |r| r.get(0)),
        }
    }

    /// The database's schema version.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        match self.db.kind() {
            Kind::Sqlite => migrate::version(&self.db),
            Kind::Postgres => self.db.query_one("SELECT MAX(version) FROM schema_version", &[], |r| r.get(0)),
        }
    }
}

/// Inserts a response unless its ID is taken; whether it was inserted.
fn insert(tx: &Db, unit: Option<&String>, r: &ResponseRecord) -> Result<bool, StoreError> {
    let (gender, education, occupation) = (code(&r.gender), code(&r.education), code(&r.occupation));
    let channel = code(&r.channel);
    let s = r.scores();
    let inserted = tx.execute(
        "INSERT INTO responses (id, submitted_at, service, u1, u2, u3, u4, u5, u6, u7, u8, u9,
         gender, age, education, occupation, suggestion, unit, channel)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
         ON CONFLICT (id) DO NOTHING",
        args![
            r.id,
            r.submitted_at,
            r.service,
            s[0],
            s[1],
            s[2],
            s[3],
            s[4],
            s[5],
            s[6],
            s[7],
            s[8],
            gender,
            r.age,
            education,
            occupation,
            r.suggestion,
            unit,
            channel
        ],
    )?;
    Ok(inserted == 1)
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

fn raw_row(r: &Row) -> Result<RawRow, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_is_shown_without_its_password() {
        let shown = |db: &str| shown(Path::new(db));
        assert_eq!(shown("postgres://skm:rahasia@db.pemda:5432/skm"), "postgres://skm:***@db.pemda:5432/skm");
        assert_eq!(shown("postgresql://skm@localhost/skm"), "postgresql://skm@localhost/skm");
        assert_eq!(shown("data/skm.db"), "data/skm.db");
        assert_eq!(postgres_url(Path::new("data/postgres.db")), None);
    }

    #[test]
    fn backups_of_postgres_are_refused_naming_pg_dump_and_not_the_password() {
        let db = Path::new("postgres://skm:rahasia@localhost/skm");
        for refused in [backup::backup(db, Path::new("out.db")), backup::restore(Path::new("in.db"), db, false)] {
            let message = refused.unwrap_err().to_string();
            assert!(message.contains("pg_dump") && !message.contains("rahasia"), "{message}");
        }
    }
}
