//! Working time of many items at once. The office hours of the days the items need are laid
//! out as polars tables: a row per day (the working time before it, its ranges of hours) and one
//! sorted table of all ranges. The working time up to a moment is a gather of its day's row and
//! column arithmetic; the next opening, the deadline after so much working time and the day so
//! many working days on are `search_sorted` lookups; none walks the calendar per item.
//!
//! It gives what the core's rules (`skm_core::sla::deadline` and `judge`) give one item at a
//! time; the tests compare the two on random moments, limits and calendars.

use std::collections::HashMap;

use jiff::civil::{Date, DateTime, Time};
use polars::prelude::*;
use skm_core::calendar::{Calendar, SEARCH_DAYS};
use skm_core::catalog::Limit;
use skm_core::date::{epoch_days, from_epoch_days};
use skm_core::sla::{Judgement, Outcome};

/// Seconds in a day.
const DAY: i64 = 86_400;

/// A local date-time as seconds since 1970-01-01T00:00 (civil time, no zone).
pub fn seconds_of(t: DateTime) -> i64 {
    i64::from(epoch_days(t.date())) * DAY
        + i64::from(t.hour()) * 3600
        + i64::from(t.minute()) * 60
        + i64::from(t.second())
}

/// What an item's promise asks, in the terms the lookups take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Promise {
    /// So many seconds of working time.
    Seconds(i64),
    /// So many working days.
    Days(u32),
    /// A deadline already known (by the end of the date asked for).
    Due(DateTime),
}

impl Promise {
    /// The promise of a limit counted in working time or days; `None` for "as requested", whose
    /// deadline is the date asked for (`skm_core::sla::deadline`).
    pub fn of_limit(limit: Limit) -> Option<Promise> {
        match (limit.working_minutes(), limit.working_days()) {
            (Some(minutes), _) => Some(Promise::Seconds(i64::try_from(minutes).unwrap_or(i64::MAX / 4) * 60)),
            (None, Some(days)) => Some(Promise::Days(days)),
            (None, None) => None,
        }
    }
}

/// One item to judge: received, promised, completed (local date-times).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToJudge {
    /// Received.
    pub received: DateTime,
    /// What was promised.
    pub promise: Promise,
    /// Completed, if it was.
    pub completed: Option<DateTime>,
}

/// Column names of the frames.
const OPEN: &str = "open";
const CLOSE: &str = "close";
const BEFORE: &str = "before";
const AFTER: &str = "after";
const RANGE_DAY: &str = "range_day";
const WORKING_DAY: &str = "working_day";
const FIRST_OPEN: &str = "first_open";
const LAST_CLOSE: &str = "last_close";
const DAY_BEFORE: &str = "day_before";

/// The office hours of some spans of days, as sorted ranges and as a row per day; between two
/// spans, the working time of the days left out is counted into the ranges and days after them.
struct Table {
    /// Per range: `open`, `close` (seconds since 1970), `before` (working seconds before it),
    /// `after` (before it closes) and `range_day` (its day); an empty range where a span starts.
    ranges: DataFrame,
    /// Per working day: `working_day`, `first_open` and `last_close` (seconds of the day).
    days: DataFrame,
    /// Per day of the spans, in order: `day_before` (working seconds before the day) and the
    /// opening and length of each of its ranges (`open_1`, `length_1`, …; 0 for none).
    day_rows: DataFrame,
    /// Where each span starts (days since 1970) and its first row of `day_rows`.
    span_rows: Vec<(i32, IdxSize)>,
    /// The most ranges a day has.
    most: usize,
}

/// Column names of a day's ranges.
fn range_columns(k: usize) -> (String, String) {
    (format!("open_{k}"), format!("length_{k}"))
}

