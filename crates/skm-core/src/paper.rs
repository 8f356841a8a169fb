//! Paper questionnaires typed in by an operator: the sheet's serial number (one response per
//! serial and unit, ever), the day written on it, and the nine answers typed as digits.

use serde::{Deserialize, Serialize};

use crate::profile::Profile;
use crate::response::{Answers, Submission, SubmissionError};
use crate::ELEMENTS;

/// The longest serial number.
pub const MAX_SERIAL: usize = 24;

/// A paper form as the operator screen sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperEntry {
    /// The serial number printed on the sheet (`PBG-0001`).
    pub serial: String,
    /// The day the citizen filled it in (`2026-11-30`).
    pub filled_on: String,
    /// The service's code.
    pub service: String,
    /// Scores 1–4 keyed by element (`u1` … `u9`).
    pub answers: Answers,
    /// The respondent profile.
    #[serde(default)]
    pub profile: Profile,
    /// The written suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

fn refuse(field: &str, id: String, en: String) -> SubmissionError {
    SubmissionError { field: field.to_owned(), message_id: id, message_en: en }
}

/// The serial as kept: trimmed and upper-cased; letters, digits and `-` only.
pub fn serial(text: &str) -> Result<String, SubmissionError> {
    let s = text.trim().to_ascii_uppercase();
    let fits =
        !s.is_empty() && s.chars().count() <= MAX_SERIAL && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if fits {
        Ok(s)
    } else {
        Err(refuse(
            "serial",
            format!("nomor seri '{text}' tidak sah: 1–{MAX_SERIAL} huruf, angka atau '-'"),
            format!("serial number '{text}' is not valid: 1–{MAX_SERIAL} letters, digits or '-'"),
        ))
    }
}

/// The ID of a unit's paper response: `kertas-<unit>-<SERIAL>`, the same however often the sheet
/// is typed.
pub fn response_id(unit: &str, serial: &str) -> String {
    format!("kertas-{unit}-{serial}")
}

/// The day on the sheet: a date, and not after `today`.
pub fn filled_on(text: &str, today: jiff::civil::Date) -> Result<jiff::civil::Date, SubmissionError> {
    let day: jiff::civil::Date = text.trim().parse().map_err(|_| {
        refuse(
            "filled_on",
            format!("tanggal pengisian '{text}' bukan tanggal (TTTT-BB-HH)"),
            format!("the day filled in '{text}' is not a date (YYYY-MM-DD)"),
        )
    })?;
    if day > today {
        return Err(refuse(
            "filled_on",
            format!("tanggal pengisian {day} sesudah hari ini"),
            format!("the day filled in, {day}, is after today"),
        ));
    }
    Ok(day)
}

/// The nine answers as the operator types them: nine digits 1–4 (`344343434`), spaces and
/// commas between them allowed.
pub fn digits(text: &str) -> Result<[u8; 9], SubmissionError> {
    let typed: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
    let wrong = || {
        refuse(
            "answers",
            format!("ketik 9 angka 1–4, satu per unsur (ada '{text}')"),
            format!("type 9 digits 1–4, one per element (got '{text}')"),
        )
    };
    if typed.len() != 9 {
        return Err(wrong());
    }
    let mut scores = [0u8; 9];
    for (slot, c) in scores.iter_mut().zip(typed) {
        *slot = match c {
            '1'..='4' => c as u8 - b'0',
            _ => return Err(wrong()),
        };
    }
    Ok(scores)
}

impl PaperEntry {
    /// The submission the sheet holds, for the survey's own validation.
    pub fn submission(&self, unit: &str) -> Submission {
        Submission {
            unit: Some(unit.to_owned()),
            service: self.service.clone(),
            answers: self.answers.clone(),
            profile: self.profile.clone(),
            suggestion: self.suggestion.clone(),
            client_id: None,
            via: None,
        }
    }

    /// An entry of nine scores in element order, for tests and the operator screen.
    pub fn with_scores(serial: &str, filled_on: &str, service: &str, scores: [u8; 9]) -> PaperEntry {
        PaperEntry {
            serial: serial.to_owned(),
            filled_on: filled_on.to_owned(),
            service: service.to_owned(),
            answers: ELEMENTS.iter().map(|e| (e.column().to_owned(), scores[e.index()])).collect(),
            profile: Profile::default(),
            suggestion: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_tidied_and_checked() {
        assert_eq!(serial(" pbg-0001 ").map_err(|e| e.field), Ok("PBG-0001".to_owned()));
        for bad in ["", "PBG 0001", "PBG/1", &"9".repeat(MAX_SERIAL + 1)] {
            assert!(serial(bad).is_err(), "{bad}");
        }
        assert_eq!(response_id("dinkominfo-purbalingga", "PBG-0001"), "kertas-dinkominfo-purbalingga-PBG-0001");
    }

    #[test]
    fn nine_digits_one_to_four_with_spaces_or_commas() {
        assert_eq!(digits("344343434").ok(), Some([3, 4, 4, 3, 4, 3, 4, 3, 4]));
        assert_eq!(digits("3 4 4 3, 4 3 4 3 4").ok(), Some([3, 4, 4, 3, 4, 3, 4, 3, 4]));
        for bad in ["34434343", "3443434345", "344343430", "34434343x"] {
            assert!(digits(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_day_on_the_sheet_is_not_after_today() {
        let today = jiff::civil::date(2026, 12, 2);
        assert!(filled_on("2026-12-02", today).is_ok());
        assert_eq!(filled_on("2026-12-03", today).map_err(|e| e.field), Err("filled_on".to_owned()));
        assert!(filled_on("02/12/2026", today).is_err());
    }
}
