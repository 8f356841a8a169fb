//! What the server's tests share.

use skm_server::{AdminToken, AppState, RateLimit, Store, SubmitLimiter};

/// A server on `store` with the admin token `rahasia`, a limit no test reaches and no built app.
pub fn state(store: Store) -> AppState {
    AppState::new(
        store,
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 600, burst: 600 }, []),
        std::path::Path::new("/nonexistent"),
    )
    .unwrap()
}
