//! Files whose columns are found by name (requests, complaints, steps, meetings, actions): a
//! sink that finds the columns, hands each row to a reader, and records what was dropped and why.

use jiff::civil::{DateTime, Time};
use skm_core::analysis::{FileSummary, InputSummary};
use skm_core::calendar::Calendar;
use skm_core::date::{parse_moment, plain_local, Moment};
use skm_core::issue::{InputIssue, IssueKind};

use super::sheet::RowSink;
use crate::AnalyticsError;

/// One row with its columns found by name.
pub(crate) struct Row<'a> {
    pub(crate) file: &'a str,
    pub(crate) number: u64,
    cells: &'a [&'a str],
    columns: &'a [(String, usize)],
}

impl<'a> Row<'a> {
    /// Row `number` of `file`, its `cells` found by the `columns` [`find_columns`] gave.
    pub(crate) fn new(file: &'a str, number: u64, cells: &'a [&'a str], columns: &'a [(String, usize)]) -> Self {
        Row { file, number, cells, columns }
    }

    pub(crate) fn get(&self, name: &str) -> &str {
        self.columns.iter().find(|(n, _)| n == name).and_then(|(_, i)| self.cells.get(*i)).map_or("", |c| c.trim())
    }

    pub(crate) fn issue(&self, column: &str, value: &str, kind: IssueKind) -> InputIssue {
        InputIssue::new(self.file, self.number, column, value, kind)
    }

    pub(crate) fn required(&self, name: &str, issues: &mut Vec<InputIssue>) -> Option<&str> {
        let value = self.get(name);
        if value.is_empty() {
            issues.push(self.issue(name, "", IssueKind::Missing));
            return None;
        }
        Some(value)
    }

    /// A moment in the office's local time; a date alone is the start of the day, or its end
    /// (23:59:59) for a completion.
    pub(crate) fn moment(
        &self,
        name: &str,
        cal: &Calendar,
        end_of_day: bool,
        issues: &mut Vec<InputIssue>,
    ) -> Option<DateTime> {
        let text = self.required(name, issues)?;
        if let Some(local) = plain_local(text, cal.zone.offset_hours()) {
            return Some(local);
        }
        match parse_moment(text) {
            Some(Moment::Instant(ts)) => Some(cal.local(ts)),
            Some(Moment::Local(dt)) => Some(dt),
            Some(Moment::Date(d)) if end_of_day => Some(d.to_datetime(Time::constant(23, 59, 59, 0))),
            Some(Moment::Date(d)) => Some(d.to_datetime(Time::midnight())),
            None => {
                issues.push(self.issue(name, text, IssueKind::BadDate));
                None
            }
        }
    }
}

/// Finds the columns by name and hands each row to a judge; counts what was dropped.
pub(crate) struct Sink<'a, F> {
    file: &'a str,
    wanted: (&'static [&'static str], &'static [&'static str]),
    columns: Vec<(String, usize)>,
    summary: &'a mut InputSummary,
    accept: F,
    read: u64,
    dropped: u64,
}

impl<'a, F: FnMut(&Row<'_>, &mut Vec<InputIssue>) -> Option<()>> Sink<'a, F> {
    pub(crate) fn new(
        file: &'a str,
        wanted: (&'static [&'static str], &'static [&'static str]),
        summary: &'a mut InputSummary,
        accept: F,
    ) -> Self {
        Sink { file, wanted, columns: Vec::new(), summary, accept, read: 0, dropped: 0 }
    }

    pub(crate) fn finish(self, format: String, role: &str) {
        self.summary.files.push(FileSummary {
            file: self.file.to_owned(),
            role: role.to_owned(),
            format,
            layout: "canonical".to_owned(),
            rows_read: self.read,
            rows_dropped: self.dropped,
            first_date: None,
            last_date: None,
        });
    }
}

/// The position of each wanted column (required first, then optional) in a header.
pub(crate) fn find_columns(
    file: &str,
    (required, optional): (&'static [&'static str], &'static [&'static str]),
    header: &[String],
) -> Result<Vec<(String, usize)>, AnalyticsError> {
    let mut columns = Vec::new();
    for name in required.iter().chain(optional) {
        match header.iter().position(|h| h.eq_ignore_ascii_case(name)) {
            Some(i) => columns.push(((*name).to_owned(), i)),
            None if required.contains(name) => {
                return Err(AnalyticsError::MissingColumn {
                    file: file.to_owned(),
                    column: (*name).to_owned(),
                    expected: required.iter().chain(optional).copied().collect::<Vec<_>>().join(","),
                })
            }
            None => {}
        }
    }
    Ok(columns)
}

/// Records a row read: counted, and if not accepted dropped under its first issue's reason;
/// its issues listed. Returns whether it was dropped.
pub(crate) fn record_row(summary: &mut InputSummary, accepted: bool, issues: Vec<InputIssue>) -> bool {
    summary.rows_read += 1;
    if !accepted {
        summary.count_drop(issues.first().map_or(IssueKind::Missing, |i| i.kind));
    }
    for mut issue in issues {
        issue.row_dropped = !accepted;
        summary.push_issue(issue);
    }
    !accepted
}

impl<F: FnMut(&Row<'_>, &mut Vec<InputIssue>) -> Option<()>> RowSink for Sink<'_, F> {
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        self.columns = find_columns(self.file, self.wanted, header)?;
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        self.read += 1;
        let row = Row { file: self.file, number, cells, columns: &self.columns };
        let mut issues = Vec::new();
        let accepted = (self.accept)(&row, &mut issues).is_some();
        self.dropped += u64::from(record_row(self.summary, accepted, issues));
    }
}

/// Checks that a reader's columns are those the templates declare: the same required ones, and
/// no optional one the templates do not name.
#[cfg(test)]
pub(crate) fn assert_template_matches(
    kind: skm_core::year::FileKind,
    (required, optional): (&'static [&'static str], &'static [&'static str]),
) {
    let (declared_required, declared_optional) = kind.column_names();
    assert_eq!(required, declared_required.as_slice(), "{kind:?}: required columns");
    for name in optional {
        assert!(declared_optional.contains(name), "{kind:?}: {name} is read but not in the template");
    }
}
