//! Evaluation meetings and their actions (`meetings.csv`, `actions.csv`), judged against the
//! catalog's meeting rule: meetings and attendance counted with polars, months and actions judged
//! by the core.

use std::collections::BTreeMap;

use jiff::civil::Date;
use polars::prelude::*;
use skm_core::analysis::InputSummary;
use skm_core::catalog::{Role, ROLES};
use skm_core::evaluation::{
    longest_gap, ActionStatus, ActionSummary, MeetingReport, MeetingRule, MonthResult, MonthStatus, OverdueAction,
    RoleAttendance, SkmCheck,
};

use crate::input::meeting_checks::{Action, ActionBatch, Meeting, MeetingBatch};
use crate::input::named::read_batched;
use crate::input::{Input, ResponseTable};
use crate::AnalyticsError;

/// The files of a meeting analysis.
#[derive(Debug, Clone, Copy, Default)]
pub struct MeetingInputs<'a> {
    /// Meeting files.
    pub meetings: &'a [Input<'a>],
    /// Action files (may be empty).
    pub actions: &'a [Input<'a>],
    /// The survey responses, to tell whether the year's SKM was held.
    pub responses: Option<&'a ResponseTable>,
}

fn read_meetings(inputs: &[Input<'_>], input: &mut InputSummary) -> Result<Vec<Meeting>, AnalyticsError> {
    read_batched(inputs, &mut MeetingBatch::default(), input)
}

fn read_actions(inputs: &[Input<'_>], input: &mut InputSummary) -> Result<Vec<Action>, AnalyticsError> {
    read_batched(inputs, &mut ActionBatch::default(), input)
}

fn month_key(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Judges a year of meetings against the rule, as of a date.
pub fn analyse_meetings(
    files: MeetingInputs<'_>,
    rule: &MeetingRule,
    year: i16,
    as_of: Date,
) -> Result<MeetingReport, AnalyticsError> {
    let mut input = InputSummary::default();
    let mut meetings = read_meetings(files.meetings, &mut input)?;
    meetings.retain(|m| m.date.year() == year);
    let mut actions = read_actions(files.actions, &mut input)?;
    actions.retain(|a| a.meeting_date.year() == year);
    input.finish();
    let polars = |source| AnalyticsError::Polars { context: "rapat / meetings".to_owned(), source };

    // Attendance per role: one row per meeting and role present, counted by polars.
    let attended: Vec<&str> = meetings.iter().flat_map(|m| m.roles.iter().map(|r| r.code())).collect();
    let counts = DataFrame::new(vec![Column::new("role".into(), attended)])
        .and_then(|df| df.lazy().group_by([col("role")]).agg([len().alias("meetings")]).collect())
        .map_err(polars)?;
    let roles_seen: Vec<Option<&str>> =
        counts.column("role").and_then(|c| c.str()).map_err(polars)?.into_iter().collect();
    let role_counts: Vec<Option<u32>> =
        counts.column("meetings").and_then(|c| c.u32()).map_err(polars)?.into_iter().collect();
    let count_of = |role: Role| {
        roles_seen
            .iter()
            .zip(&role_counts)
            .find(|(r, _)| **r == Some(role.code()))
            .and_then(|(_, n)| *n)
            .map_or(0, u64::from)
    };
    let held = meetings.len() as u64;
    let attendance = ROLES
        .iter()
        .map(|&role| {
            let n = count_of(role);
            RoleAttendance { role, meetings: n, rate: (held > 0).then(|| n as f64 * 100.0 / held as f64) }
        })
        .collect();

    // Months from January to the current one (all twelve for a past year).
    let last_month: i8 = match as_of.year().cmp(&year) {
        std::cmp::Ordering::Greater => 12,
        std::cmp::Ordering::Equal => as_of.month(),
        std::cmp::Ordering::Less => 0,
    };
    let mut by_month: BTreeMap<String, Vec<Vec<Role>>> = BTreeMap::new();
    for m in &meetings {
        by_month.entry(month_key(m.date)).or_default().push(m.roles.clone());
    }
    let months: Vec<MonthResult> = (1..=last_month)
        .filter_map(|month| {
            let first = Date::new(year, month, 1).ok()?;
            // A month is over on its last day: the meeting should have been held by then.
            let ended = first.last_of_month() <= as_of;
            let key = month_key(first);
            let held = by_month.get(&key).map_or(&[][..], Vec::as_slice);
            Some(MonthResult::judge(key, held, rule, ended))
        })
        .collect();
    let months_elapsed = months.iter().filter(|m| m.status != MonthStatus::InProgress).count() as u32;
    let months_compliant = months.iter().filter(|m| m.status == MonthStatus::Compliant).count() as u32;

    let actions = (!files.actions.is_empty()).then(|| {
        let mut summary = ActionSummary { total: actions.len() as u64, ..ActionSummary::default() };
        for a in &actions {
            match ActionStatus::of(a.due, a.done, as_of) {
                ActionStatus::DoneOnTime => summary.done_on_time += 1,
                ActionStatus::DoneLate => summary.done_late += 1,
                ActionStatus::Open => summary.open += 1,
                ActionStatus::Overdue => {
                    summary.overdue += 1;
                    let due = a.due.unwrap_or(as_of);
                    summary.overdue_list.push(OverdueAction {
                        meeting_date: a.meeting_date.to_string(),
                        action: a.action.clone(),
                        owner: a.owner.clone(),
                        due: due.to_string(),
                        days_overdue: i64::from((as_of - due).get_days()),
                    });
                }
            }
        }
        summary.overdue_list.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.action.cmp(&b.action)));
        summary
    });
    let skm = match (files.responses, rule.skm_per_year) {
        (Some(table), Some(required)) => {
            let first = skm_core::date::epoch_days(Date::new(year, 1, 1).unwrap_or(as_of));
            let last = skm_core::date::epoch_days(Date::new(year, 12, 31).unwrap_or(as_of));
            let responses = table.date.iter().flatten().filter(|d| (first..=last).contains(*d)).count() as u64;
            Some(SkmCheck { required_per_year: required, responses, held: responses > 0 })
        }
        _ => None,
    };
    Ok(MeetingReport {
        rule: rule.clone(),
        year,
        as_of: as_of.to_string(),
        compliance: (months_elapsed > 0).then(|| f64::from(months_compliant) * 100.0 / f64::from(months_elapsed)),
        longest_gap_months: longest_gap(&months),
        months,
        months_elapsed,
        months_compliant,
        attendance,
        actions,
        skm,
        input,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_templates_name_the_columns_read() {
        use crate::input::meeting_checks::{ACTION_COLUMNS, MEETING_COLUMNS};
        crate::input::named::assert_template_matches(MEETING_COLUMNS);
        crate::input::named::assert_template_matches(ACTION_COLUMNS);
    }
}
