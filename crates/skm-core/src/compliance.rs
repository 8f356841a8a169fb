//! The result types of an SLA analysis: how often the office kept its published times, per
//! service, month, channel and complaint tier, the breaches, and the SOP steps.

use serde::{Deserialize, Serialize};

use crate::analysis::InputSummary;

/// Counts and working times of a set of items.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Items.
    pub total: u64,
    /// Completed by the deadline.
    pub met: u64,
    /// Completed late, or open past the deadline.
    pub breached: u64,
    /// Open, deadline not yet reached.
    pub pending: u64,
    /// met / (met + breached) in percent; `None` when nothing was decided.
    pub compliance: Option<f64>,
    /// Median working minutes from receipt to completion, over completed items.
    pub median_minutes: Option<f64>,
    /// 90th percentile (linear interpolation) of the same.
    pub p90_minutes: Option<f64>,
    /// Longest of the same.
    pub max_minutes: Option<f64>,
}

impl Tally {
    /// Compliance in percent: met / (met + breached).
    pub fn compliance_of(met: u64, breached: u64) -> Option<f64> {
        let decided = met + breached;
        (decided > 0).then(|| met as f64 * 100.0 / decided as f64)
    }
}

/// A tally with the keys of its group; a key is absent when the grouping does not use it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceRow {
    /// Service code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Month of receipt, `2026-03`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// Request or complaint channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Complaint tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// The counts.
    #[serde(flatten)]
    pub tally: Tally,
}

/// One service: its promise, its tally and its months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCompliance {
    /// Service code.
    pub service: String,
    /// The promised time in words (`1 jam kerja`), or per tier for complaints.
    pub promise: String,
    /// The counts over the period.
    #[serde(flatten)]
    pub tally: Tally,
    /// The counts per month of receipt.
    pub months: Vec<ComplianceRow>,
    /// Completed items per band of time taken against the time allowed
    /// ([`crate::sla::TIMING_BANDS`], then above 200 %).
    #[serde(default)]
    pub timing: Vec<u64>,
}

/// Requests or complaints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaSection {
    /// All items.
    #[serde(flatten)]
    pub overall: Tally,
    /// Per service, with months.
    pub services: Vec<ServiceCompliance>,
    /// Per month, all services.
    pub months: Vec<ComplianceRow>,
    /// Per channel.
    pub channels: Vec<ComplianceRow>,
    /// Per complaint tier (complaints only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<ComplianceRow>,
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A service request.
    Request,
    /// A complaint.
    Complaint,
}

/// A promise not kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breach {
    /// Request or complaint.
    pub kind: ItemKind,
    /// Its ID.
    pub id: String,
    /// Service code.
    pub service: String,
    /// Complaint tier, for complaints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Received (ISO 8601 with offset).
    pub received: String,
    /// Deadline.
    pub deadline: String,
    /// Completed, if it was.
    pub completed: Option<String>,
    /// Working minutes past the deadline (to completion, or to the analysis date if open).
    pub late_minutes: f64,
}

/// One step of an SOP: how often it kept its standard time, and its share of all delay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepCompliance {
    /// Service code.
    pub service: String,
    /// Step number.
    pub step: u32,
    /// What the step does.
    pub activity: String,
    /// Its standard time in working minutes.
    pub limit_minutes: u64,
    /// Counts and working times of the step.
    #[serde(flatten)]
    pub tally: Tally,
    /// Working minutes over the standard time, summed over requests.
    pub delay_minutes: f64,
    /// This step's share of the delay of all steps, in percent: the bottleneck has the most.
    pub delay_share: Option<f64>,
}

/// The SLA analysis of an office's requests and complaints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaReport {
    /// The calendar used.
    pub calendar: String,
    /// Its zone.
    pub zone: String,
    /// Open items are judged as of this moment.
    pub as_of: String,
    /// The year analysed, if one was chosen.
    pub year: Option<i16>,
    /// What was read.
    pub input: InputSummary,
    /// Service requests.
    pub requests: SlaSection,
    /// Complaints, when a complaints file was given.
    pub complaints: Option<SlaSection>,
    /// SOP steps, when a steps file was given.
    pub steps: Vec<StepCompliance>,
    /// Every breach, by service, then the latest first.
    pub breaches: Vec<Breach>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compliance_counts_decided_items_only() {
        assert_eq!(Tally::compliance_of(3, 1), Some(75.0));
        assert_eq!(Tally::compliance_of(0, 0), None);
    }
}
