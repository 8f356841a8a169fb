//! What the reader of a file noticed about its layout and told the user once, in one line,
//! rather than as a message per cell: a title above the header, a summary block below the
//! rows, the figures that block states against ours, a sheet passed over, a period or service
//! the file did not hold.

use serde::{Deserialize, Serialize};

use crate::i18n::Owned;

/// One thing noticed about a file's layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum FileNote {
    /// Rows above the header (a title block) were not read.
    TitleSkipped {
        /// The first and last row skipped.
        rows: (u64, u64),
        /// The first and last row of the header (two when it spans two rows).
        header: (u64, u64),
    },
    /// The rows stopped at a summary block («Jumlah», «NRR», «IKM»…).
    SummaryBlock {
        /// Its first row.
        row: u64,
        /// Its first cell, as written.
        label: String,
        /// How many non-blank rows it holds.
        rows: u64,
    },
    /// The IKM the sheet states, against the IKM of its rows.
    StatedIkm {
        /// The row that states it.
        row: u64,
        /// The stated IKM (25–100), as a decimal with a point.
        stated: String,
        /// Ours, with the weight 1/9, to two decimals.
        ours: String,
        /// Whether the two agree (to the places the sheet writes).
        agrees: bool,
        /// The weight convention that gives the stated figure, when it is not 1/9.
        weight: Option<String>,
    },
    /// The NRR per element the sheet states, where it differs from ours.
    StatedNrr {
        /// The row that states them.
        row: u64,
        /// Each element that differs: its column (`U8`), stated and ours (two decimals).
        differences: Vec<(String, String, String)>,
    },
    /// A sheet of the workbook without a header of responses, passed over.
    SheetSkipped {
        /// The sheet's name.
        sheet: String,
    },
    /// Rows without a date were given a period.
    PeriodGiven {
        /// How many.
        rows: u64,
        /// The period's key (`2025`, `2025-Q2`).
        period: String,
        /// Where it came from: `--period-of`, or the title or sheet name that states it.
        from: String,
    },
    /// Rows without a service were given one.
    ServiceGiven {
        /// How many.
        rows: u64,
        /// The service code.
        service: String,
    },
    /// Rows without a date and no period to give them: they count in no year or period.
    Undated {
        /// How many.
        rows: u64,
    },
}

/// A decimal with a point written the Indonesian way (a comma).
fn id_decimal(text: &str) -> String {
    text.replace('.', ",")
}

