//! The `skm serve` server: the survey's JSON API over an embedded SQLite store, and the
//! Trunk-built web app (survey and dashboard) as static files.
//!
//! It validates with the core's rules and stores; it computes no statistics (the dashboard's
//! worker and the batch commands do).

mod api;
mod store;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use api::router;
pub use store::{Store, StoreError};

/// The current time in WIB (UTC+7), the time zone of the reference offices.
pub fn now_wib() -> jiff::ZonedDateTime {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Directory of the Trunk-built app (`dist/`).
    pub web_dir: PathBuf,
    /// Bearer token that unlocks the responses export.
    pub admin_token: String,
}

/// Shared state of the request handlers.
#[derive(Clone)]
pub struct AppState {
    /// The response store.
    pub store: Arc<std::sync::Mutex<Store>>,
    /// The service-standards catalog.
    pub catalog: Arc<skm_core::catalog::Catalog>,
    /// Bearer token for the admin endpoints.
    pub admin_token: Arc<str>,
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(ServeError::Run)
}
