//! A citizen's submission of the survey and the rules it must satisfy.
//!
//! The same rules run in the browser (before sending) and on the server (before storing).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::instrument::{Element, ELEMENTS, SCORE_RANGE};
use crate::profile::{Profile, AGE_RANGE};

/// The longest suggestion accepted, in characters.
pub const MAX_SUGGESTION_CHARS: usize = 2000;

/// A submission as the survey sends it: answers keyed by element (`u1` … `u9`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Code of the service received (a code of the catalog).
    pub service: String,
    /// Scores 1–4 keyed by element column (`u1` … `u9`).
    pub answers: BTreeMap<String, u8>,
    /// The respondent profile.
    #[serde(default)]
    pub profile: Profile,
    /// Saran dan masukan (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// A UUID the browser made for this submission, so that sending it again (after a lost
    /// connection) stores it once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
}

/// Whether a text is a UUID in its canonical 8-4-4-4-12 hexadecimal form.
pub fn is_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// A submission that passed validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidSubmission {
    /// Code of the service.
    pub service: String,
    /// Scores of U1 … U9.
    pub scores: [u8; 9],
    /// The respondent profile.
    pub profile: Profile,
    /// Trimmed suggestion; `None` when empty.
    pub suggestion: Option<String>,
    /// The browser's UUID for the submission, lower-cased.
    pub client_id: Option<String>,
}

/// Why a submission was refused: the field and a message in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {message_id} / {message_en}")]
pub struct SubmissionError {
    /// The offending field (`service`, `answers.u3`, `profile.age`, `suggestion`).
    pub field: String,
    /// The reason in Bahasa Indonesia.
    pub message_id: String,
    /// The reason in English.
    pub message_en: String,
}

fn refuse(field: impl Into<String>, id: impl Into<String>, en: impl Into<String>) -> SubmissionError {
    SubmissionError { field: field.into(), message_id: id.into(), message_en: en.into() }
}

impl Submission {
    /// Builds a submission from scores of U1 … U9 in order.
    pub fn from_scores(service: &str, scores: [u8; 9]) -> Submission {
        Submission {
            service: service.to_owned(),
            answers: ELEMENTS.iter().map(|e| (e.column().to_owned(), scores[e.index()])).collect(),
            profile: Profile::default(),
            suggestion: None,
            client_id: None,
        }
    }

