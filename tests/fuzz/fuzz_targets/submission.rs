//! Any bytes as the body of `POST /api/responses`: parsed, validated and made a stored record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_core::catalog::Catalog;
use skm_core::response::{ResponseRecord, Submission};

/// Built once: the fuzzed input is the body, not the built-in standards.
static CATALOG: std::sync::LazyLock<Option<Catalog>> = std::sync::LazyLock::new(|| Catalog::builtin().ok());

fuzz_target!(|data: &[u8]| {
    let Ok(submission) = serde_json::from_slice::<Submission>(data) else { return };
    let Some(catalog) = CATALOG.as_ref() else { return };
    if let Ok(valid) = submission.validate(|code| catalog.contains(code)) {
        let record = ResponseRecord::new("id".to_owned(), "2026-11-24T10:00:00+07:00".to_owned(), &valid);
        let _ = serde_json::to_vec(&record);
    }
});
