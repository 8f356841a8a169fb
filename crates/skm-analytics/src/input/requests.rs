//! Service requests, read for one purpose here: the number of service users (the population N
//! of the sample size) per service and period. Columns `service` and `received_at` of
//! `requests.csv` (docs/data-formats.md); other columns are ignored.
//!
//! The count is taken by [`Counting`], alone ([`read_requests`]) or while the same rows are read
//! and judged for the SLA (`items.rs`), so that a year's request files are read once. Rows wait
//! in a batch of coded columns: each distinct date and service is read once, and polars gathers
//! every row's date and problem by code.

use polars::prelude::*;
use skm_core::analysis::{FileSummary, InputSummary};
use skm_core::date::{epoch_days, parse_date};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::year::FileKind;

use super::coded::Coded;
use super::mapping::Mapping;
use super::named::{check_batch, file_summary, Batch, Checked, Columns, Name, Row, Wanted, BATCH};
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
    let mut counting = Counting::new(mapping);
    for input in inputs {
        let mut sink = CountSink { file: input.name, columns: Columns::default(), counting };
        let format = read_sheet(*input, &mut sink)?;
        counting = sink.counting;
        counting.end_file(input.name, format);
    }
    counting.finish()
}

/// The columns used here: the service and the date received.
const COLUMNS: Wanted =
    Wanted { kind: FileKind::Requests, required: &[Name::Service, Name::ReceivedAt], optional: &[] };

/// A row's problem in the frames: `received_at` missing, or not a date.
const MISSING: u32 = 1;
const BAD: u32 = 2;
const PROBLEM: &str = "problem";

/// Request rows read and not yet counted: the cells counted, coded.
pub(crate) struct CountBatch<'a> {
    mapping: &'a Mapping,
    numbers: Vec<u64>,
    received: Coded,
    service: Coded,
}

impl<'a> CountBatch<'a> {
    /// An empty batch, its services named by `mapping`.
    fn new(mapping: &'a Mapping) -> CountBatch<'a> {
        CountBatch { mapping, numbers: Vec::new(), received: Coded::default(), service: Coded::default() }
    }
}

impl Batch for CountBatch<'_> {
    type Out = (String, i32);
    const WANTED: Wanted = COLUMNS;

    fn len(&self) -> usize {
        self.numbers.len()
    }

    fn push(&mut self, row: &Row<'_>) {
        let cell = |name| Some(row.get(name)).filter(|text| !text.is_empty());
        self.numbers.push(row.number);
        self.received.push(cell(Name::ReceivedAt));
        self.service.push(cell(Name::Service));
    }

    fn clear(&mut self) {
        self.numbers.clear();
        self.received.clear();
        self.service.clear();
    }

    fn check(&self, file: &str) -> PolarsResult<Vec<Checked<(String, i32)>>> {
        let (dates, mut problems) =
            self.received.judge(|text| parse_date(text).map(|d| Some(epoch_days(d))).ok_or(Some(BAD)));
        problems[0] = Some(MISSING);
        let (mut services, _) = self.service.judge(|text| Ok::<_, Option<u32>>(Some(self.mapping.service(text))));
        services[0] = Some(self.mapping.service(""));
        let gathered = self.received.gathered(PROBLEM, Series::new("".into(), problems))?;
        let problem = gathered.u32()?;
        let mut out = Vec::with_capacity(self.numbers.len());
        for (row, number) in self.numbers.iter().enumerate() {
            let code = self.received.code(row);
            let issue =
                |kind| InputIssue::new(file, *number, Name::ReceivedAt.header(), self.received.text(code), kind);
            let counted = match problem.get(row) {
                Some(MISSING) => Err(issue(IssueKind::Missing)),
                Some(_) => Err(issue(IssueKind::BadDate)),
                None => {
                    let date = dates.get(code as usize).copied().flatten();
                    let service = services.get(self.service.code(row) as usize).cloned().flatten();
                    let (Some(date), Some(service)) = (date, service) else {
                        return Err(PolarsError::NoData("request counts".into()));
                    };
                    Ok(((service, date), Vec::new()))
                }
            };
            out.push(counted);
        }
        Ok(out)
    }
}

/// Requests counted a batch at a time, file after file (or part after part of a file).
pub(crate) struct Counting<'a> {
    waiting: CountBatch<'a>,
    /// The service and the date of each request counted.
    counted: (Vec<String>, Vec<i32>),
    summary: InputSummary,
    /// What stopped the count (polars), reported at the end.
    failed: Option<AnalyticsError>,
    /// The file being read, for that report.
    file: String,
    /// Rows read and left uncounted in the current file (or part).
    read: u64,
    dropped: u64,
    /// The first row of the current file in the table.
    first_row: usize,
}

impl<'a> Counting<'a> {
    /// Nothing counted yet; services named by `mapping`.
    pub(crate) fn new(mapping: &'a Mapping) -> Counting<'a> {
        Counting {
            waiting: CountBatch::new(mapping),
            counted: (Vec::new(), Vec::new()),
            summary: InputSummary::default(),
            failed: None,
            file: String::new(),
            read: 0,
            dropped: 0,
            first_row: 0,
        }
    }

    /// An empty count for a later part of the same file.
    pub(crate) fn part(&self) -> Counting<'a> {
        Counting { file: self.file.clone(), ..Counting::new(self.waiting.mapping) }
    }

