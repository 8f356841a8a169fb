//! Analytics of the SKM toolkit: reads exported tables with polars and applies the core's rules.
//!
//! The same code runs natively (the `skm` batch commands) and as wasm32 in the dashboard's Web
//! Worker. It aggregates; the rules themselves (NRR, IKM, grades) live in `skm-core`.

mod error;
mod responses;

pub use error::AnalyticsError;
pub use responses::ikm_from_csv;
pub use skm_core::ikm::{IkmReport, ServiceIkm};
