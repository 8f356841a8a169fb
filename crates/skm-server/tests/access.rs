//! Who may call what: every protected route against every role, API tokens and an anonymous
//! caller (table-driven), the CSRF token of a session, sign-in lockout, token revocation, and
//! the audit log of it all.

mod support;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_core::access::{Scope, StaffRole, TokenPermission};
use skm_server::auth::{hash_password, new_token};
use skm_server::{router, AppState, Audit};
use tower::ServiceExt;

const A: &str = "dinkominfo-purbalingga";
const B: &str = "diskominfo-ketapang";
const PASSWORD: &str = "kopi-tubruk-2026";

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(st: &AppState, mut req: Request<Body>) -> Reply {
    let peer: SocketAddr = "192.0.2.10:40000".parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(peer));
    let res = router(st.clone()).oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let body = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned();
    Reply { status, headers, body }
}

/// A caller as the requests carry it.
#[derive(Clone)]
enum Who {
    Anonymous,
    Session { cookie: String, csrf: String },
    Bearer(String),
}

fn request(who: &Who, method: &str, path: &str, body: Option<&str>) -> Request<Body> {
    let mut req = Request::builder().method(method).uri(path);
    match who {
        Who::Anonymous => {}
        Who::Session { cookie, csrf } => {
            req = req.header("cookie", format!("skm_session={cookie}")).header("x-csrf-token", csrf);
        }
        Who::Bearer(token) => req = req.header("authorization", format!("Bearer {token}")),
    }
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned()))).unwrap()
}

async fn sign_in(st: &AppState, username: &str, password: &str) -> Reply {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    send(st, request(&Who::Anonymous, "POST", "/api/v1/session", Some(&body))).await
}

