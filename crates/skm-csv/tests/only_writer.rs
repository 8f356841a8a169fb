//! Tidy check: every CSV the workspace writes goes through `skm_csv::CsvWriter`, so no writer
//! can forget to neutralise formulas. The only exceptions are the demo generator (its texts come
//! from fixed lists of its own) and test code writing fixtures.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() {
            if !["target", "tests", "node_modules", ".git"].contains(&name) {
                rust_files(&path, found);
            }
        } else if name.ends_with(".rs") {
            found.push(path);
        }
    }
}

#[test]
fn no_csv_is_written_around_the_safe_writer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates", "web"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "the workspace's sources were found ({})", files.len());
    let allowed = ["crates/skm-csv/", "crates/skm-demo/src/lib.rs"];
    let mut offenders = Vec::new();
    for file in files {
        let shown = file.strip_prefix(&root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        if allowed.iter().any(|a| shown.starts_with(a)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        // Test modules write fixtures; what matters is what ships.
        let shipped = text.split("#[cfg(test)]").next().unwrap_or_default();
        if shipped.contains("csv::Writer") || shipped.contains("csv::WriterBuilder") {
            offenders.push(shown);
        }
    }
    assert!(offenders.is_empty(), "CSV written around skm_csv::CsvWriter in: {offenders:?}");
}
