//! SLA compliance: requests and complaints judged on the calendar (`input/items.rs`), then
//! counted with polars per service, month, channel and tier, and SOP steps per step.

use std::collections::HashMap;

use polars::prelude::*;
use skm_core::analysis::InputSummary;
use skm_core::catalog::{Catalog, COMPLAINT_TIERS};
use skm_core::compliance::{
    Breach, ComplianceRow, ItemKind, ServiceCompliance, SlaReport, SlaSection, StepCompliance, Tally,
};
use skm_core::issue::{InputIssue, IssueKind};
use skm_core::sla::TIMING_BANDS;
use skm_core::sla::{describe, Outcome};

use crate::input::{read_items, read_steps, Input, Item, SlaContext, StepTime};
use crate::AnalyticsError;

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

const MINUTE: f64 = 60.0;

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Met => "met",
        Outcome::Breached => "breached",
        Outcome::Pending => "pending",
    }
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
    let mut input = InputSummary::default();
    let in_year = |item: &Item| year.is_none_or(|y| item.received.year() == y) && keep(item);
    let mut requests = read_items(ItemKind::Request, files.requests, ctx, &mut input)?;
    requests.retain(in_year);
    let mut complaints = read_items(ItemKind::Complaint, files.complaints, ctx, &mut input)?;
    complaints.retain(in_year);
    let steps = read_steps(files.steps, ctx, &mut input)?;
    let polars = |source| AnalyticsError::Polars { context: "SLA".to_owned(), source };

    let request_section = section(&requests, ctx.catalog, false).map_err(polars)?;
    let complaint_section =
        if files.complaints.is_empty() { None } else { Some(section(&complaints, ctx.catalog, true).map_err(polars)?) };
    let step_results = step_compliance(&requests, &steps, ctx, &mut input).map_err(polars)?;

    // In order of service, most time late first, then ID; services compared by their rank.
    let breached: Vec<&Item> =
        requests.iter().chain(&complaints).filter(|i| i.judgement.outcome == Outcome::Breached).collect();
    let mut services: Vec<&str> = breached.iter().map(|i| i.service.as_str()).collect();
    services.sort_unstable();
    services.dedup();
    let rank = |i: &Item| services.binary_search(&i.service.as_str()).unwrap_or(usize::MAX);
    let mut ranked: Vec<(usize, &Item)> = breached.iter().map(|i| (rank(i), *i)).collect();
    ranked.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb).then(b.judgement.late_seconds.cmp(&a.judgement.late_seconds)).then(a.id.cmp(&b.id))
    });
    let breaches: Vec<Breach> = ranked
        .into_iter()
        .map(|(_, i)| Breach {
            kind: i.kind,
            id: i.id.clone(),
            service: i.service.clone(),
            tier: i.tier.map(|t| t.code().to_owned()),
            received: ctx.calendar.iso(i.received),
            deadline: ctx.calendar.iso(i.due),
            completed: i.completed.map(|c| ctx.calendar.iso(c)),
            late_minutes: i.judgement.late_seconds as f64 / MINUTE,
        })
        .collect();
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

/// The items as a frame: service, month, channel, tier, outcome, taken and late minutes.
fn frame(items: &[Item]) -> PolarsResult<DataFrame> {
    // Texts borrowed from the items; the dozen month keys written once each.
    let month_of = |i: &Item| (i.received.year(), i.received.month());
    let mut month_keys: Vec<((i16, i8), String)> = Vec::new();
    let mut indexes: Vec<usize> = Vec::with_capacity(items.len());
    for i in items {
        let (y, m) = month_of(i);
        let index = match month_keys.iter().rposition(|(k, _)| *k == (y, m)) {
            Some(index) => index,
            None => {
                month_keys.push(((y, m), format!("{y:04}-{m:02}")));
                month_keys.len() - 1
            }
        };
        indexes.push(index);
    }
    let months: Vec<&str> = indexes.iter().map(|i| month_keys[*i].1.as_str()).collect();
    let text = |f: &dyn Fn(&Item) -> &str| items.iter().map(f).collect::<Vec<&str>>();
    DataFrame::new(vec![
        Column::new("service".into(), text(&|i| i.service.as_str())),
        Column::new("month".into(), months),
        Column::new("channel".into(), text(&|i| i.channel.as_str())),
        Column::new("tier".into(), text(&|i| i.tier.map_or("", |t| t.code()))),
        Column::new("outcome".into(), text(&|i| outcome_name(i.judgement.outcome))),
        Column::new(
            "taken".into(),
            items.iter().map(|i| i.judgement.taken_seconds.map(|s| s as f64 / MINUTE)).collect::<Vec<Option<f64>>>(),
        ),
    ])
}

