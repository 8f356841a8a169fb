//! The data model of a published service standard (Standar Pelayanan) or SOP.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// What kind of document a catalog entry encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A Standar Pelayanan (PermenPANRB 15/2014 components).
    StandarPelayanan,
    /// A Standar Operasional Prosedur with timed steps.
    Sop,
}

/// One service standard with every section of its source document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceStandard {
    /// Stable service code used in URLs and files (`publikasi-media-sosial`).
    pub code: String,
    /// Standard or SOP.
    pub kind: DocumentKind,
    /// The document's own number (`7`, `418 /DISKOMINFO-B.400.14.3/2024`).
    pub number: String,
    /// Name of the service in Bahasa Indonesia.
    pub name: String,
    /// Name of the service in English.
    pub name_en: String,
    /// The unit that publishes the standard.
    pub unit: String,
    /// The seed document this entry was encoded from.
    pub source: String,
    /// Persyaratan.
    pub requirements: Vec<String>,
    /// Sistem, mekanisme dan prosedur.
    pub procedure: Procedure,
    /// Jangka waktu penyelesaian.
    pub completion_time: TimeLimit,
    /// Biaya/tarif; `None` where the document states none.
    #[serde(default)]
    pub fee: Option<Fee>,
    /// Produk pelayanan.
    #[serde(default)]
    pub product: Option<String>,
    /// Channels through which a request may arrive.
    pub request_channels: Vec<RequestChannelEntry>,
    /// Penanganan pengaduan, saran dan masukan.
    #[serde(default)]
    pub complaints: Option<ComplaintHandling>,
    /// Dasar hukum.
    pub legal_basis: Vec<String>,
    /// Sarana, prasarana dan/atau fasilitas (SOP: peralatan/perlengkapan).
    pub facilities: Vec<String>,
    /// Kompetensi pelaksana (SOP: kualifikasi pelaksana).
    pub staff_competence: Vec<String>,
    /// Pengawasan internal.
    #[serde(default)]
    pub internal_supervision: Option<String>,
    /// Jumlah pelaksana.
    #[serde(default)]
    pub staff_count: Option<StaffCount>,
    /// Jaminan pelayanan.
    #[serde(default)]
    pub service_guarantees: Vec<String>,
    /// Jaminan keamanan dan keselamatan pelayanan.
    #[serde(default)]
    pub security_guarantees: Vec<String>,
    /// Evaluasi kinerja pelaksana.
    #[serde(default)]
    pub evaluation: Option<Evaluation>,
    /// The SOP-only sections, with its timed steps.
    #[serde(default)]
    pub sop: Option<SopDetails>,
}

/// Sistem, mekanisme dan prosedur: the flow diagram and the numbered procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// The boxes of the flow diagram, in order.
    #[serde(default)]
    pub flow: Vec<String>,
    /// The procedure's steps, in order.
    pub steps: Vec<String>,
}

/// A promised time: the document's words and the value they mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    /// The original text ("Maksimal 1 Jam").
    pub text: String,
    /// The structured value.
    pub limit: Limit,
    /// How an ambiguous text was read, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The structured value of a promised time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", rename_all = "snake_case", deny_unknown_fields)]
pub enum Limit {
    /// N working minutes inside office hours; `at_least` for a range such as "15-30 menit".
    WorkingMinutes {
        /// The limit (the upper end of a range).
        amount: u32,
        /// The lower end of a range, if the text gives one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_least: Option<u32>,
    },
    /// N working hours inside office hours.
    WorkingHours {
        /// Number of hours.
        amount: u32,
    },
    /// The same clock time on the N-th next working day.
    WorkingDays {
        /// Number of working days.
        amount: u32,
    },
    /// By the end of the date the requester asked for ("Sesuai dengan permohonan").
    AsRequested,
}

impl Limit {
    /// The limit in working minutes, for limits counted in minutes or hours.
    pub fn working_minutes(self) -> Option<u64> {
        match self {
            Limit::WorkingMinutes { amount, .. } => Some(u64::from(amount)),
            Limit::WorkingHours { amount } => Some(u64::from(amount) * 60),
            Limit::WorkingDays { .. } | Limit::AsRequested => None,
        }
    }

    /// The limit in working days, for limits counted in days.
    pub fn working_days(self) -> Option<u32> {
        match self {
            Limit::WorkingDays { amount } => Some(amount),
            _ => None,
        }
    }
}

/// Biaya/tarif.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// The original text ("Gratis", "Tidak dipungut biaya").
    pub text: String,
    /// The fee in rupiah (0 when free).
    pub amount_idr: u64,
}

