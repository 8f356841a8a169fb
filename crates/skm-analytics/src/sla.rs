//! SLA compliance: requests and complaints judged on the calendar (`input/items.rs`), then
//! counted by polars per service, month, channel and tier (`tally.rs`), and SOP steps per step.

use std::collections::HashMap;
use std::sync::Arc;

use polars::prelude::PolarsResult;

use jiff::civil::DateTime;
use skm_core::analysis::InputSummary;
use skm_core::calendar::Calendar;
use skm_core::catalog::{Catalog, COMPLAINT_TIERS};
use skm_core::compliance::{
    Breach, ComplianceRow, ItemKind, ServiceCompliance, SlaReport, SlaSection, StepCompliance, Tally,
};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::sla::{describe, Outcome};

use crate::input::{read_and_count_requests, read_items, read_steps, Input, Item, SlaContext, StepTime};
use crate::parallel::in_parts;
use crate::slots::TextSlots;
use crate::tally::{breach_order, section_tallies, step_tallies, TimedStep, MINUTE};
use crate::working::{judge_all, working_between, Promise, ToJudge};
use crate::{AnalyticsError, RequestTable};

/// The files of an SLA analysis.
#[derive(Debug, Clone, Copy, Default)]
pub struct SlaInputs<'a> {
    /// Request files.
    pub requests: &'a [Input<'a>],
    /// Complaint files (may be empty).
    pub complaints: &'a [Input<'a>],
    /// SOP step files (may be empty).
    pub steps: &'a [Input<'a>],
}

/// Judges the files and counts compliance; `year` keeps only items received in that year.
pub fn analyse_sla(files: SlaInputs<'_>, ctx: SlaContext<'_>, year: Option<i16>) -> Result<SlaReport, AnalyticsError> {
    analyse_sla_where(files, ctx, year, &|_| true)
}

/// [`analyse_sla`] of the requests and complaints `keep` accepts (a service, a channel, a period).
pub fn analyse_sla_where(
    files: SlaInputs<'_>,
    ctx: SlaContext<'_>,
    year: Option<i16>,
    keep: &dyn Fn(&Item) -> bool,
) -> Result<SlaReport, AnalyticsError> {
    sla_of(&read_sla(files, ctx)?, ctx, year, keep)
}

/// Request, complaint and step files read and judged: what SLA tables are computed from, kept
/// by the dashboard's worker so that a filter change reads nothing again.
#[derive(Debug, Clone)]
pub struct SlaData {
    input: InputSummary,
    requests: Vec<Item>,
    complaints: Vec<Item>,
    /// Whether complaint files were given (their section is shown even when empty).
    has_complaints: bool,
    steps: Vec<StepTime>,
}

/// Reads and judges the SLA files.
pub fn read_sla(files: SlaInputs<'_>, ctx: SlaContext<'_>) -> Result<SlaData, AnalyticsError> {
    let mut input = InputSummary::default();
    let requests = read_items(ItemKind::Request, files.requests, ctx, &mut input)?;
    read_rest(files, ctx, input, requests)
}

/// [`read_sla`], the request files' rows also counted for the population N in the same reading.
pub(crate) fn read_sla_and_count(
    files: SlaInputs<'_>,
    ctx: SlaContext<'_>,
) -> Result<(SlaData, RequestTable), AnalyticsError> {
    let mut input = InputSummary::default();
    let (requests, counted) = read_and_count_requests(files.requests, ctx, &mut input)?;
    Ok((read_rest(files, ctx, input, requests)?, counted))
}

/// The complaint and step files read after the requests.
fn read_rest(
    files: SlaInputs<'_>,
    ctx: SlaContext<'_>,
    mut input: InputSummary,
    requests: Vec<Item>,
) -> Result<SlaData, AnalyticsError> {
    let complaints = read_items(ItemKind::Complaint, files.complaints, ctx, &mut input)?;
    let steps = read_steps(files.steps, ctx, &mut input)?;
    Ok(SlaData { input, requests, complaints, has_complaints: !files.complaints.is_empty(), steps })
}