async fn session(st: &AppState, username: &str) -> Who {
    let reply = sign_in(st, username, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{username}: {}", reply.body);
    let set = reply.headers["set-cookie"].to_str().unwrap().to_owned();
    assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    let cookie = set.split(';').next().unwrap().trim_start_matches("skm_session=").to_owned();
    let info: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    Who::Session { cookie, csrf: info["csrf"].as_str().unwrap().to_owned() }
}

fn state() -> AppState {
    let mut store = support::demo_store();
    let hash = hash_password(PASSWORD).unwrap();
    let cli = Audit { actor: "cli", ..Audit::default() };
    let a = vec![A.to_owned()];
    for (name, role, units) in [
        ("pemda", StaffRole::AdminPemda, vec![]),
        ("admin.a", StaffRole::AdminUnit, a.clone()),
        ("pimpinan.a", StaffRole::Pimpinan, a.clone()),
        ("operator.a", StaffRole::Operator, a.clone()),
        ("cadangan", StaffRole::Pimpinan, vec![B.to_owned()]),
    ] {
        store.add_user(name, &hash, role, &units, cli.clone()).unwrap();
    }
    support::state(store)
}

fn token(st: &AppState, permission: TokenPermission, units: &[&str]) -> String {
    let (secret, prefix, hash) = new_token();
    let scope = Scope::Units(units.iter().map(|u| (*u).to_owned()).collect());
    let cli = Audit { actor: "cli", ..Audit::default() };
    st.store.lock().unwrap().add_token(&prefix, &hash, permission, &scope, "uji", cli).unwrap();
    secret
}

fn standard_body() -> String {
    let mut standard = skm_core::editing::template("Dinas Uji");
    standard.code = "uji-akses".to_owned();
    standard.name = "Uji akses".to_owned();
    standard.name_en = "Access test".to_owned();
    standard.requirements = vec!["KTP".to_owned()];
    standard.completion_time.text = "1 hari kerja".to_owned();
    for tier in &mut standard.complaints.as_mut().unwrap().tiers {
        tier.deadline.text = "1 hari kerja".to_owned();
    }
    serde_json::to_string(&skm_core::editing::SaveStandard { standard, effective_from: None }).unwrap()
}

#[tokio::test]
async fn every_route_answers_every_caller_as_its_role_allows() {
    let st = state();
    let callers: Vec<(&str, Who)> = vec![
        ("anonymous", Who::Anonymous),
        ("pemda", session(&st, "pemda").await),
        ("admin.a", session(&st, "admin.a").await),
        ("pimpinan.a", session(&st, "pimpinan.a").await),
        ("operator.a", session(&st, "operator.a").await),
        ("token read B", Who::Bearer(token(&st, TokenPermission::Read, &[B]))),
        ("token write A", Who::Bearer(token(&st, TokenPermission::Write, &[A]))),
        ("admin token", Who::Bearer("rahasia".to_owned())),
    ];
    let standard = standard_body();
    let reset = r#"{"password":"teh-manis-hangat"}"#;
    let new_token = r#"{"units":["*"],"permission":"read","note":"uji"}"#;
    let action = r#"{"period":"2026","action":"Uji","owner":"Sekretaris","deadline":"2026-12-31"}"#;
    let population = r#"{"period":"2026","service":"uji","population":10}"#;
    let paper = r#"{"serial":"X-1","filled_on":"2026-01-05","service":"tidak-ada","answers":{}}"#;
    // y: allowed (anything but 401/403), n: 403, u: 401; one letter per caller, in order.
    let table: Vec<(&str, String, Option<&str>, &str)> = vec![
        ("GET", "/api/v1/responses.csv".into(), None, "uynnnnny"),
        ("GET", format!("/api/v1/units/{A}/responses.csv"), None, "uyyynnyy"),
        ("GET", format!("/api/v1/units/{B}/responses.csv"), None, "uynnnyny"),
        ("POST", format!("/api/v1/units/{A}/standards"), Some(&standard), "uyynnnyy"),
        ("POST", format!("/api/v1/units/{B}/standards"), Some(&standard), "uynnnnny"),
        ("POST", format!("/api/v1/units/{A}/services/tidak-ada/retire"), None, "uyynnnyy"),
        ("POST", format!("/api/v1/units/{B}/services/tidak-ada/retire"), None, "uynnnnny"),
        ("GET", format!("/api/v1/units/{A}/follow-up"), None, "uyyynnyy"),
        ("GET", format!("/api/v1/units/{B}/follow-up"), None, "uynnnyny"),
        ("POST", format!("/api/v1/units/{A}/follow-up"), Some(action), "uyynnnyy"),
        ("POST", format!("/api/v1/units/{B}/follow-up"), Some(action), "uynnnnny"),
        ("POST", format!("/api/v1/units/{A}/follow-up/999"), Some(action), "uyynnnyy"),
        ("GET", format!("/api/v1/units/{A}/populations"), None, "uyyynnyy"),
        ("POST", format!("/api/v1/units/{A}/populations"), Some(population), "uyynnnyy"),
        ("POST", format!("/api/v1/units/{B}/populations"), Some(population), "uynnnnny"),
        ("POST", format!("/api/v1/units/{A}/populations/999"), Some(population), "uyynnnyy"),
        ("GET", format!("/api/v1/units/{A}/sampling"), None, "uyyynnyy"),
        ("GET", format!("/api/v1/units/{B}/sampling"), None, "uynnnyny"),
        ("POST", format!("/api/v1/units/{A}/paper"), Some(paper), "uyynynyy"),
        ("POST", format!("/api/v1/units/{B}/paper"), Some(paper), "uynnnnny"),
        ("GET", "/api/v1/users".into(), None, "uyynnnnn"),
        ("GET", format!("/api/v1/units/{A}/users"), None, "uyynnnnn"),
        ("GET", format!("/api/v1/units/{B}/users"), None, "uynnnnnn"),
        ("POST", "/api/v1/users/cadangan/reset".into(), Some(reset), "uynnnnnn"),
        ("GET", "/api/v1/tokens".into(), None, "uynnnnnn"),
        ("POST", "/api/v1/tokens".into(), Some(new_token), "uynnnnnn"),
        ("POST", "/api/v1/tokens/skm_00000000/revoke".into(), None, "uynnnnnn"),
        ("POST", "/api/v1/users/cadangan/disable".into(), None, "uynnnnnn"),
        ("GET", "/api/v1/audit".into(), None, "uynnnnnn"),
        ("GET", "/api/v1/audit.csv".into(), None, "uynnnnnn"),
        ("GET", "/api/v1/audit.xlsx".into(), None, "uynnnnnn"),
        ("GET", "/api/v1/units".into(), None, "yyyyyyyy"),
        ("GET", format!("/api/v1/units/{B}/standards"), None, "yyyyyyyy"),
        ("GET", format!("/api/v1/units/{B}/services"), None, "yyyyyyyy"),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &table {
        assert_eq!(expected.len(), callers.len(), "{path}");
        for ((name, who), want) in callers.iter().zip(expected.chars()) {
            let got = send(&st, request(who, method, path, *body)).await;
            let ok = match want {
                'y' => got.status != StatusCode::UNAUTHORIZED && got.status != StatusCode::FORBIDDEN,
                'n' => got.status == StatusCode::FORBIDDEN,
                _ => got.status == StatusCode::UNAUTHORIZED,
            };
            if !ok {
                wrong.push(format!("{method} {path} as {name}: wanted {want}, got {} {}", got.status, got.body));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // A unit's admin sees the accounts of its unit only.
    let got = send(&st, request(&callers[2].1, "GET", "/api/v1/users", None)).await;
    let users: Vec<serde_json::Value> = serde_json::from_str(&got.body).unwrap();
    let names: Vec<&str> = users.iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names, ["admin.a", "operator.a", "pimpinan.a"]);
    assert!(!got.body.contains("argon2"), "never a password hash");

    // The refused export of another unit is in the audit log, with who and from where.
    let log = st.store.lock().unwrap().audit_log().unwrap();
    assert!(
        log.iter().any(|e| e.actor == "admin.a"
            && e.action == "ReadResponses"
            && e.target == B
            && e.outcome == "refused"
            && e.address == "192.0.2.10"),
        "{log:#?}"
    );
    assert!(log.iter().any(|e| e.actor == "admin.a" && e.action == "export" && e.target == A && e.outcome == "ok"));
    assert!(log.iter().any(|e| e.action == "standards.save" && e.target == format!("{A}/uji-akses")));
}

#[tokio::test]
async fn a_session_changes_nothing_without_its_csrf_token_and_ends_on_sign_out() {
    let st = state();
    let Who::Session { cookie, csrf } = session(&st, "admin.a").await else { unreachable!() };
    let path = format!("/api/v1/units/{A}/standards");
    let bare = Request::post(&path)
        .header("cookie", format!("skm_session={cookie}"))
        .header("content-type", "application/json")
        .body(Body::from(standard_body()))
        .unwrap();
    let got = send(&st, bare).await;
    assert_eq!(got.status, StatusCode::FORBIDDEN);
    assert!(got.body.contains("\"csrf\""), "{}", got.body);
    let forged = Who::Session { cookie: cookie.clone(), csrf: "0".repeat(64) };
    assert_eq!(send(&st, request(&forged, "POST", &path, Some(&standard_body()))).await.status, StatusCode::FORBIDDEN);
    // Reading needs no CSRF token; the session says who it is.
    let me = send(
        &st,
        request(&Who::Session { cookie: cookie.clone(), csrf: String::new() }, "GET", "/api/v1/session", None),
    )
    .await;
    assert_eq!(me.status, StatusCode::OK);
    let me: serde_json::Value = serde_json::from_str(&me.body).unwrap();
    assert_eq!((me["username"].as_str(), me["role"].as_str()), (Some("admin.a"), Some("admin_unit")));
    assert_eq!(me["scope"]["units"][0], A);
    // Signed out: the cookie opens nothing any more.
    let who = Who::Session { cookie: cookie.clone(), csrf };
    assert_eq!(send(&st, request(&who, "DELETE", "/api/v1/session", None)).await.status, StatusCode::NO_CONTENT);
    let after = send(&st, request(&who, "GET", &format!("/api/v1/units/{A}/responses.csv"), None)).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_with_a_clear_message() {
    let st = state();
    for _ in 0..5 {
        let got = sign_in(&st, "admin.a", "salah-sekali-ini").await;
        assert_eq!(got.status, StatusCode::UNAUTHORIZED);
        assert!(got.body.contains("wrong username or password"), "{}", got.body);
    }
    // The sixth failure earns a wait; during it even the right password is not heard.
    assert_eq!(sign_in(&st, "admin.a", "salah-sekali-ini").await.status, StatusCode::UNAUTHORIZED);
    let locked = sign_in(&st, "admin.a", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS, "{}", locked.body);
    assert!(locked.body.contains("locked") && locked.headers.get("retry-after").is_some(), "{}", locked.body);
    // Another account from the same address is not locked.
    assert_eq!(sign_in(&st, "pimpinan.a", PASSWORD).await.status, StatusCode::OK);
    // An unknown account fails like a wrong password.
    assert_eq!(sign_in(&st, "tidak.ada", PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    let log = st.store.lock().unwrap().audit_log().unwrap();
    let failed = log.iter().filter(|e| e.target == "admin.a" && e.action == "sign_in" && e.outcome == "failed").count();
    assert_eq!(failed, 6);
    assert!(log.iter().any(|e| e.target == "admin.a" && e.outcome == "locked"));
    assert!(log.iter().any(|e| e.target == "pimpinan.a" && e.action == "sign_in" && e.outcome == "ok"));
}

#[tokio::test]
async fn a_revoked_token_opens_nothing_and_its_last_use_is_kept() {
    let st = state();
    let secret = token(&st, TokenPermission::Read, &[A]);
    let path = format!("/api/v1/units/{A}/responses.csv");
    assert_eq!(send(&st, request(&Who::Bearer(secret.clone()), "GET", &path, None)).await.status, StatusCode::OK);
    let listed = st.store.lock().unwrap().tokens().unwrap();
    assert!(listed[0].info.last_used.is_some());
    assert!(secret.starts_with(&listed[0].info.prefix));
    let cli = Audit { actor: "cli", ..Audit::default() };
    st.store.lock().unwrap().revoke_token(&listed[0].info.prefix, cli).unwrap();
    assert_eq!(send(&st, request(&Who::Bearer(secret), "GET", &path, None)).await.status, StatusCode::UNAUTHORIZED);
    let log = st.store.lock().unwrap().audit_log().unwrap();
    assert!(log.iter().any(|e| e.action == "token.revoke" && e.target == listed[0].info.prefix));
    assert!(log.iter().any(|e| e.action == "token.use" && e.outcome == "refused"));
}