/// A channel through which a service request arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestChannel {
    /// A signed and stamped letter (surat resmi).
    Surat,
    /// SRIKANDI, the government e-letter system.
    Srikandi,
    /// The office's web form.
    FormulirWeb,
    /// WhatsApp chat.
    Whatsapp,
    /// Chat on social media.
    MediaSosial,
    /// Collaboration through Instagram.
    KolaborasiInstagram,
    /// In person at the office.
    TatapMuka,
}

/// A request channel as the document names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestChannelEntry {
    /// The channel.
    pub channel: RequestChannel,
    /// The document's words for it.
    pub text: String,
}

/// A channel through which a complaint arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintChannel {
    /// Face to face with the complaints officer.
    TatapMuka,
    /// Written, into the complaint box.
    KotakPengaduan,
    /// WhatsApp.
    Whatsapp,
    /// Telephone.
    Telepon,
    /// E-mail.
    Email,
    /// SP4N-LAPOR!, the national complaints system.
    Sp4nLapor,
    /// Social media.
    MediaSosial,
}

/// A complaint channel as the document names it, with its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintChannelEntry {
    /// The channel.
    pub channel: ComplaintChannel,
    /// The document's words, with the number or address it gives.
    pub text: String,
}

/// The four tiers of complaints the standards set deadlines for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintTier {
    /// Pengaduan ringan.
    Ringan,
    /// Pengaduan bersifat normatif.
    Normatif,
    /// Pengaduan tidak berkadar pengawasan.
    TidakBerkadarPengawasan,
    /// Pengaduan berkadar pengawasan dan memerlukan pemeriksaan.
    BerkadarPengawasan,
}

/// The four tiers in the order the standards list them.
pub const COMPLAINT_TIERS: [ComplaintTier; 4] = [
    ComplaintTier::Ringan,
    ComplaintTier::Normatif,
    ComplaintTier::TidakBerkadarPengawasan,
    ComplaintTier::BerkadarPengawasan,
];

impl ComplaintTier {
    /// The code written in files: `ringan`, `normatif`, `tidak_berkadar_pengawasan`,
    /// `berkadar_pengawasan`.
    pub fn code(self) -> &'static str {
        match self {
            ComplaintTier::Ringan => "ringan",
            ComplaintTier::Normatif => "normatif",
            ComplaintTier::TidakBerkadarPengawasan => "tidak_berkadar_pengawasan",
            ComplaintTier::BerkadarPengawasan => "berkadar_pengawasan",
        }
    }

    /// Reads a code (case, spaces and dashes ignored).
    pub fn from_code(text: &str) -> Option<ComplaintTier> {
        let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
        COMPLAINT_TIERS.into_iter().find(|t| t.code() == wanted)
    }

    /// The tier's name in both languages.
    pub fn label(self) -> Text {
        match self {
            ComplaintTier::Ringan => Text { id: "Pengaduan ringan", en: "Minor complaint" },
            ComplaintTier::Normatif => Text { id: "Pengaduan bersifat normatif", en: "Normative complaint" },
            ComplaintTier::TidakBerkadarPengawasan => {
                Text { id: "Pengaduan tidak berkadar pengawasan", en: "Complaint without supervisory weight" }
            }
            ComplaintTier::BerkadarPengawasan => Text {
                id: "Pengaduan berkadar pengawasan dan memerlukan pemeriksaan",
                en: "Complaint with supervisory weight requiring examination",
            },
        }
    }
}

/// The deadline a standard sets for one complaint tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintDeadline {
    /// The tier.
    pub tier: ComplaintTier,
    /// The deadline.
    pub deadline: TimeLimit,
}

/// Penanganan pengaduan: channels, flow and deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintHandling {
    /// Where complaints may be made.
    pub channels: Vec<ComplaintChannelEntry>,
    /// Alur penanganan pengaduan, in order.
    pub flow: Vec<String>,
    /// The deadline of each tier.
    pub tiers: Vec<ComplaintDeadline>,
}

impl ComplaintHandling {
    /// The deadline of a tier.
    pub fn deadline(&self, tier: ComplaintTier) -> Option<&TimeLimit> {
        self.tiers.iter().find(|t| t.tier == tier).map(|t| &t.deadline)
    }
}

/// Jumlah pelaksana.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffCount {
    /// The original text ("1 -3 orang Staf").
    pub text: String,
    /// Fewest staff.
    pub min: u32,
    /// Most staff.
    pub max: u32,
}

