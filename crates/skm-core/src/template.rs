//! The columns of each file the year is read from, with their meaning and an example: what an
//! empty dashboard view shows and what the downloadable templates (CSV and XLSX) hold.

use crate::i18n::Text;
use crate::year::FileKind;

/// One column of a file kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header, as the readers find it (case-insensitive).
    pub name: &'static str,
    /// Whether a file without this column is refused.
    pub required: bool,
    /// What the column holds, for people.
    pub meaning: Text,
    /// The cell of the template's example row.
    pub example: &'static str,
}

const fn need(name: &'static str, id: &'static str, en: &'static str, example: &'static str) -> Column {
    Column { name, required: true, meaning: Text { id, en }, example }
}

const fn may(name: &'static str, id: &'static str, en: &'static str, example: &'static str) -> Column {
    Column { name, required: false, meaning: Text { id, en }, example }
}

const fn score(name: &'static str, example: &'static str) -> Column {
    need(name, "nilai 1–4, kosong bila tidak dijawab", "score 1–4, empty when not answered", example)
}

const RESPONSES: &[Column] = &[
    may("id", "nomor responden", "respondent ID", "R-0001"),
    may("submitted_at", "waktu mengisi survei", "when the survey was filled in", "2026-01-05T09:14:00+07:00"),
    may("service", "kode layanan", "service code", "internet-jaringan"),
    score("u1", "4"),
    score("u2", "3"),
    score("u3", "4"),
    score("u4", "3"),
    score("u5", "4"),
    score("u6", "4"),
    score("u7", "3"),
    score("u8", "4"),
    score("u9", "3"),
    may("gender", "L atau P", "L or P", "P"),
    may("age", "usia (tahun)", "age (years)", "34"),
    may("education", "SD, SMP, SMA, D1-D3, D4/S1, S2, S3", "SD, SMP, SMA, D1-D3, D4/S1, S2, S3", "D4/S1"),
    may(
        "occupation",
        "PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya",
        "PNS, TNI, POLRI, Swasta, Wirausaha, Lainnya",
        "PNS",
    ),
    may("suggestion", "saran, teks bebas", "suggestion, free text", "Antrean agar lebih cepat"),
];

const REQUESTS: &[Column] = &[
    need("id", "nomor permohonan", "request number", "P-0001"),
    need("service", "kode layanan", "service code", "informasi-dokumentasi-publik"),
    may("channel", "surat, srikandi, formulir_web, whatsapp, …", "surat, srikandi, formulir_web, whatsapp, …", "surat"),
    may("requester", "pemohon", "requester", "Kecamatan Kalimanah"),
    need("received_at", "waktu diterima", "when it was received", "2026-01-05T09:14:00+07:00"),
    may("requested_for", "tanggal yang diminta, bila ada", "the date asked for, if any", ""),
    may(
        "completed_at",
        "waktu selesai, kosong bila belum",
        "when it was completed, empty while open",
        "2026-01-05T14:00:00+07:00",
    ),
    may("status", "selesai atau proses", "selesai or proses", "selesai"),
];

const COMPLAINTS: &[Column] = &[
    need("id", "nomor pengaduan", "complaint number", "A-0001"),
    need("service", "kode layanan", "service code", "internet-jaringan"),
    may("channel", "tatap_muka, whatsapp, sp4n_lapor, …", "tatap_muka, whatsapp, sp4n_lapor, …", "whatsapp"),
    need(
        "tier",
        "ringan, normatif, tidak_berkadar_pengawasan, berkadar_pengawasan",
        "ringan, normatif, tidak_berkadar_pengawasan, berkadar_pengawasan",
        "ringan",
    ),
    need("received_at", "waktu diterima", "when it was received", "2026-01-07T08:30:00+07:00"),
    may(
        "resolved_at",
        "waktu selesai, kosong bila belum",
        "when it was resolved, empty while open",
        "2026-01-07T14:00:00+07:00",
    ),
    may("status", "selesai atau proses", "selesai or proses", "selesai"),
];