fn tally_aggs() -> Vec<Expr> {
    let count = |o: &str| col("outcome").eq(lit(o)).cast(DataType::UInt32).sum().alias(o);
    vec![
        len().alias("total"),
        count("met"),
        count("breached"),
        count("pending"),
        col("taken").median().alias("median"),
        col("taken").quantile(lit(0.9), QuantileMethod::Linear).alias("p90"),
        col("taken").max().alias("max"),
    ]
}

fn u64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    Ok(df
        .column(name)?
        .as_materialized_series()
        .cast(&DataType::UInt64)?
        .u64()?
        .into_iter()
        .map(|v| v.unwrap_or(0))
        .collect())
}

fn f64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    Ok(df.column(name)?.as_materialized_series().cast(&DataType::Float64)?.f64()?.into_iter().collect())
}

fn strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df.column(name)?.str()?.into_iter().map(|v| v.unwrap_or("").to_owned()).collect())
}

/// Tallies per group of the given key columns (one group, keys empty, when there are none).
fn tallies(df: &DataFrame, keys: &[&str]) -> PolarsResult<Vec<(Vec<String>, Tally)>> {
    let lazy = df.clone().lazy();
    let out = if keys.is_empty() {
        lazy.select(tally_aggs())
    } else {
        lazy.group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
            .agg(tally_aggs())
            .sort(keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(), SortMultipleOptions::default())
    }
    .collect()?;
    let (total, met, breached, pending) =
        (u64s(&out, "total")?, u64s(&out, "met")?, u64s(&out, "breached")?, u64s(&out, "pending")?);
    let (median, p90, max) = (f64s(&out, "median")?, f64s(&out, "p90")?, f64s(&out, "max")?);
    let key_values: Vec<Vec<String>> = keys.iter().map(|k| strs(&out, k)).collect::<PolarsResult<_>>()?;
    Ok((0..out.height())
        .map(|r| {
            let tally = Tally {
                total: total[r],
                met: met[r],
                breached: breached[r],
                pending: pending[r],
                compliance: Tally::compliance_of(met[r], breached[r]),
                median_minutes: median[r],
                p90_minutes: p90[r],
                max_minutes: max[r],
            };
            (key_values.iter().map(|k| k[r].clone()).collect(), tally)
        })
        .collect())
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

fn section(items: &[Item], catalog: &Catalog, complaints: bool) -> PolarsResult<SlaSection> {
    let df = frame(items)?;
    let overall = tallies(&df, &[])?.into_iter().next().map(|(_, t)| t).unwrap_or_default();
    let mut months_by_service: HashMap<String, Vec<ComplianceRow>> = HashMap::new();
    for (k, t) in tallies(&df, &["service", "month"])? {
        months_by_service.entry(k[0].clone()).or_default().push(row(None, Some(&k[1]), None, None, t));
    }
    // Each item's timing band counted once, under its service.
    let mut timing_of: HashMap<&str, Vec<u64>, foldhash::fast::RandomState> = HashMap::default();
    for item in items {
        if let Some(band) = item.judgement.timing_band() {
            let timing = timing_of.entry(item.service.as_str()).or_insert_with(|| vec![0; TIMING_BANDS.len() + 1]);
            if let Some(count) = timing.get_mut(band) {
                *count += 1;
            }
        }
    }
    let services = tallies(&df, &["service"])?
        .into_iter()
        .map(|(k, tally)| {
            let standard = catalog.get(&k[0]);
            let promise = match (standard, complaints) {
                (Some(s), false) => describe(s.completion_time.limit),
                (Some(s), true) => s.complaints.as_ref().map_or(String::new(), |c| {
                    COMPLAINT_TIERS
                        .iter()
                        .filter_map(|t| c.deadline(*t).map(|d| format!("{} {}", t.code(), describe(d.limit))))
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                (None, _) => String::new(),
            };
            let timing = timing_of.remove(k[0].as_str()).unwrap_or_else(|| vec![0; TIMING_BANDS.len() + 1]);
            ServiceCompliance {
                timing,
                months: months_by_service.remove(&k[0]).unwrap_or_default(),
                service: k[0].clone(),
                promise,
                tally,
            }
        })
        .collect();
    let months = tallies(&df, &["month"])?.into_iter().map(|(k, t)| row(None, Some(&k[0]), None, None, t)).collect();
    let channels =
        tallies(&df, &["channel"])?.into_iter().map(|(k, t)| row(None, None, Some(&k[0]), None, t)).collect();
    let tiers = if complaints {
        let mut rows: Vec<ComplianceRow> =
            tallies(&df, &["tier"])?.into_iter().map(|(k, t)| row(None, None, None, Some(&k[0]), t)).collect();
        let order = |r: &ComplianceRow| COMPLAINT_TIERS.iter().position(|t| Some(t.code()) == r.tier.as_deref());
        rows.sort_by_key(order);
        rows
    } else {
        Vec::new()
    };
    Ok(SlaSection { overall, services, months, channels, tiers })
}

/// Per SOP step: compliance against its standard time and its share of all delay.
fn step_compliance(
    requests: &[Item],
    steps: &[StepTime],
    ctx: SlaContext<'_>,
    input: &mut InputSummary,
) -> PolarsResult<Vec<StepCompliance>> {
    if steps.is_empty() {
        return Ok(Vec::new());
    }
    let service_of: HashMap<&str, &str> = requests.iter().map(|r| (r.id.as_str(), r.service.as_str())).collect();
    let (mut service, mut step, mut outcome, mut taken, mut delay) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for s in steps {
        let Some(code) = service_of.get(s.request_id.as_str()) else { continue };
        let sop_step = ctx
            .catalog
            .get(code)
            .and_then(|st| st.sop.as_ref())
            .and_then(|sop| sop.steps.iter().find(|x| x.number == s.step));
        let Some(limit) = sop_step.and_then(|x| x.standard_time.limit.working_minutes()) else {
            let (file, row) = &s.source;
            input.push_issue(InputIssue::new(file, *row, "step", &s.step.to_string(), IssueKind::UnknownStep));
            continue;
        };
        let minutes = ctx.calendar.working_seconds_between(s.started, s.finished) as f64 / MINUTE;
        service.push((*code).to_owned());
        step.push(s.step);
        outcome.push(if minutes <= limit as f64 { "met" } else { "breached" });
        taken.push(Some(minutes));
        delay.push((minutes - limit as f64).max(0.0));
    }
    let df = DataFrame::new(vec![
        Column::new("service".into(), service),
        Column::new("step".into(), step),
        Column::new("outcome".into(), outcome),
        Column::new("taken".into(), taken),
        Column::new("delay".into(), delay),
    ])?;
    let delays =
        df.clone().lazy().group_by([col("service"), col("step")]).agg([col("delay").sum().alias("delay")]).collect()?;
    let (d_service, d_step, d_delay) = (strs(&delays, "service")?, u64s(&delays, "step")?, f64s(&delays, "delay")?);
    let delay_of: HashMap<(String, u64), f64> =
        d_service.into_iter().zip(d_step).zip(d_delay).map(|((s, n), d)| ((s, n), d.unwrap_or(0.0))).collect();
    let mut service_delay: HashMap<String, f64> = HashMap::new();
    for ((s, _), d) in &delay_of {
        *service_delay.entry(s.clone()).or_default() += d;
    }
    let by_step = df.lazy().with_column(col("step").cast(DataType::String)).collect()?;
    let mut out = Vec::new();
    for (k, tally) in tallies(&by_step, &["service", "step"])? {
        let number: u32 = k[1].parse().unwrap_or(0);
        let sop_step = ctx
            .catalog
            .get(&k[0])
            .and_then(|st| st.sop.as_ref())
            .and_then(|sop| sop.steps.iter().find(|x| x.number == number));
        let delay = delay_of.get(&(k[0].clone(), u64::from(number))).copied().unwrap_or(0.0);
        let total_delay = service_delay.get(&k[0]).copied().unwrap_or(0.0);
        out.push(StepCompliance {
            service: k[0].clone(),
            step: number,
            activity: sop_step.map_or(String::new(), |x| x.activity.clone()),
            limit_minutes: sop_step.and_then(|x| x.standard_time.limit.working_minutes()).unwrap_or(0),
            tally,
            delay_minutes: delay,
            delay_share: (total_delay > 0.0).then(|| delay * 100.0 / total_delay),
        });
    }
    out.sort_by(|a, b| a.service.cmp(&b.service).then(a.step.cmp(&b.step)));
    Ok(out)
}
