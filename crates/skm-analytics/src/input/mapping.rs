//! The vocabulary of responses files: which header is which field, which answer text is which
//! score, which service name is which code. The default fits the standard questionnaire
//! (`data/mappings/google-forms.toml`); an office's own mapping file refines it.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use skm_core::catalog::Catalog;
use skm_core::issue::IssueKind;
use skm_core::{Element, ELEMENTS};

use crate::AnalyticsError;

/// The built-in mapping for Google Forms exports of the standard SKM form.
const BUILTIN: &str = include_str!("../../../../data/mappings/google-forms.toml");

/// A field of a response, as a column of a file may hold it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    Id,
    SubmittedAt,
    Service,
    Score(Element),
    Gender,
    Age,
    Education,
    Occupation,
    Suggestion,
    Channel,
}

/// Every field, in the order of the canonical header.
pub(crate) const FIELDS: [Field; 18] = [
    Field::Id,
    Field::SubmittedAt,
    Field::Service,
    Field::Score(Element::U1),
    Field::Score(Element::U2),
    Field::Score(Element::U3),
    Field::Score(Element::U4),
    Field::Score(Element::U5),
    Field::Score(Element::U6),
    Field::Score(Element::U7),
    Field::Score(Element::U8),
    Field::Score(Element::U9),
    Field::Gender,
    Field::Age,
    Field::Education,
    Field::Occupation,
    Field::Suggestion,
    Field::Channel,
];

