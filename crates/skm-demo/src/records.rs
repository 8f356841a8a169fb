//! The rows of the request, complaint, meeting and action files (docs/data-formats.md).

use serde::{Deserialize, Serialize};

/// One service request: `id,service,channel,requester,received_at,requested_for,completed_at,status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// Request ID.
    pub id: String,
    /// Service code.
    pub service: String,
    /// Request channel code (`surat`, `srikandi`, …).
    pub channel: String,
    /// The requesting body (an OPD).
    pub requester: String,
    /// When the request was received (RFC 3339).
    pub received_at: String,
    /// The date asked for, for services served "sesuai permohonan" (ISO date).
    pub requested_for: Option<String>,
    /// When it was completed; empty while open.
    pub completed_at: Option<String>,
    /// `selesai` or `proses`.
    pub status: String,
}

/// One complaint: `id,service,channel,tier,received_at,resolved_at,status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRecord {
    /// Complaint ID.
    pub id: String,
    /// Service code.
    pub service: String,
    /// Complaint channel code.
    pub channel: String,
    /// Tier code (`ringan`, `normatif`, `tidak_berkadar_pengawasan`, `berkadar_pengawasan`).
    pub tier: String,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// When it was resolved; empty while open.
    pub resolved_at: Option<String>,
    /// `selesai` or `proses`.
    pub status: String,
}

/// One evaluation meeting: `date,unit,title,attendees,minutes_ref`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    /// Date (ISO).
    pub date: String,
    /// The unit holding it.
    pub unit: String,
    /// Title.
    pub title: String,
    /// `;`-separated `role:name` list.
    pub attendees: String,
    /// Reference of the minutes (notulen).
    pub minutes_ref: String,
}

/// One action decided in a meeting: `meeting_date,action,owner,due,done_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// Date of the meeting that decided it.
    pub meeting_date: String,
    /// What is to be done.
    pub action: String,
    /// Who owns it (a role).
    pub owner: String,
    /// Due date (ISO).
    pub due: String,
    /// When it was done; empty while open.
    pub done_at: Option<String>,
}
