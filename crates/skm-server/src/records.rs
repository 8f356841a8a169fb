//! The records a unit's staff keep about its survey results, over the API: the follow-up actions
//! (`/follow-up`), the publication register (`/publications`) and the services' populations
//! (`/populations`). Listed for whoever reads the
//! unit's responses; entered and changed by whoever may edit its follow-up; every rule the
//! core's (`Draft`), every change audited with the record before and after.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;
use skm_core::access::Action;
use skm_core::editing::Draft;
use skm_core::follow_up::{FollowUpDraft, FollowUpRecord};
use skm_core::publication::{PublicationDraft, PublicationRecord};
use skm_core::sampling::{PopulationDraft, PopulationRecord};
use skm_core::Text;

use crate::auth::{audit_change, Asking};
use crate::editing::{invalid, json_body};
use crate::errors::refusal;
use crate::store::{Changed, Store, StoreError};

/// The largest record accepted, in bytes (the longest texts in four-byte characters fit).
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// A kind of record a unit keeps, and where the store keeps it.
pub(crate) trait Register: 'static {
    /// What the admin page sends.
    type Draft: Draft + DeserializeOwned + Default + Send + 'static;
    /// What is kept.
    type Record: Serialize + PartialEq + Send + 'static;
    /// Its name in the audit log (`follow_up.add`).
    const AUDIT: &'static str;
    /// Its name in messages.
    const NOUN: Text;
    /// The unit's records.
    fn list(s: &Store, unit: &str) -> Result<Vec<Self::Record>, StoreError>;
    /// Keeps a new one.
    fn add(s: &mut Store, unit: &str, d: &Self::Draft, now: &str) -> Result<Self::Record, StoreError>;
    /// Replaces what one holds: before and after, or `None` when the unit has no such record.
    fn change(
        s: &mut Store,
        unit: &str,
        id: i64,
        d: &Self::Draft,
        now: &str,
    ) -> Result<Changed<Self::Record>, StoreError>;
    /// Its number.
    fn id(r: &Self::Record) -> i64;
}

/// A register kept by three store methods: its list, add and change.
macro_rules! register {
    ($(#[$doc:meta])* $name:ident, $draft:ty, $record:ty, $audit:literal, $noun:expr, $list:ident, $add:ident, $change:ident) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl Register for $name {
            type Draft = $draft;
            type Record = $record;
            const AUDIT: &'static str = $audit;
            const NOUN: Text = $noun;
            fn list(s: &Store, unit: &str) -> Result<Vec<$record>, StoreError> {
                s.$list(unit)
            }
            fn add(s: &mut Store, unit: &str, d: &$draft, now: &str) -> Result<$record, StoreError> {
                s.$add(unit, d, now)
            }
            fn change(s: &mut Store, unit: &str, id: i64, d: &$draft, now: &str) -> Result<Changed<$record>, StoreError> {
                s.$change(unit, id, d, now)
            }
            fn id(r: &$record) -> i64 {
                r.id
            }
        }
    };
}

register!(
    /// The follow-up actions (RTL).
    FollowUps, FollowUpDraft, FollowUpRecord, "follow_up",
    Text { id: "tindak lanjut", en: "follow-up action" },
    follow_ups, add_follow_up, change_follow_up
);
register!(
    /// The publication register.
    Publications, PublicationDraft, PublicationRecord, "publication",
    Text { id: "publikasi", en: "publication" },
    publications, add_publication, change_publication
);
register!(
    /// The population of each service per SKM period, for the sampling plan.
    Populations, PopulationDraft, PopulationRecord, "population",
    Text { id: "populasi", en: "population" },
    populations, add_population, change_population
);

fn failed<R: Register>(detail: StoreError) -> Response {
    match detail {
        StoreError::NoUnit(code) => crate::api::no_unit(&code),
        StoreError::Taken(what) => refusal(
            StatusCode::CONFLICT,
            "taken",
            None,
            &format!("{} {what} sudah tercatat; ubah yang ada", R::NOUN.id),
            &format!("the {} of {what} is recorded already; change that one", R::NOUN.en),
        ),
        other => {
            tracing::error!(%other, kind = R::AUDIT, "a unit's record was not saved");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                None,
                &format!("{} tidak tersimpan; silakan coba lagi", R::NOUN.id),
                &format!("the {} was not saved; please try again", R::NOUN.en),
            )
        }
    }
}

