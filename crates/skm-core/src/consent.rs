//! What the respondent is told before the first question: why the survey is held, what is
//! kept, and that taking part is voluntary. Shown by the survey; quoted in the annual report.

use crate::i18n::Text;

const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

/// Heading of the opening screen.
pub const TITLE: Text = t("Sebelum mulai", "Before you start");

/// Why the survey is held and on what legal basis.
pub const PURPOSE: Text = t(
    "Survei ini mengukur kepuasan Anda terhadap pelayanan yang baru Anda terima, sesuai Peraturan \
     Menteri PANRB Nomor 14 Tahun 2017. Hasilnya dipakai untuk memperbaiki pelayanan.",
    "This survey measures your satisfaction with the service you have just received, as Regulation \
     14/2017 of the Minister for Administrative and Bureaucratic Reform requires. The results are \
     used to improve the service.",
);

/// The points of the privacy statement, in the order they are shown.
pub const POINTS: [Text; 4] = [
    t(
        "Ada 9 pertanyaan pilihan ganda; perlu sekitar 3 menit.",
        "There are 9 multiple-choice questions; it takes about 3 minutes.",
    ),
    t(
        "Anda tidak diminta menulis nama, nomor telepon, atau NIK. Data diri (jenis kelamin, usia, \
         pendidikan, pekerjaan) tidak wajib diisi.",
        "You are not asked for your name, phone number or ID number. The questions about you \
         (gender, age, education, occupation) are optional.",
    ),
    t(
        "Jawaban disimpan tanpa alamat IP dan dilaporkan hanya sebagai angka gabungan; saran Anda \
         dibaca pimpinan unit tanpa identitas Anda.",
        "Answers are stored without your IP address and reported only as combined figures; the \
         unit's management reads your suggestions without knowing who wrote them.",
    ),
    t(
        "Keikutsertaan bersifat sukarela dan Anda dapat berhenti kapan saja.",
        "Taking part is voluntary and you may stop at any time.",
    ),
];

/// What pressing the start button means.
pub const AGREEMENT: Text = t(
    "Dengan menekan «Mulai», Anda setuju jawaban Anda dipakai untuk tujuan di atas.",
    "By pressing «Start» you agree that your answers are used for the purpose above.",
);

/// The start button, which gives the consent.
pub const START: Text = t("Mulai", "Start");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agreement_names_the_start_button_in_each_language() {
        assert!(AGREEMENT.id.contains(&format!("«{}»", START.id)));
        assert!(AGREEMENT.en.contains(&format!("«{}»", START.en)));
    }

    #[test]
    fn every_point_is_given_in_both_languages() {
        for text in [TITLE, PURPOSE, AGREEMENT, START].iter().chain(POINTS.iter()) {
            assert!(!text.id.trim().is_empty() && !text.en.trim().is_empty());
            assert_ne!(text.id, text.en);
        }
    }
}
