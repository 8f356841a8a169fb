//! The grade table (mutu pelayanan) of PermenPANRB 14/2017.
//!
//! | Mutu | Konversi (25–100) | Interval (1–4) | Kinerja unit |
//! |---|---|---|---|
//! | D | 25,00 – 64,99 | 1,00 – 2,5996 | Tidak baik |
//! | C | 65,00 – 76,60 | 2,60 – 3,064 | Kurang baik |
//! | B | 76,61 – 88,30 | 3,0644 – 3,532 | Baik |
//! | A | 88,31 – 100,00 | 3,5324 – 4,00 | Sangat baik |
//!
//! One rule grades both an IKM and an element's NRR: convert to the 25–100 scale, round to two
//! decimals (half away from zero), and compare with the upper bounds 64,99, 76,60 and 88,30.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// A service quality grade, A (best) to D.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    /// Sangat baik (88,31 – 100,00).
    A,
    /// Baik (76,61 – 88,30).
    B,
    /// Kurang baik (65,00 – 76,60).
    C,
    /// Tidak baik (25,00 – 64,99).
    D,
}

/// One row of the grade table.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct GradeBand {
    /// The grade of this band.
    pub grade: Grade,
    /// Nilai persepsi, 1 (D) to 4 (A).
    pub perception: u8,
    /// Lowest converted value of the band, in hundredths (6500 = 65,00).
    pub converted_min_hundredths: u32,
    /// Highest converted value of the band, in hundredths.
    pub converted_max_hundredths: u32,
    /// The interval on the 1–4 scale as the regulation prints it.
    pub interval_text: &'static str,
    /// Kinerja unit pelayanan.
    pub label: Text,
}

/// The grade table, worst band first.
pub const GRADE_TABLE: [GradeBand; 4] = [
    GradeBand {
        grade: Grade::D,
        perception: 1,
        converted_min_hundredths: 2500,
        converted_max_hundredths: 6499,
        interval_text: "1,00 – 2,5996",
        label: Text { id: "Tidak baik", en: "Poor" },
    },
    GradeBand {
        grade: Grade::C,
        perception: 2,
        converted_min_hundredths: 6500,
        converted_max_hundredths: 7660,
        interval_text: "2,60 – 3,064",
        label: Text { id: "Kurang baik", en: "Fair" },
    },
    GradeBand {
        grade: Grade::B,
        perception: 3,
        converted_min_hundredths: 7661,
        converted_max_hundredths: 8830,
        interval_text: "3,0644 – 3,532",
        label: Text { id: "Baik", en: "Good" },
    },
    GradeBand {
        grade: Grade::A,
        perception: 4,
        converted_min_hundredths: 8831,
        converted_max_hundredths: 10000,
        interval_text: "3,5324 – 4,00",
        label: Text { id: "Sangat baik", en: "Very good" },
    },
];

/// Rounds to hundredths, half away from zero, as an integer count of hundredths.
pub fn hundredths(value: f64) -> i64 {
    // Work on the decimal rendering so that 76.605 (stored as 76.60499999…) still rounds up,
    // as a person reading the printed number would.
    let scaled = format!("{:.6}", value * 100.0);
    let parsed: f64 = scaled.parse().unwrap_or(value * 100.0);
    parsed.round() as i64
}

impl Grade {
    /// Grades a value on the converted 25–100 scale (IKM × 25).
    pub fn from_converted(converted: f64) -> Grade {
        let h = hundredths(converted);
        GRADE_TABLE
            .iter()
            .find(|band| h <= i64::from(band.converted_max_hundredths))
            .map_or(Grade::A, |band| band.grade)
    }

    /// Grades a value on the 1–4 scale (an IKM or an element's NRR).
    pub fn from_scale4(value: f64) -> Grade {
        Grade::from_converted(value * 25.0)
    }

    /// The band of the grade table for this grade.
    pub fn band(self) -> &'static GradeBand {
        match self {
            Grade::D => &GRADE_TABLE[0],
            Grade::C => &GRADE_TABLE[1],
            Grade::B => &GRADE_TABLE[2],
            Grade::A => &GRADE_TABLE[3],
        }
    }

    /// Kinerja unit pelayanan: "Sangat baik" … "Tidak baik".
    pub fn label(self) -> Text {
        self.band().label
    }

    /// The letter A–D.
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.letter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_edges_on_the_converted_scale() {
        assert_eq!(Grade::from_converted(25.0), Grade::D);
        assert_eq!(Grade::from_converted(64.99), Grade::D);
        assert_eq!(Grade::from_converted(64.994), Grade::D);
        assert_eq!(Grade::from_converted(64.995), Grade::C);
        assert_eq!(Grade::from_converted(65.00), Grade::C);
        assert_eq!(Grade::from_converted(76.60), Grade::C);
        assert_eq!(Grade::from_converted(76.605), Grade::B);
        assert_eq!(Grade::from_converted(76.61), Grade::B);
        assert_eq!(Grade::from_converted(88.30), Grade::B);
        assert_eq!(Grade::from_converted(88.31), Grade::A);
        assert_eq!(Grade::from_converted(100.0), Grade::A);
    }

    #[test]
    fn miscopied_thresholds_are_not_used() {
        // 83,31 and 76,66 circulate in the wild as band edges; they are not.
        assert_eq!(Grade::from_converted(83.31), Grade::B);
        assert_eq!(Grade::from_converted(76.65), Grade::B);
        assert_eq!(Grade::from_converted(88.00), Grade::B);
    }

    #[test]
    fn band_edges_on_the_four_point_scale() {
        assert_eq!(Grade::from_scale4(2.5996), Grade::D);
        assert_eq!(Grade::from_scale4(2.60), Grade::C);
        assert_eq!(Grade::from_scale4(3.064), Grade::C);
        assert_eq!(Grade::from_scale4(3.0644), Grade::B);
        assert_eq!(Grade::from_scale4(3.532), Grade::B);
        assert_eq!(Grade::from_scale4(3.5324), Grade::A);
        assert_eq!(Grade::from_scale4(4.0), Grade::A);
    }

    #[test]
    fn labels() {
        assert_eq!(Grade::A.label().id, "Sangat baik");
        assert_eq!(Grade::D.label().id, "Tidak baik");
        assert_eq!(Grade::C.band().interval_text, "2,60 – 3,064");
    }
}
