//! The follow-up plan (rencana tindak lanjut, RTL), seeded from the weakest elements and the
//! services that miss their promised times most; staff complete the plan, owner and date.

use skm_core::format::decimal_id;

use crate::words::Words;
use crate::Report;

/// One row of the follow-up plan.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// Where the problem shows: an element with its NRR, or a service with its compliance.
    pub finding: String,
    /// What to improve, in words staff can start from.
    pub problem: String,
}

/// How many of the weakest elements the plan starts from.
const WEAKEST: usize = 3;
/// How many of the least punctual services.
const LATEST: usize = 2;

/// The seeded rows.
pub fn follow_up(r: &Report<'_>) -> Vec<FollowUp> {
    let w = Words(r.lang);
    let l = r.lang;
    let mut rows = Vec::new();
    if let Some(a) = &r.year.ikm {
        for e in a.overall.weakest.iter().take(WEAKEST) {
            let grade = e.grade.map_or("–", |g| g.letter());
            rows.push(FollowUp {
                finding: format!(
                    "{} {} · NRR {} ({grade})",
                    e.element.id(),
                    e.element.text().name.get(l),
                    decimal_id(e.nrr, 2)
                ),
                problem: w.t(
                    &format!("Tingkatkan unsur «{}»", e.element.text().name.id),
                    &format!("Improve «{}»", e.element.text().name.en),
                ),
            });
        }
    }
    if let Some(s) = &r.year.sla {
        let mut services: Vec<_> = s.requests.services.iter().filter(|sv| sv.tally.compliance.is_some()).collect();
        services.sort_by(|a, b| a.tally.compliance.unwrap_or(100.0).total_cmp(&b.tally.compliance.unwrap_or(100.0)));
        for sv in services.into_iter().take(LATEST).filter(|sv| sv.tally.breached > 0) {
            let worst =
                s.breaches.iter().filter(|b| b.service == sv.service).map(|b| b.late_minutes).fold(0.0, f64::max);
            rows.push(FollowUp {
                finding: format!(
                    "{} · {} {}% · {} {}",
                    r.service_name(&sv.service),
                    w.t("tepat waktu", "on time"),
                    decimal_id(sv.tally.compliance.unwrap_or(0.0), 1),
                    sv.tally.breached,
                    w.t("terlambat", "late"),
                ),
                problem: w.t(
                    &format!(
                        "Penuhi janji «{}»; keterlambatan terbesar {} jam kerja",
                        sv.promise,
                        decimal_id(worst / 60.0, 1)
                    ),
                    &format!(
                        "Keep the promise «{}»; the largest delay was {} working hours",
                        sv.promise,
                        decimal_id(worst / 60.0, 1)
                    ),
                ),
            });
        }
    }
    rows
}
