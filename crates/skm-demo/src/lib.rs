//! A realistic, reproducible year of SKM data for the five reference services.
//!
//! The same year and seed always give the same files. Scores lean positive with per-service and
//! per-element differences (U9 complaint handling and U8 facilities weakest), as real SKM data do;
//! requests mostly meet their standard's completion time with some breaches; one month has no
//! evaluation meeting and one meeting lacks the Kepala Dinas.

mod generate;
mod pemda;
mod records;

use std::path::{Path, PathBuf};

pub use generate::generate;
pub use pemda::{demo_pemda, DemoPemda, DemoUnit};
pub use records::{ActionRecord, ComplaintRecord, MeetingRecord, RequestRecord};
use skm_core::response::ResponseRecord;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// The calendar year.
    pub year: i16,
    /// Number of survey responses.
    pub responses: u64,
    /// Number of service requests, shared among the services as a real office's are.
    pub requests: u64,
    /// Seed of the random generator.
    pub seed: u64,
}

impl DemoOptions {
    /// Defaults for a year: 400 responses, 1,000 requests, seed 2017 (the year of PermenPANRB 14).
    pub fn for_year(year: i16) -> DemoOptions {
        DemoOptions { year, responses: 400, requests: 1000, seed: 2017 }
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

fn csv_bytes<T: serde::Serialize>(name: &str, rows: &[T]) -> Result<Vec<u8>, DemoError> {
    write_csv(Path::new(name), Vec::new(), rows)
}

/// Writes `rows` as CSV into `out`, naming `path` in errors; returns the writer.
fn write_csv<W: std::io::Write, T: serde::Serialize>(path: &Path, out: W, rows: &[T]) -> Result<W, DemoError> {
    let err = |source| DemoError::Write { path: path.to_owned(), source };
    let mut w = csv::Writer::from_writer(out);
    for row in rows {
        w.serialize(row).map_err(err)?;
    }
    w.into_inner().map_err(|e| err(e.into_error().into()))
}

/// Whether a moment written in a file (`2026-03-17T09:00:00+07:00`, or a date `2026-03-17`,
/// taken as its start in WIB) is at or before `moment`. Text that is not a moment counts as before.
fn not_after(text: &str, moment: jiff::Timestamp) -> bool {
    use skm_core::date::{parse_moment, Moment};
    let wib = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
    let at = match parse_moment(text) {
        Some(Moment::Instant(ts)) => Some(ts),
        Some(Moment::Local(dt)) => wib.to_timestamp(dt).ok(),
        Some(Moment::Date(d)) => wib.to_timestamp(d.to_datetime(jiff::civil::Time::midnight())).ok(),
        None => None,
    };
    at.is_none_or(|at| at <= moment)
}

impl DemoData {
    /// The year as it stood at `moment`: what was received, held or decided after it is left
    /// out, and a completion after it is not known yet (the request is still open). The same
    /// year and seed cut at the same moment give the same data.
    pub fn until(mut self, moment: jiff::Timestamp) -> DemoData {
        self.responses.retain(|r| not_after(&r.submitted_at, moment));
        self.requests.retain(|r| not_after(&r.received_at, moment));
        for r in &mut self.requests {
            if r.completed_at.as_deref().is_some_and(|c| !not_after(c, moment)) {
                r.completed_at = None;
                r.status = "proses".to_owned();
            }
        }
        self.complaints.retain(|c| not_after(&c.received_at, moment));
        for c in &mut self.complaints {
            if c.resolved_at.as_deref().is_some_and(|r| !not_after(r, moment)) {
                c.resolved_at = None;
                c.status = "proses".to_owned();
            }
        }
        self.meetings.retain(|m| not_after(&m.date, moment));
        self.actions.retain(|a| not_after(&a.meeting_date, moment));
        for a in &mut self.actions {
            if a.done_at.as_deref().is_some_and(|d| !not_after(d, moment)) {
                a.done_at = None;
            }
        }
        self
    }

    /// Writes `responses.csv`, `requests.csv`, `complaints.csv`, `meetings.csv` and `actions.csv`
    /// into `dir` (which must exist); returns the paths written.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>, DemoError> {
        /// Streams one file, so that ten million rows never sit in memory twice.
        fn one<T: serde::Serialize>(dir: &Path, name: &str, rows: &[T]) -> Result<PathBuf, DemoError> {
            let path = dir.join(name);
            let io = |e: std::io::Error| DemoError::Write { path: path.clone(), source: csv::Error::from(e) };
            let file = std::fs::File::create(&path).map_err(io)?;
            let out = write_csv(&path, std::io::BufWriter::with_capacity(1 << 20, file), rows)?;
            out.into_inner().map_err(|e| io(e.into_error()))?.sync_all().map_err(io)?;
            Ok(path)
        }
        Ok(vec![
            one(dir, "responses.csv", &self.responses)?,
            one(dir, "requests.csv", &self.requests)?,
            one(dir, "complaints.csv", &self.complaints)?,
            one(dir, "meetings.csv", &self.meetings)?,
            one(dir, "actions.csv", &self.actions)?,
        ])
    }

    /// The five files' names and CSV bytes, in the order [`DemoData::write_to`] writes them.
    pub fn csv_files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, DemoError> {
        Ok(vec![
            ("responses.csv", csv_bytes("responses.csv", &self.responses)?),
            ("requests.csv", csv_bytes("requests.csv", &self.requests)?),
            ("complaints.csv", csv_bytes("complaints.csv", &self.complaints)?),
            ("meetings.csv", csv_bytes("meetings.csv", &self.meetings)?),
            ("actions.csv", csv_bytes("actions.csv", &self.actions)?),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_cut_at_a_moment_holds_nothing_after_it() {
        let year = generate(DemoOptions::for_year(2026)).unwrap();
        let moment: jiff::Timestamp = "2026-11-30T01:00:00Z".parse().unwrap();
        let cut = year.clone().until(moment);
        assert!(cut.responses.len() < year.responses.len() && cut.responses.len() > year.responses.len() * 3 / 4);
        assert!(cut.responses.iter().all(|r| r.submitted_at.as_str() < "2026-11-30T09:00:00+07:00"));
        assert!(cut.requests.iter().all(|r| r.received_at.as_str() <= "2026-11-30T08:00:00+07:00"));
        assert!(cut.requests.iter().filter_map(|r| r.completed_at.as_deref()).all(|c| not_after(c, moment)));
        assert!(cut.meetings.iter().all(|m| m.date.as_str() <= "2026-11-30"));
        // The same cut twice is the same data.
        assert_eq!(cut, year.until(moment));
    }
}
