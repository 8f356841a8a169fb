//! A unit's public results (`/hasil`, `/hasil/<unit>`, `/api/v1/units/<unit>/results.json` and
//! `.csv`): computed from its stored responses by the same analytics as `skm ikm` on the unit's
//! export, and kept until the unit's responses change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use skm_analytics::{analyse_ikm, read_responses, Input, Mapping, Population};
use skm_core::analysis::{GroupBy, IkmOptions};
use skm_core::date::from_epoch_days;
use skm_core::public::{PublicPeriod, PublicResults};
use skm_core::sample::DEFAULT_MIN_SAMPLE;
use skm_core::sampling::apply_entered;
use skm_core::Period;

use crate::errors::refusal;
use crate::results_page::{self, PageOptions};
use crate::AppState;

/// What the responses and the follow-up actions of a unit were when its results were computed.
type Stamp = ((u64, i64), (u64, i64), (u64, i64));

/// The results computed so far, by unit.
#[derive(Default)]
pub(crate) struct ResultsCache {
    units: Mutex<HashMap<String, (Stamp, Arc<PublicResults>)>>,
}

/// Why a unit's results could not be given.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    /// No such unit.
    #[error("unit tidak ada / no such unit")]
    NoUnit,
    /// The store failed.
    #[error(transparent)]
    Store(Box<crate::StoreError>),
    /// The analytics refused the unit's own export.
    #[error(transparent)]
    Analytics(Box<skm_analytics::AnalyticsError>),
    /// The store's lock was poisoned or the task failed.
    #[error("galat dalam / internal error: {0}")]
    Internal(String),
}

impl From<crate::StoreError> for ResultsError {
    fn from(e: crate::StoreError) -> ResultsError {
        ResultsError::Store(Box::new(e))
    }
}

impl From<skm_analytics::AnalyticsError> for ResultsError {
    fn from(e: skm_analytics::AnalyticsError) -> ResultsError {
        ResultsError::Analytics(Box::new(e))
    }
}

/// The unit's public results, from the cache when its responses have not changed.
pub(crate) async fn results_of(state: &AppState, code: &str) -> Result<Arc<PublicResults>, ResultsError> {
    let Some(listed) = state.directory().unit(code).map(|l| l.unit.clone()) else {
        return Err(ResultsError::NoUnit);
    };
    let store = state.store.clone();
    let cache = state.results.clone();
    let code = code.to_owned();
    tokio::task::spawn_blocking(move || {
        let (stamp, csv, follow_up, populations) = {
            let store = store.lock().map_err(|_| ResultsError::Internal("store lock poisoned".to_owned()))?;
            let stamp = (store.responses_stamp(&code)?, store.follow_up_stamp(&code)?, store.populations_stamp(&code)?);
            if let Some((at, results)) = cache.units.lock().ok().and_then(|m| m.get(&code).cloned()) {
                if at == stamp {
                    return Ok(results);
                }
            }
            (stamp, store.export_csv(Some(&code))?, store.follow_ups(&code)?, store.populations(&code)?)
        };
        let records = Records { follow_up: &follow_up, populations: &populations };
        let results = Arc::new(public_results(&listed, &csv, &records, crate::now_wib().date(), None)?);
        if let Ok(mut units) = cache.units.lock() {
            units.insert(code, (stamp, results.clone()));
        }
        Ok(results)
    })
    .await
    .map_err(|e| ResultsError::Internal(e.to_string()))?
}

/// What a unit's staff recorded that its public results show.
#[derive(Debug, Clone, Copy, Default)]
pub struct Records<'a> {
    /// The follow-up actions.
    pub follow_up: &'a [skm_core::follow_up::FollowUpRecord],
    /// The services' populations, for the sample each period required.
    pub populations: &'a [skm_core::sampling::PopulationRecord],
}

