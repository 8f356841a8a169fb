//! Service requests, read for one purpose here: the number of service users (the population N
//! of the sample size) per service and period. Columns `service` and `received_at` of
//! `requests.csv` (docs/data-formats.md); other columns are ignored.
//!
//! The count is taken by [`Counting`], alone ([`read_requests`]) or while the same rows are read
//! and judged for the SLA (`items.rs`), so that a year's request files are read once.

use skm_core::analysis::{FileSummary, InputSummary};
use skm_core::date::{epoch_days, parse_date};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::year::FileKind;

use super::mapping::Mapping;
use super::named::{record_row, Columns, Name, Row, Wanted};
use super::sheet::{read_sheet, RowSink};
use super::Input;
use crate::AnalyticsError;

/// The dated requests of the given files.
#[derive(Debug, Clone, Default)]
pub struct RequestTable {
    /// Service code of each request.
    pub service: Vec<String>,
    /// Date received, as days since 1970-01-01.
    pub date: Vec<i32>,
    /// The files read.
    pub files: Vec<FileSummary>,
    /// Rows that could not be counted, and why.
    pub issues: Vec<InputIssue>,
}

/// Reads request files; a row without a readable `received_at` is reported and not counted.
pub fn read_requests(inputs: &[Input<'_>], mapping: &Mapping) -> Result<RequestTable, AnalyticsError> {
    let mut counting = Counting::default();
    for input in inputs {
        let mut sink = CountSink { file: input.name, mapping, columns: Columns::default(), counting };
        let format = read_sheet(*input, &mut sink)?;
        counting = sink.counting;
        counting.end_file(input.name, format);
    }
    Ok(counting.finish())
}

/// The columns used here: the service and the date received.
const COLUMNS: Wanted =
    Wanted { kind: FileKind::Requests, required: &[Name::Service, Name::ReceivedAt], optional: &[] };

/// Requests counted row by row, file after file (or part after part of a file).
#[derive(Debug, Default)]
pub(crate) struct Counting {
    table: RequestTable,
    summary: InputSummary,
    /// Rows read and left uncounted in the current file (or part).
    read: u64,
    dropped: u64,
    /// The first row of the current file in the table.
    first_row: usize,
}

impl Counting {
    /// Checks that a header has the columns counted (a file without them cannot be counted).
    pub(crate) fn check_header(file: &str, header: &[String]) -> Result<(), AnalyticsError> {
        Columns::find(file, COLUMNS, header).map(drop)
    }

    /// Counts a row whose columns include `service` and `received_at`.
    pub(crate) fn row(&mut self, row: &Row<'_>, mapping: &Mapping) {
        self.read += 1;
        let mut issues = Vec::new();
        let accepted = self.count(row, mapping, &mut issues).is_some();
        self.dropped += u64::from(record_row(&mut self.summary, accepted, issues));
    }

    fn count(&mut self, row: &Row<'_>, mapping: &Mapping, issues: &mut Vec<InputIssue>) -> Option<()> {
        let received = row.required(Name::ReceivedAt, issues)?;
        let Some(date) = parse_date(received) else {
            issues.push(row.issue(Name::ReceivedAt, received, IssueKind::BadDate));
            return None;
        };
        self.table.service.push(mapping.service(row.get(Name::Service)));
        self.table.date.push(epoch_days(date));
        Some(())
    }

    /// Takes the rows counted in the part of the file that follows this one's.
    pub(crate) fn join(&mut self, later: Counting) {
        self.table.service.extend(later.table.service);
        self.table.date.extend(later.table.date);
        self.summary.append(later.summary);
        self.read += later.read;
        self.dropped += later.dropped;
    }

    /// Ends a file: what was read from it, in the container `format`.
    pub(crate) fn end_file(&mut self, file: &str, format: String) {
        let (first_date, last_date) =
            super::date_span(self.table.date.get(self.first_row..).unwrap_or_default().iter());
        self.summary.files.push(FileSummary {
            file: file.to_owned(),
            role: COLUMNS.kind.file_stem().to_owned(),
            format,
            layout: "canonical".to_owned(),
            rows_read: self.read,
            rows_dropped: self.dropped,
            first_date,
            last_date,
        });
        (self.read, self.dropped, self.first_row) = (0, 0, self.table.date.len());
    }

    /// The requests counted in all the files.
    pub(crate) fn finish(self) -> RequestTable {
        RequestTable { files: self.summary.files, issues: self.summary.issues, ..self.table }
    }
}

/// A file's rows counted, its columns found by name.
struct CountSink<'a> {
    file: &'a str,
    mapping: &'a Mapping,
    columns: Columns,
    counting: Counting,
}

impl RowSink for CountSink<'_> {
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        self.columns = Columns::find(self.file, COLUMNS, header)?;
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        self.counting.row(&Row::new(self.file, number, cells, &self.columns), self.mapping);
    }
}
