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
pub const UNKNOWN_SERVICE: Text = t("Layanan tidak ditemukan.", "Service not found.");
pub const PROFILE: Text = t("Data responden (tidak wajib)", "About you (optional)");
pub const CHOOSE: Text = t("— pilih —", "— choose —");
pub const SUBMIT: Text = t("Kirim jawaban", "Send answers");
pub const SENDING: Text = t("Mengirim…", "Sending…");
pub const ANSWER_ALL: Text =
    t("Jawab kesembilan pertanyaan sebelum mengirim.", "Answer all nine questions before sending.");
pub const THANKS: Text = t("Terima kasih! Jawaban Anda sudah tersimpan.", "Thank you! Your answers are saved.");
pub const RECEIPT: Text = t("Nomor tanda terima", "Receipt number");
pub const SEND_FAILED: Text = t("Jawaban belum terkirim", "Your answers were not sent");
pub const ANSWERED: Text = t("terjawab", "answered");
pub const TOKEN: Text = t("Token admin", "Admin token");
pub const SIGN_IN: Text = t("Masuk", "Sign in");
pub const WRONG_TOKEN: Text = t("Token salah.", "Wrong token.");
pub const COMPUTING: Text = t("Menghitung di pekerja analitik…", "Computing in the analytics worker…");
pub const IKM_UNIT: Text = t("IKM unit pelayanan", "Service unit IKM");
pub const RESPONDENTS: Text = t("Responden", "Respondents");
pub const GRADE: Text = t("Mutu", "Grade");
pub const ELEMENT: Text = t("Unsur", "Element");
pub const ANSWERS: Text = t("Jawaban", "Answers");
pub const PER_SERVICE: Text = t("IKM per layanan", "IKM per service");
pub const WEIGHT: Text = t("Bobot", "Weight");
pub const COMPUTED_IN: Text = t("Dihitung di pekerja dalam", "Computed in the worker in");
pub const REJECTED_ROWS: Text = t("baris ditolak", "rows rejected");
pub const QUEUED: Text = t(
    "Jawaban Anda tersimpan di perangkat ini dan akan terkirim otomatis begitu server dapat dijangkau.",
    "Your answers are kept on this device and will be sent automatically as soon as the server can be reached.",
);
pub const CI_95: Text = t("SK 95%:", "95% CI:");
pub const NOT_FOUND: Text = t("Halaman tidak ditemukan.", "Page not found.");
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
