//! Service requests, complaints and SOP step times, read and judged against the catalog's
//! promised times on the office's calendar (`requests.csv`, `complaints.csv`, `steps.csv`;
//! docs/data-formats.md). A row that cannot be judged is reported and left out.

use super::ids::SeenIds;

use jiff::civil::DateTime;
use skm_core::analysis::InputSummary;
use skm_core::calendar::Calendar;
use skm_core::catalog::{Catalog, ComplaintTier, Limit};
use skm_core::compliance::ItemKind;
use skm_core::date::parse_date;
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::sla::{deadline, judge, Judgement, SlaError};

use super::mapping::Mapping;
use super::named::{Row, Sink};
use super::sheet::read_sheet;
use super::Input;
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
    /// Service code.
    pub service: String,
    /// Channel as written (empty if not given).
    pub channel: String,
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
const REQUEST_COLUMNS: (&[&str], &[&str]) =
    (&["id", "service", "received_at"], &["channel", "requested_for", "completed_at"]);
const COMPLAINT_COLUMNS: (&[&str], &[&str]) = (&["id", "service", "tier", "received_at"], &["channel", "resolved_at"]);
const STEP_COLUMNS: (&[&str], &[&str]) = (&["request_id", "step", "started_at", "finished_at"], &[]);

/// Reads request or complaint files and judges each row.
pub fn read_items(
    kind: ItemKind,
    inputs: &[Input<'_>],
    ctx: SlaContext<'_>,
    summary: &mut InputSummary,
) -> Result<Vec<Item>, AnalyticsError> {
    let columns = match kind {
        ItemKind::Request => REQUEST_COLUMNS,
        ItemKind::Complaint => COMPLAINT_COLUMNS,
    };
    let mut items = Vec::new();
    // A request row is about 130 bytes: room for every ID up front.
    let mut seen = SeenIds::with_capacity(inputs.iter().map(|i| i.bytes.len() / 128).sum());
    for input in inputs {
        let mut sink = Sink::new(input.name, columns, summary, |row: &Row<'_>, issues: &mut Vec<InputIssue>| {
            let item = judge_row(kind, row, ctx, issues)?;
            if !seen.insert(&item.id) {
                issues.push(row.issue("id", &item.id, IssueKind::DuplicateId));
                return None;
            }
            items.push(item);
            Some(())
        });
        let format = read_sheet(input.name, input.bytes, &mut sink)?;
        sink.finish(
            format,
            match kind {
                ItemKind::Request => "requests",
                ItemKind::Complaint => "complaints",
            },
        );
    }
    Ok(items)
}

/// Reads SOP step files.
pub fn read_steps(
    inputs: &[Input<'_>],
    ctx: SlaContext<'_>,
    summary: &mut InputSummary,
) -> Result<Vec<StepTime>, AnalyticsError> {
    let mut steps = Vec::new();
    for input in inputs {
        let mut sink = Sink::new(input.name, STEP_COLUMNS, summary, |row: &Row<'_>, issues: &mut Vec<InputIssue>| {
            let request_id = row.required("request_id", issues)?.to_owned();
            let step_text = row.required("step", issues)?;
            let step = match step_text.parse::<u32>() {
                Ok(n) => n,
                Err(_) => {
                    issues.push(row.issue("step", step_text, IssueKind::UnknownStep));
                    return None;
                }
            };
            let started = row.moment("started_at", ctx.calendar, false, issues)?;
            let finished = row.moment("finished_at", ctx.calendar, true, issues)?;
            if finished < started {
                issues.push(row.issue("finished_at", row.get("finished_at"), IssueKind::CompletedBeforeReceived));
                return None;
            }
            steps.push(StepTime { source: (row.file.to_owned(), row.number), request_id, step, started, finished });
            Some(())
        });
        let format = read_sheet(input.name, input.bytes, &mut sink)?;
        sink.finish(format, "steps");
    }
    Ok(steps)
}

fn judge_row(kind: ItemKind, row: &Row<'_>, ctx: SlaContext<'_>, issues: &mut Vec<InputIssue>) -> Option<Item> {
    let id = row.required("id", issues)?.to_owned();
    let service_text = row.required("service", issues)?;
    let service = ctx.mapping.service(service_text);
    let Some(standard) = ctx.catalog.get(&service) else {
        issues.push(row.issue("service", service_text, IssueKind::UnknownService));
        return None;
    };
    let received = row.moment("received_at", ctx.calendar, false, issues)?;
    let (limit, tier, completed_column): (Limit, Option<ComplaintTier>, &str) = match kind {
        ItemKind::Request => (standard.completion_time.limit, None, "completed_at"),
        ItemKind::Complaint => {
            let tier_text = row.required("tier", issues)?;
            let Some(tier) = ComplaintTier::from_code(tier_text) else {
                issues.push(row.issue("tier", tier_text, IssueKind::UnknownTier));
                return None;
            };
            let Some(limit) = standard.complaints.as_ref().and_then(|c| c.deadline(tier)).map(|d| d.limit) else {
                issues.push(row.issue("service", service_text, IssueKind::UnknownService));
                return None;
            };
            (limit, Some(tier), "resolved_at")
        }
    };
    let requested_for = match (limit, row.get("requested_for")) {
        (Limit::AsRequested, "") => {
            issues.push(row.issue("requested_for", "", IssueKind::MissingRequestedFor));
            return None;
        }
        (Limit::AsRequested, text) => match parse_date(text) {
            Some(d) => Some(d),
            None => {
                issues.push(row.issue("requested_for", text, IssueKind::BadDate));
                return None;
            }
        },
        _ => None,
    };
    let completed = match row.get(completed_column) {
        "" => None,
        _ => Some(row.moment(completed_column, ctx.calendar, true, issues)?),
    };
    if completed.is_some_and(|c| c < received) {
        issues.push(row.issue(completed_column, row.get(completed_column), IssueKind::CompletedBeforeReceived));
        return None;
    }
    let due = match deadline(ctx.calendar, received, limit, requested_for) {
        Ok(due) => due,
        Err(SlaError::MissingRequestedFor) => {
            issues.push(row.issue("requested_for", "", IssueKind::MissingRequestedFor));
            return None;
        }
        Err(SlaError::NoWorkingTime) => {
            issues.push(row.issue("received_at", row.get("received_at"), IssueKind::BadDate));
            return None;
        }
    };
    let judgement = judge(ctx.calendar, received, due, completed, ctx.as_of);
    Some(Item { kind, id, service, channel: row.get("channel").to_owned(), tier, received, due, completed, judgement })
}
