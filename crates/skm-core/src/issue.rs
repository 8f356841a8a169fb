//! What was wrong with a row of an input file, and what was done about it.
//!
//! A bad score, answer, date or a duplicate drops the row (its other answers are not counted
//! either: a half-read respondent would bias the IKM). A profile answer that cannot be read
//! only blanks that field; the row still counts.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// Why a cell or row could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A score that is a number but not 1–4.
    ScoreOutOfRange,
    /// A score cell that is neither a number nor a known answer text.
    UnknownAnswer,
    /// A date that cannot be read.
    BadDate,
    /// A respondent ID seen before in the same input.
    DuplicateId,
    /// A row with none of the nine answers.
    NoAnswers,
    /// A profile answer (gender, education, occupation) that is not one of the choices.
    UnknownChoice,
    /// An age that is not a whole number of years within the survey's range.
    BadAge,
    /// A service code the catalog does not know, so its promised time is unknown.
    UnknownService,
    /// A complaint tier that is not one of the four.
    UnknownTier,
    /// "Sesuai dengan permohonan" without the date asked for.
    MissingRequestedFor,
    /// Completed before it was received.
    CompletedBeforeReceived,
    /// A required cell left empty.
    Missing,
    /// An SOP step number the service's SOP does not have.
    UnknownStep,
}

impl IssueKind {
    /// True when the whole row is left out; false when only the cell is ignored.
    pub fn drops_row(self) -> bool {
        !matches!(self, IssueKind::UnknownChoice | IssueKind::BadAge)
    }

    /// What is wrong, in both languages.
    pub fn text(self) -> Text {
        match self {
            IssueKind::ScoreOutOfRange => Text { id: "nilai di luar 1–4", en: "score outside 1–4" },
            IssueKind::UnknownAnswer => Text {
                id: "jawaban tidak dikenal (harus 1–4 atau teks jawaban)",
                en: "unknown answer (expected 1–4 or an answer text)",
            },
            IssueKind::BadDate => Text {
                id: "tanggal tidak terbaca (ISO, dd/mm/yyyy atau 12 Januari 2026)",
                en: "unreadable date (expected ISO, dd/mm/yyyy or 12 Januari 2026)",
            },
            IssueKind::DuplicateId => Text { id: "ID responden ganda", en: "duplicate respondent ID" },
            IssueKind::NoAnswers => Text { id: "tidak ada jawaban unsur", en: "no element answered" },
            IssueKind::UnknownChoice => Text { id: "pilihan tidak dikenal, diabaikan", en: "unknown choice, ignored" },
            IssueKind::BadAge => {
                Text { id: "usia tidak sah (15–100 tahun), diabaikan", en: "invalid age (15–100 years), ignored" }
            }
            IssueKind::UnknownService => Text {
                id: "layanan tidak ada di katalog standar pelayanan",
                en: "service not in the catalog of service standards",
            },
            IssueKind::UnknownTier => Text {
                id:
                    "tingkat pengaduan tidak dikenal (ringan, normatif, tidak_berkadar_pengawasan, berkadar_pengawasan)",
                en: "unknown complaint tier (ringan, normatif, tidak_berkadar_pengawasan, berkadar_pengawasan)",
            },
            IssueKind::MissingRequestedFor => Text {
                id: "layanan 'sesuai permohonan' tanpa tanggal permohonan",
                en: "'as requested' service without the requested date",
            },
            IssueKind::CompletedBeforeReceived => {
                Text { id: "selesai sebelum diterima", en: "completed before it was received" }
            }
            IssueKind::Missing => Text { id: "sel wajib kosong", en: "required cell is empty" },
            IssueKind::UnknownStep => {
                Text { id: "langkah tidak ada di SOP layanan ini", en: "step not in this service's SOP" }
            }
        }
    }
}

/// One problem in one cell of one row of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputIssue {
    /// The file, as named by the user.
    pub file: String,
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: u64,
    /// The column's header.
    pub column: String,
    /// The offending value, shortened to 60 characters.
    pub value: String,
    /// What is wrong.
    pub kind: IssueKind,
    /// True when the row was left out because of it.
    pub row_dropped: bool,
}

impl InputIssue {
    /// A new issue; the value is shortened for display.
    pub fn new(file: &str, row: u64, column: &str, value: &str, kind: IssueKind) -> InputIssue {
        // Control characters (NUL, escape) are shown escaped, never written raw into a message.
        let mut short: String = value
            .chars()
            .take(60)
            .flat_map(|c| if c.is_control() { c.escape_default().collect::<Vec<_>>() } else { vec![c] })
            .collect();
        if value.chars().nth(60).is_some() {
            short.push('…');
        }
        InputIssue {
            file: file.to_owned(),
            row,
            column: column.to_owned(),
            value: short,
            kind,
            row_dropped: kind.drops_row(),
        }
    }

    /// The message for people: file, row, column, value and reason, in both languages.
    pub fn message(&self) -> String {
        let t = self.kind.text();
        let outcome = if self.row_dropped {
            Text { id: "baris dilewati", en: "row skipped" }
        } else {
            Text { id: "baris tetap dihitung", en: "row kept" }
        };
        format!(
            "{}, baris {}, kolom '{}': '{}' — {}; {} / row {}, column '{}': '{}' — {}; {}",
            self.file,
            self.row,
            self.column,
            self.value,
            t.id,
            outcome.id,
            self.row,
            self.column,
            self.value,
            t.en,
            outcome.en
        )
    }
}

/// How many rows were dropped for one reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonCount {
    /// The reason.
    pub reason: IssueKind,
    /// Rows dropped for it (a row counts once, under its first problem).
    pub rows: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_row_column_and_reason_in_both_languages() {
        let i = InputIssue::new("skm.csv", 7, "u3", "5", IssueKind::ScoreOutOfRange);
        let m = i.message();
        assert!(m.starts_with("skm.csv, baris 7, kolom 'u3': '5' — nilai di luar 1–4; baris dilewati"), "{m}");
        assert!(m.contains("row 7, column 'u3': '5' — score outside 1–4; row skipped"), "{m}");
        let age = InputIssue::new("skm.csv", 8, "age", "7", IssueKind::BadAge);
        assert!(!age.row_dropped);
        assert!(age.message().contains("row kept"));
    }
}
