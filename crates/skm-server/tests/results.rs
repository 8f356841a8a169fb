//! The public results (`/hasil/<unit>`, its JSON and CSV): signed out, the latest period's
//! figures as the core computes them, small groups left out, texts escaped, framing only for
//! the unit's own sites.

mod support;

use support::state;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_core::ikm::Moments;
use skm_core::profile::Profile;
use skm_core::response::ResponseRecord;
use skm_core::WeightConvention;
use skm_server::{router, AppState};
use tower::ServiceExt;

const UNIT: &str = "dinkominfo-purbalingga";

fn record(n: u32, day: &str, service: &str, scores: [u8; 9]) -> ResponseRecord {
    ResponseRecord::from_parts(
        format!("00000000-0000-4000-8000-{n:012}"),
        format!("{day}T09:00:00+07:00"),
        service.to_owned(),
        scores.map(Some),
        Profile::default(),
        Some("<script>alert('saran')</script>".to_owned()),
    )
}

/// Six answers in the first semester, eleven in the second: seven for one service, four for
/// another (under the minimum of five).
fn records() -> Vec<ResponseRecord> {
    let mut all = Vec::new();
    for n in 0..6 {
        all.push(record(n, "2026-03-10", "internet-jaringan", [3, 3, 4, 3, 2, 3, 4, 3, 3]));
    }
    for n in 6..13 {
        let s = if n % 2 == 0 { 4 } else { 3 };
        all.push(record(n, "2026-10-05", "internet-jaringan", [s, 3, 4, 4, 3, s, 4, 2, 3]));
    }
    for n in 13..17 {
        all.push(record(n, "2026-11-02", "publikasi-media-sosial", [2, 2, 3, 2, 2, 3, 3, 2, 2]));
    }
    all
}

