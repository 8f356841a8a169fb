//! Reading offices' files into typed columns: survey responses (canonical CSV, Excel's
//! semicolon CSV, XLSX, Google Forms exports) and service requests (for the population).
//!
//! Every cell is checked (responses by polars, `checks.rs`); a bad row is reported with file,
//! row, column and reason and left out, and the good rows are kept.

mod checks;
mod coded;
mod columns;
mod given;
mod header;
mod ids;
mod item_checks;
mod items;
pub(crate) mod limits;
mod mapping;
pub(crate) mod meeting_checks;
pub(crate) mod named;
mod ods;
mod recap;
mod requests;
pub(crate) mod sheet;
mod spreadsheet;
mod step_checks;
mod texts;

use std::sync::Arc;

use skm_core::analysis::{FileSummary, IkmOptions, InputSummary};
use skm_core::date::{epoch_days, from_epoch_days};
use skm_core::note::FileNote;
use skm_core::period_text::period_in_text;

pub use given::Given;
pub(crate) use items::read_and_count_requests;
pub use items::{read_items, read_steps, Item, SlaContext, StepTime};
pub use limits::{Found, Limit, Limits};
pub use mapping::Mapping;
pub use requests::{read_requests, RequestTable};

use self::checks::{Batch, BATCH};
use self::columns::Columns;
use self::header::Leading;
use self::ids::{read_checked, IdCheck};
use self::recap::Block;
use self::sheet::{read_sheet, read_sheet_in_parts, PartSink, RowSink};
use self::texts::Texts;
use crate::AnalyticsError;

/// A file given to the analytics: its name (for messages), its bytes, and the limits it is read
/// within.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file's name as the user gave it.
    pub name: &'a str,
    /// Its content.
    pub bytes: &'a [u8],
    /// How much it may hold.
    pub limits: Limits,
    /// What the user says of what the file does not say (its sheet, period, service).
    pub given: Given<'a>,
}

impl<'a> Input<'a> {
    /// A file read within the default limits.
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
        Input { name, bytes, limits: Limits::DEFAULT, given: Given::default() }
    }

    /// The same file read within other limits.
    pub fn with_limits(self, limits: Limits) -> Input<'a> {
        Input { limits, ..self }
    }

    /// The same file, with what the user says of it.
    pub fn with_given(self, given: Given<'a>) -> Input<'a> {
        Input { given, ..self }
    }
}

/// The accepted survey responses, column by column, and what was read.
#[derive(Debug, Clone, Default)]
pub struct ResponseTable {
    /// Service code of each respondent (shared: a file names a handful of services).
    pub service: Vec<Arc<str>>,
    /// Submission date as days since 1970-01-01, if given.
    pub date: Vec<Option<i32>>,
    /// Scores 1–4 of U1–U9, `None` where unanswered.
    pub scores: [Vec<Option<u8>>; 9],
    /// Gender, as its position in [`GENDERS`](skm_core::profile::GENDERS) (`L`, `P`).
    pub gender: Vec<Option<u8>>,
    /// Age band, as its position in [`AGE_BANDS`](skm_core::profile::AGE_BANDS) (`<=20`, `21-30`, …).
    pub age_band: Vec<Option<u8>>,
    /// Education, as its position in [`EDUCATIONS`](skm_core::profile::EDUCATIONS).
    pub education: Vec<Option<u8>>,
    /// Occupation, as its position in [`OCCUPATIONS`](skm_core::profile::OCCUPATIONS).
    pub occupation: Vec<Option<u8>>,
    /// How each respondent came, as its position in [`CHANNELS`](skm_core::channel::CHANNELS) (the server's export only).
    pub channel: Vec<Option<u8>>,
    /// The suggestions given, by respondent (row of this table); most respondents give none.
    pub suggestions: Vec<(u64, String)>,
    /// The files read and the problems found.
    pub input: InputSummary,
}

impl ResponseTable {
    /// Adds the rows of `later` after these.
    pub fn append(&mut self, later: ResponseTable) {
        let offset = self.len();
        self.suggestions.extend(later.suggestions.into_iter().map(|(row, text)| (row + offset, text)));
        self.service.extend(later.service);
        self.date.extend(later.date);
        for (mine, theirs) in self.scores.iter_mut().zip(later.scores) {
            mine.extend(theirs);
        }
        self.gender.extend(later.gender);
        self.age_band.extend(later.age_band);
        self.education.extend(later.education);
        self.occupation.extend(later.occupation);
        self.channel.extend(later.channel);
        self.input.append(later.input);
    }

