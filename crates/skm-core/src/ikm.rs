//! The IKM rule: NRR per element, weighted sum, conversion to 25–100, grade.
//!
//! NRR per unsur = sum of scores / number of answers; NRR tertimbang = NRR × weight;
//! IKM = Σ NRR tertimbang (1–4); IKM konversi = IKM × 25. Nothing is rounded before the last
//! step; the weight convention is always carried with the result.

use serde::{Deserialize, Serialize};

use crate::grade::Grade;
use crate::instrument::{Element, ELEMENTS};

/// How the weight of each of the nine elements is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightConvention {
    /// 1/9 exactly (the default; the converted IKM of all-4 answers is 100).
    #[default]
    Exact,
    /// 0,111 as the regulation's worked tables print it (maximum 99,90).
    #[serde(rename = "0.111")]
    Rounded0111,
    /// 0,11 as some spreadsheets use (maximum 99,00).
    #[serde(rename = "0.11")]
    Rounded011,
}

impl WeightConvention {
    /// The weight of one element under this convention.
    pub fn weight(self) -> f64 {
        match self {
            WeightConvention::Exact => 1.0 / 9.0,
            WeightConvention::Rounded0111 => 0.111,
            WeightConvention::Rounded011 => 0.11,
        }
    }

    /// The name used on the command line and in every output: `exact`, `0.111` or `0.11`.
    pub fn name(self) -> &'static str {
        match self {
            WeightConvention::Exact => "exact",
            WeightConvention::Rounded0111 => "0.111",
            WeightConvention::Rounded011 => "0.11",
        }
    }

    /// Parses `exact`, `1/9`, `0.111`/`0,111` or `0.11`/`0,11`.
    pub fn from_name(name: &str) -> Option<WeightConvention> {
        match name.trim().replace(',', ".").as_str() {
            "exact" | "1/9" => Some(WeightConvention::Exact),
            "0.111" => Some(WeightConvention::Rounded0111),
            "0.11" => Some(WeightConvention::Rounded011),
            _ => None,
        }
    }
}

/// The count and sum of the answers to one element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ElementTally {
    /// Number of answers (respondents who answered this element).
    pub answers: u64,
    /// Sum of the scores (1–4) of those answers.
    pub sum: u64,
}

/// The result for one element: its tally, NRR, weighted NRR and grade.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ElementResult {
    /// Which element.
    pub element: Element,
    /// Number of answers.
    pub answers: u64,
    /// Sum of scores.
    pub sum: u64,
    /// Nilai rata-rata (NRR), 1–4; `None` when nobody answered.
    pub nrr: Option<f64>,
    /// NRR tertimbang (NRR × weight).
    pub weighted_nrr: Option<f64>,
    /// Grade of the NRR.
    pub grade: Option<Grade>,
}

/// The IKM of a group of respondents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IkmSummary {
    /// Number of respondents (rows) in the group.
    pub respondents: u64,
    /// Weight convention used.
    pub weight: WeightConvention,
    /// One result per element, U1 to U9.
    pub elements: Vec<ElementResult>,
    /// IKM on the 1–4 scale; `None` unless every element has at least one answer.
    pub ikm: Option<f64>,
    /// IKM converted to 25–100 (IKM × 25).
    pub ikm_converted: Option<f64>,
    /// Grade of the converted IKM.
    pub grade: Option<Grade>,
}

impl IkmSummary {
    /// Applies the IKM rule to the per-element tallies of a group of respondents.
    pub fn from_tallies(respondents: u64, tallies: [ElementTally; 9], weight: WeightConvention) -> IkmSummary {
        let w = weight.weight();
        let elements: Vec<ElementResult> = ELEMENTS
            .iter()
            .zip(tallies)
            .map(|(&element, tally)| {
                let nrr = (tally.answers > 0).then(|| tally.sum as f64 / tally.answers as f64);
                ElementResult {
                    element,
                    answers: tally.answers,
                    sum: tally.sum,
                    nrr,
                    weighted_nrr: nrr.map(|n| n * w),
                    grade: nrr.map(Grade::from_scale4),
                }
            })
            .collect();
        let ikm = elements.iter().map(|e| e.weighted_nrr).sum::<Option<f64>>();
        let ikm_converted = ikm.map(|i| i * 25.0);
        IkmSummary {
            respondents,
            weight,
            elements,
            ikm,
            ikm_converted,
            grade: ikm_converted.map(Grade::from_converted),
        }
    }

    /// The result of one element.
    pub fn element(&self, element: Element) -> Option<&ElementResult> {
        self.elements.iter().find(|e| e.element == element)
    }
}

/// The IKM of one service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceIkm {
    /// The service code.
    pub service: String,
    /// Its IKM.
    pub summary: IkmSummary,
}

/// The IKM of a responses file: overall, per service, and what was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IkmReport {
    /// Data rows in the file.
    pub rows_read: u64,
    /// Rows rejected for a score outside 1–4.
    pub rows_rejected: u64,
    /// The IKM of all accepted rows.
    pub overall: IkmSummary,
    /// The IKM per service, by service code.
    pub by_service: Vec<ServiceIkm>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(score: u64, n: u64) -> [ElementTally; 9] {
        [ElementTally { answers: n, sum: score * n }; 9]
    }

    #[test]
    fn perfect_answers_give_100_only_with_exact_weights() {
        let exact = IkmSummary::from_tallies(10, all(4, 10), WeightConvention::Exact);
        assert!((exact.ikm_converted.unwrap() - 100.0).abs() < 1e-9);
        assert_eq!(exact.grade, Some(Grade::A));
        let r111 = IkmSummary::from_tallies(10, all(4, 10), WeightConvention::Rounded0111);
        assert!((r111.ikm_converted.unwrap() - 99.9).abs() < 1e-9);
        let r11 = IkmSummary::from_tallies(10, all(4, 10), WeightConvention::Rounded011);
        assert!((r11.ikm_converted.unwrap() - 99.0).abs() < 1e-9);
    }

    #[test]
    fn worked_example() {
        // Sums of 100 respondents per element, U1..U9.
        let sums = [320, 310, 290, 400, 330, 340, 350, 300, 280];
        let tallies = sums.map(|s| ElementTally { answers: 100, sum: s });
        let s = IkmSummary::from_tallies(100, tallies, WeightConvention::Exact);
        // mean NRR = 2920 / 900; converted = that × 25
        let expected = 2920.0 / 900.0 * 25.0;
        assert!((s.ikm_converted.unwrap() - expected).abs() < 1e-9);
        assert_eq!(s.grade, Some(Grade::B));
        assert_eq!(s.element(Element::U4).unwrap().grade, Some(Grade::A));
        assert_eq!(s.element(Element::U9).unwrap().nrr, Some(2.8));
    }

    #[test]
    fn an_unanswered_element_leaves_the_ikm_undefined() {
        let mut tallies = all(3, 5);
        tallies[8] = ElementTally::default();
        let s = IkmSummary::from_tallies(5, tallies, WeightConvention::Exact);
        assert_eq!(s.ikm, None);
        assert_eq!(s.element(Element::U9).unwrap().nrr, None);
    }

    #[test]
    fn weight_names_round_trip() {
        for w in [WeightConvention::Exact, WeightConvention::Rounded0111, WeightConvention::Rounded011] {
            assert_eq!(WeightConvention::from_name(w.name()), Some(w));
        }
        assert_eq!(WeightConvention::from_name("0,111"), Some(WeightConvention::Rounded0111));
    }
}
