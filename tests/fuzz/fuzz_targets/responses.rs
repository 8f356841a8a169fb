//! Any bytes as a response file (CSV, semicolon CSV, XLSX, XLS, ODS): read, then analysed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_analytics::{analyse_ikm, read_responses, Input, Mapping, Population};
use skm_core::analysis::{GroupBy, IkmOptions};
use skm_core::PeriodKind;

const NAMES: [&str; 5] = ["jawaban.csv", "jawaban.xlsx", "jawaban.xls", "jawaban.ods", "jawaban.txt"];

/// Built once: the fuzzed input is the file, not the built-in mapping.
static MAPPING: std::sync::LazyLock<Option<Mapping>> = std::sync::LazyLock::new(|| Mapping::builtin().ok());

fuzz_target!(|data: &[u8]| {
    let Some((first, bytes)) = data.split_first() else { return };
    let name = NAMES[usize::from(*first) % NAMES.len()];
    let Some(mapping) = MAPPING.as_ref() else { return };
    if let Ok(table) = read_responses(&[Input::new(name, bytes)], mapping) {
        let options =
            IkmOptions { by: vec![GroupBy::Service, GroupBy::Period], period: PeriodKind::Quarter, ..Default::default() };
        let _ = analyse_ikm(&table, &options, Population::Given(1000));
    }
});
