//! Analytics of the SKM toolkit: reads offices' exported tables and applies the core's rules.
//! The IKM, the SLA's tallies and the meetings are aggregated by polars, the SLA's items judged
//! by polars lookups and the survey responses checked by polars; the other readers' checks are
//! still hand-written passes (ARCHITECTURE.md says which, and why).
//!
//! The same code runs natively (the `skm` batch commands) and as wasm32 in the dashboard's Web
//! Worker. It reads and aggregates; the rules themselves (NRR, IKM, grades, intervals, sample
//! size) live in `skm-core`.

mod collect;
mod error;
mod ikm;
pub mod input;
mod meetings;
mod moments;
mod parallel;
mod sla;
mod slots;
mod tally;
pub mod working;
mod year;

pub use error::AnalyticsError;
pub use ikm::{
    analyse_ikm, analyse_ikm_by_service_and_period, ikm_of_files, requests_per_service_and_period, Population,
};
pub use input::{
    read_requests, read_responses, Given, Input, Limit, Limits, Mapping, RequestTable, ResponseTable, SlaContext,
};
pub use meetings::{analyse_meetings, MeetingInputs};
pub use sla::{analyse_sla, analyse_sla_where, read_sla, sla_of, SlaData, SlaInputs};
pub use year::{
    analyse_year, analyse_year_data, analyse_year_with_responses, classify, read_year, YearContext, YearData, YearFile,
    YearOptions,
};
