//! The JSON API (`/api/v1/…`) and the router that joins it to the web app.

use std::net::{IpAddr, SocketAddr};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::Serialize;
use skm_core::response::{ResponseRecord, Submission, SubmissionError};
use tower_http::compression::CompressionLayer;

use crate::store::Stored;
use crate::{AppState, KIOSK_KEY_HEADER};

/// The largest request body accepted, in bytes (a submission is well under 4 KB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The whole application: API routes, then the static app with its page fallback.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/services", get(services))
        .route("/api/v1/responses", post(submit))
        .route("/api/v1/responses.csv", get(export_csv))
        .route("/api/{*rest}", any(api_not_found))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    let index = std::fs::read_to_string(state.web_dir.join("index.html")).unwrap_or_default();
    let csp = crate::security::content_security_policy(&index);
    let mut app = Router::new().merge(api).fallback_service(crate::web::app_service(&state.web_dir));
    for layer in crate::security::layers(&csp) {
        app = app.layer(layer);
    }
    app.layer(CompressionLayer::new()).with_state(state)
}

/// The client's address, when the server knows it (not behind a test harness).
struct ClientIp(Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<ClientIp, Self::Rejection> {
        Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

/// A refusal in both languages, naming the field where there is one.
#[derive(Debug, Serialize)]
struct ApiError {
    error: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    message_id: String,
    message_en: String,
}

fn refusal(status: StatusCode, error: &'static str, field: Option<String>, id: &str, en: &str) -> Response {
    let body = ApiError { error, field, message_id: id.to_owned(), message_en: en.to_owned() };
    (status, Json(body)).into_response()
}

async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

#[derive(Serialize)]
struct ServiceInfo {
    code: String,
    name: String,
    name_en: String,
    unit: String,
    completion_time: String,
}

async fn services(State(state): State<AppState>) -> Json<Vec<ServiceInfo>> {
    let list = state
        .catalog
        .standards()
        .iter()
        .map(|s| ServiceInfo {
            code: s.code.clone(),
            name: s.name.clone(),
            name_en: s.name_en.clone(),
            unit: s.unit.clone(),
            completion_time: s.completion_time.text.clone(),
        })
        .collect();
    Json(list)
}

#[derive(Serialize)]
struct Created {
    id: String,
    submitted_at: String,
}

fn now_wib_text() -> String {
    crate::now_wib().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

async fn submit(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let kiosk_key = headers.get(KIOSK_KEY_HEADER).and_then(|v| v.to_str().ok());
    if let Err(wait) = state.limiter.check(client, kiosk_key) {
        let seconds = wait.as_secs().max(1);
        let mut response = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            None,
            &format!("terlalu banyak kiriman; coba lagi dalam {seconds} detik"),
            &format!("too many submissions; try again in {seconds} seconds"),
        );
        if let Ok(value) = header::HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return response;
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
            "kirim sebagai application/json",
            "send as application/json",
        );
    }
    let submission: Submission = match serde_json::from_slice(&body) {
        Ok(s) => s,
        Err(e) => {
            let detail = e.to_string();
            return refusal(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                None,
                &format!("isi permintaan bukan JSON jawaban survei yang sah: {detail}"),
                &format!("the body is not a valid survey JSON: {detail}"),
            );
        }
    };
    let valid = match submission.validate(|code| state.catalog.contains(code)) {
        Ok(v) => v,
        Err(SubmissionError { field, message_id, message_en }) => {
            return refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some(field), &message_id, &message_en)
        }
    };
    let id = valid.client_id.clone().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let record = ResponseRecord::new(id, now_wib_text(), &valid);
    let created = Created { id: record.id.clone(), submitted_at: record.submitted_at.clone() };
    match state.committer.store(record).await {
        Ok(Stored::New) => (StatusCode::CREATED, Json(created)).into_response(),
        // A resend of what is stored already (the connection dropped before the answer came):
        // acknowledged again, stored once.
        Ok(Stored::Replay(first)) => {
            (StatusCode::OK, Json(Created { id: first.id, submitted_at: first.submitted_at })).into_response()
        }
        Ok(Stored::Conflict) => refusal(
            StatusCode::CONFLICT,
            "conflict",
            Some("client_id".to_owned()),
            "client_id ini sudah dipakai untuk jawaban lain",
            "this client_id was already used for a different response",
        ),
        Err(detail) => {
            tracing::error!(%detail, "storing a response failed");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                None,
                "jawaban tidak tersimpan; silakan coba lagi",
                "the response was not stored; please try again",
            )
        }
    }
}

fn authorized(state: &AppState, headers: &HeaderMap) -> bool {
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    given.is_some_and(|token| state.admin_token.verify(token))
}

async fn export_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !authorized(&state, &headers) {
        return refusal(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            None,
            "masuk dengan token admin",
            "sign in with the admin token",
        );
    }
    let store = state.store.clone();
    let csv = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(s) => s.export_csv().map_err(|e| e.to_string()),
        Err(_) => Err("store lock poisoned".to_owned()),
    })
    .await;
    match csv {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"responses.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        other => {
            tracing::error!(?other, "exporting responses failed");
            refusal(StatusCode::INTERNAL_SERVER_ERROR, "storage", None, "ekspor gagal", "the export failed")
        }
    }
}

async fn api_not_found() -> Response {
    refusal(StatusCode::NOT_FOUND, "not_found", None, "alamat API tidak ada", "no such API endpoint")
}
