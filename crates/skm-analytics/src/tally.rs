//! Compliance counted by polars: the judged items as a frame of integer columns (service,
//! month, channel and tier slots, outcome, timing band) and the minutes taken; each grouping's
//! counts, median, 90th percentile and longest time are one group-by, all run together.
//!
//! The quantiles are polars' linear ones over the minutes of the group's items, the open items
//! (no time taken) counted first in the position as polars counts nulls.

use std::sync::Arc;

use polars::prelude::*;

use skm_core::catalog::COMPLAINT_TIERS;
use skm_core::compliance::Tally;
use skm_core::sla::{Outcome, TIMING_BANDS};

use crate::collect::collect_many;
use crate::input::Item;
use crate::slots::TextSlots;

/// Seconds in a minute: times are counted in working seconds and reported in minutes.
pub(crate) const MINUTE: f64 = 60.0;

/// Column names of the frames.
const SERVICE: &str = "service";
const MONTH: &str = "month";
const CHANNEL: &str = "channel";
const TIER: &str = "tier";
const OUTCOME: &str = "outcome";
const MINUTES: &str = "minutes";
const BAND: &str = "band";
const STEP: &str = "step";
const DELAY: &str = "delay";
const COUNT: &str = "count";

/// An outcome's number in the frame.
fn outcome_code(outcome: Outcome) -> u32 {
    match outcome {
        Outcome::Met => 0,
        Outcome::Breached => 1,
        Outcome::Pending => 2,
    }
}

/// A month of receipt as one number: year × 12 + month − 1.
fn month_number(year: i16, month: i8) -> i32 {
    i32::from(year) * 12 + i32::from(month) - 1
}

/// The year and month of a [`month_number`].
fn month_of(number: i32) -> (i16, i8) {
    (number.div_euclid(12) as i16, (number.rem_euclid(12) + 1) as i8)
}

/// The aggregations of a tally.
fn tally_exprs() -> Vec<Expr> {
    let outcome = |code: u32, name: &str| col(OUTCOME).eq(lit(code)).sum().cast(DataType::UInt64).alias(name);
    vec![
        len().cast(DataType::UInt64).alias(COUNT),
        outcome(0, "met"),
        outcome(1, "breached"),
        outcome(2, "pending"),
        col(MINUTES).quantile(lit(0.5), QuantileMethod::Linear).alias("median"),
        col(MINUTES).quantile(lit(0.9), QuantileMethod::Linear).alias("p90"),
        col(MINUTES).max().alias("max"),
    ]
}

/// An integer column of an aggregated frame (nulls as 0).
fn numbers<T>(frame: &DataFrame, name: &str) -> PolarsResult<Vec<T::Native>>
where
    T: PolarsNumericType,
    T::Native: Default,
{
    let column = frame.column(name)?.as_materialized_series().cast(&T::get_dtype())?;
    Ok(column.unpack::<T>()?.into_iter().map(Option::unwrap_or_default).collect())
}

/// The tallies of an aggregated frame, one per row.
fn tallies(frame: &DataFrame) -> PolarsResult<Vec<Tally>> {
    let minutes =
        |name: &str| -> PolarsResult<Vec<Option<f64>>> { Ok(frame.column(name)?.f64()?.into_iter().collect()) };
    let (total, met) = (numbers::<UInt64Type>(frame, COUNT)?, numbers::<UInt64Type>(frame, "met")?);
    let (breached, pending) = (numbers::<UInt64Type>(frame, "breached")?, numbers::<UInt64Type>(frame, "pending")?);
    let (median, p90, max) = (minutes("median")?, minutes("p90")?, minutes("max")?);
    Ok((0..frame.height())
        .map(|i| Tally {
            total: total[i],
            met: met[i],
            breached: breached[i],
            pending: pending[i],
            compliance: Tally::compliance_of(met[i], breached[i]),
            median_minutes: median[i],
            p90_minutes: p90[i],
            max_minutes: max[i],
        })
        .collect())
}

/// A service's items: all of them, per month of receipt (in order), and per band of time taken.
#[derive(Debug)]
pub(crate) struct ServiceTallies {
    /// The service code.
    pub service: Arc<str>,
    /// All its items.
    pub all: Tally,
    /// Per month of receipt, in order.
    pub months: Vec<((i16, i8), Tally)>,
    /// Completed items per band of [`TIMING_BANDS`], the last for beyond them.
    pub timing: Vec<u64>,
}

