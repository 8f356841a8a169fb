//! Statistical honesty: a 95 % confidence interval for an IKM, and whether a change between
//! two periods is larger than the sampling noise.
//!
//! The interval is IKM ± t₀.₉₇₅(n−1)·SE, with SE from [`crate::ikm::Moments::standard_error`],
//! clipped to the scale. A change is judged by a two-sided z-test at 5 % on the difference of
//! two independent samples: |Δ| > 1,96·√(SE₁² + SE₂²).

use serde::{Deserialize, Serialize};

/// The 97,5 % quantile of Student's t for 1–30 degrees of freedom.
const T_975: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
    2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/// The 97,5 % quantile of the standard normal distribution.
pub const Z_975: f64 = 1.959_963_984_540_054;

/// The 97,5 % quantile of Student's t with `df` degrees of freedom (two-sided 95 %).
pub fn t_975(df: u64) -> f64 {
    match df {
        0 => f64::INFINITY,
        1..=30 => T_975[(df - 1) as usize],
        _ => {
            // Cornish–Fisher expansion around the normal quantile; within 0,001 of the exact
            // value from 30 degrees of freedom up.
            let z = Z_975;
            let v = df as f64;
            let (z3, z5, z7) = (z.powi(3), z.powi(5), z.powi(7));
            z + (z3 + z) / (4.0 * v)
                + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
                + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v * v * v)
        }
    }
}

/// A 95 % confidence interval of a converted IKM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The confidence level, 0,95.
    pub level: f64,
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// The standard error the interval was made from.
    pub standard_error: f64,
    /// How it was computed: `delta_t` (linearisation with Student's t).
    pub method: String,
}

impl Interval {
    /// The 95 % interval around `value` for `respondents` respondents, clipped to `[min, max]`.
    pub fn around(value: f64, standard_error: f64, respondents: u64, min: f64, max: f64) -> Interval {
        let half = t_975(respondents.saturating_sub(1)) * standard_error;
        Interval {
            level: 0.95,
            low: (value - half).max(min),
            high: (value + half).min(max),
            standard_error,
            method: "delta_t".to_owned(),
        }
    }
}

/// The change of an IKM from one period to the next, and whether it exceeds the noise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The key of the earlier period compared against.
    pub previous: String,
    /// This IKM minus the earlier one (converted scale).
    pub delta: f64,
    /// The standard error of the difference.
    pub standard_error: f64,
    /// delta / standard_error.
    pub z: f64,
    /// True when |z| > 1,96: the change is larger than the sampling noise at 95 %.
    pub significant: bool,
}

impl Change {
    /// Compares an IKM and its standard error with an earlier one.
    pub fn between(previous: String, before: (f64, f64), after: (f64, f64)) -> Change {
        let delta = after.0 - before.0;
        let standard_error = (before.1 * before.1 + after.1 * after.1).sqrt();
        let z = if standard_error > 0.0 {
            delta / standard_error
        } else if delta == 0.0 {
            0.0
        } else {
            delta.signum() * f64::MAX
        };
        Change { previous, delta, standard_error, z, significant: z.abs() > Z_975 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles() {
        assert_eq!(t_975(1), 12.706);
        assert_eq!(t_975(30), 2.042);
        // Published values: 40 → 2,021; 60 → 2,000; 120 → 1,980.
        assert!((t_975(40) - 2.021).abs() < 0.001, "{}", t_975(40));
        assert!((t_975(60) - 2.000).abs() < 0.001);
        assert!((t_975(120) - 1.980).abs() < 0.001);
        assert!((t_975(1_000_000) - Z_975).abs() < 1e-5);
        // The table and the expansion meet smoothly.
        assert!((t_975(31) - 2.040).abs() < 0.001);
    }

    #[test]
    fn interval_is_clipped_to_the_scale() {
        let i = Interval::around(99.0, 2.0, 100, 25.0, 100.0);
        assert_eq!(i.high, 100.0);
        assert!((i.low - (99.0 - 1.984 * 2.0)).abs() < 0.01);
    }

    #[test]
    fn change_against_noise() {
        let small = Change::between("2025".into(), (80.0, 1.0), (81.0, 1.0));
        assert!(!small.significant);
        let large = Change::between("2025".into(), (80.0, 1.0), (84.0, 1.0));
        assert!(large.significant);
        assert!((large.z - 4.0 / 2f64.sqrt()).abs() < 1e-12);
        let exact = Change::between("2025".into(), (80.0, 0.0), (80.0, 0.0));
        assert!(!exact.significant);
    }
}
