//! Errors of the analytics crate: a file that cannot be read at all. Bad rows are not errors;
//! they are reported in the analysis' input summary.

/// Why an input could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    /// A required column is absent from the file.
    #[error("{file}: kolom '{column}' tidak ada / column '{column}' is missing (expected: {expected})")]
    MissingColumn {
        /// The file.
        file: String,
        /// The missing column.
        column: String,
        /// What the file should have.
        expected: String,
    },
    /// A column could be several fields, or a field has several columns.
    #[error("{file}: kolom '{column}' bermakna ganda ({fields}) / column '{column}' is ambiguous ({fields}); perjelas dengan --mapping / disambiguate with --mapping")]
    AmbiguousColumn {
        /// The file.
        file: String,
        /// The header(s) concerned.
        column: String,
        /// The fields it could be.
        fields: String,
    },
    /// The file has no header row.
    #[error("{file}: berkas kosong, tidak ada baris judul / empty file, no header row")]
    Empty {
        /// The file.
        file: String,
    },
    /// The workbook has no sheet of the name asked for.
    #[error("{file}: tidak ada lembar '{sheet}' (lembar: {sheets}) / no sheet '{sheet}' (sheets: {sheets})")]
    NoSheet {
        /// The file.
        file: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets it has.
        sheets: String,
    },
    /// The CSV structure is broken (for example an unclosed quote).
    #[error("{file}, baris {row}: CSV rusak / broken CSV, row {row}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// The row where reading stopped.
        row: u64,
        /// The reader's message.
        message: String,
    },
    /// A spreadsheet that cannot be opened.
    #[error("{file}: lembar kerja tidak dapat dibuka / spreadsheet cannot be opened: {message}")]
    Spreadsheet {
        /// The file.
        file: String,
        /// The reader's message.
        message: String,
    },
    /// A mapping file that is not valid.
    #[error("{file}: berkas pemetaan tidak sah / invalid mapping file: {message}")]
    Mapping {
        /// The file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The file is beyond one of the reading limits.
    #[error("{}", crate::input::limits::message(file, *limit, *bound, found))]
    TooLarge {
        /// The file (and the part of it, for a spreadsheet).
        file: String,
        /// Which limit.
        limit: crate::input::Limit,
        /// The limit's value.
        bound: u64,
        /// What went over it, and where.
        found: crate::input::limits::Found,
    },
    /// polars could not compute.
    #[error("{context}: perhitungan gagal / computation failed: {source}")]
    Polars {
        /// What was being computed.
        context: String,
        /// The underlying error.
        #[source]
        source: polars::error::PolarsError,
    },
}