/// The tallies of one section (requests or complaints), each grouping in order of its keys.
#[derive(Debug)]
pub(crate) struct SectionTallies {
    /// All items.
    pub overall: Tally,
    /// Per service, in order of code.
    pub services: Vec<ServiceTallies>,
    /// Per month of receipt.
    pub months: Vec<((i16, i8), Tally)>,
    /// Per channel as written.
    pub channels: Vec<(Arc<str>, Tally)>,
    /// Per complaint tier (its place in `COMPLAINT_TIERS`; none first), when asked for.
    pub tiers: Vec<(Option<usize>, Tally)>,
}

/// Judged items as a frame, with the texts their slots stand for.
struct ItemFrame {
    frame: DataFrame,
    services: Vec<Arc<str>>,
    channels: Vec<Arc<str>>,
}

/// The items as a frame.
fn item_frame(items: &[&Item]) -> PolarsResult<ItemFrame> {
    let (mut services, mut channels) = (TextSlots::default(), TextSlots::default());
    let n = items.len();
    let (mut service, mut month, mut channel, mut tier) =
        (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut outcome, mut minutes, mut band) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
    for item in items {
        service.push(services.slot(&item.service));
        month.push(month_number(item.received.year(), item.received.month()));
        channel.push(channels.slot(&item.channel));
        let place = item.tier.and_then(|t| COMPLAINT_TIERS.iter().position(|x| *x == t));
        tier.push(place.map_or(0, |p| p as u32 + 1));
        outcome.push(outcome_code(item.judgement.outcome));
        minutes.push(item.judgement.taken_seconds.map(|s| s as f64 / MINUTE));
        band.push(item.judgement.timing_band().map(|b| b as u32));
    }
    let frame = DataFrame::new(vec![
        Column::new(SERVICE.into(), service),
        Column::new(MONTH.into(), month),
        Column::new(CHANNEL.into(), channel),
        Column::new(TIER.into(), tier),
        Column::new(OUTCOME.into(), outcome),
        Column::new(MINUTES.into(), minutes),
        Column::new(BAND.into(), band),
    ])?;
    Ok(ItemFrame { frame, services: services.texts(), channels: channels.texts() })
}

/// Counts a section's items per service, month, channel and (for complaints) tier.
pub(crate) fn section_tallies(items: &[&Item], complaints: bool) -> PolarsResult<SectionTallies> {
    let ItemFrame { frame, services, channels } = item_frame(items)?;
    // Sorted by time taken once, open items first: each group's times then arrive in order, and
    // its two quantiles sort what is already sorted (three times faster at 1M requests).
    let frame = frame.sort([MINUTES], SortMultipleOptions::default().with_nulls_last(false))?.lazy();
    let by = |keys: &[&str]| {
        let keys: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
        frame.clone().group_by(keys).agg(tally_exprs())
    };
    let mut queries = vec![
        frame.clone().select(tally_exprs()),
        by(&[SERVICE]),
        by(&[SERVICE, MONTH]),
        by(&[MONTH]),
        by(&[CHANNEL]),
        frame.clone().filter(col(BAND).is_not_null()).group_by([col(SERVICE), col(BAND)]).agg([len().alias(COUNT)]),
    ];
    if complaints {
        queries.push(by(&[TIER]));
    }
    let results = collect_many(queries)?;
    let [overall, by_service, by_service_month, by_month, by_channel, timing, rest @ ..] = &results[..] else {
        return Err(PolarsError::NoData("SLA".into()));
    };

    let name = |slots: &[Arc<str>], slot: u32| slots.get(slot as usize).cloned().unwrap_or_else(|| Arc::from(""));
    let mut service_tallies: Vec<ServiceTallies> = numbers::<UInt32Type>(by_service, SERVICE)?
        .into_iter()
        .zip(tallies(by_service)?)
        .map(|(slot, all)| ServiceTallies {
            service: name(&services, slot),
            all,
            months: Vec::new(),
            timing: vec![0; TIMING_BANDS.len() + 1],
        })
        .collect();
    service_tallies.sort_by(|a, b| a.service.cmp(&b.service));
    let place = |slot: u32| service_tallies.binary_search_by(|s| s.service.cmp(&name(&services, slot))).ok();
    let places: Vec<Option<usize>> = (0..services.len() as u32).map(place).collect();
    let service_of = |slot: u32| places.get(slot as usize).copied().flatten();

    let slots = numbers::<UInt32Type>(by_service_month, SERVICE)?;
    let months = numbers::<Int32Type>(by_service_month, MONTH)?;
    for ((slot, month), tally) in slots.into_iter().zip(months).zip(tallies(by_service_month)?) {
        if let Some(s) = service_of(slot) {
            service_tallies[s].months.push((month_of(month), tally));
        }
    }
    for s in &mut service_tallies {
        s.months.sort_by_key(|(month, _)| *month);
    }
    let (slots, bands, counts) = (
        numbers::<UInt32Type>(timing, SERVICE)?,
        numbers::<UInt32Type>(timing, BAND)?,
        numbers::<UInt64Type>(timing, COUNT)?,
    );
    for ((slot, band), count) in slots.into_iter().zip(bands).zip(counts) {
        let Some(s) = service_of(slot) else { continue };
        if let Some(c) = service_tallies[s].timing.get_mut(band as usize) {
            *c += count;
        }
    }

    let mut months: Vec<((i16, i8), Tally)> =
        numbers::<Int32Type>(by_month, MONTH)?.into_iter().map(month_of).zip(tallies(by_month)?).collect();
    months.sort_by_key(|(month, _)| *month);
    let mut channel_tallies: Vec<(Arc<str>, Tally)> = numbers::<UInt32Type>(by_channel, CHANNEL)?
        .into_iter()
        .map(|slot| name(&channels, slot))
        .zip(tallies(by_channel)?)
        .collect();
    channel_tallies.sort_by(|a, b| a.0.cmp(&b.0));
    let mut tiers: Vec<(Option<usize>, Tally)> = match rest.first() {
        Some(by_tier) => numbers::<UInt32Type>(by_tier, TIER)?
            .into_iter()
            .map(|t| t.checked_sub(1).map(|t| t as usize))
            .zip(tallies(by_tier)?)
            .collect(),
        None => Vec::new(),
    };
    tiers.sort_by_key(|(tier, _)| *tier);
    let overall = tallies(overall)?.into_iter().next().unwrap_or_default();
    Ok(SectionTallies { overall, services: service_tallies, months, channels: channel_tallies, tiers })
}

