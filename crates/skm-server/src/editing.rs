//! The admin page's writes to a unit's service standards: save a service (a new version) and
//! retire one. Allowed to whoever may edit the unit's standards; every rule is the core's,
//! checked here again; every change is audited with the documents before and after.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use skm_core::editing::{
    effective_date, field_problems, to_document, FieldProblem, RetireService, SaveStandard, Saved,
};

use crate::auth::{audit_change, Asking};
use crate::errors::refusal;
use crate::store::{Imported, StoreError};
use crate::AppState;
use skm_core::access::Action;

/// The largest standard document accepted from the admin page, in bytes (the seed documents are
/// under 10 KB).
pub const MAX_STANDARD_BYTES: usize = 256 * 1024;

/// A 422 that lists every problem, the first also as the usual `field` and messages.
#[derive(Serialize)]
struct Invalid {
    error: &'static str,
    field: String,
    message_id: String,
    message_en: String,
    problems: Vec<FieldProblem>,
}

pub(crate) fn invalid(problems: Vec<FieldProblem>) -> Response {
    let first = problems.first().cloned().unwrap_or(FieldProblem {
        field: String::new(),
        message_id: "tidak sah".to_owned(),
        message_en: "not valid".to_owned(),
    });
    let body = Invalid {
        error: "invalid",
        field: first.field,
        message_id: first.message_id,
        message_en: first.message_en,
        problems,
    };
    (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
}

/// The body as JSON of `T`, or the refusal: too large (over `limit` bytes, the route's), unreadable,
/// not JSON, or not the shape.
pub(crate) fn json_body<T: serde::de::DeserializeOwned + Default>(
    body: Result<Bytes, BytesRejection>,
    headers: &HeaderMap,
    empty_is_default: bool,
    limit: usize,
) -> Result<T, Box<Response>> {
    let body = body.map_err(|rejection| {
        Box::new(if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            let kb = limit / 1024;
            refusal(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                None,
                &format!("isi permintaan terlalu besar (paling besar {kb} KB)"),
                &format!("the request body is too large ({kb} KB at most)"),
            )
        } else {
            refusal(
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                None,
                "isi permintaan tidak dapat dibaca",
                "the request body could not be read",
            )
        })
    })?;
    if empty_is_default && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    let content_type = headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if !crate::api::is_json(content_type) {
        return Err(Box::new(refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            None,
            "kirim sebagai application/json",
            "send as application/json",
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let field = e.path().to_string();
        let detail = e.inner().to_string();
        Box::new(refusal(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            Some(field.clone()),
            &format!("isi tidak sesuai format di '{field}': {detail}"),
            &format!("the body does not fit the format at '{field}': {detail}"),
        ))
    })
}

/// Runs a write on the store and refreshes the survey's directory, so the change shows at once.
async fn write<F>(state: &AppState, change: F) -> Result<(Imported, Option<String>), StoreError>
where
    F: FnOnce(&mut crate::Store) -> Result<(Imported, Option<String>), StoreError> + Send + 'static,
{
    let store = state.store.clone();
    let done = tokio::task::spawn_blocking(move || match store.lock() {
        Ok(mut s) => change(&mut s),
        Err(_) => Err(StoreError::Corrupt("store lock poisoned".to_owned())),
    })
    .await
    .unwrap_or_else(|e| Err(StoreError::Corrupt(e.to_string())));
    if done.is_ok() {
        state.directory.reload(&state.store);
    }
    done
}

fn answer(result: Result<Imported, StoreError>, effective: jiff::civil::Date) -> Response {
    match result {
        Ok(done) => {
            let status = if done.new { StatusCode::CREATED } else { StatusCode::OK };
            let saved = Saved {
                service: done.service,
                version: done.version,
                new: done.new,
                effective_from: effective.to_string(),
            };
            (status, Json(saved)).into_response()
        }
        Err(StoreError::NoUnit(code)) => crate::api::no_unit(&code),
        Err(StoreError::NoService { unit, service }) => refusal(
            StatusCode::NOT_FOUND,
            "not_found",
            Some("service".to_owned()),
            &format!("unit '{unit}' tidak punya layanan '{service}'"),
            &format!("unit '{unit}' has no service '{service}'"),
        ),
        Err(StoreError::Catalog(e)) => {
            refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", None, &e.to_string(), &e.to_string())
        }
        Err(detail) => {
            tracing::error!(%detail, "saving a standard failed");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                None,
                "standar tidak tersimpan; silakan coba lagi",
                "the standard was not saved; please try again",
            )
        }
    }
}

