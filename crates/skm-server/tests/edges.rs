//! The API's edges as a hostile or unlucky client meets them: formulas in suggestions, control
//! characters, every refusal in bilingual JSON, limits that count the right requests and the
//! right clients, and a back-off on wrong admin tokens. Each test failed before its fix.

mod support;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_server::{router, AdminToken, AppState, Backoff, BackoffPolicy, RateLimit, SubmitLimiter, TrustedProxies};
use tower::ServiceExt;

fn state() -> AppState {
    AppState::new(
        support::demo_store(),
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 60, burst: 100 }, []),
        std::path::Path::new("/nonexistent"),
    )
    .unwrap()
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    /// The refusal is the API's bilingual JSON.
    fn bilingual(&self) -> serde_json::Value {
        let v = self.json();
        assert!(v["error"].is_string(), "{}", self.body);
        assert!(!v["message_id"].as_str().unwrap_or_default().is_empty(), "{}", self.body);
        assert!(!v["message_en"].as_str().unwrap_or_default().is_empty(), "{}", self.body);
        v
    }
}

async fn send(state: &AppState, request: Request<Body>) -> Answer {
    let res = router(state.clone()).oneshot(request).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = res.into_body().collect().await.unwrap().to_bytes();
    Answer { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
}

/// A request as it arrives from `peer` over the network.
fn from(peer: &str, mut request: Request<Body>) -> Request<Body> {
    let peer: SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

fn post(body: &str) -> Request<Body> {
    Request::post("/api/v1/responses")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn submission(suggestion: &str) -> String {
    serde_json::json!({
        "service": "internet-jaringan",
        "answers": {"u1": 4, "u2": 3, "u3": 3, "u4": 4, "u5": 3, "u6": 4, "u7": 4, "u8": 2, "u9": 3},
        "suggestion": suggestion,
    })
    .to_string()
}

const GOOD: &str =
    r#"{"service":"internet-jaringan","answers":{"u1":4,"u2":3,"u3":3,"u4":4,"u5":3,"u6":4,"u7":4,"u8":2,"u9":3}}"#;

fn export() -> Request<Body> {
    Request::get("/api/v1/responses.csv").header("authorization", "Bearer rahasia").body(Body::empty()).unwrap()
}

#[tokio::test]
async fn the_export_never_hands_a_spreadsheet_a_formula() {
    let st = state();
    let attacks = [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "\t=1+1",
        "\r=2+2",
        "Baik, -2 antrean",
    ];
    for text in attacks {
        let answer = send(&st, post(&submission(text))).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    }
    let csv = send(&st, export()).await;
    assert_eq!(csv.status, StatusCode::OK);
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let suggestions: Vec<String> = reader.records().map(|r| r.unwrap()[16].to_owned()).collect();
    // The server trims the tab and the carriage return; what is left starts with `=` and is
    // marked like the rest.
    assert_eq!(
        suggestions,
        [
            "'=HYPERLINK(\"http://evil\",\"x\")",
            "'+cmd|' /C calc'!A0",
            "'@SUM(1+1)",
            "'-2+3",
            "'=1+1",
            "'=2+2",
            "Baik, -2 antrean",
        ]
    );
    // Read back by our own reader, each is the citizen's text again.
    let table = skm_analytics::read_responses(
        &[skm_analytics::Input::new("responses.csv", csv.body.as_bytes())],
        &skm_analytics::Mapping::builtin().unwrap(),
    )
    .unwrap();
    let read: Vec<&str> = table.suggestions.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        read,
        [
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3",
            "=1+1",
            "=2+2",
            "Baik, -2 antrean"
        ]
    );
}

#[tokio::test]
async fn control_characters_are_dropped_before_storing() {
    let st = state();
    let answer = send(&st, post(&submission("Antre\u{0} lama\u{1b}[2J\r\nsekali\u{7}"))).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let id = answer.json()["id"].as_str().unwrap().to_owned();
    let stored = st.store.lock().unwrap().get(&id).unwrap().unwrap();
    assert_eq!(stored.suggestion.as_deref(), Some("Antre lama[2J\nsekali"));
}

#[tokio::test]
async fn every_refusal_is_bilingual_json() {
    let st = state();
    // 413: a body over the limit.
    let huge = submission(&"a".repeat(20_000));
    let a = send(&st, post(&huge)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(a.bilingual()["error"], "payload_too_large");
    // 405: a method the address does not take, with its Allow header kept.
    let a = send(&st, Request::delete("/api/v1/responses").body(Body::empty()).unwrap()).await;
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(a.bilingual()["error"], "method_not_allowed");
    assert!(a.headers.get("allow").is_some());
    let a = send(&st, Request::put("/api/v1/health").body(Body::empty()).unwrap()).await;
    assert_eq!(
        (a.status, a.bilingual()["error"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    // 431: too many headers, on an API address and on a page.
    for path in ["/api/v1/health", "/survei/internet-jaringan"] {
        let mut request = Request::get(path);
        for i in 0..150 {
            request = request.header(format!("x-pad-{i}"), "x");
        }
        let a = send(&st, request.body(Body::empty()).unwrap()).await;
        assert_eq!(a.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "{path}");
        assert_eq!(a.bilingual()["error"], "headers_too_large");
    }
    let a = send(&st, Request::get("/api/v1/health").header("cookie", "c".repeat(20_000)).body(Body::empty()).unwrap())
        .await;
    assert_eq!(a.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    a.bilingual();
    // 404 and 415 stay JSON.
    let a = send(&st, Request::get("/api/v2/anything").body(Body::empty()).unwrap()).await;
    assert_eq!((a.status, a.bilingual()["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 0);
}

#[tokio::test]
async fn json_is_what_it_says_it_is_and_nothing_is_dropped_silently() {
    let st = state();
    let with_type = |content_type: &str| {
        Request::post("/api/v1/responses").header("content-type", content_type).body(Body::from(GOOD)).unwrap()
    };
    for content_type in
        ["application/json-evil", "application/jsonp", "text/plain", "application/x-www-form-urlencoded"]
    {
        let a = send(&st, with_type(content_type)).await;
        assert_eq!(a.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
        a.bilingual();
    }
    let a = send(&st, with_type("application/json; charset=utf-8")).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);

    let cases = [
        // An unknown field inside the profile.
        (GOOD.replacen('}', "},\"profile\":{\"hobby\":\"catur\"}", 1), StatusCode::BAD_REQUEST, "profile.hobby"),
        // The same element twice, in two spellings or one.
        (GOOD.replace("\"u1\":4", "\"U1\":1,\"u1\":4"), StatusCode::UNPROCESSABLE_ENTITY, "answers.u1"),
        (GOOD.replace("\"u1\":4", "\"u1\":1,\"u1\":4"), StatusCode::UNPROCESSABLE_ENTITY, "answers.u1"),
        // Type errors name the field, in both languages.
        (GOOD.replacen('}', "},\"profile\":{\"age\":\"tiga puluh\"}", 1), StatusCode::BAD_REQUEST, "profile.age"),
        (GOOD.replace("\"u3\":3", "\"u3\":\"tiga\""), StatusCode::BAD_REQUEST, "answers.u3"),
        (GOOD.replacen('}', "},\"suggestion\":[1]", 1), StatusCode::BAD_REQUEST, "suggestion"),
    ];
    for (body, status, field) in cases {
        let a = send(&st, post(&body)).await;
        assert_eq!(a.status, status, "{body}: {}", a.body);
        let v = a.bilingual();
        assert_eq!(v["field"], field, "{body}");
        for language in ["message_id", "message_en"] {
            let message = v[language].as_str().unwrap();
            if status == StatusCode::BAD_REQUEST {
                assert!(message.contains(field), "{language} names the field: {message}");
            }
            assert!(
                !message.contains("invalid type:") && !message.contains("expected u8"),
                "no parser English: {message}"
            );
        }
    }
    assert_eq!(st.store.lock().unwrap().count().unwrap(), 1, "only the good one is stored");
}

#[tokio::test]
async fn malformed_requests_never_use_up_the_budget_of_valid_ones() {
    let mut st = state();
    st.limiter = SubmitLimiter::new(RateLimit { per_minute: 1, burst: 3 }, []);
    let office = "203.0.113.9";
    for _ in 0..15 {
        let a = send(&st, from(office, post("{not json"))).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
    }
    for _ in 0..3 {
        let a = send(&st, from(office, post(GOOD))).await;
        assert_eq!(a.status, StatusCode::CREATED, "a valid submission after bad ones: {}", a.body);
    }
    let a = send(&st, from(office, post(GOOD))).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS, "the valid budget itself still holds");
    // A flood of bad requests is slowed too, on its own budget.
    let mut last = StatusCode::OK;
    for _ in 0..10 {
        last = send(&st, from(office, post("{not json"))).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_trusted_proxy_names_the_client_and_no_one_else_can() {
    let mut st = state();
    st.limiter = SubmitLimiter::new(RateLimit { per_minute: 1, burst: 2 }, []);
    st.trusted_proxies = TrustedProxies::new([TrustedProxies::parse_network("10.0.0.0/8").unwrap()]);
    let via_proxy = |client: &str| {
        let mut request = post(GOOD);
        request.headers_mut().insert("x-forwarded-for", client.parse().unwrap());
        from("10.0.0.2", request)
    };
    // Two citizens behind the proxy each have their own budget.
    for client in ["198.51.100.1", "198.51.100.2"] {
        for _ in 0..2 {
            assert_eq!(send(&st, via_proxy(client)).await.status, StatusCode::CREATED, "{client}");
        }
        assert_eq!(send(&st, via_proxy(client)).await.status, StatusCode::TOO_MANY_REQUESTS, "{client}");
    }
    // A client talking to us directly cannot pick an address to escape its limit.
    let spoof = |fake: &str| {
        let mut request = post(GOOD);
        request.headers_mut().insert("x-forwarded-for", fake.parse().unwrap());
        from("192.0.2.50", request)
    };
    assert_eq!(send(&st, spoof("1.1.1.1")).await.status, StatusCode::CREATED);
    assert_eq!(send(&st, spoof("2.2.2.2")).await.status, StatusCode::CREATED);
    assert_eq!(send(&st, spoof("3.3.3.3")).await.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn wrong_admin_tokens_are_slowed_down_per_address() {
    let mut st = state();
    st.admin_guard = Backoff::new(BackoffPolicy {
        free: 3,
        first_wait: std::time::Duration::from_millis(400),
        longest_wait: std::time::Duration::from_secs(5),
        forget_after: std::time::Duration::from_secs(60),
    });
    let attempt = |token: &str, peer: &str| {
        from(
            peer,
            Request::get("/api/v1/responses.csv")
                .header("authorization", format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
    };
    let attacker = "198.51.100.66";
    for _ in 0..3 {
        assert_eq!(send(&st, attempt("tebakan", attacker)).await.status, StatusCode::UNAUTHORIZED);
    }
    // The fourth wrong token earns a wait; while it lasts even the right token is not heard.
    assert_eq!(send(&st, attempt("tebakan", attacker)).await.status, StatusCode::UNAUTHORIZED);
    let held = send(&st, attempt("rahasia", attacker)).await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(held.headers.get("retry-after").is_some());
    assert!(held.bilingual()["message_en"].as_str().unwrap().contains("too many wrong tokens"));
    // Another address is not held back.
    assert_eq!(send(&st, attempt("rahasia", "198.51.100.7")).await.status, StatusCode::OK);
    // After the wait the right token works, and clears the record.
    tokio::time::sleep(std::time::Duration::from_millis(450)).await;
    assert_eq!(send(&st, attempt("rahasia", attacker)).await.status, StatusCode::OK);
    assert_eq!(send(&st, attempt("tebakan", attacker)).await.status, StatusCode::UNAUTHORIZED);
}
