//! Signing in and out, and changing one's password: `POST|GET|DELETE /api/v1/session`,
//! `POST /api/v1/session/password`. A session is a random id in an HttpOnly, SameSite=Strict
//! cookie (Secure with `--secure-cookies`), stored hashed, ending after [`SESSION_HOURS`]. Failed
//! sign-ins back off per account and per address, and are all audited.

use std::net::IpAddr;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use skm_core::access::{password_problem, ChangePassword, SessionInfo, SignIn};

use crate::auth::{
    audit, audit_change, cookie, hash_password, hash_secret, new_secret, now_text, verify_password, Caller,
    CSRF_HEADER, SESSION_COOKIE, SESSION_HOURS,
};
use crate::backoff::{Backoff, BackoffPolicy};
use crate::client::ClientIp;
use crate::errors::{refusal, retry_later};
use crate::store::{Audit, StoredUser};
use crate::AppState;

/// The back-off of failed sign-ins: per account and per address.
#[derive(Debug, Clone)]
pub struct SignInGuard {
    by_account: Backoff<String>,
    by_address: Backoff<IpAddr>,
}

impl Default for SignInGuard {
    /// Five free tries per account, twenty per address; then waits that double up to 15 minutes.
    fn default() -> SignInGuard {
        let account = BackoffPolicy { free: 5, ..BackoffPolicy::default() };
        let address = BackoffPolicy { free: 20, ..BackoffPolicy::default() };
        SignInGuard { by_account: Backoff::new(account), by_address: Backoff::new(address) }
    }
}

fn info(user: &StoredUser, csrf: &str) -> SessionInfo {
    let grant = user.grant();
    SessionInfo {
        username: user.username.clone(),
        role: user.role,
        scope: grant.scope().clone(),
        csrf: csrf.to_owned(),
    }
}

fn set_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    let text = format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("skm_session=; Path=/; Max-Age=0"))
}

fn wrong() -> Response {
    refusal(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        None,
        "nama pengguna atau kata sandi salah",
        "wrong username or password",
    )
}

/// `POST /api/v1/session`: signs in.
pub async fn sign_in(State(state): State<AppState>, ClientIp(client): ClientIp, body: Json<SignIn>) -> Response {
    let SignIn { username, password } = body.0;
    let username = username.trim().to_lowercase();
    let address = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let locked =
        state.signin_guard.by_account.check(&username).err().or(state.signin_guard.by_address.check(&address).err());
    if let Some(wait) = locked {
        tracing::warn!(%username, client = %address, wait_s = wait.as_secs(), "sign-in refused: locked after failures");
        audit_change(&state, &username, client, "sign_in", &username, "locked", None, None).await;
        return retry_later(
            "locked",
            wait,
            "terlalu banyak percobaan masuk yang gagal; akun atau alamat ini dikunci sementara",
            "too many failed sign-ins; this account or address is locked for a while",
        );
    }
    let store = state.store.clone();
    let lookup = username.clone();
    let checked = tokio::task::spawn_blocking(move || -> Result<Option<StoredUser>, String> {
        let user =
            store.lock().map_err(|_| "store lock poisoned".to_owned())?.user(&lookup).map_err(|e| e.to_string())?;
        // The same work whether or not the account exists, so timing tells nothing.
        let hash = user.as_ref().map_or(crate::auth::decoy_hash(), |u| u.password_hash.as_str()).to_owned();
        let good = verify_password(&hash, &password);
        Ok(user.filter(|u| good && !u.disabled))
    })
    .await;
    let user = match checked {
        Ok(Ok(user)) => user,
        other => {
            tracing::error!(?other, "checking a sign-in failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                None,
                "gagal masuk",
                "signing in failed",
            );
        }
    };
    let Some(user) = user else {
        state.signin_guard.by_account.failed(&username);
        let (failures, _) = state.signin_guard.by_address.failed(&address);
        tracing::warn!(%username, client = %address, failures, "sign-in failed");
        audit_change(&state, &username, client, "sign_in", &username, "failed", None, None).await;
        return wrong();
    };
    state.signin_guard.by_account.succeeded(&username);
    state.signin_guard.by_address.succeeded(&address);
    let (id, csrf) = (new_secret(), new_secret());
    let expires = crate::now_wib()
        .checked_add(jiff::Span::new().hours(SESSION_HOURS))
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default();
    let store = state.store.clone();
    let (id_hash, user_id, stored_csrf) = (hash_secret(&id), user.id, csrf.clone());
    let started = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(mut s) => s.add_session(&id_hash, user_id, &stored_csrf, &expires).map_err(|e| e.to_string()),
        Err(_) => Err("store lock poisoned".to_owned()),
    })
    .await;
    if !matches!(started, Ok(Ok(()))) {
        tracing::error!(?started, "starting a session failed");
        return refusal(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None, "gagal masuk", "signing in failed");
    }
    let caller = Caller::Staff { user: user.clone(), csrf: csrf.clone() };
    audit(&state, &caller, client, "sign_in", &user.username, "ok").await;
    let mut response = Json(info(&user, &csrf)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(&state, &id, SESSION_HOURS * 3600));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_signed_in() -> Response {
    refusal(StatusCode::UNAUTHORIZED, "unauthorized", None, "belum masuk", "not signed in")
}

