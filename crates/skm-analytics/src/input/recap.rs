//! The summary block at the bottom of an office's processing sheet («Jumlah», «NRR», «NRR
//! Tertimbang», «IKM», «Konversi»): recognised so that its rows are not read as responses, and
//! the figures it states compared with ours, which is how an office finds an old formula error
//! (0,111 for 1/9, two columns swapped).

use skm_core::ikm::{ElementTally, IkmSummary};
use skm_core::note::FileNote;
use skm_core::{WeightConvention, ELEMENTS};

use super::columns::Columns;
use super::mapping::Field;
use super::sheet::trim;

/// The first words of a summary row's first cell.
const LABELS: [&str; 11] =
    ["jumlah", "total", "nrr", "rata", "rerata", "ikm", "konversi", "nilai", "mutu", "kinerja", "indeks"];

/// Rows of a block kept for its figures; a longer block is only counted.
const KEPT: usize = 50;

/// A summary block: where it starts, its label, and its rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Block {
    /// Its first row.
    pub(crate) row: u64,
    /// Its first cell.
    pub(crate) label: String,
    /// Its rows (the first [`KEPT`]), with their numbers.
    rows: Vec<(u64, Vec<String>)>,
    /// How many non-blank rows it holds.
    pub(crate) count: u64,
}

impl Block {
    /// A block starting at this row.
    pub(crate) fn new(row: u64, label: &str, cells: &[&str]) -> Block {
        let mut block = Block { row, label: label.to_owned(), rows: Vec::new(), count: 0 };
        block.push(row, cells);
        block
    }

    /// Adds a row of the block.
    pub(crate) fn push(&mut self, row: u64, cells: &[&str]) {
        self.count += 1;
        if self.rows.len() < KEPT {
            self.rows.push((row, cells.iter().map(|c| trim(c).to_owned()).collect()));
        }
    }

    /// The figures the block states, against ours (`exact`: the IKM of the sheet's rows with
    /// the weight 1/9).
    pub(crate) fn compare(&self, columns: &Columns, exact: &IkmSummary) -> Vec<FileNote> {
        let mut notes = Vec::new();
        let label_of = |cells: &[String]| cells.iter().find(|c| !c.is_empty()).map(|c| c.to_lowercase());
        // The stated IKM: of the rows labelled with it that hold a figure, the most precise
        // (the converted IKM, 25–100, over the IKM on the scale of 1–4 it came from).
        let stated_ikm = self
            .rows
            .iter()
            .filter_map(|(row, cells)| {
                let label = label_of(cells)?;
                if !["ikm", "konversi", "indeks"].iter().any(|w| label.contains(w)) {
                    return None;
                }
                let (value, tolerance) = cells.iter().skip_while(|c| c.is_empty()).skip(1).find_map(|c| figure(c))?;
                Some(if value <= 4.0 { (*row, value * 25.0, tolerance * 25.0) } else { (*row, value, tolerance) })
            })
            .min_by(|a, b| a.2.total_cmp(&b.2));
        if let (Some((row, stated, tolerance)), Some(ours)) = (stated_ikm, exact.ikm) {
            let agrees = (stated - ours).abs() <= tolerance;
            let weight = (!agrees)
                .then(|| {
                    [WeightConvention::Rounded0111, WeightConvention::Rounded011]
                        .into_iter()
                        .find(|w| with_weight(exact, *w).is_some_and(|theirs| (stated - theirs).abs() <= tolerance))
                })
                .flatten()
                .map(|w| w.name().to_owned());
            notes.push(FileNote::StatedIkm {
                row,
                stated: format!("{stated:.2}"),
                ours: format!("{ours:.2}"),
                agrees,
                weight,
            });
        }
        // The stated NRR of each element: the first row labelled NRR or average (not weighted).
        let nrr_row = self.rows.iter().find(|(_, cells)| {
            label_of(cells).is_some_and(|l| {
                (l.starts_with("nrr")
                    || l.starts_with("rata")
                    || l.starts_with("rerata")
                    || l.starts_with("nilai rata"))
                    && !l.contains("tertimbang")
                    && !l.contains("ikm")
            })
        });
        if let Some((row, cells)) = nrr_row {
            let mut differences = Vec::new();
            for e in ELEMENTS {
                let Some((at, header)) = columns.column(Field::Score(e)) else { continue };
                let stated = cells.get(at).and_then(|c| figure(c));
                let ours = exact.elements.get(e.index()).and_then(|r| r.nrr);
                if let (Some((stated, tolerance)), Some(ours)) = (stated, ours) {
                    if (stated - ours).abs() > tolerance {
                        differences.push((header.to_owned(), format!("{stated:.2}"), format!("{ours:.2}")));
                    }
                }
            }
            if !differences.is_empty() {
                notes.push(FileNote::StatedNrr { row: *row, differences });
            }
        }
        notes
    }
}

