//! The survey API end to end through the router, on an in-memory store.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_server::{router, AdminToken, AppState, RateLimit, Store, SubmitLimiter};
use tower::ServiceExt;

fn state(web_dir: &std::path::Path) -> AppState {
    AppState::new(
        support::demo_store(),
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 60, burst: 50 }, ["kios-aula".to_owned()]),
        web_dir,
    )
    .unwrap()
}

async fn call(state: &AppState, req: Request<Body>) -> (StatusCode, String) {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn post_json(body: &str) -> Request<Body> {
    Request::post("/api/v1/responses")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

const GOOD: &str = r#"{"service":"internet-jaringan","answers":{"u1":4,"u2":3,"u3":3,"u4":4,"u5":3,"u6":4,"u7":4,"u8":2,"u9":3},"profile":{"gender":"L","age":29,"education":"SMA","occupation":"Swasta"},"suggestion":"Wi-Fi aula"}"#;

#[tokio::test]
async fn a_submission_is_stored_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, body) = call(&st, post_json(GOOD)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let created: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert!(created["submitted_at"].as_str().unwrap().ends_with("+07:00"));
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 1);

    let (status, _) = call(&st, Request::get("/api/v1/responses.csv").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let req =
        Request::get("/api/v1/responses.csv").header("authorization", "Bearer rahasia").body(Body::empty()).unwrap();
    let (status, csv) = call(&st, req).await;
    assert_eq!(status, StatusCode::OK);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,submitted_at,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion,channel")
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with(&id), "{row}");
    assert!(row.contains(",internet-jaringan,4,3,3,4,3,4,4,2,3,L,29,SMA,Swasta,Wi-Fi aula,link"), "{row}");
}

