//! The population of each of a unit's services per SKM period, entered on the admin page:
//! one record per service and period, corrected (each correction one version more), never
//! deleted.

use std::collections::BTreeMap;

use skm_core::sampling::{PopulationDraft, PopulationRecord};

use super::db::{args, Row};
use super::{Changed, Store, StoreError};

const COLUMNS: &str = "id, unit, period, service, population, note, version, created_at, updated_at";

fn read(r: &Row) -> Result<PopulationRecord, StoreError> {
    Ok(PopulationRecord {
        id: r.get(0)?,
        unit: r.get(1)?,
        draft: PopulationDraft {
            period: r.get(2)?,
            service: r.get(3)?,
            population: r.get::<i64>(4)?.max(0) as u64,
            note: r.get(5)?,
        },
        version: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// A population as SQLite keeps it (checked to be far below `i64::MAX` before).
fn stored(population: u64) -> i64 {
    i64::try_from(population).unwrap_or(i64::MAX)
}

impl Store {
    /// A unit's populations, by period and then by service.
    pub fn populations(&self, unit: &str) -> Result<Vec<PopulationRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM populations WHERE unit = ?1 ORDER BY period, service");
        self.db.query_map(&sql, args![unit], read)
    }

    fn population(&self, unit: &str, id: i64) -> Result<Option<PopulationRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM populations WHERE unit = ?1 AND id = ?2");
        self.db.query_opt(&sql, args![unit, id], read)
    }

    /// The number of the population entered for the draft's service and period, if any.
    fn population_id(&self, unit: &str, d: &PopulationDraft) -> Result<Option<i64>, StoreError> {
        self.db.query_opt(
            "SELECT id FROM populations WHERE unit = ?1 AND period = ?2 AND service = ?3",
            args![unit, d.period, d.service],
            |r| r.get(0),
        )
    }

    /// Whether another record than `other_than` holds the draft's service and period.
    fn population_taken(&self, unit: &str, d: &PopulationDraft, other_than: i64) -> Result<bool, StoreError> {
        Ok(self.population_id(unit, d)?.is_some_and(|id| id != other_than))
    }

    /// Enters the population (already checked) of a service in a period; refused when one is
    /// entered for that service and period already.
    pub fn add_population(
        &mut self,
        unit: &str,
        d: &PopulationDraft,
        now: &str,
    ) -> Result<PopulationRecord, StoreError> {
        if !self.unit_exists(unit)? {
            return Err(StoreError::NoUnit(unit.to_owned()));
        }
        if self.population_taken(unit, d, 0)? {
            return Err(StoreError::Taken(format!("{} {}", d.service, d.period)));
        }
        let id: i64 = self.db.query_one(
            "INSERT INTO populations (unit, period, service, population, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id",
            args![unit, d.period, d.service, stored(d.population), d.note, now],
            |r| r.get(0),
        )?;
        self.population(unit, id)?.ok_or_else(|| StoreError::Corrupt(format!("population {id} not kept")))
    }

    /// Corrects a population: the entry before and after, or `None` when the unit has none with
    /// this number.
    pub fn change_population(
        &mut self,
        unit: &str,
        id: i64,
        d: &PopulationDraft,
        now: &str,
    ) -> Result<Changed<PopulationRecord>, StoreError> {
        let Some(before) = self.population(unit, id)? else { return Ok(None) };
        if before.draft == *d {
            return Ok(Some((before.clone(), before)));
        }
        if self.population_taken(unit, d, id)? {
            return Err(StoreError::Taken(format!("{} {}", d.service, d.period)));
        }
        self.db.execute(
            "UPDATE populations SET period = ?3, service = ?4, population = ?5, note = ?6,
             version = version + 1, updated_at = ?7 WHERE unit = ?1 AND id = ?2",
            args![unit, id, d.period, d.service, stored(d.population), d.note, now],
        )?;
        let after = self.population(unit, id)?.ok_or_else(|| StoreError::Corrupt(format!("population {id} lost")))?;
        Ok(Some((before, after)))
    }

    /// Enters the population of a service in a period, or corrects the one entered: the record
    /// before (none when new) and after.
    pub fn set_population(
        &mut self,
        unit: &str,
        d: &PopulationDraft,
        now: &str,
    ) -> Result<(Option<PopulationRecord>, PopulationRecord), StoreError> {
        match self.population_id(unit, d)? {
            None => Ok((None, self.add_population(unit, d, now)?)),
            Some(id) => match self.change_population(unit, id, d, now)? {
                Some((before, after)) => Ok((Some(before), after)),
                None => Err(StoreError::Corrupt(format!("population {id} lost"))),
            },
        }
    }

    /// What changes when a population is entered or corrected: their number and versions.
    pub fn populations_stamp(&self, unit: &str) -> Result<(u64, i64), StoreError> {
        self.db.query_one(
            "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM populations WHERE unit = ?1",
            args![unit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// A unit's respondents per service submitted from `first` to `last` (ISO days, both in).
    pub fn respondents_per_service(
        &self,
        unit: &str,
        first: &str,
        last: &str,
    ) -> Result<BTreeMap<String, u64>, StoreError> {
        let rows = self.db.query_map(
            "SELECT service, COUNT(*) FROM responses
             WHERE unit = ?1 AND substr(submitted_at, 1, 10) BETWEEN ?2 AND ?3 GROUP BY service",
            args![unit, first, last],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(rows.into_iter().collect())
    }

    /// Whether a unit with this code exists.
    pub fn unit_exists(&self, code: &str) -> Result<bool, StoreError> {
        self.db.query_one("SELECT EXISTS (SELECT 1 FROM units WHERE code = ?1)", args![code], |r| r.get(0))
    }
}
