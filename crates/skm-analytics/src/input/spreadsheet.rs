//! Spreadsheets (XLSX, and XLS/ODS/XLSB by the same reader, calamine): a sheet (or each sheet
//! with a header), as a header and rows of text cells numbered as the spreadsheet numbers them.
//!
//! An XLSX or XLSB sheet is read cell by cell and kept sparse: only the cells that hold something, never
//! the rectangle from its first to its last cell (a file of three kilobytes with cells at A1 and
//! XFD1048576 would ask for half a terabyte that way). A row is as wide as the header, whose
//! columns are all the readers look at.

use std::io::{Cursor, Read, Seek};

use calamine::{Data, Reader, SheetType, Xlsx};

use super::header::{self, Leading, LEADING};
use super::limits::{self, Found, Limit, Limits};
use super::sheet::{is_blank, RowSink};
use crate::AnalyticsError;

/// A sheet's non-blank cells: (row, column) from 0, and text.
type Cells = Vec<((u32, u32), String)>;

/// Reads the sheets of a workbook into `sink`: only `only` when it is named, else every
/// worksheet with a header when the sink reads every sheet, else the first with content.
pub(crate) fn read<S: RowSink + ?Sized>(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    only: Option<&str>,
    sink: &mut S,
) -> Result<(), AnalyticsError> {
    let bad = |e: calamine::Error| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(bad)?;
    // Chart sheets and macro sheets hold no rows.
    let names: Vec<String> =
        workbook.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect();
    let several = names.len() > 1;
    let names = match only {
        None => names,
        Some(wanted) => match names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())) {
            Some(name) => vec![name.clone()],
            None => {
                return Err(AnalyticsError::NoSheet {
                    file: file.to_owned(),
                    sheet: wanted.to_owned(),
                    sheets: names.join(", "),
                })
            }
        },
    };
    let (mut read_any, mut first_error) = (false, None);
    for name in &names {
        let cells = match &mut workbook {
            calamine::Sheets::Xlsx(xlsx) => xlsx_cells(file, xlsx, name, limits)?,
            calamine::Sheets::Xlsb(xlsb) => xlsb_cells(file, xlsb, name, limits)?,
            other => range_cells(file, other, name)?,
        };
        if cells.is_empty() {
            continue;
        }
        if several {
            sink.sheet(name);
        }
        match emit(file, cells, limits, sink)? {
            None if !sink.every_sheet() => return Ok(()),
            None => read_any = true,
            Some(no_header) if !sink.every_sheet() => return Err(no_header),
            Some(no_header) => {
                sink.sheet_skipped(name);
                first_error.get_or_insert(no_header);
            }
        }
    }
    match (read_any, first_error) {
        (true, _) => Ok(()),
        (false, Some(e)) => Err(e),
        (false, None) => Err(AnalyticsError::Empty { file: file.to_owned() }),
    }
}

/// The cells of an XLS or ODS sheet, from its range (such files are small: the range of a
/// sparse one is bounded by the unpacked-size check before).
fn range_cells<R: Read + Seek>(
    file: &str,
    workbook: &mut calamine::Sheets<R>,
    name: &str,
) -> Result<Cells, AnalyticsError> {
    let bad = |e: calamine::Error| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    let range = workbook.worksheet_range(name).map_err(bad)?;
    // A formula whose value was never calculated (files written by scripts) reads as empty:
    // show the formula instead, so that the row is reported rather than silently blank.
    let formulas = workbook.worksheet_formula(name).ok();
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
    Ok(cells)
}

/// The cells of an XLSX sheet, read one by one with values and formulas in one pass.
fn xlsx_cells<R: Read + Seek>(
    file: &str,
    xlsx: &mut Xlsx<R>,
    name: &str,
    limits: &Limits,
) -> Result<Cells, AnalyticsError> {
    let bad = |e: calamine::XlsxError| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(bad)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula().map_err(bad)? {
        if let Some(text) = text_of(&Data::from(cell.value), cell.formula.as_deref()) {
            check_cell(file, cell.pos, &text, limits)?;
            cells.push((cell.pos, text));
        }
    }
    Ok(cells)
}

