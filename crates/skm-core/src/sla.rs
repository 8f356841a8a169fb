//! Service-level semantics: when a promised time runs out, and whether it was kept.
//!
//! One place says what the standards' words mean (docs/sla.md repeats it for people):
//! - "N menit" / "N jam" (`working_minutes`, `working_hours`): N minutes or hours of office time,
//!   counted from receipt, or from the next opening when received outside office hours; breaks,
//!   nights, weekends and days off do not count.
//! - "N hari kerja" (`working_days`): the same clock time on the N-th next working day, counted
//!   from the next opening when received outside office hours; a clock time outside that day's
//!   hours is brought to its opening or closing.
//! - "Sesuai dengan permohonan" (`as_requested`): by the end (23:59:59) of the date asked for.
//! - An item completed at or before its deadline is met; completed after it, breached; still open,
//!   breached once the deadline has passed, else pending.

use jiff::civil::{Date, DateTime, Time};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::catalog::Limit;

/// Why no deadline can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    /// The calendar has no office hours ahead.
    #[error("kalender tidak punya jam kerja ke depan / the calendar has no working hours ahead")]
    NoWorkingTime,
    /// "Sesuai dengan permohonan" without the date asked for.
    #[error("tanggal permohonan (requested_for) kosong / the requested date (requested_for) is missing")]
    MissingRequestedFor,
}

/// The deadline of an item received at `received` (local time) under `limit`.
pub fn deadline(
    cal: &Calendar,
    received: DateTime,
    limit: Limit,
    requested_for: Option<Date>,
) -> Result<DateTime, SlaError> {
    let due = match limit {
        Limit::WorkingMinutes { amount, .. } => cal.add_working_seconds(received, i64::from(amount) * 60),
        Limit::WorkingHours { amount } => cal.add_working_seconds(received, i64::from(amount) * 3600),
        Limit::WorkingDays { amount } => cal.add_working_days(received, amount),
        Limit::AsRequested => {
            let date = requested_for.ok_or(SlaError::MissingRequestedFor)?;
            return Ok(date.to_datetime(Time::constant(23, 59, 59, 0)));
        }
    };
    due.ok_or(SlaError::NoWorkingTime)
}

/// Whether an item kept its promised time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Completed by the deadline.
    Met,
    /// Completed after the deadline, or still open after it.
    Breached,
    /// Still open, deadline not yet reached.
    Pending,
}

/// The judgement of one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judgement {
    /// Met, breached or pending.
    pub outcome: Outcome,
    /// Working seconds from receipt to completion (`None` while open).
    pub taken_seconds: Option<i64>,
    /// Working seconds past the deadline (to completion, or to `as_of` while open); 0 if met.
    pub late_seconds: i64,
    /// Working seconds the promise allows, from receipt to the deadline.
    pub allowed_seconds: i64,
}

/// Upper bounds, in percent of the allowed working time, of the bands of time taken; a last band
/// holds everything above 200 %.
pub const TIMING_BANDS: [u32; 6] = [25, 50, 75, 100, 150, 200];

impl Judgement {
    /// The band of [`TIMING_BANDS`] (0–6) the time taken falls in; `None` while open.
    pub fn timing_band(&self) -> Option<usize> {
        let taken = self.taken_seconds?;
        if self.allowed_seconds <= 0 {
            return Some(if taken <= 0 { 0 } else { TIMING_BANDS.len() });
        }
        // Whole percents, rounded up, so exactly on time is in the 100 % band.
        let percent = (taken.max(0) as i128 * 100 + self.allowed_seconds as i128 - 1) / self.allowed_seconds as i128;
        Some(TIMING_BANDS.iter().position(|&b| percent <= i128::from(b)).unwrap_or(TIMING_BANDS.len()))
    }
}

/// The label of a timing band: `≤ 25%`, `101–150%`, `> 200%`.
pub fn timing_band_label(band: usize) -> String {
    match band {
        0 => format!("≤ {}%", TIMING_BANDS[0]),
        b if b < TIMING_BANDS.len() => format!("{}–{}%", TIMING_BANDS[b - 1] + 1, TIMING_BANDS[b]),
        _ => format!("> {}%", TIMING_BANDS[TIMING_BANDS.len() - 1]),
    }
}

/// Judges an item against its deadline as of a moment (all local date-times).
pub fn judge(
    cal: &Calendar,
    received: DateTime,
    due: DateTime,
    completed: Option<DateTime>,
    as_of: DateTime,
) -> Judgement {
    let allowed_seconds = cal.working_seconds_between(received, due);
    match completed {
        Some(done) => Judgement {
            outcome: if done <= due { Outcome::Met } else { Outcome::Breached },
            taken_seconds: Some(cal.working_seconds_between(received, done)),
            late_seconds: cal.working_seconds_between(due, done),
            allowed_seconds,
        },
        None if as_of > due => Judgement {
            outcome: Outcome::Breached,
            taken_seconds: None,
            late_seconds: cal.working_seconds_between(due, as_of),
            allowed_seconds,
        },
        None => Judgement { outcome: Outcome::Pending, taken_seconds: None, late_seconds: 0, allowed_seconds },
    }
}

/// Indonesian number words that appear in standards, longest first.
const NUMBER_WORDS: [(&str, u32); 18] = [
    ("enam puluh", 60),
    ("tiga puluh", 30),
    ("dua puluh", 20),
    ("empat belas", 14),
    ("dua belas", 12),
    ("sebelas", 11),
    ("sepuluh", 10),
    ("sembilan", 9),
    ("delapan", 8),
    ("tujuh", 7),
    ("enam", 6),
    ("lima", 5),
    ("empat", 4),
    ("tiga", 3),
    ("dua", 2),
    ("satu", 1),
    ("sehari", 1),
    ("sejam", 1),
];

