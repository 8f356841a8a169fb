//! Evaluasi kinerja pelaksana: whether the office held the monthly evaluation meetings its
//! standards promise, with the right people, and carried out what they decided.
//!
//! The rule comes from the catalog: each standard's evaluation section names the fewest meetings a
//! month and the roles that must attend ("rapat yang dihadiri oleh Kepala Dinas, Kepala Bidang,
//! Kepala Seksi dan staf minimal 1 (satu) kali dalam 1 (satu) bulan"). A month counts from its last
//! day on; before that it is shown but neither kept nor missed yet.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::analysis::InputSummary;
use crate::catalog::{Catalog, Role, ServiceStandard};

/// The meeting rule an office is held to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRule {
    /// Fewest compliant meetings per month.
    pub meetings_per_month: u32,
    /// Roles that must attend a meeting for it to count.
    pub required_roles: Vec<Role>,
    /// SKM surveys per year, where a standard names it.
    pub skm_per_year: Option<u32>,
    /// The standards the rule was taken from.
    pub sources: Vec<String>,
}

impl MeetingRule {
    /// The rule of one standard, if it has an evaluation section.
    pub fn of_standard(s: &ServiceStandard) -> Option<MeetingRule> {
        let e = s.evaluation.as_ref()?;
        Some(MeetingRule {
            meetings_per_month: e.meetings_per_month,
            required_roles: e.required_roles.clone(),
            skm_per_year: e.skm_per_year,
            sources: vec![s.code.clone()],
        })
    }

    /// The strictest rule over the catalog's standards: most meetings, every role any standard
    /// requires, most surveys. `None` when no standard has an evaluation section.
    pub fn from_catalog(catalog: &Catalog) -> Option<MeetingRule> {
        catalog.standards().iter().filter_map(MeetingRule::of_standard).reduce(|mut a, b| {
            a.meetings_per_month = a.meetings_per_month.max(b.meetings_per_month);
            for role in b.required_roles {
                if !a.required_roles.contains(&role) {
                    a.required_roles.push(role);
                }
            }
            a.required_roles.sort();
            a.skm_per_year = a.skm_per_year.max(b.skm_per_year);
            a.sources.extend(b.sources);
            a
        })
    }

    /// The required roles absent from a meeting's attendance.
    pub fn missing(&self, attended: &[Role]) -> Vec<Role> {
        self.required_roles.iter().copied().filter(|r| !attended.contains(r)).collect()
    }
}

/// Where a month stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthStatus {
    /// Ended, with enough compliant meetings.
    Compliant,
    /// Ended without them.
    Missed,
    /// Not ended yet (already compliant or not).
    InProgress,
}

/// One month of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthResult {
    /// `2026-01`.
    pub month: String,
    /// Meetings held.
    pub meetings: u64,
    /// Of which all required roles attended.
    pub compliant_meetings: u64,
    /// Whether the month met the rule (so far, for the current month).
    pub compliant: bool,
    /// Required roles absent, from the month's best meeting (all of them when none was held).
    pub missing_roles: Vec<Role>,
    /// Compliant, missed or in progress.
    pub status: MonthStatus,
}

impl MonthResult {
    /// Judges a month from the attendance of each of its meetings.
    pub fn judge(month: String, meetings: &[Vec<Role>], rule: &MeetingRule, ended: bool) -> MonthResult {
        let missing: Vec<Vec<Role>> = meetings.iter().map(|m| rule.missing(m)).collect();
        let compliant_meetings = missing.iter().filter(|m| m.is_empty()).count() as u64;
        let compliant = compliant_meetings >= u64::from(rule.meetings_per_month);
        let best = missing.into_iter().min_by_key(Vec::len).unwrap_or_else(|| rule.required_roles.clone());
        let status = match (ended, compliant) {
            (false, _) => MonthStatus::InProgress,
            (true, true) => MonthStatus::Compliant,
            (true, false) => MonthStatus::Missed,
        };
        MonthResult {
            month,
            meetings: meetings.len() as u64,
            compliant_meetings,
            compliant,
            missing_roles: if compliant { Vec::new() } else { best },
            status,
        }
    }
}

/// The longest run of consecutive missed months.
pub fn longest_gap(months: &[MonthResult]) -> u32 {
    let (mut run, mut longest) = (0, 0);
    for m in months {
        match m.status {
            MonthStatus::Missed => {
                run += 1;
                longest = longest.max(run);
            }
            MonthStatus::Compliant => run = 0,
            MonthStatus::InProgress => {}
        }
    }
    longest
}

/// How often a role attended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleAttendance {
    /// The role.
    pub role: Role,
    /// Meetings it attended.
    pub meetings: u64,
    /// Share of the year's meetings, in percent.
    pub rate: Option<f64>,
}

/// What became of an action decided in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Done by its due date.
    DoneOnTime,
    /// Done after it.
    DoneLate,
    /// Not done, due date passed.
    Overdue,
    /// Not done, not due yet (or no due date).
    Open,
}

