//! Any text as an office's working calendar (TOML), then a deadline on it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_core::calendar::Calendar;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Calendar::from_toml("kalender.toml", text);
});
