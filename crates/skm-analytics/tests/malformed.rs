//! The malformed-input corpus (`tests/malformed/<kind>/<file>`): every file is read by the
//! importer of its kind, and what the user would be told — the error, or the rows kept and one
//! message per problem — must equal `<file>.expected` beside it. `SKM_BLESS=1` rewrites the
//! expected files (review the diff before committing).
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use skm_analytics::input::{read_items, read_steps};
use skm_analytics::{
    analyse_ikm, analyse_meetings, read_responses, Input, Mapping, MeetingInputs, Population, SlaContext,
};
use skm_core::analysis::{IkmOptions, InputSummary};
use skm_core::calendar::Calendar;
use skm_core::catalog::Catalog;
use skm_core::compliance::ItemKind;
use skm_core::evaluation::MeetingRule;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/malformed")
}

/// At most 80 characters of a text, on one line.
fn short(text: &str) -> String {
    let one_line = text.replace(['\n', '\r'], " ");
    let mut s: String = one_line.chars().take(80).collect();
    if one_line.chars().nth(80).is_some() {
        s.push('…');
    }
    s
}

fn summary(out: &mut String, input: &InputSummary) {
    let _ = writeln!(
        out,
        "rows read: {}, dropped: {}, cells ignored: {}",
        input.rows_read, input.rows_dropped, input.cells_ignored
    );
    for note in input.notes() {
        let _ = writeln!(out, "note: {}", note.both());
    }
    for issue in &input.issues {
        let _ = writeln!(out, "{}", issue.message());
    }
    if input.issues_omitted > 0 {
        let _ = writeln!(out, "… {} more", input.issues_omitted);
    }
}

/// What a user is told about one file of a kind.
fn outcome(kind: &str, name: &str, bytes: &[u8]) -> String {
    let mut out = String::new();
    let text = || String::from_utf8_lossy(bytes).into_owned();
    let (Ok(catalog), Ok(calendar), Ok(mapping)) = (Catalog::builtin(), Calendar::default_wib(), Mapping::builtin())
    else {
        panic!("the built-in catalog, calendar and mapping load");
    };
    let files = [Input::new(name, bytes)];
    let ctx = SlaContext {
        catalog: &catalog,
        calendar: &calendar,
        mapping: &mapping,
        as_of: jiff::civil::date(2026, 11, 24).at(12, 0, 0, 0),
    };
    match kind {
        "responses" => match read_responses(&files, &mapping) {
            Err(e) => out.push_str(&format!("error: {e}\n")),
            Ok(table) => {
                summary(&mut out, &table.input);
                let _ = writeln!(out, "kept: {}", table.len());
                for (row, text) in &table.suggestions {
                    let _ = writeln!(out, "suggestion of respondent {row}: {}", short(text));
                }
                match analyse_ikm(&table, &IkmOptions::default(), Population::Unknown) {
                    Ok(a) => match a.overall.summary.ikm {
                        Some(ikm) => {
                            let _ = writeln!(out, "IKM: {ikm:.2}");
                        }
                        None => out.push_str("IKM: none\n"),
                    },
                    Err(e) => out.push_str(&format!("analysis error: {e}\n")),
                }
            }
        },
        "requests" | "complaints" => {
            let item = if kind == "requests" { ItemKind::Request } else { ItemKind::Complaint };
            let mut input = InputSummary::default();
            match read_items(item, &files, ctx, &mut input) {
                Err(e) => out.push_str(&format!("error: {e}\n")),
                Ok(items) => {
                    summary(&mut out, &input);
                    let _ = writeln!(out, "kept: {}", items.len());
                }
            }
        }
        "steps" => {
            let mut input = InputSummary::default();
            match read_steps(&files, ctx, &mut input) {
                Err(e) => out.push_str(&format!("error: {e}\n")),
                Ok(steps) => {
                    summary(&mut out, &input);
                    let _ = writeln!(out, "kept: {}", steps.len());
                }
            }
        }
        "meetings" | "actions" => {
            let Some(rule) = MeetingRule::from_catalog(&catalog) else { panic!("the catalog has a meeting rule") };
            let inputs = if kind == "meetings" {
                MeetingInputs { meetings: &files, actions: &[], responses: None }
            } else {
                MeetingInputs { meetings: &[], actions: &files, responses: None }
            };
            match analyse_meetings(inputs, &rule, 2026, jiff::civil::date(2026, 11, 24)) {
                Err(e) => out.push_str(&format!("error: {e}\n")),
                Ok(report) => {
                    summary(&mut out, &report.input);
                    let held: u64 = report.months.iter().map(|m| m.meetings).sum();
                    let _ = writeln!(out, "meetings counted: {held}");
                }
            }
        }
        "mapping" => match Mapping::with_file(name, &text()) {
            Err(e) => out.push_str(&format!("error: {e}\n")),
            Ok(_) => out.push_str("accepted\n"),
        },
        "catalog" => match Catalog::from_documents([(name, text().as_str())]) {
            Err(e) => out.push_str(&format!("error: {e}\n")),
            Ok(_) => out.push_str("accepted\n"),
        },
        "calendar" => match Calendar::from_toml(name, &text()) {
            Err(e) => out.push_str(&format!("error: {e}\n")),
            Ok(_) => out.push_str("accepted\n"),
        },
        "api" => match skm_core::wire::decode_submission(bytes) {
            Err(e) => out.push_str(&format!(
                "400 malformed_json {}: {} / {}\n",
                e.field.as_deref().unwrap_or("-"),
                short(&e.message_id),
                short(&e.message_en)
            )),
            Ok(s) => match s.validate(|code| catalog.contains(code)) {
                Err(e) => out.push_str(&format!("422 invalid {}: {} / {}\n", e.field, e.message_id, e.message_en)),
                Ok(valid) => {
                    out.push_str("201 accepted\n");
                    if let Some(text) = valid.suggestion {
                        let _ = writeln!(out, "suggestion stored: {:?}", short(&text));
                    }
                }
            },
        },
        other => panic!("unknown kind folder {other}"),
    }
    out
}

#[test]
fn every_malformed_file_gets_its_expected_message() {
    let bless = std::env::var_os("SKM_BLESS").is_some();
    let mut cases = 0;
    let mut failures = Vec::new();
    let Ok(kinds) = std::fs::read_dir(corpus()) else { panic!("{} is missing", corpus().display()) };
    let mut kinds: Vec<PathBuf> = kinds.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
    kinds.sort();
    for dir in kinds {
        let kind = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let Ok(entries) = std::fs::read_dir(&dir) else { panic!("{} unreadable", dir.display()) };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_none_or(|x| x != "expected"))
            .collect();
        files.sort();
        for path in files {
            let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else { continue };
            let name = format!("{kind}/{file_name}");
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let got = outcome(&kind, &name, &bytes);
            let expected_path = path.with_file_name(format!("{file_name}.expected"));
            cases += 1;
            if bless {
                std::fs::write(&expected_path, &got).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
                continue;
            }
            match std::fs::read_to_string(&expected_path) {
                Ok(want) if want == got => {}
                Ok(want) => failures.push(format!("{name}\n--- expected\n{want}--- got\n{got}")),
                Err(_) => failures.push(format!("{name}: no {file_name}.expected (run with SKM_BLESS=1)\n{got}")),
            }
        }
    }
    assert!(cases >= 50, "the corpus has {cases} files; at least 50 are wanted");
    assert!(failures.is_empty(), "{} of {cases} files differ:\n{}", failures.len(), failures.join("\n"));
}
