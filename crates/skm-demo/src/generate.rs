//! The generator behind [`crate::generate`].

use jiff::civil::{Date, Weekday};
use skm_core::calendar::Calendar;
use skm_core::catalog::{Catalog, Limit, ServiceStandard};
use skm_core::profile::{Education, Gender, Occupation};
use skm_core::response::ResponseRecord;
use skm_core::ELEMENTS;

use crate::records::{ActionRecord, ComplaintRecord, MeetingRecord, RequestRecord};
use crate::{DemoData, DemoError, DemoOptions};

/// Office opening and closing, minutes after midnight (08.00–16.00 WIB).
const OPEN: u32 = 8 * 60;
const CLOSE: u32 = 16 * 60;

/// Generates one year of data for the services of the reference catalog.
pub fn generate(options: DemoOptions) -> Result<DemoData, DemoError> {
    if !(1970..=2100).contains(&options.year) {
        return Err(DemoError::Year(options.year));
    }
    let catalog = Catalog::builtin()?;
    let mut g = Generator { rng: fastrand::Rng::with_seed(options.seed), days: working_days(options.year) };
    let responses = (0..options.responses).map(|_| g.response(&catalog)).collect();
    let mut requests = Vec::new();
    for (standard, count) in catalog.standards().iter().zip(request_counts(options.requests)) {
        for _ in 0..count {
            requests.push(g.request(standard, options.year, requests.len() + 1));
        }
    }
    requests.sort_by(|a, b| a.received_at.cmp(&b.received_at));
    let complaints = (0..COMPLAINTS_PER_YEAR).filter_map(|i| g.complaint(&catalog, options.year, i + 1)).collect();
    let (meetings, actions) = g.meetings(options.year);
    Ok(DemoData { responses, requests, complaints, meetings, actions })
}

/// Requests per thousand, in catalog order.
const REQUESTS_PER_THOUSAND: [u64; 5] = [480, 140, 180, 110, 90];

/// `total` requests shared among the services in the proportions above; the first takes the
/// remainder.
fn request_counts(total: u64) -> [u64; 5] {
    let mut counts = REQUESTS_PER_THOUSAND.map(|share| total / 1000 * share + total % 1000 * share / 1000);
    let rest = total - counts.iter().sum::<u64>();
    counts[0] += rest;
    counts
}
const COMPLAINTS_PER_YEAR: usize = 36;

/// How good each service is (0–1), in catalog order; shifts every score.
const SERVICE_QUALITY: [(&str, f64); 5] = [
    ("publikasi-media-sosial", 0.55),
    ("dokumentasi-kegiatan", 0.62),
    ("video-conference-streaming", 0.45),
    ("internet-jaringan", 0.32),
    ("informasi-dokumentasi-publik", 0.5),
];
/// Respondents per service, relative.
const SERVICE_SHARE: [u32; 5] = [36, 22, 20, 14, 8];
/// Per-element shift of the mean score, U1..U9: the fee is free, facilities and complaint
/// handling are the usual weak spots.
const ELEMENT_SHIFT: [f64; 9] = [0.05, 0.0, -0.15, 0.65, 0.05, 0.1, 0.2, -0.35, -0.45];

const OPDS: [&str; 10] = [
    "Sekretariat Daerah",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pertanian",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Badan Perencanaan Pembangunan Daerah",
    "RSUD dr. R. Goeteng Taroenadibrata",
    "Kecamatan Kalimanah",
    "Kecamatan Bukateja",
    "Dinas Kependudukan dan Pencatatan Sipil",
];

const SUGGESTIONS: [&str; 10] = [
    "Pelayanan sudah baik, pertahankan.",
    "Ruang tunggu perlu diperbaiki, agak panas.",
    "Mohon informasi tindak lanjut pengaduan lebih cepat.",
    "Petugas ramah dan membantu.",
    "Proses bisa dipercepat lagi.",
    "Sediakan formulir permohonan secara daring.",
    "Kotak pengaduan tidak terlihat, mohon dipasang di depan.",
    "Parkir kurang luas.",
    "Terima kasih, publikasi cepat tayang.",
    "Koneksi internet di aula sering putus.",
];

struct Generator {
    rng: fastrand::Rng,
    days: Vec<Date>,
}