impl Table {
    /// The table of the days in `spans` (sorted, disjoint, inclusive, as days since 1970).
    fn of(cal: &Calendar, spans: &[(i32, i32)]) -> PolarsResult<Table> {
        let (mut open, mut close, mut before, mut range_day) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut working_day, mut first_open, mut last_close) = (Vec::new(), Vec::new(), Vec::new());
        let most = cal.hours.iter().map(Vec::len).max().unwrap_or(0);
        let (mut day_before, mut day_ranges) = (Vec::new(), vec![(Vec::new(), Vec::new()); most]);
        let mut span_rows = Vec::with_capacity(spans.len());
        let mut worked = 0i64;
        let day_total = |date: Date| cal.hours_on(date).iter().map(|h| i64::from(h.end - h.start) * 60).sum::<i64>();
        let mut previous_end: Option<i32> = None;
        for &(start, end) in spans {
            if let Some(gap_start) = previous_end.map(|e| e + 1).filter(|g| *g < start) {
                worked += days(gap_start, start - 1).map(day_total).sum::<i64>();
            }
            span_rows.push((start, day_before.len() as IdxSize));
            // An empty range where each span starts: a moment of the span before its first
            // opening finds this one, with the working time of the days left out before it.
            open.push(i64::from(start) * DAY);
            close.push(i64::from(start) * DAY);
            before.push(worked);
            range_day.push(start);
            for (day, date) in (start..=end).zip(days(start, end)) {
                let hours = cal.hours_on(date);
                day_before.push(worked);
                for (k, (opens, lengths)) in day_ranges.iter_mut().enumerate() {
                    let h = hours.get(k);
                    opens.push(h.map_or(0, |h| i64::from(h.start) * 60));
                    lengths.push(h.map_or(0, |h| i64::from(h.end - h.start) * 60));
                }
                for h in hours {
                    let at = i64::from(day) * DAY;
                    open.push(at + i64::from(h.start) * 60);
                    close.push(at + i64::from(h.end) * 60);
                    before.push(worked);
                    range_day.push(day);
                    worked += i64::from(h.end - h.start) * 60;
                }
                if let (Some(first), Some(last)) = (hours.first(), hours.last()) {
                    working_day.push(day);
                    first_open.push(i64::from(first.start) * 60);
                    last_close.push(i64::from(last.end) * 60);
                }
            }
            previous_end = Some(end);
        }
        let ranges = df![OPEN => open, CLOSE => close, BEFORE => before, RANGE_DAY => range_day]?
            .lazy()
            .with_column((col(BEFORE) + col(CLOSE) - col(OPEN)).alias(AFTER))
            .collect()?;
        let days = df![WORKING_DAY => working_day, FIRST_OPEN => first_open, LAST_CLOSE => last_close]?;
        let mut columns = vec![Column::new(DAY_BEFORE.into(), day_before)];
        for (k, (opens, lengths)) in day_ranges.into_iter().enumerate() {
            let (open_k, length_k) = range_columns(k);
            columns.push(Column::new(open_k.into(), opens));
            columns.push(Column::new(length_k.into(), lengths));
        }
        Ok(Table { ranges, days, day_rows: DataFrame::new(columns)?, span_rows, most })
    }

    /// A column of the ranges.
    fn range(&self, name: &str) -> PolarsResult<&Series> {
        Ok(self.ranges.column(name)?.as_materialized_series())
    }

    /// Working seconds from the table's start to each moment (seconds since 1970): the working
    /// time before its day, and of each of the day's ranges as far as the moment.
    fn worked(&self, moments: &[i64]) -> PolarsResult<Vec<i64>> {
        let rows: IdxCa = moments
            .iter()
            .map(|&t| {
                let day = i32::try_from(t.div_euclid(DAY)).ok()?;
                let span = self.span_rows.partition_point(|(start, _)| *start <= day).checked_sub(1)?;
                let (start, first_row) = self.span_rows.get(span)?;
                IdxSize::try_from(day - start).ok().map(|n| first_row + n)
            })
            .collect();
        let clock = Column::new("clock".into(), moments.iter().map(|t| t.rem_euclid(DAY)).collect::<Vec<_>>());
        let found = self.day_rows.take(&rows)?.hstack(&[clock])?;
        let worked = (0..self.most).fold(col(DAY_BEFORE), |sum, k| {
            let (open_k, length_k) = range_columns(k);
            let into = col("clock") - col(&open_k);
            sum + when(into.clone().lt_eq(lit(0i64)))
                .then(lit(0i64))
                .when(into.clone().gt_eq(col(&length_k)))
                .then(col(&length_k))
                .otherwise(into)
        });
        let worked = found.lazy().select([worked.alias("worked")]).collect()?;
        // A moment outside the spans (none is) would count no working time.
        Ok(worked.column("worked")?.i64()?.into_iter().map(Option::unwrap_or_default).collect())
    }
}

/// The dates from `start` to `end` (days since 1970, inclusive) in order; stops early at the
/// end of the calendar's range of dates.
fn days(start: i32, end: i32) -> impl Iterator<Item = Date> {
    let first = from_epoch_days(start);
    let count = usize::try_from(end - start + 1).unwrap_or(0);
    std::iter::successors(first, |d| d.tomorrow().ok()).take(count)
}

