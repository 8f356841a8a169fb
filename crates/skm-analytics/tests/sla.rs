//! SLA compliance on hand-made requests, complaints and SOP steps; natively and as wasm32.

#[macro_use]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use jiff::civil::date;
use skm_analytics::{analyse_sla, Input, Mapping, SlaContext, SlaInputs};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::compliance::SlaReport;
use skm_core::issue::IssueKind;

const REQUESTS: &str = "id,service,channel,requester,received_at,requested_for,completed_at,status
r1,publikasi-media-sosial,whatsapp,Dinas A,2026-01-12T09:00:00+07:00,,2026-01-12T09:40:00+07:00,selesai
r2,publikasi-media-sosial,whatsapp,Dinas B,2026-01-12T11:30:00+07:00,,2026-01-12T14:00:00+07:00,selesai
r3,publikasi-media-sosial,surat,Dinas C,2026-02-02T09:00:00+07:00,,,proses
r4,publikasi-media-sosial,surat,Dinas D,2026-02-03 11:30,,,proses
r5,dokumentasi-kegiatan,surat,Dinas E,2026-02-02T09:00:00+07:00,14/02/2026,2026-02-14T20:00:00+07:00,selesai
r6,dokumentasi-kegiatan,surat,Dinas F,2026-02-02T09:00:00+07:00,2026-02-14,2026-02-16T08:00:00+07:00,selesai
x1,layanan-lain,surat,Dinas G,2026-02-02T09:00:00+07:00,,,proses
x2,publikasi-media-sosial,surat,Dinas H,kemarin,,,proses
x3,dokumentasi-kegiatan,surat,Dinas I,2026-02-02T09:00:00+07:00,,,proses
x4,publikasi-media-sosial,surat,Dinas J,2026-02-02T09:00:00+07:00,,2026-02-01T09:00:00+07:00,selesai
r1,publikasi-media-sosial,surat,Dinas K,2026-02-02T09:00:00+07:00,,,proses
r7,internet-jaringan,formulir_web,Dinas L,2025-12-30T10:00:00+07:00,,2026-01-05T09:00:00+07:00,selesai
";

const COMPLAINTS: &str = "id,service,channel,tier,received_at,resolved_at,status
c1,video-conference-streaming,whatsapp,ringan,2026-03-17T14:00:00+07:00,2026-03-31T10:00:00+07:00,selesai
c2,video-conference-streaming,telepon,tidak_berkadar_pengawasan,2026-03-17T14:00:00+07:00,2026-03-31T10:00:00+07:00,selesai
c3,publikasi-media-sosial,email,ringan,2026-01-12T09:00:00+07:00,2026-01-12T11:00:00+07:00,selesai
c4,publikasi-media-sosial,email,sedang,2026-01-12T09:00:00+07:00,,proses
";

fn report(requests: &str, complaints: Option<&str>, steps: Option<&str>, year: Option<i16>) -> SlaReport {
    let catalog = Catalog::builtin().unwrap();
    let calendar = Calendar::default_wib().unwrap();
    let mapping = Mapping::builtin().unwrap();
    let requests = [Input::new("requests.csv", requests.as_bytes())];
    let complaints: Vec<Input> = complaints.iter().map(|c| Input::new("complaints.csv", c.as_bytes())).collect();
    let steps: Vec<Input> = steps.iter().map(|s| Input::new("steps.csv", s.as_bytes())).collect();
    let ctx = SlaContext {
        catalog: &catalog,
        calendar: &calendar,
        mapping: &mapping,
        as_of: date(2026, 2, 3).at(12, 0, 0, 0),
    };
    analyse_sla(SlaInputs { requests: &requests, complaints: &complaints, steps: &steps }, ctx, year).unwrap()
}

