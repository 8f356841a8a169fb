//! Reporting periods: year, semester, quarter (triwulan) and month.
//!
//! A period is written as a key that sorts in time order: `2026`, `2026-S1`, `2026-Q3`,
//! `2026-07`. Its label is Indonesian or English (`Triwulan III 2026`, `Q3 2026`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Lang, Text};

/// The length of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar year (the SKM is run at least once a year).
    #[default]
    Year,
    /// January–June or July–December.
    Semester,
    /// A quarter (triwulan).
    Quarter,
    /// A calendar month.
    Month,
}

impl PeriodKind {
    /// The name used on the command line: `year`, `semester`, `quarter`, `month`.
    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Year => "year",
            PeriodKind::Semester => "semester",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
        }
    }

    /// Parses a name, in English or Indonesian (`tahun`, `semester`, `triwulan`, `bulan`).
    pub fn from_name(name: &str) -> Option<PeriodKind> {
        match name.trim().to_lowercase().as_str() {
            "year" | "tahun" => Some(PeriodKind::Year),
            "semester" => Some(PeriodKind::Semester),
            "quarter" | "triwulan" => Some(PeriodKind::Quarter),
            "month" | "bulan" => Some(PeriodKind::Month),
            _ => None,
        }
    }

    /// The number of periods of this kind in a year.
    pub fn per_year(self) -> u8 {
        match self {
            PeriodKind::Year => 1,
            PeriodKind::Semester => 2,
            PeriodKind::Quarter => 4,
            PeriodKind::Month => 12,
        }
    }
}

/// One reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The calendar year.
    pub year: i16,
    /// The kind of period.
    pub kind: PeriodKind,
    /// Its number within the year, from 1 (always 1 for a year).
    pub index: u8,
}

/// The names of the months in both languages, January first.
pub const MONTH_NAMES: [Text; 12] = [
    Text { id: "Januari", en: "January" },
    Text { id: "Februari", en: "February" },
    Text { id: "Maret", en: "March" },
    Text { id: "April", en: "April" },
    Text { id: "Mei", en: "May" },
    Text { id: "Juni", en: "June" },
    Text { id: "Juli", en: "July" },
    Text { id: "Agustus", en: "August" },
    Text { id: "September", en: "September" },
    Text { id: "Oktober", en: "October" },
    Text { id: "November", en: "November" },
    Text { id: "Desember", en: "December" },
];
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

impl Period {
    /// The period of this kind that contains the given year and month (1–12).
    pub fn containing(kind: PeriodKind, year: i16, month: u8) -> Option<Period> {
        if !(1..=12).contains(&month) {
            return None;
        }
        let months_per_period = 12 / kind.per_year();
        Some(Period { year, kind, index: (month - 1) / months_per_period + 1 })
    }

    /// The period of this kind that contains a date.
    pub fn of_date(kind: PeriodKind, date: jiff::civil::Date) -> Period {
        let months_per_period = 12 / kind.per_year();
        // A civil date's month is always 1–12.
        let month = u8::try_from(date.month()).unwrap_or(1);
        Period { year: date.year(), kind, index: (month - 1) / months_per_period + 1 }
    }

