//! The period a title or a sheet name states, as offices write them: «REKAPITULASI SKM
//! TRIWULAN I 2026», «Semester II 2025», «TW 3 2025», «Januari – Maret 2026», «Tahun 2024»,
//! «Q2 2025», or a key (`2025-Q2`).

use crate::period::{Period, PeriodKind, MONTH_NAMES};

/// A number written in Roman numerals or digits, 1–4.
fn small_number(token: &str) -> Option<u8> {
    match token {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// The month (1–12) a word names, in Indonesian or English, whole or by its first three letters
/// (`AGT`, Indonesia's short August, too).
fn month(token: &str) -> Option<u8> {
    if token == "AGT" {
        return Some(8);
    }
    MONTH_NAMES
        .iter()
        .position(|m| {
            let (id, en) = (m.id.to_uppercase(), m.en.to_uppercase());
            token == id || token == en || (token.len() == 3 && (id.starts_with(token) || en.starts_with(token)))
        })
        // Twelve months: the position fits.
        .map(|i| i as u8 + 1)
}

/// The one year (1990–2100) a text names; none when it names none or several.
fn year(tokens: &[String]) -> Option<i16> {
    let mut years = tokens.iter().filter_map(|t| t.parse::<i16>().ok()).filter(|y| (1990..=2100).contains(y));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// The period `text` states, if it states exactly one.
pub fn period_in_text(text: &str) -> Option<Period> {
    if let Some(key) = Period::from_key(text) {
        return Some(key);
    }
    let upper = text.to_uppercase();
    // Words and numbers; `TW1`, `Q2` and `S1` are split into their letters and number.
    let mut tokens: Vec<String> = Vec::new();
    for word in upper.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        match word.find(|c: char| c.is_ascii_digit()) {
            Some(i) if i > 0 && ["TW", "Q", "S", "SMT"].contains(&&word[..i]) => {
                tokens.push(word[..i].to_owned());
                tokens.push(word[i..].to_owned());
            }
            _ => tokens.push(word.to_owned()),
        }
    }
    let year = year(&tokens)?;
    let after =
        |names: &[&str]| tokens.windows(2).find(|w| names.contains(&w[0].as_str())).and_then(|w| small_number(&w[1]));
    if let Some(index) = after(&["TRIWULAN", "TW", "KUARTAL", "QUARTER", "Q"]) {
        return Some(Period { year, kind: PeriodKind::Quarter, index });
    }
    if let Some(index) = after(&["SEMESTER", "SMT", "S"]).filter(|i| *i <= 2) {
        return Some(Period { year, kind: PeriodKind::Semester, index });
    }
    let months: Vec<u8> = tokens.iter().filter_map(|t| month(t)).collect();
    match months.as_slice() {
        [] => Some(Period { year, kind: PeriodKind::Year, index: 1 }),
        [m] => Period::containing(PeriodKind::Month, year, *m),
        // A span of months: the quarter, semester or year it is exactly.
        [first, .., last] => {
            [PeriodKind::Quarter, PeriodKind::Semester, PeriodKind::Year].into_iter().find_map(|kind| {
                let p = Period::containing(kind, year, *first)?;
                (p.months() == (*first, *last)).then_some(p)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_as_offices_write_them_state_their_period() {
        let cases = [
            ("REKAPITULASI SURVEI KEPUASAN MASYARAKAT TRIWULAN I 2026", Some("2026-Q1")),
            ("Rekap SKM TW 3 Tahun 2025", Some("2025-Q3")),
            ("TW2-2025", Some("2025-Q2")),
            ("Q4 2024", Some("2024-Q4")),
            ("SKM Semester II 2025", Some("2025-S2")),
            ("Periode Januari - Maret 2026", Some("2026-Q1")),
            ("Juli s.d. Desember 2025", Some("2025-S2")),
            ("Januari – Desember 2024", Some("2024")),
            ("Agustus 2025", Some("2025-08")),
            ("Tahun 2024", Some("2024")),
            ("2025-Q2", Some("2025-Q2")),
            ("2025", Some("2025")),
            // No year, two years, or a span that is no period: nothing is guessed.
            ("Triwulan I", None),
            ("SKM 2024 dan 2025", None),
            ("Februari - April 2026", None),
            ("Sheet1", None),
        ];
        for (text, want) in cases {
            assert_eq!(period_in_text(text).map(|p| p.key()).as_deref(), want, "{text}");
        }
    }
}
