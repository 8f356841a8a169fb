//! Deadlines on the real calendar of 2025–2026, against hand-counted dates.

use jiff::civil::{date, DateTime};

use super::*;
use crate::catalog::Limit;
use crate::sla::{deadline, judge, Outcome};

fn cal() -> Calendar {
    Calendar::default_wib().unwrap()
}

fn dt(y: i16, m: i8, d: i8, h: i8, min: i8) -> DateTime {
    date(y, m, d).at(h, min, 0, 0)
}

const ONE_HOUR: Limit = Limit::WorkingHours { amount: 1 };

fn days(n: u32) -> Limit {
    Limit::WorkingDays { amount: n }
}

#[test]
fn received_on_a_friday_afternoon() {
    // Friday 9 January 2026, 15:45; Friday hours end at 16:30.
    let c = cal();
    let received = dt(2026, 1, 9, 15, 45);
    assert_eq!(deadline(&c, received, ONE_HOUR, None), Ok(dt(2026, 1, 12, 7, 45)));
    assert_eq!(deadline(&c, received, days(1), None), Ok(dt(2026, 1, 12, 15, 45)));
    // 16:15 on a Friday, one working day: Monday closes at 16:00, so 16:00.
    assert_eq!(deadline(&c, dt(2026, 1, 9, 16, 15), days(1), None), Ok(dt(2026, 1, 12, 16, 0)));
}

#[test]
fn received_at_night_counts_from_the_next_opening() {
    let c = cal();
    let received = dt(2026, 1, 13, 21, 10);
    assert_eq!(deadline(&c, received, ONE_HOUR, None), Ok(dt(2026, 1, 14, 8, 30)));
    assert_eq!(deadline(&c, received, days(1), None), Ok(dt(2026, 1, 15, 7, 30)));
    assert_eq!(c.next_opening(dt(2026, 1, 10, 9, 0)), Some(dt(2026, 1, 12, 7, 30)), "Saturday → Monday");
}

#[test]
fn idul_fitri_2025() {
    // Cuti bersama 28 March, Nyepi 29 March, Idul Fitri 31 March–1 April, cuti bersama 2–4 and
    // 7 April: Thursday 27 March is followed by Tuesday 8 April.
    let c = cal();
    assert_eq!(deadline(&c, dt(2025, 3, 27, 10, 0), days(1), None), Ok(dt(2025, 4, 8, 10, 0)));
    assert_eq!(
        deadline(&c, dt(2025, 3, 27, 15, 0), Limit::WorkingHours { amount: 3 }, None),
        Ok(dt(2025, 4, 8, 9, 30))
    );
    for off in [date(2025, 3, 28), date(2025, 3, 31), date(2025, 4, 1), date(2025, 4, 2), date(2025, 4, 7)] {
        assert!(!c.is_working_day(off), "{off}");
    }
}

#[test]
fn idul_fitri_2026() {
    // Cuti 18 March, Nyepi 19 March, cuti 20 March, Idul Fitri 21–22 March, cuti 23–24 March.
    let c = cal();
    assert_eq!(deadline(&c, dt(2026, 3, 17, 14, 0), days(1), None), Ok(dt(2026, 3, 25, 14, 0)));
    assert_eq!(deadline(&c, dt(2026, 3, 17, 14, 0), days(5), None), Ok(dt(2026, 3, 31, 14, 0)));
    let received = dt(2026, 3, 17, 14, 0);
    let one_day_later = dt(2026, 3, 25, 14, 0);
    // 7,5 working hours a day: a full working day lies between.
    assert_eq!(c.working_seconds_between(received, one_day_later), 2 * 3600 + 5 * 3600 + 3600 / 2);
}

#[test]
fn a_deadline_across_the_year_end() {
    // Natal 25 December and cuti bersama 26 December 2025, Tahun Baru 1 January 2026.
    let c = cal();
    assert_eq!(deadline(&c, dt(2025, 12, 24, 11, 0), days(5), None), Ok(dt(2026, 1, 5, 11, 0)));
    assert_eq!(deadline(&c, dt(2025, 12, 31, 15, 30), ONE_HOUR, None), Ok(dt(2026, 1, 2, 8, 0)));
}

#[test]
fn an_office_in_wita() {
    let wita = Calendar::from_toml(
        "wita.toml",
        "name = \"Kantor di Makassar\"\nzone = \"WITA\"\n[hours]\nmonday = [\"08:00-12:00\", \"13:00-16:00\"]\n",
    )
    .unwrap();
    // 07:00 WIB is 08:00 WITA: the office has just opened.
    let instant: jiff::Timestamp = "2026-01-12T07:00:00+07:00".parse().unwrap();
    let local = wita.local(instant);
    assert_eq!(local, dt(2026, 1, 12, 8, 0));
    let due = deadline(&wita, local, ONE_HOUR, None).unwrap();
    assert_eq!(wita.iso(due), "2026-01-12T09:00:00+08:00");
    assert_eq!(wita.instant(due).unwrap().to_string(), "2026-01-12T01:00:00Z");
    // The same instant for a WIB office is 07:00, before opening at 07:30.
    assert_eq!(cal().iso(deadline(&cal(), cal().local(instant), ONE_HOUR, None).unwrap()), "2026-01-12T08:30:00+07:00");
}

