//! `POST /api/v1/units/<unit>/paper`: a paper questionnaire typed in by an operator. The sheet's
//! serial number makes its ID, so a sheet typed twice is refused with 409 and stored once; the
//! answers are checked by the survey's own rules; its time is noon of the day on the sheet.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use skm_core::access::Action;
use skm_core::channel::Channel;
use skm_core::paper::{self, PaperEntry};
use skm_core::response::{ResponseRecord, SubmissionError, ValidSubmission};

use crate::auth::Asking;
use crate::editing::json_body;
use crate::errors::refusal;
use crate::store::{Filed, Stored};

fn invalid(e: SubmissionError) -> Response {
    refusal(StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some(e.field), &e.message_id, &e.message_en)
}

/// Stores one paper form of a unit, for whoever may enter the unit's paper forms.
pub(crate) async fn enter(asking: Asking, Path(unit): Path<String>, body: Result<Bytes, BytesRejection>) -> Response {
    let Some(listed) = asking.state.directory().unit(&unit).cloned() else {
        return crate::api::no_unit(&unit);
    };
    if let Err(refused) = asking.may(Action::EnterPaper, Some(&unit)).await {
        return *refused;
    }
    let entry = match json_body::<Option<PaperEntry>>(body, asking.headers(), false, crate::MAX_BODY_BYTES) {
        Ok(entry) => entry.unwrap_or_default(),
        Err(refused) => return *refused,
    };
    let serial = match paper::serial(&entry.serial) {
        Ok(serial) => serial,
        Err(e) => return invalid(e),
    };
    let zone = listed.unit.calendar.zone;
    let today = jiff::Timestamp::now().to_zoned_datetime(zone.time_zone()).date();
    let day = match paper::filled_on(&entry.filled_on, today) {
        Ok(day) => day,
        Err(e) => return invalid(e),
    };
    let valid = match entry.submission(&unit).validate(|code| listed.offers(code)) {
        Ok(valid) => ValidSubmission { channel: Channel::Paper, ..valid },
        Err(e) => return invalid(e),
    };
    let submitted_at = format!("{day}T12:00:00+{:02}:00", zone.offset_hours());
    let record = ResponseRecord::new(paper::response_id(&unit, &serial), submitted_at, &valid);
    let (id, at) = (record.id.clone(), record.submitted_at.clone());
    let target = format!("{unit}/{serial}");
    match asking.state.committer.store(Filed { unit, record }).await {
        Ok(Stored::New) => {
            asking.audit("paper.enter", &target, "ok").await;
            (StatusCode::CREATED, Json(serde_json::json!({ "id": id, "submitted_at": at }))).into_response()
        }
        Ok(Stored::Replay(_) | Stored::Conflict) => {
            asking.audit("paper.enter", &target, "duplicate").await;
            refusal(
                StatusCode::CONFLICT,
                "duplicate_serial",
                Some("serial".to_owned()),
                &format!("formulir bernomor seri {serial} sudah dimasukkan; tidak disimpan lagi"),
                &format!("the form with serial number {serial} was entered already; not stored again"),
            )
        }
        Err(detail) => {
            tracing::error!(%detail, "storing a paper form failed");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                None,
                "formulir tidak tersimpan; silakan coba lagi",
                "the form was not stored; please try again",
            )
        }
    }
}
