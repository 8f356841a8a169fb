//! `GET /api/v1/health`: whether the server can read its database, for a load balancer or a
//! monitor; 503 when it cannot within a few seconds.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::AppState;

/// How long the check waits for the database.
const PATIENCE: Duration = Duration::from_secs(5);

/// The answer of the health check.
#[derive(Debug, Serialize)]
struct Health {
    /// `ok` or `error`.
    status: &'static str,
    /// `ok`, or what went wrong reading the database.
    database: String,
    /// The database's schema version, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    schema_version: Option<u32>,
    /// Submissions waiting for the writer's next transaction.
    commit_queue: usize,
}

/// Reads the database's schema version: an answer proves the store's lock is free and the file
/// readable.
pub async fn health(State(state): State<AppState>) -> Response {
    let store = state.store.clone();
    let read = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(s) => s.schema_version().map_err(|e| e.to_string()),
        Err(_) => Err("store lock poisoned".to_owned()),
    });
    let outcome = match tokio::time::timeout(PATIENCE, read).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err("the check stopped".to_owned()),
        Err(_) => Err(format!("no answer within {} s", PATIENCE.as_secs())),
    };
    let commit_queue = state.committer.queued();
    match outcome {
        Ok(version) => {
            Json(Health { status: "ok", database: "ok".to_owned(), schema_version: Some(version), commit_queue })
                .into_response()
        }
        Err(database) => {
            tracing::error!(%database, "health check: the database cannot be read");
            state.metrics.database_error();
            let health = Health { status: "error", database, schema_version: None, commit_queue };
            (StatusCode::SERVICE_UNAVAILABLE, Json(health)).into_response()
        }
    }
}
