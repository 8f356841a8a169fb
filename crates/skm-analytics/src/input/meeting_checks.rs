//! The checks of meeting and action rows (`meetings.csv`, `actions.csv`), in polars, as the
//! other files found by name: coded columns, each distinct date and list of attendees judged
//! once by the core's rule, and one expression giving each row its first failed check.

use jiff::civil::Date;
use polars::prelude::*;
use skm_core::catalog::Role;
use skm_core::date::parse_date;
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::year::FileKind;

use super::coded::Coded;
use super::item_checks::failed;
use super::named::{Batch, Checked, Name, Row, Wanted};

/// The columns read from a meeting file.
pub(crate) const MEETING_COLUMNS: Wanted = Wanted {
    kind: FileKind::Meetings,
    required: &[Name::Date, Name::Attendees],
    optional: &[Name::Unit, Name::Title, Name::MinutesRef],
};
/// The columns read from an action file.
pub(crate) const ACTION_COLUMNS: Wanted = Wanted {
    kind: FileKind::Actions,
    required: &[Name::MeetingDate, Name::Action, Name::Due],
    optional: &[Name::Owner, Name::DoneAt],
};

/// A meeting held: its date and the roles present.
pub(crate) struct Meeting {
    pub(crate) date: Date,
    pub(crate) roles: Vec<Role>,
}

/// A follow-up action of a meeting.
pub(crate) struct Action {
    pub(crate) meeting_date: Date,
    pub(crate) action: String,
    pub(crate) owner: String,
    pub(crate) due: Option<Date>,
    pub(crate) done: Option<Date>,
}

/// A failed check: its number in the frames, its column and problem.
#[derive(Clone, Copy)]
struct Check(u32, Name, IssueKind);

/// The checks of a meeting row, in the order they are made.
const MEETING_CHECKS: [Check; 2] = [Check(1, Name::Date, IssueKind::Missing), Check(2, Name::Date, IssueKind::BadDate)];

/// The checks of an action row, in the order they are made.
const ACTION_CHECKS: [Check; 5] = [
    Check(1, Name::MeetingDate, IssueKind::Missing),
    Check(2, Name::MeetingDate, IssueKind::BadDate),
    Check(3, Name::Action, IssueKind::Missing),
    Check(4, Name::Due, IssueKind::BadDate),
    Check(5, Name::DoneAt, IssueKind::BadDate),
];

/// The dates of a coded column's distinct cells and their problems: `bad` for a cell that is
/// no date, `missing` (if given) for an empty one, gathered as column `name`.
fn dates(coded: &Coded, name: &str, bad: Check, missing: Option<Check>) -> PolarsResult<(Vec<Option<Date>>, Column)> {
    let (values, mut problems) = coded.judge(|text| parse_date(text).map(Some).ok_or(Some(bad.0)));
    problems[0] = missing.map(|m| m.0);
    let column = coded.gathered(name, Series::new("".into(), problems))?;
    Ok((values, column))
}

/// The first failed check of each row of `columns`, by `checks` in order (null for none).
fn first_failed(columns: Vec<Column>, checks: &[Expr]) -> PolarsResult<UInt32Chunked> {
    let judged = DataFrame::new(columns)?.lazy().select([coalesce(checks).alias("problem")]).collect()?;
    Ok(judged.column("problem")?.u32()?.clone())
}

/// Meeting rows read and not yet checked.
#[derive(Default)]
pub(crate) struct MeetingBatch {
    numbers: Vec<u64>,
    date: Coded,
    attendees: Coded,
}

impl Batch for MeetingBatch {
    type Out = Meeting;
    const WANTED: Wanted = MEETING_COLUMNS;

    fn len(&self) -> usize {
        self.numbers.len()
    }

    fn push(&mut self, row: &Row<'_>) {
        let cell = |name| Some(row.get(name)).filter(|text| !text.is_empty());
        self.numbers.push(row.number);
        self.date.push(cell(Name::Date));
        self.attendees.push(cell(Name::Attendees));
    }

    fn clear(&mut self) {
        self.numbers.clear();
        self.date.clear();
        self.attendees.clear();
    }

