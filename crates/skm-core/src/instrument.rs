//! The nine elements (unsur) of the SKM questionnaire, PermenPANRB 14/2017, with their wording.
//!
//! Elements are keyed by ID, never by column position: U8 is Sarana dan Prasarana and U9 is
//! Penanganan Pengaduan, as the questionnaire and the report tables number them.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// One of the nine elements U1–U9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Element {
    /// U1 Persyaratan (requirements).
    U1,
    /// U2 Sistem, Mekanisme, dan Prosedur (procedure).
    U2,
    /// U3 Waktu Penyelesaian (completion time).
    U3,
    /// U4 Biaya/Tarif (fee).
    U4,
    /// U5 Produk Spesifikasi Jenis Pelayanan (product).
    U5,
    /// U6 Kompetensi Pelaksana (staff competence).
    U6,
    /// U7 Perilaku Pelaksana (staff conduct).
    U7,
    /// U8 Sarana dan Prasarana (facilities).
    U8,
    /// U9 Penanganan Pengaduan, Saran dan Masukan (complaint handling).
    U9,
}

/// The nine elements in questionnaire order.
pub const ELEMENTS: [Element; 9] = [
    Element::U1,
    Element::U2,
    Element::U3,
    Element::U4,
    Element::U5,
    Element::U6,
    Element::U7,
    Element::U8,
    Element::U9,
];

/// The lowest and highest score of an answer (a = 1 … d = 4).
pub const SCORE_RANGE: std::ops::RangeInclusive<u8> = 1..=4;

/// The wording of one element: its name, its question and its four answers.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ElementText {
    /// Name of the element (unsur).
    pub name: Text,
    /// The question put to the respondent.
    pub question: Text,
    /// The answers for scores 1, 2, 3 and 4.
    pub answers: [Text; 4],
}

const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

const AGREE: [Text; 4] = [
    t("Tidak sesuai", "Not appropriate"),
    t("Kurang sesuai", "Less appropriate"),
    t("Sesuai", "Appropriate"),
    t("Sangat sesuai", "Very appropriate"),
];

const TEXTS: [ElementText; 9] = [
    ElementText {
        name: t("Persyaratan", "Requirements"),
        question: t(
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
            "How well do the service requirements fit the kind of service?",
        ),
        answers: AGREE,
    },
    ElementText {
        name: t("Sistem, Mekanisme, dan Prosedur", "Systems, mechanisms and procedures"),
        question: t(
            "Bagaimana pendapat Saudara tentang kemudahan prosedur pelayanan di unit ini?",
            "How easy is the service procedure at this unit?",
        ),
        answers: [
            t("Tidak mudah", "Not easy"),
            t("Kurang mudah", "Less easy"),
            t("Mudah", "Easy"),
            t("Sangat mudah", "Very easy"),
        ],
    },
    ElementText {
        name: t("Waktu Penyelesaian", "Completion time"),
        question: t(
            "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
            "How fast was the service delivered?",
        ),
        answers: [
            t("Tidak cepat", "Not fast"),
            t("Kurang cepat", "Less fast"),
            t("Cepat", "Fast"),
            t("Sangat cepat", "Very fast"),
        ],
    },
    ElementText {
        name: t("Biaya/Tarif", "Cost/fee"),
        question: t(
            "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
            "How fair was the cost or fee of the service?",
        ),
        answers: [
            t("Sangat mahal", "Very expensive"),
            t("Cukup mahal", "Rather expensive"),
            t("Murah", "Cheap"),
            t("Gratis", "Free"),
        ],
    },
    ElementText {
        name: t("Produk Spesifikasi Jenis Pelayanan", "Product specification of the service"),
        question: t(
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
            "How well did the product you received match what the service standard promises?",
        ),
        answers: AGREE,
    },
    ElementText {
        name: t("Kompetensi Pelaksana", "Staff competence"),
        question: t(
            "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
            "How competent were the staff who served you?",
        ),
        answers: [
            t("Tidak kompeten", "Not competent"),
            t("Kurang kompeten", "Less competent"),
            t("Kompeten", "Competent"),
            t("Sangat kompeten", "Very competent"),
        ],
    },
    ElementText {
        name: t("Perilaku Pelaksana", "Staff conduct"),
        question: t(
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
            "How polite and friendly were the staff?",
        ),
        answers: [
            t("Tidak sopan dan ramah", "Not polite and friendly"),
            t("Kurang sopan dan ramah", "Less polite and friendly"),
            t("Sopan dan ramah", "Polite and friendly"),
            t("Sangat sopan dan ramah", "Very polite and friendly"),
        ],
    },
    ElementText {
        name: t("Sarana dan Prasarana", "Facilities and infrastructure"),
        question: t(
            "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
            "How good are the facilities and infrastructure?",
        ),
        answers: [
            t("Buruk", "Poor"),
            t("Cukup", "Fair"),
            t("Baik", "Good"),
            t("Sangat baik", "Very good"),
        ],
    },
    ElementText {
        name: t("Penanganan Pengaduan, Saran dan Masukan", "Handling of complaints, suggestions and feedback"),
        question: t(
            "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
            "How are complaints from service users handled?",
        ),
        answers: [
            t("Tidak ada", "Not available"),
            t("Ada tetapi tidak berfungsi", "Available but not working"),
            t("Berfungsi kurang maksimal", "Working, but not fully"),
            t("Dikelola dengan baik", "Well managed"),
        ],
    },
];

