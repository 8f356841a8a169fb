//! Working-time arithmetic: add working seconds, add working days, working time between two
//! local date-times. Time outside office hours (nights, breaks, weekends, days off) does not count.

use jiff::civil::{Date, DateTime, Time};

use super::Calendar;

/// How far ahead a search for office hours goes before giving up (a calendar with no working
/// day for this long is broken).
pub const SEARCH_DAYS: u32 = 3 * 366;

fn seconds_of_day(t: DateTime) -> i64 {
    i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second())
}

fn at(date: Date, seconds: i64) -> Option<DateTime> {
    if seconds >= 24 * 3600 {
        return date.tomorrow().ok().map(|d| d.to_datetime(Time::midnight()));
    }
    let time = Time::new(
        i8::try_from(seconds / 3600).ok()?,
        i8::try_from(seconds / 60 % 60).ok()?,
        i8::try_from(seconds % 60).ok()?,
        0,
    )
    .ok()?;
    Some(date.to_datetime(time))
}

impl Calendar {
    /// The moment `seconds` of working time after `start`; with 0, the next opening (or `start`
    /// itself inside office hours). `None` if the calendar has no working time ahead.
    pub fn add_working_seconds(&self, start: DateTime, seconds: i64) -> Option<DateTime> {
        let mut remaining = seconds.max(0);
        let mut day = start.date();
        let mut from = seconds_of_day(start);
        for _ in 0..SEARCH_DAYS {
            for h in self.hours_on(day) {
                let (open, close) = (i64::from(h.start) * 60, i64::from(h.end) * 60);
                if close <= from {
                    continue;
                }
                let begin = open.max(from);
                if remaining <= close - begin {
                    return at(day, begin + remaining);
                }
                remaining -= close - begin;
            }
            day = day.tomorrow().ok()?;
            from = 0;
        }
        None
    }

    /// The first moment at or after `start` inside office hours.
    pub fn next_opening(&self, start: DateTime) -> Option<DateTime> {
        self.add_working_seconds(start, 0)
    }

    /// The same clock time on the `days`-th working day after `start`, counting from the next
    /// opening when `start` is outside office hours. A clock time outside that day's hours is
    /// brought to its opening or closing.
    pub fn add_working_days(&self, start: DateTime, days: u32) -> Option<DateTime> {
        let opened = self.next_opening(start)?;
        let mut day = opened.date();
        let mut counted = 0;
        let mut searched = 0;
        while counted < days {
            day = day.tomorrow().ok()?;
            searched += 1;
            if searched > SEARCH_DAYS + days {
                return None;
            }
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        let hours = self.hours_on(day);
        let (first, last) = (hours.first()?, hours.last()?);
        let clock = seconds_of_day(opened).clamp(i64::from(first.start) * 60, i64::from(last.end) * 60);
        at(day, clock)
    }

    /// Working seconds between two local date-times (0 when `end` is not after `start`).
    pub fn working_seconds_between(&self, start: DateTime, end: DateTime) -> i64 {
        if end <= start {
            return 0;
        }
        let mut total = 0;
        let mut day = start.date();
        loop {
            let from = if day == start.date() { seconds_of_day(start) } else { 0 };
            let to = if day == end.date() { seconds_of_day(end) } else { 24 * 3600 };
            for h in self.hours_on(day) {
                let (open, close) = (i64::from(h.start) * 60, i64::from(h.end) * 60);
                total += (close.min(to) - open.max(from)).max(0);
            }
            if day >= end.date() {
                return total;
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => return total,
            }
        }
    }
}
