//! Errors of the analytics crate.

/// Why a table could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum AnalyticsError {
    /// A required column is absent from the file.
    #[error("{file}: kolom '{column}' tidak ada / column '{column}' is missing (expected header: {expected})")]
    MissingColumn {
        /// The file.
        file: String,
        /// The missing column.
        column: String,
        /// The header the file should have.
        expected: String,
    },
    /// polars could not read or compute.
    #[error("{file}: berkas tidak dapat diolah / file cannot be processed: {source}")]
    Polars {
        /// The file.
        file: String,
        /// The underlying error.
        #[source]
        source: polars::error::PolarsError,
    },
}
