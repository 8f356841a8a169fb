//! The IKM engine on small files; runs natively and, as wasm32, in headless Chromium.

use skm_analytics::ikm_from_csv;
use skm_core::{Element, Grade, WeightConvention};

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

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn ikm_of_three_respondents() {
    let data = csv(&[
        "a,2026-01-05T09:00:00+07:00,publikasi-media-sosial,4,4,4,4,4,4,4,4,4,L,30,SMA,PNS,",
        "b,2026-01-05T10:00:00+07:00,publikasi-media-sosial,3,3,3,4,3,3,3,3,2,P,41,D4/S1,Swasta,\"Ruang tunggu, panas\"",
        "c,2026-02-01T10:00:00+07:00,internet-jaringan,2,3,3,4,3,3,4,3,3,,,,,",
    ]);
    let report = ikm_from_csv("responses.csv", &data, WeightConvention::Exact).unwrap();
    assert_eq!(report.rows_read, 3);
    assert_eq!(report.rows_rejected, 0);
    let o = &report.overall;
    assert_eq!(o.respondents, 3);
    let u1 = o.element(Element::U1).unwrap();
    assert_eq!((u1.answers, u1.sum), (3, 9));
    assert_eq!(u1.nrr, Some(3.0));
    let u9 = o.element(Element::U9).unwrap();
    assert_eq!(u9.sum, 9);
    // Element sums 9,10,10,12,10,10,11,10,9 = 91 over 27 answers; with exact weights the
    // converted IKM is the mean score × 25 = 84,26.
    let expected = 91.0 / 27.0 * 25.0;
    assert!((o.ikm_converted.unwrap() - expected).abs() < 1e-9, "{:?}", o.ikm_converted);
    assert_eq!(o.grade, Some(Grade::from_converted(expected)));
    assert_eq!(report.by_service.len(), 2);
    assert_eq!(report.by_service[0].service, "internet-jaringan");
    assert_eq!(report.by_service[1].summary.respondents, 2);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn out_of_range_rows_are_rejected_and_counted() {
    let data = csv(&[
        "a,2026-01-05T09:00:00+07:00,dokumentasi-kegiatan,4,4,4,4,4,4,4,4,4,,,,,",
        "b,2026-01-05T10:00:00+07:00,dokumentasi-kegiatan,5,4,4,4,4,4,4,4,4,,,,,",
        "c,2026-01-05T11:00:00+07:00,dokumentasi-kegiatan,0,4,4,4,4,4,4,4,4,,,,,",
    ]);
    let report = ikm_from_csv("r.csv", &data, WeightConvention::Exact).unwrap();
    assert_eq!(report.rows_read, 3);
    assert_eq!(report.rows_rejected, 2);
    assert!((report.overall.ikm_converted.unwrap() - 100.0).abs() < 1e-9);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn unanswered_questions_do_not_count_as_answers() {
    let data = csv(&[
        "a,2026-01-05T09:00:00+07:00,dokumentasi-kegiatan,4,4,4,4,4,4,4,4,,,,,,",
        "b,2026-01-05T10:00:00+07:00,dokumentasi-kegiatan,2,2,2,2,2,2,2,2,2,,,,,",
    ]);
    let report = ikm_from_csv("r.csv", &data, WeightConvention::Exact).unwrap();
    let u9 = report.overall.element(Element::U9).unwrap();
    assert_eq!((u9.answers, u9.sum, u9.nrr), (1, 2, Some(2.0)));
    assert_eq!(report.overall.element(Element::U1).unwrap().nrr, Some(3.0));
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn weight_conventions_are_applied_and_named() {
    let data = csv(&["a,2026-01-05T09:00:00+07:00,x,4,4,4,4,4,4,4,4,4,,,,,"]);
    let r = ikm_from_csv("r.csv", &data, WeightConvention::Rounded0111).unwrap();
    assert_eq!(r.overall.weight, WeightConvention::Rounded0111);
    assert!((r.overall.ikm_converted.unwrap() - 99.9).abs() < 1e-9);
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_missing_column_is_named() {
    let data = b"id,service,u1,u2\n1,x,4,4\n".to_vec();
    let err = ikm_from_csv("lama.csv", &data, WeightConvention::Exact).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("lama.csv"), "{message}");
    assert!(message.contains("'u3'"), "{message}");
}