    fn check(&self, file: &str) -> PolarsResult<Vec<Checked<Meeting>>> {
        let [missing, bad] = MEETING_CHECKS;
        let (date, date_problem) = dates(&self.date, "date", bad, Some(missing))?;
        let problem = first_failed(vec![date_problem], &[col("date")])?;
        // Each distinct list of attendees read once: the roles present, and the codes unknown.
        let (lists, _) = self.attendees.judge(|text| Ok(Some(attendees(text))));
        let mut out = Vec::with_capacity(self.numbers.len());
        for (row, number) in self.numbers.iter().enumerate() {
            let issue = |check: Check, text: &str| InputIssue::new(file, *number, check.1.header(), text, check.2);
            let code = self.date.code(row);
            if let Some(check) = problem.get(row).and_then(|p| MEETING_CHECKS.iter().find(|c| c.0 == p)) {
                let text = if check.2 == IssueKind::Missing { "" } else { self.date.text(code) };
                out.push(Err(issue(*check, text)));
                continue;
            }
            let Some(date) = date.get(code as usize).copied().flatten() else {
                return Err(PolarsError::NoData("meeting checks".into()));
            };
            let (roles, unknown) = lists.get(self.attendees.code(row) as usize).cloned().flatten().unwrap_or_default();
            let unknown_role = Check(0, Name::Attendees, IssueKind::UnknownChoice);
            let issues = unknown.iter().map(|code| issue(unknown_role, code)).collect();
            out.push(Ok((Meeting { date, roles }, issues)));
        }
        Ok(out)
    }
}

/// The roles a cell of attendees names (each once, in order) and the codes it names that are
/// no role: entries separated by `;`, each a role's code, perhaps followed by `:` and a name.
fn attendees(text: &str) -> (Vec<Role>, Vec<String>) {
    let (mut roles, mut unknown) = (Vec::new(), Vec::new());
    for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let code = entry.split_once(':').map_or(entry, |(role, _)| role);
        match Role::from_code(code) {
            Some(role) if !roles.contains(&role) => roles.push(role),
            Some(_) => {}
            None => unknown.push(code.to_owned()),
        }
    }
    (roles, unknown)
}

/// Action rows read and not yet checked.
pub(crate) struct ActionBatch {
    numbers: Vec<u64>,
    meeting_date: Coded,
    action: Coded,
    owner: Coded,
    due: Coded,
    done: Coded,
}

impl Default for ActionBatch {
    fn default() -> Self {
        ActionBatch {
            numbers: Vec::new(),
            meeting_date: Coded::default(),
            action: Coded::each_row(),
            owner: Coded::default(),
            due: Coded::default(),
            done: Coded::default(),
        }
    }
}

impl Batch for ActionBatch {
    type Out = Action;
    const WANTED: Wanted = ACTION_COLUMNS;

    fn len(&self) -> usize {
        self.numbers.len()
    }

    fn push(&mut self, row: &Row<'_>) {
        let cell = |name| Some(row.get(name)).filter(|text| !text.is_empty());
        self.numbers.push(row.number);
        self.meeting_date.push(cell(Name::MeetingDate));
        self.action.push(cell(Name::Action));
        self.owner.push(cell(Name::Owner));
        self.due.push(cell(Name::Due));
        self.done.push(cell(Name::DoneAt));
    }

    fn clear(&mut self) {
        self.numbers.clear();
        for coded in [&mut self.meeting_date, &mut self.action, &mut self.owner, &mut self.due, &mut self.done] {
            coded.clear();
        }
    }