const STEPS: &[Column] = &[
    need("request_id", "nomor permohonan", "request number", "P-0001"),
    need("step", "nomor langkah SOP", "SOP step number", "1"),
    need("started_at", "waktu mulai", "when it started", "2026-01-05T09:14:00+07:00"),
    need("finished_at", "waktu selesai", "when it finished", "2026-01-05T09:25:00+07:00"),
];

const MEETINGS: &[Column] = &[
    need("date", "tanggal rapat", "date of the meeting", "2026-01-26"),
    may("unit", "unit", "unit", "Dinkominfo"),
    may("title", "judul", "title", "Rapat evaluasi Januari"),
    need(
        "attendees",
        "peran yang hadir, dipisah «;» (kepala_dinas, sekretaris, kepala_bidang, …)",
        "roles present, separated by «;» (kepala_dinas, sekretaris, kepala_bidang, …)",
        "kepala_dinas;kepala_bidang;kepala_seksi;staf",
    ),
    may("minutes_ref", "nomor notulen", "minutes reference", "001/NOT/2026"),
];

const ACTIONS: &[Column] = &[
    need("meeting_date", "tanggal rapat asal", "date of the meeting it came from", "2026-01-26"),
    need("action", "tindak lanjut", "the action", "Tambah titik Wi-Fi di ruang tunggu"),
    may("owner", "penanggung jawab", "owner", "kepala_bidang"),
    need("due", "batas waktu", "due date", "2026-02-27"),
    may("done_at", "tanggal selesai, kosong bila belum", "date done, empty while open", "2026-02-20"),
];

impl FileKind {
    /// The columns of this kind's file, in the order a template writes them.
    pub fn columns(self) -> &'static [Column] {
        match self {
            FileKind::Responses => RESPONSES,
            FileKind::Requests => REQUESTS,
            FileKind::Complaints => COMPLAINTS,
            FileKind::Steps => STEPS,
            FileKind::Meetings => MEETINGS,
            FileKind::Actions => ACTIONS,
        }
    }

    /// The file's usual name without extension (`requests`), as the templates are named.
    pub fn file_stem(self) -> &'static str {
        match self {
            FileKind::Responses => "responses",
            FileKind::Requests => "requests",
            FileKind::Complaints => "complaints",
            FileKind::Steps => "steps",
            FileKind::Meetings => "meetings",
            FileKind::Actions => "actions",
        }
    }

    /// The kind whose templates are named `stem` (`requests`), if any.
    pub fn from_file_stem(stem: &str) -> Option<FileKind> {
        crate::year::FILE_KINDS.into_iter().find(|k| k.file_stem() == stem)
    }

    /// The template's two rows: the header and one example.
    pub fn template_rows(self) -> [Vec<&'static str>; 2] {
        let columns = self.columns();
        [columns.iter().map(|c| c.name).collect(), columns.iter().map(|c| c.example).collect()]
    }

    /// The names of the required and of the optional columns.
    pub fn column_names(self) -> (Vec<&'static str>, Vec<&'static str>) {
        let (required, optional): (Vec<&Column>, Vec<&Column>) = self.columns().iter().partition(|c| c.required);
        (required.iter().map(|c| c.name).collect(), optional.iter().map(|c| c.name).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::year::FILE_KINDS;

    #[test]
    fn every_kind_has_named_columns_and_a_template_that_says_its_kind() {
        for kind in FILE_KINDS {
            let [header, example] = kind.template_rows();
            assert_eq!(header.len(), example.len());
            assert!(kind.columns().iter().any(|c| c.required), "{kind:?}");
            let mut names = header.clone();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), header.len(), "{kind:?} names a column twice");
            assert_eq!(FileKind::from_file_stem(kind.file_stem()), Some(kind));
            // The template's name tells its kind to the dashboard.
            assert_eq!(FileKind::from_file_name(&format!("{}.csv", kind.file_stem())), Some(kind));
        }
        assert_eq!(FileKind::from_file_stem("../etc"), None);
    }
}
