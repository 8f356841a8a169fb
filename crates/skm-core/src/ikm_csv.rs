//! The IKM results as CSV cells: one row per group, unrounded figures with a decimal point, for
//! spreadsheets and other programs (`skm ikm --format csv`, a unit's open data).

use crate::analysis::GroupResult;
use crate::ELEMENTS;

fn figure(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// The header row.
pub fn header() -> Vec<String> {
    let mut header: Vec<String> = [
        "level",
        "service",
        "period",
        "respondents",
        "ikm",
        "ikm_scale4",
        "grade",
        "label",
        "weight",
        "ci_low",
        "ci_high",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(ELEMENTS.iter().map(|e| format!("{}_nrr", e.column())));
    header.extend(ELEMENTS.iter().map(|e| format!("{}_answers", e.column())));
    header.extend(
        ["weakest", "change", "change_significant", "population", "sample_required", "sample_met"].map(str::to_owned),
    );
    header
}

/// The row of one group, its first cell `level` (`all`, `group`, `service`, `period`).
pub fn record(level: &str, g: &GroupResult) -> Vec<String> {
    let s = &g.summary;
    let mut row = vec![
        level.to_owned(),
        g.key.service.clone().unwrap_or_default(),
        g.key.period.map(|p| p.key()).unwrap_or_default(),
        s.respondents.to_string(),
        figure(s.ikm),
        figure(s.ikm_scale4),
        s.grade.map_or(String::new(), |g| g.letter().to_owned()),
        s.label.clone().unwrap_or_default(),
        s.weight.name().to_owned(),
        figure(g.ci.as_ref().map(|c| c.low)),
        figure(g.ci.as_ref().map(|c| c.high)),
    ];
    row.extend(s.elements.iter().map(|e| figure(e.nrr)));
    row.extend(s.elements.iter().map(|e| e.answers.to_string()));
    row.push(g.weakest.first().map_or(String::new(), |w| w.element.id().to_owned()));
    row.push(figure(g.change.as_ref().map(|c| c.delta)));
    row.push(g.change.as_ref().map_or(String::new(), |c| c.significant.to_string()));
    row.push(g.sample.as_ref().and_then(|s| s.population).map_or(String::new(), |n| n.to_string()));
    row.push(g.sample.as_ref().map_or(String::new(), |s| s.required.to_string()));
    row.push(g.sample.as_ref().map_or(String::new(), |s| s.met.to_string()));
    row
}
