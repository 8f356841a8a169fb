//! Units and the versions of their standards: the migration of an older database, versions in
//! force by date, imports that store all or nothing, and the unit-aware API.

mod support;

use support::state;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use jiff::civil::date;
use skm_server::{router, AppState, Store, StoreError, SCHEMA_VERSION};
use tower::ServiceExt;

const RELEASE_2026_11: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/release-2026-11.db");

/// A standard document of another office: a service promised in 5 working days, with its own
/// complaint tiers.
const PERIZINAN: &str = include_str!("../../../tests/offices/izin-reklame.toml");

#[test]
fn a_database_of_the_release_before_units_opens_with_nothing_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skm.db");
    std::fs::copy(RELEASE_2026_11, &path).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    // Every response of the old file (356 of the demo fill and one typed in), unchanged.
    assert_eq!(store.count().unwrap(), 357);
    let typed = store.get("6f1c2f0e-8d7a-4c39-9a51-2f0b3c4d5e6f").unwrap().unwrap();
    assert_eq!(typed.suggestion.as_deref(), Some("Mohon loket dibuka lebih pagi — terima kasih"));
    assert_eq!(typed.scores(), [Some(4), Some(3), Some(4), Some(4), Some(2), Some(3), Some(4), Some(4), Some(1)]);
    assert_eq!(store.setting("admin_token_sha256").unwrap().map(|h| h.len()), Some(64));
    // The two units whose services the old release surveyed, each response filed under its own.
    let units: Vec<String> = store.units().unwrap().into_iter().map(|u| u.unit.code).collect();
    assert_eq!(units, ["diskominfo-ketapang", "dinkominfo-purbalingga"]);
    assert_eq!(store.unit_of(&typed.id).unwrap().as_deref(), Some("diskominfo-ketapang"));
    let ketapang = store.all(Some("diskominfo-ketapang")).unwrap();
    let purbalingga = store.all(Some("dinkominfo-purbalingga")).unwrap();
    assert_eq!(ketapang.len() + purbalingga.len(), 357);
    assert!(ketapang.iter().all(|r| r.service == "informasi-dokumentasi-publik"));
    assert!(purbalingga.iter().all(|r| r.service != "informasi-dokumentasi-publik"));
    let today = skm_server::now_wib().date();
    assert_eq!(store.standards_in_force("dinkominfo-purbalingga", today).unwrap().len(), 4);
    drop(store);

    // Opening it again changes nothing.
    let again = Store::open(&path).unwrap();
    assert_eq!(again.count().unwrap(), 357);
    assert_eq!(again.units().unwrap().len(), 2);
    assert_eq!(again.standard_history("dinkominfo-purbalingga").unwrap().len(), 4);
}

#[test]
fn a_database_from_a_newer_release_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skm.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    drop(conn);
    let Err(error) = Store::open(&path) else { panic!("a newer database opened") };
    assert!(matches!(error, StoreError::TooNew { .. }), "{error}");
    assert!(error.to_string().contains("update skm"), "{error}");
}