/// `POST /api/v1/units/<unit>/standards`: saves a service's standard as a new version.
pub async fn save(asking: Asking, Path(unit): Path<String>, body: Result<Bytes, BytesRejection>) -> Response {
    if let Err(refused) = asking.may(Action::EditStandards, Some(&unit)).await {
        return *refused;
    }
    let (state, headers, client) = (&asking.state, asking.headers(), asking.client);
    let save: SaveStandard = match json_body::<Option<SaveStandard>>(body, headers, false, MAX_STANDARD_BYTES) {
        Ok(Some(save)) => save,
        Ok(None) => return invalid(Vec::new()),
        Err(refused) => return *refused,
    };
    let problems = field_problems(&save.standard);
    if !problems.is_empty() {
        return invalid(problems);
    }
    let effective = match effective_date(save.effective_from.as_deref(), crate::now_wib().date()) {
        Ok(day) => day,
        Err(problem) => return invalid(vec![problem]),
    };
    let text = match to_document(&save.standard) {
        Ok(text) => text,
        Err(detail) => {
            tracing::error!(%detail, "writing a standard as TOML failed");
            return refusal(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None, &detail, &detail);
        }
    };
    let source = format!("admin:{}", save.standard.code);
    let (code, target) = (save.standard.code.clone(), format!("{unit}/{}", save.standard.code));
    let new = text.clone();
    let result = write(state, move |s| {
        let before = s.standard_history(&unit)?.into_iter().rev().find(|v| v.service == code);
        let mut done = s.import_standards(&unit, &[(source, text)], effective)?;
        let done = done.pop().ok_or_else(|| StoreError::Corrupt("nothing imported".to_owned()))?;
        Ok((done, before.and_then(|v| v.document)))
    })
    .await;
    let result = match result {
        Ok((done, old)) => {
            if done.new {
                let (actor, new) = (asking.actor(), Some(format!("v{} {effective}\n{new}", done.version)));
                audit_change(state, &actor, client, "standards.save", &target, "ok", old, new).await;
            }
            Ok(done)
        }
        Err(e) => Err(e),
    };
    answer(result, effective)
}

/// `POST /api/v1/units/<unit>/services/<service>/retire`: retires a service from a day on.
pub async fn retire(
    asking: Asking,
    Path((unit, service)): Path<(String, String)>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Err(refused) = asking.may(Action::EditStandards, Some(&unit)).await {
        return *refused;
    }
    let (state, headers, client) = (&asking.state, asking.headers(), asking.client);
    let retire: RetireService = match json_body(body, headers, true, crate::MAX_BODY_BYTES) {
        Ok(retire) => retire,
        Err(refused) => return *refused,
    };
    let effective = match effective_date(retire.effective_from.as_deref(), crate::now_wib().date()) {
        Ok(day) => day,
        Err(problem) => return invalid(vec![problem]),
    };
    let target = format!("{unit}/{service}");
    let result = write(state, move |s| s.retire_service(&unit, &service, effective).map(|d| (d, None))).await;
    if let Ok((done, _)) = &result {
        let new = Some(format!("v{} retired from {effective}", done.version));
        audit_change(state, &asking.actor(), client, "standards.retire", &target, "ok", None, new).await;
    }
    answer(result.map(|(done, _)| done), effective)
}
