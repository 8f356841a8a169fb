//! Service requests, read for one purpose here: the number of service users (the population N
//! of the sample size) per service and period. Columns `service` and `received_at` of
//! `requests.csv` (docs/data-formats.md); other columns are ignored.

use skm_core::analysis::FileSummary;
use skm_core::date::{epoch_days, parse_date};
use skm_core::issue::{InputIssue, IssueKind};

use super::mapping::Mapping;
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
    let mut table = RequestTable::default();
    for input in inputs {
        let mut sink = RequestSink { file: input.name, mapping, columns: None, table: &mut table, read: 0, dropped: 0 };
        let format = read_sheet(input.name, input.bytes, &mut sink)?;
        let (rows_read, rows_dropped) = (sink.read, sink.dropped);
        table.files.push(FileSummary {
            file: input.name.to_owned(),
            role: "requests".to_owned(),
            format,
            layout: "canonical".to_owned(),
            rows_read,
            rows_dropped,
        });
    }
    Ok(table)
}

const SERVICE: &str = "service";
const RECEIVED_AT: &str = "received_at";

struct RequestSink<'a> {
    file: &'a str,
    mapping: &'a Mapping,
    columns: Option<(usize, usize)>,
    table: &'a mut RequestTable,
    read: u64,
    dropped: u64,
}

impl RowSink for RequestSink<'_> {
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        let find = |name: &str| {
            header.iter().position(|h| h.eq_ignore_ascii_case(name)).ok_or_else(|| AnalyticsError::MissingColumn {
                file: self.file.to_owned(),
                column: name.to_owned(),
                expected: "id,service,channel,requester,received_at,requested_for,completed_at,status".to_owned(),
            })
        };
        self.columns = Some((find(SERVICE)?, find(RECEIVED_AT)?));
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        let Some((service, received)) = self.columns else { return };
        self.read += 1;
        let value = cells.get(received).map_or("", |c| c.trim());
        match parse_date(value) {
            Some(date) => {
                self.table.service.push(self.mapping.service(cells.get(service).copied().unwrap_or("")));
                self.table.date.push(epoch_days(date));
            }
            None => {
                self.dropped += 1;
                self.table.issues.push(InputIssue::new(self.file, number, RECEIVED_AT, value, IssueKind::BadDate));
            }
        }
    }
}
