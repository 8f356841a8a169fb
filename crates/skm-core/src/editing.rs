//! Editing a unit's service standards on the admin page: what the page sends to save or retire a
//! service, what the server answers, and the rules both apply (shared, so there is one of each).

use serde::{Deserialize, Serialize};

use crate::catalog::{
    problems, ComplaintChannel, ComplaintChannelEntry, ComplaintDeadline, ComplaintHandling, DocumentKind, Evaluation,
    Fee, Limit, Procedure, RequestChannel, RequestChannelEntry, Role, ServiceStandard, TimeLimit, COMPLAINT_TIERS,
};

/// A save of one service's standard: a new version, in force from `effective_from` (ISO date;
/// today when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveStandard {
    /// The standard as edited.
    pub standard: ServiceStandard,
    /// The day the version takes effect.
    #[serde(default)]
    pub effective_from: Option<String>,
}

/// A retirement of one service from `effective_from` (ISO date; today when absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetireService {
    /// The first day the service is no longer offered.
    #[serde(default)]
    pub effective_from: Option<String>,
}

/// The server's answer to a save or a retirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The service's code.
    pub service: String,
    /// The version number it got (the one it equals, when nothing changed).
    pub version: u32,
    /// Whether a new version was written.
    pub new: bool,
    /// The day it takes effect.
    pub effective_from: String,
}

/// A record staff enter on the admin page (a follow-up action, a publication): tidied and
/// checked by the same rule in the page and in the server.
pub trait Draft {
    /// The draft with its texts trimmed and control characters dropped.
    fn cleaned(&self) -> Self;
    /// Every rule the draft breaks, by field; empty when it may be kept.
    fn problems(&self) -> Vec<FieldProblem>;
}

/// A record as the server keeps it: the draft with its number, unit and versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept<D> {
    /// Its number within the server.
    pub id: i64,
    /// The unit's code.
    pub unit: String,
    /// What it holds.
    #[serde(flatten)]
    pub draft: D,
    /// 1 when made, one more for every change.
    pub version: u32,
    /// When it was made (ISO 8601 with offset).
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
}

/// A broken rule of a standard, with the field it is about, as the page shows it beside that
/// field and the server returns it with 422.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    /// The field's path (`complaints.tiers[2].deadline.limit.amount`).
    pub field: String,
    /// Bahasa Indonesia.
    pub message_id: String,
    /// English.
    pub message_en: String,
}

/// The problem of a period key that is not one (`2026`, `2026-S1`, `2026-Q3`, `2026-07`).
pub fn period_problem(field: &str, key: &str) -> Option<FieldProblem> {
    crate::period::Period::from_key(key).is_none().then(|| unknown_period(field, key))
}

/// The problem of `key`, known not to be a period key.
pub fn unknown_period(field: &str, key: &str) -> FieldProblem {
    FieldProblem::new(
        field,
        format!("periode '{key}' tidak dikenal (contoh: 2026, 2026-S1, 2026-Q3)"),
        format!("period '{key}' is not known (for example 2026, 2026-S1, 2026-Q3)"),
    )
}

/// The problem of a date that is not one (`YYYY-MM-DD`); `name` says which.
pub fn date_problem(field: &str, text: &str, name: crate::Text) -> Option<FieldProblem> {
    text.parse::<jiff::civil::Date>().is_err().then(|| {
        FieldProblem::new(
            field,
            format!("{} '{text}' bukan tanggal (TTTT-BB-HH)", name.id),
            format!("{} '{text}' is not a date (YYYY-MM-DD)", name.en),
        )
    })
}

/// The problem of a text that is missing (when `required`) or longer than `max` characters.
pub fn text_problem(field: &str, text: &str, required: bool, max: usize, name: crate::Text) -> Option<FieldProblem> {
    let chars = text.chars().count();
    if required && text.trim().is_empty() {
        return Some(FieldProblem::new(field, format!("{} wajib diisi", name.id), format!("{} is required", name.en)));
    }
    (chars > max).then(|| {
        FieldProblem::new(
            field,
            format!("{} paling panjang {max} karakter (ada {chars})", name.id),
            format!("{} is at most {max} characters (it has {chars})", name.en),
        )
    })
}

impl FieldProblem {
    /// A problem of `field`, in both languages.
    pub fn new(field: &str, message_id: String, message_en: String) -> FieldProblem {
        FieldProblem { field: field.to_owned(), message_id, message_en }
    }

    /// Whether the problem is about `path` or a field inside it.
    pub fn is_about(&self, path: &str) -> bool {
        self.field == path
            || self.field.strip_prefix(path).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    }
}

/// Every problem of a standard (the catalog's rules), each with its field.
pub fn field_problems(standard: &ServiceStandard) -> Vec<FieldProblem> {
    problems(standard)
        .into_iter()
        .map(|(field, p)| FieldProblem { field, message_id: p.id, message_en: p.en })
        .collect()
}

