//! Any bytes as a request file read for the survey's population (N per service and period).
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_analytics::{read_requests, Input, Mapping};

const NAMES: [&str; 3] = ["permohonan.csv", "permohonan.xlsx", "permohonan.ods"];

/// Built once: the fuzzed input is the file, not the built-in mapping.
static MAPPING: std::sync::LazyLock<Option<Mapping>> = std::sync::LazyLock::new(|| Mapping::builtin().ok());

fuzz_target!(|data: &[u8]| {
    let Some((first, bytes)) = data.split_first() else { return };
    let name = NAMES[usize::from(*first) % NAMES.len()];
    let Some(mapping) = MAPPING.as_ref() else { return };
    let _ = read_requests(&[Input::new(name, bytes)], mapping);
});