    /// The period's first day.
    pub fn first_day(self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year, i8::try_from(self.months().0).ok()?, 1).ok()
    }

    /// The first and last month (1–12) of the period.
    pub fn months(self) -> (u8, u8) {
        let len = 12 / self.kind.per_year();
        let first = (self.index - 1) * len + 1;
        (first, first + len - 1)
    }

    /// Whether this period lies wholly within `other` (a quarter within its semester or year).
    pub fn within(self, other: Period) -> bool {
        let ((a, b), (c, d)) = (self.months(), other.months());
        self.year == other.year && c <= a && b <= d
    }

    /// The key that sorts in time order: `2026`, `2026-S1`, `2026-Q3`, `2026-07`.
    pub fn key(self) -> String {
        match self.kind {
            PeriodKind::Year => format!("{}", self.year),
            PeriodKind::Semester => format!("{}-S{}", self.year, self.index),
            PeriodKind::Quarter => format!("{}-Q{}", self.year, self.index),
            PeriodKind::Month => format!("{}-{:02}", self.year, self.index),
        }
    }

    /// Parses a key written by [`Period::key`].
    pub fn from_key(key: &str) -> Option<Period> {
        let key = key.trim();
        let (year, rest) = key.split_once('-').map_or((key, None), |(y, r)| (y, Some(r)));
        let year: i16 = year.parse().ok()?;
        let (kind, index) = match rest {
            None => (PeriodKind::Year, 1),
            Some(r) if r.starts_with('S') => (PeriodKind::Semester, r[1..].parse().ok()?),
            Some(r) if r.starts_with('Q') => (PeriodKind::Quarter, r[1..].parse().ok()?),
            Some(r) if r.len() == 2 => (PeriodKind::Month, r.parse().ok()?),
            Some(_) => return None,
        };
        (1..=kind.per_year()).contains(&index).then_some(Period { year, kind, index })
    }

    /// A label for people: `Semester I 2026`, `Triwulan III 2026`, `Juli 2026`.
    pub fn label(self, lang: Lang) -> String {
        let i = usize::from(self.index.saturating_sub(1));
        match (self.kind, lang) {
            (PeriodKind::Year, Lang::Id) => format!("Tahun {}", self.year),
            (PeriodKind::Year, Lang::En) => format!("Year {}", self.year),
            (PeriodKind::Semester, _) => format!("Semester {} {}", ROMAN[i.min(3)], self.year),
            (PeriodKind::Quarter, Lang::Id) => format!("Triwulan {} {}", ROMAN[i.min(3)], self.year),
            (PeriodKind::Quarter, Lang::En) => format!("Q{} {}", self.index, self.year),
            (PeriodKind::Month, _) => format!("{} {}", MONTH_NAMES[i.min(11)].get(lang), self.year),
        }
    }

    /// A short label without the year, for a narrow chart's axis: `TW III`, `Q3`, `Smt I`, `Jul`.
    pub fn short_label(self, lang: Lang) -> String {
        let i = usize::from(self.index.saturating_sub(1));
        match (self.kind, lang) {
            (PeriodKind::Year, _) => self.year.to_string(),
            (PeriodKind::Semester, Lang::Id) => format!("Smt {}", ROMAN[i.min(3)]),
            (PeriodKind::Semester, Lang::En) => format!("H{}", self.index),
            (PeriodKind::Quarter, Lang::Id) => format!("TW {}", ROMAN[i.min(3)]),
            (PeriodKind::Quarter, Lang::En) => format!("Q{}", self.index),
            (PeriodKind::Month, _) => MONTH_NAMES[i.min(11)].get(lang).chars().take(3).collect(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        let key = String::deserialize(deserializer)?;
        Period::from_key(&key).ok_or_else(|| serde::de::Error::custom(format!("not a period key: {key}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn short_labels_name_the_period_without_the_year() {
        let q3 = Period { year: 2026, kind: PeriodKind::Quarter, index: 3 };
        assert_eq!((q3.short_label(Lang::Id), q3.short_label(Lang::En)), ("TW III".to_owned(), "Q3".to_owned()));
        let august = Period { year: 2026, kind: PeriodKind::Month, index: 8 };
        assert_eq!((august.short_label(Lang::Id), august.short_label(Lang::En)), ("Agu".to_owned(), "Aug".to_owned()));
    }

    #[test]
    fn periods_of_a_date() {
        let d = date(2026, 8, 17);
        assert_eq!(Period::of_date(PeriodKind::Year, d).key(), "2026");
        assert_eq!(Period::of_date(PeriodKind::Semester, d).key(), "2026-S2");
        assert_eq!(Period::of_date(PeriodKind::Quarter, d).key(), "2026-Q3");
        assert_eq!(Period::of_date(PeriodKind::Month, d).key(), "2026-08");
        assert_eq!(Period::of_date(PeriodKind::Quarter, date(2026, 3, 31)).index, 1);
        assert_eq!(Period::of_date(PeriodKind::Semester, date(2026, 6, 30)).index, 1);
    }

    #[test]
    fn keys_round_trip_and_sort_in_time_order() {
        for kind in [PeriodKind::Year, PeriodKind::Semester, PeriodKind::Quarter, PeriodKind::Month] {
            let mut keys = Vec::new();
            for month in 1..=12 {
                let p = Period::containing(kind, 2026, month).unwrap();
                assert_eq!(Period::from_key(&p.key()), Some(p));
                keys.push(p);
            }
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(keys, sorted);
        }
        assert_eq!(Period::from_key("2026-Q5"), None);
        assert_eq!(Period::from_key("2026-13"), None);
    }

    #[test]
    fn labels_and_months() {
        let q3 = Period::from_key("2026-Q3").unwrap();
        assert_eq!(q3.label(Lang::Id), "Triwulan III 2026");
        assert_eq!(q3.months(), (7, 9));
        assert_eq!(Period::from_key("2026-07").unwrap().label(Lang::Id), "Juli 2026");
        assert_eq!(Period::from_key("2026-S2").unwrap().months(), (7, 12));
    }
}
