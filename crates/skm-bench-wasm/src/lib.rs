//! The benchmark tasks exported to JavaScript: `run(task, name, bytes)` returns the tables as
//! JSON text, or throws the error. The page (scripts/bench/wasm.html) times the call.

use wasm_bindgen::prelude::*;

/// Runs a benchmark task (`ikm` or `sla`) on a file's bytes.
#[wasm_bindgen]
pub fn run(task: &str, name: &str, bytes: &[u8]) -> Result<String, JsError> {
    let tables = match task {
        "ikm" => skm_bench::ikm_tables(name, bytes),
        "sla" => skm_bench::sla_tables(name, bytes),
        other => Err(format!("unknown task: {other}")),
    };
    tables.map(|t| t.to_string()).map_err(|e| JsError::new(&e))
}
