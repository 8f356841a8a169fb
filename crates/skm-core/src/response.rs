//! A citizen's submission of the survey and the rules it must satisfy.
//!
//! The same rules run in the browser (before sending) and on the server (before storing).

use serde::{Deserialize, Serialize};

use crate::channel::Channel;

use crate::instrument::{Element, ELEMENTS, SCORE_RANGE};
use crate::profile::{Profile, AGE_RANGE};

/// The longest suggestion accepted, in characters.
pub const MAX_SUGGESTION_CHARS: usize = 2000;

/// A submission as the survey sends it: answers keyed by element (`u1` … `u9`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Code of the unit whose service it was; may be left out where the service's code is
    /// used by one unit only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Code of the service received (a code of the catalog).
    pub service: String,
    /// Scores 1–4 keyed by element column (`u1` … `u9`).
    pub answers: Answers,
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
    /// How the respondent came to the survey (`link`, or `qr` when the address had `?via=qr`);
    /// a link when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Channel>,
}

/// The answers of a submission as they were sent: every key, in order. A key sent twice (`u1`
/// and `U1`, or `u1` twice) is kept here so that validation refuses it, rather than one of the
/// two being dropped silently while parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers(pub Vec<(String, u8)>);

impl Answers {
    /// Sets the score under `key`, replacing one sent under the same key.
    pub fn insert(&mut self, key: String, score: u8) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(pair) => pair.1 = score,
            None => self.0.push((key, score)),
        }
    }

    /// Takes away the score under `key`.
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }
}

impl FromIterator<(String, u8)> for Answers {
    fn from_iter<I: IntoIterator<Item = (String, u8)>>(pairs: I) -> Answers {
        Answers(pairs.into_iter().collect())
    }
}

impl Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, score) in &self.0 {
            map.serialize_entry(key, score)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Answers, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = Answers;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of scores keyed u1 to u9")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(9).min(16));
                while let Some((key, score)) = map.next_entry::<String, u8>()? {
                    pairs.push((key, score));
                }
                Ok(Answers(pairs))
            }
        }
        deserializer.deserialize_map(Pairs)
    }
}

/// The text as stored: line breaks kept (as `\n`), tabs kept, every other control character
/// (NUL, ESC, DEL, the C1 range) dropped.
pub fn without_controls(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect()
}

