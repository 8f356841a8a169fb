//! Parsing one catalog document and checking it against the rules of a service standard.

use std::collections::HashSet;

use super::model::*;

/// Why a catalog document was refused; every message names the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// The file is not valid TOML or does not fit the schema.
    #[error("{file}:{line}:{column}: berkas katalog tidak dapat dibaca / catalog file cannot be read: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// Line, from 1 (0 when unknown).
        line: usize,
        /// Column, from 1 (0 when unknown).
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file parsed but breaks a rule of the catalog.
    #[error("{file}: layanan '{code}', {field}: {} / {}", problem.id, problem.en)]
    Invalid {
        /// The file.
        file: String,
        /// The service code in the file.
        code: String,
        /// The offending field (`completion_time.limit.amount`).
        field: String,
        /// What is wrong, in both languages.
        problem: Problem,
    },
    /// Two documents use the same service code.
    #[error("{file}: kode layanan '{code}' sudah dipakai oleh {first_source} / service code '{code}' is already used by {first_source}")]
    Duplicate {
        /// The later file.
        file: String,
        /// The code.
        code: String,
        /// The source of the first document with that code.
        first_source: String,
    },
}

/// A rule broken, in Bahasa Indonesia and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

fn problem(id: impl Into<String>, en: impl Into<String>) -> Problem {
    Problem { id: id.into(), en: en.into() }
}

/// Parses and validates one document.
pub(super) fn parse(file: &str, text: &str) -> Result<ServiceStandard, CatalogError> {
    let standard: ServiceStandard = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |span| line_column(text, span.start));
        CatalogError::Syntax { file: file.to_owned(), line, column, message: e.message().trim().to_owned() }
    })?;
    // The first problem, as `skm catalog` and an import report it; the admin page shows all.
    if let Some((field, problem)) = problems(&standard).into_iter().next() {
        return Err(CatalogError::Invalid { file: file.to_owned(), code: standard.code.clone(), field, problem });
    }
    Ok(standard)
}

pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The problems found so far, each with the field it is about, in the order they are checked.
type Found = Vec<(String, Problem)>;

fn fail(found: &mut Found, field: impl Into<String>, p: Problem) {
    found.push((field.into(), p));
}

/// Every rule a standard breaks, each with its field (`completion_time.limit.amount`), in the
/// order the document lists the fields; empty when the standard is valid.
pub fn problems(s: &ServiceStandard) -> Vec<(String, Problem)> {
    let mut found = Found::new();
    check(s, &mut found);
    found
}

fn check(s: &ServiceStandard, found: &mut Found) {
    if !crate::unit::is_code(&s.code) {
        fail(
            found,
            "code",
            problem(
                "kode harus huruf kecil, angka dan tanda hubung",
                "code must be lowercase letters, digits and hyphens",
            ),
        );
    }
    for (field, value) in [("name", &s.name), ("name_en", &s.name_en), ("unit", &s.unit)] {
        if value.trim().is_empty() {
            fail(found, field, problem("tidak boleh kosong", "must not be empty"));
        }
    }
    if s.requirements.is_empty() {
        fail(found, "requirements", problem("persyaratan tidak boleh kosong", "requirements must not be empty"));
    }
    if s.request_channels.is_empty() {
        fail(found, "request_channels", problem("minimal satu saluran permohonan", "at least one request channel"));
    }
    check_limit(found, "completion_time", &s.completion_time);
    match s.kind {
        DocumentKind::StandarPelayanan => check_standard(s, found),
        DocumentKind::Sop => check_sop(s, found),
    }
    if let Some(count) = &s.staff_count {
        if count.min == 0 || count.min > count.max {
            fail(
                found,
                "staff_count",
                problem("jumlah pelaksana harus 1 ≤ min ≤ max", "staff count must satisfy 1 ≤ min ≤ max"),
            );
        }
    }
    if let Some(eval) = &s.evaluation {
        if eval.meetings_per_month == 0 {
            fail(
                found,
                "evaluation.meetings_per_month",
                problem("minimal 1 rapat per bulan", "at least 1 meeting a month"),
            );
        }
        if eval.required_roles.is_empty() {
            fail(
                found,
                "evaluation.required_roles",
                problem("sebutkan peran yang wajib hadir", "name the roles that must attend"),
            );
        }
    }
}

