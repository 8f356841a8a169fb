//! Serving the Trunk-built app (built into the binary, or from a folder such as `dist/`), and
//! `index.html` for the app's pages.

use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get_service, MethodRouter};
use tower_http::services::{ServeDir, ServeFile};

use crate::web_files::{media_type, WebFiles};

/// Static files of the app; any other path gets `index.html`, which routes in the browser.
pub fn app_service(files: &WebFiles) -> MethodRouter {
    match files {
        WebFiles::Dir(dir) if dir.join("index.html").is_file() => {
            get_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html"))))
        }
        WebFiles::BuiltIn(files) => {
            let files = *files;
            axum::routing::get(move |uri: Uri| built_in(WebFiles::BuiltIn(files), uri))
        }
        WebFiles::Dir(dir) => {
            tracing::warn!(dir = %dir.display(), "web app not built: run `trunk build --release` first");
            axum::routing::get(not_built)
        }
    }
}

/// A file of the app built into the binary; any other path gets `index.html`.
async fn built_in(files: WebFiles, uri: Uri) -> Response {
    let asked = uri.path().trim_start_matches('/');
    let found = files.read(asked).ok().flatten().map(|bytes| (asked, bytes));
    let Some((name, bytes)) = found.or_else(|| Some(("index.html", files.read("index.html").ok()??))) else {
        return not_built().await.into_response();
    };
    ([(header::CONTENT_TYPE, media_type(name)), (header::CACHE_CONTROL, "no-cache")], bytes).into_response()
}

async fn not_built() -> impl IntoResponse {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CACHE_CONTROL, "no-store")],
        Html(
            "<!doctype html><meta charset=utf-8><title>SKM</title>\
             <h1>Aplikasi web belum dibangun / The web app is not built</h1>\
             <p>Jalankan / Run: <code>bash scripts/run.sh</code> \
             (atau / or <code>trunk build --release</code>, lalu / then <code>skm serve</code>).</p>",
        ),
    )
}

/// `/survei/<service>`, the address before units (printed on QR codes): redirected to
/// `/survei/<unit>/<service>` when one unit offers a service of that code today; otherwise the
/// app's page, which shows the services to choose from.
pub async fn survey_without_unit(
    State(state): State<crate::AppState>,
    UrlPath(service): UrlPath<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if let Ok(one) = state.directory().resolve(None, &service) {
        // Both codes passed the core's check (lowercase letters, digits, hyphens): safe in a path.
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        return Redirect::permanent(&format!("/survei/{}/{service}{query}", one.unit.code)).into_response();
    }
    let files = state.web.clone();
    match tokio::task::spawn_blocking(move || files.index()).await {
        Ok(Some(index)) => ([(header::CACHE_CONTROL, "no-cache")], Html(index)).into_response(),
        _ => not_built().await.into_response(),
    }
}
