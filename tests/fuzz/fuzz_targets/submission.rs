//! Any bytes as the body of `POST /api/v1/responses`: decoded as the server decodes it (with the
//! field named in any refusal), validated, made a stored record and written as the export's CSV.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_core::catalog::Catalog;
use skm_core::response::ResponseRecord;
use skm_core::wire::decode_submission;

/// Built once: the fuzzed input is the body, not the built-in standards.
static CATALOG: std::sync::LazyLock<Option<Catalog>> = std::sync::LazyLock::new(|| Catalog::builtin().ok());

fuzz_target!(|data: &[u8]| {
    let Ok(submission) = decode_submission(data) else { return };
    let Some(catalog) = CATALOG.as_ref() else { return };
    if let Ok(valid) = submission.validate(|code| catalog.contains(code)) {
        let record = ResponseRecord::new("id".to_owned(), "2026-11-24T10:00:00+07:00".to_owned(), &valid);
        let _ = serde_json::to_vec(&record);
        let _ = skm_csv::to_bytes([record.cells()]);
    }
});
