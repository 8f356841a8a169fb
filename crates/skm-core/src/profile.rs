//! The respondent profile asked before the nine questions: gender, age, education, occupation.
//!
//! The values written in the canonical CSV are the codes printed on the paper questionnaire
//! (`L`/`P`, `SD` … `S3`, `PNS` … `Lainnya`).

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// Jenis kelamin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Gender {
    /// Laki-laki (male), written `L`.
    #[serde(rename = "L")]
    Male,
    /// Perempuan (female), written `P`.
    #[serde(rename = "P")]
    Female,
}

/// Pendidikan terakhir.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Education {
    /// Sekolah Dasar.
    #[serde(rename = "SD")]
    Sd,
    /// Sekolah Menengah Pertama.
    #[serde(rename = "SMP")]
    Smp,
    /// Sekolah Menengah Atas / sederajat.
    #[serde(rename = "SMA")]
    Sma,
    /// Diploma 1–3.
    #[serde(rename = "D1-D3")]
    D1D3,
    /// Diploma 4 / Sarjana.
    #[serde(rename = "D4/S1")]
    D4S1,
    /// Magister.
    #[serde(rename = "S2")]
    S2,
    /// Doktor.
    #[serde(rename = "S3")]
    S3,
}

/// Pekerjaan utama.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Occupation {
    /// Pegawai Negeri Sipil.
    #[serde(rename = "PNS")]
    Pns,
    /// Tentara Nasional Indonesia.
    #[serde(rename = "TNI")]
    Tni,
    /// Kepolisian.
    #[serde(rename = "POLRI")]
    Polri,
    /// Pegawai swasta.
    #[serde(rename = "Swasta")]
    Swasta,
    /// Wirausaha.
    #[serde(rename = "Wirausaha")]
    Wirausaha,
    /// Lainnya.
    #[serde(rename = "Lainnya")]
    Lainnya,
}

/// A choice of a profile question: its code in files and its label in both languages.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Choice<T: 'static> {
    /// The value.
    pub value: T,
    /// Code written in CSV files and sent by the survey.
    pub code: &'static str,
    /// Label shown to the respondent.
    pub label: Text,
}

const fn c<T>(value: T, code: &'static str, id: &'static str, en: &'static str) -> Choice<T> {
    Choice { value, code, label: Text { id, en } }
}

/// The gender choices in questionnaire order.
pub const GENDERS: [Choice<Gender>; 2] =
    [c(Gender::Male, "L", "Laki-laki", "Male"), c(Gender::Female, "P", "Perempuan", "Female")];

/// The education choices in questionnaire order.
pub const EDUCATIONS: [Choice<Education>; 7] = [
    c(Education::Sd, "SD", "SD", "Primary school"),
    c(Education::Smp, "SMP", "SMP", "Junior high school"),
    c(Education::Sma, "SMA", "SMA/sederajat", "Senior high school"),
    c(Education::D1D3, "D1-D3", "Diploma (D1–D3)", "Diploma (D1–D3)"),
    c(Education::D4S1, "D4/S1", "D4/S1", "Bachelor (D4/S1)"),
    c(Education::S2, "S2", "S2", "Master (S2)"),
    c(Education::S3, "S3", "S3", "Doctorate (S3)"),
];

/// The occupation choices in questionnaire order.
pub const OCCUPATIONS: [Choice<Occupation>; 6] = [
    c(Occupation::Pns, "PNS", "PNS", "Civil servant"),
    c(Occupation::Tni, "TNI", "TNI", "Armed forces"),
    c(Occupation::Polri, "POLRI", "POLRI", "Police"),
    c(Occupation::Swasta, "Swasta", "Pegawai swasta", "Private employee"),
    c(Occupation::Wirausaha, "Wirausaha", "Wirausaha", "Self-employed"),
    c(Occupation::Lainnya, "Lainnya", "Lainnya", "Other"),
];

/// Labels of the profile questions.
pub mod labels {
    use crate::i18n::Text;
    /// Jenis kelamin.
    pub const GENDER: Text = Text { id: "Jenis kelamin", en: "Gender" };
    /// Usia.
    pub const AGE: Text = Text { id: "Usia (tahun)", en: "Age (years)" };
    /// Pendidikan.
    pub const EDUCATION: Text = Text { id: "Pendidikan terakhir", en: "Highest education" };
    /// Pekerjaan.
    pub const OCCUPATION: Text = Text { id: "Pekerjaan utama", en: "Main occupation" };
    /// Saran.
    pub const SUGGESTION: Text = Text { id: "Saran dan masukan", en: "Suggestions" };
}

/// The youngest and oldest age the survey accepts.
pub const AGE_RANGE: std::ops::RangeInclusive<u8> = 15..=100;

/// Looks up a choice by its code (case-insensitive).
pub fn choice_by_code<T: Copy>(choices: &[Choice<T>], code: &str) -> Option<T> {
    choices.iter().find(|ch| ch.code.eq_ignore_ascii_case(code.trim())).map(|ch| ch.value)
}

/// The code of a value among the choices.
pub fn code_of<T: Copy + PartialEq>(choices: &[Choice<T>], value: T) -> &'static str {
    choices.iter().find(|ch| ch.value == value).map_or("", |ch| ch.code)
}

/// The respondent profile; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Jenis kelamin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Usia in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u8>,
    /// Pendidikan terakhir.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    /// Pekerjaan utama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<Occupation>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_serde() {
        for ch in EDUCATIONS {
            let json = serde_json::to_string(&ch.value).unwrap();
            assert_eq!(json, format!("\"{}\"", ch.code));
            assert_eq!(choice_by_code(&EDUCATIONS, ch.code), Some(ch.value));
        }
        for ch in OCCUPATIONS {
            let json = serde_json::to_string(&ch.value).unwrap();
            assert_eq!(json, format!("\"{}\"", ch.code));
        }
        assert_eq!(choice_by_code(&GENDERS, "p"), Some(Gender::Female));
    }
}
