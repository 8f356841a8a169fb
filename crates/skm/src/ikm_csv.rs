//! The IKM analysis as CSV: one line for all respondents, then one per group (the columns of
//! `skm_core::ikm_csv`).

use std::io::Write;

use skm_core::analysis::IkmAnalysis;
use skm_core::ikm_csv::{header, record};

/// Writes the overall line and the group lines.
pub fn write(out: &mut dyn Write, a: &IkmAnalysis) -> anyhow::Result<()> {
    let mut w = skm_csv::CsvWriter::new(out);
    w.row(header())?;
    w.row(record("all", &a.overall))?;
    for g in &a.groups {
        w.row(record("group", g))?;
    }
    w.flush()?;
    Ok(())
}
