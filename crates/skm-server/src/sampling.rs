//! `GET /api/v1/units/<unit>/sampling[?period=2026-S2]`: the sampling plan of one of the unit's
//! SKM periods (the current one unless asked): per service the population entered, the
//! Krejcie–Morgan sample it asks for, the respondents so far and the days left.

use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use skm_core::access::Action;
use skm_core::editing::unknown_period;
use skm_core::period::Period;
use skm_core::sample::DEFAULT_MIN_SAMPLE;
use skm_core::sampling::{days_of, PlanInputs, SamplingPlan};

use crate::auth::Asking;
use crate::errors::refusal;
use crate::store::StoreError;

/// What may be asked.
#[derive(Debug, Deserialize)]
pub(crate) struct PlanQuery {
    /// The period (`2026-S2`); the unit's current one when absent.
    period: Option<String>,
}

/// The plan, for whoever may read the unit's responses.
pub(crate) async fn plan(asking: Asking, Path(unit): Path<String>, Query(query): Query<PlanQuery>) -> Response {
    if let Err(refused) = asking.may(Action::ReadResponses, Some(&unit)).await {
        return *refused;
    }
    let directory = asking.state.directory();
    let Some(listed) = directory.unit(&unit) else { return crate::api::no_unit(&unit) };
    let today = crate::now_wib().date();
    let period = match query.period.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => Period::of_date(listed.unit.survey.period, today),
        Some(key) => match Period::from_key(key) {
            Some(p) => p,
            None => {
                let p = unknown_period("period", key);
                return refusal(StatusCode::BAD_REQUEST, "bad_period", Some(p.field), &p.message_id, &p.message_en);
            }
        },
    };
    let (first, last) = days_of(period);
    let code = unit.clone();
    let read = crate::staff::with_store(&asking.state, move |s| {
        Ok::<_, StoreError>((
            s.populations(&code)?,
            s.respondents_per_service(&code, &first.to_string(), &last.to_string())?,
        ))
    })
    .await;
    let (populations, respondents) = match read {
        Ok(read) => read,
        Err(e) => {
            tracing::error!(unit, error = %e, "reading the sampling plan failed");
            return refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                None,
                "rencana sampel tidak terbaca; silakan coba lagi",
                "the sampling plan could not be read; please try again",
            );
        }
    };
    let services: Vec<(String, String)> = listed.services.iter().map(|s| (s.code.clone(), s.name.clone())).collect();
    let inputs = PlanInputs {
        unit_name: &listed.unit.name,
        services: &services,
        populations: &populations,
        respondents: &respondents,
        minimum: DEFAULT_MIN_SAMPLE,
    };
    Json(SamplingPlan::new(period, today, &listed.unit.calendar, &inputs)).into_response()
}
