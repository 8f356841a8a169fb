//! Who is calling and whether they may: a signed-in staff member (session cookie, with a CSRF
//! token on every state-changing request), an API token (`Authorization: Bearer`), the server's
//! admin token, or nobody. Every protected route asks [`authorize`], which applies the core's
//! rule (`skm_core::access`), and every refusal of a known caller is audited.

use std::net::IpAddr;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::Response;
use sha2::{Digest, Sha256};
use skm_core::access::{Action, Grant, Scope, TokenPermission};

use crate::errors::{refusal, retry_later};
use crate::store::{Audit, StoredToken, StoredUser};
use crate::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "skm_session";
/// The header that carries a session's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;
/// What API tokens start with.
pub const TOKEN_PREFIX: &str = "skm_";

/// A new random secret: 64 hex digits (244 random bits from the system's generator).
pub fn new_secret() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

/// The SHA-256 of a secret, as hex: what is stored of sessions and tokens.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A password's argon2id hash (PHC string, its own salt).
pub fn hash_password(password: &str) -> Result<String, String> {
    // 16 bytes from the system's generator (a version-4 UUID: 122 of them random).
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes()).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// Whether `password` is the one `hash` was made from.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash to verify against when the account does not exist, so that a wrong username takes
/// as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy-password-never-used").unwrap_or_default())
}

/// A new API token: (the secret, shown once; its prefix; its hash).
pub fn new_token() -> (String, String, String) {
    let secret = format!("{TOKEN_PREFIX}{}", new_secret());
    let prefix = secret.chars().take(TOKEN_PREFIX.len() + 8).collect();
    let hash = hash_secret(&secret);
    (secret, prefix, hash)
}

/// Who is calling.
#[derive(Debug, Clone)]
pub enum Caller {
    /// Nobody signed in, no token.
    Anonymous,
    /// A staff member, by session cookie.
    Staff {
        /// The account.
        user: StoredUser,
        /// The session's CSRF token.
        csrf: String,
    },
    /// An API token.
    Token(StoredToken),
    /// The server's admin token (`--admin-token`): read and write on every unit.
    AdminToken,
    /// A bearer token that is no token.
    BadToken,
}

impl Caller {
    /// What the caller may do.
    pub fn grant(&self) -> Option<Grant> {
        match self {
            Caller::Staff { user, .. } => Some(user.grant()),
            Caller::Token(token) => Some(token.grant()),
            Caller::AdminToken => Some(Grant::Token { permission: TokenPermission::Write, scope: Scope::All }),
            Caller::Anonymous | Caller::BadToken => None,
        }
    }

    /// How the audit log names the caller.
    pub fn actor(&self) -> String {
        match self {
            Caller::Staff { user, .. } => user.username.clone(),
            Caller::Token(token) => format!("token:{}", token.info.prefix),
            Caller::AdminToken => "admin-token".to_owned(),
            Caller::Anonymous => "anonymous".to_owned(),
            Caller::BadToken => "bad-token".to_owned(),
        }
    }
}

/// The value of a cookie in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "))
}

/// The current time as stored (WIB, RFC 3339).
pub fn now_text() -> String {
    crate::now_wib().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, Self::Rejection> {
        let session = cookie(&parts.headers, SESSION_COOKIE).map(hash_secret);
        let token = bearer(&parts.headers).map(str::to_owned);
        if session.is_none() && token.is_none() {
            return Ok(Caller::Anonymous);
        }
        if let Some(token) = &token {
            if state.admin_token.verify(token) {
                return Ok(Caller::AdminToken);
            }
        }
        let store = state.store.clone();
        let found = tokio::task::spawn_blocking(move || -> Result<Caller, crate::StoreError> {
            let mut store = store.lock().map_err(|_| crate::StoreError::Corrupt("store lock poisoned".to_owned()))?;
            if let Some(token) = token {
                return Ok(match store.use_token(&hash_secret(&token))? {
                    Some(t) => Caller::Token(t),
                    None => Caller::BadToken,
                });
            }
            let Some(id_hash) = session else { return Ok(Caller::Anonymous) };
            Ok(match store.session(&id_hash, &now_text())? {
                Some((user, csrf)) => Caller::Staff { user, csrf },
                None => Caller::Anonymous,
            })
        })
        .await;
        Ok(match found {
            Ok(Ok(caller)) => caller,
            other => {
                tracing::error!(?other, "reading the caller failed");
                Caller::Anonymous
            }
        })
    }
}

/// A request as authorization sees it: the state, the client's address, the caller, and the
/// method and headers (for the CSRF check). Every protected handler takes it first.
pub struct Asking {
    /// The server's state.
    pub state: AppState,
    /// The client's address.
    pub client: Option<IpAddr>,
    /// Who is calling.
    pub caller: Caller,
    method: Method,
    headers: HeaderMap,
}

impl FromRequestParts<AppState> for Asking {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Asking, Self::Rejection> {
        let crate::client::ClientIp(client) = crate::client::ClientIp::from_request_parts(parts, state).await?;
        let caller = Caller::from_request_parts(parts, state).await?;
        Ok(Asking {
            state: state.clone(),
            client,
            caller,
            method: parts.method.clone(),
            headers: parts.headers.clone(),
        })
    }
}

