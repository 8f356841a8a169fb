//! The containers offices' tables come in: CSV (comma, semicolon or tab; UTF-8 with or without
//! BOM, or Windows-1252 as older Excel writes) and spreadsheets (XLSX, and XLS/ODS by the same
//! reader). Each is turned into a header and rows of text cells, numbered as a spreadsheet
//! numbers them (the header is row 1).

use std::borrow::Cow;

use super::header::{self, Leading, LEADING};
use super::limits::{self, Found, Limit, Limits};
use super::Input;
use crate::AnalyticsError;

/// Receives a table's header, then its non-blank rows.
pub(crate) trait RowSink {
    /// How many of the columns this sink reads `header` names; an error when it cannot be its
    /// header. By default any row can: the first non-blank row is the header.
    fn fields(&self, _header: &[String]) -> Result<usize, AnalyticsError> {
        Ok(1)
    }
    /// The rows above the header, not read (a title block), and the rows the header spans.
    fn above(&mut self, _title: &[Leading], _header_rows: (u64, u64)) {}
    /// The header row; an error stops the reading.
    fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError>;
    /// One data row with its row number.
    fn row(&mut self, number: u64, cells: &[&str]);
    /// Whether every sheet of a workbook that has a header is read (by default only the first
    /// sheet with content).
    fn every_sheet(&self) -> bool {
        false
    }
    /// A sheet of a workbook of several sheets begins (before its header is looked for).
    fn sheet(&mut self, _name: &str) {}
    /// The sheet begun has no header this sink reads: it is passed over.
    fn sheet_skipped(&mut self, _name: &str) {}
}

/// A sink whose rows can be read in parts of the file, each on its own thread, and joined in
/// file order: the result is the same as reading the rows one after another.
pub(crate) trait PartSink: RowSink + Send {
    /// Makes room for the rows of `bytes` of the file, so that columns do not grow (natively,
    /// room not written to costs no memory; growing a large column while other threads fault
    /// in pages serialises them on the kernel's memory map).
    fn reserve(&mut self, bytes: usize);
    /// An empty sink for a later part of the same file, its header already known.
    fn part(&self) -> Self;
    /// Takes the rows of the part that follows this sink's rows.
    fn join(&mut self, later: Self);
}

/// Reads a table from a file's bytes, within its limits, and names its container
/// (`csv-comma`, `csv-semicolon`, `csv-tab`, `spreadsheet`).
pub(crate) fn read_sheet(input: Input<'_>, sink: &mut dyn RowSink) -> Result<String, AnalyticsError> {
    read_table(input, sink, |file, text, delimiter, from, limits, sink| {
        records(file, text, delimiter, from, usize::MAX, limits, sink).map(|(_, count)| count)
    })
}

/// A part of a CSV file smaller than this is not worth a thread (under the fuzzer, whose inputs
/// are small, a few lines are, so that reading in parts is fuzzed too).
pub(crate) const MIN_PART: usize = if cfg!(fuzzing) { 64 } else { 4 << 20 };

/// [`read_sheet`], with a large CSV file's rows read in parts of at least `min_part` bytes, one
/// per core.
pub(crate) fn read_sheet_in_parts<S: PartSink>(
    input: Input<'_>,
    sink: &mut S,
    min_part: usize,
) -> Result<String, AnalyticsError> {
    read_table(input, sink, |file, text, delimiter, first, limits, sink| {
        let count = crate::parallel::cores().min((text.len() - first.byte.min(text.len())) / min_part.max(1));
        parts::read(file, text, delimiter, first, limits, sink, count)
    })
}