/// The draft of the body, tidied, when the caller may edit the unit's records; else the refusal
/// (403, or 422 naming every broken rule).
async fn draft_of<R: Register>(
    asking: &Asking,
    unit: &str,
    body: Result<Bytes, BytesRejection>,
) -> Result<R::Draft, Box<Response>> {
    asking.may(Action::EditFollowUp, Some(unit)).await?;
    let draft = json_body::<Option<R::Draft>>(body, asking.headers(), false, MAX_RECORD_BYTES)?
        .map(|d| d.cleaned())
        .unwrap_or_default();
    let problems = draft.problems();
    if problems.is_empty() {
        Ok(draft)
    } else {
        Err(Box::new(invalid(problems)))
    }
}

fn as_json<T: Serialize>(record: &T) -> Option<String> {
    serde_json::to_string(record).ok()
}

/// `GET /api/v1/units/<unit>/<records>`: the unit's records, every field.
pub(crate) async fn list<R: Register>(asking: Asking, Path(unit): Path<String>) -> Response {
    if let Err(refused) = asking.may(Action::ReadResponses, Some(&unit)).await {
        return *refused;
    }
    let code = unit.clone();
    let listed = crate::staff::with_store(&asking.state, move |s| match s.unit(&code)? {
        Some(_) => R::list(s, &code),
        None => Err(StoreError::NoUnit(code)),
    })
    .await;
    match listed {
        Ok(records) => Json(records).into_response(),
        Err(e) => failed::<R>(e),
    }
}

/// `POST /api/v1/units/<unit>/<records>`: keeps a new record; 201 with it as kept.
pub(crate) async fn add<R: Register>(
    asking: Asking,
    Path(unit): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let draft = match draft_of::<R>(&asking, &unit, body).await {
        Ok(draft) => draft,
        Err(refused) => return *refused,
    };
    let (code, now) = (unit.clone(), crate::now_wib().to_string());
    match crate::staff::with_store(&asking.state, move |s| R::add(s, &code, &draft, &now)).await {
        Ok(record) => {
            let (target, action) = (format!("{unit}/{}", R::id(&record)), format!("{}.add", R::AUDIT));
            let (state, actor) = (&asking.state, asking.actor());
            audit_change(state, &actor, asking.client, &action, &target, "ok", None, as_json(&record)).await;
            (StatusCode::CREATED, Json(record)).into_response()
        }
        Err(e) => failed::<R>(e),
    }
}

/// `POST /api/v1/units/<unit>/<records>/<id>`: replaces what a record holds; 200 with it as kept.
pub(crate) async fn change<R: Register>(
    asking: Asking,
    Path((unit, id)): Path<(String, i64)>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let draft = match draft_of::<R>(&asking, &unit, body).await {
        Ok(draft) => draft,
        Err(refused) => return *refused,
    };
    let (code, now) = (unit.clone(), crate::now_wib().to_string());
    match crate::staff::with_store(&asking.state, move |s| R::change(s, &code, id, &draft, &now)).await {
        // A change that changes nothing is not one: no version, no audit line.
        Ok(Some((before, after))) if before == after => Json(after).into_response(),
        Ok(Some((before, after))) => {
            let (state, actor, target) = (&asking.state, asking.actor(), format!("{unit}/{id}"));
            let (old, new, action) = (as_json(&before), as_json(&after), format!("{}.change", R::AUDIT));
            audit_change(state, &actor, asking.client, &action, &target, "ok", old, new).await;
            Json(after).into_response()
        }
        Ok(None) => refusal(
            StatusCode::NOT_FOUND,
            "not_found",
            Some("id".to_owned()),
            &format!("unit '{unit}' tidak punya {} nomor {id}", R::NOUN.id),
            &format!("unit '{unit}' has no {} {id}", R::NOUN.en),
        ),
        Err(e) => failed::<R>(e),
    }
}
