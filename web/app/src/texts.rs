//! The app's own words (buttons, headings, messages) in both languages.
//!
//! The survey's questions, answers and profile labels are not here: they come from `skm-core`.

use skm_core::Text;

const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

pub const APP_TITLE: Text = t("Survei Kepuasan Masyarakat", "Public Satisfaction Survey");
pub const SWITCH_LANGUAGE: Text = t("English", "Bahasa Indonesia");
pub const CHOOSE_SERVICE: Text = t("Pilih layanan yang Anda terima", "Choose the service you received");
pub const DASHBOARD: Text = t("Dasbor pimpinan", "Management dashboard");
pub const LOADING: Text = t("Memuat…", "Loading…");
pub const SERVICE: Text = t("Layanan", "Service");
pub const UNKNOWN_SERVICE: Text = t(
    "Layanan ini tidak ditemukan atau tidak dilayani lagi. Pilih layanan yang Anda terima di bawah.",
    "This service was not found or is no longer offered. Choose the service you received below.",
);
pub const UNIT: Text = t("Unit", "Unit");
pub const UNITS: Text = t("unit", "units");
pub const EDIT_STANDARDS: Text = t("Standar pelayanan unit", "The units' service standards");
pub const RANK: Text = t("Peringkat", "Rank");
pub const PEMDA_VIEW: Text = t("Unit-unit pemda", "The pemda's units");
pub const PEMDA_IKM: Text = t("IKM pemda (bobot responden)", "Pemda IKM (respondent-weighted)");
pub const PEMDA_MEAN: Text = t("Rata-rata IKM unit", "Mean of the units' IKM");
pub const PEMDA_METHOD: Text = t(
    "IKM pemda = Σ(responden unit × IKM unit) / Σ responden: setiap responden dihitung sekali, sama dengan IKM seluruh responden pemda. Rata-rata IKM unit menghitung setiap unit sekali, berapa pun respondennya. SLA per unit dari berkas permohonan yang namanya diawali kode unit.",
    "Pemda IKM = Σ(unit respondents × unit IKM) / Σ respondents: each respondent counts once, the same as the IKM of all the pemda's respondents together. The mean of the units' IKM counts each unit once, whatever its respondents. SLA per unit from request files whose name starts with the unit's code.",
);
pub const ALL_UNITS: Text = t("Semua unit", "All units");
pub const PER_UNIT_NOTE: Text = t(
    "Semua unit: IKM di bawah dihitung dari seluruh responden. SLA dinilai per unit, masing-masing menurut standar pelayanan dan kalender kerjanya sendiri (tabel unit di atas); berkas permohonan, pengaduan dan langkah SOP masuk ke unit yang kodenya mengawali nama berkas. Untuk rapat evaluasi dan rincian SLA, pilih unitnya.",
    "All units: the IKM below is computed from every respondent. SLA is judged per unit, each by its own service standards and working calendar (the units table above); a request, complaint or SOP-step file counts for the unit whose code starts its name. For evaluation meetings and the SLA in detail, choose the unit.",
);
pub const PEMDA_SLA: Text = t("Permohonan tepat waktu (pemda)", "Requests on time (pemda)");
pub const DECIDED_OF: Text = t("dari", "of");
pub const DECIDED: Text = t("diputus", "decided");
/// The link from a unit's services to its public results.
pub const UNIT_RESULTS: Text = t("Hasil survei unit ini", "This unit's survey results");
pub const SEARCH_SERVICE: Text = t("Cari layanan atau unit", "Search for a service or unit");
pub const NO_MATCH: Text = t("Tidak ada layanan yang cocok.", "No service matches.");
pub const PROFILE: Text = t("Data responden (tidak wajib)", "About you (optional)");
pub const CHOOSE: Text = t("— pilih —", "— choose —");
pub const SUBMIT: Text = t("Kirim jawaban", "Send answers");
pub const SENDING: Text = t("Mengirim…", "Sending…");
pub const ANSWER_ALL: Text =
    t("Jawab kesembilan pertanyaan sebelum mengirim.", "Answer all nine questions before sending.");
