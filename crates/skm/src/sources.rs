//! `--unit CODE --db FILE`: a unit's standards, calendar and stored responses taken from the
//! database of `skm serve`, as an alternative to `--services DIR --calendar FILE`.

use std::path::PathBuf;

use anyhow::Context;
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_server::{Store, StoredUnit};

/// The unit in the server's database that a batch command works for.
#[derive(Debug, Clone, clap::Args)]
pub struct UnitSource {
    /// The unit (its code) whose standards, calendar and stored responses to use, from the
    /// database given with --db.
    #[arg(long = "unit", requires = "db", value_name = "CODE")]
    pub code: Option<String>,
    /// The database of `skm serve` (with --unit).
    #[arg(long, requires = "code", value_name = "FILE")]
    pub db: Option<PathBuf>,
}

/// A unit read from the database.
pub struct FromDb {
    /// The store, open.
    pub store: Store,
    /// The unit.
    pub unit: StoredUnit,
    /// The database's file name, for messages.
    pub db: String,
}

impl FromDb {
    /// The unit's standards in force today, with every earlier version, so that an item is
    /// judged by the version in force when it arrived.
    pub fn catalog(&self) -> anyhow::Result<Catalog> {
        Ok(self.store.catalog(&self.unit.unit.code, skm_server::now_wib().date())?)
    }

    /// The unit's calendar.
    pub fn calendar(&self) -> Calendar {
        self.unit.unit.calendar.clone()
    }

    /// The unit's stored responses as the canonical CSV, named for messages
    /// (`data/skm.db#unit/responses.csv`).
    pub fn responses(&self) -> anyhow::Result<(String, crate::files::FileBytes)> {
        let csv = self.store.export_csv(Some(&self.unit.unit.code))?;
        Ok((format!("{}#{}/responses.csv", self.db, self.unit.unit.code), crate::files::FileBytes::Read(csv)))
    }
}

/// Opens a database that must exist already (a batch command never makes an empty one).
pub fn open_existing(db: &std::path::Path) -> anyhow::Result<Store> {
    if skm_server::postgres_url(db).is_none() && !db.is_file() {
        anyhow::bail!(
            "{}: basis data tidak ada (buat dengan skm serve atau skm unit add) / no such database (made by skm serve or skm unit add)",
            skm_server::shown(db)
        );
    }
    Store::open(db)
        .with_context(|| format!("basis data {} tidak dapat dibuka / cannot open database", skm_server::shown(db)))
}

impl UnitSource {
    /// The unit from the database, when `--unit` and `--db` are given.
    pub fn open(&self) -> anyhow::Result<Option<FromDb>> {
        let (Some(code), Some(db)) = (&self.code, &self.db) else { return Ok(None) };
        let store = open_existing(db)?;
        let unit = store.unit(code)?.ok_or_else(|| skm_server::StoreError::NoUnit(code.clone()))?;
        Ok(Some(FromDb { store, unit, db: skm_server::shown(db) }))
    }
}
