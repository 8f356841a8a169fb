//! Service requests, complaints and SOP step times, read and judged against the catalog's
//! promised times on the office's calendar (`requests.csv`, `complaints.csv`, `steps.csv`;
//! docs/data-formats.md). A row that cannot be judged is reported and left out.

use std::sync::Arc;

use super::ids::{read_checked, IdCheck};
use super::item_checks::ItemBatch;
use super::step_checks::StepBatch;

use jiff::civil::DateTime;
use skm_core::analysis::{FileSummary, InputSummary};
use skm_core::calendar::Calendar;
use skm_core::catalog::{Catalog, ComplaintTier};
use skm_core::compliance::ItemKind;
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::sla::Judgement;
use skm_core::year::FileKind;

use super::mapping::Mapping;
use super::named::{read_batched, record_row, Columns, Name, Row, Wanted, BATCH};
use super::requests::{Counting, RequestTable};
use super::sheet::{read_sheet, read_sheet_in_parts, PartSink, RowSink, MIN_PART};
use super::texts::Texts;
use super::Input;
use crate::working::{judge_all, ToJudge};
use crate::AnalyticsError;

/// What the readers need: the promises, the calendar, the vocabulary and the moment of judging.
#[derive(Debug, Clone, Copy)]
pub struct SlaContext<'a> {
    /// The service standards.
    pub catalog: &'a Catalog,
    /// The office's calendar.
    pub calendar: &'a Calendar,
    /// Service names to codes.
    pub mapping: &'a Mapping,
    /// Open items are judged as of this local moment.
    pub as_of: DateTime,
}

/// A request or complaint with its deadline and judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Request or complaint.
    pub kind: ItemKind,
    /// Its ID.
    pub id: String,
    /// Service code (one shared text per service).
    pub service: Arc<str>,
    /// Channel as written (empty if not given; one shared text per channel).
    pub channel: Arc<str>,
    /// Complaint tier.
    pub tier: Option<ComplaintTier>,
    /// Received, local time.
    pub received: DateTime,
    /// Deadline, local time.
    pub due: DateTime,
    /// Completed, local time.
    pub completed: Option<DateTime>,
    /// Met, breached or pending, with working times.
    pub judgement: Judgement,
}

/// The time one SOP step of one request took.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTime {
    /// The file and row it was read from, for messages.
    pub source: (String, u64),
    /// The request.
    pub request_id: String,
    /// The step number.
    pub step: u32,
    /// Started, local time.
    pub started: DateTime,
    /// Finished, local time.
    pub finished: DateTime,
}

/// The columns of each file kind: required first, then optional.
const REQUEST_COLUMNS: Wanted = Wanted {
    kind: FileKind::Requests,
    required: &[Name::Id, Name::Service, Name::ReceivedAt],
    optional: &[Name::Channel, Name::RequestedFor, Name::CompletedAt],
};
const COMPLAINT_COLUMNS: Wanted = Wanted {
    kind: FileKind::Complaints,
    required: &[Name::Id, Name::Service, Name::Tier, Name::ReceivedAt],
    optional: &[Name::Channel, Name::ResolvedAt],
};
pub(crate) const STEP_COLUMNS: Wanted = Wanted {
    kind: FileKind::Steps,
    required: &[Name::RequestId, Name::Step, Name::StartedAt, Name::FinishedAt],
    optional: &[],
};

/// The columns read from a file of requests or of complaints.
fn wanted(kind: ItemKind) -> Wanted {
    match kind {
        ItemKind::Request => REQUEST_COLUMNS,
        ItemKind::Complaint => COMPLAINT_COLUMNS,
    }
}