impl SlaData {
    /// Judges the open items again as of another moment (completed ones do not change).
    pub fn judge_open_as_of(&mut self, calendar: &Calendar, as_of: DateTime) -> Result<(), AnalyticsError> {
        let mut open: Vec<&mut Item> =
            self.requests.iter_mut().chain(&mut self.complaints).filter(|i| i.completed.is_none()).collect();
        let items: Vec<ToJudge> = open
            .iter()
            .map(|i| ToJudge { received: i.received, promise: Promise::Due(i.due), completed: None })
            .collect();
        let judged = judge_all(calendar, &items, as_of)
            .map_err(|source| AnalyticsError::Polars { context: "SLA".to_owned(), source })?;
        for (item, judged) in open.iter_mut().zip(judged) {
            if let Some((_, judgement)) = judged {
                item.judgement = judgement;
            }
        }
        Ok(())
    }
}

/// The SLA tables of the read items received in `year` (if given) that `keep` accepts.
pub fn sla_of(
    data: &SlaData,
    ctx: SlaContext<'_>,
    year: Option<i16>,
    keep: &dyn Fn(&Item) -> bool,
) -> Result<SlaReport, AnalyticsError> {
    let mut input = data.input.clone();
    let in_year = |item: &&Item| year.is_none_or(|y| item.received.year() == y) && keep(item);
    let requests: Vec<&Item> = data.requests.iter().filter(in_year).collect();
    let complaints: Vec<&Item> = data.complaints.iter().filter(in_year).collect();
    let steps = &data.steps;
    let polars = |source| AnalyticsError::Polars { context: "SLA".to_owned(), source };
    let request_section = section(&requests, ctx.catalog, false).map_err(polars)?;
    let complaint_section = match data.has_complaints {
        false => None,
        true => Some(section(&complaints, ctx.catalog, true).map_err(polars)?),
    };
    let step_results = step_compliance(&requests, steps, ctx, &mut input).map_err(polars)?;

    // In order of service, most time late first, then ID; on a tie requests before complaints,
    // each in the order read.
    let breached: Vec<&Item> =
        requests.iter().chain(&complaints).copied().filter(|i| i.judgement.outcome == Outcome::Breached).collect();
    let mut services: Vec<&str> = breached.iter().map(|i| &*i.service).collect();
    services.sort_unstable();
    services.dedup();
    let rank: Vec<u32> =
        breached.iter().map(|i| services.binary_search(&&*i.service).map_or(u32::MAX, |r| r as u32)).collect();
    let late: Vec<i64> = breached.iter().map(|i| i.judgement.late_seconds).collect();
    let ids: Vec<&str> = breached.iter().map(|i| i.id.as_str()).collect();
    let order = breach_order(&rank, &late, &ids).map_err(polars)?;
    // Natively in parts, one per core: each breach is three moments written out and two texts.
    let breaches: Vec<Breach> = in_parts(order.len(), 50_000, |range| {
        order[range]
            .iter()
            .filter_map(|&n| breached.get(n as usize))
            .map(|i| Breach {
                kind: i.kind,
                id: i.id.clone(),
                service: i.service.to_string(),
                tier: i.tier.map(|t| t.code().to_owned()),
                received: ctx.calendar.iso(i.received),
                deadline: ctx.calendar.iso(i.due),
                completed: i.completed.map(|c| ctx.calendar.iso(c)),
                late_minutes: i.judgement.late_seconds as f64 / MINUTE,
            })
            .collect()
    });
    input.finish();
    Ok(SlaReport {
        calendar: ctx.calendar.name.clone(),
        zone: ctx.calendar.zone.name().to_owned(),
        as_of: ctx.calendar.iso(ctx.as_of),
        year,
        input,
        requests: request_section,
        complaints: complaint_section,
        steps: step_results,
        breaches,
    })
}

fn month_key((year, month): (i16, i8)) -> String {
    format!("{year:04}-{month:02}")
}

fn row(
    service: Option<&str>,
    month: Option<&str>,
    channel: Option<&str>,
    tier: Option<&str>,
    tally: Tally,
) -> ComplianceRow {
    let owned = |v: Option<&str>| v.map(str::to_owned);
    ComplianceRow { service: owned(service), month: owned(month), channel: owned(channel), tier: owned(tier), tally }
}