    /// A copy of the respondents from row `first` on (without their suggestions).
    fn rows_from(&self, first: usize) -> ResponseTable {
        fn tail<T: Clone>(column: &[T], first: usize) -> Vec<T> {
            column.get(first..).unwrap_or_default().to_vec()
        }
        ResponseTable {
            service: tail(&self.service, first),
            date: tail(&self.date, first),
            scores: std::array::from_fn(|i| tail(&self.scores[i], first)),
            gender: tail(&self.gender, first),
            age_band: tail(&self.age_band, first),
            education: tail(&self.education, first),
            occupation: tail(&self.occupation, first),
            channel: tail(&self.channel, first),
            suggestions: Vec::new(),
            input: InputSummary::default(),
        }
    }

    /// Makes room for `rows` more respondents.
    fn reserve(&mut self, rows: usize) {
        self.service.reserve(rows);
        self.date.reserve(rows);
        for column in &mut self.scores {
            column.reserve(rows);
        }
        for column in
            [&mut self.gender, &mut self.age_band, &mut self.education, &mut self.occupation, &mut self.channel]
        {
            column.reserve(rows);
        }
    }

    /// Number of accepted respondents.
    pub fn len(&self) -> u64 {
        self.service.len() as u64
    }

    /// True when no respondent was accepted.
    pub fn is_empty(&self) -> bool {
        self.service.is_empty()
    }

    /// Keeps the respondents `keep` accepts (given the service code and the date in days since
    /// 1970-01-01); returns how many were left out.
    pub fn retain(&mut self, keep: impl Fn(&str, Option<i32>) -> bool) -> u64 {
        let kept: Vec<bool> = self.service.iter().zip(&self.date).map(|(s, d)| keep(s, *d)).collect();
        fn filter<T>(column: &mut Vec<T>, kept: &[bool]) {
            let mut flags = kept.iter();
            column.retain(|_| flags.next().copied().unwrap_or(false));
        }
        filter(&mut self.service, &kept);
        filter(&mut self.date, &kept);
        for column in &mut self.scores {
            filter(column, &kept);
        }
        filter(&mut self.gender, &kept);
        filter(&mut self.age_band, &kept);
        filter(&mut self.education, &kept);
        filter(&mut self.occupation, &kept);
        filter(&mut self.channel, &kept);
        // New row numbers: the count of kept rows before each kept one.
        let mut new_index = Vec::with_capacity(kept.len());
        let mut next = 0u64;
        for k in &kept {
            new_index.push(next);
            next += u64::from(*k);
        }
        self.suggestions
            .retain(|(row, _)| usize::try_from(*row).ok().and_then(|r| kept.get(r)).copied().unwrap_or(false));
        for (row, _) in &mut self.suggestions {
            *row = usize::try_from(*row).ok().and_then(|r| new_index.get(r)).copied().unwrap_or(0);
        }
        kept.len() as u64 - next
    }
}

