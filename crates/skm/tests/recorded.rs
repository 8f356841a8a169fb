//! What `skm ikm`, `skm sla` and `skm meetings --format json` print for two demo years and for
//! every file of the malformed corpus, against outputs recorded before the analytics moved to
//! polars (`tests/recorded/`): a change of engine must not change a byte. `SKM_BLESS=1`
//! rewrites the recordings (review the diff before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Exit status, standard output and standard error of one run, as recorded.
fn run(args: &[String], dir: &Path) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_skm")).args(args).current_dir(dir).output().unwrap();
    format!(
        "$ skm {}\nexit: {:?}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Compares a run with its recording, or records it under `SKM_BLESS=1`; gives the mismatch.
fn check(name: &str, got: &str) -> Option<String> {
    let path = root().join("tests/recorded").join(format!("{name}.txt"));
    if std::env::var_os("SKM_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return None;
    }
    let want = without_today(&std::fs::read_to_string(&path).unwrap_or_default());
    let got = without_today(got);
    (want != got).then(|| {
        let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(0);
        format!(
            "{name}: differs from {} at line {}:\n  recorded: {}\n  now:      {}",
            path.display(),
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            got.lines().nth(line).unwrap_or("<end>")
        )
    })
}

/// The run without its warnings of dates after today: they name the day the test runs, and
/// a demo year stops being in the future when the year ends (`hostile_files` tests them).
fn without_today(text: &str) -> String {
    text.split_inclusive('\n').filter(|l| !l.contains("sesudah hari ini (") && !l.contains("after today (")).collect()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

const AS_OF: &str = "2026-12-31T23:59";

#[test]
fn outputs_equal_those_recorded_before_the_change_of_engine() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    // Two small years, and a larger one that is read and tallied in parts.
    for (year, size) in
        [("2025", None), ("2026", None), ("2027", Some(["--responses", "60000", "--requests", "30000"]))]
    {
        let out = dir.path().join(year);
        let mut demo = args(&["demo", "--year", year, "--out", out.to_str().unwrap()]);
        demo.extend(size.iter().flatten().map(|s| (*s).to_owned()));
        let made = run(&demo, dir.path());
        assert!(made.contains("exit: Some(0)"), "{made}");
        let year_end = format!("{year}-12-31T23:59");
        let cases: [(&str, Vec<String>); 4] = [
            (
                "ikm",
                args(&["ikm", "responses.csv", "--by", "service,period", "--period", "quarter", "--format", "json"]),
            ),
            (
                "ikm-population",
                args(&[
                    "ikm",
                    "responses.csv",
                    "--by",
                    "service,period",
                    "--requests",
                    "requests.csv",
                    "--format",
                    "json",
                ]),
            ),
            (
                "sla",
                args(&[
                    "sla",
                    "--requests",
                    "requests.csv",
                    "--complaints",
                    "complaints.csv",
                    "--as-of",
                    &year_end,
                    "--format",
                    "json",
                ]),
            ),
            (
                "meetings",
                args(&[
                    "meetings",
                    "meetings.csv",
                    "--actions",
                    "actions.csv",
                    "--responses",
                    "responses.csv",
                    "--as-of",
                    &year_end[..10],
                    "--year",
                    year,
                    "--format",
                    "json",
                ]),
            ),
        ];
        for (name, case) in cases {
            failures.extend(check(&format!("demo-{year}/{name}"), &run(&case, &out)));
        }
    }

    // Every malformed file through the command that reads its kind.
    let corpus = root().join("tests/malformed");
    let demo = dir.path().join("2026");
    std::fs::write(dir.path().join("no-requests.csv"), "id,service,received_at\n").unwrap();
    let no_requests = dir.path().join("no-requests.csv").to_str().unwrap().to_owned();
    for kind in ["responses", "requests", "complaints", "steps", "meetings", "actions"] {
        let mut files: Vec<_> = std::fs::read_dir(corpus.join(kind))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| !f.ends_with(".expected"))
            .collect();
        files.sort();
        for file in files {
            let path = format!("{kind}/{file}");
            let case = match kind {
                "responses" => args(&["ikm", &path, "--by", "service,period", "--format", "json"]),
                "requests" => args(&["sla", "--requests", &path, "--as-of", AS_OF, "--format", "json"]),
                "complaints" => args(&[
                    "sla",
                    "--requests",
                    &no_requests,
                    "--complaints",
                    &path,
                    "--as-of",
                    AS_OF,
                    "--format",
                    "json",
                ]),
                "steps" => {
                    args(&["sla", "--requests", &no_requests, "--steps", &path, "--as-of", AS_OF, "--format", "json"])
                }
                "meetings" => args(&["meetings", &path, "--as-of", "2026-12-31", "--format", "json"]),
                _ => {
                    let meetings = demo.join("meetings.csv").to_str().unwrap().to_owned();
                    args(&["meetings", &meetings, "--actions", &path, "--as-of", "2026-12-31", "--format", "json"])
                }
            };
            // The temporary folder's name would differ between runs.
            let got = run(&case, &corpus).replace(dir.path().to_str().unwrap(), "<tmp>");
            failures.extend(check(&format!("malformed/{kind}/{file}"), &got));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