    /// Checks the submission; `is_service` says whether a service code exists.
    pub fn validate(&self, is_service: impl Fn(&str) -> bool) -> Result<ValidSubmission, SubmissionError> {
        if let Some(id) = self.client_id.as_deref().filter(|id| !is_uuid(id)) {
            return Err(refuse("client_id", format!("'{id}' bukan UUID"), format!("'{id}' is not a UUID")));
        }
        if !is_service(&self.service) {
            return Err(refuse(
                "service",
                format!("layanan '{}' tidak dikenal", self.service),
                format!("unknown service '{}'", self.service),
            ));
        }
        for key in self.answers.keys() {
            if Element::from_id(key).is_none() {
                return Err(refuse(
                    format!("answers.{key}"),
                    "unsur tidak dikenal; yang ada u1 sampai u9",
                    "unknown element; expected u1 to u9",
                ));
            }
        }
        let mut scores = [0u8; 9];
        for element in ELEMENTS {
            let field = format!("answers.{}", element.column());
            let score = self
                .answers
                .iter()
                .find(|(k, _)| Element::from_id(k) == Some(element))
                .map(|(_, v)| *v)
                .ok_or_else(|| refuse(&field, "pertanyaan ini belum dijawab", "this question is not answered"))?;
            if !SCORE_RANGE.contains(&score) {
                return Err(refuse(
                    &field,
                    format!("nilai {score} di luar 1–4"),
                    format!("score {score} is outside 1–4"),
                ));
            }
            scores[element.index()] = score;
        }
        if let Some(age) = self.profile.age {
            if !AGE_RANGE.contains(&age) {
                return Err(refuse(
                    "profile.age",
                    format!("usia harus {}–{} tahun", AGE_RANGE.start(), AGE_RANGE.end()),
                    format!("age must be {}–{} years", AGE_RANGE.start(), AGE_RANGE.end()),
                ));
            }
        }
        let suggestion = self.suggestion.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if let Some(s) = suggestion {
            if s.chars().count() > MAX_SUGGESTION_CHARS {
                return Err(refuse(
                    "suggestion",
                    format!("saran paling panjang {MAX_SUGGESTION_CHARS} karakter"),
                    format!("suggestion is longer than {MAX_SUGGESTION_CHARS} characters"),
                ));
            }
        }
        Ok(ValidSubmission {
            service: self.service.clone(),
            scores,
            profile: self.profile.clone(),
            suggestion: suggestion.map(str::to_owned),
            client_id: self.client_id.as_deref().map(str::to_ascii_lowercase),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_id_must_be_a_uuid() {
        let mut s = Submission::from_scores("x", [3; 9]);
        s.client_id = Some("3F2C9A70-5B1E-4D2A-9C7E-0A1B2C3D4E5F".into());
        assert_eq!(s.validate(|_| true).unwrap().client_id.as_deref(), Some("3f2c9a70-5b1e-4d2a-9c7e-0a1b2c3d4e5f"));
        s.client_id = Some("3f2c9a70-5b1e-4d2a-9c7e".into());
        assert_eq!(s.validate(|_| true).unwrap_err().field, "client_id");
        assert!(is_uuid("00000000-0000-0000-0000-000000000000"));
        assert!(!is_uuid("00000000x0000-0000-0000-000000000000"));
    }

    fn known(code: &str) -> bool {
        code == "publikasi-media-sosial"
    }

    #[test]
    fn a_complete_submission_is_valid() {
        let s = Submission::from_scores("publikasi-media-sosial", [4, 3, 3, 4, 3, 4, 4, 3, 2]);
        let v = s.validate(known).unwrap();
        assert_eq!(v.scores, [4, 3, 3, 4, 3, 4, 4, 3, 2]);
    }

    #[test]
    fn refusals_name_the_field() {
        let mut s = Submission::from_scores("publikasi-media-sosial", [4; 9]);
        s.answers.insert("u3".into(), 5);
        assert_eq!(s.validate(known).unwrap_err().field, "answers.u3");
        s.answers.remove("u3");
        assert_eq!(s.validate(known).unwrap_err().field, "answers.u3");
        let s = Submission::from_scores("nope", [4; 9]);
        assert_eq!(s.validate(known).unwrap_err().field, "service");
        let mut s = Submission::from_scores("publikasi-media-sosial", [4; 9]);
        s.answers.insert("u10".into(), 4);
        assert_eq!(s.validate(known).unwrap_err().field, "answers.u10");
        let mut s = Submission::from_scores("publikasi-media-sosial", [4; 9]);
        s.profile.age = Some(7);
        assert_eq!(s.validate(known).unwrap_err().field, "profile.age");
    }

    #[test]
    fn json_shape_is_keyed_by_element() {
        let json = r#"{"service":"publikasi-media-sosial","answers":{"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":1,"u9":2},"profile":{"gender":"P","age":34,"education":"D4/S1","occupation":"PNS"},"suggestion":"  Terima kasih  "}"#;
        let s: Submission = serde_json::from_str(json).unwrap();
        let v = s.validate(known).unwrap();
        assert_eq!(v.scores[7], 1);
        assert_eq!(v.scores[8], 2);
        assert_eq!(v.suggestion.as_deref(), Some("Terima kasih"));
    }
}

/// The header of the canonical responses CSV, in column order (docs/data-formats.md).
pub const CSV_HEADER: [&str; 17] = [
    "id",
    "submitted_at",
    "service",
    "u1",
    "u2",
    "u3",
    "u4",
    "u5",
    "u6",
    "u7",
    "u8",
    "u9",
    "gender",
    "age",
    "education",
    "occupation",
    "suggestion",
];

/// One row of the canonical responses CSV (docs/data-formats.md), in header order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseRecord {
    /// Respondent ID (a UUID for responses collected by the survey).
    pub id: String,
    /// When the survey was submitted, RFC 3339 with offset (`2026-01-05T09:14:00+07:00`).
    pub submitted_at: String,
    /// Service code.
    pub service: String,
    /// Score of U1, empty when unanswered.
    pub u1: Option<u8>,
    /// Score of U2.
    pub u2: Option<u8>,
    /// Score of U3.
    pub u3: Option<u8>,
    /// Score of U4.
    pub u4: Option<u8>,
    /// Score of U5.
    pub u5: Option<u8>,
    /// Score of U6.
    pub u6: Option<u8>,
    /// Score of U7.
    pub u7: Option<u8>,
    /// Score of U8.
    pub u8: Option<u8>,
    /// Score of U9.
    pub u9: Option<u8>,
    /// `L` or `P`.
    pub gender: Option<crate::profile::Gender>,
    /// Age in years.
    pub age: Option<u8>,
    /// Education code.
    pub education: Option<crate::profile::Education>,
    /// Occupation code.
    pub occupation: Option<crate::profile::Occupation>,
    /// Saran.
    pub suggestion: Option<String>,
}

impl ResponseRecord {
    /// The record of a validated submission.
    pub fn new(id: String, submitted_at: String, s: &ValidSubmission) -> ResponseRecord {
        ResponseRecord::from_parts(
            id,
            submitted_at,
            s.service.clone(),
            s.scores.map(Some),
            s.profile.clone(),
            s.suggestion.clone(),
        )
    }

    /// A record from its parts: scores in element order (U1 first), profile, suggestion.
    pub fn from_parts(
        id: String,
        submitted_at: String,
        service: String,
        scores: [Option<u8>; 9],
        profile: Profile,
        suggestion: Option<String>,
    ) -> ResponseRecord {
        let [u1, u2, u3, u4, u5, u6, u7, u8, u9] = scores;
        let Profile { gender, age, education, occupation } = profile;
        ResponseRecord {
            id,
            submitted_at,
            service,
            u1,
            u2,
            u3,
            u4,
            u5,
            u6,
            u7,
            u8,
            u9,
            gender,
            age,
            education,
            occupation,
            suggestion,
        }
    }

    /// The nine scores in element order.
    pub fn scores(&self) -> [Option<u8>; 9] {
        [self.u1, self.u2, self.u3, self.u4, self.u5, self.u6, self.u7, self.u8, self.u9]
    }
}
