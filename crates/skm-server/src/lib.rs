//! The `skm serve` server: the survey's JSON API over an embedded SQLite store, and the
//! Trunk-built web app (survey and dashboard) as static files.
//!
//! It validates with the core's rules and stores; it computes no statistics (the dashboard's
//! worker and the batch commands do).

mod admin;
mod api;
mod commit;
mod limit;
mod security;
mod store;
mod web;

use std::net::SocketAddr;
use std::sync::Arc;

pub use admin::AdminToken;
pub use api::router;
pub use commit::Committer;
pub use limit::{RateLimit, SubmitLimiter, KIOSK_KEY_HEADER};
pub use store::{Store, StoreError, Stored};

/// The current time in WIB (UTC+7), the time zone of the reference offices.
pub fn now_wib() -> jiff::ZonedDateTime {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
}

/// Shared state of the request handlers.
#[derive(Clone)]
pub struct AppState {
    /// The response store.
    pub store: Arc<std::sync::Mutex<Store>>,
    /// The writer of submissions (group commit) into that store.
    pub committer: Committer,
    /// The service-standards catalog.
    pub catalog: Arc<skm_core::catalog::Catalog>,
    /// Bearer token for the admin endpoints.
    pub admin_token: AdminToken,
    /// The per-client limit on submissions.
    pub limiter: SubmitLimiter,
    /// Directory of the built app.
    pub web_dir: Arc<std::path::Path>,
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("alamat {addr} tidak dapat dipakai / cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The server failed while running.
    #[error("server berhenti karena galat / server stopped on an error: {0}")]
    Run(#[source] std::io::Error),
}

/// Serves until Ctrl-C; `ready` is called with the bound address once listening.
pub async fn serve(state: AppState, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
    let bound = listener.local_addr().map_err(|source| ServeError::Bind { addr, source })?;
    ready(bound);
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServeError::Run)
}