fn check_standard(s: &ServiceStandard, found: &mut Found) {
    if s.fee.is_none() {
        fail(
            found,
            "fee",
            problem("standar pelayanan harus memuat biaya/tarif", "a service standard must state its fee"),
        );
    }
    if s.evaluation.is_none() {
        fail(
            found,
            "evaluation",
            problem(
                "standar pelayanan harus memuat evaluasi kinerja",
                "a service standard must state its performance evaluation",
            ),
        );
    }
    let Some(complaints) = &s.complaints else {
        fail(
            found,
            "complaints",
            problem(
                "standar pelayanan harus memuat penanganan pengaduan",
                "a service standard must state complaint handling",
            ),
        );
        return;
    };
    if complaints.channels.is_empty() {
        fail(found, "complaints.channels", problem("minimal satu saluran pengaduan", "at least one complaint channel"));
    }
    let mut seen = HashSet::new();
    for (i, t) in complaints.tiers.iter().enumerate() {
        if !seen.insert(t.tier) {
            fail(
                found,
                format!("complaints.tiers[{i}].tier"),
                problem("tingkat pengaduan ganda", "duplicate complaint tier"),
            );
        }
        check_limit(found, &format!("complaints.tiers[{i}].deadline"), &t.deadline);
    }
    if let Some(missing) = COMPLAINT_TIERS.iter().find(|t| !seen.contains(t)) {
        fail(
            found,
            "complaints.tiers",
            problem(
                format!("tingkat '{}' tidak ada; keempat tingkat wajib", missing.label().id),
                format!("tier '{}' is missing; all four tiers are required", missing.label().en),
            ),
        );
    }
}

fn check_sop(s: &ServiceStandard, found: &mut Found) {
    let Some(sop) = &s.sop else {
        fail(found, "sop", problem("SOP harus memuat langkah-langkahnya", "an SOP must list its steps"));
        return;
    };
    if sop.steps.is_empty() {
        fail(found, "sop.steps", problem("SOP harus memuat langkah-langkahnya", "an SOP must list its steps"));
    }
    for (i, step) in sop.steps.iter().enumerate() {
        let expected = i as u32 + 1;
        if step.number != expected {
            fail(
                found,
                format!("sop.steps[{i}].number"),
                problem(format!("nomor langkah harus {expected}"), format!("step number must be {expected}")),
            );
        }
        check_limit(found, &format!("sop.steps[{i}].standard_time"), &step.standard_time);
        if step.standard_time.limit.working_minutes().is_none() {
            fail(
                found,
                format!("sop.steps[{i}].standard_time.limit"),
                problem("waktu langkah harus dalam menit atau jam", "a step's time must be in minutes or hours"),
            );
        }
    }
    let total = sop.total_minutes();
    if let (Some(total), Some(promised)) = (total, s.completion_time.limit.working_minutes()) {
        if total != promised {
            fail(
                found,
                "completion_time.limit",
                problem(
                    format!("jumlah waktu langkah {total} menit, bukan {promised} menit"),
                    format!("the steps add up to {total} minutes, not {promised} minutes"),
                ),
            );
        }
    }
}

fn check_limit(found: &mut Found, field: &str, t: &TimeLimit) {
    if t.text.trim().is_empty() {
        fail(found, format!("{field}.text"), problem("teks asli wajib diisi", "the original text is required"));
    }
    let amount = match t.limit {
        Limit::WorkingMinutes { amount, at_least } => {
            if at_least.is_some_and(|low| low >= amount) {
                fail(
                    found,
                    format!("{field}.limit.at_least"),
                    problem("batas bawah harus lebih kecil dari batas", "the lower end must be below the limit"),
                );
            }
            Some(amount)
        }
        Limit::WorkingHours { amount } | Limit::WorkingDays { amount } => Some(amount),
        Limit::AsRequested => None,
    };
    if amount == Some(0) {
        fail(found, format!("{field}.limit.amount"), problem("harus lebih dari 0", "must be more than 0"));
    }
}
