//! Any bytes as a meeting or action file, checked against the standards' monthly rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_analytics::{analyse_meetings, Input, MeetingInputs};
use skm_core::catalog::Catalog;
use skm_core::evaluation::MeetingRule;

/// Built once: the fuzzed input is the file, not the built-in standards.
static RULE: std::sync::LazyLock<Option<MeetingRule>> =
    std::sync::LazyLock::new(|| Catalog::builtin().ok().and_then(|c| MeetingRule::from_catalog(&c)));

fuzz_target!(|data: &[u8]| {
    let Some((first, bytes)) = data.split_first() else { return };
    let name = if first & 1 == 0 { "rapat.csv" } else { "rapat.xlsx" };
    let Some(rule) = RULE.as_ref() else { return };
    let file = [Input::new(name, bytes)];
    let files = if first & 2 == 0 {
        MeetingInputs { meetings: &file, actions: &[], responses: None }
    } else {
        MeetingInputs { meetings: &[], actions: &file, responses: None }
    };
    let _ = analyse_meetings(files, rule, 2026, jiff::civil::date(2026, 11, 24));
});