#[test]
fn the_version_in_force_follows_the_effective_date_and_retiring_keeps_history() {
    let mut store = support::demo_store();
    let unit = "dinkominfo-purbalingga";
    let first = store.standard_history(unit).unwrap();
    let v1 = first.iter().find(|v| v.service == "internet-jaringan").unwrap();
    let revised = v1.document.as_deref().unwrap().replace(
        "text = \"1 Hari kerja\"\nlimit = { unit = \"working_days\", amount = 1 }",
        "text = \"2 Hari kerja\"\nlimit = { unit = \"working_days\", amount = 2 }",
    );
    assert_ne!(&revised, v1.document.as_deref().unwrap());
    let doc = vec![("revisi/internet-jaringan.toml".to_owned(), revised.clone())];
    let done = store.import_standards(unit, &doc, date(2027, 1, 1)).unwrap();
    assert_eq!((done[0].version, done[0].new), (2, true));
    // The same document on the same date again is not a new version.
    let again = store.import_standards(unit, &doc, date(2027, 1, 1)).unwrap();
    assert_eq!((again[0].version, again[0].new), (2, false));

    let text = |store: &Store, d| {
        let in_force = store.standards_in_force(unit, d).unwrap();
        in_force
            .iter()
            .find(|v| v.service == "internet-jaringan")
            .map(|v| (v.version, v.standard.as_ref().unwrap().completion_time.text.clone()))
    };
    assert_eq!(text(&store, date(2026, 12, 31)).unwrap().0, 1);
    assert_eq!(text(&store, date(2027, 1, 1)), Some((2, "2 Hari kerja".to_owned())));

    store.retire_service(unit, "internet-jaringan", date(2027, 6, 1)).unwrap();
    assert!(text(&store, date(2027, 5, 31)).is_some());
    assert!(text(&store, date(2027, 6, 1)).is_none());
    let history: Vec<_> = store
        .standard_history(unit)
        .unwrap()
        .into_iter()
        .filter(|v| v.service == "internet-jaringan")
        .map(|v| (v.version, v.effective_from, v.standard.is_some()))
        .collect();
    assert_eq!(
        history,
        [(1, skm_server::now_wib().date(), true), (2, date(2027, 1, 1), true), (3, date(2027, 6, 1), false)]
    );
    let Err(e) = store.retire_service(unit, "tidak-ada", date(2027, 6, 1)) else { panic!() };
    assert!(matches!(e, StoreError::NoService { .. }));
}

#[test]
fn an_import_with_one_broken_document_stores_nothing_and_names_the_place() {
    let mut store = support::demo_store();
    let unit = "diskominfo-ketapang";
    let before = store.standard_history(unit).unwrap();
    let broken = PERIZINAN.replacen("number = \"", "number = 7 \"", 1);
    let docs =
        vec![("baru/izin-reklame.toml".to_owned(), PERIZINAN.to_owned()), ("baru/rusak.toml".to_owned(), broken)];
    let Err(e) = store.import_standards(unit, &docs, date(2026, 12, 1)) else { panic!("imported") };
    let message = e.to_string();
    assert!(message.starts_with("baru/rusak.toml:"), "{message}");
    let place: Vec<&str> = message.splitn(4, ':').collect();
    assert!(place[1].parse::<usize>().unwrap() > 1 && place[2].parse::<usize>().unwrap() > 1, "{message}");
    assert_eq!(store.standard_history(unit).unwrap(), before);

    // Two documents for one service are refused too.
    let twice = vec![("a.toml".to_owned(), PERIZINAN.to_owned()), ("b.toml".to_owned(), PERIZINAN.to_owned())];
    let Err(e) = store.import_standards(unit, &twice, date(2026, 12, 1)) else { panic!("imported") };
    assert!(e.to_string().contains("izin-reklame"), "{e}");
    assert_eq!(store.standard_history(unit).unwrap(), before);
    let Err(e) = store.import_standards("tidak-ada", &docs[..1], date(2026, 12, 1)) else { panic!() };
    assert!(matches!(e, StoreError::NoUnit(_)), "{e}");
}

async fn call(state: &AppState, req: Request<Body>) -> (StatusCode, serde_json::Value) {
    let res = router(state.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&body).unwrap_or_else(|_| String::from_utf8_lossy(&body).into());
    (status, value)
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).header("authorization", "Bearer rahasia").body(Body::empty()).unwrap()
}

