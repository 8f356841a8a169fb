//! A unit's publication register in the store: entered, corrected (each correction one version
//! more), never deleted.

use skm_core::publication::{Medium, PublicationDraft, PublicationRecord};

use super::db::{args, Row};
use super::{Changed, Store, StoreError};

const COLUMNS: &str = "id, unit, period, medium, published_on, link, note, version, created_at, updated_at";

fn read(r: &Row) -> Result<(PublicationRecord, String), StoreError> {
    let medium: String = r.get(3)?;
    let record = PublicationRecord {
        id: r.get(0)?,
        unit: r.get(1)?,
        draft: PublicationDraft {
            period: r.get(2)?,
            medium: Medium::Other,
            published_on: r.get(4)?,
            link: r.get(5)?,
            note: r.get(6)?,
        },
        version: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    };
    Ok((record, medium))
}

fn checked((mut record, medium): (PublicationRecord, String)) -> Result<PublicationRecord, StoreError> {
    record.draft.medium = Medium::from_code(&medium).ok_or(StoreError::Corrupt(medium))?;
    Ok(record)
}

impl Store {
    /// A unit's publications, by period and then by date.
    pub fn publications(&self, unit: &str) -> Result<Vec<PublicationRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM publications WHERE unit = ?1 ORDER BY period, published_on, id");
        self.db.query_map(&sql, args![unit], read)?.into_iter().map(checked).collect()
    }

    fn publication(&self, unit: &str, id: i64) -> Result<Option<PublicationRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM publications WHERE unit = ?1 AND id = ?2");
        self.db.query_opt(&sql, args![unit, id], read)?.map(checked).transpose()
    }

    /// Enters a publication (already checked) of a unit.
    pub fn add_publication(
        &mut self,
        unit: &str,
        d: &PublicationDraft,
        now: &str,
    ) -> Result<PublicationRecord, StoreError> {
        if !self.unit_exists(unit)? {
            return Err(StoreError::NoUnit(unit.to_owned()));
        }
        let id: i64 = self.db.query_one(
            "INSERT INTO publications (unit, period, medium, published_on, link, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
            args![unit, d.period, d.medium.code(), d.published_on, d.link, d.note, now],
            |r| r.get(0),
        )?;
        self.publication(unit, id)?.ok_or_else(|| StoreError::Corrupt(format!("publication {id} not kept")))
    }

    /// Corrects a publication: the entry before and after, or `None` when the unit has none with
    /// this number.
    pub fn change_publication(
        &mut self,
        unit: &str,
        id: i64,
        d: &PublicationDraft,
        now: &str,
    ) -> Result<Changed<PublicationRecord>, StoreError> {
        let Some(before) = self.publication(unit, id)? else { return Ok(None) };
        if before.draft == *d {
            return Ok(Some((before.clone(), before)));
        }
        self.db.execute(
            "UPDATE publications SET period = ?3, medium = ?4, published_on = ?5, link = ?6, note = ?7,
             version = version + 1, updated_at = ?8 WHERE unit = ?1 AND id = ?2",
            args![unit, id, d.period, d.medium.code(), d.published_on, d.link, d.note, now],
        )?;
        let after = self.publication(unit, id)?.ok_or_else(|| StoreError::Corrupt(format!("publication {id} lost")))?;
        Ok(Some((before, after)))
    }
}