/// A role in the office, as meeting attendance and the evaluation rule name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Kepala Dinas.
    KepalaDinas,
    /// Sekretaris Dinas.
    Sekretaris,
    /// Kepala Bidang.
    KepalaBidang,
    /// Kepala Seksi.
    KepalaSeksi,
    /// Pejabat fungsional.
    Fungsional,
    /// Staf.
    Staf,
}

/// Every role, in order of rank.
pub const ROLES: [Role; 6] =
    [Role::KepalaDinas, Role::Sekretaris, Role::KepalaBidang, Role::KepalaSeksi, Role::Fungsional, Role::Staf];

impl Role {
    /// The code written in files: `kepala_dinas`, `sekretaris`, `kepala_bidang`, `kepala_seksi`,
    /// `fungsional`, `staf`.
    pub fn code(self) -> &'static str {
        match self {
            Role::KepalaDinas => "kepala_dinas",
            Role::Sekretaris => "sekretaris",
            Role::KepalaBidang => "kepala_bidang",
            Role::KepalaSeksi => "kepala_seksi",
            Role::Fungsional => "fungsional",
            Role::Staf => "staf",
        }
    }

    /// Reads a code (case, spaces and dashes ignored; `staff` and `kadis` understood).
    pub fn from_code(text: &str) -> Option<Role> {
        let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
        match wanted.as_str() {
            "kadis" => Some(Role::KepalaDinas),
            "kabid" => Some(Role::KepalaBidang),
            "kasi" | "kasie" => Some(Role::KepalaSeksi),
            "staff" => Some(Role::Staf),
            _ => ROLES.into_iter().find(|r| r.code() == wanted),
        }
    }

    /// The role's name in both languages.
    pub fn label(self) -> Text {
        match self {
            Role::KepalaDinas => Text { id: "Kepala Dinas", en: "Head of office" },
            Role::Sekretaris => Text { id: "Sekretaris", en: "Secretary" },
            Role::KepalaBidang => Text { id: "Kepala Bidang", en: "Head of division" },
            Role::KepalaSeksi => Text { id: "Kepala Seksi", en: "Head of section" },
            Role::Fungsional => Text { id: "Pejabat fungsional", en: "Functional officer" },
            Role::Staf => Text { id: "Staf", en: "Staff" },
        }
    }
}

/// Evaluasi kinerja pelaksana: the meeting rule and the SKM frequency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The original text, one entry per point.
    pub text: Vec<String>,
    /// Fewest evaluation meetings per month.
    pub meetings_per_month: u32,
    /// Roles that must attend a meeting for it to count.
    pub required_roles: Vec<Role>,
    /// SKM surveys per year, where the standard names it.
    #[serde(default)]
    pub skm_per_year: Option<u32>,
}

/// An executor of an SOP step (the columns of the Ketapang SOP's Pelaksana).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SopRole {
    /// Kepala Dinas Kominfo.
    KepalaDinas,
    /// Kabid Komunikasi Publik (Redaktur).
    KabidKomunikasiPublik,
    /// Sub Koor PKPI (sebagai Editor).
    SubKoorPkpi,
    /// Petugas (Pelaksana Kelompok Kerja PKPI).
    PetugasPkpi,
}

/// One step of an SOP with its quality standard (mutu baku).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopStep {
    /// Step number, from 1.
    pub number: u32,
    /// Kegiatan.
    pub activity: String,
    /// Pelaksana.
    pub executor: SopRole,
    /// Kelengkapan: what the step needs.
    pub inputs: Vec<String>,
    /// Waktu: the standard time of the step.
    pub standard_time: TimeLimit,
    /// Output; `None` where the document leaves it empty.
    #[serde(default)]
    pub output: Option<String>,
}

/// The sections only an SOP has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopDetails {
    /// Tanggal efektif (ISO date).
    pub effective_date: String,
    /// Disahkan oleh.
    pub approved_by: String,
    /// Keterkaitan: related procedures.
    pub related_procedures: Vec<String>,
    /// Peringatan.
    pub warnings: Vec<String>,
    /// Pencatatan dan pendataan.
    pub records: Vec<String>,
    /// The steps, in order.
    pub steps: Vec<SopStep>,
    /// How the executor of each step was read from the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executor_note: Option<String>,
}

impl SopDetails {
    /// The sum of the steps' standard times in working minutes (upper ends of ranges).
    pub fn total_minutes(&self) -> Option<u64> {
        self.steps.iter().map(|s| s.standard_time.limit.working_minutes()).sum()
    }
}