/// The results of a unit from its responses (the canonical CSV of its export) and its
/// records, as of `today`, for `period` (by default the latest with responses, of the unit's
/// SKM period).
pub fn public_results(
    unit: &skm_core::unit::Unit,
    csv: &[u8],
    records: &Records<'_>,
    today: jiff::civil::Date,
    period: Option<Period>,
) -> Result<PublicResults, ResultsError> {
    let name = format!("{}/responses.csv", unit.code);
    let mut table = read_responses(&[Input::new(&name, csv)], &Mapping::builtin()?)?;
    let kind = period.map_or(unit.survey.period, |p| p.kind);
    let options = |by| IkmOptions { by: vec![by], period: kind, ..IkmOptions::default() };
    let by_period = analyse_ikm(&table, &options(GroupBy::Period), Population::Unknown)?;
    let latest_day = table.date.iter().flatten().max().copied().and_then(from_epoch_days);
    let chosen = period.or_else(|| latest_day.map(|day| Period::of_date(kind, day)));
    let (period, latest) = match chosen {
        Some(period) => {
            let of_period =
                |days: Option<i32>| days.and_then(from_epoch_days).is_some_and(|d| Period::of_date(kind, d) == period);
            table.retain(|_, days| of_period(days));
            let mut latest = analyse_ikm(&table, &options(GroupBy::Service), Population::Unknown)?;
            let within = |p: Period| p.within(period);
            apply_entered(&mut latest, records.populations, within, DEFAULT_MIN_SAMPLE);
            (Some(PublicPeriod { key: period, complete: Period::of_date(kind, today) > period }), Some(latest))
        }
        None => (None, None),
    };
    Ok(PublicResults::assemble(unit, period, latest, by_period, records.follow_up))
}

fn failed(e: &ResultsError, code: &str) -> Response {
    match e {
        ResultsError::NoUnit => crate::api::no_unit(code),
        other => {
            tracing::error!(unit = code, error = %other, "computing a unit's public results failed");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "results",
                None,
                "hasil survei gagal dihitung",
                "the survey results could not be computed",
            )
        }
    }
}

/// How long a browser or proxy may keep a results page or file.
const PUBLIC_CACHE: &str = "public, max-age=60";

/// `GET /api/v1/units/<unit>/results.json`: the public results as JSON (docs/data-formats.md).
pub(crate) async fn results_json(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    match results_of(&state, &code).await {
        Ok(results) => ([(header::CACHE_CONTROL, PUBLIC_CACHE)], Json(results.as_ref().clone())).into_response(),
        Err(e) => failed(&e, &code),
    }
}

/// `GET /api/v1/units/<unit>/results.csv`: the unit's line, one per service and one per period,
/// in the columns of `skm ikm --format csv`.
pub(crate) async fn results_csv(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    let results = match results_of(&state, &code).await {
        Ok(results) => results,
        Err(e) => return failed(&e, &code),
    };
    let rows = std::iter::once(skm_core::ikm_csv::header())
        .chain(results.overall.iter().map(|g| skm_core::ikm_csv::record("unit", g)))
        .chain(results.services.iter().map(|g| skm_core::ikm_csv::record("service", g)))
        .chain(results.trend.iter().map(|g| skm_core::ikm_csv::record("period", g)));
    match skm_csv::to_bytes(rows) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
                (header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC_CACHE)),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => failed(&ResultsError::Internal(e.to_string()), &code),
    }
}

/// The query of a results page: `?lang=en`, `?embed=1`.
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct PageQuery {
    lang: Option<String>,
    embed: Option<String>,
}

impl PageQuery {
    fn options(&self) -> PageOptions {
        PageOptions {
            lang: self.lang.as_deref().and_then(skm_core::Lang::from_tag).unwrap_or(skm_core::Lang::Id),
            embed: self.embed.as_deref().is_some_and(|e| e == "1" || e == "true"),
        }
    }
}

