//! Any text as a service-standard document (TOML).
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_core::catalog::Catalog;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Catalog::from_documents([("standar.toml", text)]);
});