/// The cells of an XLSB sheet, read one by one (the values Excel saved; a formula never
/// calculated reads as blank in this format).
fn xlsb_cells<R: Read + Seek>(
    file: &str,
    xlsb: &mut calamine::Xlsb<R>,
    name: &str,
    limits: &Limits,
) -> Result<Cells, AnalyticsError> {
    let bad = |e: calamine::XlsbError| AnalyticsError::Spreadsheet { file: file.to_owned(), message: e.to_string() };
    let mut reader = xlsb.worksheet_cells_reader(name).map_err(bad)?;
    let mut cells = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(bad)? {
        if let Some(text) = text_of(&Data::from(cell.get_value().clone()), None) {
            check_cell(file, cell.get_position(), &text, limits)?;
            cells.push((cell.get_position(), text));
        }
    }
    Ok(cells)
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

/// Hands a sheet's non-blank cells, by row, to the sink: the header found among the leading
/// rows, then the rows below it, each as wide as the header (from the sheet's first used
/// column). Gives back why the sheet has no header, when it has none.
fn emit<S: RowSink + ?Sized>(
    file: &str,
    mut cells: Cells,
    limits: &Limits,
    sink: &mut S,
) -> Result<Option<AnalyticsError>, AnalyticsError> {
    if !cells.is_sorted_by_key(|(at, _)| *at) {
        cells.sort_by_key(|(at, _)| *at);
    }
    for ((row, column), text) in &cells {
        check_cell(file, (*row, *column), text, limits)?;
    }
    let first_column = cells.iter().map(|((_, c), _)| *c).min().unwrap_or(0);
    let rows: Vec<&[((u32, u32), String)]> = cells.chunk_by(|a, b| a.0 .0 == b.0 .0).collect();
    // A row's cells from the first used column on, `width` of them.
    fn texts_of<'c>(row_cells: &'c [((u32, u32), String)], first_column: u32, width: usize, texts: &mut Vec<&'c str>) {
        texts.clear();
        texts.resize(width, "");
        for ((_, c), text) in row_cells {
            if let Some(slot) = texts.get_mut((c - first_column) as usize) {
                *slot = text.as_str();
            }
        }
    }
    let mut leading: Vec<Leading> = Vec::new();
    for row_cells in &rows {
        let last = row_cells.iter().map(|((_, c), _)| c - first_column).max().unwrap_or(0) as usize;
        let mut texts = Vec::new();
        texts_of(row_cells, first_column, last + 1, &mut texts);
        if is_blank(&texts) {
            continue;
        }
        leading.push((u64::from(row_cells[0].0 .0) + 1, texts.iter().map(|t| t.trim().to_owned()).collect()));
        if leading.len() >= LEADING {
            break;
        }
    }
    if leading.is_empty() {
        return Ok(Some(AnalyticsError::Empty { file: file.to_owned() }));
    }
    let found = match header::find(&*sink, &leading) {
        Ok(found) => found,
        Err(no_header) => return Ok(Some(no_header)),
    };
    let width = found.header.len();
    let header_end = leading[found.above + found.span - 1].0;
    super::sheet::begin(sink, &leading, &found)?;
    let (mut count, mut refs) = (0u64, Vec::<&str>::new());
    for row_cells in rows.iter().filter(|r| u64::from(r[0].0 .0) + 1 > header_end) {
        texts_of(row_cells, first_column, width, &mut refs);
        if is_blank(&refs) {
            continue;
        }
        count += 1;
        // The header is not one of the data rows the limit counts.
        if count > limits.rows {
            return Err(limits::too_large(file, Limit::Rows, limits.rows, Found { size: None, at: None }));
        }
        sink.row(u64::from(row_cells[0].0 .0) + 1, &refs);
    }
    Ok(None)
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
