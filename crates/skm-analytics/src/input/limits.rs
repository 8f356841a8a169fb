//! How much a file may hold before it is refused: its size, the unpacked size of each part of a
//! spreadsheet, the length of a cell and the number of rows. Each is checked before the memory
//! is spent, so that a crafted file (a ZIP bomb, a device such as `/dev/zero`, a cell of a
//! gigabyte) is refused with a message naming the file and the limit, not left to exhaust the
//! machine. The same limits apply natively and in the dashboard's worker.

use std::io::Cursor;

use skm_core::format::integer_id;
use skm_core::Lang;

use crate::AnalyticsError;

const MIB: u64 = 1 << 20;

/// The bounds a file is read within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file, in bytes.
    pub file_bytes: u64,
    /// The largest part of a spreadsheet once unpacked (one XML part of an XLSX or ODS), in bytes.
    pub part_bytes: u64,
    /// The longest cell, in bytes.
    pub cell_bytes: u64,
    /// The most data rows in a file.
    pub rows: u64,
}

impl Limits {
    /// No limit at all: for benchmarks that read ten million rows on purpose.
    pub const NONE: Limits =
        Limits { file_bytes: u64::MAX, part_bytes: u64::MAX, cell_bytes: u64::MAX, rows: u64::MAX };

    /// The defaults: far above a pemda's year (200 000 responses are about 26 MB), far below what
    /// exhausts an office's computer.
    pub const DEFAULT: Limits =
        Limits { file_bytes: 2048 * MIB, part_bytes: 256 * MIB, cell_bytes: MIB, rows: 20_000_000 };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// One of the [`Limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`Limits::file_bytes`].
    FileSize,
    /// [`Limits::part_bytes`].
    PartSize,
    /// [`Limits::cell_bytes`].
    CellSize,
    /// [`Limits::rows`].
    Rows,
}

impl Limit {
    /// The `skm` flag that raises it.
    pub fn flag(self) -> &'static str {
        match self {
            Limit::FileSize => "--max-file-size",
            Limit::PartSize => "--max-unpacked-size",
            Limit::CellSize => "--max-cell-size",
            Limit::Rows => "--max-rows",
        }
    }

    fn what(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Limit::FileSize, Lang::Id) => "ukuran berkas",
            (Limit::FileSize, Lang::En) => "file size",
            (Limit::PartSize, Lang::Id) => "ukuran bagian lembar kerja setelah dibuka",
            (Limit::PartSize, Lang::En) => "unpacked size of a spreadsheet part",
            (Limit::CellSize, Lang::Id) => "panjang sel",
            (Limit::CellSize, Lang::En) => "cell length",
            (Limit::Rows, Lang::Id) => "jumlah baris",
            (Limit::Rows, Lang::En) => "number of rows",
        }
    }

    /// The limit's value, as people read it (`256 MiB`, `20.000.000`).
    fn amount(self, value: u64, lang: Lang) -> String {
        match self {
            Limit::Rows => match lang {
                Lang::Id => integer_id(value),
                Lang::En => integer_id(value).replace('.', ","),
            },
            _ => bytes(value),
        }
    }
}

/// A size in bytes as people read it: `2048 MiB`, `1,5 MiB`, `900 KiB`, `12 B`.
pub fn bytes(n: u64) -> String {
    if n >= MIB {
        let tenths = n.saturating_mul(10) / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{},{} MiB", tenths / 10, tenths % 10)
        }
    } else if n >= 1024 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} B")
    }
}