/// The day a version takes effect: the given ISO date, or `today` when none is given.
pub fn effective_date(given: Option<&str>, today: jiff::civil::Date) -> Result<jiff::civil::Date, FieldProblem> {
    match given.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today),
        Some(text) => text.parse().map_err(|_| FieldProblem {
            field: "effective_from".to_owned(),
            message_id: format!("'{text}' bukan tanggal (TTTT-BB-HH)"),
            message_en: format!("'{text}' is not a date (YYYY-MM-DD)"),
        }),
    }
}

/// The standard as the documented TOML format, as `skm standards export` writes it.
pub fn to_document(standard: &ServiceStandard) -> Result<String, String> {
    toml::to_string(standard).map_err(|e| e.to_string())
}

fn time(text: &str, limit: Limit) -> TimeLimit {
    TimeLimit { text: text.to_owned(), limit, note: None }
}

/// A new service's standard for a unit, filled with the parts every standard has (free, web
/// form, the four complaint tiers, a monthly evaluation), for the admin to complete.
pub fn template(publisher: &str) -> ServiceStandard {
    ServiceStandard {
        code: String::new(),
        kind: DocumentKind::StandarPelayanan,
        number: String::new(),
        name: String::new(),
        name_en: String::new(),
        unit: publisher.to_owned(),
        source: "admin".to_owned(),
        requirements: Vec::new(),
        procedure: Procedure { flow: Vec::new(), steps: Vec::new() },
        completion_time: time("", Limit::WorkingDays { amount: 1 }),
        fee: Some(Fee { text: "Gratis".to_owned(), amount_idr: 0 }),
        product: None,
        request_channels: vec![RequestChannelEntry {
            channel: RequestChannel::TatapMuka,
            text: "Datang langsung ke kantor".to_owned(),
        }],
        complaints: Some(ComplaintHandling {
            channels: vec![ComplaintChannelEntry {
                channel: ComplaintChannel::TatapMuka,
                text: "Datang langsung ke kantor".to_owned(),
            }],
            flow: Vec::new(),
            tiers: COMPLAINT_TIERS
                .into_iter()
                .map(|tier| ComplaintDeadline { tier, deadline: time("", Limit::WorkingDays { amount: 1 }) })
                .collect(),
        }),
        legal_basis: Vec::new(),
        facilities: Vec::new(),
        staff_competence: Vec::new(),
        internal_supervision: None,
        staff_count: None,
        service_guarantees: Vec::new(),
        security_guarantees: Vec::new(),
        evaluation: Some(Evaluation {
            text: Vec::new(),
            meetings_per_month: 1,
            required_roles: vec![Role::KepalaDinas],
            skm_per_year: Some(1),
        }),
        sop: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, BUILTIN_DOCUMENTS};

    #[test]
    fn every_seed_document_survives_a_round_trip_through_the_editor() {
        for (file, text) in BUILTIN_DOCUMENTS {
            let standard = Catalog::parse_document(file, text).unwrap();
            let written = to_document(&standard).unwrap();
            assert_eq!(Catalog::parse_document(file, &written).unwrap(), standard, "{file}");
        }
    }

    #[test]
    fn a_blank_template_names_what_is_missing_beside_each_field() {
        let fields: Vec<String> = field_problems(&template("Dinas Contoh")).into_iter().map(|p| p.field).collect();
        assert_eq!(fields[..4], ["code", "name", "name_en", "requirements"]);
        assert!(fields.contains(&"completion_time.text".to_owned()), "{fields:?}");
        assert!(fields.contains(&"complaints.tiers[3].deadline.text".to_owned()), "{fields:?}");
    }

    #[test]
    fn every_problem_is_reported_and_the_first_stays_the_cli_message() {
        let (file, text) = BUILTIN_DOCUMENTS[0];
        let mut standard = Catalog::parse_document(file, text).unwrap();
        standard.completion_time.limit = Limit::WorkingDays { amount: 0 };
        standard.name.clear();
        let found = field_problems(&standard);
        let fields: Vec<&str> = found.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "completion_time.limit.amount"]);
        assert!(found[1].is_about("completion_time") && !found[1].is_about("completion"));
        let written = to_document(&standard).unwrap();
        let refused = Catalog::parse_document("x.toml", &written).unwrap_err().to_string();
        assert!(refused.contains("name: tidak boleh kosong"), "{refused}");
    }

    #[test]
    fn the_effective_day_is_today_unless_a_date_is_given() {
        let today = jiff::civil::date(2026, 11, 30);
        assert_eq!(effective_date(None, today), Ok(today));
        assert_eq!(effective_date(Some(" "), today), Ok(today));
        assert_eq!(effective_date(Some("2027-01-01"), today), Ok(jiff::civil::date(2027, 1, 1)));
        assert_eq!(effective_date(Some("1 Jan"), today).unwrap_err().field, "effective_from");
    }
}