/// One SOP step of a request, timed and judged against the step's standard time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimedStep {
    /// The slot of the request's service.
    pub service: u32,
    /// The step's number.
    pub step: u32,
    /// Working seconds the step took.
    pub seconds: i64,
    /// The step's standard time, in working minutes.
    pub limit_minutes: u64,
}

/// A step's tally and its delay: the minutes past its standard time, summed over its requests.
#[derive(Debug)]
pub(crate) struct StepTally {
    /// The slot of the service.
    pub service: u32,
    /// The step's number.
    pub step: u32,
    /// Its items.
    pub tally: Tally,
    /// Working minutes past the standard time, summed.
    pub delay_minutes: f64,
}

/// Counts the timed steps per service slot and step, in order of slot and step.
pub(crate) fn step_tallies(steps: &[TimedStep]) -> PolarsResult<Vec<StepTally>> {
    let limit = |s: &TimedStep| i64::try_from(s.limit_minutes.saturating_mul(60)).unwrap_or(i64::MAX);
    let frame = DataFrame::new(vec![
        Column::new(SERVICE.into(), steps.iter().map(|s| s.service).collect::<Vec<u32>>()),
        Column::new(STEP.into(), steps.iter().map(|s| s.step).collect::<Vec<u32>>()),
        Column::new(
            OUTCOME.into(),
            steps
                .iter()
                .map(|s| outcome_code(if s.seconds <= limit(s) { Outcome::Met } else { Outcome::Breached }))
                .collect::<Vec<u32>>(),
        ),
        Column::new(MINUTES.into(), steps.iter().map(|s| s.seconds as f64 / MINUTE).collect::<Vec<f64>>()),
        Column::new(DELAY.into(), steps.iter().map(|s| (s.seconds - limit(s)).max(0)).collect::<Vec<i64>>()),
    ])?;
    let mut aggregations = tally_exprs();
    aggregations.push(col(DELAY).sum().alias(DELAY));
    let grouped = frame.lazy().group_by([col(SERVICE), col(STEP)]).agg(aggregations).collect()?;
    let delays = numbers::<Int64Type>(&grouped, DELAY)?;
    let mut out: Vec<StepTally> = numbers::<UInt32Type>(&grouped, SERVICE)?
        .into_iter()
        .zip(numbers::<UInt32Type>(&grouped, STEP)?)
        .zip(tallies(&grouped)?)
        .zip(delays)
        .map(|(((service, step), tally), delay)| StepTally {
            service,
            step,
            tally,
            delay_minutes: delay as f64 / MINUTE,
        })
        .collect();
    out.sort_by_key(|s| (s.service, s.step));
    Ok(out)
}

