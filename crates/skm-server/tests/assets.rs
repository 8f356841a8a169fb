//! The analytics worker's files by their content's hash: the addresses the dashboard asks for,
//! the bytes (gzipped once) kept by the browser for a year, and a new build's new addresses.

mod support;

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use skm_server::{router, AdminToken, AppState, RateLimit, SubmitLimiter};
use skm_worker_protocol::{WorkerAssets, WORKER_ASSETS, WORKER_GLUE_FILE, WORKER_WASM_FILE};
use tower::ServiceExt;

struct Got {
    status: StatusCode,
    header: Box<dyn Fn(&str) -> String>,
    body: Vec<u8>,
}

async fn get(state: &AppState, path: &str, gzip: bool) -> Got {
    let mut request = Request::get(path);
    if gzip {
        request = request.header("accept-encoding", "br;q=1.0, gzip;q=0.8");
    }
    let res = router(state.clone()).oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let header =
        Box::new(move |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned());
    Got { status, header, body: res.into_body().collect().await.unwrap().to_bytes().to_vec() }
}

fn state(web: impl Into<skm_server::WebFiles>) -> AppState {
    AppState::new(
        support::demo_store(),
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 60, burst: 50 }, Vec::<String>::new()),
        web,
    )
    .unwrap()
}

async fn assets(state: &AppState) -> WorkerAssets {
    let got = get(state, WORKER_ASSETS, false).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!((got.header)("cache-control"), "no-cache", "the addresses are asked again on every visit");
    serde_json::from_slice(&got.body).unwrap()
}

#[tokio::test]
async fn the_worker_is_served_by_its_hash_and_kept_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let wasm: Vec<u8> = (0..200_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
    std::fs::write(dir.path().join(WORKER_WASM_FILE), &wasm).unwrap();
    std::fs::write(dir.path().join(WORKER_GLUE_FILE), "let wasm_bindgen;").unwrap();
    let st = state(dir.path());

    let first = assets(&st).await;
    assert_eq!(first.wasm_bytes, wasm.len() as u64);
    assert!(first.wasm.starts_with("/v/") && first.wasm.ends_with("/skm-worker_bg.wasm"), "{first:?}");
    assert!(first.script.ends_with("/skm-worker.js"), "{first:?}");

    let got = get(&st, &first.wasm, true).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!((got.header)("cache-control"), "public, max-age=31536000, immutable");
    assert_eq!((got.header)("content-type"), "application/wasm");
    assert_eq!((got.header)("content-encoding"), "gzip");
    assert!(got.body.len() < wasm.len() / 4, "gzipped: {} bytes", got.body.len());
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(got.body.as_slice()).read_to_end(&mut decoded).unwrap();
    assert!(decoded == wasm, "the gzip holds the file");

    let plain = get(&st, &first.wasm, false).await;
    assert_eq!((plain.header)("content-encoding"), "");
    assert!(plain.body == wasm, "a client without gzip gets the file as it is");

    let script = get(&st, &first.script, true).await;
    assert_eq!((script.header)("content-type"), "text/javascript; charset=utf-8");

    // The build's own gzip beside the file is sent as it is, when it holds the same bytes.
    let mut zopfli = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut zopfli, &wasm).unwrap();
    let own = zopfli.finish().unwrap();
    std::fs::write(dir.path().join(format!("{WORKER_WASM_FILE}.gz")), &own).unwrap();
    // Touched, so the server reads the file again.
    std::fs::write(dir.path().join(WORKER_WASM_FILE), &wasm).unwrap();
    let again = assets(&st).await;
    assert_eq!(again.wasm, first.wasm, "the same bytes, the same address");
    assert!(get(&st, &again.wasm, true).await.body == own, "the build's .gz is sent");

    // A new build: new addresses; the old one is gone, not served with the new bytes, and the
    // .gz left from the old build is not sent for the new file.
    std::fs::write(dir.path().join(WORKER_WASM_FILE), b"\0asm new build").unwrap();
    let second = assets(&st).await;
    assert_ne!(second.wasm, first.wasm);
    assert_eq!(second.wasm_bytes, 14);
    assert_eq!(get(&st, &first.wasm, true).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&st, &second.wasm, false).await.body, b"\0asm new build");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(get(&st, &second.wasm, true).await.body.as_slice()).read_to_end(&mut decoded).unwrap();
    assert_eq!(decoded, b"\0asm new build", "the stale .gz is not sent");
    assert_eq!(second.script, first.script, "the glue did not change");
}

