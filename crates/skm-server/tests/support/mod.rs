//! What the server's tests share.

use std::sync::atomic::{AtomicUsize, Ordering};

use skm_server::{AdminToken, AppState, RateLimit, Store, SubmitLimiter};

/// A server on `store` with the admin token `rahasia`, a limit no test reaches and no built app.
#[allow(dead_code)]
pub fn state(store: Store) -> AppState {
    AppState::new(
        store,
        AdminToken::from_secret("rahasia"),
        SubmitLimiter::new(RateLimit { per_minute: 600, burst: 600 }, []),
        std::path::Path::new("/nonexistent"),
    )
    .unwrap()
}

/// A store with the demo units and their standards: in memory, or, when `SKM_TEST_STORE` is
/// `postgres`, in a schema of its own on the PostgreSQL server `SKM_TEST_POSTGRES` names (the
/// test command runs these tests both ways).
pub fn demo_store() -> Store {
    let mut store = match std::env::var("SKM_TEST_STORE").as_deref() {
        Ok("postgres") => postgres_store(),
        _ => Store::in_memory().unwrap(),
    };
    store.seed_demo_units(skm_server::now_wib().date()).unwrap();
    store
}

/// An empty store in a new schema on the test PostgreSQL server.
fn postgres_store() -> Store {
    static MADE: AtomicUsize = AtomicUsize::new(0);
    let server = std::env::var("SKM_TEST_POSTGRES")
        .expect("SKM_TEST_STORE=postgres needs SKM_TEST_POSTGRES (bash scripts/postgres.sh start prints it)");
    let schema = format!("t_{}_{}", std::process::id(), MADE.fetch_add(1, Ordering::Relaxed));
    // On a thread of its own: postgres' client may not start on a test's async runtime.
    let (url, made) = (server.clone(), schema.clone());
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        client.batch_execute(&format!("DROP SCHEMA IF EXISTS {made} CASCADE; CREATE SCHEMA {made}")).unwrap();
    })
    .join()
    .unwrap();
    let joiner = if server.contains('?') { '&' } else { '?' };
    Store::connect(&format!("{server}{joiner}options=-c%20search_path%3D{schema}")).unwrap()
}