/// Checks the file against its limits, reads the header, then hands the CSV body (its text,
/// delimiter and first record) to `body`, which gives back how many records it read.
fn read_table<S: RowSink + ?Sized>(
    input: Input<'_>,
    sink: &mut S,
    body: impl FnOnce(&str, &str, u8, At, &Limits, &mut S) -> Result<u64, AnalyticsError>,
) -> Result<String, AnalyticsError> {
    let (file, bytes, limits) = (input.name, input.bytes, &input.limits);
    limits::check_file(file, bytes, limits)?;
    if is_spreadsheet(bytes) {
        limits::check_zip(file, bytes, limits)?;
        super::ods::check(file, bytes, limits)?;
        super::spreadsheet::read(file, bytes, limits, input.given.sheet, sink)?;
        return Ok("spreadsheet".to_owned());
    }
    let text = decode(bytes);
    let delimiter = sniff_delimiter(&text);
    let start = At { byte: 0, line: 1 };
    let mut leading = LeadingRows(Vec::new());
    // The rows looked at for the header are few, and counted again as rows when they are.
    let unbounded = Limits { rows: u64::MAX, ..*limits };
    records(file, &text, delimiter, start, usize::MAX, &unbounded, &mut leading)?;
    if leading.0.is_empty() {
        return Err(AnalyticsError::Empty { file: file.to_owned() });
    }
    let found = header::find(&*sink, &leading.0)?;
    // Past the header: its last row is the `above + span`-th non-blank record.
    let (first, _) =
        records(file, &text, delimiter, start, usize::MAX, &unbounded, &mut Skip(found.above + found.span))?;
    begin(sink, &leading.0, &found)?;
    if let Some(first) = first {
        let rows = body(file, &text, delimiter, first, limits, sink)?;
        limits::check_rows(file, rows, limits)?;
    }
    let name = match delimiter {
        b';' => "csv-semicolon",
        b'\t' => "csv-tab",
        _ => "csv-comma",
    };
    Ok(name.to_owned())
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

/// The delimiter of a CSV text: the most frequent of `,`, `;` and tab, outside quotes, in its
/// first line that holds any (a title above the header may hold none); a comma when none does.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines += 1;
                if counts.iter().any(|&n| n > 0) || lines >= LEADING {
                    break;
                }
            }
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

pub(crate) fn is_blank(cells: &[&str]) -> bool {
    cells.iter().all(|c| trim(c).is_empty())
}

/// A cell without the white space around it; most cells have none, and are seen to have none
/// from their first and last bytes.
pub(crate) fn trim(cell: &str) -> &str {
    // A byte between space and DEL is printable ASCII, never part of white space.
    let plain = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x7F).contains(b));
    if plain(cell.as_bytes().first()) && plain(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim()
    }
}

/// Where a CSV record starts: its byte in the text and the line it is on (the first is 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    /// Byte offset in the decoded text.
    pub(crate) byte: usize,
    /// Line number, as a spreadsheet numbers rows.
    pub(crate) line: u64,
}

/// Hands the sink the rows above the header found and the header itself.
pub(crate) fn begin<S: RowSink + ?Sized>(
    sink: &mut S,
    leading: &[Leading],
    found: &header::Found,
) -> Result<(), AnalyticsError> {
    let rows = |from: usize, to: usize| (leading[from].0, leading[to].0);
    let last = found.above + found.span - 1;
    sink.above(&leading[..found.above], rows(found.above, last.min(leading.len() - 1)));
    sink.header(&found.header)
}

/// The leading non-blank records, trimmed, where the header is looked for.
struct LeadingRows(Vec<Leading>);

/// Passes over this many non-blank records.
struct Skip(usize);

/// What [`records`] hands its rows to: a sink that may ask to stop after a row.
trait Records {
    /// One non-blank record; false to stop after it.
    fn record(&mut self, line: u64, cells: &[&str]) -> Result<bool, AnalyticsError>;
}

impl Records for LeadingRows {
    fn record(&mut self, line: u64, cells: &[&str]) -> Result<bool, AnalyticsError> {
        self.0.push((line, cells.iter().map(|c| c.trim().to_owned()).collect()));
        Ok(self.0.len() < LEADING)
    }
}

impl Records for Skip {
    fn record(&mut self, _line: u64, _cells: &[&str]) -> Result<bool, AnalyticsError> {
        self.0 = self.0.saturating_sub(1);
        Ok(self.0 > 0)
    }
}

