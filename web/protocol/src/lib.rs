//! The messages between the dashboard page and the analytics Web Worker.
//!
//! A request travels through `postMessage` as JSON text beside the bytes of the files the worker
//! does not have yet, each an `ArrayBuffer` handed over (transferred, not copied); the worker
//! keeps the files it is given and a later request names them only by their [`FileId`]
//! (`transfer.rs`), up to a bound (`store.rs`). Replies are JSON text. The worker says [`Reply::Ready`] once it can take
//! requests; the page sends nothing before that (earlier messages would be lost while the
//! worker's wasm is still loading).

use serde::{Deserialize, Serialize};
use skm_core::year::{FileKind, YearFilter, YearReport};
use skm_core::{PeriodKind, WeightConvention};

pub mod store;
pub mod transfer;

/// The worker's starting script (`web/worker-boot.js`): its first message is `{script, wasm}`,
/// the glue script's address and the wasm's bytes, which the page fetched to show its progress.
pub const WORKER_SCRIPT: &str = "/worker-boot.js";

/// Where the page asks for [`WorkerAssets`].
pub const WORKER_ASSETS: &str = "/api/v1/assets/worker";

/// The worker's wasm-bindgen glue script in `dist/`.
pub const WORKER_GLUE_FILE: &str = "skm-worker.js";

/// The worker's wasm in `dist/`.
pub const WORKER_WASM_FILE: &str = "skm-worker_bg.wasm";

/// The worker's files by the hash of their content: the browser keeps them across visits, and a
/// new build has new addresses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerAssets {
    /// The glue script's address.
    pub script: String,
    /// The wasm's address.
    pub wasm: String,
    /// The wasm's size in bytes, as decoded (the progress of its download is counted in these).
    pub wasm_bytes: u64,
}

/// The number a file's bytes are known by to the worker, given by the page, one per file it holds.
pub type FileId = u32;

/// A file handed to the worker: its name, what it holds if known, and the id its bytes go by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileData {
    /// The file's name, for messages.
    pub name: String,
    /// What it holds; `None` lets the worker tell from its header.
    pub kind: Option<FileKind>,
    /// Its bytes' id.
    pub id: FileId,
    /// The period of its rows without a date (`2025`, `2025-Q2`), as the user gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_of: Option<String>,
}

/// Which year and what to restrict it to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearQuery {
    /// The year.
    pub year: i16,
    /// IKM weight convention.
    pub weight: WeightConvention,
    /// Periods of the IKM trend.
    pub trend: PeriodKind,
    /// Period, service and channel filters.
    pub filter: YearFilter,
    /// The fewest respondents a group needs when its population is not known.
    #[serde(default = "default_min_sample")]
    pub min_sample: u64,
}

fn default_min_sample() -> u64 {
    skm_core::sample::DEFAULT_MIN_SAMPLE
}

/// One unit's files and documents, for the pemda view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitData {
    /// The unit's code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its files (its stored responses, and any request file named for it).
    pub files: Vec<FileData>,
    /// Its standards and calendar.
    pub office: Option<skm_core::unit::UnitDocuments>,
}

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Compute the year's figures from these files.
    Year {
        /// The files (responses, requests, complaints, steps, meetings, actions; CSV or XLSX).
        files: Vec<FileData>,
        /// The year and its filters.
        query: YearQuery,
        /// The unit's documents from the server (its standards, every version, and its
        /// calendar); without them the built-in standards and the default calendar.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        office: Option<skm_core::unit::UnitDocuments>,
        /// Every unit of a server is shown: only the responses are read here. Requests,
        /// complaints, steps and meetings are judged per unit, each by its own standards and
        /// calendar ([`Request::Units`]), never by the built-in ones.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        per_unit: bool,
    },
    /// Compute each unit's year and the pemda's view of them.
    Units {
        /// The units.
        units: Vec<UnitData>,
        /// The year and its filters.
        query: YearQuery,
    },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// The worker is loaded and listening.
    Ready,
    /// The worker started on this kind of file.
    Progress {
        /// The kind being read and computed.
        stage: FileKind,
    },
    /// The year's figures, with the time the computation took.
    Year {
        /// The result.
        report: Box<YearReport>,
        /// Milliseconds spent parsing and computing in the worker.
        elapsed_ms: f64,
    },
    /// The pemda's view of its units.
    Units {
        /// The result.
        view: Box<skm_core::pemda::PemdaView>,
        /// Milliseconds spent in the worker.
        elapsed_ms: f64,
    },
    /// The worker no longer holds these files (it let them go to stay within its memory): the
    /// page sends the request again with their bytes.
    Missing {
        /// Their ids.
        ids: Vec<FileId>,
    },
    /// The request failed; the message is bilingual.
    Error {
        /// What went wrong.
        message: String,
    },
}

impl Request {
    /// The ids of the files the request names, each once, in order of first mention.
    pub fn file_ids(&self) -> Vec<FileId> {
        let files: Vec<&FileData> = match self {
            Request::Year { files, .. } => files.iter().collect(),
            Request::Units { units, .. } => units.iter().flat_map(|u| &u.files).collect(),
        };
        let mut ids: Vec<FileId> = Vec::with_capacity(files.len());
        for f in files {
            if !ids.contains(&f.id) {
                ids.push(f.id);
            }
        }
        ids
    }

    /// Encodes the request for `postMessage`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Decodes a request received by the worker.
    pub fn from_json(text: &str) -> Result<Request, String> {
        serde_json::from_str(text).map_err(|e| format!("permintaan tidak sah / invalid request: {e}"))
    }
}

impl Reply {
    /// Encodes the reply for `postMessage`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"kind":"error","message":"jawaban tidak dapat dikodekan / reply cannot be encoded: {e}"}}"#)
        })
    }

    /// Decodes a reply received by the page.
    pub fn from_json(text: &str) -> Result<Reply, String> {
        serde_json::from_str(text).map_err(|e| format!("jawaban pekerja tidak sah / invalid worker reply: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        let query = YearQuery {
            year: 2026,
            weight: WeightConvention::Rounded011,
            trend: PeriodKind::Month,
            filter: YearFilter { service: Some("internet-jaringan".into()), ..YearFilter::default() },
            min_sample: 12,
        };
        let file = |id: FileId| FileData { name: format!("{id}.csv"), kind: None, id, period_of: None };
        let request = Request::Year {
            files: vec![file(7), file(3), FileData { period_of: Some("2025-Q2".into()), ..file(7) }],
            query: query.clone(),
            office: None,
            per_unit: false,
        };
        assert_eq!(Request::from_json(&request.to_json()).unwrap(), request);
        assert_eq!(request.file_ids(), [7, 3]);
        let unit = |code: &str, files| UnitData { code: code.into(), name: code.into(), files, office: None };
        let units = Request::Units { units: vec![unit("a", vec![file(1)]), unit("b", vec![file(2), file(1)])], query };
        assert_eq!(units.file_ids(), [1, 2]);
        for reply in [Reply::Progress { stage: FileKind::Requests }, Reply::Missing { ids: vec![4, 9] }] {
            assert_eq!(Reply::from_json(&reply.to_json()).unwrap(), reply);
        }
        assert!(Reply::from_json("{").is_err());
    }
}
