//! Writing a result in the format asked for: a table for people, JSON or CSV for programs.
//! With JSON or CSV on standard output, the rows left out are listed on standard error.

use std::io::{self, Write};

use serde::Serialize;
use skm_core::analysis::InputSummary;
use skm_core::Lang;

use crate::words::t;

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
        write_issues(&mut io::stderr().lock(), input, lang)?;
    }
    Ok(())
}

/// Warns, on standard error, of every file that holds dates after today (in WIB).
pub fn warn_dates_after_today(input: &InputSummary, lang: Lang) -> io::Result<()> {
    let today = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7))).date();
    let mut err = io::stderr().lock();
    for note in input.after_today(today) {
        writeln!(err, "{}: {}", t("peringatan", "warning").get(lang), note.get(lang))?;
    }
    Ok(())
}

/// How many problems are listed on the terminal; JSON output lists up to a thousand.
const ISSUES_SHOWN: usize = 20;

/// Writes what was noticed of the files' layout, and what was left out of the input and why,
/// for a terminal.
pub fn write_issues(out: &mut dyn Write, input: &InputSummary, l: Lang) -> io::Result<()> {
    let notes = input.notes();
    if !notes.is_empty() {
        writeln!(out)?;
        for note in &notes {
            writeln!(out, "{}: {}", t("catatan", "note").get(l), note.get(l))?;
        }
    }
    if input.issues.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let reasons: Vec<String> =
        input.drop_reasons.iter().map(|r| format!("{} × {}", r.rows, r.reason.text().get(l))).collect();
    writeln!(
        out,
        "{} {} ({}); {} {}",
        input.rows_dropped,
        t("baris dilewati", "rows skipped").get(l),
        if reasons.is_empty() { "–".to_owned() } else { reasons.join("; ") },
        input.cells_ignored,
        t("sel diabaikan", "cells ignored").get(l)
    )?;
    for issue in input.issues.iter().take(ISSUES_SHOWN) {
        writeln!(out, "  {}", issue.message())?;
    }
    let more = (input.issues.len().saturating_sub(ISSUES_SHOWN)) as u64 + input.issues_omitted;
    if more > 0 {
        writeln!(out, "  … {more} {}", t("lainnya (lihat --format json)", "more (see --format json)").get(l))?;
    }
    Ok(())
}
