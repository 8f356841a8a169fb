//! Old recap sheets on the command line: an undated processing sheet takes its period and service
//! from `--period-of` and `--service`, one sheet of a workbook is read with `--sheet`, and a recap
//! without dates given as `skm report --previous` joins the trend as the year before.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skm")).args(args).output().unwrap()
}

fn skm(args: &[&str]) -> Output {
    let out = run(args);
    assert!(out.status.success(), "skm {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/malformed/responses").join(name)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_undated_sheet_takes_the_period_and_service_given() {
    let file = corpus("layout-undated.xlsx");
    let file = file.to_str().unwrap();
    let by = ["--by", "service,period", "--period", "quarter", "--format", "json"];
    let out = skm(&[&["ikm", file, "--period-of", "2025-Q2", "--service", "izin-reklame"][..], &by].concat());
    let printed = json(&out);
    let groups: Vec<(&str, &str, u64)> = printed["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["service"].as_str().unwrap(), g["period"].as_str().unwrap(), g["respondents"].as_u64().unwrap()))
        .collect();
    assert_eq!(groups, [("izin-reklame", "2025-Q2", 6)]);
    let notes: Vec<&str> =
        printed["input"]["files"][0]["notes"].as_array().unwrap().iter().map(|n| n["note"].as_str().unwrap()).collect();
    assert_eq!(notes, ["period_given", "service_given"]);
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("6 baris tanpa tanggal dihitung pada periode 2025-Q2 (dari --period-of)"), "{told}");

    // A year's recap is not drawn as its first quarter.
    let out = run(&[&["ikm", file, "--period-of", "2025"][..], &by].concat());
    assert!(!out.status.success());
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("--period-of 2025 lebih kasar dari --period quarter"), "{told}");

    // A period that is none.
    let out = run(&["ikm", file, "--period-of", "2025-Q5"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2025-Q2"));
}

#[test]
fn one_sheet_of_a_workbook_is_read_with_sheet() {
    let file = corpus("layout-sheets.xlsx");
    let file = file.to_str().unwrap();
    let all = json(&skm(&["ikm", file, "--by", "none", "--format", "json"]));
    let one = json(&skm(&["ikm", file, "--sheet", "tw i", "--by", "none", "--format", "json"]));
    assert_eq!((all["respondents"].as_u64(), one["respondents"].as_u64()), (Some(10), Some(6)));
    let out = run(&["ikm", file, "--sheet", "TW IV"]);
    assert!(!out.status.success());
    let told = String::from_utf8_lossy(&out.stderr);
    assert!(told.contains("TW IV") && told.contains("TW I") && told.contains("TW II"), "{told}");
}

#[test]
fn an_undated_recap_given_as_previous_is_last_year() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("2026");
    let data_s = data.to_str().unwrap();
    skm(&["demo", "--year", "2026", "--out", data_s, "--responses", "120", "--requests", "200"]);
    let previous = dir.path().join("2025");
    std::fs::create_dir(&previous).unwrap();
    std::fs::copy(corpus("layout-undated.xlsx"), previous.join("rekap-skm.xlsx")).unwrap();
    let out = dir.path().join("laporan");
    let args = ["report", "--year", "2026", "--data", data_s, "--previous", previous.to_str().unwrap()];
    skm(&[&args[..], &["--out", out.to_str().unwrap(), "--no-pdf"]].concat());
    let html = std::fs::read_to_string(out.join("laporan-skm-2026.html")).unwrap();
    assert!(html.contains("id=\"change\">Dibandingkan tahun 2025"), "the change from the recap's year");
}
