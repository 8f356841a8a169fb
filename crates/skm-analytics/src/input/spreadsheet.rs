//! Spreadsheets (XLSX, and XLS/ODS/XLSB by the same reader, calamine): the first sheet with
//! content, as a header and rows of text cells numbered as the spreadsheet numbers them.
//!
//! An XLSX or XLSB sheet is read cell by cell and kept sparse: only the cells that hold something, never
//! the rectangle from its first to its last cell (a file of three kilobytes with cells at A1 and
//! XFD1048576 would ask for half a terabyte that way). A row is as wide as the header, whose
//! columns are all the readers look at.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, Reader, Xlsx};

use super::limits::{self, Found, Limit, Limits};
use super::sheet::{is_blank, RowSink};
use crate::AnalyticsError;

/// Reads the first sheet with content into `sink`.
pub(crate) fn read<S: RowSink + ?Sized>(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    sink: &mut S,
) -> Result<(), AnalyticsError> {
    let bad = |e: calamine::Error| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(bad)?;
    match &mut workbook {
        calamine::Sheets::Xlsx(xlsx) => return read_xlsx(file, xlsx, limits, sink),
        calamine::Sheets::Xlsb(xlsb) => return read_xlsb(file, xlsb, limits, sink),
        _ => {}
    }
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
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (offset, row) in range.rows().enumerate() {
            let r = first_row + offset as u32;
            for (column, value) in row.iter().enumerate() {
                let c = first_column + column as u32;
                let formula = formulas.as_ref().and_then(|f| f.get_value((r, c))).filter(|f| !f.is_empty());
                if let Some(text) = text_of(value, formula.map(String::as_str)) {
                    cells.push(((r, c), text));
                }
            }
        }
        return emit(file, cells, limits, sink);
    }
    Err(AnalyticsError::Empty { file: file.to_owned() })
}

/// The first XLSX sheet with content, read cell by cell with values and formulas in one pass.
fn read_xlsx<R: Read + Seek, S: RowSink + ?Sized>(
    file: &str,
    xlsx: &mut Xlsx<R>,
    limits: &Limits,
    sink: &mut S,
) -> Result<(), AnalyticsError> {
    let bad = |e: calamine::XlsxError| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    for name in xlsx.sheet_names() {
        let mut reader = xlsx.worksheet_cells_reader(&name).map_err(bad)?;
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell_with_formula().map_err(bad)? {
            if let Some(text) = text_of(&Data::from(cell.value), cell.formula.as_deref()) {
                check_cell(file, cell.pos, &text, limits)?;
                cells.push((cell.pos, text));
            }
        }
        if !cells.is_empty() {
            return emit(file, cells, limits, sink);
        }
    }
    Err(AnalyticsError::Empty { file: file.to_owned() })
}

/// The first XLSB sheet with content, read cell by cell (the values Excel saved; a formula never
/// calculated reads as blank in this format).
fn read_xlsb<R: Read + Seek, S: RowSink + ?Sized>(
    file: &str,
    xlsb: &mut calamine::Xlsb<R>,
    limits: &Limits,
    sink: &mut S,
) -> Result<(), AnalyticsError> {
    let bad = |e: calamine::XlsbError| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    for name in xlsb.sheet_names() {
        let mut reader = xlsb.worksheet_cells_reader(&name).map_err(bad)?;
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(bad)? {
            if let Some(text) = text_of(&Data::from(cell.get_value().clone()), None) {
                check_cell(file, cell.get_position(), &text, limits)?;
                cells.push((cell.get_position(), text));
            }
        }
        if !cells.is_empty() {
            return emit(file, cells, limits, sink);
        }
    }
    Err(AnalyticsError::Empty { file: file.to_owned() })
}

/// A cell's text, or its formula where no value was calculated; `None` when blank.
fn text_of(value: &Data, formula: Option<&str>) -> Option<String> {
    let mut text = cell_text(value);
    if text.is_empty() {
        if let Some(formula) = formula.filter(|f| !f.is_empty()) {
            text = format!("={formula}");
        }
    }
    (!text.trim().is_empty()).then_some(text)
}

fn check_cell(file: &str, (row, column): (u32, u32), text: &str, limits: &Limits) -> Result<(), AnalyticsError> {
    if text.len() as u64 > limits.cell_bytes {
        let found = Found { size: Some(text.len() as u64), at: Some((u64::from(row) + 1, u64::from(column) + 1)) };
        return Err(limits::too_large(file, Limit::CellSize, limits.cell_bytes, found));
    }
    Ok(())
}

/// Hands the non-blank cells, by row, to the sink: the first row is the header; a row holds the
/// columns from the sheet's first used column to the header's last.
fn emit<S: RowSink + ?Sized>(
    file: &str,
    mut cells: Vec<((u32, u32), String)>,
    limits: &Limits,
    sink: &mut S,
) -> Result<(), AnalyticsError> {
    if !cells.is_sorted_by_key(|(at, _)| *at) {
        cells.sort_by_key(|(at, _)| *at);
    }
    for ((row, column), text) in &cells {
        check_cell(file, (*row, *column), text, limits)?;
    }
    let first_column = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let mut width = None;
    let (mut rows, mut texts) = (0u64, Vec::<&str>::new());
    for row_cells in cells.chunk_by(|a, b| a.0 .0 == b.0 .0) {
        let row = row_cells[0].0 .0;
        // The header, and the rows after it, as wide as the header.
        let last = row_cells.iter().map(|((_, c), _)| c - first_column).max().unwrap_or(0) as usize;
        let width = *width.get_or_insert(last + 1);
        texts.clear();
        texts.resize(width, "");
        for ((_, c), text) in row_cells {
            if let Some(slot) = texts.get_mut((c - first_column) as usize) {
                *slot = text.as_str();
            }
        }
        if rows == 0 {
            if is_blank(&texts) {
                continue;
            }
            let header: Vec<String> = texts.iter().map(|c| c.trim().to_owned()).collect();
            sink.header(&header)?;
        } else {
            // The header is not one of the data rows the limit counts.
            if rows > limits.rows {
                return Err(limits::too_large(file, Limit::Rows, limits.rows, Found { size: None, at: None }));
            }
            sink.row(u64::from(row) + 1, &texts);
        }
        rows += 1;
    }
    Ok(())
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