impl Element {
    /// Zero-based position in questionnaire order (U1 = 0).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The short ID as printed in reports: `U1` … `U9`.
    pub fn id(self) -> &'static str {
        ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"][self.index()]
    }

    /// A one-word name for a chart's axis: `Persyaratan`, `Prosedur`, … (`Requirements`, …).
    pub fn short_name(self) -> Text {
        const SHORT: [Text; 9] = [
            t("Persyaratan", "Requirements"),
            t("Prosedur", "Procedure"),
            t("Waktu", "Time"),
            t("Biaya", "Cost"),
            t("Produk", "Product"),
            t("Kompetensi", "Competence"),
            t("Perilaku", "Conduct"),
            t("Sarana", "Facilities"),
            t("Pengaduan", "Complaints"),
        ];
        SHORT[self.index()]
    }

    /// The column name in the canonical responses CSV: `u1` … `u9`.
    pub fn column(self) -> &'static str {
        ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"][self.index()]
    }

    /// Parses `U1`/`u1` … `U9`/`u9`.
    pub fn from_id(id: &str) -> Option<Element> {
        ELEMENTS.into_iter().find(|e| e.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The element's official wording.
    pub fn text(self) -> &'static ElementText {
        &TEXTS[self.index()]
    }

    /// The answer text for a score 1–4, if the score is in range.
    pub fn answer(self, score: u8) -> Option<Text> {
        SCORE_RANGE.contains(&score).then(|| self.text().answers[usize::from(score - 1)])
    }
}

impl std::fmt::Display for Element {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u8_is_facilities_and_u9_is_complaints() {
        assert_eq!(Element::U8.text().name.id, "Sarana dan Prasarana");
        assert_eq!(Element::U9.text().name.id, "Penanganan Pengaduan, Saran dan Masukan");
        assert_eq!(Element::U9.answer(4).map(|t| t.id), Some("Dikelola dengan baik"));
    }

    #[test]
    fn answers_follow_the_regulation() {
        assert_eq!(Element::U4.answer(1).map(|t| t.id), Some("Sangat mahal"));
        assert_eq!(Element::U4.answer(4).map(|t| t.id), Some("Gratis"));
        assert_eq!(Element::U7.answer(3).map(|t| t.id), Some("Sopan dan ramah"));
        assert_eq!(Element::U1.answer(0), None);
        assert_eq!(Element::U1.answer(5), None);
    }

    #[test]
    fn ids_round_trip() {
        for e in ELEMENTS {
            assert_eq!(Element::from_id(e.id()), Some(e));
            assert_eq!(Element::from_id(e.column()), Some(e));
        }
        assert_eq!(Element::from_id("U10"), None);
    }
}