impl FileNote {
    /// What to tell the user, in both languages, about `file` (as named in messages).
    pub fn message(&self, file: &str) -> Owned {
        let range = |(a, b): (u64, u64)| if a == b { a.to_string() } else { format!("{a}–{b}") };
        let rows_en = |(a, b): (u64, u64)| if a == b { format!("row {a}") } else { format!("rows {a}–{b}") };
        let (id, en) = match self {
            FileNote::TitleSkipped { rows, header } => (
                format!("baris {} di atas judul kolom (baris {}) tidak dibaca", range(*rows), range(*header)),
                format!("{} above the header ({}) not read", rows_en(*rows), rows_en(*header)),
            ),
            FileNote::SummaryBlock { row, label, rows } => (
                format!("blok ringkasan mulai baris {row} («{label}», {rows} baris) bukan jawaban; berhenti di sana"),
                format!(
                    "summary block from row {row} («{label}», {rows} rows) is not responses; reading stopped there"
                ),
            ),
            FileNote::StatedIkm { row, stated, ours, agrees: true, .. } => (
                format!(
                    "IKM tertulis di baris {row} ({}) sama dengan hitungan ulang ({})",
                    id_decimal(stated),
                    id_decimal(ours)
                ),
                format!("the IKM stated on row {row} ({stated}) agrees with ours ({ours})"),
            ),
            FileNote::StatedIkm { row, stated, ours, agrees: false, weight } => {
                let (why_id, why_en) = match weight {
                    Some(w) => (
                        format!("; angka itu keluar dengan bobot {} per unsur, bukan 1/9", id_decimal(w)),
                        format!("; that figure comes from a weight of {w} per element, not 1/9"),
                    ),
                    None => (String::new(), String::new()),
                };
                (
                    format!(
                        "IKM tertulis di baris {row} ({}) berbeda dari hitungan ulang dari barisnya ({}){why_id}",
                        id_decimal(stated),
                        id_decimal(ours)
                    ),
                    format!("the IKM stated on row {row} ({stated}) differs from ours from its rows ({ours}){why_en}"),
                )
            }
            FileNote::StatedNrr { row, differences } => {
                let list = |id: bool| {
                    let each = differences.iter().map(|(column, stated, ours)| {
                        if id {
                            format!("{column} {} (hitungan ulang {})", id_decimal(stated), id_decimal(ours))
                        } else {
                            format!("{column} {stated} (ours {ours})")
                        }
                    });
                    each.collect::<Vec<_>>().join("; ")
                };
                (
                    format!("NRR tertulis di baris {row} berbeda: {}", list(true)),
                    format!("the NRR stated on row {row} differ: {}", list(false)),
                )
            }
            FileNote::SheetSkipped { sheet } => (
                format!("lembar '{sheet}' tanpa judul kolom jawaban, dilewati"),
                format!("sheet '{sheet}' has no header of responses; skipped"),
            ),
            FileNote::PeriodGiven { rows, period, from } => (
                format!("{rows} baris tanpa tanggal dihitung pada periode {period} (dari {from})"),
                format!("{rows} rows without a date counted in period {period} (from {from})"),
            ),
            FileNote::ServiceGiven { rows, service } => (
                format!("{rows} baris tanpa layanan dihitung untuk layanan '{service}' (dari --service)"),
                format!("{rows} rows without a service counted for service '{service}' (from --service)"),
            ),
            FileNote::Undated { rows } => (
                format!(
                    "{rows} baris tanpa tanggal tidak masuk periode mana pun; beri periodenya: --period-of 2025 \
                     atau 2025-Q2, di dasbor «Periode baris tanpa tanggal»"
                ),
                format!(
                    "{rows} rows without a date fall in no period; give theirs: --period-of 2025 or 2025-Q2, in \
                     the dashboard «Period of undated rows»"
                ),
            ),
        };
        // A sheet passed over belongs to the workbook, not to the sheet read before it.
        let file = match self {
            FileNote::SheetSkipped { .. } => workbook(file),
            _ => file,
        };
        Owned { id: format!("{file}: {id}"), en: format!("{file}: {en}") }
    }
}

/// The workbook of a sheet's label (`rekap.xlsx [TW I]` → `rekap.xlsx`); a file's name as it is.
fn workbook(label: &str) -> &str {
    match label.rsplit_once(" [") {
        Some((file, sheet)) if sheet.ends_with(']') => file,
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stated_ikm_that_differs_names_the_weight_that_gives_it() {
        let note = FileNote::StatedIkm {
            row: 19,
            stated: "82.41".into(),
            ours: "82.50".into(),
            agrees: false,
            weight: Some("0.111".into()),
        };
        let m = note.message("rekap.xlsx [TW I]");
        assert_eq!(
            m.id,
            "rekap.xlsx [TW I]: IKM tertulis di baris 19 (82,41) berbeda dari hitungan ulang dari barisnya (82,50); \
             angka itu keluar dengan bobot 0,111 per unsur, bukan 1/9"
        );
        assert!(m.en.ends_with("(82.50); that figure comes from a weight of 0.111 per element, not 1/9"), "{}", m.en);
    }

    #[test]
    fn a_sheet_passed_over_is_told_of_its_workbook() {
        let note = FileNote::SheetSkipped { sheet: "Grafik".into() };
        assert_eq!(
            note.message("rekap.xlsx [TW II]").id,
            "rekap.xlsx: lembar 'Grafik' tanpa judul kolom jawaban, dilewati"
        );
        assert_eq!(
            note.message("rekap [2025].xlsx").en,
            "rekap [2025].xlsx: sheet 'Grafik' has no header of responses; skipped"
        );
    }
}