/// The IKM of the same answers under another weight convention.
fn with_weight(exact: &IkmSummary, weight: WeightConvention) -> Option<f64> {
    let mut tallies = [ElementTally::default(); 9];
    for (tally, element) in tallies.iter_mut().zip(&exact.elements) {
        *tally = ElementTally { answers: element.answers, sum: element.sum };
    }
    IkmSummary::from_tallies(exact.respondents, tallies, weight).ikm
}

/// The summary label a row starts with, if it starts a summary block.
pub(crate) fn label<'c>(cells: &[&'c str]) -> Option<&'c str> {
    let first = cells.iter().map(|c| trim(c)).find(|c| !c.is_empty())?;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = first.find(|c: char| !c.is_alphabetic()).unwrap_or(first.len());
    let (word, rest) = first.split_at(end);
    // A respondent's ID that starts with such a word («IKM-2026-001», «TOTAL/7») is a response.
    let id = rest.trim_start_matches(['-', '_', '/', '.', '#']).starts_with(|c: char| c.is_ascii_digit());
    (!id && LABELS.iter().any(|l| word.eq_ignore_ascii_case(l))).then_some(first)
}

/// A figure as a sheet writes it (`82,45`, `82.45`, `3,298`, `1.234,5`, `82,45%`), and half a
/// unit of its last decimal: how far a figure rounded to those decimals may be from ours.
fn figure(text: &str) -> Option<(f64, f64)> {
    let text = text.trim().trim_end_matches('%').trim();
    let normal = match (text.contains('.'), text.contains(',')) {
        (true, true) => text.replace('.', "").replace(',', "."),
        (false, true) => text.replace(',', "."),
        _ => text.to_owned(),
    };
    if normal.is_empty() || !normal.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return None;
    }
    let value: f64 = normal.parse().ok()?;
    let decimals = normal.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    Some((value, (0.5 * 10f64.powi(-decimals)).max(1e-9)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_as_offices_write_them() {
        let (value, half) = figure("82,45").unwrap();
        assert!((value - 82.45).abs() < 1e-12 && (half - 0.005).abs() < 1e-12, "{value} {half}");
        assert_eq!(figure("3.298").map(|f| f.0), Some(3.298));
        assert_eq!(figure("1.234,5").map(|f| f.0), Some(1234.5));
        assert_eq!(figure("82,45%").map(|f| f.0), Some(82.45));
        assert_eq!(figure("B"), None);
        assert_eq!(figure("=SUM(B2:B9)"), None);
    }

    #[test]
    fn summary_rows_are_known_by_their_first_cell() {
        for row in [
            &["Jumlah", "120"][..],
            &["", "NRR", "3,2"],
            &["Rata-rata", "3"],
            &["IKM Unit Pelayanan", "82"],
            &["Konversi IKM (x 25)", "81,4"],
            &["NRR/Unsur", "3"],
            &["NRR x 0,111", "0,35"],
        ] {
            assert!(label(row).is_some(), "{row:?}");
        }
        for row in [
            &["1", "4"][..],
            &["3f2a-…", "4"],
            &["2026-01-02 10:00", "4"],
            &["", ""],
            &["IKM-2026-001", "4"],
            &["TOTAL/7", "3"],
            &["nilai12", "4"],
        ] {
            assert!(label(row).is_none(), "{row:?}");
        }
    }
}