/// `GET /api/v1/session`: who is signed in.
pub async fn current(caller: Caller) -> Response {
    match &caller {
        Caller::Staff { user, csrf } => ([(header::CACHE_CONTROL, "no-store")], Json(info(user, csrf))).into_response(),
        _ => not_signed_in(),
    }
}

fn csrf_ok(caller: &Caller, headers: &HeaderMap) -> bool {
    let given = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
    matches!(caller, Caller::Staff { csrf, .. } if given.is_some_and(|g| crate::auth::constant_eq(g, csrf)))
}

fn csrf_refused() -> Response {
    refusal(
        StatusCode::FORBIDDEN,
        "csrf",
        None,
        "permintaan tanpa token CSRF sesi ini; muat ulang halaman",
        "the request lacks this session's CSRF token; reload the page",
    )
}

/// `DELETE /api/v1/session`: signs out.
pub async fn sign_out(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    caller: Caller,
    headers: HeaderMap,
) -> Response {
    if !matches!(caller, Caller::Staff { .. }) {
        return not_signed_in();
    }
    if !csrf_ok(&caller, &headers) {
        return csrf_refused();
    }
    if let Some(id) = cookie(&headers, SESSION_COOKIE) {
        let (store, id_hash) = (state.store.clone(), hash_secret(id));
        let ended = tokio::task::spawn_blocking(move || match store.lock() {
            Ok(mut s) => s.end_session(&id_hash, &now_text()).map_err(|e| e.to_string()),
            Err(_) => Err("store lock poisoned".to_owned()),
        })
        .await;
        if !matches!(ended, Ok(Ok(()))) {
            tracing::error!(?ended, "ending a session failed");
        }
    }
    audit(&state, &caller, client, "sign_out", &caller.actor(), "ok").await;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(&state, "", 0));
    response
}

/// `POST /api/v1/session/password`: the signed-in account changes its password (and signs in
/// again: every session of it ends).
pub async fn change_password(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    caller: Caller,
    headers: HeaderMap,
    body: Json<ChangePassword>,
) -> Response {
    let Caller::Staff { user, .. } = &caller else { return not_signed_in() };
    if !csrf_ok(&caller, &headers) {
        return csrf_refused();
    }
    let ChangePassword { current, new } = body.0;
    if let Some(problem) = password_problem(&new, &user.username) {
        return refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("new".to_owned()), problem.id, problem.en);
    }
    if !verify_password(&user.password_hash, &current) {
        audit(&state, &caller, client, "password.change", &user.username, "failed").await;
        return refusal(
            StatusCode::FORBIDDEN,
            "forbidden",
            Some("current".to_owned()),
            "kata sandi sekarang salah",
            "the current password is wrong",
        );
    }
    let (store, username, actor) = (state.store.clone(), user.username.clone(), caller.actor());
    let address = client.map(|c| c.to_string()).unwrap_or_default();
    let changed = tokio::task::spawn_blocking(move || {
        let hash = hash_password(&new)?;
        let mut s = store.lock().map_err(|_| "store lock poisoned".to_owned())?;
        let audit = Audit { actor: &actor, address: &address, action: "password.change", ..Audit::default() };
        s.set_password(&username, &hash, audit).map_err(|e| e.to_string())
    })
    .await;
    match changed {
        Ok(Ok(())) => {
            let mut response = StatusCode::NO_CONTENT.into_response();
            response.headers_mut().insert(header::SET_COOKIE, set_cookie(&state, "", 0));
            response
        }
        other => {
            tracing::error!(?other, "changing a password failed");
            audit_change(&state, &user.username, client, "password.change", &user.username, "failed", None, None).await;
            refusal(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None, "gagal mengganti", "the change failed")
        }
    }
}