/// The spans of days the table must hold: from each day an item arrived, as far as a deadline
/// can reach; and each day of another moment looked up (completions, the moment of judging,
/// deadlines asked for). Sorted, disjoint, within the dates the calendar can name.
fn spans(items: &[ToJudge], as_of: DateTime) -> Vec<(i32, i32)> {
    let most_days = items.iter().filter_map(|i| if let Promise::Days(n) = i.promise { Some(n) } else { None }).max();
    // A deadline is at most a search for the next opening, then the working days, away.
    let reach = i32::try_from(2 * u64::from(SEARCH_DAYS) + u64::from(most_days.unwrap_or(0)) + 2).unwrap_or(i32::MAX);
    let day = |t: DateTime| epoch_days(t.date());
    let received = items.iter().map(|i| day(i.received)).collect();
    let others = items
        .iter()
        .flat_map(|i| {
            let due = if let Promise::Due(due) = i.promise { Some(due) } else { None };
            i.completed.into_iter().chain(due).map(day)
        })
        .chain([day(as_of)])
        .collect();
    merged_spans(received, reach, others)
}

/// The days from each of `reaching` to `reach` days after it, and each of `points`, as sorted,
/// disjoint spans within the dates the calendar can name.
fn merged_spans(reaching: Vec<i32>, reach: i32, points: Vec<i32>) -> Vec<(i32, i32)> {
    let (lowest, highest) = (epoch_days(Date::MIN), epoch_days(Date::MAX));
    let distinct = |mut days: Vec<i32>| {
        days.sort_unstable();
        days.dedup();
        days
    };
    let mut wanted: Vec<(i32, i32)> = distinct(reaching).iter().map(|&d| (d, d.saturating_add(reach))).collect();
    wanted.extend(distinct(points).iter().map(|&d| (d, d)));
    wanted.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for (start, end) in wanted {
        let (start, end) = (start.max(lowest), end.min(highest));
        match merged.last_mut() {
            Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The working seconds between each pair of moments (0 when the second is not after the first),
/// as `Calendar::working_seconds_between` gives them one pair at a time.
pub fn working_between(cal: &Calendar, pairs: &[(DateTime, DateTime)]) -> PolarsResult<Vec<i64>> {
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let days = pairs.iter().flat_map(|(a, b)| [epoch_days(a.date()), epoch_days(b.date())]).collect();
    let table = Table::of(cal, &merged_spans(Vec::new(), 0, days))?;
    let starts = table.worked(&pairs.iter().map(|(a, _)| seconds_of(*a)).collect::<Vec<_>>())?;
    let ends = table.worked(&pairs.iter().map(|(_, b)| seconds_of(*b)).collect::<Vec<_>>())?;
    Ok(starts.iter().zip(&ends).map(|(a, b)| (b - a).max(0)).collect())
}

/// Judges the items as of a moment: each one's deadline and judgement, or `None` where the
/// calendar has no working time to give a deadline (as `skm_core::sla::deadline` refuses it).
pub fn judge_all(
    cal: &Calendar,
    items: &[ToJudge],
    as_of: DateTime,
) -> PolarsResult<Vec<Option<(DateTime, Judgement)>>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let table = Table::of(cal, &spans(items, as_of))?;
    let received: Vec<i64> = items.iter().map(|i| seconds_of(i.received)).collect();
    let worked_received = table.worked(&received)?;
    let due = deadlines(&table, items, &received, &worked_received)?;
    // The lookups need a moment on every row: a receipt stands in for a missing completion or
    // deadline.
    let completed: Vec<Option<i64>> = items.iter().map(|i| i.completed.map(seconds_of)).collect();
    let or_received =
        |moments: &[Option<i64>]| -> Vec<i64> { moments.iter().zip(&received).map(|(m, r)| m.unwrap_or(*r)).collect() };
    let worked_due = table.worked(&or_received(&due))?;
    let worked_done = table.worked(&or_received(&completed))?;
    let as_of_seconds = seconds_of(as_of);
    let worked_as_of = table.worked(&[as_of_seconds])?.first().copied().unwrap_or(0);
    // Working time between two moments: none when the second is not after the first.
    let between = |from: i64, to: i64| (to - from).max(0);
    let mut dates = Dates::default();
    Ok((0..items.len())
        .map(|i| {
            let due_seconds = due.get(i).copied().flatten()?;
            let (w_received, w_due, w_done) = (worked_received[i], worked_due[i], worked_done[i]);
            let allowed_seconds = between(w_received, w_due);
            let judgement = match completed.get(i).copied().flatten() {
                Some(done) => Judgement {
                    outcome: if done <= due_seconds { Outcome::Met } else { Outcome::Breached },
                    taken_seconds: Some(between(w_received, w_done)),
                    late_seconds: between(w_due, w_done),
                    allowed_seconds,
                },
                None if as_of_seconds > due_seconds => Judgement {
                    outcome: Outcome::Breached,
                    taken_seconds: None,
                    late_seconds: between(w_due, worked_as_of),
                    allowed_seconds,
                },
                None => Judgement { outcome: Outcome::Pending, taken_seconds: None, late_seconds: 0, allowed_seconds },
            };
            Some((dates.local(due_seconds)?, judgement))
        })
        .collect())
}

/// Local date-times from seconds since 1970, each day's date made once.
#[derive(Default)]
struct Dates(HashMap<i64, Option<Date>>);

impl Dates {
    fn local(&mut self, seconds: i64) -> Option<DateTime> {
        let (day, time) = (seconds.div_euclid(DAY), seconds.rem_euclid(DAY));
        let date = (*self.0.entry(day).or_insert_with(|| i32::try_from(day).ok().and_then(from_epoch_days)))?;
        let time = Time::new((time / 3600) as i8, (time / 60 % 60) as i8, (time % 60) as i8, 0).ok()?;
        Some(date.to_datetime(time))
    }
}

/// Each item's deadline in seconds since 1970, `None` where the calendar gives none.
fn deadlines(
    table: &Table,
    items: &[ToJudge],
    received: &[i64],
    worked_received: &[i64],
) -> PolarsResult<Vec<Option<i64>>> {
    let moments = &Series::new("received".into(), received);
    let ranges = &table.ranges;
    let column = |frame: &DataFrame, name: &str| -> PolarsResult<Vec<Option<i64>>> {
        Ok(frame.column(name)?.cast(&DataType::Int64)?.i64()?.into_iter().collect())
    };
    // Whether a deadline on `day` is within `search` days of the receipt of item `i`.
    let within =
        |day: Option<i64>, i: usize, search: i64| day.is_some_and(|d| d - received[i].div_euclid(DAY) < search);

    // The next opening: the first range that closes after the moment.
    let next = search_sorted(table.range(CLOSE)?, moments, SearchSortedSide::Right, false)?;
    let next = ranges.select([OPEN, RANGE_DAY])?.take(&in_bounds(&next, ranges.height()))?;
    let (next_open, next_day) = (column(&next, OPEN)?, column(&next, RANGE_DAY)?);
    let opened: Vec<Option<i64>> = (0..items.len())
        .map(|i| {
            let open = next_open[i]?;
            within(next_day[i], i, i64::from(SEARCH_DAYS)).then_some(open.max(received[i]))
        })
        .collect();

    // After so much working time: the first range whose end reaches the working time wanted.
    let seconds: Vec<i64> =
        items.iter().map(|i| if let Promise::Seconds(s) = i.promise { s.max(0) } else { 0 }).collect();
    let target: Vec<i64> = worked_received.iter().zip(&seconds).map(|(w, s)| w + s).collect();
    let target = Series::new("target".into(), target);
    let reach = search_sorted(table.range(AFTER)?, &target, SearchSortedSide::Left, false)?;
    let reach = ranges.select([OPEN, BEFORE, RANGE_DAY])?.take(&in_bounds(&reach, ranges.height()))?;
    let (reach_open, reach_before) = (column(&reach, OPEN)?, column(&reach, BEFORE)?);
    let reach_day = column(&reach, RANGE_DAY)?;
    let target = target.i64()?;

    // After so many working days: the day that many working days after the opening's.
    let opened_day: Vec<Option<i32>> = opened.iter().map(|o| o.map(|o| o.div_euclid(DAY) as i32)).collect();
    let working_days = table.days.column(WORKING_DAY)?.as_materialized_series();
    let place = search_sorted(working_days, &Series::new("d".into(), &opened_day), SearchSortedSide::Left, false)?;
    let ahead: IdxCa = place
        .into_iter()
        .zip(items)
        .map(|(p, item)| match item.promise {
            Promise::Days(n) => p.and_then(|p| p.checked_add(n)),
            _ => None,
        })
        .collect();
    let on = table.days.take(&in_bounds(&ahead, table.days.height()))?;
    let (on_day, on_first, on_last) = (column(&on, WORKING_DAY)?, column(&on, FIRST_OPEN)?, column(&on, LAST_CLOSE)?);

    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| match item.promise {
            Promise::Due(due) => Some(seconds_of(due)),
            Promise::Seconds(0) => opened[i],
            Promise::Seconds(_) => {
                let open = reach_open[i]?;
                within(reach_day[i], i, i64::from(SEARCH_DAYS)).then_some(open + target.get(i)? - reach_before[i]?)
            }
            Promise::Days(n) => {
                let opened = opened[i]?;
                let from = opened.div_euclid(DAY);
                let day = on_day[i]?;
                let clock = (opened - from * DAY).clamp(on_first[i]?, on_last[i]?);
                (day - from <= i64::from(SEARCH_DAYS) + i64::from(n)).then_some(day * DAY + clock)
            }
        })
        .collect())
}

/// Positions past the end (a search that found nothing) as missing.
fn in_bounds(at: &IdxCa, height: usize) -> IdxCa {
    at.into_iter().map(|i| i.filter(|&i| (i as usize) < height)).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
