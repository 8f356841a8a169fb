//! The catalog of service standards: one TOML document per service, loaded and validated.
//!
//! The five reference documents live in `data/standards/` and are compiled in, so every
//! binary agrees on them; an office can load its own documents through [`Catalog::from_documents`].

mod model;
mod validate;

pub use model::*;
pub use validate::{CatalogError, Problem};
pub(crate) use validate::line_column;

/// The validated set of service standards.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Catalog {
    standards: Vec<ServiceStandard>,
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
        Ok(Catalog { standards })
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
        Ok(Catalog { standards })
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
}

#[cfg(test)]
mod tests;
