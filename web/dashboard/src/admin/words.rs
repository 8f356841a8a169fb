//! The admin page's words in both languages, and the names of the catalog's closed lists.

use skm_core::catalog::{ComplaintChannel, RequestChannel, SopRole};
use skm_core::Text;

const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

pub const TITLE: Text = t("Standar pelayanan unit", "The units' service standards");
pub const HINT: Text = t(
    "Setiap simpanan menjadi versi baru yang berlaku mulai tanggal yang dipilih; permohonan dinilai dengan versi yang berlaku saat diterima.",
    "Every save is a new version in force from the chosen date; a request is judged by the version in force when it arrived.",
);
pub const TOKEN: Text = t("Atau token API", "Or an API token");
pub const UNIT: Text = t("Unit", "Unit");
pub const SERVICES: Text = t("Layanan yang berlaku hari ini", "Services in force today");
pub const NONE_YET: Text = t("Belum ada layanan.", "No services yet.");
pub const NEW_SERVICE: Text = t("Layanan baru", "New service");
pub const EDIT: Text = t("Ubah", "Edit");
pub const POSTER: Text = t("Poster QR", "QR poster");
pub const RETIRE: Text = t("Hentikan", "Retire");
pub const RETIRE_CONFIRM: Text = t(
    "Hentikan layanan ini mulai hari ini? Riwayat versinya tetap disimpan.",
    "Retire this service from today? Its versions are kept.",
);
pub const RETIRED: Text = t("Layanan dihentikan mulai", "Service retired from");
pub const SAVE: Text = t("Simpan sebagai versi baru", "Save as a new version");
pub const SAVING: Text = t("Menyimpan…", "Saving…");
pub const CANCEL: Text = t("Tutup", "Close");
pub const SAVED: Text = t("Tersimpan: versi", "Saved: version");
pub const UNCHANGED: Text = t("Tidak ada perubahan: tetap versi", "Nothing changed: still version");
pub const IN_FORCE_FROM: Text = t("berlaku mulai", "in force from");
pub const WRONG_TOKEN: Text = t("Belum masuk, atau token salah.", "Not signed in, or a wrong token.");
pub const PROBLEMS: Text = t("Perbaiki dulu", "Fix first");
pub const NO_PROBLEMS: Text = t("Sesuai aturan katalog.", "Fits the catalog's rules.");
pub const EFFECTIVE: Text = t("Berlaku mulai", "In force from");
pub const ONE_PER_LINE: Text = t("satu per baris", "one per line");
pub const ADD_STEP: Text = t("Tambah langkah", "Add a step");
pub const REMOVE: Text = t("Hapus", "Remove");
pub const STATES_IT: Text = t("Dokumen memuat bagian ini", "The document has this part");

