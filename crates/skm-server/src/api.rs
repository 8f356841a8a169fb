//! The JSON API (`/api/v1/…`) and the router that joins it to the web app.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::Serialize;
use skm_core::response::{ResponseRecord, SubmissionError};
use skm_core::unit::{ServiceInfo, UnitInfo};
use skm_core::wire::{decode_submission, DecodeError};
use tower_http::compression::CompressionLayer;
use tower_http::timeout::RequestBodyDeadlineLayer;

use crate::auth::Asking;
use crate::client::ClientIp;
use crate::errors::{refusal, retry_later};
use crate::records::{self, FollowUps, Populations, Publications};
use crate::store::{Filed, Stored};
use crate::{AppState, KIOSK_KEY_HEADER};
use skm_core::access::Action;

/// The largest request body accepted, in bytes (a submission is well under 4 KB).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The whole application: API routes, then the static app with its page fallback.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/api/v1/health", get(crate::health::health))
        .route("/api/v1/services", get(services))
        .route("/api/v1/responses", post(submit))
        .route("/api/v1/responses.csv", get(export_csv))
        .route(
            "/api/v1/session",
            get(crate::session::current).post(crate::session::sign_in).delete(crate::session::sign_out),
        )
        .route("/api/v1/session/password", post(crate::session::change_password))
        .route("/api/v1/users", get(crate::staff::users))
        .route("/api/v1/users/{username}/reset", post(crate::staff::reset))
        .route("/api/v1/users/{username}/disable", post(crate::staff::disable))
        .route("/api/v1/tokens", get(crate::staff::tokens).post(crate::staff::add_token))
        .route("/api/v1/tokens/{prefix}/revoke", post(crate::staff::revoke_token))
        .route("/api/v1/audit", get(crate::staff::audit_json))
        .route("/api/v1/audit.csv", get(crate::staff::audit_as_csv))
        .route("/api/v1/audit.xlsx", get(crate::staff::audit_as_xlsx))
        .route("/api/v1/templates/{file}", get(crate::templates::template))
        .route(skm_worker_protocol::WORKER_ASSETS, get(crate::assets::worker))
        .route("/api/v1/units", get(units))
        .route("/api/v1/units/{unit}", get(unit))
        .route("/api/v1/units/{unit}/services", get(unit_services))
        .route(
            "/api/v1/units/{unit}/standards",
            get(unit_standards)
                .post(crate::editing::save)
                .layer(DefaultBodyLimit::max(crate::editing::MAX_STANDARD_BYTES)),
        )
        .route("/api/v1/units/{unit}/services/{service}/retire", post(crate::editing::retire))
        .route("/api/v1/units/{unit}/responses.csv", get(unit_export_csv))
        .route("/api/v1/units/{unit}/paper", post(crate::paper::enter))
        .route("/api/v1/units/{unit}/results.json", get(crate::results::results_json))
        .route("/api/v1/units/{unit}/results.csv", get(crate::results::results_csv))
        .route("/api/v1/units/{unit}/users", get(crate::staff::unit_users))
        .route(
            "/api/v1/units/{unit}/follow-up",
            get(records::list::<FollowUps>).post(records::add::<FollowUps>).layer(record_limit()),
        )
        .route("/api/v1/units/{unit}/follow-up/{id}", post(records::change::<FollowUps>).layer(record_limit()))
        .route(
            "/api/v1/units/{unit}/publications",
            get(records::list::<Publications>).post(records::add::<Publications>).layer(record_limit()),
        )
        .route("/api/v1/units/{unit}/publications/{id}", post(records::change::<Publications>).layer(record_limit()))
        .route(
            "/api/v1/units/{unit}/populations",
            get(records::list::<Populations>).post(records::add::<Populations>).layer(record_limit()),
        )
        .route("/api/v1/units/{unit}/populations/{id}", post(records::change::<Populations>).layer(record_limit()))
        .route("/api/v1/units/{unit}/sampling", get(crate::sampling::plan))
        .route("/api/{*rest}", any(api_not_found))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(crate::errors::bilingual));
    let index = state.web.index().unwrap_or_default();
    let csp = crate::security::content_security_policy(&index);
    let mut app = Router::new()
        .merge(api)
        .route("/survei/{service}", get(crate::web::survey_without_unit))
        .route("/hasil", get(crate::results::pemda_page))
        .route("/hasil/{unit}", get(crate::results::unit_page))
        .route("/hasil/{unit}/{file}", get(crate::results::infographic))
        .route("/hasil.css", get(crate::results::style))
        .route("/v/{hash}/{file}", get(crate::assets::by_hash))
        .route("/metrics", get(crate::metrics::metrics))
        .fallback_service(crate::web::app_service(&state.web));
    for layer in crate::security::layers(&csp) {
        app = app.layer(layer);
    }
    app.layer(RequestBodyDeadlineLayer::new(state.read_timeout))
        .layer(middleware::from_fn(crate::errors::header_limits))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), crate::observe::observe))
        .with_state(state)
}

