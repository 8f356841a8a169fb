//! An office's working calendar: its time zone, its service hours per weekday (several ranges a
//! day, breaks excluded), the national holidays and cuti bersama, and its own days off; and
//! working-time arithmetic on it.
//!
//! All arithmetic is on civil date-times in the office's zone (WIB, WITA or WIT have no daylight
//! saving, so a fixed offset is exact). A calendar is read from TOML (`data/calendars/`).

mod arith;
pub use arith::SEARCH_DAYS;
pub mod holidays;

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime, Weekday};
use serde::Deserialize;

pub use holidays::{DayOff, DayOffKind};

/// The default calendar (Perpres 21/2023 hours, WIB, national holidays).
const DEFAULT: &str = include_str!("../../../../data/calendars/default.toml");

/// An Indonesian time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
pub enum Zone {
    /// Waktu Indonesia Barat, UTC+7 (Purbalingga, Ketapang).
    #[serde(rename = "WIB")]
    Wib,
    /// Waktu Indonesia Tengah, UTC+8.
    #[serde(rename = "WITA")]
    Wita,
    /// Waktu Indonesia Timur, UTC+9.
    #[serde(rename = "WIT")]
    Wit,
}

impl Zone {
    /// Hours ahead of UTC.
    pub fn offset_hours(self) -> i8 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }

    /// The zone as jiff's fixed-offset time zone.
    pub fn time_zone(self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::fixed(jiff::tz::offset(self.offset_hours()))
    }

    /// `WIB`, `WITA` or `WIT`.
    pub fn name(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }
}

/// A range of office hours within a day, in minutes after midnight, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    /// Opening, minutes after midnight.
    pub start: u16,
    /// Closing, minutes after midnight (at most 24 × 60).
    pub end: u16,
}

/// Why a calendar file is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// Not valid TOML, or an unknown field.
    #[error("{file}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// The parser's message (with line and column).
        message: String,
    },
    /// A range of hours that cannot be read.
    #[error("{file}: jam '{text}' pada {day} tidak sah (contoh 07:30-12:00) / invalid hours '{text}' on {day} (e.g. 07:30-12:00)")]
    Hours {
        /// The file.
        file: String,
        /// The weekday.
        day: String,
        /// The text.
        text: String,
    },
    /// No working time at all in a week.
    #[error("{file}: tidak ada jam kerja sama sekali / no working hours at all")]
    NoHours {
        /// The file.
        file: String,
    },
}

/// An office's working calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Its name, for reports.
    pub name: String,
    /// Its time zone.
    pub zone: Zone,
    /// Office hours per weekday, Monday first; sorted, not overlapping.
    pub hours: [Vec<Hours>; 7],
    /// Days off: the national holidays and cuti bersama (if kept) and the office's own.
    pub days_off: BTreeMap<Date, DayOff>,
}

/// A calendar document as written (`data/calendars/*.toml`, or a unit's `[calendar]` table).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    name: String,
    #[serde(default = "wib")]
    zone: Zone,
    #[serde(default = "yes")]
    national_holidays: bool,
    hours: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    day_off: Vec<holidays::DayOffEntry>,
}

fn wib() -> Zone {
    Zone::Wib
}