/// Reads request or complaint files and judges each row.
pub fn read_items(
    kind: ItemKind,
    inputs: &[Input<'_>],
    ctx: SlaContext<'_>,
    summary: &mut InputSummary,
) -> Result<Vec<Item>, AnalyticsError> {
    read_counting(kind, inputs, ctx, summary, false).map(|(items, _)| items)
}

/// [`read_items`] of request files, which also counts the requests for the population N as
/// [`read_requests`](super::read_requests) does, in the same reading.
pub(crate) fn read_and_count_requests(
    inputs: &[Input<'_>],
    ctx: SlaContext<'_>,
    summary: &mut InputSummary,
) -> Result<(Vec<Item>, RequestTable), AnalyticsError> {
    let (items, counted) = read_counting(ItemKind::Request, inputs, ctx, summary, true)?;
    Ok((items, counted.map(Counting::finish).transpose()?.unwrap_or_default()))
}

/// [`read_items`], the rows also counted for N with `count`.
fn read_counting<'a>(
    kind: ItemKind,
    inputs: &[Input<'a>],
    ctx: SlaContext<'a>,
    summary: &mut InputSummary,
    count: bool,
) -> Result<(Vec<Item>, Option<Counting<'a>>), AnalyticsError> {
    // A request row is about 130 bytes: room for every ID up front.
    let capacity = inputs.iter().map(|i| i.bytes.len() / 128).sum();
    let (items, read, counted) = read_checked(capacity, |ids| {
        read_items_with(kind, inputs, ctx, ids, MIN_PART, count)
            .map(|(items, read, counted, ids)| ((items, read, counted), ids))
    })?;
    summary.append(read);
    Ok((items, counted))
}

/// [`read_items`] with the given duplicate check and least part of a file read on its own
/// thread; with `count`, the rows are also counted for N. Gives back what was read and the check.
fn read_items_with<'a>(
    kind: ItemKind,
    inputs: &[Input<'a>],
    ctx: SlaContext<'a>,
    mut ids: IdCheck,
    min_part: usize,
    count: bool,
) -> Result<(Vec<Item>, InputSummary, Option<Counting<'a>>, IdCheck), AnalyticsError> {
    let (mut items, mut summary) = (Vec::new(), InputSummary::default());
    let mut counting = count.then(|| Counting::new(ctx.mapping));
    for input in inputs {
        let mut sink = ItemSink {
            kind,
            ctx,
            file: input.name,
            columns: Columns::default(),
            items: std::mem::take(&mut items),
            summary: std::mem::take(&mut summary),
            ids,
            counting: counting.take(),
            batch: ItemBatch::new(kind),
            failed: None,
            services: Texts::default(),
            channels: Texts::default(),
            read: 0,
            dropped: 0,
        };
        // Rows can be read in parts only when duplicates are looked for at the end.
        let format = if sink.ids.allows_parts() {
            read_sheet_in_parts(*input, &mut sink, min_part)
        } else {
            read_sheet(*input, &mut sink)
        }?;
        sink.finish()?;
        counting = sink.counting.take();
        if let Some(counting) = &mut counting {
            counting.end_file(input.name, format.clone());
        }
        sink.summary.files.push(FileSummary {
            file: input.name.to_owned(),
            role: wanted(kind).kind.file_stem().to_owned(),
            format,
            layout: "canonical".to_owned(),
            rows_read: sink.read,
            rows_dropped: sink.dropped,
            first_date: None,
            last_date: None,
            notes: Vec::new(),
        });
        (items, summary, ids) = (sink.items, sink.summary, sink.ids);
    }
    Ok((items, summary, counting, ids))
}

/// The requests or complaints of one file (or of one part of it), judged row by row.
struct ItemSink<'a> {
    kind: ItemKind,
    ctx: SlaContext<'a>,
    file: &'a str,
    columns: Columns,
    items: Vec<Item>,
    summary: InputSummary,
    ids: IdCheck,
    /// The requests counted for N, when they are.
    counting: Option<Counting<'a>>,
    /// Rows read and not yet checked and judged.
    batch: ItemBatch,
    /// What stopped the checks or the judging (polars), reported when the file ends.
    failed: Option<AnalyticsError>,
    services: Texts,
    channels: Texts,
    read: u64,
    dropped: u64,
}

impl RowSink for ItemSink<'_> {
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
        // Counted alone, a file without these columns was refused for them: it still is.
        if let Some(counting) = &mut self.counting {
            counting.header(self.file, header)?;
        }
        self.columns = Columns::find(self.file, wanted(self.kind), header)?;
        Ok(())
    }

    fn row(&mut self, number: u64, cells: &[&str]) {
        self.read += 1;
        let row = Row::new(number, cells, &self.columns);
        if let Some(counting) = &mut self.counting {
            counting.row(&row);
        }
        self.batch.push(&row, &mut self.channels);
        if self.batch.len() >= BATCH {
            self.judge_waiting();
        }
    }
}

