//! The server's operating figures for Prometheus (`GET /metrics`, text format 0.0.4): submissions
//! accepted and refused by reason, their latency, requests by status, the commit queue and
//! database errors.

use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::prometheus_text;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use skm_core::access::Action;

use crate::auth::Asking;
use crate::errors::Refused;

/// One label, its name and value fixed at compile time.
type Label = [(&'static str, &'static str); 1];

/// The latency buckets, in seconds: 1 ms to about 4 s.
fn latency_buckets() -> impl Iterator<Item = f64> {
    prometheus_client::metrics::histogram::exponential_buckets(0.001, 2.0, 13)
}

/// The figures, shared by every request.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    accepted: Family<Label, Counter>,
    refused: Family<Label, Counter>,
    submission_seconds: Histogram,
    requests: Family<Label, Counter>,
    request_seconds: Histogram,
    database_errors: Counter,
    commit_queue: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// Every figure at zero.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("skm");
        let accepted = Family::<Label, Counter>::default();
        let refused = Family::<Label, Counter>::default();
        let submission_seconds = Histogram::new(latency_buckets());
        let requests = Family::<Label, Counter>::default();
        let request_seconds = Histogram::new(latency_buckets());
        let database_errors = Counter::default();
        let commit_queue = Gauge::default();
        registry.register(
            "submissions_accepted",
            "Survey submissions stored (kind=new) or acknowledged again as already stored (kind=replay)",
            accepted.clone(),
        );
        registry.register(
            "submissions_refused",
            "Survey submissions refused, by the API's error code",
            refused.clone(),
        );
        registry.register(
            "submission_duration_seconds",
            "Time from a submission's arrival to its answer, commit included",
            submission_seconds.clone(),
        );
        registry.register("http_requests", "Requests answered, by status class", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer a request", request_seconds.clone());
        registry.register(
            "database_errors",
            "Requests answered with a storage error, and failed health checks",
            database_errors.clone(),
        );
        registry.register(
            "commit_queue_depth",
            "Submissions waiting for the writer's next transaction",
            commit_queue.clone(),
        );
        Metrics {
            registry,
            accepted,
            refused,
            submission_seconds,
            requests,
            request_seconds,
            database_errors,
            commit_queue,
        }
    }

    /// Counts a submission's answer.
    pub fn submission(&self, response: &Response, took: Duration) {
        self.submission_seconds.observe(took.as_secs_f64());
        match response.status() {
            StatusCode::CREATED => self.accepted.get_or_create(&[("kind", "new")]).inc(),
            StatusCode::OK => self.accepted.get_or_create(&[("kind", "replay")]).inc(),
            _ => {
                let reason = response.extensions().get::<Refused>().map_or("other", |r| r.0);
                self.refused.get_or_create(&[("reason", reason)]).inc()
            }
        };
    }

    /// Counts any request's answer.
    pub fn request(&self, response: &Response, took: Duration) {
        self.request_seconds.observe(took.as_secs_f64());
        let class = match response.status().as_u16() {
            100..=199 => "1xx",
            200..=299 => "2xx",
            300..=399 => "3xx",
            400..=499 => "4xx",
            _ => "5xx",
        };
        self.requests.get_or_create(&[("status", class)]).inc();
        if response.extensions().get::<Refused>().is_some_and(|r| r.0 == "storage") {
            self.database_error();
        }
    }

    /// Counts a database error met outside a request's answer.
    pub fn database_error(&self) {
        self.database_errors.inc();
    }

    /// The figures in Prometheus' text format, with the queue's depth as it is now.
    pub fn text(&self, queued: usize) -> Result<String, std::fmt::Error> {
        self.commit_queue.set(i64::try_from(queued).unwrap_or(i64::MAX));
        let mut text = String::new();
        prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}

/// `GET /metrics`: for the admin token, an `admin_pemda`, or a token over every unit.
pub async fn metrics(asking: Asking) -> Response {
    if let Err(refused) = asking.may(Action::ReadMetrics, None).await {
        return *refused;
    }
    match asking.state.metrics.text(asking.state.committer.queued()) {
        Ok(text) => {
            ([(header::CONTENT_TYPE, prometheus_text::CONTENT_TYPE), (header::CACHE_CONTROL, "no-store")], text)
                .into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
