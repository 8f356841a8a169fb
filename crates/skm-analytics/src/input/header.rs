//! Where a table's header is: the first of its leading rows that names enough of the columns a
//! reader knows, below any title block; or two rows together, as a recap heads its columns with
//! merged cells («UNSUR PELAYANAN» over «U1 … U9», «No.» beside them).

use super::sheet::RowSink;
use crate::AnalyticsError;

/// How many leading non-blank rows are looked at for the header.
pub(crate) const LEADING: usize = 20;

/// A leading row: its number and its cells, trimmed.
pub(crate) type Leading = (u64, Vec<String>);

/// The header found among the leading rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The leading rows above it, not read.
    pub(crate) above: usize,
    /// How many rows it spans (1 or 2).
    pub(crate) span: usize,
    /// Its cells, the two rows' cells as one where it spans two.
    pub(crate) header: Vec<String>,
}

/// Two header rows as one: a cell of the lower row, or where it is blank the one above it.
fn joined(upper: &[String], lower: &[String]) -> Vec<String> {
    let width = upper.len().max(lower.len());
    (0..width)
        .map(|i| match (lower.get(i).filter(|c| !c.is_empty()), upper.get(i)) {
            (Some(cell), _) | (None, Some(cell)) => cell.clone(),
            (None, None) => String::new(),
        })
        .collect()
}

/// Finds the header among `rows` (the leading non-blank rows) as `sink` judges headers; when
/// none is one, the error of the first row (what a file that simply has the wrong columns is
/// told).
pub(crate) fn find<S: RowSink + ?Sized>(sink: &S, rows: &[Leading]) -> Result<Found, AnalyticsError> {
    let Some((_, first)) = rows.first() else {
        return Err(AnalyticsError::Empty { file: String::new() });
    };
    let first_error = match sink.fields(first) {
        Ok(_) => return Ok(Found { above: 0, span: 1, header: first.clone() }),
        Err(e) => e,
    };
    for i in 0..rows.len() {
        let (number, cells) = &rows[i];
        let alone = if i == 0 { Err(()) } else { sink.fields(cells).map_err(|_| ()) };
        if alone.is_ok() {
            return Ok(Found { above: i, span: 1, header: cells.clone() });
        }
        // This row is no header alone: with the row right below it, it may be.
        let Some((_, next)) = rows.get(i + 1).filter(|(n, _)| *n == number + 1) else { continue };
        let both = joined(cells, next);
        let Ok(together) = sink.fields(&both) else { continue };
        // The lower row alone is the header unless this one adds columns to it.
        match sink.fields(next) {
            Ok(lower) if lower >= together => {}
            _ => return Ok(Found { above: i, span: 2, header: both }),
        }
    }
    Err(first_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink whose header is any row naming `id` and `u1`; it counts the other named cells.
    struct Named;
    impl RowSink for Named {
        fn fields(&self, header: &[String]) -> Result<usize, AnalyticsError> {
            let has = |name: &str| header.iter().any(|h| h == name);
            if has("id") && has("u1") {
                Ok(header.iter().filter(|h| !h.is_empty()).count())
            } else {
                Err(AnalyticsError::Empty { file: format!("{header:?}") })
            }
        }
        fn header(&mut self, _: &[String]) -> Result<(), AnalyticsError> {
            Ok(())
        }
        fn row(&mut self, _: u64, _: &[&str]) {}
    }

    fn rows(rows: &[(u64, &[&str])]) -> Vec<Leading> {
        rows.iter().map(|(n, cells)| (*n, cells.iter().map(|c| (*c).to_owned()).collect())).collect()
    }

    #[test]
    fn the_header_is_found_below_a_title_and_across_two_rows() {
        let plain = rows(&[(1, &["id", "u1"]), (2, &["a", "4"])]);
        assert_eq!(find(&Named, &plain).unwrap(), Found { above: 0, span: 1, header: vec!["id".into(), "u1".into()] });
        let titled = rows(&[(1, &["REKAP"]), (3, &["id", "u1"]), (4, &["a", "4"])]);
        assert_eq!(find(&Named, &titled).unwrap().above, 1);
        // The upper row adds a column the lower leaves blank: both are the header.
        let two =
            rows(&[(1, &["REKAP"]), (2, &["id", "UNSUR", "gender"]), (3, &["", "u1", ""]), (4, &["a", "4", "L"])]);
        let found = find(&Named, &two).unwrap();
        assert_eq!((found.above, found.span), (1, 2));
        assert_eq!(found.header, ["id", "u1", "gender"]);
        // The title above a complete header adds nothing: the header is one row.
        let title_over = rows(&[(1, &["REKAP"]), (2, &["id", "u1"]), (3, &["a", "4"])]);
        assert_eq!((find(&Named, &title_over).unwrap().above, find(&Named, &title_over).unwrap().span), (1, 1));
        // No header at all: the first row's error.
        let none = rows(&[(1, &["x"]), (2, &["y"])]);
        assert!(find(&Named, &none).unwrap_err().to_string().contains("\"x\""));
    }
}