#[test]
fn an_hour_spanning_the_lunch_break() {
    let c = cal();
    let received = dt(2026, 1, 12, 11, 30);
    let due = deadline(&c, received, ONE_HOUR, None).unwrap();
    assert_eq!(due, dt(2026, 1, 12, 13, 30));
    assert_eq!(c.working_seconds_between(received, due), 3600);
    // Ketapang's Friday break runs 11:00–13:30.
    let ketapang =
        Calendar::from_toml("ketapang.toml", include_str!("../../../../data/calendars/ketapang.toml")).unwrap();
    assert_eq!(deadline(&ketapang, dt(2026, 1, 9, 10, 30), ONE_HOUR, None), Ok(dt(2026, 1, 9, 14, 0)));
}

#[test]
fn as_requested_means_by_the_end_of_the_date() {
    let c = cal();
    let received = dt(2026, 2, 2, 9, 0);
    assert_eq!(
        deadline(&c, received, Limit::AsRequested, Some(date(2026, 2, 14))),
        Ok(date(2026, 2, 14).at(23, 59, 59, 0))
    );
    assert_eq!(deadline(&c, received, Limit::AsRequested, None), Err(crate::sla::SlaError::MissingRequestedFor));
}

#[test]
fn judgements() {
    let c = cal();
    let received = dt(2026, 1, 12, 9, 0);
    let due = dt(2026, 1, 12, 10, 0);
    let met = judge(&c, received, due, Some(dt(2026, 1, 12, 9, 40)), dt(2026, 2, 1, 0, 0));
    assert_eq!((met.outcome, met.taken_seconds, met.late_seconds), (Outcome::Met, Some(40 * 60), 0));
    let late = judge(&c, received, due, Some(dt(2026, 1, 12, 13, 30)), dt(2026, 2, 1, 0, 0));
    assert_eq!((late.outcome, late.late_seconds), (Outcome::Breached, 2 * 3600 + 30 * 60));
    let open_late = judge(&c, received, due, None, dt(2026, 1, 12, 11, 0));
    assert_eq!((open_late.outcome, open_late.late_seconds), (Outcome::Breached, 3600));
    let open = judge(&c, received, due, None, dt(2026, 1, 12, 9, 30));
    assert_eq!(open.outcome, Outcome::Pending);
}

#[test]
fn office_days_off_and_broken_files() {
    let own = Calendar::from_toml(
        "kantor.toml",
        "name = \"Kantor\"\n[hours]\nmonday = [\"08:00-12:00\"]\n[[day_off]]\ndate = 2026-01-12\nname = \"Hari jadi\"\n",
    )
    .unwrap();
    assert!(!own.is_working_day(date(2026, 1, 12)));
    assert_eq!(own.days_off[&date(2026, 1, 12)].kind, DayOffKind::Lokal);
    assert!(own.days_off.contains_key(&date(2026, 1, 1)), "national holidays are kept by default");
    let bad = Calendar::from_toml("k.toml", "name = \"K\"\n[hours]\nmonday = [\"08:00-7:00\"]\n").unwrap_err();
    assert!(bad.to_string().contains("k.toml: jam '08:00-7:00' pada monday tidak sah"), "{bad}");
    let bad = Calendar::from_toml("k.toml", "name = \"K\"\n[hours]\nsenin = [\"08:00-12:00\"]\n").unwrap_err();
    assert!(bad.to_string().contains("unknown day 'senin'"), "{bad}");
    let bad = Calendar::from_toml("k.toml", "name = \"K\"\n[hours]\n").unwrap_err();
    assert!(bad.to_string().contains("no working hours"), "{bad}");
    let bad = Calendar::from_toml("k.toml", "name = \"K\"\n[hours]\nmonday = [\"08:00-12:00\", \"11:00-13:00\"]\n")
        .unwrap_err();
    assert!(matches!(bad, CalendarError::Hours { .. }), "overlapping ranges: {bad}");
}

#[test]
fn an_hour_too_large_is_refused_without_overflow() {
    // Found by `scripts/fuzz.sh` (calendar): 8012 × 60 overflowed u16 before the range was checked.
    let text = "name = \"Kantor\"\nzone = \"WIB\"\n\n[hours]\nmonday = [\"0:0-8012:00\"]\n";
    assert!(Calendar::from_toml("kantor.toml", text).is_err());
}

#[test]
fn iso_moments_are_written_as_strftime_writes_them() {
    let cal = cal();
    for (y, mo, d, h, mi, sec) in
        [(2026, 1, 12, 8, 30, 0), (1999, 12, 31, 23, 59, 59), (5, 2, 3, 4, 5, 6), (9999, 12, 31, 0, 0, 1)]
    {
        let local = jiff::civil::date(y, mo, d).at(h, mi, sec, 0);
        assert_eq!(cal.iso(local), format!("{}+07:00", local.strftime("%Y-%m-%dT%H:%M:%S")));
    }
}