impl ActionStatus {
    /// Judges an action as of a date.
    pub fn of(due: Option<Date>, done: Option<Date>, as_of: Date) -> ActionStatus {
        match (due, done) {
            (Some(due), Some(done)) if done > due => ActionStatus::DoneLate,
            (_, Some(_)) => ActionStatus::DoneOnTime,
            (Some(due), None) if due < as_of => ActionStatus::Overdue,
            (_, None) => ActionStatus::Open,
        }
    }
}

/// An action not done by its due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueAction {
    /// The meeting that decided it.
    pub meeting_date: String,
    /// What was decided.
    pub action: String,
    /// Who owns it.
    pub owner: String,
    /// When it was due.
    pub due: String,
    /// Days past due.
    pub days_overdue: i64,
}

/// The actions of the year's meetings.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActionSummary {
    /// Actions decided.
    pub total: u64,
    /// Done by the due date.
    pub done_on_time: u64,
    /// Done after it.
    pub done_late: u64,
    /// Not done, past due.
    pub overdue: u64,
    /// Not done, not yet due.
    pub open: u64,
    /// The overdue ones, most overdue first.
    pub overdue_list: Vec<OverdueAction>,
}

/// Whether the year's SKM was held, from the responses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkmCheck {
    /// Surveys per year the standards require.
    pub required_per_year: u32,
    /// Responses dated in the year.
    pub responses: u64,
    /// True when there are any.
    pub held: bool,
}

/// The evaluation-meeting report of a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingReport {
    /// The rule applied.
    pub rule: MeetingRule,
    /// The year.
    pub year: i16,
    /// Judged as of this date.
    pub as_of: String,
    /// January to the current month (all twelve for a past year).
    pub months: Vec<MonthResult>,
    /// Months that have ended.
    pub months_elapsed: u32,
    /// Of which met the rule.
    pub months_compliant: u32,
    /// months_compliant / months_elapsed, in percent.
    pub compliance: Option<f64>,
    /// The longest run of consecutive missed months.
    pub longest_gap_months: u32,
    /// Attendance per role over the year's meetings.
    pub attendance: Vec<RoleAttendance>,
    /// The actions, when an actions file was given.
    pub actions: Option<ActionSummary>,
    /// The year's SKM, when responses were given and a standard requires it.
    pub skm: Option<SkmCheck>,
    /// What was read.
    pub input: InputSummary,
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use Role::*;

    fn rule() -> MeetingRule {
        MeetingRule::from_catalog(&Catalog::builtin().unwrap()).unwrap()
    }

    #[test]
    fn the_rule_comes_from_the_catalog() {
        let r = rule();
        assert_eq!(r.meetings_per_month, 1);
        assert_eq!(r.required_roles, [KepalaDinas, KepalaBidang, KepalaSeksi, Staf]);
        assert_eq!(r.skm_per_year, Some(1));
        assert_eq!(r.sources.len(), 4, "the Ketapang SOP has no evaluation section");
    }

    #[test]
    fn a_month_with_two_meetings_of_which_one_is_compliant() {
        let m = MonthResult::judge(
            "2026-03".into(),
            &[vec![Sekretaris, KepalaBidang, Staf], vec![KepalaDinas, KepalaBidang, KepalaSeksi, Staf]],
            &rule(),
            true,
        );
        assert_eq!((m.meetings, m.compliant_meetings, m.compliant, m.status), (2, 1, true, MonthStatus::Compliant));
        assert!(m.missing_roles.is_empty());
    }

    #[test]
    fn a_month_without_the_kepala_dinas_or_without_a_meeting() {
        let m =
            MonthResult::judge("2026-09".into(), &[vec![Sekretaris, KepalaBidang, KepalaSeksi, Staf]], &rule(), true);
        assert_eq!((m.compliant, m.missing_roles.clone(), m.status), (false, vec![KepalaDinas], MonthStatus::Missed));
        let none = MonthResult::judge("2026-06".into(), &[], &rule(), true);
        assert_eq!((none.meetings, none.missing_roles.len()), (0, 4));
        let current = MonthResult::judge("2026-11".into(), &[], &rule(), false);
        assert_eq!(current.status, MonthStatus::InProgress);
    }

    #[test]
    fn gaps_and_actions() {
        let m = |s| MonthResult {
            month: String::new(),
            meetings: 0,
            compliant_meetings: 0,
            compliant: false,
            missing_roles: vec![],
            status: s,
        };
        use MonthStatus::*;
        assert_eq!(longest_gap(&[m(Missed), m(Compliant), m(Missed), m(Missed), m(Compliant), m(InProgress)]), 2);
        let today = date(2026, 6, 1);
        assert_eq!(ActionStatus::of(Some(date(2026, 5, 1)), Some(date(2026, 4, 30)), today), ActionStatus::DoneOnTime);
        assert_eq!(ActionStatus::of(Some(date(2026, 5, 1)), Some(date(2026, 5, 2)), today), ActionStatus::DoneLate);
        assert_eq!(ActionStatus::of(Some(date(2026, 5, 1)), None, today), ActionStatus::Overdue);
        assert_eq!(ActionStatus::of(Some(date(2026, 7, 1)), None, today), ActionStatus::Open);
        assert_eq!(ActionStatus::of(None, None, today), ActionStatus::Open);
    }
}
