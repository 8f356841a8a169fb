//! Units and the versions of their service standards in the store.
//!
//! A unit is kept as the document it was added from (so an export gives it back as written) with
//! its code, name and pemda beside it for lists. Each save of a service standard is a new
//! version with the date it takes effect; retiring a service is a version too, so its history
//! stays. The version of a service in force on a date is the one with the latest effective date
//! on or before it (of two on the same date, the later saved).

use jiff::civil::Date;
use skm_core::catalog::{Catalog, ServiceStandard, BUILTIN_DOCUMENTS};
use skm_core::unit::{StandardDocument, Unit, UnitDocuments, DEMO_UNITS};

use super::db::{args, Db, Row};
use super::{Store, StoreError};

/// A unit as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredUnit {
    /// The unit, checked.
    pub unit: Unit,
    /// Its document as it was added.
    pub document: String,
    /// The file it came from.
    pub source: String,
    /// When it was last saved (ISO 8601 with offset).
    pub saved_at: String,
}

/// One version of a unit's service standard.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardVersion {
    /// The unit's code.
    pub unit: String,
    /// The service's code.
    pub service: String,
    /// 1 for the first save, then one more for each.
    pub version: u32,
    /// The day it takes effect.
    pub effective_from: Date,
    /// The standard; `None` for the version that retires the service.
    pub standard: Option<ServiceStandard>,
    /// Its document as imported (`None` when retired).
    pub document: Option<String>,
    /// The file it came from.
    pub source: String,
    /// When it was saved.
    pub saved_at: String,
}

/// What an import did with one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The service's code.
    pub service: String,
    /// The version now in the store for it.
    pub version: u32,
    /// Whether a new version was written (`false`: the document equals the latest version).
    pub new: bool,
}

const UNIT_COLUMNS: &str = "code, document, source, saved_at";

fn read_unit(r: &Row) -> Result<(String, String, String, String), StoreError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn parse_unit((code, document, source, saved_at): (String, String, String, String)) -> Result<StoredUnit, StoreError> {
    let unit = Unit::from_toml(&source, &document).map_err(|e| StoreError::Corrupt(format!("unit {code}: {e}")))?;
    Ok(StoredUnit { unit, document, source, saved_at })
}

const VERSION_COLUMNS: &str = "unit, service, version, effective_from, document, source, saved_at";

type RawVersion = (String, String, u32, String, Option<String>, String, String);

fn read_version(r: &Row) -> Result<RawVersion, StoreError> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn parse_version(raw: RawVersion) -> Result<StandardVersion, StoreError> {
    let (unit, service, version, effective, document, source, saved_at) = raw;
    let effective_from: Date =
        effective.parse().map_err(|_| StoreError::Corrupt(format!("{unit}/{service} v{version}: date {effective}")))?;
    let standard = document
        .as_deref()
        .map(|text| Catalog::parse_document(&source, text))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("{unit}/{service} v{version}: {e}")))?;
    Ok(StandardVersion { unit, service, version, effective_from, standard, document, source, saved_at })
}

/// The date a seed document takes effect: its own (an SOP states one), else `today`.
fn seed_effective(standard: &ServiceStandard, today: Date) -> Date {
    standard.sop.as_ref().and_then(|sop| sop.effective_date.parse().ok()).unwrap_or(today)
}

