//! Service requests, read for one purpose here: the number of service users (the population N
//! of the sample size) per service and period. Columns `service` and `received_at` of
//! `requests.csv` (docs/data-formats.md); other columns are ignored.

use skm_core::analysis::{FileSummary, InputSummary};
use skm_core::date::{epoch_days, parse_date};
use skm_core::issue::{InputIssue, IssueKind};

use super::mapping::Mapping;
use super::named::{Row, Sink};
use super::sheet::read_sheet;
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
    let mut table = RequestTable::default();
    let mut summary = InputSummary::default();
    for input in inputs {
        let first_row = table.date.len();
        let mut sink = Sink::new(input.name, COLUMNS, &mut summary, |row: &Row<'_>, issues: &mut Vec<InputIssue>| {
            let received = row.required("received_at", issues)?;
            let Some(date) = parse_date(received) else {
                issues.push(row.issue("received_at", received, IssueKind::BadDate));
                return None;
            };
            table.service.push(mapping.service(row.get("service")));
            table.date.push(epoch_days(date));
            Some(())
        });
        let format = read_sheet(*input, &mut sink)?;
        sink.finish(format, "requests");
        if let Some(file) = summary.files.last_mut() {
            (file.first_date, file.last_date) =
                super::date_span(table.date.get(first_row..).unwrap_or_default().iter());
        }
    }
    table.files = summary.files;
    table.issues = summary.issues;
    Ok(table)
}

/// The columns used here: the service and the date received.
const COLUMNS: (&[&str], &[&str]) = (&["service", "received_at"], &[]);