both_targets! {
    fn each_request_is_judged_by_the_version_in_force_when_it_arrived() {
        use skm_core::catalog::{Limit, Version};
        let builtin = Catalog::builtin().unwrap();
        let v1 = builtin.get("publikasi-media-sosial").unwrap().clone();
        let mut v2 = v1.clone();
        v2.completion_time.text = "Maksimal 3 Jam".to_owned();
        v2.completion_time.limit = Limit::WorkingHours { amount: 3 };
        let version = |d, s: Option<&skm_core::catalog::ServiceStandard>| Version {
            code: "publikasi-media-sosial".to_owned(),
            effective_from: d,
            standard: s.cloned(),
        };
        let catalog = builtin.clone().with_history(vec![
            version(date(2026, 3, 1), None),
            version(date(2025, 6, 1), Some(&v1)),
            version(date(2026, 2, 1), Some(&v2)),
        ]);
        // Two hours each: late under the first version (1 hour), in time under the second
        // (3 hours); the third arrives after the service was retired.
        let requests = "id,service,channel,received_at,completed_at,status
a1,publikasi-media-sosial,whatsapp,2026-01-12T09:00:00+07:00,2026-01-12T11:00:00+07:00,selesai
a2,publikasi-media-sosial,whatsapp,2026-02-02T09:00:00+07:00,2026-02-02T11:00:00+07:00,selesai
a3,publikasi-media-sosial,whatsapp,2026-03-02T09:00:00+07:00,2026-03-02T11:00:00+07:00,selesai
a4,publikasi-media-sosial,whatsapp,2025-01-06T09:00:00+07:00,2025-01-06T11:00:00+07:00,selesai
";
        let calendar = Calendar::default_wib().unwrap();
        let mapping = Mapping::builtin().unwrap();
        let inputs = [Input::new("requests.csv", requests.as_bytes())];
        let ctx = SlaContext { catalog: &catalog, calendar: &calendar, mapping: &mapping, as_of: date(2026, 4, 1).at(12, 0, 0, 0) };
        let r = analyse_sla(SlaInputs { requests: &inputs, complaints: &[], steps: &[] }, ctx, None).unwrap();
        let late: Vec<&str> = r.breaches.iter().map(|b| b.id.as_str()).collect();
        // a4 arrived before the first version known: judged by it (1 hour), late.
        assert_eq!(late, ["a1", "a4"]);
        let pms = &r.requests.services[0];
        assert_eq!((pms.tally.total, pms.tally.met, pms.tally.breached), (3, 1, 2));
        let refused: Vec<(u64, IssueKind)> = r.input.issues.iter().map(|i| (i.row, i.kind)).collect();
        assert_eq!(refused, [(4, IssueKind::UnknownService)]);
        // Without a history, the current standard judges every date.
        assert!(builtin.standard_on("publikasi-media-sosial", date(2020, 1, 1)).is_some());
    }

    fn requests_are_met_breached_or_pending() {
        let r = report(REQUESTS, None, None, Some(2026));
        let pms = r.requests.services.iter().find(|s| s.service == "publikasi-media-sosial").unwrap();
        // r1 met (40 min); r2 breached (due 13:30, across lunch); r3 still open past its 10:00
        // deadline: breached; r4 received 11:30 on 3 February, due 13:30: pending at 12:00.
        assert_eq!((pms.tally.total, pms.tally.met, pms.tally.breached, pms.tally.pending), (4, 1, 2, 1));
        assert_eq!(pms.tally.compliance, Some(100.0 / 3.0));
        assert_eq!(pms.promise, "1 jam kerja");
        let months: Vec<&str> = pms.months.iter().map(|m| m.month.as_deref().unwrap()).collect();
        assert_eq!(months, ["2026-01", "2026-02"]);
        let dk = r.requests.services.iter().find(|s| s.service == "dokumentasi-kegiatan").unwrap();
        // As requested: by the end of 14 February (r5 at 20:00 is in time; r6 on the 16th is late).
        assert_eq!((dk.tally.met, dk.tally.breached), (1, 1));
        // The 2025 request is outside the year.
        assert!(r.requests.services.iter().all(|s| s.service != "internet-jaringan"));
        assert_eq!(r.requests.overall.total, 6);
    }

    fn breaches_say_how_late() {
        let r = report(REQUESTS, None, None, Some(2026));
        let r2 = r.breaches.iter().find(|b| b.id == "r2").unwrap();
        assert_eq!(r2.deadline, "2026-01-12T13:30:00+07:00");
        assert_eq!(r2.late_minutes, 30.0);
        let r3 = r.breaches.iter().find(|b| b.id == "r3").unwrap();
        assert_eq!(r3.completed, None);
        // Due 10:00 on 2 February; as of 3 February 12:00: 10–12 and 13–16 on the 2nd, 07:30–12:00
        // on the 3rd.
        assert_eq!(r3.late_minutes, (5.0 + 4.5) * 60.0);
        let r6 = r.breaches.iter().find(|b| b.id == "r6").unwrap();
        assert_eq!(r6.deadline, "2026-02-14T23:59:59+07:00");
    }

    fn bad_request_rows_are_reported_and_skipped() {
        let r = report(REQUESTS, None, None, None);
        let kinds: Vec<(String, IssueKind)> = r.input.issues.iter().map(|i| (i.column.clone(), i.kind)).collect();
        for expected in [
            ("service".to_owned(), IssueKind::UnknownService),
            ("received_at".to_owned(), IssueKind::BadDate),
            ("requested_for".to_owned(), IssueKind::MissingRequestedFor),
            ("completed_at".to_owned(), IssueKind::CompletedBeforeReceived),
            ("id".to_owned(), IssueKind::DuplicateId),
        ] {
            assert!(kinds.contains(&expected), "{expected:?} not in {kinds:?}");
        }
        assert_eq!(r.input.rows_dropped, 5);
        let bad_date = r.input.issues.iter().find(|i| i.kind == IssueKind::BadDate).unwrap();
        assert_eq!((bad_date.file.as_str(), bad_date.row), ("requests.csv", 9));
        assert!(bad_date.message().contains("requests.csv, baris 9, kolom 'received_at': 'kemarin'"));
        // Without a year filter the 2025 request counts: received 30 Dec, 1 working day → 31 Dec
        // 10:00; done 5 January → breached.
        assert_eq!(r.requests.overall.total, 7);
    }

    fn complaints_by_tier_on_the_idul_fitri_calendar() {
        let r = report(REQUESTS, Some(COMPLAINTS), None, Some(2026));
        let c = r.complaints.unwrap();
        // c1: ringan, 5 working days from 17 March 2026 14:00 → 31 March 14:00: met at 10:00.
        // c2: 14 working days → met. c3: ringan on publikasi (3 jam) → met at 11:00.
        assert_eq!((c.overall.total, c.overall.met, c.overall.breached), (3, 3, 0));
        let tiers: Vec<&str> = c.tiers.iter().map(|t| t.tier.as_deref().unwrap()).collect();
        assert_eq!(tiers, ["ringan", "tidak_berkadar_pengawasan"]);
        assert!(r.input.issues.iter().any(|i| i.kind == IssueKind::UnknownTier && i.value == "sedang"));
        let vcs = c.services.iter().find(|s| s.service == "video-conference-streaming").unwrap();
        assert!(vcs.promise.starts_with("ringan 5 hari kerja; normatif 5 hari kerja; tidak_berkadar_pengawasan 14 hari kerja"), "{}", vcs.promise);
    }

    fn sop_steps_show_the_bottleneck() {
        let requests = "id,service,received_at,completed_at\n\
                        k1,informasi-dokumentasi-publik,2026-01-12T08:00:00+07:00,2026-01-12T15:00:00+07:00\n\
                        k2,informasi-dokumentasi-publik,2026-01-13T08:00:00+07:00,2026-01-13T15:00:00+07:00\n";
        let steps = "request_id,step,started_at,finished_at\n\
                     k1,1,2026-01-12T08:00:00+07:00,2026-01-12T08:10:00+07:00\n\
                     k1,4,2026-01-12T08:10:00+07:00,2026-01-12T14:10:00+07:00\n\
                     k2,1,2026-01-13T08:00:00+07:00,2026-01-13T08:30:00+07:00\n\
                     k2,4,2026-01-13T08:30:00+07:00,2026-01-13T11:00:00+07:00\n\
                     k2,9,2026-01-13T11:00:00+07:00,2026-01-13T11:30:00+07:00\n";
        let r = report(requests, None, Some(steps), None);
        let step = |n| r.steps.iter().find(|s| s.step == n).unwrap();
        // Step 1 (15 min): k1 10 min met, k2 30 min breached by 15. Step 4 (3 h): k1 6 h minus the
        // lunch hour = 5 h, breached by 2 h; k2 2,5 h met.
        assert_eq!((step(1).tally.met, step(1).tally.breached, step(1).delay_minutes), (1, 1, 15.0));
        assert_eq!((step(4).tally.met, step(4).tally.breached, step(4).delay_minutes), (1, 1, 120.0));
        assert_eq!(step(4).delay_share, Some(120.0 * 100.0 / 135.0));
        assert_eq!(step(4).limit_minutes, 180);
        assert!(r.input.issues.iter().any(|i| i.kind == IssueKind::UnknownStep && i.row == 6 && i.file == "steps.csv"));
    }

    fn a_missing_column_names_the_file() {
        let catalog = Catalog::builtin().unwrap();
        let calendar = Calendar::default_wib().unwrap();
        let mapping = Mapping::builtin().unwrap();
        let requests = [Input::new("lama.csv", b"id,service,completed_at\n1,x,\n")];
        let ctx = SlaContext { catalog: &catalog, calendar: &calendar, mapping: &mapping, as_of: date(2026, 2, 3).at(12, 0, 0, 0) };
        let e = analyse_sla(SlaInputs { requests: &requests, ..SlaInputs::default() }, ctx, None).unwrap_err();
        assert!(e.to_string().starts_with("lama.csv: kolom 'received_at' tidak ada"), "{e}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn xlsx_requests_give_the_csv_result() {
    let catalog = Catalog::builtin().unwrap();
    let calendar = Calendar::default_wib().unwrap();
    let mapping = Mapping::builtin().unwrap();
    let ctx = SlaContext {
        catalog: &catalog,
        calendar: &calendar,
        mapping: &mapping,
        as_of: date(2026, 2, 3).at(12, 0, 0, 0),
    };
    let xlsx = common::xlsx_of_csv(REQUESTS);
    let requests = [Input::new("requests.xlsx", &xlsx)];
    let from_xlsx = analyse_sla(SlaInputs { requests: &requests, ..SlaInputs::default() }, ctx, Some(2026)).unwrap();
    let from_csv = report(REQUESTS, None, None, Some(2026));
    assert_eq!(from_xlsx.requests, from_csv.requests);
    assert_eq!(from_xlsx.breaches, from_csv.breaches);
    assert_eq!(from_xlsx.input.files[0].format, "spreadsheet");
}
