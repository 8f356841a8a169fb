//! `skm meetings` on the demo year.

use std::process::Command;

#[test]
fn meetings_on_the_demo_year_print_the_month_table() {
    let dir = tempfile::tempdir().unwrap();
    let skm =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_skm")).args(args).current_dir(dir.path()).output().unwrap();
    assert!(skm(&["demo", "--year", "2026", "--out", "d"]).status.success());
    let base = ["meetings", "d/meetings.csv", "--actions", "d/actions.csv", "--year", "2026", "--as-of", "2026-12-31"];
    let o = skm(&base);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let table = String::from_utf8_lossy(&o.stdout);
    for expected in [
        "2026-01",
        "2026-06        0        0  tidak terpenuhi",
        "2026-09        1        0  tidak terpenuhi  Kepala Dinas",
        "Kepatuhan: 10/12 bulan",
        "Tindak lanjut",
    ] {
        assert!(table.contains(expected), "{expected} missing:\n{table}");
    }
    let mut json = base.to_vec();
    json.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&skm(&json).stdout).unwrap();
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[5]["month"], "2026-06");
    assert_eq!(months[5]["meetings"], 0);
    assert_eq!(months[5]["compliant"], false);
    assert_eq!(months[8]["missing_roles"], serde_json::json!(["kepala_dinas"]));
    assert!((v["compliance"].as_f64().unwrap() - 1000.0 / 12.0).abs() < 1e-9);
    assert_eq!(v["longest_gap_months"], 1);
    let o = skm(&["meetings", "tidak-ada.csv"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("tidak-ada.csv tidak dapat dibaca"));
}
