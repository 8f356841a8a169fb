//! Any text as an office's column mapping (TOML).
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_analytics::Mapping;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Mapping::with_file("kantor.toml", text);
});