/// Reads response files into one table; a file that cannot be read at all is an error, a bad
/// row is reported and left out.
pub fn read_responses(inputs: &[Input<'_>], mapping: &Mapping) -> Result<ResponseTable, AnalyticsError> {
    // A canonical row is about 130 bytes: room for every ID of the files up front.
    let capacity = inputs.iter().map(|i| i.bytes.len() / 128).sum();
    read_checked(capacity, |ids| read_with(inputs, mapping, ids, sheet::MIN_PART))
}

/// [`read_responses`] with the given duplicate check and least part of a file read on its own
/// thread; gives back the check.
fn read_with(
    inputs: &[Input<'_>],
    mapping: &Mapping,
    mut ids: IdCheck,
    min_part: usize,
) -> Result<(ResponseTable, IdCheck), AnalyticsError> {
    let mut table = ResponseTable::default();
    for input in inputs {
        let mut sink = ResponseSink::new(input, mapping, std::mem::take(&mut table), ids);
        let first_file = sink.table.input.files.len();
        // Rows can be read in parts only when duplicates are looked for at the end.
        let format = if sink.ids.allows_parts() {
            read_sheet_in_parts(*input, &mut sink, min_part)
        } else {
            read_sheet(*input, &mut sink)
        }?;
        sink.end_sheet()?;
        // Sheets passed over after the last one read are noted on it.
        let pending = std::mem::take(&mut sink.pending);
        (table, ids) = (sink.table, sink.ids);
        if let Some(last) = table.input.files.iter_mut().skip(first_file).last() {
            last.notes.extend(pending);
        }
        for file in table.input.files.iter_mut().skip(first_file) {
            file.format.clone_from(&format);
        }
    }
    table.input.finish();
    Ok((table, ids))
}

/// The rows of one file (or of one part of it) read into a table, sheet by sheet.
struct ResponseSink<'a> {
    file: &'a str,
    given: Given<'a>,
    mapping: &'a Mapping,
    /// The file as messages name it: with the sheet's name in a workbook of several sheets.
    label: String,
    /// The sheet's name, in a workbook of several sheets.
    sheet: Option<String>,
    columns: Option<Columns>,
    /// The rows read and not yet checked.
    batch: Option<Batch>,
    table: ResponseTable,
    ids: IdCheck,
    services: Texts,
    /// The table's length when the sheet began.
    first_row: u64,
    read: u64,
    dropped: u64,
    /// The rows above the header (a title block), and the header's rows.
    title: Vec<Leading>,
    header_rows: (u64, u64),
    /// The summary block the rows stopped at.
    block: Option<Block>,
    /// Notes for the next sheet read (sheets passed over before it).
    pending: Vec<FileNote>,
    /// Why the checks of a batch could not run.
    failed: Option<polars::error::PolarsError>,
}

/// The first and last of some dates (days since 1970), as ISO dates.
pub(crate) fn date_span<'d>(days: impl Iterator<Item = &'d i32>) -> (Option<String>, Option<String>) {
    let (first, last) = days.fold((i32::MAX, i32::MIN), |(lo, hi), &d| (lo.min(d), hi.max(d)));
    let iso = |d: i32| from_epoch_days(d).map(|d| d.to_string());
    if first > last {
        (None, None)
    } else {
        (iso(first), iso(last))
    }
}