impl Field {
    /// The field's column name in the canonical CSV.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::SubmittedAt => "submitted_at",
            Field::Service => "service",
            Field::Score(e) => e.column(),
            Field::Gender => "gender",
            Field::Age => "age",
            Field::Education => "education",
            Field::Occupation => "occupation",
            Field::Suggestion => "suggestion",
            Field::Channel => "channel",
        }
    }

    fn from_name(name: &str) -> Option<Field> {
        FIELDS.into_iter().find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// Lower-case words of a text, without punctuation: how headers and answers are compared.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// An answer text reduced for lookup: its words, without a leading `a.`/`1.` or a trailing `(4)`.
fn answer_key(text: &str) -> String {
    let mut w = words(text);
    let is_marker = |s: &str| matches!(s, "a" | "b" | "c" | "d" | "1" | "2" | "3" | "4");
    if w.len() > 1 && is_marker(&w[0]) {
        w.remove(0);
    }
    if w.len() > 1 && w.last().is_some_and(|s| is_marker(s)) {
        w.pop();
    }
    w.join(" ")
}

/// Headers, answers and services as an office's files write them.
#[derive(Debug, Clone)]
pub struct Mapping {
    columns: Vec<(Field, Vec<Vec<String>>)>,
    answers: Vec<HashMap<String, u8>>,
    services: HashMap<String, String>,
    /// The catalog codes as written, with what [`Mapping::service`] makes of them: the cells
    /// of canonical files, found without reducing them to words first.
    exact_codes: HashMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    #[serde(default)]
    columns: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    answers: BTreeMap<String, BTreeMap<String, u8>>,
    #[serde(default)]
    services: BTreeMap<String, String>,
}

impl Mapping {
    /// The built-in mapping: the standard questionnaire and the catalog's service names.
    pub fn builtin() -> Result<Mapping, AnalyticsError> {
        let mut mapping = Mapping {
            columns: Vec::new(),
            answers: vec![HashMap::new(); 9],
            services: HashMap::new(),
            exact_codes: HashMap::new(),
        };
        for e in ELEMENTS {
            for score in 1..=4u8 {
                if let Some(text) = e.answer(score) {
                    mapping.answers[e.index()].insert(answer_key(text.id), score);
                    mapping.answers[e.index()].insert(answer_key(text.en), score);
                }
                mapping.answers[e.index()].insert(["a", "b", "c", "d"][usize::from(score - 1)].to_owned(), score);
            }
        }
        if let Ok(catalog) = Catalog::builtin() {
            for s in catalog.standards() {
                mapping.services.insert(answer_key(&s.name), s.code.clone());
                mapping.services.insert(answer_key(&s.name_en), s.code.clone());
                mapping.services.insert(answer_key(&s.code), s.code.clone());
                mapping.exact_codes.insert(s.code.clone(), s.code.clone());
            }
        }
        mapping.apply("google-forms.toml (bawaan / built-in)", BUILTIN)?;
        Ok(mapping)
    }

    /// The built-in mapping refined by an office's mapping file.
    pub fn with_file(file: &str, text: &str) -> Result<Mapping, AnalyticsError> {
        let mut mapping = Mapping::builtin()?;
        mapping.apply(file, text)?;
        Ok(mapping)
    }

    fn apply(&mut self, file: &str, text: &str) -> Result<(), AnalyticsError> {
        let invalid = |message: String| AnalyticsError::Mapping { file: file.to_owned(), message };
        let parsed: MappingFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        for (name, phrases) in parsed.columns {
            let field = Field::from_name(&name).ok_or_else(|| {
                invalid(format!(
                    "kolom '{name}' tidak dikenal / unknown column '{name}' (expected one of {})",
                    FIELDS.map(Field::name).join(", ")
                ))
            })?;
            let phrases: Vec<Vec<String>> = phrases.iter().map(|p| words(p)).filter(|w| !w.is_empty()).collect();
            self.columns.retain(|(f, _)| *f != field);
            self.columns.push((field, phrases));
        }
        for (name, answers) in parsed.answers {
            let element = Element::from_id(&name)
                .ok_or_else(|| invalid(format!("[answers.{name}]: bukan unsur u1–u9 / not an element u1–u9")))?;
            for (text, score) in answers {
                if !(1..=4).contains(&score) {
                    return Err(invalid(format!(
                        "[answers.{name}] '{text}' = {score}: nilai harus 1–4 / score must be 1–4"
                    )));
                }
                self.answers[element.index()].insert(answer_key(&text), score);
            }
        }
        for (text, code) in parsed.services {
            self.services.insert(answer_key(&text), code.trim().to_owned());
        }
        // Whatever the file mapped, a code written as is reads as the word lookup reads it.
        let services = &self.services;
        self.exact_codes.retain(|code, mapped| match services.get(&answer_key(code)) {
            Some(now) => {
                mapped.clone_from(now);
                true
            }
            None => false,
        });
        Ok(())
    }

    /// The phrases that identify a field's column in a form export.
    pub(crate) fn phrases(&self, field: Field) -> &[Vec<String>] {
        self.columns.iter().find(|(f, _)| *f == field).map_or(&[], |(_, p)| p.as_slice())
    }

    /// The field a form header belongs to, with the length of the phrase that matched; `Err`
    /// names the fields that tie.
    pub(crate) fn field_of_header(&self, header: &str) -> Result<Option<Field>, Vec<Field>> {
        let header = words(header);
        let contains = |phrase: &[String]| header.windows(phrase.len()).any(|w| w == phrase);
        let mut best: Vec<(usize, Field)> = Vec::new();
        for (field, phrases) in &self.columns {
            let Some(len) = phrases.iter().filter(|p| !p.is_empty() && contains(p)).map(Vec::len).max() else {
                continue;
            };
            best.push((len, *field));
        }
        let Some(top) = best.iter().map(|(len, _)| *len).max() else { return Ok(None) };
        let winners: Vec<Field> = best.iter().filter(|(len, _)| *len == top).map(|(_, f)| *f).collect();
        match winners.as_slice() {
            [one] => Ok(Some(*one)),
            _ => Err(winners),
        }
    }

    /// The score of a cell of an element's column: a number 1–4 or a known answer text.
    pub(crate) fn score(&self, element: Element, cell: &str) -> Result<Option<u8>, IssueKind> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(None);
        }
        // The common case, a bare digit, without the general number parse.
        if let [digit @ b'1'..=b'4'] = cell.as_bytes() {
            return Ok(Some(digit - b'0'));
        }
        if let Ok(number) = cell.replace(',', ".").parse::<f64>() {
            return if number.fract() == 0.0 && (1.0..=4.0).contains(&number) {
                Ok(Some(number as u8))
            } else {
                Err(IssueKind::ScoreOutOfRange)
            };
        }
        self.answers[element.index()].get(&answer_key(cell)).copied().map(Some).ok_or(IssueKind::UnknownAnswer)
    }

    /// The service code of a cell: a known service name or code, else the text as written.
    pub(crate) fn service(&self, cell: &str) -> String {
        if let Some(code) = self.exact_codes.get(cell.trim()) {
            return code.clone();
        }
        self.services.get(&answer_key(cell)).cloned().unwrap_or_else(|| cell.trim().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_mapping_reads_the_standard_questions() {
        let m = Mapping::builtin().unwrap();
        for e in ELEMENTS {
            let question = format!("{}. {}", e.index() + 1, e.text().question.id);
            assert_eq!(m.field_of_header(&question), Ok(Some(Field::Score(e))), "{question}");
            assert_eq!(m.field_of_header(&format!("Penilaian [{}]", e.text().name.id)), Ok(Some(Field::Score(e))));
        }
        assert_eq!(m.field_of_header("Stempel waktu"), Ok(Some(Field::SubmittedAt)));
        assert_eq!(m.field_of_header("Saran dan masukan untuk perbaikan"), Ok(Some(Field::Suggestion)));
        assert_eq!(m.field_of_header("Alamat email"), Ok(None));
    }

    #[test]
    fn answers_by_text_marker_or_number() {
        let m = Mapping::builtin().unwrap();
        assert_eq!(m.score(Element::U1, "Sangat sesuai"), Ok(Some(4)));
        assert_eq!(m.score(Element::U1, " d. Sangat Sesuai "), Ok(Some(4)));
        assert_eq!(m.score(Element::U4, "Gratis"), Ok(Some(4)));
        assert_eq!(m.score(Element::U4, "Cukup mahal (2)"), Ok(Some(2)));
        assert_eq!(m.score(Element::U8, "Cukup"), Ok(Some(2)));
        assert_eq!(m.score(Element::U9, "Ada tetapi tidak berfungsi"), Ok(Some(2)));
        assert_eq!(m.score(Element::U1, "3"), Ok(Some(3)));
        assert_eq!(m.score(Element::U1, "3,0"), Ok(Some(3)));
        assert_eq!(m.score(Element::U1, ""), Ok(None));
        assert_eq!(m.score(Element::U1, "5"), Err(IssueKind::ScoreOutOfRange));
        assert_eq!(m.score(Element::U1, "2.5"), Err(IssueKind::ScoreOutOfRange));
        assert_eq!(m.score(Element::U1, "Lumayan"), Err(IssueKind::UnknownAnswer));
        // An answer of another element is not this element's answer.
        assert_eq!(m.score(Element::U1, "Gratis"), Err(IssueKind::UnknownAnswer));
    }

    #[test]
    fn services_by_name_or_code() {
        let m = Mapping::builtin().unwrap();
        assert_eq!(m.service("publikasi-media-sosial"), "publikasi-media-sosial");
        assert_eq!(m.service("Live Streaming"), "video-conference-streaming");
        assert_eq!(m.service(" Layanan Lain "), "Layanan Lain");
    }

    #[test]
    fn an_office_file_refines_the_default() {
        let m = Mapping::with_file(
            "kantor.toml",
            "[columns]\nu3 = [\"lama proses\"]\n[answers.u3]\n\"Lambat sekali\" = 1\n",
        )
        .unwrap();
        assert_eq!(m.field_of_header("Lama proses layanan"), Ok(Some(Field::Score(Element::U3))));
        assert_eq!(m.field_of_header("kecepatan waktu"), Ok(None));
        assert_eq!(m.score(Element::U3, "Lambat sekali"), Ok(Some(1)));
        let bad = Mapping::with_file("kantor.toml", "[answers.u3]\n\"x\" = 7\n").unwrap_err().to_string();
        assert!(bad.contains("kantor.toml") && bad.contains("1–4"), "{bad}");
        let bad = Mapping::with_file("kantor.toml", "[columns]\nnama = [\"nama\"]\n").unwrap_err().to_string();
        assert!(bad.contains("unknown column 'nama'"), "{bad}");
    }
}