impl ItemSink<'_> {
    /// Checks and judges the rows that wait, then records each in order: accepted, or dropped
    /// and why.
    fn judge_waiting(&mut self) {
        if self.batch.len() > 0 {
            if let Err(failed) = self.judge_batch() {
                self.failed.get_or_insert(failed);
            }
        }
        self.batch.clear();
    }

    fn judge_batch(&mut self) -> Result<(), AnalyticsError> {
        let polars = |what: &str| {
            let context = format!("{}: {what}", self.file);
            move |source| AnalyticsError::Polars { context, source }
        };
        let rows = self.batch.check(self.file, self.ctx, &mut self.services).map_err(polars("checks"))?;
        let to_judge: Vec<ToJudge> = rows
            .iter()
            .filter_map(|row| row.as_ref().ok())
            .map(|(item, promise)| ToJudge { received: item.received, promise: *promise, completed: item.completed })
            .collect();
        let mut judged = judge_all(self.ctx.calendar, &to_judge, self.ctx.as_of).map_err(polars("SLA"))?.into_iter();
        for (row, checked) in rows.into_iter().enumerate() {
            let number = self.batch.number(row);
            let issue = match checked {
                Err(issue) => Some(issue),
                Ok((mut item, _)) => match judged.next().flatten() {
                    // No working time ahead to give a deadline in.
                    None => {
                        let text = self.batch.received_text(row);
                        Some(InputIssue::new(self.file, number, Name::ReceivedAt.header(), text, IssueKind::BadDate))
                    }
                    Some(_) if !self.ids.is_new(&item.id) => {
                        Some(InputIssue::new(self.file, number, Name::Id.header(), &item.id, IssueKind::DuplicateId))
                    }
                    Some((due, judgement)) => {
                        (item.due, item.judgement) = (due, judgement);
                        self.items.push(item);
                        None
                    }
                },
            };
            let accepted = issue.is_none();
            self.dropped += u64::from(record_row(&mut self.summary, accepted, issue.into_iter().collect()));
        }
        Ok(())
    }

    /// Judges what still waits at the end of a file (or of a part of it); reports what
    /// stopped the judging.
    fn finish(&mut self) -> Result<(), AnalyticsError> {
        self.judge_waiting();
        self.failed.take().map_or(Ok(()), Err)
    }
}

impl PartSink for ItemSink<'_> {
    fn reserve(&mut self, bytes: usize) {
        // A request row is about 130 bytes; an item is larger than its row, so this is kept
        // near the likely count rather than above any count.
        let rows = bytes / 128;
        self.items.reserve(rows);
        self.ids.reserve(rows);
    }

    fn part(&self) -> Self {
        ItemSink {
            kind: self.kind,
            ctx: self.ctx,
            file: self.file,
            columns: self.columns,
            items: Vec::new(),
            summary: InputSummary::default(),
            ids: self.ids.part(),
            counting: self.counting.as_ref().map(Counting::part),
            batch: ItemBatch::new(self.kind),
            failed: None,
            services: Texts::default(),
            channels: Texts::default(),
            read: 0,
            dropped: 0,
        }
    }

    fn join(&mut self, mut later: Self) {
        // This sink's rows come before the later part's: they are judged and recorded first.
        self.judge_waiting();
        later.judge_waiting();
        if let Some(failed) = later.failed.take() {
            self.failed.get_or_insert(failed);
        }
        self.read += later.read;
        self.dropped += later.dropped;
        self.items.extend(later.items);
        self.summary.append(later.summary);
        self.ids.join(later.ids);
        if let (Some(mine), Some(theirs)) = (&mut self.counting, later.counting) {
            mine.join(theirs);
        }
    }
}