pub const CODE: Text = t("Kode layanan (alamat survei)", "Service code (survey address)");
pub const KIND: Text = t("Jenis dokumen", "Kind of document");
pub const KIND_STANDARD: Text = t("Standar Pelayanan", "Service standard");
pub const KIND_SOP: Text = t("SOP", "SOP");
pub const NUMBER: Text = t("Nomor dokumen", "Document number");
pub const NAME: Text = t("Nama layanan", "Service name");
pub const NAME_EN: Text = t("Nama layanan (Inggris)", "Service name (English)");
pub const PUBLISHER: Text = t("Unit penerbit", "Publishing unit");
pub const REQUIREMENTS: Text = t("Persyaratan", "Requirements");
pub const FLOW: Text = t("Alur (bagan)", "Flow (diagram)");
pub const PROCEDURE: Text = t("Prosedur", "Procedure");
pub const COMPLETION: Text = t("Jangka waktu penyelesaian", "Completion time");
pub const LIMIT_TEXT: Text = t("Teks dokumen", "The document's words");
pub const LIMIT_KIND: Text = t("Dihitung dalam", "Counted in");
pub const AMOUNT: Text = t("Jumlah", "Amount");
pub const AT_LEAST: Text = t("Paling cepat (menit, boleh kosong)", "At the earliest (minutes, optional)");
pub const MINUTES: Text = t("menit kerja", "working minutes");
pub const HOURS: Text = t("jam kerja", "working hours");
pub const DAYS: Text = t("hari kerja", "working days");
pub const AS_REQUESTED: Text = t("sesuai permohonan", "as requested");
pub const FEE: Text = t("Biaya/tarif", "Fee");
pub const FEE_AMOUNT: Text = t("Biaya (rupiah)", "Fee (rupiah)");
pub const PRODUCT: Text = t("Produk pelayanan", "Service product");
pub const REQUEST_CHANNELS: Text = t("Saluran permohonan", "Request channels");
pub const COMPLAINTS: Text = t("Penanganan pengaduan", "Complaint handling");
pub const COMPLAINT_CHANNELS: Text = t("Saluran pengaduan", "Complaint channels");
pub const COMPLAINT_FLOW: Text = t("Alur penanganan pengaduan", "Complaint handling flow");
pub const TIERS: Text = t("Batas waktu per tingkat pengaduan", "Deadline of each complaint tier");
pub const LEGAL_BASIS: Text = t("Dasar hukum", "Legal basis");
pub const FACILITIES: Text = t("Sarana dan prasarana", "Facilities");
pub const COMPETENCE: Text = t("Kompetensi pelaksana", "Staff competence");
pub const SUPERVISION: Text = t("Pengawasan internal", "Internal supervision");
pub const SERVICE_GUARANTEES: Text = t("Jaminan pelayanan", "Service guarantees");
pub const SECURITY_GUARANTEES: Text = t("Jaminan keamanan dan keselamatan", "Security and safety guarantees");
pub const EVALUATION: Text = t("Evaluasi kinerja pelaksana", "Performance evaluation");
pub const EVALUATION_TEXT: Text = t("Teks evaluasi", "Evaluation text");
pub const MEETINGS: Text = t("Rapat evaluasi per bulan (paling sedikit)", "Evaluation meetings a month (at least)");
pub const ROLES: Text = t("Peran yang wajib hadir", "Roles that must attend");
pub const SKM_PER_YEAR: Text = t("SKM per tahun", "SKM surveys a year");
pub const SOP: Text = t("Bagian SOP", "SOP sections");
pub const SOP_EFFECTIVE: Text = t("Tanggal efektif SOP", "SOP effective date");
pub const APPROVED_BY: Text = t("Disahkan oleh", "Approved by");
pub const RELATED: Text = t("Keterkaitan", "Related procedures");
pub const WARNINGS: Text = t("Peringatan", "Warnings");
pub const RECORDS: Text = t("Pencatatan dan pendataan", "Records");
pub const STEPS: Text = t("Langkah SOP", "SOP steps");
pub const STEP: Text = t("Langkah", "Step");
pub const ACTIVITY: Text = t("Kegiatan", "Activity");
pub const EXECUTOR: Text = t("Pelaksana", "Executor");
pub const INPUTS: Text = t("Kelengkapan", "Inputs");
pub const STEP_TIME: Text = t("Waktu", "Time");
pub const OUTPUT: Text = t("Output", "Output");

/// Every request channel with its name.
pub const REQUEST_CHANNEL_NAMES: [(RequestChannel, Text); 7] = [
    (RequestChannel::Surat, t("Surat resmi", "Official letter")),
    (RequestChannel::Srikandi, t("SRIKANDI", "SRIKANDI")),
    (RequestChannel::FormulirWeb, t("Formulir web", "Web form")),
    (RequestChannel::Whatsapp, t("WhatsApp", "WhatsApp")),
    (RequestChannel::MediaSosial, t("Media sosial", "Social media")),
    (RequestChannel::KolaborasiInstagram, t("Kolaborasi Instagram", "Instagram collaboration")),
    (RequestChannel::TatapMuka, t("Tatap muka", "In person")),
];

