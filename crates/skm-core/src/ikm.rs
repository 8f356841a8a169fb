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

    /// The weight in words for people: «sama untuk tiap unsur, 1/9» / "the same for every element, 1/9".
    pub fn label(self) -> crate::i18n::Text {
        let t = |id, en| crate::i18n::Text { id, en };
        match self {
            WeightConvention::Exact => t("sama untuk tiap unsur, 1/9", "the same for every element, 1/9"),
            WeightConvention::Rounded0111 => {
                t("0,111 per unsur (seperti tabel peraturan)", "0.111 per element (as the regulation's tables)")
            }
            WeightConvention::Rounded011 => t("0,11 per unsur", "0.11 per element"),
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

/// The respondents of a group and each element's tally: enough for its NRR and IKM (the
/// interval needs the [`Moments`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Number of respondents.
    pub respondents: u64,
    /// Count and sum of the answers of U1 … U9.
    pub elements: [ElementTally; 9],
}

impl Tally {
    /// Adds one respondent's answers (`None` = not answered).
    pub fn add(&mut self, scores: &[Option<u8>; 9]) {
        self.respondents += 1;
        for (tally, score) in self.elements.iter_mut().zip(scores) {
            if let Some(s) = score {
                tally.answers += 1;
                tally.sum += u64::from(*s);
            }
        }
    }

    /// Adds another group's tally to this one.
    pub fn merge(&mut self, other: &Tally) {
        self.respondents += other.respondents;
        for (mine, theirs) in self.elements.iter_mut().zip(&other.elements) {
            mine.answers += theirs.answers;
            mine.sum += theirs.sum;
        }
    }

    /// The IKM of the group.
    pub fn summary(&self, weight: WeightConvention) -> IkmSummary {
        IkmSummary::from_tallies(self.respondents, self.elements, weight)
    }
}

/// The result for one element: its tally, NRR, weighted NRR and grade.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ElementResult {
    /// Which element (`U1` … `U9`).
    #[serde(rename = "id")]
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
    /// The converted IKM (IKM × 25, scale 25–100), unrounded; `None` unless every element has
    /// at least one answer.
    pub ikm: Option<f64>,
    /// The IKM on the 1–4 scale (Σ NRR tertimbang).
    pub ikm_scale4: Option<f64>,
    /// Grade (mutu pelayanan) of the converted IKM.
    pub grade: Option<Grade>,
    /// Kinerja unit pelayanan of that grade, in Bahasa Indonesia (`Baik`).
    pub label: Option<String>,
    /// One result per element, U1 to U9.
    pub elements: Vec<ElementResult>,
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
        // Every element has the same weight, so Σ(NRR × w) = w × ΣNRR; with exact weights that is
        // ΣNRR / 9, which keeps all-4 answers at exactly 100.
        let nrr_total = elements.iter().map(|e| e.nrr).sum::<Option<f64>>();
        let ikm_scale4 = nrr_total.map(|t| match weight {
            WeightConvention::Exact => t / 9.0,
            _ => t * w,
        });
        let ikm = ikm_scale4.map(|i| i * 25.0);
        let grade = ikm.map(Grade::from_converted);
        IkmSummary {
            respondents,
            weight,
            ikm,
            ikm_scale4,
            grade,
            label: grade.map(|g| g.label().id.to_owned()),
            elements,
        }
    }

    /// The result of one element.
    pub fn element(&self, element: Element) -> Option<&ElementResult> {
        self.elements.iter().find(|e| e.element == element)
    }

    /// The elements ranked from the lowest NRR up (ties in questionnaire order); unanswered
    /// elements are left out. The first are the weakest: the input of the follow-up plan (RTL).
    pub fn weakest(&self) -> Vec<RankedElement> {
        let mut answered: Vec<&ElementResult> = self.elements.iter().filter(|e| e.nrr.is_some()).collect();
        answered.sort_by(|a, b| {
            let (x, y) = (a.nrr.unwrap_or(0.0), b.nrr.unwrap_or(0.0));
            x.total_cmp(&y).then(a.element.cmp(&b.element))
        });
        answered
            .iter()
            .zip(1u8..)
            .map(|(e, rank)| RankedElement { rank, element: e.element, nrr: e.nrr.unwrap_or(0.0), grade: e.grade })
            .collect()
    }
}