    fn check(&self, file: &str) -> PolarsResult<Vec<Checked<Action>>> {
        let [meeting_missing, meeting_bad, action_missing, due_bad, done_bad] = ACTION_CHECKS;
        let (meeting, meeting_problem) = dates(&self.meeting_date, "meeting", meeting_bad, Some(meeting_missing))?;
        let (due, due_problem) = dates(&self.due, "due", due_bad, None)?;
        let (done, done_problem) = dates(&self.done, "done", done_bad, None)?;
        let action = self.action.codes().with_name("action".into()).into_column();
        let problem = first_failed(
            vec![meeting_problem, action, due_problem, done_problem],
            &[col("meeting"), failed(col("action").eq(lit(0 as IdxSize)), action_missing.0), col("due"), col("done")],
        )?;
        let mut out = Vec::with_capacity(self.numbers.len());
        for (row, number) in self.numbers.iter().enumerate() {
            let date_of =
                |coded: &Coded, table: &[Option<Date>]| table.get(coded.code(row) as usize).copied().flatten();
            fn text_of(coded: &Coded, row: usize) -> &str {
                coded.text(coded.code(row))
            }
            if let Some(check) = problem.get(row).and_then(|p| ACTION_CHECKS.iter().find(|c| c.0 == p)) {
                let text = match (check.2, check.1) {
                    (IssueKind::Missing, _) => "",
                    (_, Name::MeetingDate) => text_of(&self.meeting_date, row),
                    (_, Name::Due) => text_of(&self.due, row),
                    _ => text_of(&self.done, row),
                };
                out.push(Err(InputIssue::new(file, *number, check.1.header(), text, check.2)));
                continue;
            }
            let Some(meeting_date) = date_of(&self.meeting_date, &meeting) else {
                return Err(PolarsError::NoData("action checks".into()));
            };
            let action = Action {
                meeting_date,
                action: text_of(&self.action, row).to_owned(),
                owner: text_of(&self.owner, row).to_owned(),
                due: date_of(&self.due, &due),
                done: date_of(&self.done, &done),
            };
            out.push(Ok((action, Vec::new())));
        }
        Ok(out)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::input::named::read_batched;
    use crate::input::Input;
    use skm_core::analysis::InputSummary;

    /// Row, column, cell shown, problem and whether the row was left out, of each issue.
    fn issues(summary: &InputSummary) -> Vec<(u64, &str, &str, IssueKind, bool)> {
        summary.issues.iter().map(|i| (i.row, i.column.as_str(), i.value.as_str(), i.kind, i.row_dropped)).collect()
    }

    #[test]
    fn meetings_keep_a_row_with_an_unknown_role_and_leave_out_one_without_a_date() {
        let text = "date,attendees\n\
            ,kepala_dinas\n\
            2026-13-01,kepala_dinas\n\
            2026-01-26,kadis;kepala_dinas;tamu;kasi: Ani\n";
        let mut summary = InputSummary::default();
        let inputs = [Input::new("m.csv", text.as_bytes())];
        let meetings = read_batched(&inputs, &mut MeetingBatch::default(), &mut summary).unwrap();
        assert_eq!(
            issues(&summary),
            [
                (2, "date", "", IssueKind::Missing, true),
                (3, "date", "2026-13-01", IssueKind::BadDate, true),
                (4, "attendees", "tamu", IssueKind::UnknownChoice, false),
            ]
        );
        let kept: Vec<_> = meetings.iter().map(|m| (m.date, m.roles.clone())).collect();
        assert_eq!(kept, [(jiff::civil::date(2026, 1, 26), vec![Role::KepalaDinas, Role::KepalaSeksi])]);
    }

    #[test]
    fn each_action_row_is_reported_under_its_first_failed_check() {
        let text = "meeting_date,action,owner,due,done_at\n\
            ,,,x,x\n\
            x,,,x,x\n\
            2026-01-26,,,x,x\n\
            2026-01-26,Wi-Fi,,x,x\n\
            2026-01-26,Wi-Fi,,,x\n\
            2026-01-26,Wi-Fi,kabid,,\n";
        let mut summary = InputSummary::default();
        let inputs = [Input::new("a.csv", text.as_bytes())];
        let actions = read_batched(&inputs, &mut ActionBatch::default(), &mut summary).unwrap();
        assert_eq!(
            issues(&summary),
            [
                (2, "meeting_date", "", IssueKind::Missing, true),
                (3, "meeting_date", "x", IssueKind::BadDate, true),
                (4, "action", "", IssueKind::Missing, true),
                (5, "due", "x", IssueKind::BadDate, true),
                (6, "done_at", "x", IssueKind::BadDate, true),
            ]
        );
        let kept: Vec<_> = actions.iter().map(|a| (a.action.as_str(), a.owner.as_str(), a.due, a.done)).collect();
        assert_eq!(kept, [("Wi-Fi", "kabid", None, None)]);
    }
}
