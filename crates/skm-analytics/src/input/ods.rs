//! An ODS sheet's size once opened, read from its markup before it is opened: ODS repeats a row
//! or a cell with an attribute (`table:number-rows-repeated="1000000"`), so a file of a few
//! hundred bytes can stand for a sheet of billions of cells, which the spreadsheet reader would
//! lay out in memory. The size is that of the rectangle up to the last cell with a value, as the
//! reader builds it; trailing empty rows and columns, which every Calc file has, cost nothing.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::limits::{self, Found, Limit, Limits};
use crate::AnalyticsError;

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Refuses an ODS whose sheets, laid out, are larger than the unpacked-size limit; anything
/// that is not a readable ODS is left to the spreadsheet reader.
pub(crate) fn check(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), AnalyticsError> {
    if limits.part_bytes == u64::MAX {
        return Ok(());
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let is_ods = archive.by_name("mimetype").ok().and_then(|mut m| {
        let mut kind = Vec::new();
        m.by_ref().take(64).read_to_end(&mut kind).ok().map(|_| kind == MIMETYPE)
    });
    if is_ods != Some(true) {
        return Ok(());
    }
    let Ok(content) = archive.by_name("content.xml") else { return Ok(()) };
    let cells = laid_out_cells(BufReader::new(content));
    let size = cells.saturating_mul(std::mem::size_of::<calamine::Data>() as u64);
    if size > limits.part_bytes {
        return Err(limits::too_large(
            &format!("{file} (content.xml)"),
            Limit::PartSize,
            limits.part_bytes,
            Found { size: Some(size), at: None },
        ));
    }
    Ok(())
}

fn repeats(element: &BytesStart<'_>, name: &str) -> u64 {
    element.try_get_attribute(name).ok().flatten().and_then(|a| a.value.trim().parse::<u64>().ok()).unwrap_or(1).max(1)
}

/// The cells of the largest sheet as laid out: rows up to the last with a value, times columns
/// up to the last with a value. Markup it cannot read ends the count there.
fn laid_out_cells(content: impl std::io::BufRead) -> u64 {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buffer = Vec::new();
    let (mut largest, mut row_at, mut last_row, mut last_column) = (0u64, 0u64, None::<u64>, None::<u64>);
    let (mut row_repeat, mut column, mut row_has_value) = (1u64, 0u64, false);
    let end_row = |row_at: &mut u64, repeat: u64, has_value: bool, last_row: &mut Option<u64>| {
        if has_value {
            *last_row = Some(row_at.saturating_add(repeat - 1));
        }
        *row_at = row_at.saturating_add(repeat);
    };
    loop {
        let event = match reader.read_event_into(&mut buffer) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(event) => event,
        };
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                (row_at, last_row, last_column) = (0, None, None);
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                (row_repeat, column, row_has_value) = (repeats(&e, "table:number-rows-repeated"), 0, false);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                end_row(&mut row_at, repeats(&e, "table:number-rows-repeated"), false, &mut last_row);
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(e.name().as_ref(), "table:table-cell" | "table:covered-table-cell") =>
            {
                let repeat = repeats(&e, "table:number-columns-repeated");
                if e.try_get_attribute("office:value-type").ok().flatten().is_some() {
                    last_column = Some(last_column.unwrap_or(0).max(column.saturating_add(repeat - 1)));
                    row_has_value = true;
                }
                column = column.saturating_add(repeat);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                end_row(&mut row_at, row_repeat, row_has_value, &mut last_row);
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let (Some(rows), Some(columns)) = (last_row, last_column) {
                    largest = largest.max(rows.saturating_add(1).saturating_mul(columns.saturating_add(1)));
                }
            }
            _ => {}
        }
        buffer.clear();
    }
    largest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(body: &str) -> String {
        format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    #[test]
    fn repeated_values_count_and_trailing_empties_do_not() {
        let calc = content(
            r#"<table:table table:name="S">
            <table:table-row><table:table-cell office:value-type="string"><text:p>u1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>u2</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1022"/></table:table-row>
            <table:table-row table:number-rows-repeated="3"><table:table-cell office:value-type="float" office:value="4" table:number-columns-repeated="2"/></table:table-row>
            <table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table>"#,
        );
        assert_eq!(laid_out_cells(calc.as_bytes()), 4 * 2, "a Calc sheet's trailing empties cost nothing");
        let bomb = content(
            r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="4" table:number-columns-repeated="16000"/></table:table-row></table:table>"#,
        );
        assert_eq!(laid_out_cells(bomb.as_bytes()), 16_000_000_000);
    }
}