/// Every complaint channel with its name.
pub const COMPLAINT_CHANNEL_NAMES: [(ComplaintChannel, Text); 7] = [
    (ComplaintChannel::TatapMuka, t("Tatap muka", "In person")),
    (ComplaintChannel::KotakPengaduan, t("Kotak pengaduan", "Complaint box")),
    (ComplaintChannel::Whatsapp, t("WhatsApp", "WhatsApp")),
    (ComplaintChannel::Telepon, t("Telepon", "Telephone")),
    (ComplaintChannel::Email, t("E-mail", "E-mail")),
    (ComplaintChannel::Sp4nLapor, t("SP4N-LAPOR!", "SP4N-LAPOR!")),
    (ComplaintChannel::MediaSosial, t("Media sosial", "Social media")),
];

/// Every executor of an SOP step with its name.
pub const SOP_ROLE_NAMES: [(SopRole, Text); 4] = [
    (SopRole::KepalaDinas, t("Kepala Dinas", "Head of office")),
    (SopRole::KabidKomunikasiPublik, t("Kabid Komunikasi Publik", "Head of public communication")),
    (SopRole::SubKoorPkpi, t("Sub Koordinator PKPI", "PKPI sub-coordinator")),
    (SopRole::PetugasPkpi, t("Petugas PKPI", "PKPI officer")),
];

pub const MY_ACCOUNT: Text = t("Akun saya", "My account");
pub const CURRENT_PASSWORD: Text = t("Kata sandi sekarang", "Current password");
pub const NEW_PASSWORD: Text =
    t("Kata sandi baru (paling sedikit 10 karakter)", "New password (at least 10 characters)");
pub const CHANGE_PASSWORD: Text = t("Ganti kata sandi", "Change password");
pub const PASSWORD_CHANGED: Text =
    t("Kata sandi diganti. Silakan masuk lagi.", "Password changed. Please sign in again.");
pub const USERS: Text = t("Pengguna", "Users");
pub const ROLE: Text = t("Peran", "Role");
pub const UNITS: Text = t("Unit", "Units");
pub const STATE: Text = t("Status", "State");
pub const ACTIVE: Text = t("aktif", "active");
pub const DISABLED: Text = t("nonaktif", "disabled");
pub const DISABLE: Text = t("Nonaktifkan", "Disable");
pub const DISABLE_CONFIRM: Text =
    t("Nonaktifkan akun ini? Sesinya berakhir.", "Disable this account? Its sessions end.");
pub const RESET_FOR: Text = t("Atur ulang kata sandi", "Reset the password of");
pub const RESET: Text = t("Atur ulang", "Reset");
pub const DONE: Text = t("Selesai.", "Done.");
pub const TOKENS: Text = t("Token API", "API tokens");
pub const PERMISSION: Text = t("Izin", "Permission");
pub const LAST_USED: Text = t("Terakhir dipakai", "Last used");
pub const NOTE: Text = t("Keterangan", "Note");
pub const REVOKE: Text = t("Cabut", "Revoke");
pub const REVOKED: Text = t("dicabut", "revoked");
pub const TOKEN_UNITS: Text =
    t("Unit (kode, dipisah koma; * untuk semua)", "Units (codes, comma-separated; * for all)");