impl<S: RowSink + ?Sized> Records for S {
    fn record(&mut self, line: u64, cells: &[&str]) -> Result<bool, AnalyticsError> {
        self.row(line, cells);
        Ok(true)
    }
}

/// Reads the records of `text` from `from` on and hands the non-blank ones to `to`, until it
/// asks to stop or a record starts at or after byte `until`; returns where the next record
/// starts (or nothing at the end of the text) and how many non-blank records were read. More
/// records than the file may hold, or a cell longer than allowed, stop it with an error.
fn records<R: Records + ?Sized>(
    file: &str,
    text: &str,
    delimiter: u8,
    from: At,
    until: usize,
    limits: &Limits,
    to: &mut R,
) -> Result<(Option<At>, u64), AnalyticsError> {
    let bytes = text.as_bytes();
    let rest = bytes.get(from.byte..).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(rest);
    let mut record = csv::StringRecord::new();
    let mut cells: Vec<&str> = Vec::new();
    // `counted`: how far into `rest` the newlines are counted into `line`.
    let (mut line, mut counted, mut stop, mut read) = (from.line, 0usize, false, 0u64);
    loop {
        let more = reader.read_record(&mut record).map_err(|e| AnalyticsError::Csv {
            file: file.to_owned(),
            row: e.position().map_or(from.line, |p| from.line + p.line().saturating_sub(1)),
            message: e.to_string(),
        })?;
        if !more {
            return Ok((None, read));
        }
        // The raw position of a record that follows blank lines is where those blank lines
        // start, and the reader's line count skips them: count the newlines ourselves.
        let raw = (record.position().map_or(0, |p| p.byte()) as usize).min(rest.len());
        line += newlines(&rest[counted.min(raw)..raw]);
        if stop || from.byte + raw >= until {
            return Ok((Some(At { byte: from.byte + raw, line }), read));
        }
        let mut start = raw;
        while let Some(b @ (b'\n' | b'\r')) = rest.get(start) {
            line += u64::from(*b == b'\n');
            start += 1;
        }
        counted = start;
        // A record no longer than the limit cannot hold a cell that is.
        if record.as_slice().len() as u64 > limits.cell_bytes {
            if let Some((column, size)) = limits::long_cell(record.iter(), limits.cell_bytes) {
                let found = Found { size: Some(size), at: Some((line, column)) };
                return Err(limits::too_large(file, Limit::CellSize, limits.cell_bytes, found));
            }
        }
        cells.clear();
        cells.extend(record.iter());
        if !is_blank(&cells) {
            read += 1;
            limits::check_rows(file, read, limits)?;
            stop = !to.record(line, &cells)?;
        }
        cells = recycle(cells);
    }
}

/// An empty vector with the allocation of `cells`, free of the borrow of their record.
fn recycle<'b>(mut cells: Vec<&str>) -> Vec<&'b str> {
    cells.clear();
    cells.into_iter().map(|_| "").collect()
}

/// The number of line feeds in `bytes`.
fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// A large CSV body read in parts on several threads.
mod parts {
    use super::{newlines, records, At, Limits, PartSink};
    use crate::AnalyticsError;

