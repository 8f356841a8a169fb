//! Any text as a unit document (TOML), and any unit's documents as the dashboard's worker reads them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skm_core::unit::{StandardDocument, Unit, UnitDocuments};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Unit::from_toml("unit.toml", text);
    let middle = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let (unit, rest) = text.split_at(middle);
    let documents = UnitDocuments {
        unit: unit.to_owned(),
        versions: vec![StandardDocument {
            service: "x".into(),
            version: 1,
            effective_from: rest.chars().take(10).collect(),
            document: Some(rest.to_owned()),
        }],
    };
    let _ = documents.read(jiff::civil::date(2026, 1, 1));
});
