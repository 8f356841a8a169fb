//! Any bytes as a request, complaint or SOP-step file, judged against the built-in standards.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_analytics::{analyse_sla, Input, Mapping, SlaContext, SlaInputs};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;

/// Built once: the fuzzed input is the file, not the built-in standards.
static CONTEXT: std::sync::LazyLock<Option<(Catalog, Calendar, Mapping)>> = std::sync::LazyLock::new(|| {
    Some((Catalog::builtin().ok()?, Calendar::default_wib().ok()?, Mapping::builtin().ok()?))
});

fuzz_target!(|data: &[u8]| {
    let Some((first, bytes)) = data.split_first() else { return };
    let name = if first & 1 == 0 { "berkas.csv" } else { "berkas.xlsx" };
    let Some((catalog, calendar, mapping)) = CONTEXT.as_ref() else { return };
    let as_of = jiff::civil::date(2026, 11, 24).at(12, 0, 0, 0);
    let ctx = SlaContext { catalog, calendar, mapping, as_of };
    let file = [Input::new(name, bytes)];
    let files = match (first >> 1) % 3 {
        0 => SlaInputs { requests: &file, ..Default::default() },
        1 => SlaInputs { complaints: &file, ..Default::default() },
        _ => SlaInputs { steps: &file, ..Default::default() },
    };
    let _ = analyse_sla(files, ctx, None);
});