/// The message of a file over a limit: what was found where, the limit, and the flag.
pub(crate) fn message(file: &str, limit: Limit, bound: u64, found: &Found) -> String {
    let (where_id, where_en) = match found.at {
        Some((row, column)) => (format!(" (baris {row}, kolom {column})"), format!(" (row {row}, column {column})")),
        None => (String::new(), String::new()),
    };
    let (found_id, found_en) = match found.size {
        Some(size) => (format!(" {}", limit.amount(size, Lang::Id)), format!(" {}", limit.amount(size, Lang::En))),
        None => (String::new(), String::new()),
    };
    format!(
        "{file}: {}{found_id}{where_id} melebihi batas {}; naikkan dengan {} / {}{found_en}{where_en} exceeds the limit of {}; raise it with {}",
        limit.what(Lang::Id),
        limit.amount(bound, Lang::Id),
        limit.flag(),
        limit.what(Lang::En),
        limit.amount(bound, Lang::En),
        limit.flag(),
    )
}

/// What went over a limit, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The size found, when known (a file's bytes, a part's, a cell's).
    pub size: Option<u64>,
    /// Row and column (both from 1) of a cell.
    pub at: Option<(u64, u64)>,
}

pub(crate) fn too_large(file: &str, limit: Limit, bound: u64, found: Found) -> AnalyticsError {
    AnalyticsError::TooLarge { file: file.to_owned(), limit, bound, found }
}

/// Refuses a file larger than the limit.
pub(crate) fn check_file(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), AnalyticsError> {
    let size = bytes.len() as u64;
    if size > limits.file_bytes {
        return Err(too_large(file, Limit::FileSize, limits.file_bytes, Found { size: Some(size), at: None }));
    }
    Ok(())
}

/// Refuses a ZIP container (XLSX, ODS) any of whose parts unpacks beyond the limit. The sizes
/// are those the archive declares: the ZIP reader that unpacks the parts afterwards stops with
/// an error where a part grows beyond its declared size, so a lie cannot get past this check.
pub(crate) fn check_zip(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), AnalyticsError> {
    if limits.part_bytes == u64::MAX {
        return Ok(());
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a readable ZIP: the spreadsheet reader says why.
        return Ok(());
    };
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(index) else { continue };
        if part.size() > limits.part_bytes {
            let name = part.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("#{index}"));
            return Err(too_large(
                &format!("{file} ({name})"),
                Limit::PartSize,
                limits.part_bytes,
                Found { size: Some(part.size()), at: None },
            ));
        }
    }
    Ok(())
}

/// Refuses a file once more than the allowed data rows are read (`records` counts the rows read
/// after the header).
pub(crate) fn check_rows(file: &str, records: u64, limits: &Limits) -> Result<(), AnalyticsError> {
    if records > limits.rows {
        return Err(too_large(file, Limit::Rows, limits.rows, Found { size: None, at: None }));
    }
    Ok(())
}

/// The first cell of a record longer than the limit, as (column from 1, its length).
pub(crate) fn long_cell<'c>(cells: impl IntoIterator<Item = &'c str>, limit: u64) -> Option<(u64, u64)> {
    cells.into_iter().enumerate().find(|(_, c)| c.len() as u64 > limit).map(|(i, c)| (i as u64 + 1, c.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_messages_read_well() {
        assert_eq!(bytes(2048 * MIB), "2048 MiB");
        assert_eq!(bytes(MIB + MIB / 2), "1,5 MiB");
        assert_eq!(bytes(5000), "4 KiB");
        let m = message("a.csv", Limit::CellSize, MIB, &Found { size: Some(3 * MIB), at: Some((7, 17)) });
        assert_eq!(
            m,
            "a.csv: panjang sel 3 MiB (baris 7, kolom 17) melebihi batas 1 MiB; naikkan dengan --max-cell-size / \
             cell length 3 MiB (row 7, column 17) exceeds the limit of 1 MiB; raise it with --max-cell-size"
        );
        let m = message("a.csv", Limit::Rows, 20_000_000, &Found { size: None, at: None });
        assert!(m.contains("melebihi batas 20.000.000") && m.contains("limit of 20,000,000"), "{m}");
    }

    #[test]
    fn rows_beyond_the_limit_are_refused() {
        let limits = Limits { rows: 3, ..Limits::DEFAULT };
        assert!(check_rows("f", 3, &limits).is_ok());
        assert!(check_rows("f", 4, &limits).is_err());
    }
}
