//! Where `skm` logs: standard error, as lines for a person or as JSON for a log collector.

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// One line of text per event, with the request's ID and the other fields of its span.
    #[default]
    Text,
    /// One JSON object per line (`timestamp`, `level`, `fields`, `span` with `request_id`, …).
    Json,
}

/// Starts logging; the level comes from `RUST_LOG` (default `info`, `tower_http=warn`).
pub fn init(format: LogFormat) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).init(),
    }
}
