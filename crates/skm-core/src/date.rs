//! Reading the dates that offices' files contain: ISO, `dd/mm/yyyy` and `12 Januari 2026`.
//!
//! A timestamp keeps the calendar date its writer saw: `2026-01-12T23:30:00+07:00` is
//! 12 January. A UTC (`Z`) timestamp is moved to WIB (UTC+7), the time zone of the reference
//! offices. Slashed dates are day first, as Indonesian spreadsheets write them, unless the year
//! comes first (`2026/01/12`, as Google Forms' CSV download writes it).

use jiff::civil::{Date, DateTime};

use crate::period::MONTH_NAMES;

/// Abbreviations and older spellings of the Indonesian months, January first.
const MONTH_ALIASES: [&[&str]; 12] = [
    &["jan"],
    &["pebruari", "feb", "peb"],
    &["mar"],
    &["apr"],
    &[],
    &["jun"],
    &["jul"],
    &["agu", "agt", "ags"],
    &["sep", "sept"],
    &["okt"],
    &["nov", "nop", "nopember"],
    &["des"],
];

/// WIB, UTC+7: where a `Z` timestamp is read.
const WIB_HOURS: i8 = 7;

/// Parses a date or timestamp as the files of an office write it; `None` if it is not one.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    iso(text).or_else(|| slashed(text)).or_else(|| spelled(text))
}

/// A moment as a file writes it: an instant (with an offset), a local date-time, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A timestamp with its offset (`2026-01-12T09:30:00+07:00`, `…Z`).
    Instant(jiff::Timestamp),
    /// A date and time without an offset, read in the office's zone.
    Local(jiff::civil::DateTime),
    /// A date alone.
    Date(Date),
}

/// Parses a moment: RFC 3339 with offset, or a date (any form [`parse_date`] reads) followed by an
/// optional `HH:MM[:SS]` or `HH.MM` time.
pub fn parse_moment(text: &str) -> Option<Moment> {
    let text = text.trim();
    let b = text.as_bytes();
    let iso = b.len() >= 10 && b[4] == b'-' && b[7] == b'-';
    if iso && text.len() > 10 {
        if let Ok(ts) = text.parse::<jiff::Timestamp>() {
            return Some(Moment::Instant(ts));
        }
        if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
            return Some(Moment::Local(dt));
        }
    }
    let date = parse_date(text)?;
    // A time after the date: the first token that looks like HH:MM or HH.MM.
    let time = text.split_whitespace().skip(1).find_map(|w| {
        let mut parts = w.split([':', '.']);
        let h: i8 = parts.next()?.parse().ok()?;
        let m: i8 = parts.next()?.parse().ok()?;
        let s: i8 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        jiff::civil::Time::new(h, m, s, 0).ok()
    });
    Some(match time {
        Some(t) if !iso || text.len() > 10 => Moment::Local(date.to_datetime(t)),
        _ => Moment::Date(date),
    })
}

/// Days since 1970-01-01, the representation of a date in a table.
pub fn epoch_days(date: Date) -> i32 {
    // Whole days of 86 400 s (civil dates have no leap seconds); a duration, not a calendar span,
    // which is many times quicker to compute.
    (date.duration_since(jiff::civil::date(1970, 1, 1)).as_secs().div_euclid(86_400)) as i32
}

/// The date `days` days after 1970-01-01.
pub fn from_epoch_days(days: i32) -> Option<Date> {
    jiff::civil::date(1970, 1, 1).checked_add(jiff::Span::new().days(days)).ok()
}

fn iso(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let looks_iso = b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit);
    if !looks_iso {
        return None;
    }
    if text.ends_with(['Z', 'z']) {
        let ts: jiff::Timestamp = text.parse().ok()?;
        return Some(ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(WIB_HOURS))).date());
    }
    if let Some(date) = plain_iso(b) {
        return Some(date);
    }
    text.parse::<jiff::civil::DateTime>().ok().map(|dt| dt.date()).or_else(|| text.parse::<Date>().ok())
}

/// The date of the two forms nearly every file writes, `2026-05-06T08:52:00` and
/// `2026-05-06T08:52:00+07:00`, read digit by digit; `None` for anything else (which the full
/// parser then reads), so that it only ever gives what the full parser gives.
fn plain_iso(b: &[u8]) -> Option<Date> {
    plain_parts(b).map(|(at, _)| at.date())
}

