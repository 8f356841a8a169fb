//! Paper forms typed in by an operator: a sheet's serial number stores it once, ever; a second
//! entry of the same sheet is refused with 409, whatever it holds.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_core::paper::PaperEntry;
use skm_server::{router, AppState};
use tower::ServiceExt;

const UNIT: &str = "dinkominfo-purbalingga";

async fn enter(st: &AppState, entry: &PaperEntry) -> (StatusCode, String) {
    let req = Request::post(format!("/api/v1/units/{UNIT}/paper"))
        .header("authorization", "Bearer rahasia")
        .header("content-type", "application/json")
        .body(Body::from(serde_json::to_string(entry).unwrap()))
        .unwrap();
    let res = router(st.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    (status, String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned())
}

#[tokio::test]
async fn a_sheet_entered_twice_is_stored_once() {
    let st = support::state(support::demo_store());
    let sheet = PaperEntry::with_scores("pbg-0001", "2026-11-30", "internet-jaringan", [3, 4, 4, 3, 4, 3, 4, 3, 4]);
    let (status, body) = enter(&st, &sheet).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body.contains("\"id\":\"kertas-dinkominfo-purbalingga-PBG-0001\""), "{body}");
    assert!(body.contains("\"submitted_at\":\"2026-11-30T12:00:00+07:00\""), "{body}");

    // The same sheet again, and the same serial typed in capitals with other answers: 409.
    let (status, body) = enter(&st, &sheet).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("\"field\":\"serial\"") && body.contains("PBG-0001"), "{body}");
    let typo = PaperEntry::with_scores("PBG-0001", "2026-11-29", "internet-jaringan", [1; 9]);
    assert_eq!(enter(&st, &typo).await.0, StatusCode::CONFLICT);
    let count = st.store.lock().unwrap().all(Some(UNIT)).unwrap().len();
    assert_eq!(count, 1, "stored once");

    // What the sheet cannot be: a day after today, an answer outside 1–4, a bad serial.
    let future = PaperEntry::with_scores("PBG-0002", "2099-01-01", "internet-jaringan", [3; 9]);
    let (status, body) = enter(&st, &future).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("\"field\":\"filled_on\""), "{body}");
    let five = PaperEntry::with_scores("PBG-0003", "2026-11-30", "internet-jaringan", [3, 3, 5, 3, 3, 3, 3, 3, 3]);
    assert!(enter(&st, &five).await.1.contains("\"field\":\"answers.u3\""));
    let slash = PaperEntry::with_scores("PBG/4", "2026-11-30", "internet-jaringan", [3; 9]);
    assert!(enter(&st, &slash).await.1.contains("\"field\":\"serial\""));
    let log = st.store.lock().unwrap().audit_log().unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "paper.enter" && e.outcome == "duplicate").count(), 2);
}