pub const THANKS: Text = t("Terima kasih! Jawaban Anda sudah tersimpan.", "Thank you! Your answers are saved.");
pub const RECEIPT: Text = t("Nomor lengkap", "Full number");
pub const RECEIPT_CODE: Text = t("Kode tanda terima", "Receipt code");
pub const RECEIPT_DATE: Text = t("Tanggal", "Date");
pub const RECEIPT_HINT: Text = t(
    "Sebutkan kode ini bila menanyakan jawaban Anda kepada petugas.",
    "Quote this code if you ask the staff about your answers.",
);
pub const DELIVERED: Text = t(
    "Jawaban yang tersimpan di perangkat ini sudah terkirim ke server.",
    "The answers kept on this device have now been delivered to the server.",
);
pub const SEND_FAILED: Text = t("Jawaban belum terkirim", "Your answers were not sent");
pub const ANSWERED: Text = t("terjawab", "answered");
pub const TOKEN: Text = t("Atau token API", "Or an API token");
pub const USERNAME: Text = t("Nama pengguna", "Username");
pub const PASSWORD: Text = t("Kata sandi", "Password");
pub const SIGN_OUT: Text = t("Keluar", "Sign out");
pub const SIGNED_IN_AS: Text = t("Masuk sebagai", "Signed in as");
pub const SIGN_IN: Text = t("Masuk", "Sign in");
pub const WRONG_TOKEN: Text = t("Token salah.", "Wrong token.");
pub const IKM_UNIT: Text = t("IKM unit pelayanan", "Service unit IKM");
pub const RESPONDENTS: Text = t("Responden", "Respondents");
pub const GRADE: Text = t("Mutu", "Grade");
pub const SAMPLE: Text = t("Sampel", "Sample");
pub const ELEMENT: Text = t("Unsur", "Element");
pub const ANSWERS: Text = t("Jawaban", "Answers");
pub const WEIGHT: Text = t("Bobot unsur", "Element weight");
pub const COMPUTED_IN: Text = t("Dihitung di peramban ini dalam", "Computed in this browser in");
pub const REJECTED_ROWS: Text = t("baris ditolak", "rows rejected");
pub const PERIOD_OF: Text = t("Periode baris tanpa tanggal", "Period of undated rows");
pub const PERIOD_OF_HINT: Text = t(
    "Untuk rekap lama tanpa kolom tanggal: 2025, 2025-S1, 2025-Q2 atau 2025-07. Kosong: periode dari judul atau nama lembarnya.",
    "For an old recap without a date column: 2025, 2025-S1, 2025-Q2 or 2025-07. Empty: the period its title or sheet name states.",
);
pub const PERIOD_OF_WRONG: Text =
    t("Tulis 2025, 2025-S1, 2025-Q2 atau 2025-07.", "Write 2025, 2025-S1, 2025-Q2 or 2025-07.");
