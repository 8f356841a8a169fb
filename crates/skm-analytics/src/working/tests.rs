//! The lookups give what the core's rules give one item at a time.

use jiff::civil::{date, Date, DateTime};
use skm_core::calendar::Calendar;
use skm_core::catalog::Limit;
use skm_core::sla::{deadline, judge};

use super::{judge_all, working_between, Promise, ToJudge};

/// A calendar with a break, Saturday mornings, and a fortnight off in June 2026.
fn with_breaks() -> Calendar {
    let text = r#"
name = "Puskesmas"
[hours]
monday = ["07:30-12:00", "13:00-16:00"]
tuesday = ["07:30-12:00", "13:00-16:00"]
wednesday = ["07:30-12:00", "13:00-16:00"]
thursday = ["07:30-12:00", "13:00-16:00"]
friday = ["07:30-11:30", "13:30-16:30"]
saturday = ["08:00-12:00"]
[[day_off]]
date = 2026-06-08
name = "Cuti"
[[day_off]]
date = 2026-06-09
name = "Cuti"
"#;
    Calendar::from_toml("test.toml", text).unwrap()
}

/// A calendar open until midnight on Sundays only, with no working day for over three years from
/// 2026-03-01 on: deadlines there cannot be given.
fn closed_for_years() -> Calendar {
    let mut text = String::from("name = \"Closed\"\nnational_holidays = false\n[hours]\nsunday = [\"20:00-24:00\"]\n");
    let mut day = date(2026, 3, 1);
    while day < date(2029, 6, 1) {
        text.push_str(&format!("[[day_off]]\ndate = {day}\nname = \"Tutup\"\n"));
        day = day.tomorrow().unwrap();
    }
    Calendar::from_toml("closed.toml", &text).unwrap()
}

/// A moment within `days` days from `from` on (or on the last date there is).
fn moment(rng: &mut fastrand::Rng, from: Date, days: i64) -> DateTime {
    let day = from.checked_add(jiff::Span::new().days(rng.i64(0..days))).unwrap_or(Date::MAX);
    day.at(rng.i8(0..24), rng.i8(0..60), if rng.bool() { 0 } else { rng.i8(0..60) }, 0)
}

/// Random items received from `from` on, over `days` days, with every kind of promise.
fn items(rng: &mut fastrand::Rng, from: Date, days: i64, count: usize) -> Vec<ToJudge> {
    (0..count)
        .map(|_| {
            let received = moment(rng, from, days);
            let promise = match rng.u8(0..5) {
                0 => Promise::Seconds(0),
                1 => Promise::Seconds(60 * rng.i64(1..600)),
                2 => Promise::Seconds(3600 * rng.i64(1..48)),
                3 => Promise::Days(rng.u32(0..31)),
                _ => Promise::Due(moment(rng, from, days).date().at(23, 59, 59, 0)),
            };
            let completed = match rng.u8(0..3) {
                0 => None,
                1 => Some(received),
                _ => Some(moment(rng, received.date(), 60).max(received)),
            };
            ToJudge { received, promise, completed }
        })
        .collect()
}

/// The core's deadline and judgement of one item.
fn one_by_one(cal: &Calendar, item: &ToJudge, as_of: DateTime) -> Option<(DateTime, skm_core::sla::Judgement)> {
    let (limit, asked) = match item.promise {
        Promise::Seconds(s) if s % 3600 == 0 && s > 0 => (Limit::WorkingHours { amount: (s / 3600) as u32 }, None),
        Promise::Seconds(s) => (Limit::WorkingMinutes { amount: (s / 60) as u32, at_least: None }, None),
        Promise::Days(n) => (Limit::WorkingDays { amount: n }, None),
        Promise::Due(due) => (Limit::AsRequested, Some(due.date())),
    };
    let due = deadline(cal, item.received, limit, asked).ok()?;
    Some((due, judge(cal, item.received, due, item.completed, as_of)))
}

fn check(cal: &Calendar, items: &[ToJudge], as_of: DateTime) {
    let together = judge_all(cal, items, as_of).unwrap();
    assert_eq!(together.len(), items.len());
    for (item, got) in items.iter().zip(together) {
        assert_eq!(got, one_by_one(cal, item, as_of), "{item:?} as of {as_of}");
    }
}

#[test]
fn deadlines_and_judgements_equal_the_core_rules() {
    let mut rng = fastrand::Rng::with_seed(20);
    for cal in [Calendar::default_wib().unwrap(), with_breaks()] {
        for _ in 0..4 {
            let batch = items(&mut rng, date(2025, 11, 1), 600, 2_000);
            check(&cal, &batch, moment(&mut rng, date(2026, 1, 1), 400));
        }
    }
}

#[test]
fn items_years_apart_share_one_table() {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut batch = items(&mut rng, date(2026, 1, 1), 30, 200);
    batch.extend(items(&mut rng, date(1990, 5, 1), 30, 50));
    batch.extend(items(&mut rng, date(2045, 5, 1), 30, 50));
    check(&with_breaks(), &batch, date(2026, 12, 31).at(23, 59, 59, 0));
}

#[test]
fn no_deadline_where_the_calendar_has_no_working_time_ahead() {
    let mut rng = fastrand::Rng::with_seed(3);
    let cal = closed_for_years();
    let mut batch = items(&mut rng, date(2026, 1, 1), 120, 500);
    // At the end of the dates the calendar can name.
    batch.extend(items(&mut rng, date(9999, 12, 1), 30, 100));
    let as_of = date(2026, 12, 31).at(23, 59, 59, 0);
    assert!(batch.iter().any(|i| one_by_one(&cal, i, as_of).is_none()));
    check(&cal, &batch, as_of);
    check(&Calendar::default_wib().unwrap(), &batch, as_of);
}

#[test]
fn working_time_between_pairs_equals_the_calendar_walk() {
    let mut rng = fastrand::Rng::with_seed(11);
    for cal in [Calendar::default_wib().unwrap(), with_breaks(), closed_for_years()] {
        let mut pairs: Vec<(DateTime, DateTime)> = (0..3_000)
            .map(|_| (moment(&mut rng, date(2025, 12, 1), 200), moment(&mut rng, date(2025, 12, 1), 200)))
            .collect();
        // Years apart, and at the end of the dates.
        pairs.push((date(1990, 1, 1).at(9, 0, 0, 0), date(2026, 5, 5).at(10, 0, 0, 0)));
        pairs.push((moment(&mut rng, date(9999, 12, 1), 30), moment(&mut rng, date(9999, 12, 1), 30)));
        let together = working_between(&cal, &pairs).unwrap();
        for (pair, got) in pairs.iter().zip(together) {
            assert_eq!(got, cal.working_seconds_between(pair.0, pair.1), "{pair:?}");
        }
    }
}
