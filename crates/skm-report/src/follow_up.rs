//! The follow-up plan (rencana tindak lanjut, RTL): the unit's recorded actions for the year's
//! results with their status, or, where none is recorded, rows seeded from the weakest elements
//! and the services that miss their promised times most; and the follow-up of the previous
//! year's results with the share done. One table each, for the HTML and the workbook.

use skm_core::follow_up::{element_action, element_finding, FollowUpProgress, FollowUpRecord};
use skm_core::format::decimal_id;
use skm_core::Period;

use crate::words::Words;
use crate::{RecordTable, Report};

/// One seeded row of the follow-up plan.
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
            rows.push(FollowUp { finding: element_finding(e, l), problem: element_action(e, l) });
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

/// The recorded actions whose period lies in `year`.
fn of_year(records: &[FollowUpRecord], year: i16) -> Vec<&FollowUpRecord> {
    records.iter().filter(|r| r.draft.period().is_some_and(|p| p.year == year)).collect()
}

fn recorded_table(r: &Report<'_>, records: &[&FollowUpRecord], note: String) -> RecordTable {
    let w = Words(r.lang);
    let header = vec![
        "No".into(),
        w.t("Periode", "Period"),
        w.t("Temuan", "Finding"),
        w.t("Tindakan", "Action"),
        w.t("Penanggung jawab", "Owner"),
        w.t("Batas waktu", "Deadline"),
        w.t("Status", "Status"),
        w.t("Bukti", "Evidence"),
    ];
    let rows = records
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let d = &f.draft;
            let period = d.period().map_or_else(|| d.period.clone(), |p: Period| p.label(r.lang));
            vec![
                (i + 1).to_string(),
                period,
                d.finding.clone(),
                d.action.clone(),
                d.owner.clone(),
                d.deadline.clone(),
                d.status.label().get(r.lang).to_owned(),
                d.evidence.clone(),
            ]
        })
        .collect();
    RecordTable { note, header, rows }
}

/// The plan for the year's results: the actions the unit recorded, or the seeded rows.
pub fn plan(r: &Report<'_>) -> RecordTable {
    let w = Words(r.lang);
    let recorded = of_year(r.follow_up.unwrap_or_default(), r.year.year);
    if !recorded.is_empty() {
        let progress = FollowUpProgress::of(recorded.iter().map(|f| &f.draft));
        let note = w.t(
            &format!("Dicatat oleh unit; keadaan pada {}: {}.", r.made_on, progress.sentence(r.lang)),
            &format!("Recorded by the unit; as of {}: {}.", r.made_on, progress.sentence(r.lang)),
        );
        return recorded_table(r, &recorded, note);
    }
    let note = w.t(
        "Diisi dari unsur terlemah dan keterlambatan terbesar; kolom rencana, penanggung jawab dan waktu dilengkapi oleh unit.",
        "Seeded from the weakest elements and the largest delays; the unit completes the plan, owner and date columns.",
    );
    let header = vec![
        "No".into(),
        w.t("Temuan", "Finding"),
        w.t("Permasalahan", "Problem"),
        w.t("Rencana tindak lanjut", "Plan"),
        w.t("Penanggung jawab", "Owner"),
        w.t("Waktu", "When"),
    ];
    let rows = follow_up(r)
        .into_iter()
        .enumerate()
        .map(|(i, f)| vec![(i + 1).to_string(), f.finding, f.problem, String::new(), String::new(), String::new()])
        .collect();
    RecordTable { note, header, rows }
}

/// The follow-up of the previous year's results, when the unit's records were read (`skm
/// report --db`): its actions with their status and the share done.
pub fn previous(r: &Report<'_>) -> Option<RecordTable> {
    let w = Words(r.lang);
    let before = r.year.year - 1;
    let recorded = of_year(r.follow_up?, before);
    let progress = FollowUpProgress::of(recorded.iter().map(|f| &f.draft));
    let note = if recorded.is_empty() {
        w.t(
            &format!("Tidak ada tindak lanjut hasil tahun {before} yang dicatat."),
            &format!("No follow-up of the results of {before} was recorded."),
        )
    } else {
        w.t(
            &format!("Tindak lanjut hasil tahun {before}: {}.", progress.sentence(r.lang)),
            &format!("Follow-up of the results of {before}: {}.", progress.sentence(r.lang)),
        )
    };
    Some(recorded_table(r, &recorded, note))
}
