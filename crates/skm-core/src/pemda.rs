//! The pemda's view of its units: each unit's IKM with its interval, respondents and SLA, a
//! ranking, and the pemda's IKM combined from the units' in two stated ways.

use serde::{Deserialize, Serialize};

use crate::analysis::{GroupResult, SampleCheck};
use crate::compliance::Tally;
use crate::grade::Grade;
use crate::stats::Interval;
use crate::year::YearReport;

/// One unit's figures for the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitFigures {
    /// The unit's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Respondents counted.
    pub respondents: u64,
    /// The converted IKM (25–100), unrounded; `None` without answers.
    pub ikm: Option<f64>,
    /// Its grade.
    pub grade: Option<Grade>,
    /// The 95 % confidence interval of the IKM.
    pub ci: Option<Interval>,
    /// Whether the unit reached its sample.
    pub sample: Option<SampleCheck>,
    /// Requests judged against its standards (met + breached + pending).
    pub requests: u64,
    /// Requests met in percent of those decided; `None` when none were decided or no request
    /// file was given.
    pub sla_compliance: Option<f64>,
    /// Requests completed by their deadline.
    #[serde(default)]
    pub requests_met: u64,
    /// Requests completed late or open past their deadline.
    #[serde(default)]
    pub requests_breached: u64,
}

impl UnitFigures {
    /// A unit's figures from its year report.
    pub fn of(code: &str, name: &str, report: &YearReport) -> UnitFigures {
        let overall: Option<&GroupResult> = report.ikm.as_ref().map(|a| &a.overall);
        let requests = report.sla.as_ref().map(|s| &s.requests.overall);
        UnitFigures {
            code: code.to_owned(),
            name: name.to_owned(),
            respondents: overall.map_or(0, |o| o.summary.respondents),
            ikm: overall.and_then(|o| o.summary.ikm),
            grade: overall.and_then(|o| o.summary.grade),
            ci: overall.and_then(|o| o.ci.clone()),
            sample: overall.and_then(|o| o.sample.clone()),
            requests: requests.map_or(0, |t| t.total),
            sla_compliance: requests.and_then(|t| t.compliance),
            requests_met: requests.map_or(0, |t| t.met),
            requests_breached: requests.map_or(0, |t| t.breached),
        }
    }
}

/// How the pemda's IKM is combined from its units'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combination {
    /// Σ nᵤ·IKMᵤ / Σ nᵤ: every respondent counts once, so a large unit weighs more. With every
    /// element answered by every respondent (as the survey requires) this is the IKM of all
    /// the pemda's respondents together.
    RespondentWeighted,
    /// Σ IKMᵤ / k: every unit counts once, whatever its number of respondents.
    MeanOfUnits,
}

/// The pemda's IKM one way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    /// How it is combined.
    pub how: Combination,
    /// The converted IKM, unrounded.
    pub ikm: f64,
    /// Its grade.
    pub grade: Grade,
    /// The units that went in (those with an IKM).
    pub units: u32,
    /// Their respondents.
    pub respondents: u64,
}

/// The pemda's requests: each judged by its own unit's standards and calendar, then counted
/// together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PemdaSla {
    /// Requests judged (met + breached + pending).
    pub requests: u64,
    /// Completed by their deadline.
    pub met: u64,
    /// Completed late or open past their deadline.
    pub breached: u64,
    /// met / (met + breached) in percent; `None` when nothing was decided.
    pub compliance: Option<f64>,
    /// The units with requests.
    pub units: u32,
}

/// The pemda's view: its units ranked, and its IKM both ways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PemdaView {
    /// The year.
    pub year: i16,
    /// The units, from the highest IKM down (units without an IKM last, by name).
    pub units: Vec<UnitFigures>,
    /// The pemda's IKM weighted by respondents (the headline figure).
    pub respondent_weighted: Option<Combined>,
    /// The mean of the units' IKM, for comparison.
    pub mean_of_units: Option<Combined>,
    /// The units' requests together; `None` when no unit has any.
    #[serde(default)]
    pub sla: Option<PemdaSla>,
}

