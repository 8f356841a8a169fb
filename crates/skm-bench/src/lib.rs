//! The benchmark tasks: from a CSV file's bytes to the tables the peers (pandas, DuckDB, Python
//! polars) compute too, as plain JSON that the harness compares number by number.
//!
//! The same functions run natively (`skm-bench`) and in wasm32 (`skm-bench-wasm`, in headless
//! Chromium).

use serde_json::{json, Map, Value};
use skm_analytics::input::Limits;
use skm_analytics::{analyse_ikm, analyse_sla, read_responses, Input, Mapping, Population, SlaContext, SlaInputs};
use skm_core::analysis::{GroupBy, GroupResult, IkmOptions};
use skm_core::calendar::Calendar;
use skm_core::catalog::{Catalog, Limit};
use skm_core::PeriodKind;

/// The IKM tables of a response file: overall, by service × quarter, by each profile answer.
pub fn ikm_tables(name: &str, bytes: &[u8]) -> Result<Value, String> {
    let mapping = Mapping::builtin().map_err(|e| e.to_string())?;
    let table =
        read_responses(&[Input::new(name, bytes).with_limits(Limits::NONE)], &mapping).map_err(|e| e.to_string())?;
    let options =
        IkmOptions { by: vec![GroupBy::Service, GroupBy::Period], period: PeriodKind::Quarter, ..Default::default() };
    let a = analyse_ikm(&table, &options, Population::Unknown).map_err(|e| e.to_string())?;
    let row = |g: &GroupResult| {
        json!({
            "n": g.summary.respondents,
            "nrr": g.summary.elements.iter().map(|e| e.nrr).collect::<Vec<_>>(),
            "ikm": g.summary.ikm,
        })
    };
    let mut by_group = Map::new();
    for g in &a.groups {
        let key = format!(
            "{}|{}",
            g.key.service.as_deref().unwrap_or_default(),
            g.key.period.map(|p| p.key()).unwrap_or_default()
        );
        by_group.insert(key, row(g));
    }
    let mut profile = Map::new();
    for b in &a.overall.profile {
        for r in b.rows.iter().filter(|r| r.respondents > 0) {
            let key = format!("{}|{}", b.field.column(), r.value.as_deref().unwrap_or("-"));
            profile.insert(key, json!({ "n": r.respondents, "ikm": r.ikm }));
        }
    }
    Ok(json!({
        "rows_dropped": a.input.rows_dropped,
        "overall": row(&a.overall),
        "service_quarter": by_group,
        "profile": profile,
    }))
}

/// The moment the SLA tables are judged at: the end of the demo year.
fn sla_as_of() -> jiff::civil::DateTime {
    jiff::civil::date(2026, 12, 31).at(23, 59, 0, 0)
}

/// The SLA tables of a request file: requests met, breached and pending by service × month,
/// judged on the default calendar as of the end of the year.
pub fn sla_tables(name: &str, bytes: &[u8]) -> Result<Value, String> {
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let calendar = Calendar::default_wib().map_err(|e| e.to_string())?;
    let mapping = Mapping::builtin().map_err(|e| e.to_string())?;
    let ctx = SlaContext { catalog: &catalog, calendar: &calendar, mapping: &mapping, as_of: sla_as_of() };
    let files = [Input::new(name, bytes).with_limits(Limits::NONE)];
    let report =
        analyse_sla(SlaInputs { requests: &files, ..Default::default() }, ctx, None).map_err(|e| e.to_string())?;
    let mut by_month = Map::new();
    for s in &report.requests.services {
        for m in &s.months {
            let key = format!("{}|{}", s.service, m.month.as_deref().unwrap_or_default());
            by_month.insert(key, json!({ "total": m.tally.total, "met": m.tally.met, "breached": m.tally.breached, "pending": m.tally.pending }));
        }
    }
    let o = &report.requests.overall;
    Ok(json!({
        "rows_dropped": report.input.rows_dropped,
        "overall": { "total": o.total, "met": o.met, "breached": o.breached, "pending": o.pending },
        "service_month": by_month,
    }))
}

/// What the peers need to judge the requests as skm does, as data: the default calendar (zone,
/// office hours per weekday in seconds of the day, days off) and each service's promised time,
/// with the moment of judgement.
pub fn sla_reference() -> Result<Value, String> {
    let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
    let calendar = Calendar::default_wib().map_err(|e| e.to_string())?;
    let hours: Vec<Vec<[u32; 2]>> = calendar
        .hours
        .iter()
        .map(|day| day.iter().map(|h| [u32::from(h.start) * 60, u32::from(h.end) * 60]).collect())
        .collect();
    let days_off: Vec<String> = calendar.days_off.keys().map(ToString::to_string).collect();
    let mut limits = Map::new();
    for s in catalog.standards() {
        let limit = match s.completion_time.limit {
            Limit::AsRequested => json!({ "unit": "as_requested" }),
            Limit::WorkingDays { amount } => json!({ "unit": "days", "amount": amount }),
            other => json!({ "unit": "seconds", "amount": other.working_minutes().unwrap_or(0) * 60 }),
        };
        limits.insert(s.code.clone(), limit);
    }
    Ok(json!({
        "zone_offset_hours": calendar.zone.offset_hours(),
        "as_of": sla_as_of().to_string(),
        "hours": hours,
        "days_off": days_off,
        "limits": limits,
    }))
}