/// The date-time and the offset (hours, minutes; `None` without one) of the two plain forms.
fn plain_parts(b: &[u8]) -> Option<(DateTime, Option<(i16, i16)>)> {
    let shape: &[u8] = match b.len() {
        19 => b"dddd-dd-ddTdd:dd:dd",
        25 => b"dddd-dd-ddTdd:dd:dd+dd:dd",
        _ => return None,
    };
    let fits = b.iter().zip(shape).all(|(c, s)| if *s == b'd' { c.is_ascii_digit() } else { c == s });
    if !fits {
        return None;
    }
    let n = |at: usize, len: usize| b[at..at + len].iter().fold(0i16, |n, c| n * 10 + i16::from(c - b'0'));
    let (hour, minute, second) = (n(11, 2), n(14, 2), n(17, 2));
    let offset = (b.len() == 25).then(|| (n(20, 2), n(23, 2)));
    let offset_ok = offset.is_none_or(|(h, m)| h <= 14 && m <= 59);
    if hour > 23 || minute > 59 || second > 59 || !offset_ok {
        return None;
    }
    let small = |v: i16| i8::try_from(v).ok();
    let date = Date::new(n(0, 4), small(n(5, 2))?, small(n(8, 2))?).ok()?;
    let time = jiff::civil::Time::new(small(hour)?, small(minute)?, small(second)?, 0).ok()?;
    Some((date.to_datetime(time), offset))
}

/// The local date-time of the two plain forms read digit by digit: `2026-05-06T08:52:00` as
/// written, and `2026-05-06T08:52:00+07:00` when the offset is the office's `zone_hours` (so the
/// time written is the local one). `None` for anything else, which [`parse_moment`] reads; it
/// only ever gives what that gives, turned into the office's local time.
pub fn plain_local(text: &str, zone_hours: i8) -> Option<DateTime> {
    match plain_parts(text.as_bytes())? {
        (at, None) => Some(at),
        (at, Some((hours, 0))) if hours == i16::from(zone_hours) => Some(at),
        _ => None,
    }
}

fn slashed(text: &str) -> Option<Date> {
    let first = text.split_whitespace().next()?;
    let parts: Vec<&str> = first.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    let number = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    let (year, month, day) = if parts[0].len() == 4 { (a, b, c) } else { (c, b, a) };
    if parts[0].len() != 4 && parts[2].len() != 4 {
        return None;
    }
    civil(year, month, day)
}

fn spelled(text: &str) -> Option<Date> {
    // "Senin, 12 Januari 2026 09.30" → drop the weekday before a comma.
    let text = text.split_once(',').map_or(text, |(_, rest)| rest);
    let mut words = text.split_whitespace();
    let day: i32 = words.next()?.parse().ok()?;
    let month = month_number(words.next()?)?;
    let year: i32 = words.next()?.parse().ok()?;
    civil(year, month, day)
}

fn month_number(word: &str) -> Option<i32> {
    let word = word.trim_end_matches('.').to_lowercase();
    let position = MONTH_NAMES.iter().zip(MONTH_ALIASES).position(|(name, aliases)| {
        let en = name.en.to_lowercase();
        name.id.to_lowercase() == word
            || en == word
            || aliases.contains(&word.as_str())
            || (word.len() == 3 && en.starts_with(&word))
    })?;
    i32::try_from(position + 1).ok()
}

