//! The respondent profile asked before the nine questions: gender, age, education, occupation.
//!
//! The values written in the canonical CSV are the codes printed on the paper questionnaire
//! (`L`/`P`, `SD` … `S3`, `PNS` … `Lainnya`).

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};

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
    /// A profile question the respondent left empty.
    pub const NOT_GIVEN: Text = Text { id: "Tidak diisi", en: "Not given" };
    /// A response stored before its channel was recorded.
    pub const NOT_RECORDED: Text = Text { id: "Tidak tercatat", en: "Not recorded" };
}

/// The youngest and oldest age the survey accepts.
pub const AGE_RANGE: std::ops::RangeInclusive<u8> = 15..=100;

/// Other ways files write the profile answers, by code: older school names, gender words.
const ALIASES: [(&str, &[&str]); 12] = [
    ("L", &["laki-laki", "laki laki", "pria", "male", "m"]),
    ("P", &["perempuan", "wanita", "female", "f", "w"]),
    ("SD", &["sd/sederajat", "mi"]),
    ("SMP", &["smp/sederajat", "sltp", "mts"]),
    ("SMA", &["sma/smk", "smk", "slta", "ma", "sma/sederajat"]),
    ("D1-D3", &["d1", "d2", "d3", "diploma", "d1/d2/d3", "d1-d3", "d1–d3"]),
    ("D4/S1", &["s1", "d4", "s1/d4", "sarjana", "d4/s1"]),
    ("S2", &["magister", "master"]),
    ("S3", &["doktor", "doctorate"]),
    ("Swasta", &["pegawai swasta", "karyawan swasta", "karyawan"]),
    ("Wirausaha", &["wiraswasta", "pengusaha"]),
    ("Lainnya", &["lain-lain", "lainnya", "other", "pelajar/mahasiswa", "pelajar", "mahasiswa"]),
];

/// Looks up a choice by what a file writes: its code, its label in either language, or a
/// common alias (`Laki-laki`, `S1`, `SLTA`, `Wiraswasta`); case and spacing are ignored.
pub fn choice_from_text<T: Copy>(choices: &[Choice<T>], text: &str) -> Option<T> {
    // The canonical files hold the codes themselves: found without building a lowercase copy.
    if let Some(ch) = choices.iter().find(|ch| ch.code.eq_ignore_ascii_case(text.trim())) {
        return Some(ch.value);
    }
    let wanted = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    choices
        .iter()
        .find(|ch| {
            ch.code.eq_ignore_ascii_case(&wanted)
                || ch.label.id.to_lowercase() == wanted
                || ch.label.en.to_lowercase() == wanted
                || ALIASES.iter().any(|(code, words)| *code == ch.code && words.contains(&wanted.as_str()))
        })
        .map(|ch| ch.value)
}

/// An age band of the report's respondent profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AgeBand {
    /// 20 years or younger.
    #[serde(rename = "<=20")]
    UpTo20,
    /// 21–30 years.
    #[serde(rename = "21-30")]
    From21To30,
    /// 31–40 years.
    #[serde(rename = "31-40")]
    From31To40,
    /// 41–50 years.
    #[serde(rename = "41-50")]
    From41To50,
    /// 51–60 years.
    #[serde(rename = "51-60")]
    From51To60,
    /// Older than 60.
    #[serde(rename = ">60")]
    Over60,
}

/// The age bands in order, with their codes and labels.
pub const AGE_BANDS: [Choice<AgeBand>; 6] = [
    c(AgeBand::UpTo20, "<=20", "≤ 20 tahun", "≤ 20 years"),
    c(AgeBand::From21To30, "21-30", "21–30 tahun", "21–30 years"),
    c(AgeBand::From31To40, "31-40", "31–40 tahun", "31–40 years"),
    c(AgeBand::From41To50, "41-50", "41–50 tahun", "41–50 years"),
    c(AgeBand::From51To60, "51-60", "51–60 tahun", "51–60 years"),
    c(AgeBand::Over60, ">60", "> 60 tahun", "> 60 years"),
];

impl AgeBand {
    /// The band of an age in years.
    pub fn of_age(age: u8) -> AgeBand {
        match age {
            0..=20 => AgeBand::UpTo20,
            21..=30 => AgeBand::From21To30,
            31..=40 => AgeBand::From31To40,
            41..=50 => AgeBand::From41To50,
            51..=60 => AgeBand::From51To60,
            _ => AgeBand::Over60,
        }
    }
}

/// Reads an age as files write it (`34`, `34 tahun`, `34.0`); `None` unless it is within [`AGE_RANGE`].
pub fn parse_age(text: &str) -> Option<u8> {
    let text = text.trim();
    // A slice, not a new string: a file has an age on each of a million rows.
    let (digits, rest) = text.split_at(text.bytes().take_while(u8::is_ascii_digit).count());
    let rest = rest.trim();
    let rest_ok = rest.is_empty()
        || rest.eq_ignore_ascii_case("tahun")
        || rest.eq_ignore_ascii_case("th")
        || rest.trim_start_matches(['.', ',']).chars().all(|c| c == '0');
    let age: u8 = digits.parse().ok()?;
    (rest_ok && AGE_RANGE.contains(&age)).then_some(age)
}

/// Which question of the profile a breakdown is by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileField {
    /// Jenis kelamin.
    Gender,
    /// Usia, in bands.
    AgeBand,
    /// Pendidikan.
    Education,
    /// Pekerjaan.
    Occupation,
    /// How the survey was filled (link, QR code, kiosk, paper): not asked, recorded.
    Channel,
}