pub const LAYOUT_NOTES: Text = t("catatan tentang tata letak berkas", "notes on the files' layout");
pub const QUEUED: Text = t(
    "Jawaban Anda tersimpan di perangkat ini dan akan terkirim otomatis begitu server dapat dijangkau.",
    "Your answers are kept on this device and will be sent automatically as soon as the server can be reached.",
);
pub const CI_95: Text = t("Selang kepercayaan 95%", "95% confidence interval");
pub const TOTAL: Text = t("Jumlah", "Total");
pub const NOT_FOUND: Text = t("Halaman tidak ditemukan.", "Page not found.");
pub const CHARACTERS_LEFT: Text = t("karakter lagi", "characters left");
pub const BACK_HOME: Text = t("Kembali ke daftar layanan", "Back to the list of services");
pub const NEXT: Text = t("Lanjut", "Next");
pub const BACK: Text = t("Kembali", "Back");
pub const PICK_ONE: Text = t("Pilih salah satu jawaban untuk melanjutkan.", "Choose one answer to continue.");
/// Followed by the core's age range and [`AGE_INVALID_END`].
pub const AGE_INVALID: Text = t("Isi usia", "Enter an age of");
pub const AGE_INVALID_END: Text = t("tahun, atau kosongkan.", "years, or leave it empty.");
pub const QUESTION: Text = t("Pertanyaan", "Question");
pub const OF: Text = t("dari", "of");
pub const PROGRESS: Text = t("Kemajuan pengisian", "Progress");
pub const SUGGESTION_HINT: Text = t("Tidak wajib. Apa yang perlu kami perbaiki?", "Optional. What should we improve?");
pub const REVIEW: Text = t("Periksa jawaban Anda", "Check your answers");
pub const REVIEW_HINT: Text = t(
    "Jawaban belum terkirim. Ubah bila perlu, lalu kirim.",
    "Your answers are not sent yet. Change any of them, then send.",
);
pub const CHANGE: Text = t("Ubah", "Change");
pub const TO_REVIEW: Text = t("Kembali ke ringkasan", "Back to the summary");
pub const NOT_GIVEN: Text = t("tidak diisi", "not given");
pub const DATA: Text = t("Data", "Data");
pub const SERVER_RESPONSES: Text = t("Jawaban survei di server", "Survey responses on the server");
pub const ADD_FILES: Text = t(
    "Tambah berkas (jawaban, permohonan, pengaduan, langkah SOP, rapat, tindak lanjut; CSV atau XLSX)",
    "Add files (responses, requests, complaints, SOP steps, meetings, actions; CSV or XLSX)",
);
pub const DROP_HERE: Text = t(
    "atau tarik berkas ke sini. Berkas diolah di komputer ini dan tidak dikirim ke mana pun.",
    "or drop files here. Files are processed on this computer and sent nowhere.",
);
pub const KIND_BY_HEADER: Text = t("dikenali dari judul kolom", "told by its header");
pub const REMOVE: Text = t("Hapus", "Remove");
pub const YEAR: Text = t("Tahun", "Year");
pub const PERIOD: Text = t("Periode", "Period");
pub const FILTERS: Text = t("Filter", "Filters");
pub const WHOLE_YEAR: Text = t("Setahun penuh", "Whole year");
pub const ALL_SERVICES: Text = t("Semua layanan", "All services");
pub const CHANNEL: Text = t("Kanal", "Channel");
pub const ALL_CHANNELS: Text = t("Semua kanal", "All channels");
pub const VIEW_OVERVIEW: Text = t("Ringkasan", "Overview");
pub const VIEW_IKM: Text = t("IKM", "IKM");
pub const VIEW_SLA: Text = t("Waktu layanan", "Service times");
pub const VIEW_MEETINGS: Text = t("Rapat evaluasi", "Evaluation meetings");
pub const VIEW_SUGGESTIONS: Text = t("Saran", "Suggestions");
pub const REQUESTS_ON_TIME: Text = t("Permohonan tepat waktu", "Requests on time");
pub const COMPLAINTS_ON_TIME: Text = t("Pengaduan tepat waktu", "Complaints on time");
pub const MEETINGS_HELD: Text = t("Bulan dengan rapat sesuai", "Months with a compliant meeting");
pub const NO_DATA: Text = t("Belum ada data untuk bagian ini", "No data for this part yet");
pub const NOTHING_CHOSEN: Text = t(
    "Tidak ada data pada periode dan layanan yang dipilih. Pilih periode lain, atau «Setahun penuh».",
    "There is nothing in the chosen period and service. Choose another period, or «Whole year».",
);
pub const GLOSSARY: Text = t("Apa arti angka-angka ini?", "What do these figures mean?");
pub const GLOSSARY_IKM: Text = t(
    "Indeks Kepuasan Masyarakat: nilai rata-rata sembilan unsur pelayanan, dikonversi ke skala 25–100 (PermenPANRB 14/2017).",
    "Public Satisfaction Index: the average score of the nine service elements, converted to a 25–100 scale (PermenPANRB 14/2017).",
);
pub const GLOSSARY_NRR: Text = t(
    "Nilai rata-rata satu unsur, pada skala jawaban 1–4.",
    "The average score of one element, on the 1–4 answer scale.",
);
pub const GLOSSARY_CI: Text = t(
    "Rentang tempat IKM sebenarnya berada dengan keyakinan 95%. Makin banyak responden, makin sempit rentangnya.",
    "The range that holds the true IKM with 95% confidence. The more respondents, the narrower it is.",
);
pub const GLOSSARY_GRADE: Text = t("Mutu pelayanan menurut nilai IKM:", "The quality of service by the IKM:");
pub const GLOSSARY_SAMPLE: Text = t(
    "Jumlah responden paling sedikit menurut tabel Krejcie dan Morgan, dari jumlah penerima layanan. Bila belum cukup, IKM-nya diberi tanda.",
    "The fewest respondents the Krejcie and Morgan table asks for, given how many people were served. When there are fewer, the IKM is marked.",
);
pub const TO_FILL: Text = t(
    "Bagian ini terisi setelah Anda menambahkan berkasnya pada «Data» di atas. Unduh templatnya (judul kolom dan satu baris contoh), isi, lalu tambahkan.",
    "This part fills in once you add its file under «Data» above. Download its template (the column headers and one example row), fill it in, then add it.",
);
pub const FILE_FORMAT: Text = t("format kolom", "column format");
pub const COLUMN: Text = t("Kolom", "Column");
pub const REQUIRED: Text = t("Wajib", "Required");
pub const HOLDS: Text = t("Isi", "Holds");
pub const EXAMPLE: Text = t("Contoh", "Example");
pub const YES: Text = t("ya", "yes");
pub const TEMPLATE_CSV: Text = t("Unduh templat CSV", "Download CSV template");
pub const TEMPLATE_XLSX: Text = t("Unduh templat XLSX", "Download XLSX template");
pub const READING: Text = t("Membaca dan menghitung", "Reading and computing");
pub const LOADING_ENGINE: Text = t(
    "Memuat mesin analitik (sekali saja; lalu disimpan di peramban ini)",
    "Loading the analytics engine (once; then kept in this browser)",
);
pub const ON_TIME: Text = t("Tepat waktu", "On time");
pub const LATE: Text = t("Terlambat", "Late");
pub const PENDING: Text = t("Berjalan", "Pending");
pub const PROMISE: Text = t("Janji waktu", "Promised time");
pub const MEDIAN_HOURS: Text = t("Median (jam kerja)", "Median (working hours)");
pub const BREACHES: Text = t("Pelanggaran waktu terbesar", "Largest breaches");
pub const RECEIVED: Text = t("Diterima", "Received");
pub const DEADLINE: Text = t("Batas waktu", "Deadline");
pub const DONE: Text = t("Selesai", "Done");
pub const LATE_BY: Text = t("Terlambat (jam kerja)", "Late (working hours)");
pub const ACTIONS: Text = t("Tindak lanjut", "Follow-up actions");
pub const ACTIONS_LINE: Text = t("tepat waktu · terlambat · lewat batas · terbuka", "on time · late · overdue · open");
pub const LONGEST_GAP: Text = t("Jeda terpanjang tanpa rapat (bulan)", "Longest gap without a meeting (months)");
pub const DOWNLOAD_SVG: Text = t("Unduh SVG", "Download SVG");
pub const DOWNLOAD_PNG: Text = t("Unduh PNG", "Download PNG");
pub const DOWNLOAD_CSV: Text = t("Unduh tabel CSV", "Download table CSV");
pub const SIGN_IN_HINT: Text =
    t("Masuk untuk memakai jawaban yang terkumpul di server.", "Sign in to use the responses collected on the server.");