/// The body limit of a unit's records (follow-up actions, publications).
fn record_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(records::MAX_RECORD_BYTES)
}

async fn services(State(state): State<AppState>) -> Json<Vec<ServiceInfo>> {
    Json(state.directory().services())
}

async fn units(State(state): State<AppState>) -> Json<Vec<UnitInfo>> {
    Json(state.directory().units.iter().map(crate::Listed::info).collect())
}

pub(crate) fn no_unit(code: &str) -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "not_found",
        Some("unit".to_owned()),
        &format!("unit '{code}' tidak ada"),
        &format!("no unit '{code}'"),
    )
}

async fn unit(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    match state.directory().unit(&code) {
        Some(listed) => Json(listed.info()).into_response(),
        None => no_unit(&code),
    }
}

/// The unit document and every version of its standards (public documents), for the
/// dashboard's worker to judge SLA by the unit's own standards and calendar.
async fn unit_standards(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    let store = state.store.clone();
    let lookup = code.clone();
    let found = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(s) => s.documents(&lookup).map_err(|e| e.to_string()),
        Err(_) => Err("store lock poisoned".to_owned()),
    })
    .await;
    match found {
        Ok(Ok(Some(documents))) => Json(documents).into_response(),
        Ok(Ok(None)) => no_unit(&code),
        other => {
            tracing::error!(?other, "reading a unit's standards failed");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                None,
                "gagal membaca standar",
                "reading the standards failed",
            )
        }
    }
}

async fn unit_services(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    match state.directory().unit(&code) {
        Some(listed) => Json(listed.service_infos()).into_response(),
        None => no_unit(&code),
    }
}

#[derive(Serialize)]
struct Created {
    id: String,
    submitted_at: String,
}