    /// Begins file `file`: its header must have the columns counted (a file without them cannot
    /// be counted).
    pub(crate) fn header(&mut self, file: &str, header: &[String]) -> Result<Columns, AnalyticsError> {
        file.clone_into(&mut self.file);
        Columns::find(file, COLUMNS, header)
    }

    /// Counts a row whose columns include `service` and `received_at`.
    pub(crate) fn row(&mut self, row: &Row<'_>) {
        self.read += 1;
        self.waiting.push(row);
        if self.waiting.len() >= BATCH {
            self.count_waiting();
        }
    }

    /// Checks the rows that wait and records each in order.
    fn count_waiting(&mut self) {
        if self.waiting.len() == 0 {
            return;
        }
        match check_batch(&mut self.waiting, &self.file, &mut self.counted, &mut self.summary) {
            Ok(dropped) => self.dropped += dropped,
            Err(failed) => {
                self.failed.get_or_insert(failed);
            }
        }
    }

    /// Takes the rows counted in the part of the file that follows this one's.
    pub(crate) fn join(&mut self, mut later: Counting<'a>) {
        self.count_waiting();
        later.count_waiting();
        if let Some(failed) = later.failed {
            self.failed.get_or_insert(failed);
        }
        self.counted.0.extend(later.counted.0);
        self.counted.1.extend(later.counted.1);
        self.summary.append(later.summary);
        self.read += later.read;
        self.dropped += later.dropped;
    }

    /// Ends a file: what was read from it, in the container `format`.
    pub(crate) fn end_file(&mut self, file: &str, format: String) {
        self.count_waiting();
        let (first_date, last_date) = super::date_span(self.counted.1.get(self.first_row..).unwrap_or_default().iter());
        let summary = file_summary(file, COLUMNS.kind, format, self.read, self.dropped);
        self.summary.files.push(FileSummary { first_date, last_date, ..summary });
        (self.read, self.dropped, self.first_row) = (0, 0, self.counted.1.len());
    }

    /// The requests counted in all the files.
    pub(crate) fn finish(mut self) -> Result<RequestTable, AnalyticsError> {
        self.count_waiting();
        if let Some(failed) = self.failed {
            return Err(failed);
        }
        let (service, date) = self.counted;
        Ok(RequestTable { service, date, files: self.summary.files, issues: self.summary.issues })
    }
}

/// A file's rows counted, its columns found by name.
struct CountSink<'a> {
    file: &'a str,
    columns: Columns,
    counting: Counting<'a>,
}

impl RowSink for CountSink<'_> {
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        self.columns = self.counting.header(self.file, header)?;
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        self.counting.row(&Row::new(number, cells, &self.columns));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn requests_are_counted_across_batches_with_each_bad_row_reported_in_order() {
        let mut text = String::from("id,service,received_at\n");
        for i in 0..2_500 {
            let (service, received) = match i % 500 {
                7 => ("surat", String::new()),
                8 => ("surat", "2026-02-30".to_owned()),
                9 => ("", "2026-03-01T08:00:00+07:00".to_owned()),
                _ if i % 2 == 0 => ("Live Streaming", format!("2026-0{}-1{}", 1 + i % 9, i % 7)),
                _ => (" surat ", format!("2026-0{}-1{}T09:30:00+07:00", 1 + i % 9, i % 7)),
            };
            text.push_str(&format!("r{i},{service},  {received}\n"));
        }
        let mapping = Mapping::builtin().unwrap();
        let table = read_requests(&[Input::new("requests.csv", text.as_bytes())], &mapping).unwrap();
        assert_eq!(table.date.len(), 2_490);
        assert_eq!(table.service.len(), 2_490);
        let issues: Vec<_> =
            table.issues.iter().map(|i| (i.row, i.column.as_str(), i.value.as_str(), i.kind)).collect();
        let expected: Vec<_> = (0..5)
            .flat_map(|k| {
                let row = 500 * k + 9;
                [
                    (row, "received_at", "", IssueKind::Missing),
                    (row + 1, "received_at", "2026-02-30", IssueKind::BadDate),
                ]
            })
            .collect();
        assert_eq!(issues, expected);
        assert!(table.issues.iter().all(|i| i.file == "requests.csv" && i.row_dropped));
        assert_eq!(table.service[0], "video-conference-streaming");
        assert_eq!(table.service[1], "surat");
        // Row 9 of each 500 has no service: counted under the empty service, as always.
        assert_eq!(table.service[7], "");
        assert_eq!(table.date[0], epoch_days(jiff::civil::date(2026, 1, 10)));
        assert_eq!(table.date[1], epoch_days(jiff::civil::date(2026, 2, 11)));
        let file = &table.files[0];
        assert_eq!((file.rows_read, file.rows_dropped), (2_500, 10));
        assert_eq!((file.first_date.as_deref(), file.last_date.as_deref()), (Some("2026-01-10"), Some("2026-09-16")));
    }
}
