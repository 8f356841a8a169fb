//! Evaluation meetings against the catalog's rule; natively and as wasm32.

#[macro_use]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use jiff::civil::date;
use skm_analytics::{analyse_meetings, read_responses, Input, Mapping, MeetingInputs};
use skm_core::catalog::{Catalog, Role};
use skm_core::evaluation::{MeetingReport, MeetingRule, MonthStatus};
use skm_core::issue::IssueKind;

const FULL: &str = "kepala_dinas:Drs. B;kepala_bidang:A;kepala_seksi:H;staf:Y";

fn meetings() -> String {
    let mut s = String::from("date,unit,title,attendees,minutes_ref\n");
    for (d, who) in [
        ("2026-01-15", FULL),
        ("2026-02-16", FULL),
        ("2026-03-03", "sekretaris:S;kepala_bidang:A;staf:Y"),
        ("16/03/2026", FULL),
        ("2026-04-14", FULL),
        ("2026-05-12", FULL),
        // June: none.
        ("2026-07-14", FULL),
        ("2026-08-11", "kepala_dinas;kepala_bidang;kepala_seksi;staf;tamu_undangan"),
        ("2026-09-15", "sekretaris:S;kepala_bidang:A;kepala_seksi:H;staf:Y"),
        ("2026-10-13", FULL),
        ("2025-12-15", FULL),
        ("kemarin", FULL),
    ] {
        s.push_str(&format!("{d},Dinkominfo,Rapat evaluasi,\"{who}\",NOT\n"));
    }
    s
}

const ACTIONS: &str = "meeting_date,action,owner,due,done_at
2026-01-15,Percepat tanggapan WhatsApp,kepala_bidang,2026-02-14,2026-02-10
2026-02-16,Tambah titik Wi-Fi,kepala_bidang,2026-03-18,2026-03-25
2026-04-14,Perbaiki ruang tunggu,sekretaris,2026-05-14,
2026-10-13,Susun RTL SKM,kepala_seksi,2026-11-13,
";

fn report(as_of: jiff::civil::Date, with_actions: bool, responses: Option<&str>) -> MeetingReport {
    let rule = MeetingRule::from_catalog(&Catalog::builtin().unwrap()).unwrap();
    let m = meetings();
    let meetings = [Input::new("meetings.csv", m.as_bytes())];
    let actions: Vec<Input> = if with_actions { vec![Input::new("actions.csv", ACTIONS.as_bytes())] } else { vec![] };
    let table =
        responses.map(|r| read_responses(&[Input::new("r.csv", r.as_bytes())], &Mapping::builtin().unwrap()).unwrap());
    analyse_meetings(
        MeetingInputs { meetings: &meetings, actions: &actions, responses: table.as_ref() },
        &rule,
        2026,
        as_of,
    )
    .unwrap()
}

both_targets! {
    fn months_are_judged_by_the_catalogs_rule() {
        let r = report(date(2026, 10, 20), false, None);
        let month = |k: &str| r.months.iter().find(|m| m.month == k).unwrap();
        // March: two meetings, only the second with everyone.
        assert_eq!((month("2026-03").meetings, month("2026-03").compliant_meetings, month("2026-03").compliant), (2, 1, true));
        // June: none.
        assert_eq!((month("2026-06").meetings, month("2026-06").status), (0, MonthStatus::Missed));
        // September: no Kepala Dinas.
        assert_eq!(month("2026-09").missing_roles, [Role::KepalaDinas]);
        assert_eq!(month("2026-09").status, MonthStatus::Missed);
        // August: an unknown attendee is reported, the meeting still counts.
        assert!(month("2026-08").compliant);
        assert!(r.input.issues.iter().any(|i| i.kind == IssueKind::UnknownChoice && i.value == "tamu_undangan" && !i.row_dropped));
        // A broken date drops its row; December 2025 is outside the year.
        assert!(r.input.issues.iter().any(|i| i.kind == IssueKind::BadDate && i.row == 13));
        assert_eq!(r.input.rows_dropped, 1);
    }

    fn a_partial_year_counts_only_months_that_ended() {
        let r = report(date(2026, 10, 20), false, None);
        assert_eq!(r.months.len(), 10);
        assert_eq!(r.months.last().unwrap().status, MonthStatus::InProgress);
        assert_eq!((r.months_elapsed, r.months_compliant), (9, 7));
        assert_eq!(r.compliance, Some(700.0 / 9.0));
        assert_eq!(r.longest_gap_months, 1);
        // Ten meetings in 2026; the Kepala Dinas attended eight of them.
        let kadis = r.attendance.iter().find(|a| a.role == Role::KepalaDinas).unwrap();
        assert_eq!((kadis.meetings, kadis.rate), (8, Some(80.0)));
        // The whole year, judged in the next one: November and December were missed.
        let later = report(date(2027, 1, 5), false, None);
        assert_eq!((later.months.len(), later.months_elapsed, later.longest_gap_months), (12, 12, 2));
    }

    fn actions_past_due() {
        let r = report(date(2026, 10, 20), true, None);
        let a = r.actions.unwrap();
        assert_eq!((a.total, a.done_on_time, a.done_late, a.overdue, a.open), (4, 1, 1, 1, 1));
        assert_eq!(a.overdue_list[0].action, "Perbaiki ruang tunggu");
        assert_eq!(a.overdue_list[0].days_overdue, 159);
    }

    fn the_years_skm_from_the_responses() {
        let responses = "id,submitted_at,u1,u2,u3,u4,u5,u6,u7,u8,u9\na,2026-05-01,4,4,4,4,4,4,4,4,4\nb,2025-05-01,4,4,4,4,4,4,4,4,4\n";
        let r = report(date(2026, 10, 20), false, Some(responses));
        let skm = r.skm.unwrap();
        assert_eq!((skm.required_per_year, skm.responses, skm.held), (1, 1, true));
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn xlsx_meetings_give_the_csv_result() {
    let rule = MeetingRule::from_catalog(&Catalog::builtin().unwrap()).unwrap();
    let (m, a) = (common::xlsx_of_csv(&meetings()), common::xlsx_of_csv(ACTIONS));
    let meetings = [Input::new("meetings.xlsx", &m)];
    let actions = [Input::new("actions.xlsx", &a)];
    let from_xlsx = analyse_meetings(
        MeetingInputs { meetings: &meetings, actions: &actions, responses: None },
        &rule,
        2026,
        date(2026, 10, 20),
    )
    .unwrap();
    let from_csv = report(date(2026, 10, 20), true, None);
    assert_eq!(from_xlsx.months, from_csv.months);
    assert_eq!(from_xlsx.actions, from_csv.actions);
}
