//! How often each pair of answers occurs in a group: the group's [`Moments`] in a form that is
//! cheap to fill one respondent at a time (one increment per answered pair instead of three
//! sums per ordered pair), so that a million respondents are tallied in a single pass.

use crate::ikm::Moments;

/// Unordered element pairs (i ≤ k) of nine elements.
const PAIRS: usize = 45;
/// Answer combinations of a pair: score of i (1–4) × score of k (1–4).
const COMBINATIONS: usize = 16;

/// The index of pair (i, k), i ≤ k, in 0..45: rows of 9, 8, 7 … pairs one after another.
const fn pair_index(i: usize, k: usize) -> usize {
    i * (17 - i) / 2 + k
}

/// Counts of answer pairs of a group of respondents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerPairs {
    respondents: u64,
    counts: Box<[u64; PAIRS * COMBINATIONS]>,
}

impl Default for AnswerPairs {
    fn default() -> Self {
        AnswerPairs { respondents: 0, counts: Box::new([0; PAIRS * COMBINATIONS]) }
    }
}

impl AnswerPairs {
    /// Adds one respondent's answers (`None` = not answered; scores outside 1–4 are not
    /// answers and are skipped).
    pub fn add(&mut self, scores: &[Option<u8>; 9]) {
        self.respondents += 1;
        let mut answered = [(0usize, 0usize); 9];
        let mut n = 0;
        for (i, s) in scores.iter().enumerate() {
            if let Some(s @ 1..=4) = s {
                answered[n] = (i, usize::from(*s) - 1);
                n += 1;
            }
        }
        let answered = &answered[..n];
        for (a, &(i, si)) in answered.iter().enumerate() {
            for &(k, sk) in &answered[a..] {
                self.counts[pair_index(i, k) * COMBINATIONS + si * 4 + sk] += 1;
            }
        }
    }

    /// Adds another group's counts to this one.
    pub fn merge(&mut self, other: &AnswerPairs) {
        self.respondents += other.respondents;
        for (a, b) in self.counts.iter_mut().zip(other.counts.iter()) {
            *a += b;
        }
    }

    /// Number of respondents added.
    pub fn respondents(&self) -> u64 {
        self.respondents
    }

    /// The group's pairwise moments.
    pub fn moments(&self) -> Moments {
        let mut m = Moments { respondents: self.respondents, ..Moments::default() };
        for i in 0..9 {
            for k in i..9 {
                let base = pair_index(i, k) * COMBINATIONS;
                for (combination, &c) in self.counts[base..base + COMBINATIONS].iter().enumerate() {
                    if c == 0 {
                        continue;
                    }
                    let (a, b) = ((combination / 4 + 1) as u64, (combination % 4 + 1) as u64);
                    m.both[i][k] += c;
                    m.sum[i][k] += a * c;
                    m.product[i][k] += a * b * c;
                    if i != k {
                        m.both[k][i] += c;
                        m.sum[k][i] += b * c;
                        m.product[k][i] += a * b * c;
                    }
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_indexes_are_dense_and_distinct() {
        let mut seen = Vec::new();
        for i in 0..9 {
            for k in i..9 {
                seen.push(pair_index(i, k));
            }
        }
        seen.sort_unstable();
        assert_eq!(seen, (0..PAIRS).collect::<Vec<_>>());
    }

    #[test]
    fn the_moments_equal_those_added_one_by_one() {
        let mut state = 12345u64;
        let mut next = || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as u8
        };
        let (mut pairs, mut direct, mut half) = (AnswerPairs::default(), Moments::default(), AnswerPairs::default());
        let mut other_half = AnswerPairs::default();
        for row in 0..2000 {
            let scores: [Option<u8>; 9] = std::array::from_fn(|_| match next() % 6 {
                0 => None,
                s => Some(s.min(4)),
            });
            pairs.add(&scores);
            direct.add(&scores);
            if row % 2 == 0 {
                half.add(&scores)
            } else {
                other_half.add(&scores)
            }
        }
        assert_eq!(pairs.moments(), direct);
        half.merge(&other_half);
        assert_eq!(half, pairs);
        assert_eq!(pairs.respondents(), 2000);
    }
}