impl<'a> ResponseSink<'a> {
    /// A sink for the rows of `input`, added to `table`.
    fn new(input: &Input<'a>, mapping: &'a Mapping, table: ResponseTable, ids: IdCheck) -> ResponseSink<'a> {
        let first_row = table.len();
        ResponseSink {
            file: input.name,
            given: input.given,
            mapping,
            label: input.name.to_owned(),
            sheet: None,
            columns: None,
            batch: None,
            table,
            ids,
            services: Texts::default(),
            first_row,
            read: 0,
            dropped: 0,
            title: Vec::new(),
            header_rows: (1, 1),
            block: None,
            pending: Vec::new(),
            failed: None,
        }
    }

    /// Checks the rows waiting in the batch and adds the good ones to the table.
    fn flush(&mut self) {
        let Some(batch) = self.batch.as_mut().filter(|b| b.len() > 0) else { return };
        match batch.check(&self.label, self.mapping) {
            Ok(checked) => {
                self.dropped += checked.dropped;
                self.table.append(checked.table);
            }
            Err(e) => {
                self.failed.get_or_insert(e);
            }
        }
    }

    /// Ends the sheet read (if its header was): checks its last rows, compares what its summary
    /// block states, dates and names its rows as the user or its title says, and records it.
    fn end_sheet(&mut self) -> Result<(), AnalyticsError> {
        self.flush();
        if let Some(source) = self.failed.take() {
            return Err(AnalyticsError::Polars { context: self.label.clone(), source });
        }
        let Some(columns) = self.columns.take() else { return Ok(()) };
        self.batch = None;
        let first = usize::try_from(self.first_row).unwrap_or(usize::MAX);
        let mut notes = std::mem::take(&mut self.pending);
        if let Some(((first, _), (last, _))) = self.title.first().zip(self.title.last()) {
            notes.push(FileNote::TitleSkipped { rows: (*first, *last), header: self.header_rows });
        }
        if let Some(block) = self.block.take() {
            notes.push(FileNote::SummaryBlock { row: block.row, label: block.label.clone(), rows: block.count });
            let rows = self.table.rows_from(first);
            let analysis = crate::ikm::analyse_ikm(&rows, &IkmOptions::default(), crate::Population::Unknown)?;
            notes.extend(block.compare(&columns, &analysis.overall.summary));
        }
        let dates = self.table.date.get(first..).unwrap_or_default();
        let (first_date, last_date) = date_span(dates.iter().flatten());
        let undated = dates.iter().filter(|d| d.is_none()).count() as u64;
        if undated > 0 {
            match self.period() {
                Some((period, from)) => {
                    let day = period.first_day().map(epoch_days);
                    for date in self.table.date.iter_mut().skip(first).filter(|d| d.is_none()) {
                        *date = day;
                    }
                    notes.push(FileNote::PeriodGiven { rows: undated, period: period.key(), from });
                }
                None => notes.push(FileNote::Undated { rows: undated }),
            }
        }
        if let Some(code) = self.given.service {
            let code: Arc<str> = Arc::from(code);
            let mut given = 0u64;
            for service in self.table.service.iter_mut().skip(first).filter(|s| s.is_empty()) {
                *service = Arc::clone(&code);
                given += 1;
            }
            if given > 0 {
                notes.push(FileNote::ServiceGiven { rows: given, service: code.to_string() });
            }
        }
        self.table.input.rows_read += self.read;
        self.table.input.files.push(FileSummary {
            file: self.label.clone(),
            role: "responses".to_owned(),
            format: String::new(),
            layout: columns.layout.name().to_owned(),
            rows_read: self.read,
            rows_dropped: self.dropped,
            first_date,
            last_date,
            notes,
        });
        (self.read, self.dropped, self.first_row) = (0, 0, self.table.len());
        self.title.clear();
        Ok(())
    }

    /// The period of the sheet's rows without a date: as the user gives it, else as the title
    /// above the header or the sheet's name states it; with where it came from.
    fn period(&self) -> Option<(skm_core::Period, String)> {
        if let Some((period, by)) = self.given.period {
            return Some((period, by.to_owned()));
        }
        let titles = self
            .title
            .iter()
            .map(|(_, cells)| cells.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" "));
        let stated =
            titles.chain(self.sheet.clone()).find_map(|text| period_in_text(&text).map(|p| (p, format!("«{text}»"))));
        stated.or_else(|| {
            let year = self.given.year?;
            Some((skm_core::Period { year, kind: skm_core::PeriodKind::Year, index: 1 }, year.to_string()))
        })
    }
}

impl RowSink for ResponseSink<'_> {
    fn fields(&self, header: &[String]) -> Result<usize, AnalyticsError> {
        Columns::from_header(&self.label, header, self.mapping).map(|c| c.len())
    }

    fn above(&mut self, title: &[Leading], header_rows: (u64, u64)) {
        self.title = title.to_vec();
        self.header_rows = header_rows;
    }

    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        let columns = Columns::from_header(&self.label, header, self.mapping)?;
        self.batch = Some(Batch::new(&columns));
        self.columns = Some(columns);
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        if let Some(block) = &mut self.block {
            block.push(number, cells);
            return;
        }
        let Some(batch) = &mut self.batch else { return };
        if let Some(label) = recap::label(cells) {
            self.block = Some(Block::new(number, label, cells));
            return;
        }
        self.read += 1;
        batch.push(number, cells, self.mapping, &mut self.ids, &mut self.services);
        if batch.len() >= BATCH {
            self.flush();
        }
    }

    fn every_sheet(&self) -> bool {
        true
    }

    fn sheet(&mut self, name: &str) {
        // The sheet before ends here; a failure of its checks is kept and reported at the end.
        if let Err(AnalyticsError::Polars { source, .. }) = self.end_sheet() {
            self.failed.get_or_insert(source);
        }
        self.label = format!("{} [{name}]", self.file);
        self.sheet = Some(name.to_owned());
    }

    fn sheet_skipped(&mut self, name: &str) {
        self.pending.push(FileNote::SheetSkipped { sheet: name.to_owned() });
    }
}