/// Whether a text is a UUID in its canonical 8-4-4-4-12 hexadecimal form.
pub fn is_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// The short code a respondent can read out for a receipt: the first eight hexadecimal digits of
/// its ID in capitals, in two groups (`3F2C-9A70`), the start of the ID column in every export.
/// Another text is given back in capitals as it is.
pub fn receipt_code(id: &str) -> String {
    let digits: String = id.chars().filter(char::is_ascii_hexdigit).take(8).collect();
    if is_uuid(id) {
        format!("{}-{}", &digits[..4], &digits[4..]).to_ascii_uppercase()
    } else {
        id.to_uppercase()
    }
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
    /// How it came: what the browser said (a link or a QR code); the server sets the kiosk and
    /// paper channels itself.
    pub channel: Channel,
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
            unit: None,
            service: service.to_owned(),
            answers: ELEMENTS.iter().map(|e| (e.column().to_owned(), scores[e.index()])).collect(),
            profile: Profile::default(),
            suggestion: None,
            client_id: None,
            via: None,
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
        let mut given: [Option<u8>; 9] = [None; 9];
        for (key, score) in &self.answers.0 {
            let Some(element) = Element::from_id(key) else {
                return Err(refuse(
                    format!("answers.{key}"),
                    "unsur tidak dikenal; yang ada u1 sampai u9",
                    "unknown element; expected u1 to u9",
                ));
            };
            let slot = &mut given[element.index()];
            if slot.is_some() {
                return Err(refuse(
                    format!("answers.{}", element.column()),
                    format!("unsur ini dijawab lebih dari sekali ('{key}'); kirim satu nilai saja"),
                    format!("this element is answered more than once ('{key}'); send one score only"),
                ));
            }
            *slot = Some(*score);
        }
        let mut scores = [0u8; 9];
        for element in ELEMENTS {
            let field = format!("answers.{}", element.column());
            let score = given[element.index()]
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
        let cleaned = self.suggestion.as_deref().map(without_controls);
        let suggestion = cleaned.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if let Some(s) = suggestion {
            if s.chars().count() > MAX_SUGGESTION_CHARS {
                return Err(refuse(
                    "suggestion",
                    format!("saran paling panjang {MAX_SUGGESTION_CHARS} karakter"),
                    format!("suggestion is longer than {MAX_SUGGESTION_CHARS} characters"),
                ));
            }
        }
        let channel = self.via.unwrap_or_default();
        if !channel.is_claimable() {
            return Err(SubmissionError {
                field: "via".to_owned(),
                message_id: format!("kanal '{}' diisi oleh server, bukan oleh peramban", channel.code()),
                message_en: format!("the channel '{}' is set by the server, not by the browser", channel.code()),
            });
        }
        Ok(ValidSubmission {
            service: self.service.clone(),
            scores,
            profile: self.profile.clone(),
            suggestion: suggestion.map(str::to_owned),
            client_id: self.client_id.as_deref().map(str::to_ascii_lowercase),
            channel,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_code_is_the_start_of_the_id() {
        assert_eq!(receipt_code("3f2c9a70-5b1e-4d2a-9c7e-0a1b2c3d4e5f"), "3F2C-9A70");
        assert_eq!(receipt_code("3F2C9A70-5B1E-4D2A-9C7E-0A1B2C3D4E5F"), "3F2C-9A70");
        assert_eq!(receipt_code("kertas-17"), "KERTAS-17");
    }

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
    fn an_element_answered_twice_is_refused_not_dropped() {
        for json in [
            r#"{"service":"publikasi-media-sosial","answers":{"U1":1,"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4}}"#,
            r#"{"service":"publikasi-media-sosial","answers":{"u1":1,"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4}}"#,
        ] {
            let s: Submission = serde_json::from_str(json).unwrap();
            let e = s.validate(known).unwrap_err();
            assert_eq!(e.field, "answers.u1", "{json}");
            assert!(e.message_en.contains("more than once"), "{e}");
        }
    }

    #[test]
    fn the_browser_says_link_or_qr_and_nothing_else() {
        let mut s = Submission::from_scores("publikasi-media-sosial", [4; 9]);
        assert_eq!(s.validate(known).unwrap().channel, Channel::Link);
        s.via = Some(Channel::Qr);
        assert_eq!(s.validate(known).unwrap().channel, Channel::Qr);
        for claimed in [Channel::Kiosk, Channel::Paper] {
            s.via = Some(claimed);
            assert_eq!(s.validate(known).unwrap_err().field, "via");
        }
        let json = r#"{"service":"publikasi-media-sosial","answers":{"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4},"via":"qr"}"#;
        assert_eq!(serde_json::from_str::<Submission>(json).unwrap().via, Some(Channel::Qr));
    }

    #[test]
    fn control_characters_are_dropped_from_the_suggestion() {
        let mut s = Submission::from_scores("publikasi-media-sosial", [4; 9]);
        s.suggestion = Some("\u{1b}[31mMerah\u{0}\r\nbaris dua\u{7f}\u{85}\tlagi\r".into());
        assert_eq!(s.validate(known).unwrap().suggestion.as_deref(), Some("[31mMerah\nbaris dua\tlagi"));
        s.suggestion = Some("\u{0}\u{1b}".into());
        assert_eq!(s.validate(known).unwrap().suggestion, None);
    }

    #[test]
    fn cells_are_what_serde_writes() {
        let record = ResponseRecord::from_parts(
            "r1".into(),
            "2026-03-17T09:00:00+07:00".into(),
            "internet-jaringan".into(),
            [Some(4), Some(3), None, Some(4), Some(3), Some(4), Some(4), Some(2), Some(3)],
            Profile {
                gender: Some(crate::profile::Gender::Female),
                age: Some(34),
                education: Some(crate::profile::Education::D4S1),
                occupation: Some(crate::profile::Occupation::Lainnya),
            },
            Some("Wi-Fi aula".into()),
        );
        let record = ResponseRecord { channel: Some(Channel::Qr), ..record };
        let serde: Vec<String> = match serde_json::to_value(&record).unwrap() {
            serde_json::Value::Object(map) => EXPORT_HEADER
                .iter()
                .map(|h| match &map[*h] {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect(),
            other => panic!("{other}"),
        };
        assert_eq!(record.cells().to_vec(), serde);
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

/// The columns of the server's export: the canonical ones, then `channel` (how each response
/// came; empty for those stored before channels were recorded). Readers take it as optional.
pub const EXPORT_HEADER: [&str; 18] = {
    let mut all = [""; 18];
    let mut i = 0;
    while i < 17 {
        all[i] = CSV_HEADER[i];
        i += 1;
    }
    all[17] = "channel";
    all
};

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
    /// How it came; `None` for responses stored before channels were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
}

impl ResponseRecord {
    /// The record of a validated submission.
    pub fn new(id: String, submitted_at: String, s: &ValidSubmission) -> ResponseRecord {
        let record = ResponseRecord::from_parts(
            id,
            submitted_at,
            s.service.clone(),
            s.scores.map(Some),
            s.profile.clone(),
            s.suggestion.clone(),
        );
        ResponseRecord { channel: Some(s.channel), ..record }
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
            channel: None,
        }
    }

    /// The nine scores in element order.
    pub fn scores(&self) -> [Option<u8>; 9] {
        [self.u1, self.u2, self.u3, self.u4, self.u5, self.u6, self.u7, self.u8, self.u9]
    }

    /// The row's cells as the server's export writes them, in [`EXPORT_HEADER`] order (an
    /// empty cell for what is not given).
    pub fn cells(&self) -> [String; 18] {
        use crate::profile::{code_of, EDUCATIONS, GENDERS, OCCUPATIONS};
        let number = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
        let profile = [
            self.gender.map(|g| code_of(&GENDERS, g).to_owned()).unwrap_or_default(),
            number(self.age),
            self.education.map(|e| code_of(&EDUCATIONS, e).to_owned()).unwrap_or_default(),
            self.occupation.map(|o| code_of(&OCCUPATIONS, o).to_owned()).unwrap_or_default(),
        ];
        let mut cells: [String; 18] = Default::default();
        cells[..3].clone_from_slice(&[self.id.clone(), self.submitted_at.clone(), self.service.clone()]);
        cells[3..12].clone_from_slice(&self.scores().map(number));
        cells[12..16].clone_from_slice(&profile);
        cells[16] = self.suggestion.clone().unwrap_or_default();
        cells[17] = self.channel.map(|c| c.code().to_owned()).unwrap_or_default();
        cells
    }
}
