//! The messages between the dashboard page and the analytics Web Worker.
//!
//! Messages travel as JSON strings through `postMessage`. The worker says [`Reply::Ready`] once
//! it can take requests; the page sends nothing before that (earlier messages would be lost
//! while the worker's wasm is still loading).

use serde::{Deserialize, Serialize};
use skm_core::{IkmAnalysis, IkmOptions};

/// The file name of the worker's loader script in `dist/` (from Trunk's `data-loader-shim`).
pub const WORKER_SCRIPT: &str = "/skm-worker_loader.js";

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Compute the IKM analysis of a responses file (any format the analytics reads).
    Ikm {
        /// Name of the file, for messages.
        file: String,
        /// The file's text.
        csv: String,
        /// Weight convention and grouping.
        options: IkmOptions,
    },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// The worker is loaded and listening.
    Ready,
    /// The IKM analysis of the file, with the time the computation took.
    Ikm {
        /// The result.
        analysis: Box<IkmAnalysis>,
        /// Milliseconds spent parsing and computing in the worker.
        elapsed_ms: f64,
    },
    /// The request failed; the message is bilingual.
    Error {
        /// What went wrong.
        message: String,
    },
}

impl Request {
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
        let options = IkmOptions { weight: skm_core::WeightConvention::Rounded011, ..IkmOptions::default() };
        let r = Request::Ikm { file: "a.csv".into(), csv: "id\n".into(), options };
        assert_eq!(Request::from_json(&r.to_json()), Ok(r));
        assert_eq!(Reply::from_json(&Reply::Ready.to_json()), Ok(Reply::Ready));
        assert!(Reply::from_json("nope").is_err());
    }
}
