//! Serving the Trunk-built app: files from `dist/`, and `index.html` for the app's pages.

use std::path::Path;

use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get_service, MethodRouter};
use tower_http::services::{ServeDir, ServeFile};

/// Static files of the app; any other path gets `index.html`, which routes in the browser.
pub fn app_service(web_dir: &Path) -> MethodRouter {
    let index = web_dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(dir = %web_dir.display(), "web app not built: run `trunk build --release` first");
        return axum::routing::get(not_built);
    }
    get_service(ServeDir::new(web_dir).fallback(ServeFile::new(index)))
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
    match tokio::fs::read_to_string(state.web_dir.join("index.html")).await {
        Ok(index) => ([(header::CACHE_CONTROL, "no-cache")], Html(index)).into_response(),
        Err(_) => not_built().await.into_response(),
    }
}