/// The profile fields in the order reports show them, the channel last.
pub const PROFILE_FIELDS: [ProfileField; 5] = [
    ProfileField::Gender,
    ProfileField::AgeBand,
    ProfileField::Education,
    ProfileField::Occupation,
    ProfileField::Channel,
];

impl ProfileField {
    /// The column name in tables (`gender`, `age_band`, `education`, `occupation`).
    pub fn column(self) -> &'static str {
        match self {
            ProfileField::Gender => "gender",
            ProfileField::AgeBand => "age_band",
            ProfileField::Education => "education",
            ProfileField::Occupation => "occupation",
            ProfileField::Channel => "channel",
        }
    }

    /// The question's label.
    pub fn label(self) -> Text {
        match self {
            ProfileField::Gender => labels::GENDER,
            ProfileField::AgeBand => Text { id: "Kelompok usia", en: "Age group" },
            ProfileField::Education => labels::EDUCATION,
            ProfileField::Occupation => labels::OCCUPATION,
            ProfileField::Channel => Text { id: "Cara mengisi survei", en: "How the survey was filled" },
        }
    }

    /// The codes of its answers, in questionnaire order.
    pub fn codes(self) -> Vec<&'static str> {
        match self {
            ProfileField::Gender => GENDERS.iter().map(|c| c.code).collect(),
            ProfileField::AgeBand => AGE_BANDS.iter().map(|c| c.code).collect(),
            ProfileField::Education => EDUCATIONS.iter().map(|c| c.code).collect(),
            ProfileField::Occupation => OCCUPATIONS.iter().map(|c| c.code).collect(),
            ProfileField::Channel => crate::channel::CHANNELS.iter().map(|c| c.code).collect(),
        }
    }

    /// The label of one of its answers, by code.
    pub fn value_label(self, code: &str) -> Option<Text> {
        fn find<T>(choices: &[Choice<T>], code: &str) -> Option<Text> {
            choices.iter().find(|c| c.code == code).map(|c| c.label)
        }
        match self {
            ProfileField::Gender => find(&GENDERS, code),
            ProfileField::AgeBand => find(&AGE_BANDS, code),
            ProfileField::Education => find(&EDUCATIONS, code),
            ProfileField::Occupation => find(&OCCUPATIONS, code),
            ProfileField::Channel => find(&crate::channel::CHANNELS, code),
        }
    }

    /// How a breakdown row's answer reads: its label, the code itself if unknown, or
    /// "Tidak diisi" for no answer.
    pub fn answer_label(self, value: Option<&str>, lang: Lang) -> String {
        match value {
            Some(code) => self.value_label(code).map_or_else(|| code.to_owned(), |t| t.get(lang).to_owned()),
            None if self == ProfileField::Channel => labels::NOT_RECORDED.get(lang).to_owned(),
            None => labels::NOT_GIVEN.get(lang).to_owned(),
        }
    }
}

/// Looks up a choice by its code (case-insensitive).
pub fn choice_by_code<T: Copy>(choices: &[Choice<T>], code: &str) -> Option<T> {
    choices.iter().find(|ch| ch.code.eq_ignore_ascii_case(code.trim())).map(|ch| ch.value)
}

/// The code of a value among the choices.
pub fn code_of<T: Copy + PartialEq>(choices: &[Choice<T>], value: T) -> &'static str {
    choices.iter().find(|ch| ch.value == value).map_or("", |ch| ch.code)
}

/// The position of a value among the choices (what response tables keep: one byte a cell).
pub fn index_of<T: Copy + PartialEq>(choices: &[Choice<T>], value: T) -> Option<u8> {
    choices.iter().position(|ch| ch.value == value).and_then(|i| u8::try_from(i).ok())
}

/// The label of a value among the choices.
pub fn label_of<T: Copy + PartialEq>(choices: &[Choice<T>], value: T) -> Option<Text> {
    choices.iter().find(|ch| ch.value == value).map(|ch| ch.label)
}

/// The respondent profile; every field is optional, and no other field is accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

    #[test]
    fn profile_answers_as_files_write_them() {
        assert_eq!(choice_from_text(&GENDERS, "Laki-laki"), Some(Gender::Male));
        assert_eq!(choice_from_text(&GENDERS, " perempuan "), Some(Gender::Female));
        assert_eq!(choice_from_text(&EDUCATIONS, "S1"), Some(Education::D4S1));
        assert_eq!(choice_from_text(&EDUCATIONS, "SMA/sederajat"), Some(Education::Sma));
        assert_eq!(choice_from_text(&EDUCATIONS, "SLTA"), Some(Education::Sma));
        assert_eq!(choice_from_text(&OCCUPATIONS, "Wiraswasta"), Some(Occupation::Wirausaha));
        assert_eq!(choice_from_text(&OCCUPATIONS, "Pegawai swasta"), Some(Occupation::Swasta));
        assert_eq!(choice_from_text(&OCCUPATIONS, "Astronot"), None);
    }

    #[test]
    fn ages_and_bands() {
        assert_eq!(parse_age("34"), Some(34));
        assert_eq!(parse_age("34 tahun"), Some(34));
        assert_eq!(parse_age("34.0"), Some(34));
        assert_eq!(parse_age("3"), None);
        assert_eq!(parse_age("tiga puluh"), None);
        assert_eq!(parse_age("34.5"), None);
        assert_eq!(AgeBand::of_age(20), AgeBand::UpTo20);
        assert_eq!(AgeBand::of_age(21), AgeBand::From21To30);
        assert_eq!(AgeBand::of_age(61), AgeBand::Over60);
        assert_eq!(ProfileField::AgeBand.value_label("31-40").map(|t| t.id), Some("31–40 tahun"));
    }
}
