//! What the user says of a file that the file does not say itself: which sheet of a workbook to
//! read, the period of rows without a date (an old processing sheet), the service of rows
//! without one.

use skm_core::Period;

/// What the user says of a file (`--sheet`, `--period-of`, `--service`, or the dashboard's field).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given<'a> {
    /// Read only this sheet of a workbook.
    pub sheet: Option<&'a str>,
    /// The period of the rows without a date, and who gave it as the note names them
    /// (`--period-of`, the dashboard's field).
    pub period: Option<(Period, &'a str)>,
    /// The service code of the rows without a service.
    pub service: Option<&'a str>,
    /// The year the file is of (its folder's), for rows without a date whose title states no
    /// period.
    pub year: Option<i16>,
}
