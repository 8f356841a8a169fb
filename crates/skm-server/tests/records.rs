//! A unit's records over the API, the follow-up actions (RTL) and the publication register: added
//! and changed by the unit's admin (here the admin token), every rule named by field, every
//! change audited; the actions shown on the public results page with their status, without their
//! evidence.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_server::{router, AppState};
use tower::ServiceExt;

const UNIT: &str = "dinkominfo-purbalingga";

async fn call(st: &AppState, method: &str, path: &str, body: Option<serde_json::Value>) -> (StatusCode, String) {
    let mut req = Request::builder().method(method).uri(path).header("authorization", "Bearer rahasia");
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).unwrap();
    let res = router(st.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn action(status: &str, evidence: &str) -> serde_json::Value {
    serde_json::json!({
        "period": "2026-S2",
        "finding": "U8 Penanganan pengaduan · NRR 2,40 (D)",
        "action": "Buka kanal <b>WhatsApp</b> pengaduan",
        "owner": "Sekretaris",
        "deadline": "2026-12-31",
        "status": status,
        "evidence": evidence,
    })
}

#[tokio::test]
async fn an_action_is_added_changed_audited_and_published_with_its_status() {
    let st = support::state(support::demo_store());
    let base = format!("/api/v1/units/{UNIT}/follow-up");

    // Every broken rule, by its field.
    let bad = serde_json::json!({ "period": "2026-S3", "action": " ", "owner": "", "deadline": "31/12/2026" });
    let (status, body) = call(&st, "POST", &base, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let fields: Vec<&str> = v["problems"].as_array().unwrap().iter().map(|p| p["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["period", "action", "owner", "deadline"]);
    // A field the form does not have is refused by name.
    let mut extra = action("planned", "");
    extra["secret"] = serde_json::json!(1);
    assert_eq!(call(&st, "POST", &base, Some(extra)).await.0, StatusCode::BAD_REQUEST);

    let (status, body) = call(&st, "POST", &base, Some(action("planned", ""))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let made: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = made["id"].as_i64().unwrap();
    assert_eq!((made["version"].as_u64(), made["status"].as_str()), (Some(1), Some("planned")));

    // Done needs its evidence; with it, version 2.
    let (status, _) = call(&st, "POST", &format!("{base}/{id}"), Some(action("done", ""))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = action("done", "Nomor WA aktif sejak 1 Des, catatan internal");
    let (status, body) = call(&st, "POST", &format!("{base}/{id}"), Some(done.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("\"version\":2"), "{body}");
    assert_eq!(call(&st, "POST", &format!("{base}/{}", id + 99), Some(done)).await.0, StatusCode::NOT_FOUND);
    let (_, list) = call(&st, "GET", &base, None).await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["status"], "done");

    let log = st.store.lock().unwrap().audit_log().unwrap();
    let change = log.iter().find(|e| e.action == "follow_up.change").expect("the change is audited");
    assert_eq!(change.target, format!("{UNIT}/{id}"));
    assert!(change.old.as_deref().unwrap_or_default().contains("\"planned\""));
    assert!(change.new.as_deref().unwrap_or_default().contains("\"done\""));
    assert!(log.iter().any(|e| e.action == "follow_up.add"));

    // Public: the action with its status and the share done, without the evidence, escaped.
    let (status, json) = call(&st, "GET", &format!("/api/v1/units/{UNIT}/results.json"), None).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["follow_up"][0]["period"], "2026-S2");
    assert_eq!(v["follow_up"][0]["progress"]["done"], 1);
    assert_eq!(v["follow_up"][0]["actions"][0]["status"], "done");
    assert!(!json.contains("catatan internal"), "{json}");
    let (_, page) = call(&st, "GET", &format!("/hasil/{UNIT}"), None).await;
    assert!(page.contains("data-status=\"done\""), "{page}");
    assert!(page.contains("Buka kanal &lt;b&gt;WhatsApp&lt;/b&gt; pengaduan"));
    assert!(page.contains("1 dari 1 tindakan selesai (100 %)"));
    assert!(!page.contains("catatan internal") && !page.contains("belum dicatat"));
}

#[tokio::test]
async fn a_publication_needs_a_web_link_online_and_is_listed() {
    let st = support::state(support::demo_store());
    let base = format!("/api/v1/units/{UNIT}/publications");
    let entry = |medium: &str, link: &str| serde_json::json!({ "period": "2026-S1", "medium": medium, "published_on": "2026-07-15", "link": link });
    for bad in ["javascript:alert(1)", "", "https://x.id/\"><script>"] {
        let (status, body) = call(&st, "POST", &base, Some(entry("instagram", bad))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {body}");
        assert!(body.contains("\"field\":\"link\""), "{body}");
    }
    let (status, body) = call(&st, "POST", &base, Some(entry("majalah", "https://x.id"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown medium: {body}");
    assert_eq!(
        call(&st, "POST", &base, Some(entry("instagram", "https://instagram.com/p/1"))).await.0,
        StatusCode::CREATED
    );
    let (status, body) = call(&st, "POST", &base, Some(entry("noticeboard", ""))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let made: serde_json::Value = serde_json::from_str(&body).unwrap();
    let id = made["id"].as_i64().unwrap();
    let (status, body) = call(&st, "POST", &format!("{base}/{id}"), Some(entry("print", ""))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, list) = call(&st, "GET", &base, None).await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap();
    let media: Vec<&str> = list.iter().map(|p| p["medium"].as_str().unwrap()).collect();
    assert_eq!(media, ["instagram", "print"]);
    let log = st.store.lock().unwrap().audit_log().unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "publication.add").count(), 2);
    assert!(log.iter().any(|e| e.action == "publication.change" && e.target == format!("{UNIT}/{id}")));
}
