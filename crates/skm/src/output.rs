//! Writing a result in the format asked for: a table for people, JSON or CSV for programs.
//! With JSON or CSV on standard output, the rows left out are listed on standard error.

use std::io::{self, Write};

use serde::Serialize;
use skm_core::analysis::InputSummary;
use skm_core::Lang;

/// The writers of one kind of result.
pub struct Writers<'a> {
    /// Tables for a terminal.
    pub table: &'a dyn Fn(&mut dyn Write) -> io::Result<()>,
    /// Flat CSV.
    pub csv: &'a dyn Fn(&mut dyn Write) -> anyhow::Result<()>,
}

/// Writes `value` as `format` (`table`, `json` or `csv`) to standard output.
pub fn emit<T: Serialize>(
    format: &str,
    value: &T,
    input: &InputSummary,
    lang: Lang,
    writers: Writers<'_>,
) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match format {
        "json" => {
            serde_json::to_writer_pretty(&mut out, value)?;
            writeln!(out)?;
        }
        "csv" => (writers.csv)(&mut out)?,
        _ => (writers.table)(&mut out)?,
    }
    out.flush()?;
    if format != "table" {
        crate::ikm_table::write_issues(&mut io::stderr().lock(), input, lang)?;
    }
    Ok(())
}