pub const MAKE_TOKEN: Text = t("Buat token", "Make a token");
pub const NEW_TOKEN: Text = t(
    "Token baru, hanya ditampilkan sekali ini; simpan sekarang:",
    "The new token, shown this once only; keep it now:",
);
pub const AUDIT: Text = t("Log audit", "Audit log");
pub const AUDIT_LATEST: Text = t("50 baris terakhir, terbaru dahulu", "The last 50 lines, newest first");
pub const DOWNLOAD_CSV: Text = t("Unduh CSV", "Download CSV");
pub const DOWNLOAD_XLSX: Text = t("Unduh XLSX", "Download XLSX");
pub const WHEN: Text = t("Waktu", "When");
pub const WHO: Text = t("Siapa", "Who");
pub const WHAT: Text = t("Apa", "What");
pub const TARGET: Text = t("Sasaran", "Target");
pub const OUTCOME: Text = t("Hasil", "Outcome");
pub const FOLLOW_UP: Text = t("Tindak lanjut hasil survei (RTL)", "Follow-up of the survey results (RTL)");
pub const FOLLOW_UP_HINT: Text = t(
    "Catat tindakan perbaikan dari hasil SKM, penanggung jawab, batas waktu dan statusnya; tampil di halaman hasil publik, dasbor dan laporan tahunan.",
    "Record the improvements the SKM results call for, their owner, deadline and status; they show on the public results page, the dashboard and the annual report.",
);
pub const FOLLOW_UP_NEW: Text = t("Tindakan baru", "New action");
pub const FOLLOW_UP_CHANGE: Text = t("Ubah tindakan", "Change the action");
pub const FOLLOW_UP_SAVE: Text = t("Simpan tindakan", "Save the action");
pub const FOLLOW_UP_SAVED: Text = t("Tersimpan", "Saved");
pub const PROPOSED: Text = t("Usulan dari unsur terlemah", "Proposed from the weakest elements of");
pub const USE_PROPOSAL: Text = t("Pakai", "Use");
pub const PERIOD: Text = t("Periode SKM (2026, 2026-S1, 2026-Q3)", "SKM period (2026, 2026-S1, 2026-Q3)");
pub const FINDING: Text = t("Temuan", "Finding");
pub const ACTION: Text = t("Tindakan", "Action");
pub const OWNER: Text = t("Penanggung jawab", "Owner");
pub const DEADLINE: Text = t("Batas waktu", "Deadline");
pub const STATUS: Text = t("Status", "Status");
pub const EVIDENCE: Text = t("Bukti (catatan atau tautan)", "Evidence (a note or a link)");
pub const PUBLICATIONS: Text = t("Publikasi hasil survei", "Publication of the survey results");
pub const PUBLICATIONS_HINT: Text = t(
    "Catat di mana dan kapan hasil SKM diumumkan (situs web, Instagram, papan pengumuman, …) dengan tautannya; jumlah media dinilai dalam evaluasi PEKPPP.",
    "Record where and when the SKM results were announced (website, Instagram, noticeboard, …) with the link; the number of media counts in the PEKPPP evaluation.",
);
pub const MEDIA: Text = t("media", "media");
pub const MEDIUM: Text = t("Media", "Medium");
pub const PUBLISHED_ON: Text = t("Tanggal terbit", "Published on");
pub const LINK: Text = t("Tautan (https://…)", "Link (https://…)");
pub const PUBLICATION_SAVE: Text = t("Simpan publikasi", "Save the publication");
pub const MATERIAL: Text = t("Bahan publikasi", "To publish");
pub const PUBLIC_PAGE: Text = t("Halaman hasil publik", "Public results page");
pub const INFOGRAPHIC_PNG: Text = t("Infografis 1080×1080 (PNG)", "Infographic 1080×1080 (PNG)");
pub const INFOGRAPHIC_A4: Text = t("Infografis A4 (SVG)", "Infographic A4 (SVG)");
pub const SAMPLING: Text = t("Populasi dan sampel per layanan", "Population and sample per service");
pub const SAMPLING_HINT: Text = t(
    "Isi jumlah penerima layanan (N) per layanan dalam periode SKM, dari buku register atau aplikasi loket; sampel yang diperlukan dihitung dengan rumus Krejcie dan Morgan dan kemajuannya tampil di dasbor.",
    "Enter the number of service users (N) per service in the SKM period, from the counter's register or application; the sample required follows Krejcie and Morgan and its progress shows on the dashboard.",
);
pub const DAYS_LEFT: Text = t("hari lagi", "days left");
pub const WORKING_DAYS: Text = t("hari kerja", "working days");
pub const SAMPLE_REQUIRED: Text = t("Sampel yang diperlukan", "Sample required");
pub const NO_POPULATION: Text =
    t("N belum diisi: paling sedikit 30 responden", "N not entered: at least 30 respondents");
pub const RESPONDENTS_SO_FAR: Text = t("responden sejauh ini", "respondents so far");
pub const POPULATION_SAVE: Text = t("Simpan populasi", "Save the populations");
pub const PAPER_FORM: Text = t("Formulir kertas", "Paper form");
pub const PAPER_FIRST: Text = t("Nomor seri pertama:", "First serial number:");
pub const PAPER_COUNT: Text = t("Jumlah lembar (paling banyak 500):", "Number of sheets (500 at most):");