#[tokio::test]
async fn nothing_outside_the_app_and_no_worker_before_a_build() {
    let outer = tempfile::tempdir().unwrap();
    let dir = outer.path().join("dist");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(outer.path().join("secret.txt"), "rahasia").unwrap();
    let st = state(dir.as_path());
    let got = get(&st, WORKER_ASSETS, false).await;
    assert_eq!(got.status, StatusCode::SERVICE_UNAVAILABLE);
    let body = String::from_utf8_lossy(&got.body);
    assert!(body.contains("belum dibangun") && body.contains("not built"), "{body}");
    for path in ["/v/0000/..%2Fsecret.txt", "/v/0000/..", "/v/0000/.hidden", "/v/0000/index.html"] {
        assert_eq!(get(&st, path, false).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

/// An app as a binary holds it when `scripts/dist.sh` built it in.
static BUILT_IN: skm_server::BuiltInFiles = &[
    ("index.html", b"<!doctype html><title>SKM</title><script type=module src=/skm-web.js></script>"),
    ("skm-web.js", b"export default 1;"),
    ("style.css", b"body{}"),
    (WORKER_GLUE_FILE, b"let wasm_bindgen;"),
    (WORKER_WASM_FILE, b"\0asm built in"),
];

#[tokio::test]
async fn an_app_built_into_the_binary_is_served_with_no_folder_beside_it() {
    let web = skm_server::WebFiles::choose(None, BUILT_IN);
    assert_eq!(web.describe(), "built into the binary");
    let st = state(web);
    for page in ["/", "/dasbor", "/admin", "/survei/kominfo/ppid", "/missing.js"] {
        let got = get(&st, page, false).await;
        assert_eq!(got.status, StatusCode::OK, "{page}");
        assert_eq!((got.header)("content-type"), "text/html; charset=utf-8", "{page}");
        assert!(got.body.starts_with(b"<!doctype html><title>SKM</title>"), "{page}");
    }
    let script = get(&st, "/skm-web.js", false).await;
    assert_eq!((script.header)("content-type"), "text/javascript; charset=utf-8");
    assert_eq!(script.body, b"export default 1;");
    assert_eq!((get(&st, "/style.css", false).await.header)("content-type"), "text/css; charset=utf-8");
    // The worker by its hash, from the bytes built in.
    let found = assets(&st).await;
    assert_eq!(found.wasm_bytes, 13);
    assert_eq!(get(&st, &found.wasm, false).await.body, b"\0asm built in");
    // Nothing but the app's own files: no path leads out.
    for path in ["/..%2F..%2Fetc%2Fpasswd", "/v/0000/..%2Findex.html", "/v/0000/.hidden"] {
        let got = get(&st, path, false).await;
        assert!(got.status == StatusCode::NOT_FOUND || got.body.starts_with(b"<!doctype html>"), "{path}");
    }
    // A folder given for development wins over the app built in.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>dev</title>").unwrap();
    assert_eq!(
        skm_server::WebFiles::choose(Some(dir.path()), BUILT_IN).index().as_deref(),
        Some("<!doctype html><title>dev</title>")
    );
    // A binary without an app serves the folder `dist`.
    assert_eq!(skm_server::WebFiles::choose(None, &[]).describe(), "dist");
}
