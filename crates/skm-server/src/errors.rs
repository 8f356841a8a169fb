//! Every refusal the API gives is the same bilingual JSON (`error`, `field`, `message_id`,
//! `message_en`): the handlers' own, and those the HTTP layers would otherwise give as plain text
//! or an empty body (413, 405, 408, 431 …).

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::api::MAX_BODY_BYTES;

/// A refusal in both languages, naming the field where there is one.
#[derive(Debug, Serialize)]
pub struct ApiError {
    /// A stable code for programs (`invalid`, `rate_limited`, …).
    pub error: &'static str,
    /// The field concerned, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The reason in Bahasa Indonesia.
    pub message_id: String,
    /// The reason in English.
    pub message_en: String,
}

/// The code of a refusal, kept on its response for the metrics and the log.
#[derive(Debug, Clone, Copy)]
pub struct Refused(pub &'static str);

/// A refusal response.
pub fn refusal(status: StatusCode, error: &'static str, field: Option<String>, id: &str, en: &str) -> Response {
    let body = ApiError { error, field, message_id: id.to_owned(), message_en: en.to_owned() };
    let mut response = (status, Json(body)).into_response();
    response.extensions_mut().insert(Refused(error));
    response
}

/// A refusal that tells the client when to come back.
pub fn retry_later(error: &'static str, wait: std::time::Duration, id: &str, en: &str) -> Response {
    let seconds = wait.as_secs().max(1);
    let mut response = refusal(
        StatusCode::TOO_MANY_REQUESTS,
        error,
        None,
        &format!("{id}; coba lagi dalam {seconds} detik"),
        &format!("{en}; try again in {seconds} seconds"),
    );
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// The code and words of an error status the handlers do not word themselves.
fn words(status: StatusCode) -> (&'static str, String, String) {
    let kb = MAX_BODY_BYTES / 1024;
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload_too_large",
            format!("isi permintaan terlalu besar (paling besar {kb} KB)"),
            format!("the request body is too large ({kb} KB at most)"),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "metode HTTP ini tidak diterima di alamat ini".to_owned(),
            "this HTTP method is not allowed at this address".to_owned(),
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            "permintaan tidak selesai dikirim tepat waktu".to_owned(),
            "the request was not sent in time".to_owned(),
        ),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => (
            "headers_too_large",
            format!(
                "header permintaan terlalu besar (paling banyak {MAX_HEADERS} header, {} KB)",
                MAX_HEADER_BYTES / 1024
            ),
            format!(
                "the request headers are too large (at most {MAX_HEADERS} headers, {} KB)",
                MAX_HEADER_BYTES / 1024
            ),
        ),
        StatusCode::NOT_FOUND => ("not_found", "alamat API tidak ada".to_owned(), "no such API endpoint".to_owned()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "kirim sebagai application/json".to_owned(),
            "send as application/json".to_owned(),
        ),
        s if s.is_server_error() => (
            "server_error",
            "terjadi galat di server; silakan coba lagi".to_owned(),
            "the server failed; please try again".to_owned(),
        ),
        _ => ("bad_request", "permintaan tidak sah".to_owned(), "the request is not valid".to_owned()),
    }
}

/// Rewrites an error response that is not JSON (an HTTP layer's plain text or empty body) into
/// the API's bilingual JSON, keeping its status and headers such as `Allow` and `Retry-After`.
pub async fn bilingual(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (error, id, en) = words(status);
    let mut rewritten = refusal(status, error, None, &id, &en);
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = response.headers().get(&name) {
            rewritten.headers_mut().insert(name, value.clone());
        }
    }
    rewritten
}

/// The most headers a request may carry.
pub const MAX_HEADERS: usize = 100;
/// The most bytes of headers (names and values) a request may carry.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuses, with the API's JSON, a request whose headers are beyond [`MAX_HEADERS`] or
/// [`MAX_HEADER_BYTES`] (the HTTP layer's own limit, far above, would answer with an empty 431).
pub async fn header_limits(request: Request, next: Next) -> Response {
    let headers = request.headers();
    let bytes: usize = headers.iter().map(|(name, value)| name.as_str().len() + value.len()).sum();
    if headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES {
        let status = StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE;
        let (error, id, en) = words(status);
        let mut response = refusal(status, error, None, &id, &en);
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(request).await
}
