//! Files whose columns are found by name (requests, complaints, steps, meetings, actions): each
//! reader names the columns it reads as [`Name`]s, the header is searched once per file, and a
//! row's cell is then one index away; a sink hands each row to a reader and records what was
//! dropped and why.

use jiff::civil::{DateTime, Time};
use skm_core::analysis::{FileSummary, InputSummary};
use skm_core::calendar::Calendar;
use skm_core::date::{parse_moment, plain_local, Moment};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::year::FileKind;

use polars::prelude::PolarsResult;

use super::sheet::{read_sheet, RowSink};
use super::Input;
use crate::AnalyticsError;

/// A column of the files read by name, as the templates (`skm_core::template`) head it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Name {
    Id,
    Service,
    Channel,
    ReceivedAt,
    RequestedFor,
    CompletedAt,
    Tier,
    ResolvedAt,
    RequestId,
    Step,
    StartedAt,
    FinishedAt,
    Date,
    Attendees,
    Unit,
    Title,
    MinutesRef,
    MeetingDate,
    Action,
    Owner,
    Due,
    DoneAt,
}

/// How many [`Name`]s there are.
const NAMES: usize = Name::DoneAt as usize + 1;

impl Name {
    /// The column's header (matched without regard to case) and its name in messages.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Name::Id => "id",
            Name::Service => "service",
            Name::Channel => "channel",
            Name::ReceivedAt => "received_at",
            Name::RequestedFor => "requested_for",
            Name::CompletedAt => "completed_at",
            Name::Tier => "tier",
            Name::ResolvedAt => "resolved_at",
            Name::RequestId => "request_id",
            Name::Step => "step",
            Name::StartedAt => "started_at",
            Name::FinishedAt => "finished_at",
            Name::Date => "date",
            Name::Attendees => "attendees",
            Name::Unit => "unit",
            Name::Title => "title",
            Name::MinutesRef => "minutes_ref",
            Name::MeetingDate => "meeting_date",
            Name::Action => "action",
            Name::Owner => "owner",
            Name::Due => "due",
            Name::DoneAt => "done_at",
        }
    }
}

/// The columns a reader reads from one kind of file: those a file must have, then the others.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wanted {
    /// The kind of file (its role in the input summary).
    pub(crate) kind: FileKind,
    /// A file without one of these is refused.
    pub(crate) required: &'static [Name],
    /// Read when present.
    pub(crate) optional: &'static [Name],
}

impl Wanted {
    fn all(self) -> impl Iterator<Item = Name> {
        self.required.iter().chain(self.optional).copied()
    }
}

/// Where each wanted column is in a file's header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns([Option<usize>; NAMES]);

impl Columns {
    /// The position of each wanted column in `header`; a required one missing refuses the file.
    pub(crate) fn find(file: &str, wanted: Wanted, header: &[String]) -> Result<Columns, AnalyticsError> {
        let mut at = [None; NAMES];
        for name in wanted.all() {
            match header.iter().position(|h| h.eq_ignore_ascii_case(name.header())) {
                Some(i) => at[name as usize] = Some(i),
                None if wanted.required.contains(&name) => {
                    return Err(AnalyticsError::MissingColumn {
                        file: file.to_owned(),
                        column: name.header().to_owned(),
                        expected: wanted.all().map(Name::header).collect::<Vec<_>>().join(","),
                    })
                }
                None => {}
            }
        }
        Ok(Columns(at))
    }
}

impl Default for Columns {
    fn default() -> Self {
        Columns([None; NAMES])
    }
}

/// One row with its columns found by name.
pub(crate) struct Row<'a> {
    pub(crate) number: u64,
    cells: &'a [&'a str],
    columns: &'a Columns,
}

impl<'a> Row<'a> {
    /// Row `number` of a file, its `cells` found by the `columns` [`Columns::find`] gave.
    pub(crate) fn new(number: u64, cells: &'a [&'a str], columns: &'a Columns) -> Self {
        Row { number, cells, columns }
    }

    /// The cell of column `name`, trimmed; empty when the file has no such column.
    pub(crate) fn get(&self, name: Name) -> &'a str {
        self.columns.0[name as usize].and_then(|i| self.cells.get(i)).map_or("", |c| c.trim())
    }
}

/// A moment in the office's local time; a date alone is the start of the day, or its end
/// (23:59:59) for a completion; `None` when the text is no moment.
pub(crate) fn moment_of(text: &str, cal: &Calendar, end_of_day: bool) -> Option<DateTime> {
    if let Some(local) = plain_local(text, cal.zone.offset_hours()) {
        return Some(local);
    }
    match parse_moment(text)? {
        Moment::Instant(ts) => Some(cal.local(ts)),
        Moment::Local(dt) => Some(dt),
        Moment::Date(d) if end_of_day => Some(d.to_datetime(Time::constant(23, 59, 59, 0))),
        Moment::Date(d) => Some(d.to_datetime(Time::midnight())),
    }
}

/// A row checked: what it gives, with the issues that only blank a cell, or the issue that
/// leaves it out.
pub(crate) type Checked<T> = Result<(T, Vec<InputIssue>), InputIssue>;

