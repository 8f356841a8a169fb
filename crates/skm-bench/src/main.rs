//! `skm-bench ikm|sla FILE [RUNS]`: times one benchmark task natively and prints JSON with the
//! wall time of each run (file read included) and the tables of the last run.
//! `skm-bench phases ikm|sla FILE`: the seconds of each phase (reading, computing).
//! `skm-bench sla-reference`: prints the calendar and promised times the SLA peers judge by.

use std::time::Instant;

/// The file mapped into memory, as `skm` maps the large files it is given (crates/skm/src/files.rs).
fn map(path: &str) -> std::io::Result<memmap2::Mmap> {
    let file = std::fs::File::open(path)?;
    // SAFETY: read-only, and the benchmark's files are not written while it runs.
    unsafe { memmap2::Mmap::map(&file) }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("sla-reference") {
        match skm_bench::sla_reference() {
            Ok(v) => println!("{v}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    if let (Some("phases"), Some(task), Some(path)) = (args.get(1).map(String::as_str), args.get(2), args.get(3)) {
        let result = map(path).map_err(|e| e.to_string()).and_then(|bytes| skm_bench::phases(task, path, &bytes));
        match result {
            Ok(v) => println!("{v}"),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        return;
    }
    let (Some(task), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("pemakaian / usage: skm-bench ikm|sla FILE [RUNS] | skm-bench sla-reference");
        std::process::exit(2);
    };
    let runs: u32 = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(1).max(1);
    let mut seconds = Vec::new();
    let mut tables = serde_json::Value::Null;
    for _ in 0..runs {
        let start = Instant::now();
        let bytes = match map(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: tidak dapat dibaca / cannot be read: {e}");
                std::process::exit(1);
            }
        };
        let result = match task.as_str() {
            "ikm" => skm_bench::ikm_tables(path, &bytes),
            "sla" => skm_bench::sla_tables(path, &bytes),
            other => Err(format!("tugas tidak dikenal / unknown task: {other}")),
        };
        seconds.push(start.elapsed().as_secs_f64());
        match result {
            Ok(t) => tables = t,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    println!("{}", serde_json::json!({ "engine": "skm", "task": task, "seconds": seconds, "tables": tables }));
}