/// An element's place in the ranking by NRR.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RankedElement {
    /// 1 for the weakest element.
    pub rank: u8,
    /// Which element.
    #[serde(rename = "id")]
    pub element: Element,
    /// Its NRR.
    pub nrr: f64,
    /// Its grade.
    pub grade: Option<Grade>,
}

/// Pairwise counts, sums and products of the scores of a group: enough to compute its IKM and
/// the sampling error of that IKM exactly, in integers, from any table engine.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Moments {
    /// Number of respondents in the group.
    pub respondents: u64,
    /// `both[i][k]`: respondents who answered elements i and k (`both[i][i]`: answers to i).
    pub both: [[u64; 9]; 9],
    /// `sum[i][k]`: sum of element i's scores over those who answered i and k.
    pub sum: [[u64; 9]; 9],
    /// `product[i][k]`: sum of score_i × score_k over those who answered i and k.
    pub product: [[u64; 9]; 9],
}

impl Moments {
    /// Adds one respondent's answers (`None` = not answered).
    pub fn add(&mut self, scores: &[Option<u8>; 9]) {
        self.add_times(scores, 1);
    }

    /// Adds `count` respondents who gave the same answers.
    pub fn add_times(&mut self, scores: &[Option<u8>; 9], count: u64) {
        self.respondents += count;
        for (i, a) in scores.iter().enumerate() {
            let Some(a) = a else { continue };
            for (k, b) in scores.iter().enumerate() {
                let Some(b) = b else { continue };
                self.both[i][k] += count;
                self.sum[i][k] += u64::from(*a) * count;
                self.product[i][k] += u64::from(*a) * u64::from(*b) * count;
            }
        }
    }

    /// Adds another group's moments to these.
    pub fn merge(&mut self, other: &Moments) {
        self.respondents += other.respondents;
        for (mine, theirs) in
            [(&mut self.both, &other.both), (&mut self.sum, &other.sum), (&mut self.product, &other.product)]
        {
            for (row, other_row) in mine.iter_mut().zip(theirs) {
                for (v, w) in row.iter_mut().zip(other_row) {
                    *v += w;
                }
            }
        }
    }

    /// The count and sum of each element's answers.
    pub fn tallies(&self) -> [ElementTally; 9] {
        std::array::from_fn(|i| ElementTally { answers: self.both[i][i], sum: self.sum[i][i] })
    }

    /// The IKM of the group.
    pub fn summary(&self, weight: WeightConvention) -> IkmSummary {
        IkmSummary::from_tallies(self.respondents, self.tallies(), weight)
    }