/// Reads SOP step files.
pub fn read_steps(
    inputs: &[Input<'_>],
    ctx: SlaContext<'_>,
    summary: &mut InputSummary,
) -> Result<Vec<StepTime>, AnalyticsError> {
    read_batched(inputs, &mut StepBatch::new(ctx), summary)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use skm_core::catalog::Catalog;

    /// The built-in standards, calendar and mapping.
    fn built_in() -> (Catalog, Calendar, Mapping) {
        (Catalog::builtin().unwrap(), Calendar::default_wib().unwrap(), Mapping::builtin().unwrap())
    }

    /// Their context, open items judged at the end of 2026.
    fn context<'a>(catalog: &'a Catalog, calendar: &'a Calendar, mapping: &'a Mapping) -> SlaContext<'a> {
        SlaContext { catalog, calendar, mapping, as_of: jiff::civil::date(2026, 12, 31).at(23, 59, 0, 0) }
    }

    #[test]
    fn the_templates_name_the_columns_read() {
        crate::input::named::assert_template_matches(REQUEST_COLUMNS);
        crate::input::named::assert_template_matches(COMPLAINT_COLUMNS);
        crate::input::named::assert_template_matches(STEP_COLUMNS);
    }

    #[test]
    fn a_row_without_working_time_ahead_is_dropped_in_its_place() {
        let text = "id,service,received_at,completed_at\n\
            a,internet-jaringan,2026-03-02T09:00:00+07:00,\n\
            b,internet-jaringan,9999-12-31T09:00:00+07:00,\n\
            c,internet-jaringan,2026-03-02T09:00:00+07:00,2026-01-01\n\
            b,internet-jaringan,2026-03-03T09:00:00+07:00,\n\
            a,internet-jaringan,2026-03-04T09:00:00+07:00,\n";
        let (catalog, calendar, mapping) = built_in();
        let ctx = context(&catalog, &calendar, &mapping);
        let mut summary = InputSummary::default();
        let inputs = [Input::new("requests.csv", text.as_bytes())];
        let items = read_items(ItemKind::Request, &inputs, ctx, &mut summary).unwrap();
        // The second "b" is no duplicate: the first was never accepted.
        assert_eq!(items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let issues: Vec<_> = summary.issues.iter().map(|i| (i.row, i.column.as_str(), i.kind)).collect();
        assert_eq!(
            issues,
            [
                (3, "received_at", IssueKind::BadDate),
                (4, "completed_at", IssueKind::CompletedBeforeReceived),
                (6, "id", IssueKind::DuplicateId),
            ]
        );
        assert_eq!((summary.rows_read, summary.rows_dropped), (5, 3));
    }

    /// An issue as a test states it: row, column, cell shown and problem.
    type Found = (u64, String, String, IssueKind);

    fn found(expected: &[(u64, &str, &str, IssueKind)]) -> Vec<Found> {
        expected.iter().map(|(r, c, v, k)| (*r, c.to_string(), v.to_string(), *k)).collect()
    }

    /// The issues recorded in `summary`, as a test states them.
    fn found_in(summary: &InputSummary) -> Vec<Found> {
        summary.issues.iter().map(|i| (i.row, i.column.clone(), i.value.clone(), i.kind)).collect()
    }

    /// The IDs kept and the issues of reading `text` as `kind`.
    fn issues_of(kind: ItemKind, text: &str) -> (Vec<String>, Vec<Found>) {
        let (catalog, calendar, mapping) = built_in();
        let ctx = context(&catalog, &calendar, &mapping);
        let mut summary = InputSummary::default();
        let inputs = [Input::new("f.csv", text.as_bytes())];
        let items = read_items(kind, &inputs, ctx, &mut summary).unwrap();
        (items.into_iter().map(|i| i.id).collect(), found_in(&summary))
    }

    #[test]
    fn each_row_is_reported_under_its_first_failed_check() {
        let (kept, issues) = issues_of(
            ItemKind::Request,
            "id,service,received_at,requested_for,completed_at\n\
            ,nowhere,x,,\n\
            a,,2026-03-02T09:00:00+07:00,,\n\
            b,nowhere,x,,\n\
            c,internet-jaringan,,,\n\
            d,internet-jaringan,2026-13-02,,\n\
            e,dokumentasi-kegiatan,2026-03-02T09:00:00+07:00,,\n\
            f,dokumentasi-kegiatan,2026-03-02T09:00:00+07:00,2026-13-01,bad\n\
            g,internet-jaringan,2026-03-02T09:00:00+07:00,2026-13-01,\n\
            h,internet-jaringan,2026-03-02T09:00:00.500+07:00,,2026-03-02T09:00:00.200+07:00\n\
            i,internet-jaringan,2026-03-02T09:00:00+07:00,,bad\n\
            j,dokumentasi-kegiatan,2026-03-02T09:00:00+07:00,2026-03-04,2026-03-03\n",
        );
        let expected = [
            (2, "id", "", IssueKind::Missing),
            (3, "service", "", IssueKind::Missing),
            (4, "service", "nowhere", IssueKind::UnknownService),
            (5, "received_at", "", IssueKind::Missing),
            (6, "received_at", "2026-13-02", IssueKind::BadDate),
            (7, "requested_for", "", IssueKind::MissingRequestedFor),
            (8, "requested_for", "2026-13-01", IssueKind::BadDate),
            (10, "completed_at", "2026-03-02T09:00:00.200+07:00", IssueKind::CompletedBeforeReceived),
            (11, "completed_at", "bad", IssueKind::BadDate),
        ];
        assert_eq!(issues, found(&expected));
        // A date asked for is read only where the standard promises one.
        assert_eq!(kept, ["g", "j"]);

        let (kept, issues) = issues_of(
            ItemKind::Complaint,
            "id,service,tier,received_at,resolved_at\n\
            a,internet-jaringan,,2026-03-02T09:00:00+07:00,\n\
            b,internet-jaringan,sedang,2026-03-02T09:00:00+07:00,\n\
            c,nowhere,,2026-03-02T09:00:00+07:00,\n\
            d,internet-jaringan,ringan,2026-03-02T09:00:00+07:00,2026-03-01\n\
            e,internet-jaringan,Ringan,2026-03-02T09:00:00+07:00,\n\
            f,informasi-dokumentasi-publik,ringan,2026-03-02T09:00:00+07:00,\n\
            g,informasi-dokumentasi-publik,,2026-03-02T09:00:00+07:00,\n",
        );
        let expected = [
            (2, "tier", "", IssueKind::Missing),
            (3, "tier", "sedang", IssueKind::UnknownTier),
            (4, "service", "nowhere", IssueKind::UnknownService),
            (5, "resolved_at", "2026-03-01", IssueKind::CompletedBeforeReceived),
            // No complaint handling in this standard: found only once the tier is known.
            (7, "service", "informasi-dokumentasi-publik", IssueKind::UnknownService),
            (8, "tier", "", IssueKind::Missing),
        ];
        assert_eq!(issues, found(&expected));
        assert_eq!(kept, ["e"]);
    }

    #[test]
    fn each_step_row_is_reported_under_its_first_failed_check() {
        let (catalog, calendar, mapping) = built_in();
        let ctx = context(&catalog, &calendar, &mapping);
        let text = "request_id,step,started_at,finished_at\n\
            ,1,2026-03-02T09:00:00+07:00,2026-03-02T10:00:00+07:00\n\
            P-1,,x,x\n\
            P-1,satu,x,x\n\
            P-1,1,,x\n\
            P-1,1,2026-13-01,x\n\
            P-1,1,2026-03-02T09:00:00+07:00,\n\
            P-1,1,2026-03-02T09:00:00+07:00,bad\n\
            P-1,2,2026-03-02T09:00:00+07:00,2026-03-01\n\
            P-2,3,2026-03-02,2026-03-02\n";
        let mut summary = InputSummary::default();
        let steps = read_steps(&[Input::new("f.csv", text.as_bytes())], ctx, &mut summary).unwrap();
        let issues = found_in(&summary);
        let expected = [
            (2, "request_id", "", IssueKind::Missing),
            (3, "step", "", IssueKind::Missing),
            (4, "step", "satu", IssueKind::UnknownStep),
            (5, "started_at", "", IssueKind::Missing),
            (6, "started_at", "2026-13-01", IssueKind::BadDate),
            (7, "finished_at", "", IssueKind::Missing),
            (8, "finished_at", "bad", IssueKind::BadDate),
            (9, "finished_at", "2026-03-01", IssueKind::CompletedBeforeReceived),
        ];
        assert_eq!(issues, found(&expected));
        // A date alone starts at midnight, and finishes at the end of its day.
        let day = jiff::civil::date(2026, 3, 2);
        let kept: Vec<_> =
            steps.iter().map(|s| (s.source.1, s.request_id.as_str(), s.step, s.started, s.finished)).collect();
        assert_eq!(kept, [(10, "P-2", 3, day.at(0, 0, 0, 0), day.at(23, 59, 59, 0))]);
        assert_eq!((summary.rows_read, summary.rows_dropped), (9, 8));
    }

    #[test]
    fn a_request_file_read_in_parts_gives_the_items_read_in_order() {
        let options = skm_demo::DemoOptions { requests: 30_000, ..skm_demo::DemoOptions::for_year(2026) };
        let files = skm_demo::generate(options).unwrap().csv_files().unwrap();
        let (_, bytes) = files.into_iter().find(|(name, _)| *name == "requests.csv").unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (i, line) in lines.iter_mut().enumerate().skip(1) {
            match i % 997 {
                1 => *line = line.replacen(",2026-", ",2026-13-", 1),
                2 => *line = line.replacen(',', ",nowhere-", 2),
                3 => line.push_str(&format!(",\"a\nb {i}\"")),
                _ => {}
            }
        }
        let bytes = lines.join("\n").into_bytes();
        let (catalog, calendar, mapping) = built_in();
        let ctx = context(&catalog, &calendar, &mapping);
        let inputs = [Input::new("requests.csv", &bytes)];
        let read = |ids, min_part| read_items_with(ItemKind::Request, &inputs, ctx, ids, min_part, true).unwrap();
        let (in_order, read_in_order, counted_in_order, _) = read(IdCheck::exact(), usize::MAX);
        let (in_parts, read_in_parts, counted_in_parts, _) = read(IdCheck::later(), 64 << 10);
        assert!(read_in_order.rows_dropped > 20, "{}", read_in_order.rows_dropped);
        assert_eq!(read_in_parts, read_in_order);
        assert!(in_parts == in_order);
        // Counted for N in the same reading: what reading for N alone counts.
        let alone = crate::input::read_requests(&inputs, &mapping).unwrap();
        for counted in [counted_in_order, counted_in_parts] {
            let counted = counted.unwrap().finish().unwrap();
            assert!(counted.issues.len() > 20, "{}", counted.issues.len());
            assert_eq!(format!("{counted:?}"), format!("{alone:?}"));
        }
    }
}