/// `GET /hasil/<unit>`: the unit's results page, no sign-in.
pub(crate) async fn unit_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    let options = query.options();
    let directory = state.directory();
    let Some(listed) = directory.unit(&code) else {
        return page(StatusCode::NOT_FOUND, results_page::not_found(&code, options), "'none'");
    };
    match results_of(&state, &code).await {
        Ok(results) => {
            let names = listed.service_infos();
            let html = results_page::unit(&results, &names, options);
            let frames = if options.embed && !listed.unit.results.embed_origins.is_empty() {
                listed.unit.results.embed_origins.join(" ")
            } else {
                "'none'".to_owned()
            };
            page(StatusCode::OK, html, &frames)
        }
        Err(e) => failed(&e, &code),
    }
}

/// `GET /hasil`: the pemda's units with their latest results, no sign-in.
pub(crate) async fn pemda_page(State(state): State<AppState>, Query(query): Query<PageQuery>) -> Response {
    let options = query.options();
    let directory = state.directory();
    let mut units = Vec::with_capacity(directory.units.len());
    for listed in &directory.units {
        match results_of(&state, &listed.unit.code).await {
            Ok(results) => units.push(results),
            Err(e) => return failed(&e, &listed.unit.code),
        }
    }
    page(StatusCode::OK, results_page::pemda(&units, options), "'none'")
}

/// A results page with its own policy: no script at all, framed only by `frames`.
fn page(status: StatusCode, html: String, frames: &str) -> Response {
    let policy = format!(
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; \
         form-action 'none'; frame-ancestors {frames}"
    );
    let mut response = (status, [(header::CACHE_CONTROL, PUBLIC_CACHE)], Html(html)).into_response();
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// The system fonts, loaded once, for the infographic's PNG.
fn fonts() -> &'static skm_report::Fonts {
    static FONTS: std::sync::OnceLock<skm_report::Fonts> = std::sync::OnceLock::new();
    FONTS.get_or_init(skm_report::Fonts::load)
}

/// `GET /hasil/<unit>/infografis.png` (1080×1080), `infografis.svg` and `infografis-a4.svg`: the
/// unit's infographic of its latest results (`skm infografis` for any period), `?lang=en`.
pub(crate) async fn infographic(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    use skm_report::{infographic_svg, Layout};
    let (layout, png) = match file.as_str() {
        "infografis.png" => (Layout::Square, true),
        "infografis.svg" => (Layout::Square, false),
        "infografis-a4.svg" => (Layout::A4, false),
        _ => {
            return refusal(StatusCode::NOT_FOUND, "not_found", None, "berkas tidak ada", "no such file");
        }
    };
    let results = match results_of(&state, &code).await {
        Ok(results) => results,
        Err(e) => return failed(&e, &code),
    };
    let lang = query.options().lang;
    let Some(svg) = infographic_svg(&results, layout, lang) else {
        return refusal(
            StatusCode::NOT_FOUND,
            "no_results",
            None,
            &format!(
                "unit '{code}' belum punya hasil yang dapat diumumkan (paling sedikit {} responden)",
                results.min_group
            ),
            &format!("unit '{code}' has no results to publish yet (at least {} respondents)", results.min_group),
        );
    };
    let period = results.period.map(|p| p.key.key()).unwrap_or_default();
    let stem = if layout == Layout::A4 {
        format!("infografis-{code}-{period}-a4")
    } else {
        format!("infografis-{code}-{period}")
    };
    let (bytes, kind, name) = if png {
        match tokio::task::spawn_blocking(move || fonts().png("infografis", &svg, 1.0)).await {
            Ok(Ok(bytes)) => (bytes, "image/png", format!("{stem}.png")),
            other => {
                tracing::error!(?other, "drawing the infographic failed");
                return failed(&ResultsError::Internal("PNG".to_owned()), &code);
            }
        }
    } else {
        (svg.into_bytes(), "image/svg+xml", format!("{stem}.svg"))
    };
    let mut response = ([(header::CACHE_CONTROL, PUBLIC_CACHE)], bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    // The unit's code and the period's key are letters, digits and hyphens: safe in the header.
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /hasil.css`: the results pages' style sheet.
pub(crate) async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        include_str!("results.css"),
    )
        .into_response()
}