/// The working days of a year on the default calendar: weekdays that are not a national holiday
/// or cuti bersama.
fn working_days(year: i16) -> Vec<Date> {
    let calendar = Calendar::default_wib().ok();
    let mut days = Vec::with_capacity(262);
    let mut d = Date::new(year, 1, 1).unwrap_or_default();
    while d.year() == year {
        let weekday = !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
        if calendar.as_ref().map_or(weekday, |c| c.is_working_day(d)) {
            days.push(d);
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    days
}

fn stamp(day: Date, minute: u32) -> String {
    format!("{day}T{:02}:{:02}:00+07:00", minute / 60, minute % 60)
}

impl Generator {
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut pick = self.rng.u32(0..total.max(1));
        for (i, w) in weights.iter().enumerate() {
            if pick < *w {
                return i;
            }
            pick -= w;
        }
        0
    }

    fn day_index(&mut self) -> usize {
        self.rng.usize(0..self.days.len())
    }

    /// A working moment `minutes` of office time after (`day`, `minute`).
    fn add_office_minutes(&self, mut day: usize, mut minute: u32, mut minutes: u32) -> (usize, u32) {
        loop {
            let left = CLOSE.saturating_sub(minute);
            if minutes <= left || day + 1 >= self.days.len() {
                return (day, (minute + minutes).min(23 * 60 + 59));
            }
            minutes -= left;
            day += 1;
            minute = OPEN;
        }
    }

    fn uuid(&mut self) -> String {
        let hi = self.rng.u64(..);
        let lo = self.rng.u64(..);
        let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
        let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xffff,
            hi & 0xffff,
            lo >> 48,
            lo & 0xffff_ffff_ffff
        )
    }

    fn score(&mut self, quality: f64, shift: f64) -> u8 {
        let mean = 2.75 + 0.9 * quality + shift;
        let noise = self.rng.f64() + self.rng.f64() - 1.0;
        (mean + noise).round().clamp(1.0, 4.0) as u8
    }

    fn response(&mut self, catalog: &Catalog) -> ResponseRecord {
        let s = self.weighted(&SERVICE_SHARE);
        let (service, quality) = SERVICE_QUALITY[s];
        let service = catalog.get(service).map_or(service, |st| st.code.as_str()).to_owned();
        let scores: Vec<u8> = ELEMENTS.iter().map(|e| self.score(quality, ELEMENT_SHIFT[e.index()])).collect();
        let i = self.day_index();
        let day = self.days[i];
        let minute = self.rng.u32(OPEN..CLOSE - 30);
        let educations =
            [Education::Sma, Education::D1D3, Education::D4S1, Education::S2, Education::Smp, Education::S3];
        let occupations = [
            Occupation::Pns,
            Occupation::Swasta,
            Occupation::Wirausaha,
            Occupation::Lainnya,
            Occupation::Tni,
            Occupation::Polri,
        ];
        let education = educations[self.weighted(&[22, 14, 46, 12, 4, 2])];
        let occupation = occupations[self.weighted(&[48, 20, 12, 14, 3, 3])];
        let age = (18 + self.rng.u8(0..22) + self.rng.u8(0..22)).min(64);
        let suggestion =
            (self.rng.u8(0..100) < 22).then(|| SUGGESTIONS[self.rng.usize(0..SUGGESTIONS.len())].to_owned());
        ResponseRecord {
            id: self.uuid(),
            submitted_at: stamp(day, minute),
            service,
            u1: Some(scores[0]),
            u2: Some(scores[1]),
            u3: Some(scores[2]),
            u4: Some(scores[3]),
            u5: Some(scores[4]),
            u6: Some(scores[5]),
            u7: Some(scores[6]),
            u8: Some(scores[7]),
            u9: Some(scores[8]),
            gender: Some(if self.rng.u8(0..100) < 52 { Gender::Male } else { Gender::Female }),
            age: Some(age),
            education: Some(education),
            occupation: Some(occupation),
            suggestion,
            // Files written before channels were recorded have no such column; the demo's stay
            // as they were.
            channel: None,
        }
    }

    fn request(&mut self, standard: &ServiceStandard, year: i16, seq: usize) -> RequestRecord {
        let channels = &standard.request_channels;
        let mut weights: Vec<u32> = vec![8; channels.len()];
        if let Some(first) = weights.first_mut() {
            *first = 20;
        }
        let channel = channels.get(self.weighted(&weights)).map(|c| c.channel);
        let channel = channel.map_or_else(|| "surat".to_owned(), |c| code_of(&c));
        let day = self.day_index();
        let minute = self.rng.u32(OPEN..CLOSE - 15);
        let late = self.rng.u8(0..100) < 13;
        let mut requested_for = None;
        let limit = standard.completion_time.limit;
        let done = match (limit, limit.working_minutes()) {
            (_, Some(cap)) => {
                let cap = cap as u32;
                let taken = if late { self.rng.u32(cap + 1..cap * 3) } else { self.rng.u32(cap / 5..cap + 1) };
                self.add_office_minutes(day, minute, taken)
            }
            (Limit::WorkingDays { amount }, _) => {
                let extra = if late { amount + self.rng.u32(1..4) } else { self.rng.u32(0..amount + 1) };
                let d = (day + extra as usize).min(self.days.len() - 1);
                let m = if extra == 0 { self.rng.u32(minute..CLOSE) } else { self.rng.u32(OPEN..CLOSE) };
                (d, m)
            }
            _ => {
                let wanted = (day + self.rng.usize(2..15)).min(self.days.len() - 1);
                requested_for = Some(self.days[wanted].to_string());
                let d = if late { (wanted + 1).min(self.days.len() - 1) } else { wanted };
                (d, self.rng.u32(OPEN + 60..CLOSE))
            }
        };
        let still_open = day + 8 >= self.days.len() && self.rng.u8(0..100) < 40;
        RequestRecord {
            id: format!("REQ-{year}-{seq:04}"),
            service: standard.code.clone(),
            channel,
            requester: OPDS[self.rng.usize(0..OPDS.len())].to_owned(),
            received_at: stamp(self.days[day], minute),
            requested_for,
            completed_at: (!still_open).then(|| stamp(self.days[done.0], done.1)),
            status: if still_open { "proses" } else { "selesai" }.to_owned(),
        }
    }

    fn complaint(&mut self, catalog: &Catalog, year: i16, seq: usize) -> Option<ComplaintRecord> {
        let with_complaints: Vec<&ServiceStandard> =
            catalog.standards().iter().filter(|s| s.complaints.is_some()).collect();
        let standard = with_complaints.get(self.rng.usize(0..with_complaints.len().max(1)))?;
        let handling = standard.complaints.as_ref()?;
        let entry = handling.channels.get(self.rng.usize(0..handling.channels.len().max(1)))?;
        let tier = handling.tiers.get(self.weighted(&[50, 30, 15, 5]))?;
        let day = self.day_index();
        let minute = self.rng.u32(OPEN..CLOSE - 30);
        let late = self.rng.u8(0..100) < 15;
        let done = match tier.deadline.limit {
            Limit::WorkingDays { amount } => {
                let extra = if late { amount + self.rng.u32(1..5) } else { self.rng.u32(0..amount + 1) };
                let done_day = (day + extra as usize).min(self.days.len() - 1);
                // Resolved the same day means after it was received.
                let earliest = if done_day == day { minute + 1 } else { OPEN };
                (done_day, self.rng.u32(earliest..CLOSE))
            }
            limit => {
                let cap = limit.working_minutes().unwrap_or(180) as u32;
                let taken = if late { self.rng.u32(cap + 1..cap * 3) } else { self.rng.u32(cap / 4..cap + 1) };
                self.add_office_minutes(day, minute, taken)
            }
        };
        let open = day + 5 >= self.days.len();
        Some(ComplaintRecord {
            id: format!("ADU-{year}-{seq:03}"),
            service: standard.code.clone(),
            channel: code_of(&entry.channel),
            tier: code_of(&tier.tier),
            received_at: stamp(self.days[day], minute),
            resolved_at: (!open).then(|| stamp(self.days[done.0], done.1)),
            status: if open { "proses" } else { "selesai" }.to_owned(),
        })
    }

    fn meetings(&mut self, year: i16) -> (Vec<MeetingRecord>, Vec<ActionRecord>) {
        const FULL: &str = "kepala_dinas:Drs. Bambang Setiawan;sekretaris:Sri Lestari, S.Sos.;kepala_bidang:Agus Priyanto, S.Kom.;kepala_bidang:Dewi Kartika, S.I.Kom.;kepala_seksi:Hendra Wijaya, S.T.;kepala_seksi:Rina Marlina, S.E.;staf:Yusuf Ramadhan;staf:Nur Aini";
        const NO_HEAD: &str = "sekretaris:Sri Lestari, S.Sos.;kepala_bidang:Agus Priyanto, S.Kom.;kepala_seksi:Hendra Wijaya, S.T.;staf:Yusuf Ramadhan;staf:Nur Aini";
        const ACTIONS: [(&str, &str); 6] = [
            ("Perbaiki ruang tunggu layanan (kipas angin dan kursi)", "sekretaris"),
            ("Pasang kotak pengaduan di depan loket", "kepala_seksi"),
            ("Percepat tanggapan pengaduan melalui WhatsApp", "kepala_bidang"),
            ("Perbarui daftar kontak pengaduan di standar pelayanan", "kepala_seksi"),
            ("Tambah titik akses Wi-Fi di aula", "kepala_bidang"),
            ("Rekap permohonan yang melewati jangka waktu", "staf"),
        ];
        let mut meetings = Vec::new();
        let mut actions = Vec::new();
        for month in 1..=12i8 {
            // June has no meeting; September's only meeting lacks the Kepala Dinas; March has two.
            if month == 6 {
                continue;
            }
            let mut held: Vec<(Date, &str)> = Vec::new();
            let third_week: Vec<Date> =
                self.days.iter().copied().filter(|d| d.month() == month && (15..=21).contains(&d.day())).collect();
            let Some(&date) = third_week.first() else { continue };
            held.push((date, if month == 9 { NO_HEAD } else { FULL }));
            if month == 3 {
                if let Some(&early) = self.days.iter().find(|d| d.month() == 3 && d.day() >= 3) {
                    held.insert(0, (early, NO_HEAD));
                }
            }
            for (date, attendees) in held {
                let n = meetings.len() + 1;
                meetings.push(MeetingRecord {
                    date: date.to_string(),
                    unit: "Dinkominfo Kabupaten Purbalingga".to_owned(),
                    title: format!(
                        "Rapat evaluasi kinerja pelaksana pelayanan bulan {}",
                        skm_core::period::MONTH_NAMES[usize::from(month as u8 - 1)].id
                    ),
                    attendees: attendees.to_owned(),
                    minutes_ref: format!("NOT/{year}/{n:02}"),
                });
                for _ in 0..2 {
                    let (action, owner) = ACTIONS[self.rng.usize(0..ACTIONS.len())];
                    let due = date.checked_add(jiff::Span::new().days(30)).unwrap_or(date);
                    let roll = self.rng.u8(0..100);
                    let done_at = match roll {
                        0..=69 => date.checked_add(jiff::Span::new().days(i64::from(self.rng.u8(3..28)))).ok(),
                        70..=84 => due.checked_add(jiff::Span::new().days(i64::from(self.rng.u8(2..20)))).ok(),
                        _ => None,
                    };
                    actions.push(ActionRecord {
                        meeting_date: date.to_string(),
                        action: action.to_owned(),
                        owner: owner.to_owned(),
                        due: due.to_string(),
                        done_at: done_at.map(|d| d.to_string()),
                    });
                }
            }
        }
        (meetings, actions)
    }
}

