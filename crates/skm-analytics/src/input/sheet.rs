//! The containers offices' tables come in: CSV (comma, semicolon or tab; UTF-8 with or without
//! BOM, or Windows-1252 as older Excel writes) and spreadsheets (XLSX, and XLS/ODS by the same
//! reader). Each is turned into a header and rows of text cells, numbered as a spreadsheet
//! numbers them (the header is row 1).

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};

use crate::AnalyticsError;

/// Receives a table's header, then its non-blank rows.
pub(crate) trait RowSink {
    /// The header row; an error stops the reading.
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError>;
    /// One data row with its row number.
    fn row(&mut self, number: u64, cells: &[&str]);
}

/// Reads a table from a file's bytes and names its container (`csv-comma`, `csv-semicolon`,
/// `csv-tab`, `spreadsheet`).
pub(crate) fn read_sheet(file: &str, bytes: &[u8], sink: &mut dyn RowSink) -> Result<String, AnalyticsError> {
    if is_spreadsheet(bytes) {
        read_spreadsheet(file, bytes, sink)?;
        Ok("spreadsheet".to_owned())
    } else {
        let name = match read_csv(file, bytes, sink)? {
            b';' => "csv-semicolon",
            b'\t' => "csv-tab",
            _ => "csv-comma",
        };
        Ok(name.to_owned())
    }
}

fn is_spreadsheet(bytes: &[u8]) -> bool {
    // ZIP (XLSX, ODS) or OLE compound file (XLS).
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        // Excel's "CSV (Comma delimited)" on Windows writes the ANSI code page.
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The delimiter of a CSV text: the most frequent of `,`, `;` and tab in its first line,
/// outside quotes; a comma when there is none.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn is_blank(cells: &[&str]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn read_csv(file: &str, bytes: &[u8], sink: &mut dyn RowSink) -> Result<u8, AnalyticsError> {
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut header_seen = false;
    let (mut line, mut counted) = (1u64, 0usize);
    loop {
        let more = reader.read_record(&mut record).map_err(|e| AnalyticsError::Csv {
            file: file.to_owned(),
            row: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        if !more {
            break;
        }
        // The csv reader's position of a record that follows blank lines is where those blank
        // lines start, and its line count skips them: count the newlines ourselves.
        let bytes = text.as_bytes();
        let mut start = (record.position().map_or(0, |p| p.byte()) as usize).min(bytes.len());
        line += bytecount_newlines(&bytes[counted.min(start)..start]);
        while let Some(b @ (b'\n' | b'\r')) = bytes.get(start) {
            line += u64::from(*b == b'\n');
            start += 1;
        }
        counted = start;
        let cells: Vec<&str> = record.iter().collect();
        if !header_seen {
            if is_blank(&cells) {
                continue;
            }
            let header: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
            sink.header(&header)?;
            header_seen = true;
        } else if !is_blank(&cells) {
            sink.row(line, &cells);
        }
    }
    if !header_seen {
        return Err(AnalyticsError::Empty { file: file.to_owned() });
    }
    Ok(delimiter)
}

fn bytecount_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

fn read_spreadsheet(file: &str, bytes: &[u8], sink: &mut dyn RowSink) -> Result<(), AnalyticsError> {
    let bad = |e: calamine::Error| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(bad)?;
    // The first sheet with any cell: Google Sheets and Excel put the responses first.
    let count = workbook.sheet_names().len();
    for index in 0..count {
        let Some(range) = workbook.worksheet_range_at(index) else { continue };
        let range = range.map_err(bad)?;
        if range.is_empty() {
            continue;
        }
        // A formula whose value was never calculated (files written by scripts) reads as empty:
        // show the formula instead, so that the row is reported rather than silently blank.
        let formulas =
            workbook.sheet_names().get(index).cloned().and_then(|name| workbook.worksheet_formula(&name).ok());
        let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
        let mut header_seen = false;
        let mut texts: Vec<String> = Vec::new();
        for (offset, row) in range.rows().enumerate() {
            texts.clear();
            texts.extend(row.iter().map(cell_text));
            if let Some(formulas) = &formulas {
                let absolute_row = range.start().map_or(0, |(r, _)| r) + offset as u32;
                let first_column = range.start().map_or(0, |(_, c)| c);
                for (column, text) in texts.iter_mut().enumerate() {
                    if text.is_empty() {
                        let at = (absolute_row, first_column + column as u32);
                        if let Some(formula) = formulas.get_value(at).filter(|f| !f.is_empty()) {
                            *text = format!("={formula}");
                        }
                    }
                }
            }
            let cells: Vec<&str> = texts.iter().map(String::as_str).collect();
            if is_blank(&cells) {
                continue;
            }
            if !header_seen {
                let header: Vec<String> = cells.iter().map(|c| c.trim().to_owned()).collect();
                sink.header(&header)?;
                header_seen = true;
            } else {
                sink.row(first_row + offset as u64 + 1, &cells);
            }
        }
        return Ok(());
    }
    Err(AnalyticsError::Empty { file: file.to_owned() })
}

/// A spreadsheet cell as the text a CSV export would hold: whole numbers without a decimal
/// point, dates as ISO dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("id,service,u1\n1;2;3"), b',');
        assert_eq!(sniff_delimiter("id;service;u1\n"), b';');
        assert_eq!(sniff_delimiter("\"a,b\";c;d\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn bom_and_ansi_are_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFid;u1"), "id;u1");
        assert_eq!(decode(b"caf\xE9"), "café");
    }
}
