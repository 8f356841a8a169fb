//! Charts of the SKM results, drawn as SVG text with plotters.
//!
//! Used natively by the annual report and on the browser's main thread by the dashboard (in a
//! Web Worker plotters cannot measure text). Charts take the core's result types, never tables.

mod canvas;
mod meetings;
mod nrr;
mod palette;
mod profile;
mod services;
mod sla;
mod trend;

pub use meetings::meeting_calendar_svg;
pub use nrr::nrr_per_element_svg;
pub use profile::profile_svg;
pub use services::ikm_per_service_svg;
pub use sla::{bottleneck_svg, compliance_per_month_svg, time_taken_svg};
pub use trend::ikm_trend_svg;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// plotters failed while drawing.
    #[error("grafik gagal digambar / chart could not be drawn: {0}")]
    Draw(String),
}

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        ChartError::Draw(e.to_string())
    }
}