/// A section's tables, with each service's promise as the catalog states it.
fn section(items: &[&Item], catalog: &Catalog, complaints: bool) -> PolarsResult<SlaSection> {
    let tallies = section_tallies(items, complaints)?;
    let months = |months: Vec<((i16, i8), Tally)>| -> Vec<ComplianceRow> {
        months.into_iter().map(|(m, t)| row(None, Some(&month_key(m)), None, None, t)).collect()
    };
    let services = tallies
        .services
        .into_iter()
        .map(|s| {
            let promise = match (catalog.get(&s.service), complaints) {
                (Some(st), false) => describe(st.completion_time.limit),
                (Some(st), true) => st.complaints.as_ref().map_or(String::new(), |c| {
                    COMPLAINT_TIERS
                        .iter()
                        .filter_map(|t| c.deadline(*t).map(|d| format!("{} {}", t.code(), describe(d.limit))))
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                (None, _) => String::new(),
            };
            ServiceCompliance {
                timing: s.timing,
                months: months(s.months),
                service: s.service.to_string(),
                promise,
                tally: s.all,
            }
        })
        .collect();
    let channels = tallies.channels.into_iter().map(|(c, t)| row(None, None, Some(&c), None, t)).collect();
    let tiers = tallies
        .tiers
        .into_iter()
        .map(|(i, t)| row(None, None, None, Some(i.and_then(|i| COMPLAINT_TIERS.get(i)).map_or("", |t| t.code())), t))
        .collect();
    Ok(SlaSection { overall: tallies.overall, services, months: months(tallies.months), channels, tiers })
}

/// Per SOP step: compliance against its standard time and its share of all delay.
fn step_compliance(
    requests: &[&Item],
    steps: &[StepTime],
    ctx: SlaContext<'_>,
    input: &mut InputSummary,
) -> PolarsResult<Vec<StepCompliance>> {
    if steps.is_empty() {
        return Ok(Vec::new());
    }
    let service_of: HashMap<&str, &Arc<str>> = requests.iter().map(|r| (r.id.as_str(), &r.service)).collect();
    let sop_step = |code: &str, number: u32| {
        ctx.catalog
            .get(code)
            .and_then(|st| st.sop.as_ref())
            .and_then(|sop| sop.steps.iter().find(|x| x.number == number))
    };
    let mut services = TextSlots::default();
    let mut timed = Vec::new();
    let mut spans = Vec::new();
    for s in steps {
        let Some(code) = service_of.get(s.request_id.as_str()) else { continue };
        let Some(limit_minutes) = sop_step(code, s.step).and_then(|x| x.standard_time.limit.working_minutes()) else {
            let (file, row) = &s.source;
            input.push_issue(InputIssue::new(file, *row, "step", &s.step.to_string(), IssueKind::UnknownStep));
            continue;
        };
        timed.push(TimedStep { service: services.slot(code), step: s.step, seconds: 0, limit_minutes });
        spans.push((s.started, s.finished));
    }
    for (step, seconds) in timed.iter_mut().zip(working_between(ctx.calendar, &spans)?) {
        step.seconds = seconds;
    }
    let services = services.texts();
    let mut tallies = step_tallies(&timed)?;
    tallies.sort_by(|a, b| services[a.service as usize].cmp(&services[b.service as usize]).then(a.step.cmp(&b.step)));
    let mut service_delay: HashMap<u32, f64> = HashMap::new();
    for t in &tallies {
        *service_delay.entry(t.service).or_default() += t.delay_minutes;
    }
    Ok(tallies
        .into_iter()
        .map(|t| {
            let service = &services[t.service as usize];
            let sop_step = sop_step(service, t.step);
            let total_delay = service_delay.get(&t.service).copied().unwrap_or(0.0);
            StepCompliance {
                service: service.to_string(),
                step: t.step,
                activity: sop_step.map_or(String::new(), |x| x.activity.clone()),
                limit_minutes: sop_step.and_then(|x| x.standard_time.limit.working_minutes()).unwrap_or(0),
                tally: t.tally,
                delay_minutes: t.delay_minutes,
                delay_share: (total_delay > 0.0).then(|| t.delay_minutes * 100.0 / total_delay),
            }
        })
        .collect())
}
