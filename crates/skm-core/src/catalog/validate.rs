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
    check(&standard).map_err(|(field, problem)| CatalogError::Invalid {
        file: file.to_owned(),
        code: standard.code.clone(),
        field,
        problem,
    })?;
    Ok(standard)
}

pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

type Check = Result<(), (String, Problem)>;

fn fail(field: impl Into<String>, p: Problem) -> Check {
    Err((field.into(), p))
}

fn check(s: &ServiceStandard) -> Check {
    if !crate::unit::is_code(&s.code) {
        return fail(
            "code",
            problem(
                "kode harus huruf kecil, angka dan tanda hubung",
                "code must be lowercase letters, digits and hyphens",
            ),
        );
    }
    for (field, value) in [("name", &s.name), ("name_en", &s.name_en), ("unit", &s.unit)] {
        if value.trim().is_empty() {
            return fail(field, problem("tidak boleh kosong", "must not be empty"));
        }
    }
    if s.requirements.is_empty() {
        return fail("requirements", problem("persyaratan tidak boleh kosong", "requirements must not be empty"));
    }
    if s.request_channels.is_empty() {
        return fail("request_channels", problem("minimal satu saluran permohonan", "at least one request channel"));
    }
    check_limit("completion_time", &s.completion_time)?;
    match s.kind {
        DocumentKind::StandarPelayanan => check_standard(s)?,
        DocumentKind::Sop => check_sop(s)?,
    }
    if let Some(count) = &s.staff_count {
        if count.min == 0 || count.min > count.max {
            return fail(
                "staff_count",
                problem("jumlah pelaksana harus 1 ≤ min ≤ max", "staff count must satisfy 1 ≤ min ≤ max"),
            );
        }
    }
    if let Some(eval) = &s.evaluation {
        if eval.meetings_per_month == 0 {
            return fail(
                "evaluation.meetings_per_month",
                problem("minimal 1 rapat per bulan", "at least 1 meeting a month"),
            );
        }
        if eval.required_roles.is_empty() {
            return fail(
                "evaluation.required_roles",
                problem("sebutkan peran yang wajib hadir", "name the roles that must attend"),
            );
        }
    }
    Ok(())
}

fn check_standard(s: &ServiceStandard) -> Check {
    if s.fee.is_none() {
        return fail(
            "fee",
            problem("standar pelayanan harus memuat biaya/tarif", "a service standard must state its fee"),
        );
    }
    if s.evaluation.is_none() {
        return fail(
            "evaluation",
            problem(
                "standar pelayanan harus memuat evaluasi kinerja",
                "a service standard must state its performance evaluation",
            ),
        );
    }
    let Some(complaints) = &s.complaints else {
        return fail(
            "complaints",
            problem(
                "standar pelayanan harus memuat penanganan pengaduan",
                "a service standard must state complaint handling",
            ),
        );
    };
    if complaints.channels.is_empty() {
        return fail(
            "complaints.channels",
            problem("minimal satu saluran pengaduan", "at least one complaint channel"),
        );
    }
    let mut seen = HashSet::new();
    for (i, t) in complaints.tiers.iter().enumerate() {
        if !seen.insert(t.tier) {
            return fail(
                format!("complaints.tiers[{i}].tier"),
                problem("tingkat pengaduan ganda", "duplicate complaint tier"),
            );
        }
        check_limit(&format!("complaints.tiers[{i}].deadline"), &t.deadline)?;
    }
    if let Some(missing) = COMPLAINT_TIERS.iter().find(|t| !seen.contains(t)) {
        return fail(
            "complaints.tiers",
            problem(
                format!("tingkat '{}' tidak ada; keempat tingkat wajib", missing.label().id),
                format!("tier '{}' is missing; all four tiers are required", missing.label().en),
            ),
        );
    }
    Ok(())
}

fn check_sop(s: &ServiceStandard) -> Check {
    let Some(sop) = &s.sop else {
        return fail("sop", problem("SOP harus memuat langkah-langkahnya", "an SOP must list its steps"));
    };
    if sop.steps.is_empty() {
        return fail("sop.steps", problem("SOP harus memuat langkah-langkahnya", "an SOP must list its steps"));
    }
    for (i, step) in sop.steps.iter().enumerate() {
        let expected = i as u32 + 1;
        if step.number != expected {
            return fail(
                format!("sop.steps[{i}].number"),
                problem(format!("nomor langkah harus {expected}"), format!("step number must be {expected}")),
            );
        }
        check_limit(&format!("sop.steps[{i}].standard_time"), &step.standard_time)?;
        if step.standard_time.limit.working_minutes().is_none() {
            return fail(
                format!("sop.steps[{i}].standard_time.limit"),
                problem("waktu langkah harus dalam menit atau jam", "a step's time must be in minutes or hours"),
            );
        }
    }
    let total = sop.total_minutes();
    if let (Some(total), Some(promised)) = (total, s.completion_time.limit.working_minutes()) {
        if total != promised {
            return fail(
                "completion_time.limit",
                problem(
                    format!("jumlah waktu langkah {total} menit, bukan {promised} menit"),
                    format!("the steps add up to {total} minutes, not {promised} minutes"),
                ),
            );
        }
    }
    Ok(())
}

fn check_limit(field: &str, t: &TimeLimit) -> Check {
    if t.text.trim().is_empty() {
        return fail(format!("{field}.text"), problem("teks asli wajib diisi", "the original text is required"));
    }
    let amount = match t.limit {
        Limit::WorkingMinutes { amount, at_least } => {
            if let Some(low) = at_least {
                if low >= amount {
                    return fail(
                        format!("{field}.limit.at_least"),
                        problem("batas bawah harus lebih kecil dari batas", "the lower end must be below the limit"),
                    );
                }
            }
            Some(amount)
        }
        Limit::WorkingHours { amount } | Limit::WorkingDays { amount } => Some(amount),
        Limit::AsRequested => None,
    };
    if amount == Some(0) {
        return fail(format!("{field}.limit.amount"), problem("harus lebih dari 0", "must be more than 0"));
    }
    Ok(())
}
