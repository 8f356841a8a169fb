//! A realistic, reproducible year of SKM data for the five reference services.
//!
//! The same year and seed always give the same files. Scores lean positive with per-service and
//! per-element differences (U9 complaint handling and U8 facilities weakest), as real SKM data do;
//! requests mostly meet their standard's completion time with some breaches; one month has no
//! evaluation meeting and one meeting lacks the Kepala Dinas.

mod generate;
mod records;

use std::path::{Path, PathBuf};

pub use generate::generate;
pub use records::{ActionRecord, ComplaintRecord, MeetingRecord, RequestRecord};
use skm_core::response::ResponseRecord;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// The calendar year.
    pub year: i16,
    /// Number of survey responses.
    pub responses: u64,
    /// Seed of the random generator.
    pub seed: u64,
}

impl DemoOptions {
    /// Defaults for a year: 400 responses, seed 2017 (the year of PermenPANRB 14).
    pub fn for_year(year: i16) -> DemoOptions {
        DemoOptions { year, responses: 400, seed: 2017 }
    }
}

/// One generated year.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoData {
    /// Survey responses, canonical format.
    pub responses: Vec<ResponseRecord>,
    /// Service requests.
    pub requests: Vec<RequestRecord>,
    /// Complaints.
    pub complaints: Vec<ComplaintRecord>,
    /// Evaluation meetings.
    pub meetings: Vec<MeetingRecord>,
    /// Actions decided in the meetings.
    pub actions: Vec<ActionRecord>,
}

/// Why demo files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The catalog did not load.
    #[error(transparent)]
    Catalog(#[from] skm_core::catalog::CatalogError),
    /// The year is outside what the generator supports.
    #[error("tahun {0} tidak didukung (1970–2100) / year {0} is not supported (1970–2100)")]
    Year(i16),
    /// Writing a file failed.
    #[error("{path}: tidak dapat ditulis / cannot be written: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: csv::Error,
    },
}

fn write_csv<T: serde::Serialize>(path: &Path, rows: &[T]) -> Result<(), DemoError> {
    let err = |source| DemoError::Write { path: path.to_owned(), source };
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    for row in rows {
        w.serialize(row).map_err(err)?;
    }
    w.flush().map_err(|e| err(e.into()))
}

impl DemoData {
    /// Writes `responses.csv`, `requests.csv`, `complaints.csv`, `meetings.csv` and `actions.csv`
    /// into `dir` (which must exist); returns the paths written.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>, DemoError> {
        let paths: Vec<PathBuf> = ["responses", "requests", "complaints", "meetings", "actions"]
            .iter()
            .map(|n| dir.join(format!("{n}.csv")))
            .collect();
        write_csv(&paths[0], &self.responses)?;
        write_csv(&paths[1], &self.requests)?;
        write_csv(&paths[2], &self.complaints)?;
        write_csv(&paths[3], &self.meetings)?;
        write_csv(&paths[4], &self.actions)?;
        Ok(paths)
    }
}