/// Seconds spent in each phase of a task: reading the file into a table, then computing the
/// tables (`ikm`: responses; `sla`: requests read and judged, then counted).
pub fn phases(task: &str, name: &str, bytes: &[u8]) -> Result<Value, String> {
    use std::time::Instant;
    let err = |e: skm_analytics::AnalyticsError| e.to_string();
    let mapping = Mapping::builtin().map_err(err)?;
    let files = [Input::new(name, bytes).with_limits(Limits::NONE)];
    match task {
        "ikm" => {
            let start = Instant::now();
            let table = read_responses(&files, &mapping).map_err(err)?;
            let read = start.elapsed().as_secs_f64();
            let options = IkmOptions {
                by: vec![GroupBy::Service, GroupBy::Period],
                period: PeriodKind::Quarter,
                ..Default::default()
            };
            let start = Instant::now();
            analyse_ikm(&table, &options, Population::Unknown).map_err(err)?;
            Ok(json!({ "read": read, "analyse": start.elapsed().as_secs_f64() }))
        }
        "sla" => {
            let catalog = Catalog::builtin().map_err(|e| e.to_string())?;
            let calendar = Calendar::default_wib().map_err(|e| e.to_string())?;
            let ctx = SlaContext { catalog: &catalog, calendar: &calendar, mapping: &mapping, as_of: sla_as_of() };
            let start = Instant::now();
            let mut summary = skm_core::analysis::InputSummary::default();
            let items =
                skm_analytics::input::read_items(skm_core::compliance::ItemKind::Request, &files, ctx, &mut summary)
                    .map_err(err)?;
            let read = start.elapsed().as_secs_f64();
            let (judge_core, judge_polars, judge_polars_batches) = judging(&items, &catalog, &calendar)?;
            let start = Instant::now();
            analyse_sla(SlaInputs { requests: &files, ..Default::default() }, ctx, None).map_err(err)?;
            Ok(json!({
                "read_and_judge": read,
                "whole": start.elapsed().as_secs_f64(),
                "judge_core": judge_core,
                "judge_polars": judge_polars,
                "judge_polars_batches": judge_polars_batches,
            }))
        }
        other => Err(format!("tugas tidak dikenal / unknown task: {other}")),
    }
}

/// The judging step alone, on the items read, both ways: one item at a time by the core's rules
/// (`deadline`, then `judge`), and all at once by polars lookups (`skm_analytics::working`), and
/// again in batches as the reader judges them. Seconds of each; an error if they disagree.
fn judging(
    items: &[skm_analytics::input::Item],
    catalog: &Catalog,
    calendar: &Calendar,
) -> Result<(f64, f64, f64), String> {
    use skm_analytics::working::{judge_all, Promise, ToJudge};
    use skm_core::catalog::Limit;
    use std::time::Instant;
    let as_of = sla_as_of();
    let limits: Vec<Limit> = items
        .iter()
        .map(|i| catalog.standard_on(&i.service, i.received.date()).map(|s| s.completion_time.limit))
        .collect::<Option<_>>()
        .ok_or("layanan tanpa standar / a service without a standard")?;
    let start = Instant::now();
    let one_by_one: Vec<_> = items
        .iter()
        .zip(&limits)
        .map(|(i, limit)| {
            let asked = matches!(limit, Limit::AsRequested).then(|| i.due.date());
            let due = skm_core::sla::deadline(calendar, i.received, *limit, asked).ok()?;
            Some((due, skm_core::sla::judge(calendar, i.received, due, i.completed, as_of)))
        })
        .collect();
    let core = start.elapsed().as_secs_f64();
    let to_judge: Vec<ToJudge> = items
        .iter()
        .zip(&limits)
        .map(|(i, limit)| {
            let promise = Promise::of_limit(*limit).unwrap_or(Promise::Due(i.due));
            ToJudge { received: i.received, promise, completed: i.completed }
        })
        .collect();
    let start = Instant::now();
    let together = judge_all(calendar, &to_judge, as_of).map_err(|e| e.to_string())?;
    let polars = start.elapsed().as_secs_f64();
    if together != one_by_one {
        return Err("penilaian berbeda / the judgements differ".to_owned());
    }
    // As the reader judges: so many rows at a time.
    let start = Instant::now();
    for batch in to_judge.chunks(1 << 16) {
        judge_all(calendar, batch, as_of).map_err(|e| e.to_string())?;
    }
    let in_batches = start.elapsed().as_secs_f64();
    Ok((core, polars, in_batches))
}