/// Reads a promised time from the standards' own words: "Maksimal 1 Jam", "1 (satu) Hari Kerja",
/// "15-30 menit", "tiga puluh hari kerja", "1 x 24 jam" (read as one working day), "Sesuai dengan
/// permohonan". `None` when the text names no amount or unit.
pub fn parse_limit(text: &str) -> Option<Limit> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    if has("sesuai") && (has("permohonan") || has("permintaan") || has("jadwal")) {
        return Some(Limit::AsRequested);
    }
    // "1 x 24 jam": so many days of 24 hours, which offices mean as working days.
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(pos) = compact.find("x24jam") {
        let days: String = compact[..pos]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Some(Limit::WorkingDays { amount: days.parse().unwrap_or(1) });
    }
    let mut numbers: Vec<u32> = words.iter().filter_map(|w| w.parse().ok()).collect();
    if numbers.is_empty() {
        let spaced = format!(" {} ", words.join(" "));
        numbers.extend(NUMBER_WORDS.iter().find(|(w, _)| spaced.contains(&format!(" {w} "))).map(|(_, n)| *n));
    }
    let amount = numbers.last().copied().filter(|n| *n > 0)?;
    // "15-30 menit", "15 sampai 30 menit": a range when two numbers come with a dash or "sampai".
    let ranged = numbers.len() >= 2 && (lower.contains('-') || lower.contains('–') || has("sampai") || has("hingga"));
    let at_least = if ranged { numbers.first().copied() } else { None };
    if has("menit") {
        Some(Limit::WorkingMinutes { amount, at_least })
    } else if has("jam") || has("sejam") {
        Some(Limit::WorkingHours { amount })
    } else if has("hari") || has("sehari") {
        Some(Limit::WorkingDays { amount })
    } else {
        None
    }
}

/// The promised time in words, as reports print it (`1 jam kerja`, `14 hari kerja`).
pub fn describe(limit: Limit) -> String {
    match limit {
        Limit::WorkingMinutes { amount, at_least: Some(low) } => format!("{low}–{amount} menit kerja"),
        Limit::WorkingMinutes { amount, at_least: None } => format!("{amount} menit kerja"),
        Limit::WorkingHours { amount } => format!("{amount} jam kerja"),
        Limit::WorkingDays { amount } => format!("{amount} hari kerja"),
        Limit::AsRequested => "sesuai permohonan".to_owned(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn time_taken_falls_in_its_band() {
        let j = |taken: i64, allowed: i64| Judgement {
            outcome: Outcome::Met,
            taken_seconds: Some(taken),
            late_seconds: 0,
            allowed_seconds: allowed,
        };
        assert_eq!(j(0, 3600).timing_band(), Some(0));
        assert_eq!(j(900, 3600).timing_band(), Some(0));
        assert_eq!(j(901, 3600).timing_band(), Some(1));
        assert_eq!(j(3600, 3600).timing_band(), Some(3), "exactly on time is within the promise");
        assert_eq!(j(3601, 3600).timing_band(), Some(4));
        assert_eq!(j(7200, 3600).timing_band(), Some(5));
        assert_eq!(j(7201, 3600).timing_band(), Some(6));
        assert_eq!(j(10, 0).timing_band(), Some(6));
        assert_eq!(Judgement { taken_seconds: None, ..j(0, 1) }.timing_band(), None);
        assert_eq!(timing_band_label(0), "≤ 25%");
        assert_eq!(timing_band_label(4), "101–150%");
        assert_eq!(timing_band_label(6), "> 200%");
    }

    use super::*;

    #[test]
    fn the_standards_words() {
        assert_eq!(parse_limit("Maksimal 1 Jam"), Some(Limit::WorkingHours { amount: 1 }));
        assert_eq!(parse_limit("1 Hari Kerja"), Some(Limit::WorkingDays { amount: 1 }));
        assert_eq!(parse_limit("1 (satu) hari kerja"), Some(Limit::WorkingDays { amount: 1 }));
        assert_eq!(parse_limit("Tiga puluh hari kerja"), Some(Limit::WorkingDays { amount: 30 }));
        assert_eq!(parse_limit("paling lama empat belas hari kerja"), Some(Limit::WorkingDays { amount: 14 }));
        assert_eq!(parse_limit("15-30 menit"), Some(Limit::WorkingMinutes { amount: 30, at_least: Some(15) }));
        assert_eq!(parse_limit("3 jam"), Some(Limit::WorkingHours { amount: 3 }));
        assert_eq!(parse_limit("1 x 24 jam"), Some(Limit::WorkingDays { amount: 1 }));
        assert_eq!(parse_limit("2x24 Jam"), Some(Limit::WorkingDays { amount: 2 }));
        assert_eq!(parse_limit("Sesuai dengan permohonan"), Some(Limit::AsRequested));
        assert_eq!(parse_limit("segera"), None);
        assert_eq!(parse_limit("5 kali"), None);
    }

    #[test]
    fn descriptions() {
        assert_eq!(describe(Limit::WorkingHours { amount: 1 }), "1 jam kerja");
        assert_eq!(describe(Limit::WorkingMinutes { amount: 30, at_least: Some(15) }), "15–30 menit kerja");
    }
}
