//! Domain core of the SKM toolkit (Survei Kepuasan Masyarakat, PermenPANRB 14/2017).
//!
//! Holds the rules every other crate uses: the nine-element instrument and its wording, the
//! grade table, the IKM formula and its weight conventions, its confidence interval, the
//! Krejcie–Morgan sample size, reporting periods and the dates files write, the validation of a
//! citizen's submission, Indonesian number formatting and the catalog of published service
//! standards. It performs no I/O and knows nothing of polars, HTTP or the DOM.

pub mod access;
pub mod analysis;
pub mod calendar;
pub mod catalog;
pub mod channel;
pub mod compliance;
pub mod consent;
pub mod date;
pub mod editing;
pub mod evaluation;
pub mod follow_up;
pub mod format;
pub mod grade;
pub mod i18n;
pub mod ikm;
pub mod ikm_csv;
pub mod instrument;
pub mod issue;
pub mod note;
pub mod paper;
pub mod pemda;
pub mod period;
pub mod period_text;
pub mod profile;
pub mod public;
pub mod publication;
pub mod response;
pub mod sample;
pub mod sampling;
pub mod sla;
pub mod stats;
pub mod template;
pub mod unit;
pub mod wire;
pub mod year;

pub use analysis::{GroupBy, GroupResult, IkmAnalysis, IkmOptions};
pub use grade::Grade;
pub use i18n::{Lang, Text};
pub use ikm::{ElementResult, IkmSummary, WeightConvention};
pub use instrument::{Element, ELEMENTS};
pub use period::{Period, PeriodKind};