    /// Reads the body from `first` on in `count` parts, on as many threads; a part whose start
    /// the part before did not end at exactly (a quoted field across the cut) is read again
    /// after that part, in order. Gives back how many records the parts taken hold.
    pub(super) fn read<S: PartSink>(
        file: &str,
        text: &str,
        delimiter: u8,
        first: At,
        limits: &Limits,
        sink: &mut S,
        count: usize,
    ) -> Result<u64, AnalyticsError> {
        let starts = cuts(text.as_bytes(), first, count);
        if starts.len() <= 1 {
            return records(file, text, delimiter, first, usize::MAX, limits, sink).map(|(_, n)| n);
        }
        sink.reserve(text.len() - first.byte);
        std::thread::scope(|scope| {
            let ends = starts.iter().skip(1).map(|s| s.byte).chain([text.len()]);
            let mut handles = starts
                .iter()
                .zip(ends)
                .skip(1)
                .map(|(&start, end)| {
                    let mut part = sink.part();
                    part.reserve(end - start.byte);
                    let end = if end == text.len() { usize::MAX } else { end };
                    let handle = scope.spawn(move || {
                        records(file, text, delimiter, start, end, limits, &mut part).map(|next| (part, next))
                    });
                    (start, handle)
                })
                .collect::<Vec<_>>()
                .into_iter();
            let mut total = 0u64;
            let mut next = records(file, text, delimiter, first, starts[1].byte, limits, sink).map(|(at, n)| {
                total += n;
                at
            });
            // Where to go on reading in order, if a part cannot be taken.
            let mut resume = None;
            for (start, handle) in handles.by_ref() {
                match next {
                    Err(_) | Ok(None) => break,
                    Ok(Some(at)) if at != start => {
                        resume = Some(at);
                        break;
                    }
                    Ok(Some(at)) => match handle.join() {
                        Ok(Ok((part, (after, n)))) => {
                            sink.join(part);
                            total += n;
                            next = Ok(after);
                        }
                        Ok(Err(e)) => next = Err(e),
                        Err(_) => {
                            resume = Some(at);
                            break;
                        }
                    },
                }
            }
            // Parts not taken are waited for, so that none outlives the text.
            for (_, handle) in handles {
                let _ = handle.join();
            }
            match (next, resume) {
                (Err(e), _) => Err(e),
                (Ok(_), Some(at)) => {
                    records(file, text, delimiter, at, usize::MAX, limits, sink).map(|(_, n)| total + n)
                }
                (Ok(_), None) => Ok(total),
            }
        })
    }

