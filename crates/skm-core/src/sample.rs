//! Sample size by Krejcie and Morgan (1970), as PermenPANRB 14/2017 prescribes.
//!
//! s = X²·N·P(1−P) / (d²·(N−1) + X²·P(1−P)), X² = 3,841, P = 0,5, d = 0,05, rounded to the
//! nearest integer, which is how the published table was made.

/// Chi-square for one degree of freedom at 95 % confidence.
pub const CHI_SQUARE: f64 = 3.841;
/// Population proportion assumed (maximum variance).
pub const PROPORTION: f64 = 0.5;
/// Margin of error.
pub const MARGIN: f64 = 0.05;

/// The fewest respondents a group's IKM is read as the group's when its population is not
/// known (docs/ikm-method.md): with 30, the 95 % interval of a typical group is about ±3 points
/// wide, and the normal approximation behind it holds. Configurable (`--min-sample`).
pub const DEFAULT_MIN_SAMPLE: u64 = 30;

/// The required sample for a population of `population` service users.
pub fn krejcie_morgan(population: u64) -> u64 {
    if population == 0 {
        return 0;
    }
    let n = population as f64;
    let pq = PROPORTION * (1.0 - PROPORTION);
    let s = CHI_SQUARE * n * pq / (MARGIN * MARGIN * (n - 1.0) + CHI_SQUARE * pq);
    (s.round() as u64).min(population)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_table() {
        // (N, s) pairs from Krejcie & Morgan's table.
        let table = [
            (10, 10),
            (50, 44),
            (100, 80),
            (200, 132),
            (500, 217),
            (1000, 278),
            (2000, 322),
            (5000, 357),
            (10000, 370),
            (100000, 383),
            (1000000, 384),
        ];
        for (n, s) in table {
            assert_eq!(krejcie_morgan(n), s, "N = {n}");
        }
    }

    #[test]
    fn tiny_populations() {
        assert_eq!(krejcie_morgan(0), 0);
        assert_eq!(krejcie_morgan(1), 1);
    }
}