fn yes() -> bool {
    true
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

fn parse_hours(text: &str) -> Option<Hours> {
    let minutes = |t: &str| -> Option<u16> {
        let (h, m) = t.trim().split_once([':', '.'])?;
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then(|| h * 60 + m)
    };
    let (a, b) = text.split_once(['-', '–'])?;
    let (start, end) = (minutes(a)?, minutes(b)?);
    (start < end).then_some(Hours { start, end })
}

impl Calendar {
    /// Reads a calendar file.
    pub fn from_toml(file: &str, text: &str) -> Result<Calendar, CalendarError> {
        let parsed: CalendarFile = toml::from_str(text)
            .map_err(|e| CalendarError::Syntax { file: file.to_owned(), message: e.to_string() })?;
        Calendar::from_file(file, &parsed)
    }

    /// Checks a parsed calendar document; `file` names it in messages.
    pub fn from_file(file: &str, parsed: &CalendarFile) -> Result<Calendar, CalendarError> {
        let mut hours: [Vec<Hours>; 7] = Default::default();
        for (day, ranges) in &parsed.hours {
            let index =
                WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(day)).ok_or_else(|| CalendarError::Syntax {
                    file: file.to_owned(),
                    message: format!("hari '{day}' tidak dikenal / unknown day '{day}' (monday … sunday)"),
                })?;
            for text in ranges {
                let h = parse_hours(text).ok_or_else(|| CalendarError::Hours {
                    file: file.to_owned(),
                    day: day.clone(),
                    text: text.clone(),
                })?;
                hours[index].push(h);
            }
            hours[index].sort_by_key(|h| h.start);
            if hours[index].windows(2).any(|w| w[0].end > w[1].start) {
                return Err(CalendarError::Hours { file: file.to_owned(), day: day.clone(), text: ranges.join(", ") });
            }
        }
        if hours.iter().all(Vec::is_empty) {
            return Err(CalendarError::NoHours { file: file.to_owned() });
        }
        let mut days_off = BTreeMap::new();
        if parsed.national_holidays {
            for d in holidays::national() {
                days_off.entry(d.date).or_insert(d);
            }
        }
        for entry in &parsed.day_off {
            let d = entry.day_off().ok_or_else(|| CalendarError::Syntax {
                file: file.to_owned(),
                message: format!(
                    "[[day_off]] date = {}: harus tanggal tanpa jam / must be a date without a time",
                    entry.text()
                ),
            })?;
            days_off.insert(d.date, d);
        }
        Ok(Calendar { name: parsed.name.clone(), zone: parsed.zone, hours, days_off })
    }

    /// The default calendar: Perpres 21/2023 hours in WIB with the national holidays.
    pub fn default_wib() -> Result<Calendar, CalendarError> {
        Calendar::from_toml("data/calendars/default.toml", DEFAULT)
    }

    /// The office hours of a date; empty on a weekend or a day off.
    pub fn hours_on(&self, date: Date) -> &[Hours] {
        if self.days_off.contains_key(&date) {
            return &[];
        }
        let index = match date.weekday() {
            Weekday::Monday => 0,
            Weekday::Tuesday => 1,
            Weekday::Wednesday => 2,
            Weekday::Thursday => 3,
            Weekday::Friday => 4,
            Weekday::Saturday => 5,
            Weekday::Sunday => 6,
        };
        &self.hours[index]
    }

    /// Whether the office works on a date.
    pub fn is_working_day(&self, date: Date) -> bool {
        !self.hours_on(date).is_empty()
    }

    /// The civil date-time in this office's zone of an instant.
    pub fn local(&self, instant: jiff::Timestamp) -> DateTime {
        instant.to_zoned_datetime(self.zone.time_zone()).datetime()
    }

    /// The instant of a civil date-time in this office's zone.
    pub fn instant(&self, local: DateTime) -> Option<jiff::Timestamp> {
        self.zone.time_zone().to_ambiguous_timestamp(local).compatible().ok()
    }

    /// A local date-time written as ISO 8601 with the zone's offset (`2026-03-25T08:30:00+07:00`).
    pub fn iso(&self, local: DateTime) -> String {
        let (year, offset) = (local.year(), self.zone.offset_hours());
        if !(0..=9999).contains(&year) {
            return format!("{}+{offset:02}:00", local.strftime("%Y-%m-%dT%H:%M:%S"));
        }
        // Digit by digit: a report lists a breach's three moments, for each of hundreds of
        // thousands of breaches, and `format!` took most of that time.
        let mut out = Vec::with_capacity(25);
        let mut digits = |value: i32, width: u32, after: u8| {
            for place in (0..width).rev() {
                out.push(b'0' + (value / 10_i32.pow(place) % 10) as u8);
            }
            out.push(after);
        };
        digits(i32::from(year), 4, b'-');
        digits(i32::from(local.month()), 2, b'-');
        digits(i32::from(local.day()), 2, b'T');
        digits(i32::from(local.hour()), 2, b':');
        digits(i32::from(local.minute()), 2, b':');
        digits(i32::from(local.second()), 2, b'+');
        digits(i32::from(offset), 2, b':');
        out.extend_from_slice(b"00");
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