/// The order of the breached items: by service (`rank`: its place among the codes), most time
/// late first, then by ID, then as read. Gives their indices into `late` and `ids`.
///
/// The ID's first 16 bytes go in as two integers ahead of the ID itself, so that the sort
/// compares whole IDs only where those are equal (comparing every pair of IDs as text made
/// the SLA of 10M requests 4 s slower).
pub(crate) fn breach_order(rank: &[u32], late: &[i64], ids: &[&str]) -> PolarsResult<Vec<u32>> {
    let prefix = |id: &str, from: usize| {
        let mut eight = [0u8; 8];
        let bytes = id.as_bytes().get(from..).unwrap_or_default();
        let n = bytes.len().min(8);
        eight[..n].copy_from_slice(&bytes[..n]);
        u64::from_be_bytes(eight)
    };
    let position: Vec<u32> = (0..rank.len() as u32).collect();
    let frame = DataFrame::new(vec![
        Column::new(SERVICE.into(), rank),
        Column::new("late".into(), late),
        Column::new("head".into(), ids.iter().map(|id| prefix(id, 0)).collect::<Vec<u64>>()),
        Column::new("next".into(), ids.iter().map(|id| prefix(id, 8)).collect::<Vec<u64>>()),
        Column::new("id".into(), ids),
        Column::new("position".into(), position),
    ])?;
    let options = SortMultipleOptions::default().with_order_descending_multi([false, true, false, false, false, false]);
    let keys = [SERVICE, "late", "head", "next", "id", "position"];
    let sorted = frame.lazy().sort(keys, options).select([col("position")]).collect()?;
    numbers::<UInt32Type>(&sorted, "position")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(step: u32, minutes: i64, limit_minutes: u64) -> TimedStep {
        TimedStep { service: 0, step, seconds: minutes * 60, limit_minutes }
    }

    #[test]
    fn quantiles_interpolate_linearly_between_neighbours() {
        let p = |minutes: &[i64]| {
            let steps: Vec<TimedStep> = minutes.iter().map(|m| step(1, *m, 1000)).collect();
            let t = step_tallies(&steps).unwrap().remove(0).tally;
            (t.median_minutes, t.p90_minutes, t.max_minutes)
        };
        assert_eq!(p(&[7]), (Some(7.0), Some(7.0), Some(7.0)));
        assert_eq!(p(&[4, 1, 3, 2]).0, Some(2.5));
        assert_eq!(p(&[5, 1, 3]).0, Some(3.0));
        // (10 - 1) × 0.9 = 8.1: a tenth of the way from the 9th value to the 10th.
        let p90 = p(&[10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).1.unwrap();
        assert!((p90 - 9.1).abs() < 1e-12, "{p90}");
        assert_eq!(p(&[2, 2, 2, 9]).0, Some(2.0));
    }

    #[test]
    fn steps_are_counted_per_service_and_step_with_their_delay() {
        let steps = [step(2, 30, 20), step(1, 10, 20), step(2, 20, 20), step(2, 45, 20)];
        let t = step_tallies(&steps).unwrap();
        assert_eq!(t.iter().map(|s| s.step).collect::<Vec<_>>(), [1, 2]);
        assert_eq!((t[1].tally.total, t[1].tally.met, t[1].tally.breached), (3, 1, 2));
        assert_eq!(t[1].delay_minutes, 35.0);
        assert_eq!(t[0].delay_minutes, 0.0);
    }

    #[test]
    fn breaches_are_ordered_by_service_then_lateness_then_id() {
        let order = breach_order(&[1, 0, 0, 0, 1], &[5, 5, 9, 5, 7], &["b", "c", "z", "a", "a"]).unwrap();
        assert_eq!(order, [2, 3, 1, 4, 0]);
        // IDs alike in their first 16 bytes are told apart by the rest, shorter first.
        let long = ["REQ-2026-0000001-b", "REQ-2026-0000001-a", "REQ-2026-0000001", "REQ-2026-0000001-a"];
        assert_eq!(breach_order(&[0; 4], &[1; 4], &long).unwrap(), [2, 1, 3, 0]);
    }

    #[test]
    fn months_are_numbered_and_read_back() {
        for (y, m) in [(2026, 1), (2026, 12), (1, 1)] {
            assert_eq!(month_of(month_number(y, m)), (y, m));
        }
    }
}
