//! The catalog of service standards: one TOML document per service, loaded and validated.
//!
//! The five reference documents live in `data/standards/` and are compiled in, so every
//! binary agrees on them; an office can load its own documents through [`Catalog::from_documents`].

mod model;
mod validate;

pub use model::*;
pub(crate) use validate::line_column;
pub use validate::{problems, CatalogError, Problem};

/// The validated set of service standards, with their earlier versions where known.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Catalog {
    standards: Vec<ServiceStandard>,
    #[serde(skip)]
    history: Vec<Version>,
}

/// One version of a service's standard and the day it took effect; `standard` is `None` for
/// the version that retired the service.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    /// The service's code.
    pub code: String,
    /// The day it took effect.
    pub effective_from: jiff::civil::Date,
    /// The standard, or `None` from the day the service was retired.
    pub standard: Option<ServiceStandard>,
}

/// The reference documents compiled into the binaries: (file name, TOML text).
pub const BUILTIN_DOCUMENTS: [(&str, &str); 5] = [
    (
        "data/standards/publikasi-media-sosial.toml",
        include_str!("../../../../data/standards/publikasi-media-sosial.toml"),
    ),
    ("data/standards/dokumentasi-kegiatan.toml", include_str!("../../../../data/standards/dokumentasi-kegiatan.toml")),
    (
        "data/standards/video-conference-streaming.toml",
        include_str!("../../../../data/standards/video-conference-streaming.toml"),
    ),
    ("data/standards/internet-jaringan.toml", include_str!("../../../../data/standards/internet-jaringan.toml")),
    (
        "data/standards/informasi-dokumentasi-publik.toml",
        include_str!("../../../../data/standards/informasi-dokumentasi-publik.toml"),
    ),
];

impl Catalog {
    /// Parses and validates documents given as (file name, TOML text) pairs.
    pub fn from_documents<'a>(
        documents: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Catalog, CatalogError> {
        let mut standards: Vec<ServiceStandard> = Vec::new();
        for (file, text) in documents {
            let standard = validate::parse(file, text)?;
            if let Some(first) = standards.iter().find(|s| s.code == standard.code) {
                return Err(CatalogError::Duplicate {
                    file: file.to_owned(),
                    code: standard.code,
                    first_source: first.source.clone(),
                });
            }
            standards.push(standard);
        }
        Ok(Catalog { standards, history: Vec::new() })
    }

    /// Parses and validates one document, as [`Catalog::from_documents`] does each.
    pub fn parse_document(file: &str, text: &str) -> Result<ServiceStandard, CatalogError> {
        validate::parse(file, text)
    }

    /// A catalog of standards already validated, in the order given; a code repeated is refused.
    pub fn from_standards(standards: Vec<ServiceStandard>) -> Result<Catalog, CatalogError> {
        for (i, s) in standards.iter().enumerate() {
            if let Some(first) = standards[..i].iter().find(|f| f.code == s.code) {
                return Err(CatalogError::Duplicate {
                    file: s.source.clone(),
                    code: s.code.clone(),
                    first_source: first.source.clone(),
                });
            }
        }
        Ok(Catalog { standards, history: Vec::new() })
    }

    /// The five reference standards shipped in `data/standards/`.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_documents(BUILTIN_DOCUMENTS)
    }

    /// All standards, in load order.
    pub fn standards(&self) -> &[ServiceStandard] {
        &self.standards
    }

    /// The standard with the given service code.
    pub fn get(&self, code: &str) -> Option<&ServiceStandard> {
        self.standards.iter().find(|s| s.code == code)
    }

    /// Whether a service code exists.
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// The catalog with every version of its services (current or retired), so that an item
    /// is judged by the standard in force when it arrived ([`Catalog::standard_on`]).
    pub fn with_history(mut self, mut versions: Vec<Version>) -> Catalog {
        // By code, then date; of two on one date the later given wins, as the stable sort keeps
        // their order.
        versions.sort_by(|a, b| a.code.cmp(&b.code).then(a.effective_from.cmp(&b.effective_from)));
        self.history = versions;
        self
    }

    /// Whether the code is a service now or was one in an earlier version.
    pub fn knows(&self, code: &str) -> bool {
        self.contains(code) || self.history.iter().any(|v| v.code == code)
    }

    /// The standard of a service in force on `date`: the version with the latest effective date
    /// on or before it, or the first version for a date before all of them; `None` once the
    /// service was retired. Without a history, the current standard.
    pub fn standard_on(&self, code: &str, date: jiff::civil::Date) -> Option<&ServiceStandard> {
        let start = self.history.partition_point(|v| v.code.as_str() < code);
        let versions = &self.history[start..];
        let versions = &versions[..versions.partition_point(|v| v.code == code)];
        let Some(first) = versions.first() else {
            return self.get(code);
        };
        let in_force = versions.iter().rev().find(|v| v.effective_from <= date).unwrap_or(first);
        in_force.standard.as_ref()
    }
}

#[cfg(test)]
mod tests;
