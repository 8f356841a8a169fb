//! Numbers written the Indonesian way: decimal comma, thousands dot (91,48; 1.250).

/// Formats `value` with `decimals` decimals, a decimal comma and dots between thousands.
pub fn decimal_id(value: f64, decimals: usize) -> String {
    let plain = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((plain.as_str(), ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 1);
    if value < 0.0 && plain.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// Formats an integer count with dots between thousands (12.345).
pub fn integer_id(value: u64) -> String {
    decimal_id(value as f64, 0)
}

/// Formats `value` the way `lang` writes numbers: `1.250,5` in Indonesian, `1,250.5` in English.
pub fn decimal(value: f64, decimals: usize, lang: crate::Lang) -> String {
    let id = decimal_id(value, decimals);
    match lang {
        crate::Lang::Id => id,
        crate::Lang::En => id
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect(),
    }
}

/// Formats a count the way `lang` writes it: `12.345` in Indonesian, `12,345` in English.
pub fn integer(value: u64, lang: crate::Lang) -> String {
    decimal(value as f64, 0, lang)
}

/// A figure that may be missing: the number in `lang`'s way, or an en dash.
pub fn figure(value: Option<f64>, decimals: usize, lang: crate::Lang) -> String {
    value.map_or_else(|| "–".to_owned(), |v| decimal(v, decimals, lang))
}

/// A grade with its kinerja in `lang` (`B (Baik)`), or an en dash when there is none.
pub fn grade(grade: Option<crate::Grade>, lang: crate::Lang) -> String {
    grade.map_or_else(|| "–".to_owned(), |g| format!("{} ({})", g.letter(), g.label().get(lang)))
}

/// A date written out: `12 Januari 2026` (or `12 January 2026`).
pub fn date_long(date: jiff::civil::Date, lang: crate::Lang) -> String {
    let month = crate::period::MONTH_NAMES[usize::try_from(date.month() - 1).unwrap_or(0).min(11)].get(lang);
    format!("{} {month} {}", date.day(), date.year())
}

/// A moment as written in files (`2026-09-10T13:55:00+07:00`) shortened for a table, in the
/// office's local time: `10 Sep 2026 13.55` (`10 Sep 2026 13:55` in English); text that is not
/// a moment is returned as it is.
pub fn moment_short(text: &str, lang: crate::Lang) -> String {
    use crate::date::{parse_moment, Moment};
    let (date, time) = match parse_moment(text) {
        // Files carry the office's offset; the wall time is what the office saw.
        Some(Moment::Instant(_)) => match text.get(..19).and_then(|t| t.parse::<jiff::civil::DateTime>().ok()) {
            Some(dt) => (dt.date(), Some(dt.time())),
            None => return text.to_owned(),
        },
        Some(Moment::Local(dt)) => (dt.date(), Some(dt.time())),
        Some(Moment::Date(d)) => (d, None),
        None => return text.to_owned(),
    };
    let month: String = crate::period::MONTH_NAMES[usize::try_from(date.month() - 1).unwrap_or(0).min(11)]
        .get(lang)
        .chars()
        .take(3)
        .collect();
    let sep = if lang == crate::Lang::Id { '.' } else { ':' };
    match time {
        Some(t) => format!("{} {month} {} {:02}{sep}{:02}", date.day(), date.year(), t.hour(), t.minute()),
        None => format!("{} {month} {}", date.day(), date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_the_indonesian_way() {
        let d = jiff::civil::date(2026, 1, 12);
        assert_eq!(date_long(d, crate::Lang::Id), "12 Januari 2026");
        assert_eq!(date_long(d, crate::Lang::En), "12 January 2026");
        assert_eq!(moment_short("2026-09-10T13:55:00+07:00", crate::Lang::Id), "10 Sep 2026 13.55");
        assert_eq!(moment_short("2026-08-21T23:59:59+07:00", crate::Lang::En), "21 Aug 2026 23:59");
        assert_eq!(moment_short("2026-12-01", crate::Lang::Id), "1 Des 2026");
        assert_eq!(moment_short("kemarin", crate::Lang::Id), "kemarin");
    }

    #[test]
    fn each_language_writes_its_own_numbers() {
        assert_eq!(decimal(1250.5, 1, crate::Lang::Id), "1.250,5");
        assert_eq!(decimal(1250.5, 1, crate::Lang::En), "1,250.5");
        assert_eq!(decimal(-0.004, 2, crate::Lang::En), "0.00");
        assert_eq!(integer(1_234_567, crate::Lang::En), "1,234,567");
        assert_eq!(integer(1_234_567, crate::Lang::Id), "1.234.567");
        assert_eq!(figure(None, 2, crate::Lang::En), "–");
        assert_eq!(figure(Some(91.478), 2, crate::Lang::En), "91.48");
    }

    #[test]
    fn indonesian_format() {
        assert_eq!(decimal_id(91.478, 2), "91,48");
        assert_eq!(decimal_id(6.25, 2), "6,25");
        assert_eq!(decimal_id(1250.5, 1), "1.250,5");
        assert_eq!(decimal_id(-0.001, 2), "0,00");
        assert_eq!(decimal_id(-3.5, 1), "-3,5");
        assert_eq!(integer_id(1_234_567), "1.234.567");
        assert_eq!(integer_id(12), "12");
    }
}
