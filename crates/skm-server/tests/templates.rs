//! The templates the empty dashboard views offer: each kind as CSV and XLSX, public, and read by
//! the analytics exactly as a filled-in file would be, with no row dropped.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_analytics::{analyse_year, classify, Input, Mapping, YearContext, YearFile, YearOptions};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::year::FILE_KINDS;
use skm_server::{router, AdminToken, AppState, RateLimit, SubmitLimiter};
use tower::ServiceExt;

async fn get(web_dir: &std::path::Path, path: &str) -> (StatusCode, String, Vec<u8>) {
    let state = AppState::new(
        support::demo_store(),
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 60, burst: 50 }, Vec::<String>::new()),
        web_dir,
    )
    .unwrap();
    let res = router(state).oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let disposition =
        res.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    (status, disposition, res.into_body().collect().await.unwrap().to_bytes().to_vec())
}

#[tokio::test]
async fn every_template_is_read_with_no_row_dropped() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "xlsx"] {
        let mut files = Vec::new();
        for kind in FILE_KINDS {
            let name = format!("{}.{format}", kind.file_stem());
            let (status, disposition, bytes) = get(dir.path(), &format!("/api/v1/templates/{name}")).await;
            assert_eq!(status, StatusCode::OK, "{name}");
            assert_eq!(disposition, format!("attachment; filename=\"{name}\""));
            if format == "csv" {
                let text = String::from_utf8(bytes.clone()).unwrap();
                let header: Vec<&str> = kind.columns().iter().map(|c| c.name).collect();
                assert_eq!(text.lines().next(), Some(header.join(",").as_str()));
                assert_eq!(text.lines().count(), 2, "{name}: the header and one example");
            }
            files.push((name, bytes));
        }
        let year_files: Vec<YearFile<'_>> = files
            .iter()
            .map(|(name, bytes)| {
                let input = Input::new(name, bytes);
                YearFile { kind: classify(&input).unwrap(), input }
            })
            .collect();
        for (file, kind) in year_files.iter().zip(FILE_KINDS) {
            assert_eq!(file.kind, kind, "{}", file.input.name);
        }
        let (catalog, calendar, mapping) =
            (Catalog::builtin().unwrap(), Calendar::default_wib().unwrap(), Mapping::builtin().unwrap());
        let options = YearOptions::whole_year(2026);
        let ctx = YearContext { catalog: &catalog, calendar: &calendar, mapping: &mapping };
        let report = analyse_year(&year_files, ctx, &options, &mut |_| {}).unwrap();
        assert!(report.missing.is_empty(), "{format}: {:?}", report.missing);
        for input in report.inputs() {
            assert_eq!(input.rows_dropped, 0, "{format}: {:?}", input.issues);
            assert!(input.issues.is_empty(), "{format}: {:?}", input.issues);
        }
        let ikm = report.ikm.unwrap();
        assert_eq!(ikm.overall.summary.respondents, 1, "{format}");
        let sla = report.sla.unwrap();
        assert_eq!((sla.requests.overall.total, sla.requests.overall.met), (1, 1), "{format}");
        assert_eq!(sla.complaints.unwrap().overall.total, 1, "{format}");
        assert_eq!(sla.steps.iter().map(|s| s.tally.total).sum::<u64>(), 1, "{format}: the step is judged");
        let meetings = report.meetings.unwrap();
        assert_eq!(meetings.months_compliant, 1, "{format}: January's meeting");
        assert_eq!(meetings.actions.unwrap().done_on_time, 1, "{format}");
    }
}

#[tokio::test]
async fn an_unknown_template_is_a_clear_404() {
    let dir = tempfile::tempdir().unwrap();
    for path in ["/api/v1/templates/passwords.csv", "/api/v1/templates/requests.exe", "/api/v1/templates/requests"] {
        let (status, _, body) = get(dir.path(), path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(String::from_utf8_lossy(&body).contains("no such template"), "{path}");
    }
}
