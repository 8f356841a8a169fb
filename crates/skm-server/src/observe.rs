//! Each request gets an ID (`X-Request-Id`, the proxy's if it sent a sane one), carried by every
//! log line written while it is answered and sent back with the answer; and it is counted in
//! the metrics.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::AppState;

/// The header that carries a request's ID, in and out.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest ID taken from a proxy.
const MAX_ID: usize = 64;

/// The proxy's ID when it is short and plain (letters, digits, `-`, `_`, `.`); a new one otherwise.
fn request_id(request: &Request) -> String {
    request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            !id.is_empty()
                && id.len() <= MAX_ID
                && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
        .map_or_else(|| uuid::Uuid::new_v4().simple().to_string(), str::to_owned)
}

/// Answers a request inside a span that names its ID, method and path; counts the answer.
pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request_id(&request);
    let span =
        tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path());
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = started.elapsed();
    state.metrics.request(&response, took);
    {
        let _inside = span.enter();
        let (status, ms) = (response.status().as_u16(), took.as_millis());
        if response.status().is_server_error() {
            tracing::warn!(status, ms, "answered with a server error");
        } else {
            // One line per request with RUST_LOG=skm_server=debug (docs/configuration.md).
            tracing::debug!(status, ms, "answered");
        }
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(id: &str) -> Request {
        Request::builder().header("x-request-id", id).body(axum::body::Body::empty()).unwrap_or_default()
    }

    #[test]
    fn a_plain_id_is_kept_and_anything_else_replaced() {
        assert_eq!(request_id(&with("abc-123_x.y")), "abc-123_x.y");
        for hostile in ["", "a b", "<script>", "x\"y", &"a".repeat(MAX_ID + 1)] {
            let made = request_id(&with(hostile));
            assert_eq!(made.len(), 32, "{hostile:?} → {made}");
            assert!(made.bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }
}
