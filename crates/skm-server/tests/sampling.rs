//! The sampling plan over the API: the population of a service entered once per period by the
//! unit's admin (corrected, never twice, every change audited), the Krejcie–Morgan sample it
//! asks for against the respondents stored, and the public results checked against it.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_core::paper::PaperEntry;
use skm_server::{router, AppState};
use tower::ServiceExt;

const UNIT: &str = "dinkominfo-purbalingga";
const SERVICE: &str = "internet-jaringan";

async fn call(st: &AppState, method: &str, path: &str, body: Option<String>) -> (StatusCode, serde_json::Value) {
    let mut req = Request::builder().method(method).uri(path).header("authorization", "Bearer rahasia");
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    let req = req.body(body.map_or_else(Body::empty, Body::from)).unwrap();
    let res = router(st.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
}

fn population(period: &str, n: u64) -> Option<String> {
    Some(
        serde_json::json!({ "period": period, "service": SERVICE, "population": n, "note": "buku register" })
            .to_string(),
    )
}

#[tokio::test]
async fn the_plan_asks_krejcie_morgan_of_the_population_entered() {
    let st = support::state(support::demo_store());
    let base = format!("/api/v1/units/{UNIT}/populations");

    let bad = Some(r#"{"period":"2026-S3","service":"Internet!","population":999999999999}"#.to_owned());
    let (status, body) = call(&st, "POST", &base, bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["problems"].as_array().unwrap().iter().map(|p| p["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["period", "service", "population"]);

    let (status, made) = call(&st, "POST", &base, population("2026-S1", 900)).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let id = made["id"].as_i64().unwrap();
    // The same service and period again: 409, change the one there.
    let (status, body) = call(&st, "POST", &base, population("2026-S1", 1000)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"], "taken", "{body}");
    let (status, changed) = call(&st, "POST", &format!("{base}/{id}"), population("2026-S1", 1000)).await;
    assert_eq!((status, changed["version"].as_u64()), (StatusCode::OK, Some(2)), "{changed}");
    // Saved again unchanged: no new version, no audit line.
    let (_, same) = call(&st, "POST", &format!("{base}/{id}"), population("2026-S1", 1000)).await;
    assert_eq!(same["version"].as_u64(), Some(2));
    let log = st.store.lock().unwrap().audit_log().unwrap();
    let lines: Vec<&str> =
        log.iter().filter(|e| e.action.starts_with("population.")).map(|e| e.action.as_str()).collect();
    assert_eq!(lines, ["population.add", "population.change"]);

    // Six paper sheets in the first semester, one in the second.
    for (i, day) in ["2026-02-02", "2026-03-03", "2026-04-06", "2026-05-05", "2026-06-01", "2026-06-30", "2026-07-01"]
        .into_iter()
        .enumerate()
    {
        let sheet = PaperEntry::with_scores(&format!("S-{i}"), day, SERVICE, [3, 4, 3, 3, 4, 3, 3, 3, 4]);
        let (status, body) =
            call(&st, "POST", &format!("/api/v1/units/{UNIT}/paper"), Some(serde_json::to_string(&sheet).unwrap()))
                .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    let (status, plan) = call(&st, "GET", &format!("/api/v1/units/{UNIT}/sampling?period=2026-S1"), None).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!((plan["first_day"].as_str(), plan["last_day"].as_str()), (Some("2026-01-01"), Some("2026-06-30")));
    let row = plan["services"].as_array().unwrap().iter().find(|s| s["service"] == SERVICE).unwrap().clone();
    assert_eq!(row["population"], 1000);
    assert_eq!(row["required"], skm_core::sample::krejcie_morgan(1000));
    assert_eq!(row["required"], 278);
    assert_eq!(
        (row["respondents"].as_u64(), row["percent"].as_u64(), row["met"].as_bool()),
        (Some(6), Some(2), Some(false))
    );
    // A service with no population entered is held to the minimum.
    let other = plan["services"].as_array().unwrap().iter().find(|s| s["service"] != SERVICE).unwrap().clone();
    assert_eq!((other.get("population"), other["required"].as_u64()), (None, Some(30)));
    // The year adds up its semesters; the current period is the default.
    let (_, year) = call(&st, "GET", &format!("/api/v1/units/{UNIT}/sampling?period=2026"), None).await;
    let row = year["services"].as_array().unwrap().iter().find(|s| s["service"] == SERVICE).unwrap().clone();
    assert_eq!((row["population"].as_u64(), row["respondents"].as_u64()), (Some(1000), Some(7)));
    assert_eq!(call(&st, "GET", &format!("/api/v1/units/{UNIT}/sampling"), None).await.0, StatusCode::OK);
    let (status, body) = call(&st, "GET", &format!("/api/v1/units/{UNIT}/sampling?period=2026-S9"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(call(&st, "GET", "/api/v1/units/tidak-ada/sampling", None).await.0, StatusCode::NOT_FOUND);

    // The public results of the first semester are checked against N = 1 000.
    let unit = st.directory().unit(UNIT).unwrap().unit.clone();
    let csv = st.store.lock().unwrap().export_csv(Some(UNIT)).unwrap();
    let populations = st.store.lock().unwrap().populations(UNIT).unwrap();
    let records = skm_server::Records { follow_up: &[], populations: &populations };
    let s1 = skm_core::Period::from_key("2026-S1").unwrap();
    let today = jiff::civil::date(2026, 12, 2);
    let results = skm_server::public_results(&unit, &csv, &records, today, Some(s1)).unwrap();
    let sample = results.overall.unwrap().sample.unwrap();
    assert_eq!((sample.population, sample.required, sample.respondents, sample.met), (Some(1000), 278, 6, false));
}