    /// The starts of `count` parts of about equal length from `first` on: the first is `first`,
    /// each other the start of a line outside quotes (by counting quotes), with its number.
    fn cuts(bytes: &[u8], first: At, count: usize) -> Vec<At> {
        let mut starts = vec![first];
        if count <= 1 || first.byte >= bytes.len() {
            return starts;
        }
        let length = (bytes.len() - first.byte) / count;
        let (mut at, mut line, mut quoted) = (first.byte, first.line, false);
        for i in 1..count {
            let target = first.byte + i * length;
            if target <= at {
                continue;
            }
            let (q, n) = quotes_and_newlines(&bytes[at..target]);
            line += n;
            quoted ^= q % 2 == 1;
            at = target;
            // On to the next line feed outside quotes.
            while let Some(&b) = bytes.get(at) {
                at += 1;
                match b {
                    b'"' => quoted = !quoted,
                    b'\n' => {
                        line += 1;
                        if !quoted {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if at >= bytes.len() {
                break;
            }
            starts.push(At { byte: at, line });
        }
        debug_assert!(starts.windows(2).all(|w| w[0].line + newlines(&bytes[w[0].byte..w[1].byte]) == w[1].line));
        starts
    }

    /// The quotes and line feeds in `bytes` (two plain counts: each vectorises, a fold of both
    /// does not).
    fn quotes_and_newlines(bytes: &[u8]) -> (u64, u64) {
        (bytes.iter().filter(|&&b| b == b'"').count() as u64, newlines(bytes))
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
        assert_eq!(sniff_delimiter("REKAPITULASI SKM 2026\n\nNo;U1;U2\n"), b';');
    }

    /// Every row with its number, and the header.
    #[derive(Default)]
    struct Rows {
        header: Vec<String>,
        rows: Vec<(u64, Vec<String>)>,
    }

    impl RowSink for Rows {
        fn header(&mut self, header: &[String]) -> Result<(), AnalyticsError> {
            self.header = header.to_vec();
            Ok(())
        }
        fn row(&mut self, number: u64, cells: &[&str]) {
            self.rows.push((number, cells.iter().map(|c| (*c).to_owned()).collect()));
        }
    }

    impl PartSink for Rows {
        fn reserve(&mut self, _bytes: usize) {}
        fn part(&self) -> Self {
            Rows { header: self.header.clone(), rows: Vec::new() }
        }
        fn join(&mut self, later: Self) {
            self.rows.extend(later.rows);
        }
    }

    #[test]
    fn rows_read_in_parts_are_the_rows_read_in_order() {
        let texts = [
            "id,text\n1,a\n2,b\n3,c\n4,d\n5,e\n6,f\n7,g\n8,h\n",
            // Quoted line breaks and quotes where the cuts fall.
            "id,text\n1,\"a\nb\"\n2,\"x \"\"y\"\"\nz\"\n3,\"\n\n\n\"\n4,d\n5,\"e\ne\ne\ne\ne\"\n6,f\n",
            // Blank lines, CRLF, blank rows of delimiters, no final line break.
            "\r\n\r\nid;text\r\n\r\n1;a\r\n;\r\n\r\n2;b\r\n3;c\r\n\r\n\r\n4;d\r\n5;e",
            // A stray quote inside a field (not a quoted field): counting quotes is wrong here.
            "id,text\n1,a\"b\n2,b\n3,c\n4,d\"\n5,e\n6,f\n7,g\n",
            // A quote that never closes.
            "id,text\n1,a\n2,\"b\n3,c\n4,d\n5,e\n6,f\n",
        ];
        for text in texts {
            let mut in_order = Rows::default();
            read_sheet(Input::new("t.csv", text.as_bytes()), &mut in_order).unwrap();
            let rows = in_order.rows.len() as u64;
            for count in 1..=9 {
                let in_parts_within = |limits: Limits| {
                    let mut in_parts = Rows::default();
                    let input = Input::new("t.csv", text.as_bytes()).with_limits(limits);
                    read_table(input, &mut in_parts, |file, text, delimiter, first, limits, sink| {
                        parts::read(file, text, delimiter, first, limits, sink, count)
                    })
                    .map(|_| in_parts)
                };
                // Rows read again after a part that could not be taken are counted once.
                assert!(in_parts_within(Limits { rows, ..Limits::DEFAULT }).is_ok(), "{text:?} in {count} parts");
                if rows > 0 {
                    let refused = in_parts_within(Limits { rows: rows - 1, ..Limits::DEFAULT });
                    assert!(matches!(refused, Err(AnalyticsError::TooLarge { .. })), "{text:?} in {count} parts");
                }
                let Ok(in_parts) = in_parts_within(Limits::DEFAULT) else { panic!("{text:?}") };
                assert_eq!(in_parts.header, in_order.header, "{text:?} in {count} parts");
                assert_eq!(in_parts.rows, in_order.rows, "{text:?} in {count} parts");
            }
        }
    }

    #[test]
    fn faulty_quotes_keep_the_rows() {
        // What polars 0.46's reader refuses whole (docs/benchmarks.md): text after a closing
        // quote, and a quote that never closes (the rest of the file is then its field).
        let mut rows = Rows::default();
        read_sheet(Input::new("t.csv", b"id,text\n1,\"a\"b\n2,c\n3,\"d\n4,e\n"), &mut rows).unwrap();
        let cells: Vec<(u64, Vec<String>)> = rows.rows;
        let text = |n: usize| cells[n].1[1].as_str();
        assert_eq!((cells.len(), text(0), text(1), text(2)), (3, "ab", "c", "d\n4,e\n"));
    }

    #[test]
    fn cells_are_trimmed_of_any_white_space() {
        for cell in ["a", " a", "a ", "\ta\r", "\u{a0}a\u{3000}", "", " ", "é", "\u{85}x", "x\u{85}", "a b"] {
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
    }

    #[test]
    fn bom_and_ansi_are_decoded() {
        assert_eq!(decode(b"\xEF\xBB\xBFid;u1"), "id;u1");
        assert_eq!(decode(b"caf\xE9"), "café");
    }
}