impl PartSink for ResponseSink<'_> {
    fn reserve(&mut self, bytes: usize) {
        // A canonical row is about 130 bytes, rarely under 96; a respondent takes 50 bytes here.
        let rows = bytes / 96;
        self.table.reserve(rows);
        self.ids.reserve(rows);
    }

    fn part(&self) -> Self {
        ResponseSink {
            file: self.file,
            given: self.given,
            mapping: self.mapping,
            label: self.label.clone(),
            sheet: self.sheet.clone(),
            columns: self.columns.clone(),
            batch: self.columns.as_ref().map(Batch::new),
            table: ResponseTable::default(),
            ids: self.ids.part(),
            services: Texts::default(),
            first_row: 0,
            read: 0,
            dropped: 0,
            title: Vec::new(),
            header_rows: self.header_rows,
            block: None,
            pending: Vec::new(),
            failed: None,
        }
    }

    fn join(&mut self, mut later: Self) {
        self.flush();
        if let Some(block) = &mut self.block {
            // The rows stopped at this part's summary block: a later part is all below it.
            block.count += later.read + later.block.map_or(0, |b| b.count);
            return;
        }
        later.flush();
        if let Some(e) = later.failed {
            self.failed.get_or_insert(e);
        }
        self.read += later.read;
        self.dropped += later.dropped;
        self.table.append(later.table);
        self.ids.join(later.ids);
        self.block = later.block;
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use skm_core::issue::IssueKind;

    /// A demo response file with bad rows, a suggestion with a line break and a blank line.
    fn file(responses: u64) -> Vec<u8> {
        let options = skm_demo::DemoOptions { responses, ..skm_demo::DemoOptions::for_year(2026) };
        let data = skm_demo::generate(options).unwrap();
        let files = data.csv_files().unwrap();
        let (_, bytes) = files.into_iter().find(|(name, _)| *name == "responses.csv").unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (i, line) in lines.iter_mut().enumerate().skip(1) {
            match i % 997 {
                1 => *line = line.replacen(",4,", ",7,", 1),
                2 => *line = line.replacen(",L,", ",X,", 1),
                3 if line.ends_with(',') => line.push_str(&format!("\"Antrian {i}\nterlalu lama, \"\"sekali\"\"\"")),
                5 => line.push_str(&format!(" stray \" quote {i}")),
                4 => line.insert(0, '\n'),
                _ => {}
            }
        }
        lines.join("\n").into_bytes()
    }

    #[test]
    fn a_file_read_in_parts_gives_the_table_read_in_order() {
        let bytes = file(30_000);
        let inputs = [Input::new("responses.csv", &bytes)];
        let mapping = Mapping::builtin().unwrap();
        let (in_order, _) = read_with(&inputs, &mapping, IdCheck::exact(), usize::MAX).unwrap();
        let (in_parts, _) = read_with(&inputs, &mapping, IdCheck::later(), 64 << 10).unwrap();
        assert!(
            in_order.input.issues.len() > 20 && !in_order.suggestions.is_empty(),
            "{:?}",
            in_order.input.issues.len()
        );
        assert_eq!(in_parts.input, in_order.input);
        assert_eq!(in_parts.suggestions, in_order.suggestions);
        assert_eq!(format!("{in_parts:?}"), format!("{in_order:?}"));
    }

    #[test]
    fn an_id_repeated_in_a_later_part_is_found() {
        let mut bytes = file(30_000);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let first = text.lines().nth(1).unwrap().to_owned();
        let last_row = text.lines().count() as u64 + 1;
        // The first respondent again, its ID in capitals: the same UUID.
        let (id, rest) = first.split_once(',').unwrap();
        bytes.extend(format!("\n{},{rest}", id.to_uppercase()).into_bytes());
        let inputs = [Input::new("responses.csv", &bytes)];
        let mapping = Mapping::builtin().unwrap();
        let table = read_checked(0, |ids| read_with(&inputs, &mapping, ids, 64 << 10)).unwrap();
        let repeats: Vec<(u64, &str)> = table
            .input
            .issues
            .iter()
            .filter(|i| i.kind == IssueKind::DuplicateId)
            .map(|i| (i.row, i.value.as_str()))
            .collect();
        assert_eq!(repeats, [(last_row, id.to_uppercase().as_str())]);
    }
}