fn submit(unit: Option<&str>, service: &str) -> Request<Body> {
    let unit = unit.map(|u| format!(r#""unit":"{u}","#)).unwrap_or_default();
    let body = format!(
        r#"{{{unit}"service":"{service}","answers":{{"u1":4,"u2":3,"u3":3,"u4":4,"u5":3,"u6":4,"u7":4,"u8":2,"u9":3}}}}"#
    );
    Request::post("/api/v1/responses").header("content-type", "application/json").body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn the_api_lists_units_and_files_each_response_under_its_unit() {
    let mut store = support::demo_store();
    let other =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/offices/dpmptsp-contoh.toml"))
            .unwrap();
    store.add_unit("dpmptsp-contoh.toml", &other, false).unwrap();
    let docs = vec![("izin-reklame.toml".to_owned(), PERIZINAN.to_owned())];
    store.import_standards("dpmptsp-contoh", &docs, date(2026, 1, 1)).unwrap();
    // The same service code at a second unit.
    let shared = PERIZINAN
        .replace("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Contoh", "Diskominfo Ketapang");
    store.import_standards("diskominfo-ketapang", &[("k.toml".to_owned(), shared)], date(2026, 1, 1)).unwrap();
    let st = state(store);

    let (status, units) = call(&st, get("/api/v1/units")).await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<&str> = units.as_array().unwrap().iter().map(|u| u["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["dpmptsp-contoh", "diskominfo-ketapang", "dinkominfo-purbalingga"]);
    let (status, unit) = call(&st, get("/api/v1/units/dpmptsp-contoh")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unit["pemda"], "Kabupaten Contoh");
    assert_eq!(unit["zone"], "WITA");
    assert_eq!(unit["services"], 1);
    let (status, services) = call(&st, get("/api/v1/units/dpmptsp-contoh/services")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(services[0]["code"], "izin-reklame");
    assert_eq!(services[0]["completion_time"], "5 (lima) hari kerja");
    let (status, refusal) = call(&st, get("/api/v1/units/tidak-ada/services")).await;
    assert_eq!((status, refusal["field"].as_str()), (StatusCode::NOT_FOUND, Some("unit")));

    // Named unit, or a code only one unit uses; a shared code needs the unit.
    let (status, _) = call(&st, submit(Some("dpmptsp-contoh"), "izin-reklame")).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = call(&st, submit(None, "publikasi-media-sosial")).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, refusal) = call(&st, submit(None, "izin-reklame")).await;
    assert_eq!((status, refusal["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unit")));
    let (status, refusal) = call(&st, submit(Some("dpmptsp-contoh"), "publikasi-media-sosial")).await;
    assert_eq!((status, refusal["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("service")));
    assert!(refusal["message_en"].as_str().unwrap().contains("'publikasi-media-sosial'"), "{refusal}");
    let (status, refusal) = call(&st, submit(Some("tidak-ada"), "izin-reklame")).await;
    assert_eq!((status, refusal["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("unit")));

    // A retired service is refused from the day it retires.
    st.store
        .lock()
        .unwrap()
        .retire_service("dinkominfo-purbalingga", "internet-jaringan", skm_server::now_wib().date())
        .unwrap();
    st.directory.reload(&st.store);
    let (status, refusal) = call(&st, submit(None, "internet-jaringan")).await;
    assert_eq!((status, refusal["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("service")));

    // The unit's documents for the dashboard: the same catalog the CLI reads from the store.
    let (status, documents) = call(&st, get("/api/v1/units/dpmptsp-contoh/standards")).await;
    assert_eq!(status, StatusCode::OK);
    let documents: skm_core::unit::UnitDocuments = serde_json::from_value(documents).unwrap();
    let (unit, catalog) = documents.read(skm_server::now_wib().date()).unwrap();
    assert_eq!(unit.calendar.zone.name(), "WITA");
    assert_eq!(catalog.get("izin-reklame").unwrap().completion_time.text, "5 (lima) hari kerja");
    let expected = st.store.lock().unwrap().catalog("dpmptsp-contoh", skm_server::now_wib().date()).unwrap();
    assert_eq!(catalog, expected);

    // The address before units is redirected where one unit offers the service, query kept; a
    // code two units share gets the page (which lets the citizen choose).
    let old = Request::get("/survei/publikasi-media-sosial?kiosk=1").body(Body::empty()).unwrap();
    let res = router(st.clone()).oneshot(old).await.unwrap();
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(res.headers()["location"], "/survei/dinkominfo-purbalingga/publikasi-media-sosial?kiosk=1");
    let shared = Request::get("/survei/izin-reklame").body(Body::empty()).unwrap();
    let res = router(st.clone()).oneshot(shared).await.unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "no app built here: the page that says so");

    // Each unit's export holds its own responses only, behind the admin token.
    let (status, csv) = call(&st, get("/api/v1/units/dpmptsp-contoh/responses.csv")).await;
    assert_eq!(status, StatusCode::OK);
    let csv = csv.as_str().unwrap().to_owned();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.contains(",izin-reklame,"), "{csv}");
    let (status, csv) = call(&st, get("/api/v1/units/dinkominfo-purbalingga/responses.csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!csv.as_str().unwrap().contains("izin-reklame"));
    let anonymous = Request::get("/api/v1/units/dpmptsp-contoh/responses.csv").body(Body::empty()).unwrap();
    let (status, _) = call(&st, anonymous).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

fn post_json(path: &str, token: Option<&str>, body: String) -> Request<Body> {
    let mut req = Request::post(path).header("content-type", "application/json");
    if let Some(token) = token {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    req.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn the_admin_page_saves_a_service_as_a_new_version_and_retires_one() {
    let st = state(support::demo_store());
    let unit = "dinkominfo-purbalingga";
    let path = format!("/api/v1/units/{unit}/standards");
    let mut standard = skm_core::editing::template("Dinas Komunikasi dan Informatika Kabupaten Purbalingga");

    // A blank form: refused with every problem, each naming its field; nothing stored.
    let save = |standard: &skm_core::catalog::ServiceStandard, effective: Option<&str>| {
        serde_json::to_string(&skm_core::editing::SaveStandard {
            standard: standard.clone(),
            effective_from: effective.map(str::to_owned),
        })
        .unwrap()
    };
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&standard, None))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["problems"].as_array().unwrap().iter().map(|p| p["field"].as_str().unwrap()).collect();
    assert_eq!(fields[..4], ["code", "name", "name_en", "requirements"], "{body}");
    assert!(fields.contains(&"complaints.tiers[0].deadline.text"), "{fields:?}");
    assert_eq!(body["field"], "code");
    assert_eq!(st.store.lock().unwrap().standard_history(unit).unwrap().len(), 4);

    // Without the token: 401, and nothing stored.
    standard.code = "pengaduan-siaran".to_owned();
    standard.name = "Pengaduan Siaran".to_owned();
    standard.name_en = "Broadcast complaints".to_owned();
    standard.requirements = vec!["KTP".to_owned()];
    standard.completion_time.text = "3 hari kerja".to_owned();
    standard.completion_time.limit = skm_core::catalog::Limit::WorkingDays { amount: 3 };
    for tier in &mut standard.complaints.as_mut().unwrap().tiers {
        tier.deadline.text = "1 hari kerja".to_owned();
    }
    let (status, _) = call(&st, post_json(&path, None, save(&standard, None))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = call(&st, post_json(&path, Some("salah"), save(&standard, None))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Saved: version 1, in force today, offered by the survey at once.
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&standard, None))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!((body["service"].as_str(), body["version"].as_u64()), (Some("pengaduan-siaran"), Some(1)));
    let (_, services) = call(&st, get(&format!("/api/v1/units/{unit}/services"))).await;
    assert!(services.as_array().unwrap().iter().any(|s| s["code"] == "pengaduan-siaran"), "{services}");
    // The same again changes nothing; an edit from a later day is version 2, and today's survey
    // still shows version 1.
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&standard, None))).await;
    assert_eq!((status, body["version"].as_u64(), body["new"].as_bool()), (StatusCode::OK, Some(1), Some(false)));
    standard.completion_time.text = "2 hari kerja".to_owned();
    standard.completion_time.limit = skm_core::catalog::Limit::WorkingDays { amount: 2 };
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&standard, Some("2099-01-01")))).await;
    assert_eq!((status, body["version"].as_u64()), (StatusCode::CREATED, Some(2)), "{body}");
    let today = skm_server::now_wib().date();
    let (in_force, history) = {
        let store = st.store.lock().unwrap();
        (store.catalog(unit, today).unwrap(), store.standard_history(unit).unwrap())
    };
    assert_eq!(in_force.get("pengaduan-siaran").unwrap().completion_time.text, "3 hari kerja");
    // The stored document is the documented TOML, read back by the catalog's own reader.
    let latest = history.iter().rfind(|v| v.service == "pengaduan-siaran").unwrap();
    let text = latest.document.as_deref().unwrap();
    assert_eq!(skm_core::catalog::Catalog::parse_document("x.toml", text).unwrap(), standard);

    // A bad date and a body that is not the format: refused with the field named.
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&standard, Some("besok")))).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("effective_from")));
    let broken = r#"{"standard":{"code":"x","kind":"sop_baru"}}"#.to_owned();
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), broken)).await;
    assert_eq!((status, body["field"].as_str()), (StatusCode::BAD_REQUEST, Some("standard.kind")), "{body}");
    // Larger than the submission limit (16 KB) but a standard may be: accepted up to 256 KB.
    let mut long = standard.clone();
    long.legal_basis = vec!["Peraturan ".repeat(40); 60];
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&long, None))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    long.legal_basis = vec!["Peraturan ".repeat(100); 300];
    let (status, body) = call(&st, post_json(&path, Some("rahasia"), save(&long, None))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(body["message_en"].as_str().unwrap().contains("256 KB"), "{body}");

    // Retired: gone from the survey, its versions kept.
    let retire = format!("/api/v1/units/{unit}/services/pengaduan-siaran/retire");
    let (status, _) = call(&st, post_json(&retire, None, String::new())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = call(&st, post_json(&retire, Some("rahasia"), String::new())).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, services) = call(&st, get(&format!("/api/v1/units/{unit}/services"))).await;
    assert!(!services.as_array().unwrap().iter().any(|s| s["code"] == "pengaduan-siaran"), "{services}");
    let missing = format!("/api/v1/units/{unit}/services/tidak-ada/retire");
    let (status, _) = call(&st, post_json(&missing, Some("rahasia"), String::new())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) =
        call(&st, post_json("/api/v1/units/tidak-ada/standards", Some("rahasia"), save(&standard, None))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[test]
fn responses_stored_before_channels_keep_no_channel_but_paper_forms_are_known() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("skm.db");
    drop(Store::open(&path).unwrap());
    // The database as the release before channels left it: version 4, no channel column.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "ALTER TABLE responses DROP COLUMN channel;
         INSERT INTO responses (id, submitted_at, service, u1, u2, u3, u4, u5, u6, u7, u8, u9)
         VALUES ('kertas-u-PBG-1', '2026-11-30T12:00:00+07:00', 'internet-jaringan', 3, 3, 3, 3, 3, 3, 3, 3, 3),
                ('6f1c2f0e-8d7a-4c39-9a51-2f0b3c4d5e6f', '2026-11-30T09:00:00+07:00', 'internet-jaringan', 4, 4, 4, 4, 4, 4, 4, 4, 4);",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION - 1).unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let paper = store.get("kertas-u-PBG-1").unwrap().unwrap();
    assert_eq!(paper.channel, Some(skm_core::channel::Channel::Paper));
    let online = store.get("6f1c2f0e-8d7a-4c39-9a51-2f0b3c4d5e6f").unwrap().unwrap();
    assert_eq!(online.channel, None, "a link or a QR code: not known, not guessed");
}