/// The snake_case code serde gives a catalog enum.
fn code_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data_and_realistic_shape() {
        let a = generate(DemoOptions::for_year(2026)).unwrap();
        let b = generate(DemoOptions::for_year(2026)).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.responses.len(), 400);
        assert_eq!(a.requests.len(), 1000);
        assert!(a.responses.iter().all(|r| r.submitted_at.starts_with("2026-")));
        assert!(a.requests.iter().any(|r| r.channel == "srikandi"));
        assert!(a.requests.iter().any(|r| r.service == "dokumentasi-kegiatan" && r.requested_for.is_some()));
        assert!(a.complaints.iter().any(|c| c.tier == "berkadar_pengawasan" || c.tier == "tidak_berkadar_pengawasan"));
        assert!(!a.meetings.iter().any(|m| m.date.starts_with("2026-06")));
        assert_eq!(a.meetings.iter().filter(|m| m.date.starts_with("2026-03")).count(), 2);
        let other = generate(DemoOptions { seed: 7, ..DemoOptions::for_year(2026) }).unwrap();
        assert_ne!(a.responses, other.responses);
    }

    #[test]
    fn channel_codes_are_the_catalog_codes() {
        assert_eq!(code_of(&skm_core::catalog::RequestChannel::FormulirWeb), "formulir_web");
        assert_eq!(code_of(&skm_core::catalog::ComplaintTier::BerkadarPengawasan), "berkadar_pengawasan");
    }
}