    /// The standard error of the converted IKM, by linearisation (the delta method).
    ///
    /// The converted IKM is 25·Σᵢ w·mᵢ, where mᵢ is the mean of element i over those who
    /// answered it. Respondent j contributes zⱼ = 25·Σᵢ w·(uᵢⱼ − mᵢ)/nᵢ over the elements they
    /// answered; the variance is n/(n−1)·Σⱼ zⱼ², which expands into the pairwise sums kept here.
    /// With complete answers this is the usual s/√n of the respondents' own converted scores.
    /// `None` with fewer than two respondents or an element nobody answered.
    pub fn standard_error(&self, weight: WeightConvention) -> Option<f64> {
        let n = self.respondents;
        if n < 2 || (0..9).any(|i| self.both[i][i] == 0) {
            return None;
        }
        let w = weight.weight();
        let mean: [f64; 9] = std::array::from_fn(|i| self.sum[i][i] as f64 / self.both[i][i] as f64);
        let coef: [f64; 9] = std::array::from_fn(|i| 25.0 * w / self.both[i][i] as f64);
        let mut total = 0.0;
        for i in 0..9 {
            for k in 0..9 {
                let centred =
                    self.product[i][k] as f64 - mean[k] * self.sum[i][k] as f64 - mean[i] * self.sum[k][i] as f64
                        + mean[i] * mean[k] * self.both[i][k] as f64;
                total += coef[i] * coef[k] * centred;
            }
        }
        let variance = total.max(0.0) * n as f64 / (n - 1) as f64;
        Some(variance.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_added_many_times_or_merged_equal_those_added_one_by_one() {
        let answers = [
            [Some(4), Some(3), None, Some(2), Some(4), Some(4), Some(1), None, Some(3)],
            [None; 9],
            [Some(1), Some(2), Some(3), Some(4), Some(1), Some(2), Some(3), Some(4), Some(1)],
        ];
        let (mut one_by_one, mut at_once, mut first, mut second) =
            (Moments::default(), Moments::default(), Moments::default(), Moments::default());
        for (n, scores) in answers.iter().enumerate() {
            for _ in 0..=n {
                one_by_one.add(scores);
            }
            at_once.add_times(scores, n as u64 + 1);
            if n == 0 { &mut first } else { &mut second }.add_times(scores, n as u64 + 1);
        }
        first.merge(&second);
        assert_eq!(at_once, one_by_one);
        assert_eq!(first, one_by_one);
        assert_eq!(one_by_one.respondents, 6);
        assert_eq!(one_by_one.both[0][8], 1 + 3);
        assert_eq!(one_by_one.product[0][3], 4 * 2 + 3 * 4);
    }

    fn all(score: u64, n: u64) -> [ElementTally; 9] {
        [ElementTally { answers: n, sum: score * n }; 9]
    }

    #[test]
    fn perfect_answers_give_100_only_with_exact_weights() {
        let exact = IkmSummary::from_tallies(10, all(4, 10), WeightConvention::Exact);
        assert_eq!(exact.ikm, Some(100.0));
        assert_eq!(exact.grade, Some(Grade::A));
        let r111 = IkmSummary::from_tallies(10, all(4, 10), WeightConvention::Rounded0111);
        assert!((r111.ikm.unwrap() - 99.9).abs() < 1e-9);
        let r11 = IkmSummary::from_tallies(10, all(4, 10), WeightConvention::Rounded011);
        assert!((r11.ikm.unwrap() - 99.0).abs() < 1e-9);
    }

    #[test]
    fn worked_example() {
        // Sums of 100 respondents per element, U1..U9.
        let sums = [320, 310, 290, 400, 330, 340, 350, 300, 280];
        let tallies = sums.map(|s| ElementTally { answers: 100, sum: s });
        let s = IkmSummary::from_tallies(100, tallies, WeightConvention::Exact);
        // mean NRR = 2920 / 900; converted = that × 25
        let expected = 2920.0 / 900.0 * 25.0;
        assert!((s.ikm.unwrap() - expected).abs() < 1e-9);
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
    fn weakest_elements_come_first() {
        let sums = [320, 310, 290, 400, 330, 340, 350, 300, 290];
        let s =
            IkmSummary::from_tallies(100, sums.map(|s| ElementTally { answers: 100, sum: s }), WeightConvention::Exact);
        let ranked: Vec<&str> = s.weakest().iter().map(|r| r.element.id()).collect();
        assert_eq!(ranked, ["U3", "U9", "U8", "U2", "U1", "U5", "U6", "U7", "U4"]);
        assert_eq!(s.weakest()[0].rank, 1);
        assert_eq!(s.label.as_deref(), Some("Baik"));
    }

    #[test]
    fn standard_error_of_complete_answers_is_that_of_a_mean() {
        // Respondents' converted scores: 100, 75, 50 (all 4s, all 3s, all 2s).
        let mut m = Moments::default();
        for s in [4, 3, 2] {
            m.add(&[Some(s); 9]);
        }
        let se = m.standard_error(WeightConvention::Exact).unwrap();
        // s = 25, s/√3
        assert!((se - 25.0 / 3f64.sqrt()).abs() < 1e-9, "{se}");
        assert!((m.summary(WeightConvention::Exact).ikm.unwrap() - 75.0).abs() < 1e-9);
    }

    #[test]
    fn standard_error_needs_two_respondents() {
        let mut m = Moments::default();
        m.add(&[Some(4); 9]);
        assert_eq!(m.standard_error(WeightConvention::Exact), None);
        m.add(&[Some(4); 9]);
        assert_eq!(m.standard_error(WeightConvention::Exact), Some(0.0));
    }

    #[test]
    fn weight_names_round_trip() {
        for w in [WeightConvention::Exact, WeightConvention::Rounded0111, WeightConvention::Rounded011] {
            assert_eq!(WeightConvention::from_name(w.name()), Some(w));
        }
        assert_eq!(WeightConvention::from_name("0,111"), Some(WeightConvention::Rounded0111));
    }
}
