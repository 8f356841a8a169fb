//! A unit's follow-up actions (RTL) in the store: added, changed (each change one version more),
//! never deleted (an action given up is `dropped`).

use skm_core::follow_up::{FollowUpDraft, FollowUpRecord, FollowUpStatus};

use super::db::{args, Row};
use super::{Changed, Store, StoreError};

const COLUMNS: &str =
    "id, unit, period, finding, action, owner, deadline, status, evidence, version, created_at, updated_at";

fn read(r: &Row) -> Result<(FollowUpRecord, String), StoreError> {
    let status: String = r.get(7)?;
    let record = FollowUpRecord {
        id: r.get(0)?,
        unit: r.get(1)?,
        draft: FollowUpDraft {
            period: r.get(2)?,
            finding: r.get(3)?,
            action: r.get(4)?,
            owner: r.get(5)?,
            deadline: r.get(6)?,
            status: FollowUpStatus::Planned,
            evidence: r.get(8)?,
        },
        version: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    };
    Ok((record, status))
}

fn checked((mut record, status): (FollowUpRecord, String)) -> Result<FollowUpRecord, StoreError> {
    record.draft.status = FollowUpStatus::from_code(&status).ok_or(StoreError::Corrupt(status))?;
    Ok(record)
}

impl Store {
    /// A unit's follow-up actions, by period and then in the order they were made.
    pub fn follow_ups(&self, unit: &str) -> Result<Vec<FollowUpRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM follow_ups WHERE unit = ?1 ORDER BY period, id");
        self.db.query_map(&sql, args![unit], read)?.into_iter().map(checked).collect()
    }

    /// One action of a unit.
    pub fn follow_up(&self, unit: &str, id: i64) -> Result<Option<FollowUpRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM follow_ups WHERE unit = ?1 AND id = ?2");
        self.db.query_opt(&sql, args![unit, id], read)?.map(checked).transpose()
    }

    /// Adds an action (already checked) to a unit.
    pub fn add_follow_up(
        &mut self,
        unit: &str,
        draft: &FollowUpDraft,
        now: &str,
    ) -> Result<FollowUpRecord, StoreError> {
        if !self.unit_exists(unit)? {
            return Err(StoreError::NoUnit(unit.to_owned()));
        }
        let id: i64 = self.db.query_one(
            "INSERT INTO follow_ups (unit, period, finding, action, owner, deadline, status, evidence, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
            args![
                unit,
                draft.period,
                draft.finding,
                draft.action,
                draft.owner,
                draft.deadline,
                draft.status.code(),
                draft.evidence,
                now
            ],
            |r| r.get(0),
        )?;
        self.follow_up(unit, id)?.ok_or_else(|| StoreError::Corrupt(format!("follow-up {id} not kept")))
    }

    /// Replaces what an action holds: the action before and after, or `None` when the unit has
    /// no such action.
    pub fn change_follow_up(
        &mut self,
        unit: &str,
        id: i64,
        draft: &FollowUpDraft,
        now: &str,
    ) -> Result<Changed<FollowUpRecord>, StoreError> {
        let Some(before) = self.follow_up(unit, id)? else { return Ok(None) };
        if before.draft == *draft {
            return Ok(Some((before.clone(), before)));
        }
        self.db.execute(
            "UPDATE follow_ups SET period = ?3, finding = ?4, action = ?5, owner = ?6, deadline = ?7, status = ?8,
             evidence = ?9, version = version + 1, updated_at = ?10 WHERE unit = ?1 AND id = ?2",
            args![
                unit,
                id,
                draft.period,
                draft.finding,
                draft.action,
                draft.owner,
                draft.deadline,
                draft.status.code(),
                draft.evidence,
                now
            ],
        )?;
        let after = self.follow_up(unit, id)?.ok_or_else(|| StoreError::Corrupt(format!("follow-up {id} lost")))?;
        Ok(Some((before, after)))
    }

    /// What changes whenever a unit's follow-up actions change: how many there are and the sum
    /// of their versions (actions are never deleted; each change adds one).
    pub fn follow_up_stamp(&self, unit: &str) -> Result<(u64, i64), StoreError> {
        self.db.query_one(
            "SELECT COUNT(*), CAST(COALESCE(SUM(version), 0) AS BIGINT) FROM follow_ups WHERE unit = ?1",
            args![unit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}
