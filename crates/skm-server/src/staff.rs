//! The staff's own administration over the API: the accounts (listed, reset, disabled) and the
//! audit log (JSON, CSV, XLSX). An `admin_pemda` may do all of it; a unit's admin sees the
//! accounts of its units.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use skm_core::access::{password_problem, Action, MadeToken, NewToken, ResetPassword, Scope, TokenInfo, UserInfo};

use crate::auth::{hash_password, new_token, Asking};
use crate::errors::refusal;
use crate::store::{Audit, AuditEntry, StoreError};
use crate::AppState;

/// Runs `f` on the store off the async threads.
pub(crate) async fn with_store<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut crate::Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let store = state.store.clone();
    tokio::task::spawn_blocking(move || match store.lock() {
        Ok(mut s) => f(&mut s),
        Err(_) => Err(StoreError::Corrupt("store lock poisoned".to_owned())),
    })
    .await
    .unwrap_or_else(|e| Err(StoreError::Corrupt(e.to_string())))
}

fn failed(detail: StoreError) -> Response {
    match detail {
        StoreError::NoUser(name) => refusal(
            StatusCode::NOT_FOUND,
            "not_found",
            Some("username".to_owned()),
            &format!("pengguna '{name}' tidak ada"),
            &format!("no user '{name}'"),
        ),
        other => {
            tracing::error!(%other, "an administration request failed");
            refusal(StatusCode::INTERNAL_SERVER_ERROR, "storage", None, "gagal", "the request failed")
        }
    }
}

/// `GET /api/v1/users`: every account (an `admin_pemda`), or those sharing a unit with a unit's
/// admin.
pub async fn users(asking: Asking) -> Response {
    let Some(grant) = asking.caller.grant() else {
        return match asking.may(Action::SeeUsers, None).await {
            Err(refused) => *refused,
            Ok(()) => StatusCode::UNAUTHORIZED.into_response(),
        };
    };
    let all = grant.allows(Action::Administer, None);
    let listed = with_store(&asking.state, |s| s.users()).await;
    let users = match listed {
        Ok(users) => users,
        Err(e) => return failed(e),
    };
    let visible: Vec<UserInfo> = users
        .into_iter()
        .filter(|u| all || u.units.iter().any(|unit| grant.allows(Action::SeeUsers, Some(unit))))
        .map(|u| u.info())
        .collect();
    if !all && visible.is_empty() {
        if let Err(refused) = asking.may(Action::SeeUsers, None).await {
            return *refused;
        }
    }
    Json(visible).into_response()
}

/// `GET /api/v1/units/<unit>/users`: the accounts of one unit, for whoever may see its users.
pub async fn unit_users(asking: Asking, Path(unit): Path<String>) -> Response {
    if asking.state.directory().unit(&unit).is_none() {
        return crate::api::no_unit(&unit);
    }
    let allowed = asking.may(Action::SeeUsers, Some(&unit)).await;
    if let Err(refused) = allowed {
        return *refused;
    }
    match with_store(&asking.state, |s| s.users()).await {
        Ok(users) => Json(users.into_iter().filter(|u| u.units.contains(&unit)).map(|u| u.info()).collect::<Vec<_>>())
            .into_response(),
        Err(e) => failed(e),
    }
}

/// `POST /api/v1/users/<username>/reset`: a new password, set by an `admin_pemda`.
pub async fn reset(asking: Asking, Path(username): Path<String>, body: Json<ResetPassword>) -> Response {
    if let Err(refused) = asking.may(Action::Administer, None).await {
        return *refused;
    }
    if let Some(problem) = password_problem(&body.password, &username) {
        return refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            Some("password".to_owned()),
            problem.id,
            problem.en,
        );
    }
    let (actor, address, password) = (asking.actor(), asking.address(), body.0.password);
    let done = with_store(&asking.state, move |s| {
        let hash = hash_password(&password).map_err(StoreError::Corrupt)?;
        s.set_password(
            &username,
            &hash,
            Audit { actor: &actor, address: &address, action: "user.reset", ..Audit::default() },
        )
    })
    .await;
    match done {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => failed(e),
    }
}

/// `POST /api/v1/users/<username>/disable`: the account may no longer sign in; its sessions end.
pub async fn disable(asking: Asking, Path(username): Path<String>) -> Response {
    if let Err(refused) = asking.may(Action::Administer, None).await {
        return *refused;
    }
    let (actor, address) = (asking.actor(), asking.address());
    let done = with_store(&asking.state, move |s| {
        s.set_disabled(&username, true, Audit { actor: &actor, address: &address, ..Audit::default() })
    })
    .await;
    match done {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => failed(e),
    }
}

/// `GET /api/v1/tokens`: every API token with its last use (an `admin_pemda`).
pub async fn tokens(asking: Asking) -> Response {
    if let Err(refused) = asking.may(Action::Administer, None).await {
        return *refused;
    }
    match with_store(&asking.state, |s| s.tokens()).await {
        Ok(tokens) => Json(tokens.into_iter().map(|t| t.info).collect::<Vec<TokenInfo>>()).into_response(),
        Err(e) => failed(e),
    }
}