#[tokio::test]
async fn refusals_name_the_field_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, body) = call(&st, post_json(&GOOD.replace("\"u3\":3", "\"u3\":5"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["field"], "answers.u3");
    assert!(v["message_id"].as_str().unwrap().contains("di luar 1–4"));
    assert!(v["message_en"].as_str().unwrap().contains("outside 1–4"));

    let (status, body) = call(&st, post_json(&GOOD.replace("internet-jaringan", "pajak"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("\"field\":\"service\""), "{body}");

    let (status, _) = call(&st, post_json("{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let huge = format!(r#"{{"service":"x","answers":{{}},"suggestion":"{}"}}"#, "a".repeat(20_000));
    let (status, _) = call(&st, post_json(&huge)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 0);
}

#[tokio::test]
async fn services_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let (status, body) = call(&st, Request::get("/api/v1/services").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5);
    // Units by pemda (Ketapang, Purbalingga), each unit's services in the order imported.
    assert_eq!(v[0]["code"], "informasi-dokumentasi-publik");
    assert_eq!(v[0]["unit_code"], "diskominfo-ketapang");
    assert_eq!(v[1]["code"], "publikasi-media-sosial");
    assert_eq!(v[1]["unit_code"], "dinkominfo-purbalingga");
    assert_eq!(v[1]["completion_time"], "Maksimal 1 Jam");

    // Without a built app, pages explain how to build it.
    let (status, body) =
        call(&st, Request::get("/survei/dinkominfo-purbalingga/internet-jaringan").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("trunk build"));

    // With one, every page path gets index.html and files are served as they are.
    std::fs::write(dir.path().join("index.html"), "<html>app</html>").unwrap();
    std::fs::write(dir.path().join("app.js"), "js").unwrap();
    let st = state(dir.path());
    let (status, body) =
        call(&st, Request::get("/survei/dinkominfo-purbalingga/internet-jaringan").body(Body::empty()).unwrap()).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "<html>app</html>"));
    let (_, body) = call(&st, Request::get("/app.js").body(Body::empty()).unwrap()).await;
    assert_eq!(body, "js");
    let (status, _) = call(&st, Request::get("/api/v1/nope").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[test]
fn the_store_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skm.db");
    let record = skm_core::response::ResponseRecord::new(
        "r1".into(),
        "2026-03-02T09:00:00+07:00".into(),
        &skm_core::response::Submission::from_scores("dokumentasi-kegiatan", [3; 9]).validate(|_| true).unwrap(),
    );
    Store::open(&path).unwrap().insert_many(std::slice::from_ref(&record)).unwrap();
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.count().unwrap(), 1);
    assert_eq!(reopened.get("r1").unwrap(), Some(record));
}

const CLIENT_ID: &str = "3f2c9a70-5b1e-4d2a-9c7e-0a1b2c3d4e5f";

fn with_client_id(body: &str, id: &str) -> String {
    body.replacen('{', &format!("{{\"client_id\":\"{id}\","), 1)
}

#[tokio::test]
async fn the_same_client_id_is_stored_once_and_a_different_answer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let body = with_client_id(GOOD, CLIENT_ID);
    let (status, first) = call(&st, post_json(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let first: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(first["id"], CLIENT_ID);
    // Sent again after a dropped connection: acknowledged with the first receipt.
    let (status, again) = call(&st, post_json(&body)).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    let again: serde_json::Value = serde_json::from_str(&again).unwrap();
    assert_eq!(again, first);
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 1);
    // The same ID with other answers is a conflict.
    let (status, conflict) = call(&st, post_json(&body.replace("\"u8\":2", "\"u8\":4"))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{conflict}");
    assert!(conflict.contains("\"field\":\"client_id\"") && conflict.contains("different response"), "{conflict}");
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 1);
    // Not a UUID: 422 naming the field.
    let (status, bad) = call(&st, post_json(&with_client_id(GOOD, "abc"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.contains("\"field\":\"client_id\""), "{bad}");
}

#[tokio::test]
async fn submissions_are_rate_limited_except_from_a_kiosk() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = state(dir.path());
    st.limiter = SubmitLimiter::new(RateLimit { per_minute: 1, burst: 3 }, ["kios-aula".to_owned()]);
    for _ in 0..3 {
        let (status, body) = call(&st, post_json(GOOD)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let res = router(st.clone()).oneshot(post_json(GOOD)).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    assert!(body.contains("terlalu banyak kiriman") && body.contains("too many submissions"), "{body}");
    for _ in 0..5 {
        let req = Request::post("/api/v1/responses")
            .header("content-type", "application/json")
            .header("x-skm-kiosk-key", "kios-aula")
            .body(Body::from(GOOD))
            .unwrap();
        let (status, _) = call(&st, req).await;
        assert_eq!(status, StatusCode::CREATED, "a kiosk is not limited");
    }
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 8);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<html><script type=\"module\">import init from '/a.js';</script></html>",
    )
    .unwrap();
    let st = state(dir.path());
    for path in ["/survei/internet-jaringan", "/api/v1/health"] {
        let res = router(st.clone()).oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
        let h = res.headers();
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'") && csp.contains("'sha256-"),
            "{csp}"
        );
    }
}

#[test]
fn the_admin_token_is_kept_as_a_hash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skm.db");
    let token = AdminToken::from_secret("rahasia");
    Store::open(&path).unwrap().set_setting("admin_token_sha256", &token.hash_hex()).unwrap();
    let kept = Store::open(&path).unwrap().setting("admin_token_sha256").unwrap().unwrap();
    assert!(!kept.contains("rahasia"));
    assert!(AdminToken::from_hash_hex(&kept).unwrap().verify("rahasia"));
}

#[test]
fn a_batch_is_stored_once_per_id_and_sees_its_own_earlier_rows() {
    use skm_core::profile::Profile;
    use skm_core::response::ResponseRecord;
    use skm_server::Stored;
    let record = |id: &str, u1: u8| skm_server::Filed {
        unit: "dinkominfo-purbalingga".to_owned(),
        record: ResponseRecord::from_parts(
            id.to_owned(),
            "2026-11-24T10:00:00+07:00".to_owned(),
            "publikasi-media-sosial".to_owned(),
            [Some(u1); 9],
            Profile::default(),
            None,
        ),
    };
    let mut store = support::demo_store();
    let outcomes = store.insert_batch(&[record("a", 4), record("b", 3), record("a", 4), record("b", 2)]).unwrap();
    assert!(matches!(outcomes[..], [Stored::New, Stored::New, Stored::Replay(_), Stored::Conflict]), "{outcomes:?}");
    assert_eq!(store.count().unwrap(), 2);
}

#[tokio::test]
async fn each_response_records_how_it_came() {
    let dir = tempfile::tempdir().unwrap();
    let st = state(dir.path());
    let with_via = |via: &str| GOOD.replacen("\"suggestion\"", &format!("\"via\":\"{via}\",\"suggestion\""), 1);
    let (status, body) = call(&st, post_json(GOOD)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = call(&st, post_json(&with_via("qr"))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    // A browser cannot say it is the kiosk or a paper form.
    for claimed in ["kiosk", "paper"] {
        let (status, body) = call(&st, post_json(&with_via(claimed))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains("\"field\":\"via\""), "{body}");
    }
    // The tablet with a kiosk key is the kiosk, even when its address said qr; an unknown key
    // is not.
    for (key, via) in [("kios-aula", "qr"), ("bukan-kunci", "link")] {
        let req = Request::post("/api/v1/responses")
            .header("content-type", "application/json")
            .header("x-skm-kiosk-key", key)
            .body(Body::from(with_via(via)))
            .unwrap();
        assert_eq!(call(&st, req).await.0, StatusCode::CREATED);
    }
    let sheet = skm_core::paper::PaperEntry::with_scores("K-1", "2026-11-30", "internet-jaringan", [3; 9]);
    let req = Request::post("/api/v1/units/dinkominfo-purbalingga/paper")
        .header("authorization", "Bearer rahasia")
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_string(&sheet).unwrap()))
        .unwrap();
    assert_eq!(call(&st, req).await.0, StatusCode::CREATED);

    let req =
        Request::get("/api/v1/responses.csv").header("authorization", "Bearer rahasia").body(Body::empty()).unwrap();
    let (_, csv) = call(&st, req).await;
    let channels: Vec<&str> = csv.lines().skip(1).map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(channels, ["link", "qr", "kiosk", "link", "paper"], "{csv}");
}
