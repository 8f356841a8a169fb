//! The CSV the SKM tools write, and only that: RFC 4180 quoting (the `csv` crate) with, in
//! every cell, OWASP's rule against formula injection, so that a citizen's suggestion or a cell
//! from an office's file never runs as a formula when the CSV is opened in Excel or Calc.
//!
//! Every CSV writer of the workspace (the server's export, the `skm` commands, the dashboard's
//! downloads) goes through [`CsvWriter`]; the readers take [`restore`] where a text may have been
//! written by it.

use std::borrow::Cow;
use std::io::Write;

/// The first characters that make a spreadsheet read a cell as a formula (OWASP: `=`, `+`, `-`,
/// `@`, tab and carriage return).
const TRIGGERS: [u8; 6] = [b'=', b'+', b'-', b'@', b'\t', b'\r'];

/// The mark put before a cell that would otherwise run as a formula.
const MARK: char = '\'';

fn starts_with_trigger(text: &str) -> bool {
    text.as_bytes().first().is_some_and(|b| TRIGGERS.contains(b))
}

/// A plain signed number (`-2`, `+62`, `-3,5`, `-0.25`): harmless, and kept as a number.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

/// Whether a text needs the mark: it starts with a trigger and is not a plain number, or it
/// is such a text behind apostrophes of its own (so that [`restore`] can tell a mark we put from
/// an apostrophe the text began with).
fn needs_mark(text: &str) -> bool {
    let rest = text.trim_start_matches(MARK);
    starts_with_trigger(rest) && !is_plain_number(rest)
}

/// The cell as written: text that starts with `= + - @`, a tab or a carriage return gets a
/// leading apostrophe (plain numbers such as `-2` stay numbers), and so does such text behind
/// apostrophes of its own, so that [`restore`] gives back exactly what was written.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_mark(cell) {
        Cow::Owned(format!("{MARK}{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The text a cell held before [`neutralise`]: the mark it put taken off.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix(MARK) {
        Some(rest) if needs_mark(rest) => rest,
        _ => cell,
    }
}

/// A CSV writer whose every cell passes through [`neutralise`].
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> std::fmt::Debug for CsvWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CsvWriter")
    }
}

impl<W: Write> CsvWriter<W> {
    /// A writer of comma-separated rows into `out`.
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter { inner: csv::Writer::from_writer(out) }
    }

    /// Writes one row.
    pub fn row<I, S>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<S> = cells.into_iter().collect();
        let safe: Vec<Cow<'_, str>> = cells.iter().map(|c| neutralise(c.as_ref())).collect();
        self.inner.write_record(safe.iter().map(|c| c.as_bytes()))
    }

    /// Flushes what is buffered to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    /// The underlying writer, everything written flushed into it.
    pub fn into_inner(self) -> Result<W, csv::Error> {
        self.inner.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

/// The rows as CSV bytes.
pub fn to_bytes<R, I, S>(rows: R) -> csv::Result<Vec<u8>>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut w = CsvWriter::new(Vec::new());
    for row in rows {
        w.row(row)?;
    }
    w.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for attack in [
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3",
            "\t=1+1",
            "\r=1+1",
            "=",
            "-",
        ] {
            let out = neutralise(attack);
            assert!(out.starts_with('\''), "{attack:?} gave {out:?}");
            assert_eq!(restore(&out), attack);
        }
        for plain in ["-2", "+62", "-3,5", "-0.25", "Terima kasih", "", "2026-03-17", "'quoted", "a=b"] {
            assert_eq!(neutralise(plain), plain);
            assert_eq!(restore(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn a_text_that_looks_marked_survives_the_round_trip() {
        for text in ["'=1+1", "'-2x", "'@x", "'''=x"] {
            let written = neutralise(text);
            assert_eq!(written, format!("'{text}"));
            assert_eq!(restore(&written), text);
        }
        for text in ["'-2", "'quoted", "''", "'"] {
            assert_eq!(neutralise(text), text);
            assert_eq!(restore(text), text);
        }
        let many = format!("{}=x", "'".repeat(1 << 20));
        assert_eq!(restore(&neutralise(&many)), many, "no recursion, however many apostrophes");
    }

    #[test]
    fn rows_are_quoted_and_neutralised() {
        let bytes =
            to_bytes([["id", "saran"], ["1", "=HYPERLINK(\"http://evil\",\"x\")"], ["2", "baris\nbaru, \"kutip\""]])
                .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "id,saran\n1,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\n2,\"baris\nbaru, \"\"kutip\"\"\"\n"
        );
        // Read back by any CSV reader, the cell is text that starts with the mark.
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(restore(&rows[0][1]), "=HYPERLINK(\"http://evil\",\"x\")");
    }
}