pub const DATE: Text = t("Tanggal", "Date");
pub const SUGGESTION: Text = t("Saran", "Suggestion");
pub const NOTES: Text = t("catatan", "notes");
pub const SOURCE: Text = t("sumber", "source");
pub const SOURCES: Text = t("sumber", "sources");
pub const REPEATED: Text = t("Saran yang berulang", "Suggestions made more than once");
pub const ALL_SUGGESTIONS: Text = t("Semua saran, terbaru dahulu", "All suggestions, newest first");
pub const SEARCH_SUGGESTIONS: Text = t("Cari kata dalam saran", "Search the suggestions for words");
pub const NO_SUGGESTION_MATCH: Text = t("Tidak ada saran yang memuat kata itu.", "No suggestion holds those words.");
pub const TIMES: Text = t("Kali", "Times");
pub const PAGES: Text = t("Halaman saran", "Pages of suggestions");
pub const PAGE: Text = t("Halaman", "Page");
pub const PREVIOUS: Text = t("‹ Sebelumnya", "‹ Previous");
pub const NEXT_PAGE: Text = t("Berikutnya ›", "Next ›");
pub const READ_MORE: Text = t("baca selengkapnya", "read all");
pub const TIER: Text = t("Jenis pengaduan", "Complaint tier");

/// The fold of the warnings that files hold dates after today: how many files do.
pub fn files_with_dates_after_today(files: usize, l: skm_core::Lang) -> String {
    match (files, l) {
        (1, skm_core::Lang::En) => "1 file holds dates after today".to_owned(),
        (n, skm_core::Lang::En) => format!("{n} files hold dates after today"),
        (n, skm_core::Lang::Id) => format!("{n} berkas memuat tanggal sesudah hari ini"),
    }
}