fn now_wib_text() -> String {
    crate::now_wib().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Whether a `Content-Type` is JSON: `application/json`, with parameters such as a charset
/// allowed, and nothing that merely starts the same way.
pub(crate) fn is_json(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// Whether an error, or one of its causes, is a body that did not arrive in time.
fn timed_out(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// A refused submission, unless the client has refused too many of late: then it must wait.
fn refused(state: &AppState, client: Option<std::net::IpAddr>, response: Response) -> Response {
    match state.limiter.check_refused(client) {
        Ok(()) => response,
        Err(wait) => retry_later(
            "rate_limited",
            wait,
            "terlalu banyak permintaan yang ditolak dari alamat ini",
            "too many refused requests from this address",
        ),
    }
}

/// `POST /api/v1/responses`, timed and counted in the metrics.
async fn submit(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let started = std::time::Instant::now();
    let response = accept(&state, client, headers, body).await;
    state.metrics.submission(&response, started.elapsed());
    response
}

/// Checks a submission and stores it; the answer says which, or why not.
async fn accept(
    state: &AppState,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let (status, error, id, en) = if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                let kb = MAX_BODY_BYTES / 1024;
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "payload_too_large",
                    format!("isi permintaan terlalu besar (paling besar {kb} KB)"),
                    format!("the request body is too large ({kb} KB at most)"),
                )
            } else if timed_out(&rejection) {
                (
                    StatusCode::REQUEST_TIMEOUT,
                    "timeout",
                    "isi permintaan tidak selesai dikirim tepat waktu".to_owned(),
                    "the request body was not sent in time".to_owned(),
                )
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    "unreadable_body",
                    "isi permintaan tidak dapat dibaca".to_owned(),
                    "the request body could not be read".to_owned(),
                )
            };
            return refused(state, client, refusal(status, error, None, &id, &en));
        }
    };
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if !is_json(content_type) {
        let response = refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
            "kirim sebagai application/json",
            "send as application/json",
        );
        return refused(state, client, response);
    }
    let submission = match decode_submission(&body) {
        Ok(s) => s,
        Err(DecodeError { field, message_id, message_en }) => {
            let response = refusal(StatusCode::BAD_REQUEST, "malformed_json", field, &message_id, &message_en);
            return refused(state, client, response);
        }
    };
    let directory = state.directory();
    let listed = match directory.resolve(submission.unit.as_deref(), &submission.service) {
        Ok(listed) => listed,
        Err(SubmissionError { field, message_id, message_en }) => {
            let response = refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some(field), &message_id, &message_en);
            return refused(state, client, response);
        }
    };
    let valid = match submission.validate(|code| listed.offers(code)) {
        Ok(v) => v,
        Err(SubmissionError { field, message_id, message_en }) => {
            let response = refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some(field), &message_id, &message_en);
            return refused(state, client, response);
        }
    };
    // Only a well-formed submission counts against the client's budget: a sender's bad requests
    // never lock out the citizens who share its address.
    let kiosk_key = headers.get(KIOSK_KEY_HEADER).and_then(|v| v.to_str().ok());
    if let Err(wait) = state.limiter.check(client, kiosk_key) {
        return retry_later("rate_limited", wait, "terlalu banyak kiriman", "too many submissions");
    }
    // A tablet with a known kiosk key is the counter's kiosk, whatever the page said.
    let valid = if kiosk_key.is_some_and(|k| state.limiter.is_kiosk(k)) {
        skm_core::response::ValidSubmission { channel: skm_core::channel::Channel::Kiosk, ..valid }
    } else {
        valid
    };
    let id = valid.client_id.clone().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let record = ResponseRecord::new(id, now_wib_text(), &valid);
    let created = Created { id: record.id.clone(), submitted_at: record.submitted_at.clone() };
    let filed = Filed { unit: listed.unit.code.clone(), record };
    match state.committer.store(filed).await {
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

async fn export_csv(asking: Asking) -> Response {
    if let Err(refused) = asking.may(Action::ReadResponses, None).await {
        return *refused;
    }
    asking.audit("export", "*", "ok").await;
    csv_of(&asking.state, None).await
}

async fn unit_export_csv(asking: Asking, Path(code): Path<String>) -> Response {
    if asking.state.directory().unit(&code).is_none() {
        return no_unit(&code);
    }
    if let Err(refused) = asking.may(Action::ReadResponses, Some(&code)).await {
        return *refused;
    }
    asking.audit("export", &code, "ok").await;
    csv_of(&asking.state, Some(code)).await
}

/// The responses (all, or a unit's) as the canonical CSV.
async fn csv_of(state: &AppState, unit: Option<String>) -> Response {
    let store = state.store.clone();
    let csv = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(s) => s.export_csv(unit.as_deref()).map_err(|e| e.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_is_json() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("Application/JSON; charset=utf-8")));
        assert!(!is_json(Some("application/json-evil")));
        assert!(!is_json(Some("application/jsonp")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }
}