impl PemdaView {
    /// Ranks the units and combines their IKM.
    pub fn new(year: i16, mut units: Vec<UnitFigures>) -> PemdaView {
        units.sort_by(|a, b| match (a.ikm, b.ikm) {
            (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.name.cmp(&b.name)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.cmp(&b.name),
        });
        let rated: Vec<(f64, u64)> = units.iter().filter_map(|u| u.ikm.map(|i| (i, u.respondents))).collect();
        let count = u32::try_from(rated.len()).unwrap_or(u32::MAX);
        let respondents: u64 = rated.iter().map(|(_, n)| n).sum();
        let combined =
            |how, ikm: f64| Combined { how, ikm, grade: Grade::from_converted(ikm), units: count, respondents };
        let weighted = (respondents > 0).then(|| {
            let sum: f64 = rated.iter().map(|(i, n)| i * *n as f64).sum();
            combined(Combination::RespondentWeighted, sum / respondents as f64)
        });
        let mean = (!rated.is_empty()).then(|| {
            let sum: f64 = rated.iter().map(|(i, _)| i).sum();
            combined(Combination::MeanOfUnits, sum / rated.len() as f64)
        });
        let with_requests: Vec<&UnitFigures> = units.iter().filter(|u| u.requests > 0).collect();
        let sla = (!with_requests.is_empty()).then(|| {
            let met = with_requests.iter().map(|u| u.requests_met).sum();
            let breached = with_requests.iter().map(|u| u.requests_breached).sum();
            PemdaSla {
                requests: with_requests.iter().map(|u| u.requests).sum(),
                met,
                breached,
                compliance: Tally::compliance_of(met, breached),
                units: u32::try_from(with_requests.len()).unwrap_or(u32::MAX),
            }
        });
        PemdaView { year, units, respondent_weighted: weighted, mean_of_units: mean, sla }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, ikm: Option<f64>, respondents: u64) -> UnitFigures {
        UnitFigures {
            code: name.to_lowercase(),
            name: name.to_owned(),
            respondents,
            ikm,
            grade: ikm.map(Grade::from_converted),
            ci: None,
            sample: None,
            requests: 0,
            sla_compliance: None,
            requests_met: 0,
            requests_breached: 0,
        }
    }

    #[test]
    fn units_are_ranked_and_combined_both_ways() {
        let view = PemdaView::new(
            2026,
            vec![
                unit("A", Some(80.0), 300),
                unit("B", None, 0),
                unit("C", Some(90.0), 100),
                unit("D", Some(70.0), 100),
            ],
        );
        let order: Vec<&str> = view.units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(order, ["C", "A", "D", "B"]);
        let weighted = view.respondent_weighted.unwrap();
        // (80·300 + 90·100 + 70·100) / 500 = 80
        assert_eq!((weighted.ikm, weighted.units, weighted.respondents), (80.0, 3, 500));
        let mean = view.mean_of_units.unwrap();
        assert_eq!(mean.ikm, 80.0);
        let view = PemdaView::new(2026, vec![unit("A", Some(90.0), 10), unit("B", Some(60.0), 90)]);
        assert_eq!(view.respondent_weighted.unwrap().ikm, 63.0);
        assert_eq!(view.mean_of_units.unwrap().ikm, 75.0);
        assert!(PemdaView::new(2026, vec![unit("B", None, 0)]).respondent_weighted.is_none());
        assert!(view.sla.is_none(), "no unit has requests");
    }

    #[test]
    fn the_pemdas_requests_are_the_units_counted_together() {
        let judged = |name, total, met, breached| UnitFigures {
            requests: total,
            requests_met: met,
            requests_breached: breached,
            sla_compliance: Tally::compliance_of(met, breached),
            ..unit(name, Some(80.0), 10)
        };
        // 9 of 10 decided met in A, 1 of 10 in B (5 more pending there): 10 of 20 decided, 50 %,
        // and C, without requests, does not count.
        let view = PemdaView::new(2026, vec![judged("A", 10, 9, 1), judged("B", 15, 1, 9), unit("C", Some(70.0), 5)]);
        let sla = view.sla.unwrap();
        assert_eq!((sla.requests, sla.met, sla.breached, sla.units), (25, 10, 10, 2));
        assert_eq!(sla.compliance, Some(50.0));
    }
}
