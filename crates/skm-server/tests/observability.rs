//! What an operator watches: `/metrics` in Prometheus' text format (behind authorization),
//! the health check that reads the database, and each answer's request ID.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_server::{router, AdminToken, AppState, RateLimit, SubmitLimiter};
use tower::ServiceExt;

fn state() -> AppState {
    let dir = std::env::temp_dir();
    AppState::new(
        support::demo_store(),
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 60, burst: 50 }, Vec::<String>::new()),
        dir.as_path(),
    )
    .unwrap()
}

/// The status, the `X-Request-Id` and the body of an answer.
async fn call(state: &AppState, req: Request<Body>) -> (StatusCode, String, String) {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let id = res.headers().get("x-request-id").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, id, String::from_utf8_lossy(&body).into_owned())
}

fn submission(body: &str) -> Request<Body> {
    Request::post("/api/v1/responses")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn get(path: &str, token: Option<&str>) -> Request<Body> {
    let mut req = Request::get(path);
    if let Some(token) = token {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    req.body(Body::empty()).unwrap()
}

/// The value of one sample line of the metrics (`name{labels}`), if it is there.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

const GOOD: &str = r#"{"service":"internet-jaringan","answers":{"u1":4,"u2":3,"u3":3,"u4":4,"u5":3,"u6":4,"u7":4,"u8":2,"u9":3},"client_id":"7d1f0a52-5b0e-4a8e-9a57-0c2b8f6e3a11"}"#;

#[tokio::test]
async fn metrics_count_submissions_by_outcome_for_the_authorized_only() {
    let st = state();
    assert_eq!(call(&st, submission(GOOD)).await.0, StatusCode::CREATED);
    assert_eq!(call(&st, submission(GOOD)).await.0, StatusCode::OK, "the same client_id again: a replay");
    assert_eq!(call(&st, submission("{not json")).await.0, StatusCode::BAD_REQUEST);
    let other = GOOD.replace("\"u1\":4", "\"u1\":1");
    assert_eq!(call(&st, submission(&other)).await.0, StatusCode::CONFLICT);
    let wrong = GOOD.replace("\"u3\":3", "\"u3\":5").replace("7d1f", "8e2f");
    assert_eq!(call(&st, submission(&wrong)).await.0, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, _, body) = call(&st, get("/metrics", None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _, body) = call(&st, get("/metrics", Some("salah"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    let res = router(st.clone()).oneshot(get("/metrics", Some("rahasia"))).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/plain; version=0.0.4; charset=utf-8");
    let text = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert_eq!(sample(&text, r#"skm_submissions_accepted_total{kind="new"}"#), Some(1.0), "{text}");
    assert_eq!(sample(&text, r#"skm_submissions_accepted_total{kind="replay"}"#), Some(1.0));
    assert_eq!(sample(&text, r#"skm_submissions_refused_total{reason="malformed_json"}"#), Some(1.0));
    assert_eq!(sample(&text, r#"skm_submissions_refused_total{reason="conflict"}"#), Some(1.0));
    assert_eq!(sample(&text, r#"skm_submissions_refused_total{reason="invalid"}"#), Some(1.0));
    assert_eq!(sample(&text, "skm_submission_duration_seconds_count"), Some(5.0));
    assert_eq!(sample(&text, r#"skm_submission_duration_seconds_bucket{le="+Inf"}"#), Some(5.0));
    assert_eq!(sample(&text, "skm_commit_queue_depth"), Some(0.0));
    assert_eq!(sample(&text, "skm_database_errors_total"), Some(0.0));
    // The two refused scrapes and five submissions, by status class.
    assert_eq!(sample(&text, r#"skm_http_requests_total{status="4xx"}"#), Some(5.0));
    assert_eq!(sample(&text, r#"skm_http_requests_total{status="2xx"}"#), Some(2.0));
}

#[tokio::test]
async fn the_health_check_reads_the_database() {
    let st = state();
    let (status, _, body) = call(&st, get("/api/v1/health", None)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["database"], "ok");
    assert_eq!(v["schema_version"], skm_server::SCHEMA_VERSION);

    // A writer that died holding the store leaves it unusable: the check says so.
    let store = st.store.clone();
    let _ = std::thread::spawn(move || {
        let _held = store.lock().unwrap();
        panic!("a writer dies holding the store");
    })
    .join();
    let (status, _, body) = call(&st, get("/api/v1/health", None)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "error");
    assert!(v["database"].as_str().unwrap().contains("poisoned"), "{body}");
    let text = st.metrics.text(0).unwrap();
    assert_eq!(sample(&text, "skm_database_errors_total"), Some(1.0), "{text}");
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let st = state();
    let (_, made, _) = call(&st, get("/api/v1/services", None)).await;
    assert_eq!(made.len(), 32, "a new ID: {made:?}");
    let (_, again, _) = call(&st, get("/api/v1/services", None)).await;
    assert_ne!(made, again);

    let from_proxy = Request::get("/").header("x-request-id", "lb-7f3a.01_x").body(Body::empty()).unwrap();
    assert_eq!(call(&st, from_proxy).await.1, "lb-7f3a.01_x", "a proxy's plain ID is kept");
    let hostile = Request::get("/").header("x-request-id", "a\"b<script>").body(Body::empty()).unwrap();
    let (_, id, _) = call(&st, hostile).await;
    assert_eq!(id.len(), 32, "a hostile ID is replaced: {id:?}");
    let (_, id, _) = call(&st, submission("{")).await;
    assert_eq!(id.len(), 32, "refusals carry one too");
}