/// `POST /api/v1/tokens`: makes a token; its secret is in this answer only.
pub async fn add_token(asking: Asking, body: Json<NewToken>) -> Response {
    if let Err(refused) = asking.may(Action::Administer, None).await {
        return *refused;
    }
    let NewToken { units, permission, note } = body.0;
    if units.is_empty() {
        return refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            Some("units".to_owned()),
            "pilih unit",
            "choose units",
        );
    }
    let scope = if units.iter().any(|u| u == "*") { Scope::All } else { Scope::Units(units) };
    let (secret, prefix, hash) = new_token();
    let (actor, address, made_prefix) = (asking.actor(), asking.address(), prefix.clone());
    let made = with_store(&asking.state, move |s| {
        s.add_token(
            &prefix,
            &hash,
            permission,
            &scope,
            &note,
            Audit { actor: &actor, address: &address, ..Audit::default() },
        )
    })
    .await;
    match made {
        Ok(_) => (
            StatusCode::CREATED,
            [(header::CACHE_CONTROL, "no-store")],
            Json(MadeToken { token: secret, prefix: made_prefix }),
        )
            .into_response(),
        Err(StoreError::NoUnit(code)) => crate::api::no_unit(&code),
        Err(e) => failed(e),
    }
}

/// `POST /api/v1/tokens/<prefix>/revoke`.
pub async fn revoke_token(asking: Asking, Path(prefix): Path<String>) -> Response {
    if let Err(refused) = asking.may(Action::Administer, None).await {
        return *refused;
    }
    let (actor, address) = (asking.actor(), asking.address());
    let done = with_store(&asking.state, move |s| {
        s.revoke_token(&prefix, Audit { actor: &actor, address: &address, ..Audit::default() })
    })
    .await;
    match done {
        Ok(token) => Json(token.info).into_response(),
        Err(StoreError::NoToken(prefix)) => refusal(
            StatusCode::NOT_FOUND,
            "not_found",
            Some("token".to_owned()),
            &format!("token '{prefix}' tidak ada atau sudah dicabut"),
            &format!("no live token '{prefix}'"),
        ),
        Err(e) => failed(e),
    }
}

/// The audit log's columns.
pub const AUDIT_HEADER: [&str; 9] = ["seq", "at", "actor", "address", "action", "target", "outcome", "old", "new"];

/// The audit log as rows of text under [`AUDIT_HEADER`]: one table for every output.
pub fn audit_rows(entries: &[AuditEntry]) -> Vec<Vec<String>> {
    entries
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                e.at.clone(),
                e.actor.clone(),
                e.address.clone(),
                e.action.clone(),
                e.target.clone(),
                e.outcome.clone(),
                e.old.clone().unwrap_or_default(),
                e.new.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

/// The audit log as CSV (formula-like cells neutralised).
pub fn audit_csv(entries: &[AuditEntry]) -> Result<Vec<u8>, String> {
    let header = vec![AUDIT_HEADER.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    skm_csv::to_bytes(header.into_iter().chain(audit_rows(entries))).map_err(|e| e.to_string())
}

/// The audit log as an XLSX workbook of text cells.
pub fn audit_xlsx(entries: &[AuditEntry]) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Audit").map_err(|e| e.to_string())?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, name) in AUDIT_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold).map_err(|e| e.to_string())?;
    }
    for (row, cells) in audit_rows(entries).iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            // A cell holds at most 32 767 characters; a longer document is cut, not refused.
            let text: String = cell.chars().take(32_000).collect();
            sheet.write_string(row as u32 + 1, col as u16, &text).map_err(|e| e.to_string())?;
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// The forms the audit log is given in.
#[derive(Debug, Clone, Copy)]
pub enum AuditFormat {
    /// `GET /api/v1/audit`.
    Json,
    /// `GET /api/v1/audit.csv`.
    Csv,
    /// `GET /api/v1/audit.xlsx`.
    Xlsx,
}

/// `GET /api/v1/audit`: the audit log as JSON, for an `admin_pemda`.
pub async fn audit_json(asking: Asking) -> Response {
    audit_log(asking, AuditFormat::Json).await
}

/// `GET /api/v1/audit.csv`.
pub async fn audit_as_csv(asking: Asking) -> Response {
    audit_log(asking, AuditFormat::Csv).await
}

/// `GET /api/v1/audit.xlsx`.
pub async fn audit_as_xlsx(asking: Asking) -> Response {
    audit_log(asking, AuditFormat::Xlsx).await
}

async fn audit_log(asking: Asking, format: AuditFormat) -> Response {
    if let Err(refused) = asking.may(Action::ReadAudit, None).await {
        return *refused;
    }
    let entries = match with_store(&asking.state, |s| s.audit_log()).await {
        Ok(entries) => entries,
        Err(e) => return failed(e),
    };
    let file = |mime: &'static str, name: &'static str, bytes: Result<Vec<u8>, String>| match bytes {
        Ok(bytes) => (
            [(header::CONTENT_TYPE, mime), (header::CONTENT_DISPOSITION, name), (header::CACHE_CONTROL, "no-store")],
            bytes,
        )
            .into_response(),
        Err(detail) => {
            tracing::error!(%detail, "writing the audit log failed");
            refusal(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None, "gagal", "failed")
        }
    };
    match format {
        AuditFormat::Json => Json(entries).into_response(),
        AuditFormat::Csv => file("text/csv; charset=utf-8", "attachment; filename=\"audit.csv\"", audit_csv(&entries)),
        AuditFormat::Xlsx => file(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "attachment; filename=\"audit.xlsx\"",
            audit_xlsx(&entries),
        ),
    }
}