fn now_text() -> String {
    crate::now_wib().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn insert_unit(tx: &Db, unit: &Unit, source: &str, text: &str, replace: bool) -> Result<(), StoreError> {
    let exists: bool =
        tx.query_one("SELECT COUNT(*) > 0 FROM units WHERE code = ?1", args![unit.code], |r| r.get(0))?;
    if exists && !replace {
        return Err(StoreError::UnitExists(unit.code.clone()));
    }
    tx.execute(
        "INSERT INTO units (code, name, pemda, document, source, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, pemda = excluded.pemda,
         document = excluded.document, source = excluded.source, saved_at = excluded.saved_at",
        args![unit.code, unit.name, unit.pemda, text, source, now_text()],
    )?;
    Ok(())
}

/// The latest version of a service (of any date), with its document.
fn latest(tx: &Db, unit: &str, service: &str) -> Result<Option<(u32, Option<String>, String)>, StoreError> {
    tx.query_opt(
        "SELECT version, document, effective_from FROM standard_versions WHERE unit = ?1 AND service = ?2
         ORDER BY version DESC LIMIT 1",
        args![unit, service],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

fn insert_version(
    tx: &Db,
    unit: &str,
    service: &str,
    effective: Date,
    document: Option<&str>,
    source: &str,
) -> Result<Imported, StoreError> {
    let last = latest(tx, unit, service)?;
    if let (Some(text), Some((version, Some(previous), from))) = (document, &last) {
        if previous == text && *from == effective.to_string() {
            return Ok(Imported { service: service.to_owned(), version: *version, new: false });
        }
    }
    let version = last.map_or(1, |(v, _, _)| v + 1);
    tx.execute(
        "INSERT INTO standard_versions (unit, service, version, effective_from, retired, document, source, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        args![unit, service, version, effective.to_string(), document.is_none(), document, source, now_text()],
    )?;
    Ok(Imported { service: service.to_owned(), version, new: true })
}

/// Adds the demo units and the seed standards of each (those whose `unit` names it), unless
/// the unit is there already; used on a fresh demo database and when a database of the releases
/// before units is upgraded (its responses can only be for these services).
pub(super) fn seed_demo(tx: &Db, today: Date) -> Result<u32, StoreError> {
    let mut added = 0;
    for (file, text) in DEMO_UNITS {
        let unit = Unit::from_toml(file, text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        match insert_unit(tx, &unit, file, text, false) {
            Err(StoreError::UnitExists(_)) => continue,
            other => other?,
        }
        added += 1;
        for (source, doc) in BUILTIN_DOCUMENTS {
            let standard = Catalog::parse_document(source, doc).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if standard.unit == unit.name {
                insert_version(tx, &unit.code, &standard.code, seed_effective(&standard, today), Some(doc), source)?;
            }
        }
    }
    Ok(added)
}

/// Sets the unit of every response that has none from its service, where exactly one unit
/// offers (or offered) that service; returns how many are still without one.
pub(super) fn assign_units(tx: &Db) -> Result<u64, StoreError> {
    tx.execute(
        "UPDATE responses SET unit = (
             SELECT MIN(unit) FROM standard_versions v WHERE v.service = responses.service
         )
         WHERE unit IS NULL AND (
             SELECT COUNT(DISTINCT unit) FROM standard_versions v WHERE v.service = responses.service
         ) = 1",
        &[],
    )?;
    tx.query_one("SELECT COUNT(*) FROM responses WHERE unit IS NULL", &[], |r| r.get(0))
}

fn documents_of(unit: String, history: &[StandardVersion]) -> UnitDocuments {
    let versions = history
        .iter()
        .map(|v| StandardDocument {
            service: v.service.clone(),
            version: v.version,
            effective_from: v.effective_from.to_string(),
            document: v.document.clone(),
        })
        .collect();
    UnitDocuments { unit, versions }
}

impl Store {
    /// Adds a unit from its document, or replaces it when `replace`; the document is checked
    /// first and nothing is stored when it fails.
    pub fn add_unit(&mut self, source: &str, text: &str, replace: bool) -> Result<Unit, StoreError> {
        let unit = Unit::from_toml(source, text)?;
        self.db.transaction(|tx| insert_unit(tx, &unit, source, text, replace))?;
        Ok(unit)
    }

    /// Adds the demo units (Purbalingga and Ketapang) with their seed standards where missing;
    /// returns how many were added.
    pub fn seed_demo_units(&mut self, today: Date) -> Result<u32, StoreError> {
        self.db.transaction(|tx| seed_demo(tx, today))
    }

    /// Every unit, by pemda then name.
    pub fn units(&self) -> Result<Vec<StoredUnit>, StoreError> {
        let sql = format!("SELECT {UNIT_COLUMNS} FROM units ORDER BY pemda, name, code");
        self.db.query_map(&sql, &[], read_unit)?.into_iter().map(parse_unit).collect()
    }

    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Result<Option<StoredUnit>, StoreError> {
        let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE code = ?1");
        self.db.query_opt(&sql, args![code], read_unit)?.map(parse_unit).transpose()
    }

    /// Imports standard documents for a unit, each as a new version taking effect on
    /// `effective` (a document equal to its service's latest version on the same date is left
    /// as it is). Every document is checked first, and two for one service refused: on any
    /// error nothing is stored.
    pub fn import_standards(
        &mut self,
        unit: &str,
        documents: &[(String, String)],
        effective: Date,
    ) -> Result<Vec<Imported>, StoreError> {
        // Checked as `skm catalog` checks: each document, then no service twice, by file name.
        let standards = Catalog::from_documents(documents.iter().map(|(f, t)| (f.as_str(), t.as_str())))?;
        self.db.transaction(|tx| {
            let known: bool =
                tx.query_one("SELECT COUNT(*) > 0 FROM units WHERE code = ?1", args![unit], |r| r.get(0))?;
            if !known {
                return Err(StoreError::NoUnit(unit.to_owned()));
            }
            let mut done = Vec::with_capacity(documents.len());
            for (standard, (file, text)) in standards.standards().iter().zip(documents) {
                done.push(insert_version(tx, unit, &standard.code, effective, Some(text), file)?);
            }
            Ok(done)
        })
    }

    /// Retires a service of a unit from `effective` on: the survey stops offering it, and its
    /// versions stay for the requests and responses before.
    pub fn retire_service(&mut self, unit: &str, service: &str, effective: Date) -> Result<Imported, StoreError> {
        self.db.transaction(|tx| {
            if latest(tx, unit, service)?.is_none() {
                return Err(StoreError::NoService { unit: unit.to_owned(), service: service.to_owned() });
            }
            insert_version(tx, unit, service, effective, None, "retired")
        })
    }

    /// The version of each service of a unit in force on `date`, retired ones left out, in the
    /// order the services were first imported (the rule is the core's
    /// [`UnitDocuments::in_force`]).
    pub fn standards_in_force(&self, unit: &str, date: Date) -> Result<Vec<StandardVersion>, StoreError> {
        let history = self.standard_history(unit)?;
        let documents = documents_of(String::new(), &history);
        let keep: Vec<(String, u32)> =
            documents.in_force(date).into_iter().map(|d| (d.service.clone(), d.version)).collect();
        let mut in_force: Vec<StandardVersion> =
            history.into_iter().filter(|v| keep.contains(&(v.service.clone(), v.version))).collect();
        in_force.sort_by_key(|v| keep.iter().position(|(s, _)| *s == v.service));
        Ok(in_force)
    }

    /// A unit's document and every version of its standards, as the dashboard is given them.
    pub fn documents(&self, unit: &str) -> Result<Option<UnitDocuments>, StoreError> {
        let Some(stored) = self.unit(unit)? else { return Ok(None) };
        Ok(Some(documents_of(stored.document, &self.standard_history(unit)?)))
    }

    /// Every version of every service of a unit, in the order they were saved.
    pub fn standard_history(&self, unit: &str) -> Result<Vec<StandardVersion>, StoreError> {
        // `rowid` is SQLite's own order of insertion; PostgreSQL's table has a column by that name.
        let sql = format!("SELECT {VERSION_COLUMNS} FROM standard_versions WHERE unit = ?1 ORDER BY rowid");
        self.db.query_map(&sql, args![unit], read_version)?.into_iter().map(parse_version).collect()
    }

    /// The catalog of a unit's standards in force on `date`, with every version of each, so
    /// that an item is judged by the version in force when it arrived.
    pub fn catalog(&self, unit: &str, date: Date) -> Result<Catalog, StoreError> {
        let documents = self.documents(unit)?.ok_or_else(|| StoreError::NoUnit(unit.to_owned()))?;
        let (_, catalog) = documents.read(date).map_err(StoreError::Corrupt)?;
        Ok(catalog)
    }
}