impl Asking {
    /// `Ok` when the caller may do `action` on `unit`; otherwise the refusal ([`authorize`]).
    pub async fn may(&self, action: Action, unit: Option<&str>) -> Result<(), Box<Response>> {
        authorize(&self.state, &self.caller, self.client, &self.method, &self.headers, action, unit).await
    }

    /// Writes a line of the caller's to the audit log.
    pub async fn audit(&self, action: &str, target: &str, outcome: &str) {
        audit(&self.state, &self.caller, self.client, action, target, outcome).await;
    }

    /// How the audit log names the caller.
    pub fn actor(&self) -> String {
        self.caller.actor()
    }

    /// The request's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The client's address as the audit log keeps it (empty when unknown).
    pub fn address(&self) -> String {
        self.client.map(|c| c.to_string()).unwrap_or_default()
    }
}

/// Writes a line to the audit log; a failure to write is logged, never hidden.
pub async fn audit(
    state: &AppState,
    caller: &Caller,
    client: Option<IpAddr>,
    action: &str,
    target: &str,
    outcome: &str,
) {
    audit_change(state, &caller.actor(), client, action, target, outcome, None, None).await;
}

/// Writes a line with the values before and after.
#[allow(clippy::too_many_arguments)]
pub async fn audit_change(
    state: &AppState,
    actor: &str,
    client: Option<IpAddr>,
    action: &str,
    target: &str,
    outcome: &str,
    old: Option<String>,
    new: Option<String>,
) {
    let store = state.store.clone();
    let (actor, action, target, outcome) = (actor.to_owned(), action.to_owned(), target.to_owned(), outcome.to_owned());
    let address = client.map(|c| c.to_string()).unwrap_or_default();
    let written = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(mut s) => s
            .audit(Audit {
                actor: &actor,
                address: &address,
                action: &action,
                target: &target,
                outcome: &outcome,
                old: old.as_deref(),
                new: new.as_deref(),
            })
            .map_err(|e| e.to_string()),
        Err(_) => Err("store lock poisoned".to_owned()),
    })
    .await;
    if !matches!(written, Ok(Ok(()))) {
        tracing::error!(?written, "writing the audit log failed");
    }
}

/// Whether the request changes something (and so needs the session's CSRF token).
fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// `Ok` when `caller` may do `action` on `unit` (`None`: every unit, or no unit); otherwise the
/// refusal: 401 for nobody (or a wrong token, with the back-off per address), 403 for a caller
/// who may not (audited as refused), 403 for a session's state change without its CSRF token.
pub async fn authorize(
    state: &AppState,
    caller: &Caller,
    client: Option<IpAddr>,
    method: &Method,
    headers: &HeaderMap,
    action: Action,
    unit: Option<&str>,
) -> Result<(), Box<Response>> {
    let key = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if let Err(wait) = state.admin_guard.check(&key) {
        tracing::warn!(client = %key, wait_s = wait.as_secs(), "request refused: backing off after wrong tokens");
        return Err(Box::new(retry_later(
            "too_many_failures",
            wait,
            "terlalu banyak token yang salah dari alamat ini",
            "too many wrong tokens from this address",
        )));
    }
    let Some(grant) = caller.grant() else {
        if matches!(caller, Caller::BadToken) {
            let (failures, wait) = state.admin_guard.failed(&key);
            tracing::warn!(client = %key, failures, wait_s = wait.map(|w| w.as_secs()), "wrong or revoked token");
            audit(state, caller, client, "token.use", "", "refused").await;
        }
        return Err(Box::new(refusal(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            None,
            "masuk dulu, atau kirim token API yang berlaku",
            "sign in, or send a valid API token",
        )));
    };
    if matches!(caller, Caller::Token(_) | Caller::AdminToken) {
        state.admin_guard.succeeded(&key);
    }
    if let Caller::Staff { csrf, .. } = caller {
        let given = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if changes_state(method) && given.is_none_or(|g| !constant_eq(g, csrf)) {
            audit(state, caller, client, "csrf", unit.unwrap_or_default(), "refused").await;
            return Err(Box::new(refusal(
                StatusCode::FORBIDDEN,
                "csrf",
                None,
                "permintaan tanpa token CSRF sesi ini; muat ulang halaman",
                "the request lacks this session's CSRF token; reload the page",
            )));
        }
    }
    if grant.allows(action, unit) {
        return Ok(());
    }
    let target = unit.unwrap_or("*");
    audit(state, caller, client, &format!("{action:?}"), target, "refused").await;
    tracing::warn!(actor = caller.actor(), ?action, unit = target, "refused: not allowed");
    Err(Box::new(refusal(
        StatusCode::FORBIDDEN,
        "forbidden",
        unit.map(|_| "unit".to_owned()),
        &format!("akun ini tidak berhak atas '{target}'"),
        &format!("this account may not do that for '{target}'"),
    )))
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("kopi-tubruk-2026").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "kopi-tubruk-2026"));
        assert!(!verify_password(&hash, "kopi-tubruk-2027"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn tokens_and_cookies_read_as_written() {
        let (secret, prefix, hash) = new_token();
        assert!(secret.starts_with("skm_") && secret.len() == 68 && secret.starts_with(&prefix));
        assert_eq!(hash, hash_secret(&secret));
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "a=1; skm_session=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert!(constant_eq("abc", "abc") && !constant_eq("abc", "abd") && !constant_eq("abc", "ab"));
    }
}
