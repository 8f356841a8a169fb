//! The `skm serve` server: the survey's JSON API over an embedded SQLite store, and the
//! Trunk-built web app (survey and dashboard) as static files.
//!
//! It validates with the core's rules and stores. The one statistic it computes is a unit's
//! public results (`/hasil`), with the same analytics as the batch commands; the dashboard's
//! worker computes everything else.

mod admin;
mod api;
mod assets;
pub mod auth;
mod backoff;
mod client;
mod commit;
mod directory;
mod editing;
mod errors;
mod health;
mod limit;
mod listen;
mod metrics;
mod observe;
mod paper;
mod records;
mod results;
mod results_page;
mod sampling;
mod security;
mod session;
pub mod staff;
mod store;
mod templates;
mod web;
mod web_files;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use admin::AdminToken;
pub use api::{router, MAX_BODY_BYTES};
pub use backoff::{Backoff, BackoffPolicy};
pub use client::TrustedProxies;
pub use commit::Committer;
pub use directory::{Directory, Listed, SharedDirectory};
pub use errors::{MAX_HEADERS, MAX_HEADER_BYTES};
pub use limit::{RateLimit, SubmitLimiter, KIOSK_KEY_HEADER};
pub use listen::serve;
pub use metrics::Metrics;
pub use observe::REQUEST_ID;
pub use results::{public_results, Records, ResultsError};
pub use store::backup;
pub use store::{postgres_url, shown};
pub use store::{
    Audit, AuditEntry, Filed, Imported, StandardVersion, Store, StoreError, Stored, StoredToken, StoredUnit,
    StoredUser, SCHEMA_VERSION,
};
pub use web_files::{BuiltInFiles, WebFiles};

/// The current time in WIB (UTC+7), the time zone of the reference offices.
pub fn now_wib() -> jiff::ZonedDateTime {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
}

/// How long a client may take to send a request's headers, or its body, by default; an idle
/// connection is closed after the same time.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(20);

/// Shared state of the request handlers.
#[derive(Clone)]
pub struct AppState {
    /// The response store.
    pub store: Arc<Mutex<Store>>,
    /// The writer of submissions (group commit) into that store.
    pub committer: Committer,
    /// The units and their services today.
    pub directory: SharedDirectory,
    /// Bearer token for the admin endpoints.
    pub admin_token: AdminToken,
    /// The back-off of clients that gave wrong admin tokens.
    pub admin_guard: Backoff<IpAddr>,
    /// The back-off of failed sign-ins, per account and per address.
    pub signin_guard: session::SignInGuard,
    /// Whether the session cookie is marked `Secure` (served over https).
    pub secure_cookies: bool,
    /// The per-client limit on submissions.
    pub limiter: SubmitLimiter,
    /// The reverse proxies that may name the client.
    pub trusted_proxies: TrustedProxies,
    /// How long a client may take to send a request's headers or body (and stay idle).
    pub read_timeout: Duration,
    /// The built app's files.
    pub web: WebFiles,
    /// The built app's files by their content's hash.
    pub(crate) assets: Arc<assets::Assets>,
    /// The units' public results computed so far.
    pub(crate) results: Arc<results::ResultsCache>,
    /// The operating figures served at `/metrics`.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// The state of a server on `store` (its units read), with its writer started, no trusted
    /// proxy, the default timeout and back-off.
    pub fn new(
        store: Store,
        admin_token: AdminToken,
        limiter: SubmitLimiter,
        web: impl Into<WebFiles>,
    ) -> Result<AppState, StoreError> {
        let web = web.into();
        let directory = SharedDirectory::load(&store)?;
        let store = Arc::new(Mutex::new(store));
        Ok(AppState {
            committer: Committer::start(store.clone()),
            store,
            directory,
            admin_token,
            admin_guard: Backoff::new(BackoffPolicy::default()),
            signin_guard: session::SignInGuard::default(),
            secure_cookies: false,
            limiter,
            trusted_proxies: TrustedProxies::default(),
            read_timeout: DEFAULT_READ_TIMEOUT,
            assets: Arc::new(assets::Assets::new(web.clone())),
            web,
            results: Arc::default(),
            metrics: Arc::default(),
        })
    }

    /// The units and their services today (read again every few seconds).
    pub fn directory(&self) -> Arc<Directory> {
        self.directory.get(&self.store)
    }
}

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("alamat {addr} tidak dapat dipakai / cannot listen on {addr}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
}
