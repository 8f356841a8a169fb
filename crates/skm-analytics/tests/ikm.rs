//! The IKM engine on hand-made data; runs natively and, as wasm32, in headless Chromium.

use skm_analytics::{analyse_ikm, ikm_of_files, read_requests, read_responses, Input, Mapping, Population};
use skm_core::analysis::{GroupBy, IkmAnalysis, IkmOptions, PeriodKey};
use skm_core::{Element, Grade, PeriodKind, WeightConvention};

#[macro_use]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const HEADER: &str = "id,submitted_at,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\n";

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut s = HEADER.to_owned();
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

fn analyse(data: &[u8], options: &IkmOptions) -> IkmAnalysis {
    ikm_of_files(&[Input::new("responses.csv", data)], options).unwrap()
}

fn exact() -> IkmOptions {
    IkmOptions::default()
}

/// `n` respondents who answer all nine elements, with `total` as the sum of all their scores:
/// every score is `base` or `base + 1`.
fn respondents_with_total(n: usize, total: usize, base: usize) -> Vec<u8> {
    let answers = n * 9;
    let raised = total - base * answers;
    assert!(raised <= answers);
    let mut s = String::from("u1,u2,u3,u4,u5,u6,u7,u8,u9\n");
    for r in 0..n {
        let row: Vec<String> = (0..9).map(|e| (base + usize::from(r * 9 + e < raised)).to_string()).collect();
        s.push_str(&row.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

both_targets! {
    fn an_all_4_respondent_gives_100_with_exact_weights() {
        let a = analyse(&csv(&["a,2026-01-05,publikasi-media-sosial,4,4,4,4,4,4,4,4,4,L,30,SMA,PNS,"]), &exact());
        assert_eq!(a.overall.summary.ikm, Some(100.0));
        assert_eq!(a.overall.summary.grade, Some(Grade::A));
        assert_eq!(a.overall.summary.label.as_deref(), Some("Sangat baik"));
        assert_eq!(a.overall.summary.weight, WeightConvention::Exact);
    }

    fn swapped_u8_and_u9_columns_still_give_each_element_by_id() {
        // U8 (sarana) is all 2, U9 (pengaduan) all 4; the file lists u9 before u8.
        let data = b"service,u1,u2,u3,u4,u5,u6,u7,u9,u8\nx,3,3,3,3,3,3,3,4,2\nx,3,3,3,3,3,3,3,4,2\n";
        let a = analyse(data, &exact());
        assert_eq!(a.overall.summary.element(Element::U8).unwrap().nrr, Some(2.0));
        assert_eq!(a.overall.summary.element(Element::U9).unwrap().nrr, Some(4.0));
        assert_eq!(a.overall.weakest[0].element, Element::U8);
    }

    fn grade_boundaries_from_respondents() {
        // (respondents, sum of all scores, lowest score) → converted IKM = 25·sum/(9·n).
        let cases = [
            (2500, 58_491, 2, 64.99, Grade::D),
            (5, 117, 2, 65.00, Grade::C),
            (125, 3_447, 3, 76.60, Grade::C),
            (2500, 68_949, 3, 76.61, Grade::B),
            (250, 7_947, 3, 88.30, Grade::B),
            (2500, 79_479, 3, 88.31, Grade::A),
        ];
        for (n, total, base, converted, grade) in cases {
            let a = analyse(&respondents_with_total(n, total, base), &exact());
            let ikm = a.overall.summary.ikm.unwrap();
            assert!((ikm - converted).abs() < 1e-9, "{n} respondents: {ikm} ≠ {converted}");
            assert_eq!(a.overall.summary.grade, Some(grade), "{converted}");
        }
    }

    fn the_three_weight_conventions_differ_as_they_should() {
        let data = csv(&[
            "a,,x,4,4,4,4,4,4,4,4,4,,,,,",
            "b,,x,3,2,3,4,3,3,4,3,2,,,,,",
        ]);
        let ikm = |weight| {
            let a = analyse(&data, &IkmOptions { weight, ..IkmOptions::default() });
            assert_eq!(a.overall.summary.weight, weight);
            a.overall.summary.ikm.unwrap()
        };
        let exact = ikm(WeightConvention::Exact);
        let w111 = ikm(WeightConvention::Rounded0111);
        let w11 = ikm(WeightConvention::Rounded011);
        // Scores sum to 36 + 27 over 18 answers, two per element: exact = 25 × 63/18.
        assert!((exact - 25.0 * 63.0 / 18.0).abs() < 1e-9, "{exact}");
        assert!((w111 - exact * 0.999).abs() < 1e-9, "{w111}");
        assert!((w11 - exact * 0.99).abs() < 1e-9, "{w11}");
        let all4 = csv(&["a,,x,4,4,4,4,4,4,4,4,4,,,,,"]);
        let max = |weight| analyse(&all4, &IkmOptions { weight, ..IkmOptions::default() }).overall.summary.ikm.unwrap();
        assert_eq!(max(WeightConvention::Exact), 100.0);
        assert!((max(WeightConvention::Rounded0111) - 99.9).abs() < 1e-9);
        assert!((max(WeightConvention::Rounded011) - 99.0).abs() < 1e-9);
    }

    fn an_unanswered_element_is_left_out_of_that_elements_nrr_only() {
        let a = analyse(&csv(&[
            "a,,x,4,4,4,4,4,4,4,4,,,,,,",
            "b,,x,2,2,2,2,2,2,2,2,2,,,,,",
        ]), &exact());
        let s = &a.overall.summary;
        assert_eq!(s.respondents, 2);
        let u9 = s.element(Element::U9).unwrap();
        assert_eq!((u9.answers, u9.sum, u9.nrr), (1, 2, Some(2.0)));
        let u1 = s.element(Element::U1).unwrap();
        assert_eq!((u1.answers, u1.nrr), (2, Some(3.0)));
        // (8 × 3 + 2) / 9 × 25
        assert!((s.ikm.unwrap() - 26.0 / 9.0 * 25.0).abs() < 1e-9);
    }

    fn grouped_by_service_and_quarter_with_changes() {
        let data = csv(&[
            "a,2026-01-05,x,2,2,2,2,2,2,2,2,2,,,,,",
            "b,2026-02-05,x,2,3,2,2,2,2,2,2,2,,,,,",
            "c,2026-03-05,x,2,2,2,3,2,2,2,2,2,,,,,",
            "d,2026-04-05,x,4,4,4,4,4,4,4,4,4,,,,,",
            "e,2026-05-05,x,4,4,4,4,4,4,4,4,3,,,,,",
            "f,2026-06-05,x,4,4,4,4,4,4,3,4,4,,,,,",
            "g,2026-06-05,y,3,3,3,3,3,3,3,3,3,,,,,",
            "h,,y,3,3,3,3,3,3,3,3,3,,,,,",
        ]);
        let options = IkmOptions { by: vec![GroupBy::Service, GroupBy::Period], period: PeriodKind::Quarter, ..IkmOptions::default() };
        let a = analyse(&data, &options);
        let keys: Vec<(String, String)> =
            a.groups.iter().map(|g| (g.key.service.clone().unwrap(), g.key.period.unwrap().key())).collect();
        let expect = [("x", "2026-Q1"), ("x", "2026-Q2"), ("y", "2026-Q2"), ("y", "undated")];
        assert_eq!(keys, expect.map(|(s, p)| (s.to_owned(), p.to_owned())));
        let q2 = &a.groups[1];
        let change = q2.change.as_ref().unwrap();
        assert_eq!(change.previous, "2026-Q1");
        assert!(change.delta > 40.0 && change.significant, "{change:?}");
        assert_eq!(a.groups[2].change, None);
        assert_eq!(a.groups[3].key.period, Some(PeriodKey::Undated));
        assert_eq!(a.overall.summary.respondents, 8);
    }

    fn grouped_by_semester_month_and_year() {
        let data = csv(&["a,2025-12-31,x,3,3,3,3,3,3,3,3,3,,,,,", "b,2026-07-01,x,4,4,4,4,4,4,4,4,4,,,,,"]);
        for (period, keys) in [
            (PeriodKind::Year, ["2025", "2026"]),
            (PeriodKind::Semester, ["2025-S2", "2026-S2"]),
            (PeriodKind::Month, ["2025-12", "2026-07"]),
        ] {
            let a = analyse(&data, &IkmOptions { by: vec![GroupBy::Period], period, ..IkmOptions::default() });
            let got: Vec<String> = a.groups.iter().map(|g| g.key.period.unwrap().key()).collect();
            assert_eq!(got, keys);
            assert!(a.groups.iter().all(|g| g.key.service.is_none()));
        }
    }

    fn profile_breakdowns_count_respondents_and_their_ikm() {
        let a = analyse(&csv(&[
            "a,,x,4,4,4,4,4,4,4,4,4,L,19,SMA,PNS,",
            "b,,x,2,2,2,2,2,2,2,2,2,P,45,S2,Swasta,",
            "c,,x,3,3,3,3,3,3,3,3,3,P,46,S2,,",
        ]), &exact());
        let gender = &a.overall.profile[0];
        assert_eq!(gender.field, skm_core::profile::ProfileField::Gender);
        assert_eq!(gender.rows[0].value.as_deref(), Some("L"));
        assert_eq!((gender.rows[0].respondents, gender.rows[0].ikm), (1, Some(100.0)));
        assert_eq!((gender.rows[1].respondents, gender.rows[1].ikm), (2, Some(62.5)));
        let age = &a.overall.profile[1];
        let band = |code: &str| age.rows.iter().find(|r| r.value.as_deref() == Some(code)).unwrap().respondents;
        assert_eq!((band("<=20"), band("41-50"), band("21-30")), (1, 2, 0));
        let occupation = &a.overall.profile[3];
        let unknown = occupation.rows.last().unwrap();
        assert_eq!((unknown.value.as_deref(), unknown.respondents), (None, 1));
    }

    fn the_servers_channel_column_gives_a_breakdown_by_channel_and_files_without_it_none() {
        // Without the column (every file but the server's export): four breakdowns, as before.
        let plain = analyse(&csv(&["a,,x,4,4,4,4,4,4,4,4,4,L,19,SMA,PNS,"]), &exact());
        assert_eq!(plain.overall.profile.len(), 4);
        let export = format!(
            "{}channel\n{}",
            HEADER.trim_end().to_owned() + ",",
            [
                "a,,x,4,4,4,4,4,4,4,4,4,L,19,SMA,PNS,,qr",
                "b,,x,2,2,2,2,2,2,2,2,2,P,45,S2,Swasta,,paper",
                "c,,x,3,3,3,3,3,3,3,3,3,P,46,S2,,,qr",
                "d,,x,3,3,3,3,3,3,3,3,3,P,46,S2,,,",
                "e,,x,3,3,3,3,3,3,3,3,3,P,46,S2,,,sms",
            ]
            .join("\n")
        );
        let a = analyse(export.as_bytes(), &exact());
        let channel = a.overall.profile.last().unwrap();
        assert_eq!(channel.field, skm_core::profile::ProfileField::Channel);
        let count = |code: Option<&str>| channel.rows.iter().find(|r| r.value.as_deref() == code).unwrap().respondents;
        assert_eq!((count(Some("link")), count(Some("qr")), count(Some("kiosk")), count(Some("paper")), count(None)), (0, 2, 0, 1, 2));
        let qr = channel.rows.iter().find(|r| r.value.as_deref() == Some("qr")).unwrap();
        assert_eq!(qr.ikm, Some(87.5));
        // A channel the survey does not know is named, the response kept.
        assert!(a.input.issues.iter().any(|i| i.column == "channel" && i.value == "sms"), "{:?}", a.input.issues);
        assert_eq!(a.overall.summary.respondents, 5);
    }

    fn sample_adequacy_from_a_given_population_and_from_requests() {
        let data = csv(&[
            "a,2026-01-05,x,4,4,4,4,4,4,4,4,4,,,,,",
            "b,2026-01-06,x,3,3,3,3,3,3,3,3,3,,,,,",
            "c,2026-01-07,y,3,3,3,3,3,3,3,3,3,,,,,",
        ]);
        let mapping = Mapping::builtin().unwrap();
        let table = read_responses(&[Input::new("r.csv", &data)], &mapping).unwrap();
        let given = analyse_ikm(&table, &IkmOptions::default(), Population::Given(3)).unwrap();
        let s = given.overall.sample.unwrap();
        assert_eq!((s.population, s.required, s.met), (Some(3), 3, true));

        // Requests: 2 of x in 2026, 5 of y in 2026, 9 of x in 2025 (another period, not counted).
        let mut requests = String::from("id,service,channel,requester,received_at,requested_for,completed_at,status\n");
        for (i, (service, date)) in
            [("x", "2026-02-01"), ("x", "12/03/2026"), ("y", "2026-01-01"), ("y", "2026-01-02"), ("y", "2026-01-03"), ("y", "2026-01-04"), ("y", "2026-01-05")]
                .iter()
                .chain(std::iter::repeat_n(&("x", "2025-05-05"), 9))
                .enumerate()
        {
            requests.push_str(&format!("q{i},{service},surat,Dinas,{date},,,selesai\n"));
        }
        requests.push_str("bad,x,surat,Dinas,kemarin,,,selesai\n");
        let requests = read_requests(&[Input::new("requests.csv", requests.as_bytes())], &mapping).unwrap();
        let options = IkmOptions { by: vec![GroupBy::Service], ..IkmOptions::default() };
        let a = analyse_ikm(&table, &options, Population::Requests(&requests)).unwrap();
        let overall = a.overall.sample.as_ref().unwrap();
        assert_eq!((overall.population, overall.required, overall.respondents, overall.met), (Some(7), 7, 3, false));
        assert_eq!(overall.source, "requests.csv");
        let x = a.groups[0].sample.as_ref().unwrap();
        assert_eq!((x.population, x.required, x.met), (Some(2), 2, true));
        let y = a.groups[1].sample.as_ref().unwrap();
        assert_eq!((y.population, y.met), (Some(5), false));
        assert_eq!(y.remark(skm_core::Lang::Id).as_deref(), Some("sampel belum cukup: 1 dari 5 responden"));
        // Without a population every group is checked against the minimum.
        let unknown = analyse_ikm(&table, &options, Population::Unknown).unwrap();
        for g in std::iter::once(&unknown.overall).chain(&unknown.groups) {
            let check = g.sample.as_ref().unwrap();
            assert_eq!((check.population, check.required, check.met, check.source.as_str()), (None, 30, false, "minimum"));
        }
        let lenient = IkmOptions { min_sample: 2, ..options.clone() };
        let lenient = analyse_ikm(&table, &lenient, Population::Unknown).unwrap();
        let met: Vec<bool> = lenient.groups.iter().map(|g| g.sample.as_ref().unwrap().met).collect();
        assert_eq!(met, [true, false], "x has 2 respondents, y has 1");
        assert!(lenient.overall.profile.iter().flat_map(|p| &p.rows).all(|r| r.sample_met == (r.respondents >= 2)));
        assert!(a.input.issues.iter().any(|i| i.file == "requests.csv" && i.row == 18 && i.column == "received_at"));
        assert_eq!(a.input.rows_dropped, 0, "request rows are not response rows");
    }

    fn confidence_interval_contains_the_ikm_and_narrows_with_more_respondents() {
        let few = analyse(&respondents_with_total(10, 270 + 40, 3), &exact());
        let many = analyse(&respondents_with_total(1000, 27_000 + 4_000, 3), &exact());
        let (f, m) = (few.overall.ci.clone().unwrap(), many.overall.ci.clone().unwrap());
        for (a, ci) in [(&few, &f), (&many, &m)] {
            let ikm = a.overall.summary.ikm.unwrap();
            assert!(ci.low <= ikm && ikm <= ci.high);
            assert_eq!(ci.level, 0.95);
        }
        assert!(m.high - m.low < f.high - f.low);
        // A single respondent has no interval.
        assert_eq!(analyse(&respondents_with_total(1, 36, 4), &exact()).overall.ci, None);
    }

    fn the_same_input_gives_the_same_json_on_every_target() {
        // The golden file was written by the native build; the wasm32 build must match it
        // byte for byte.
        let data = include_bytes!("fixtures/golden-responses.csv");
        let options = IkmOptions { by: vec![GroupBy::Service, GroupBy::Period], period: PeriodKind::Semester, ..IkmOptions::default() };
        let a = ikm_of_files(&[Input::new("golden-responses.csv", data)], &options).unwrap();
        let json = serde_json::to_string_pretty(&a).unwrap() + "\n";
        #[cfg(not(target_arch = "wasm32"))]
        if std::env::var_os("SKM_BLESS").is_some() {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golden-analysis.json"), &json).unwrap();
        }
        let golden = include_str!("fixtures/golden-analysis.json");
        assert!(json == golden, "analysis differs from tests/fixtures/golden-analysis.json (SKM_BLESS=1 rewrites it natively):\n{json}");
        assert_eq!(a.input.rows_read, 94);
        assert_eq!(a.input.rows_dropped, 3);
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn analytic_interval_agrees_with_a_bootstrap() {
    // Respondents with missing answers and uneven scores; the delta-method standard error
    // should match the spread of 2000 bootstrap resamples within 10 %.
    let mut rng = fastrand::Rng::with_seed(7);
    let mut rows = Vec::new();
    for _ in 0..300 {
        let base = rng.u8(1..=4);
        let row: Vec<Option<u8>> =
            (0..9).map(|_| (rng.f64() > 0.1).then(|| (base + rng.u8(0..=1)).clamp(1, 4))).collect();
        if row.iter().any(Option::is_some) {
            rows.push(row);
        }
    }
    let ikm_of = |sample: &[&Vec<Option<u8>>]| -> Option<f64> {
        let mut total = 0.0;
        for e in 0..9 {
            let answers: Vec<u8> = sample.iter().filter_map(|r| r[e]).collect();
            if answers.is_empty() {
                return None;
            }
            total += answers.iter().map(|&s| f64::from(s)).sum::<f64>() / answers.len() as f64;
        }
        Some(total / 9.0 * 25.0)
    };
    let mut text = String::from("u1,u2,u3,u4,u5,u6,u7,u8,u9\n");
    for r in &rows {
        let cells: Vec<String> = r.iter().map(|s| s.map_or(String::new(), |v| v.to_string())).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    let a = analyse(text.as_bytes(), &exact());
    let all: Vec<&Vec<Option<u8>>> = rows.iter().collect();
    assert!((a.overall.summary.ikm.unwrap() - ikm_of(&all).unwrap()).abs() < 1e-9);
    let mut boot = Vec::new();
    for _ in 0..2000 {
        let sample: Vec<&Vec<Option<u8>>> = (0..rows.len()).map(|_| &rows[rng.usize(0..rows.len())]).collect();
        boot.extend(ikm_of(&sample));
    }
    let mean = boot.iter().sum::<f64>() / boot.len() as f64;
    let sd = (boot.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (boot.len() - 1) as f64).sqrt();
    let se = a.overall.ci.unwrap().standard_error;
    assert!((se / sd - 1.0).abs() < 0.10, "delta-method SE {se} vs bootstrap {sd}");
}