/// The rows of one kind of file found by name, checked many at a time (by polars).
pub(crate) trait Batch {
    /// What a good row gives.
    type Out;
    /// The kind of file and the columns read.
    const WANTED: Wanted;
    /// Adds a row.
    fn push(&mut self, row: &Row<'_>);
    /// How many rows wait.
    fn len(&self) -> usize;
    /// Checks the rows that wait, in row order.
    fn check(&self, file: &str) -> PolarsResult<Vec<Checked<Self::Out>>>;
    /// Empties the batch for the next rows.
    fn clear(&mut self);
}

/// Rows that wait before a batch is checked (few in the unit tests, so that files span many).
pub(crate) const BATCH: usize = if cfg!(test) { 1000 } else { 1 << 16 };

/// Reads files of one kind through `batch`; each row's issues are recorded in `summary`.
pub(crate) fn read_batched<B: Batch>(
    inputs: &[Input<'_>],
    batch: &mut B,
    summary: &mut InputSummary,
) -> Result<Vec<B::Out>, AnalyticsError> {
    let mut out = Vec::new();
    for input in inputs {
        let mut sink = BatchSink {
            file: input.name,
            columns: Columns::default(),
            batch: &mut *batch,
            out: &mut out,
            summary: &mut *summary,
            failed: None,
            read: 0,
            dropped: 0,
        };
        let format = read_sheet(*input, &mut sink)?;
        sink.check_waiting();
        if let Some(failed) = sink.failed {
            return Err(failed);
        }
        let (read, dropped) = (sink.read, sink.dropped);
        summary.files.push(file_summary(input.name, B::WANTED.kind, format, read, dropped));
    }
    Ok(out)
}

/// The rows of one file handed to a batch, checked when it is full and at the end.
struct BatchSink<'a, B: Batch> {
    file: &'a str,
    columns: Columns,
    batch: &'a mut B,
    out: &'a mut Vec<B::Out>,
    summary: &'a mut InputSummary,
    /// What stopped the checks (polars), reported when the file ends.
    failed: Option<AnalyticsError>,
    read: u64,
    dropped: u64,
}

impl<B: Batch> RowSink for BatchSink<'_, B> {
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        self.columns = Columns::find(self.file, B::WANTED, header)?;
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        self.read += 1;
        self.batch.push(&Row::new(number, cells, &self.columns));
        if self.batch.len() >= BATCH {
            self.check_waiting();
        }
    }
}

impl<B: Batch> BatchSink<'_, B> {
    /// Checks the rows that wait and records each in order.
    fn check_waiting(&mut self) {
        match check_batch(&mut *self.batch, self.file, self.out, self.summary) {
            Ok(dropped) => self.dropped += dropped,
            Err(failed) => {
                self.failed.get_or_insert(failed);
            }
        }
    }
}

/// What was read from a file of `kind` in the container `format`.
pub(crate) fn file_summary(file: &str, kind: FileKind, format: String, read: u64, dropped: u64) -> FileSummary {
    FileSummary {
        file: file.to_owned(),
        role: kind.file_stem().to_owned(),
        format,
        layout: "canonical".to_owned(),
        rows_read: read,
        rows_dropped: dropped,
        first_date: None,
        last_date: None,
        notes: Vec::new(),
    }
}

/// Checks the rows waiting in `batch` (of file `file`) and empties it: what each good row gives
/// goes to `out`, each row's issues to `summary`, in order. Gives how many rows were dropped,
/// or what stopped the checks.
pub(crate) fn check_batch<B: Batch>(
    batch: &mut B,
    file: &str,
    out: &mut impl Extend<B::Out>,
    summary: &mut InputSummary,
) -> Result<u64, AnalyticsError> {
    let checked = batch.check(file);
    batch.clear();
    let rows = checked.map_err(|source| AnalyticsError::Polars {
        context: format!("{file}: {}", B::WANTED.kind.file_stem()),
        source,
    })?;
    let mut dropped = 0;
    for row in rows {
        let (accepted, issues) = match row {
            Ok((given, issues)) => {
                out.extend([given]);
                (true, issues)
            }
            Err(issue) => (false, vec![issue]),
        };
        dropped += u64::from(record_row(summary, accepted, issues));
    }
    Ok(dropped)
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

/// Checks that a reader's columns are those the templates declare: the same required ones, in
/// the templates' order, and no optional one the templates do not name.
#[cfg(test)]
pub(crate) fn assert_template_matches(wanted: Wanted) {
    let kind = wanted.kind;
    let (declared_required, declared_optional) = kind.column_names();
    let required: Vec<&str> = wanted.required.iter().map(|n| n.header()).collect();
    assert_eq!(required, declared_required, "{kind:?}: required columns");
    for name in wanted.optional {
        assert!(declared_optional.contains(&name.header()), "{kind:?}: {name:?} is read but not in the template");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn cells_are_found_by_name_in_any_case_and_order() {
        let wanted = Wanted {
            kind: FileKind::Requests,
            required: &[Name::Id, Name::Service],
            optional: &[Name::Channel, Name::Owner],
        };
        let columns = Columns::find("r.csv", wanted, &header(&["Service", "x", "ID", "channel"])).unwrap();
        let cells = [" ketapang ", "?", "P-1", "surat"];
        let row = Row::new(2, &cells, &columns);
        assert_eq!((row.get(Name::Id), row.get(Name::Service), row.get(Name::Channel)), ("P-1", "ketapang", "surat"));
        // Not in the file, not wanted, or beyond a short row: empty.
        assert_eq!((row.get(Name::Owner), row.get(Name::Tier)), ("", ""));
        let short = ["a"];
        assert_eq!(Row::new(3, &short, &columns).get(Name::Channel), "");
    }

    #[test]
    fn a_missing_required_column_names_every_column_read() {
        let wanted =
            Wanted { kind: FileKind::Requests, required: &[Name::Id, Name::Service], optional: &[Name::Channel] };
        let e = Columns::find("r.csv", wanted, &header(&["id", "channel"])).unwrap_err();
        match e {
            AnalyticsError::MissingColumn { file, column, expected } => {
                assert_eq!(
                    (file.as_str(), column.as_str(), expected.as_str()),
                    ("r.csv", "service", "id,service,channel")
                )
            }
            other => panic!("{other}"),
        }
    }
}
