//! The JSON API (`/api/v1/…`) and the router that joins it to the web app.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::Serialize;
use skm_core::response::{ResponseRecord, Submission, SubmissionError};
use tower_http::compression::CompressionLayer;

use crate::AppState;

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
    Router::new()
        .merge(api)
        .fallback_service(crate::web::app_service(&state.web_dir))
        .layer(CompressionLayer::new())
        .with_state(state)
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

async fn submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
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
    let record = ResponseRecord::new(uuid::Uuid::new_v4().to_string(), now_wib_text(), &valid);
    let created = Created { id: record.id.clone(), submitted_at: record.submitted_at.clone() };
    let store = state.store.clone();
    let stored = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(mut s) => s.insert_many(std::slice::from_ref(&record)).map_err(|e| e.to_string()),
        Err(_) => Err("store lock poisoned".to_owned()),
    })
    .await;
    let outcome = match stored {
        Ok(result) => result,
        Err(join) => Err(join.to_string()),
    };
    match outcome {
        Ok(()) => (StatusCode::CREATED, Json(created)).into_response(),
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
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    constant_time_eq(given.as_bytes(), state.admin_token.as_bytes())
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
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