fn civil(year: i32, month: i32, day: i32) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_quick_iso_form_gives_what_the_full_parser_gives() {
        let full = |t: &str| t.parse::<jiff::civil::DateTime>().ok().map(|dt| dt.date());
        let mut texts = vec![
            "2026-05-06T08:52:00+07:00".to_owned(),
            "2026-05-06T08:52:00".to_owned(),
            "2026-02-29T08:52:00+07:00".to_owned(),
            "2024-02-29T23:59:59-05:30".to_owned(),
            "2026-13-01T00:00:00".to_owned(),
            "2026-04-31T00:00:00".to_owned(),
            "2026-05-06T24:00:00".to_owned(),
            "2026-05-06T08:60:00".to_owned(),
            "2026-05-06T08:52:60".to_owned(),
            "2026-05-06T08:52:00+25:00".to_owned(),
            "2026-05-06T08:52:00+07:60".to_owned(),
            "0000-01-01T00:00:00".to_owned(),
            "2026-05-06 08:52:00+07:00".to_owned(),
        ];
        // Every two-digit field through its edges.
        for v in [0, 1, 9, 12, 13, 23, 24, 28, 29, 30, 31, 32, 59, 60, 99] {
            texts.push(format!("2026-{v:02}-15T10:20:30+07:00"));
            texts.push(format!("2026-02-{v:02}T10:20:30"));
            texts.push(format!("2026-03-10T{v:02}:20:30+07:00"));
            texts.push(format!("2026-03-10T10:{v:02}:30"));
            texts.push(format!("2026-03-10T10:20:{v:02}+07:00"));
            texts.push(format!("2026-03-10T10:20:30+{v:02}:00"));
            texts.push(format!("2026-03-10T10:20:30+07:{v:02}"));
        }
        for text in &texts {
            if let Some(quick) = plain_iso(text.as_bytes()) {
                assert_eq!(Some(quick), full(text), "{text}");
            }
            assert_eq!(iso(text), full(text).or_else(|| text.parse::<Date>().ok()), "{text}");
        }
        assert!(plain_iso(b"2026-05-06T08:52:00+07:00").is_some());
        // The local moment too, as parse_moment and the zone give it.
        let zone = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
        for text in &texts {
            let full = match parse_moment(text) {
                Some(Moment::Instant(ts)) => Some(ts.to_zoned_datetime(zone.clone()).datetime()),
                Some(Moment::Local(at)) => Some(at),
                _ => None,
            };
            if let Some(quick) = plain_local(text, 7) {
                assert_eq!(Some(quick), full, "{text}");
            }
        }
        assert!(plain_local("2026-05-06T08:52:00+07:00", 7).is_some());
        assert_eq!(plain_local("2026-05-06T08:52:00+08:00", 7), None);
    }

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(parse_date("2026-01-12"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("2026-01-12T23:30:00+07:00"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("2026-01-12 09:30:00"), Some(date(2026, 1, 12)));
        // 20:30 UTC is 03:30 the next morning in WIB.
        assert_eq!(parse_date("2026-01-12T20:30:00Z"), Some(date(2026, 1, 13)));
    }

    #[test]
    fn day_first_and_year_first_slashes() {
        assert_eq!(parse_date("12/01/2026"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("12/01/2026 9:30:15"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("2/3/2026"), Some(date(2026, 3, 2)));
        assert_eq!(parse_date("12-01-2026"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("2026/01/12 9:30:15 AM GMT+7"), Some(date(2026, 1, 12)));
    }

    #[test]
    fn spelled_months() {
        assert_eq!(parse_date("12 Januari 2026"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("Senin, 12 Januari 2026"), Some(date(2026, 1, 12)));
        assert_eq!(parse_date("1 Agt 2026"), Some(date(2026, 8, 1)));
        assert_eq!(parse_date("17 Agustus 2026 08.00"), Some(date(2026, 8, 17)));
        assert_eq!(parse_date("3 March 2026"), Some(date(2026, 3, 3)));
    }

    #[test]
    fn broken_dates_are_refused() {
        for bad in ["", "31/02/2026", "2026-13-01", "12 Brumaire 2026", "kemarin", "12/01/26", "1/2/3/2026"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn moments() {
        let local = |y, m, d, h, min| Some(Moment::Local(date(y, m, d).at(h, min, 0, 0)));
        assert!(matches!(parse_moment("2026-01-12T09:30:00+07:00"), Some(Moment::Instant(_))));
        assert!(matches!(parse_moment("2026-01-12T02:30:00Z"), Some(Moment::Instant(_))));
        assert_eq!(parse_moment("2026-01-12 09:30"), local(2026, 1, 12, 9, 30));
        assert_eq!(parse_moment("12/01/2026 09.30"), local(2026, 1, 12, 9, 30));
        assert_eq!(parse_moment("12 Januari 2026 14:05"), local(2026, 1, 12, 14, 5));
        assert_eq!(parse_moment("2026-01-12"), Some(Moment::Date(date(2026, 1, 12))));
        assert_eq!(parse_moment("12/01/2026"), Some(Moment::Date(date(2026, 1, 12))));
        assert_eq!(parse_moment("12/01/2026 25:00"), Some(Moment::Date(date(2026, 1, 12))));
        assert_eq!(parse_moment("besok"), None);
    }

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(epoch_days(date(1970, 1, 2)), 1);
        assert_eq!(from_epoch_days(epoch_days(date(2026, 1, 12))), Some(date(2026, 1, 12)));
    }
}