/// A signed-out GET: status, headers and body.
async fn get(state: &AppState, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::get(path).body(Body::empty()).unwrap();
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn ikm_of(records: &[ResponseRecord]) -> f64 {
    let mut moments = Moments::default();
    for r in records {
        moments.add(&r.scores());
    }
    moments.summary(WeightConvention::Exact).ikm.unwrap()
}

#[tokio::test]
async fn the_public_page_shows_the_latest_periods_figures_to_anyone() {
    let mut store = support::demo_store();
    let all = records();
    store.insert_many(&all).unwrap();
    let st = state(store);
    let second: Vec<ResponseRecord> = all[6..].to_vec();
    let want = ikm_of(&second);

    let (status, headers, json) = get(&st, &format!("/api/v1/units/{UNIT}/results.json")).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    assert!(headers["cache-control"].to_str().unwrap().contains("public"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["period"]["key"], "2026-S2");
    assert_eq!(v["overall"]["respondents"], 11);
    assert_eq!(v["overall"]["ikm"].as_f64(), Some(want));
    // The service with four respondents is left out; both semesters are in the trend.
    let services: Vec<&str> =
        v["services"].as_array().unwrap().iter().map(|s| s["service"].as_str().unwrap()).collect();
    assert_eq!(services, ["internet-jaringan"]);
    assert_eq!(v["services"][0]["ikm"].as_f64(), Some(ikm_of(&all[6..13])));
    let trend: Vec<&str> = v["trend"].as_array().unwrap().iter().map(|s| s["period"].as_str().unwrap()).collect();
    assert_eq!(trend, ["2026-S1", "2026-S2"]);
    assert_eq!(v["groups_hidden"], 1);
    assert!(!json.contains("alert") && !json.contains("profile") && !json.contains("issues"), "{json}");

    let (status, headers, html) = get(&st, &format!("/hasil/{UNIT}")).await;
    assert_eq!(status, StatusCode::OK);
    let shown = skm_core::format::decimal_id(want, 2);
    assert!(html.contains(&format!("<p class=\"ikm\" id=\"ikm\">{shown}</p>")), "{shown} not in {html}");
    assert!(html.contains("Semester II 2026 (sementara"), "{html}");
    assert!(html.contains("11 responden"), "{html}");
    assert!(!html.contains("<script") && !html.contains("publikasi-media-sosial"), "{html}");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"), "{policy}");

    let (_, _, english) = get(&st, &format!("/hasil/{UNIT}?lang=en")).await;
    assert!(
        english.contains("<html lang=\"en\"")
            && english.contains(&skm_core::format::decimal(want, 2, skm_core::Lang::En))
    );

    // Framed only by the unit's own sites, and only when asked for the embeddable page.
    let (_, headers, embedded) = get(&st, &format!("/hasil/{UNIT}?embed=1")).await;
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(
        policy.contains("frame-ancestors https://purbalinggakab.go.id https://dinkominfo.purbalinggakab.go.id"),
        "{policy}"
    );
    assert!(embedded.contains("<base target=\"_blank\">") && embedded.contains("class=\"embed\""));
    let (_, headers, _) = get(&st, "/hasil/diskominfo-ketapang?embed=1").await;
    assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));

    let (status, headers, csv) = get(&st, &format!("/api/v1/units/{UNIT}/results.csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let levels: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(levels, ["unit", "service", "period", "period"], "{csv}");
    assert!(csv.starts_with("level,service,period,respondents,ikm,"), "{csv}");

    // A new response changes the results at once.
    st.store.lock().unwrap().insert_many(&[record(99, "2026-11-20", "internet-jaringan", [4; 9])]).unwrap();
    let (_, _, json) = get(&st, &format!("/api/v1/units/{UNIT}/results.json")).await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["overall"]["respondents"], 12);

    // The pemda's page lists both units; Ketapang has nothing to show yet.
    let (status, _, pemda) = get(&st, "/hasil").await;
    assert_eq!(status, StatusCode::OK);
    assert!(pemda.contains(&format!("href=\"/hasil/{UNIT}\"")) && pemda.contains("belum ada hasil"), "{pemda}");
}

#[tokio::test]
async fn a_unit_with_too_few_respondents_shows_no_figure_and_an_unknown_unit_is_404() {
    let mut store = support::demo_store();
    store.insert_many(&records()[..3]).unwrap();
    let st = state(store);
    let (status, _, html) = get(&st, &format!("/hasil/{UNIT}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"no-results\"") && !html.contains("id=\"ikm\""), "{html}");
    let (_, _, json) = get(&st, &format!("/api/v1/units/{UNIT}/results.json")).await;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["overall"].is_null() && v["trend"].as_array().unwrap().is_empty(), "{json}");

    let (status, _, html) = get(&st, "/hasil/%3Cb%3Etidak-ada").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("&lt;b&gt;tidak-ada") && !html.contains("<b>tidak"), "{html}");
    let (status, _, _) = get(&st, "/api/v1/units/tidak-ada/results.json").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_units_own_words_are_escaped_on_its_page() {
    let mut store = support::demo_store();
    let text = skm_core::unit::DEMO_UNITS[1].1.replace("code = \"diskominfo-ketapang\"", "code = \"uji\"").replace(
        "name = \"Dinas Komunikasi dan Informatika Kabupaten Ketapang\"",
        "name = \"Dinas <b>Uji</b> & \\\"Co\\\"\"",
    );
    store.add_unit("uji.toml", &text, false).unwrap();
    let st = state(store);
    let (status, _, html) = get(&st, "/hasil/uji").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Dinas &lt;b&gt;Uji&lt;/b&gt; &amp; \"Co\""), "{html}");
    assert!(!html.contains("<b>Uji"), "{html}");
}

#[tokio::test]
async fn the_infographic_is_served_as_png_and_svg_signed_out() {
    let mut store = support::demo_store();
    store.insert_many(&records()).unwrap();
    let st = state(store);
    let req = Request::get(format!("/hasil/{UNIT}/infografis.png")).body(Body::empty()).unwrap();
    let res = router(st.clone()).oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    let disposition = res.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains(&format!("infografis-{UNIT}-2026-S2.png")), "{disposition}");
    let png = res.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&png[1..4], b"PNG");
    let size = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    assert_eq!((size(16), size(20)), (1080, 1080), "1080×1080");

    let (status, headers, svg) = get(&st, &format!("/hasil/{UNIT}/infografis-a4.svg?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/svg+xml");
    assert!(svg.contains("width=\"210mm\"") && svg.contains("Satisfaction Index"), "{svg}");
    assert_eq!(get(&st, &format!("/hasil/{UNIT}/lain.txt")).await.0, StatusCode::NOT_FOUND);
    // Ketapang has no responses: nothing to publish.
    assert_eq!(get(&st, "/hasil/diskominfo-ketapang/infografis.svg").await.0, StatusCode::NOT_FOUND);
}
