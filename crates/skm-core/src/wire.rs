//! A submission as JSON on the wire: decoded with the field named in every refusal, in both
//! languages, instead of the parser's English.

use crate::profile::{AGE_RANGE, EDUCATIONS, GENDERS, OCCUPATIONS};
use crate::response::Submission;

/// Why a body is not a submission: the field concerned (none when the body is not JSON at all)
/// and the reason in both languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message_id} / {message_en}", field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default())]
pub struct DecodeError {
    /// The field (`profile.age`, `answers.u3`), when the problem is in one.
    pub field: Option<String>,
    /// The reason in Bahasa Indonesia.
    pub message_id: String,
    /// The reason in English.
    pub message_en: String,
}

/// Decodes a submission from a request body.
pub fn decode_submission(body: &[u8]) -> Result<Submission, DecodeError> {
    if body.trim_ascii().is_empty() {
        return Err(DecodeError {
            field: None,
            message_id: "isi permintaan kosong; kirim jawaban survei sebagai JSON".to_owned(),
            message_en: "the body is empty; send the survey response as JSON".to_owned(),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let submission: Submission = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        explain(&path, e.inner())
    })?;
    de.end().map_err(|e| explain(".", &e))?;
    Ok(submission)
}

/// The parser's message without its position.
fn bare(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The name between the first pair of backticks of a message (`unknown field `hobby``).
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// The path of a field named in a message: `parent.child`, unless the parent already ends
/// with it.
fn join(parent: &str, child: &str) -> String {
    if parent == "." || parent.is_empty() || parent == child {
        child.to_owned()
    } else if parent.ends_with(&format!(".{child}")) {
        parent.to_owned()
    } else {
        format!("{parent}.{child}")
    }
}

fn codes<T>(choices: &[crate::profile::Choice<T>]) -> String {
    choices.iter().map(|c| format!("\"{}\"", c.code)).collect::<Vec<_>>().join(", ")
}

/// What a field must hold, in both languages.
fn expected(field: &str) -> (String, String) {
    let both = |id: &str, en: &str| (id.to_owned(), en.to_owned());
    match field {
        "service" => both("kode layanan berupa teks", "a service code as text"),
        "answers" => both("objek nilai u1 sampai u9", "an object of scores u1 to u9"),
        f if f.starts_with("answers.") => both("bilangan bulat 1–4", "a whole number 1–4"),
        "profile" => both(
            "objek profil (gender, age, education, occupation)",
            "a profile object (gender, age, education, occupation)",
        ),
        "profile.gender" => (format!("salah satu dari {}", codes(&GENDERS)), format!("one of {}", codes(&GENDERS))),
        "profile.age" => {
            let (low, high) = (AGE_RANGE.start(), AGE_RANGE.end());
            (format!("bilangan bulat tahun {low}–{high}"), format!("a whole number of years {low}–{high}"))
        }
        "profile.education" => {
            (format!("salah satu dari {}", codes(&EDUCATIONS)), format!("one of {}", codes(&EDUCATIONS)))
        }
        "profile.occupation" => {
            (format!("salah satu dari {}", codes(&OCCUPATIONS)), format!("one of {}", codes(&OCCUPATIONS)))
        }
        "suggestion" => both("teks", "text"),
        "client_id" => both("UUID berupa teks", "a UUID as text"),
        _ => both("objek JSON jawaban survei", "a survey response as a JSON object"),
    }
}

fn explain(path: &str, e: &serde_json::Error) -> DecodeError {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    match e.classify() {
        Category::Syntax | Category::Io => DecodeError {
            field: None,
            message_id: format!("isi permintaan bukan JSON yang sah (baris {line}, kolom {column})"),
            message_en: format!("the body is not valid JSON (line {line}, column {column})"),
        },
        Category::Eof => DecodeError {
            field: None,
            message_id: format!("JSON terpotong sebelum selesai (baris {line}, kolom {column})"),
            message_en: format!("the JSON ends before it is complete (line {line}, column {column})"),
        },
        Category::Data => {
            // A body that is an array, not an object, has no field worth naming.
            let path = if path.starts_with('[') { "." } else { path };
            let message = bare(e);
            // A field the message names; `{}` in the words stands for it.
            let named = |id: &str, en: &str| {
                let field = join(path, quoted(&message).unwrap_or_default());
                DecodeError {
                    message_id: id.replace("{}", &field),
                    message_en: en.replace("{}", &field),
                    field: Some(field),
                }
            };
            if message.starts_with("unknown field") {
                named("kolom '{}' tidak dikenal", "unknown field '{}'")
            } else if message.starts_with("missing field") {
                named("kolom '{}' wajib ada", "field '{}' is required")
            } else if message.starts_with("duplicate field") {
                named("kolom '{}' dikirim lebih dari sekali", "field '{}' is sent more than once")
            } else {
                let field = if path == "." { None } else { Some(path.to_owned()) };
                let (id, en) = expected(path);
                let shown = field.as_deref().map_or_else(String::new, |f| format!(" '{f}'"));
                DecodeError {
                    message_id: format!("nilai{shown} tidak sah; harus {id}"),
                    message_en: format!("invalid value{shown}; expected {en}"),
                    field,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"service":"publikasi-media-sosial","answers":{"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4}"#;

    fn with(extra: &str) -> String {
        format!("{GOOD}{extra}}}")
    }

    fn refusal(body: &str) -> DecodeError {
        match decode_submission(body.as_bytes()) {
            Ok(s) => panic!("accepted {body}: {s:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn a_good_body_decodes() {
        let s = decode_submission(with(r#","profile":{"gender":"P","age":34}"#).as_bytes()).unwrap();
        assert_eq!(s.profile.age, Some(34));
    }

    #[test]
    fn every_refusal_names_its_field_in_both_languages() {
        let cases = [
            (with(r#","profile":{"age":"tiga puluh"}"#), "profile.age", "whole number of years 15–100"),
            (with(r#","profile":{"age":300}"#), "profile.age", "whole number of years"),
            (with(r#","profile":{"hobby":"catur"}"#), "profile.hobby", "unknown field"),
            (with(r#","profile":{"gender":"X"}"#), "profile.gender", r#"one of "L", "P""#),
            (with(r#","extra":1"#), "extra", "unknown field"),
            (with(r#","suggestion":42"#), "suggestion", "expected text"),
            (with(r#","service":"lagi""#), "service", "more than once"),
            (GOOD.replace(r#""u3":4"#, r#""u3":"empat""#) + "}", "answers.u3", "whole number 1–4"),
            (GOOD.replace(r#""u3":4"#, r#""u3":-1"#) + "}", "answers.u3", "whole number 1–4"),
            (r#"{"answers":{}}"#.to_owned(), "service", "is required"),
        ];
        for (body, field, words) in cases {
            let e = refusal(&body);
            assert_eq!(e.field.as_deref(), Some(field), "{body}: {e}");
            assert!(e.message_en.contains(words), "{body}: {e}");
            assert!(e.message_id.contains(field) && !e.message_id.contains("expected"), "{body}: {e}");
        }
    }

    #[test]
    fn bodies_that_are_not_json_say_where() {
        let trailing = with("") + " x";
        assert!(refusal(" \n").message_en.contains("the body is empty"));
        for body in ["{\"service\":", r#"{"service":"x","answers":{"u1":4"#, "not json", trailing.as_str()] {
            let e = refusal(body);
            assert_eq!(e.field, None, "{body}");
            assert!(e.message_en.contains("line 1"), "{body}: {e}");
            assert!(e.message_id.contains("baris 1"), "{body}: {e}");
        }
        let e = refusal("[1,2]");
        assert!(e.message_en.contains("a survey response as a JSON object"), "{e}");
    }
}
