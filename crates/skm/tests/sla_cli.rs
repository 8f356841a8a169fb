//! `skm deadline` and `skm sla` as staff run them.

use std::path::Path;
use std::process::{Command, Output};

fn skm(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skm")).args(args).current_dir(dir).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn deadline_prints_iso_8601_with_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (["--received", "2026-03-17T14:00:00+07:00", "--within", "1 Hari Kerja"], "2026-03-25T14:00:00+07:00\n"),
        (["--received", "2026-01-09 15:45", "--within", "Maksimal 1 Jam"], "2026-01-12T07:45:00+07:00\n"),
        (["--received", "2025-12-24T11:00:00+07:00", "--within", "5 hari kerja"], "2026-01-05T11:00:00+07:00\n"),
        (["--received", "2026-01-12 11:30", "--within", "1 jam"], "2026-01-12T13:30:00+07:00\n"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["deadline"];
        all.extend(args);
        let o = skm(&all, dir.path());
        assert!(o.status.success(), "{}", text(&o.stderr));
        assert_eq!(text(&o.stdout), expected, "{args:?}");
    }
    let o = skm(&["deadline", "--received", "2026-01-09 15:45", "--service", "internet-jaringan"], dir.path());
    assert_eq!(text(&o.stdout), "2026-01-12T15:45:00+07:00\n");
    let o = skm(
        &[
            "deadline",
            "--received",
            "2026-02-02 09:00",
            "--within",
            "sesuai dengan permohonan",
            "--requested-for",
            "14 Februari 2026",
        ],
        dir.path(),
    );
    assert_eq!(text(&o.stdout), "2026-02-14T23:59:59+07:00\n");
}

#[test]
fn deadline_in_a_wita_office_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wita.toml"),
        "name = \"Kantor\"\nzone = \"WITA\"\n[hours]\nmonday = [\"08:00-12:00\"]\n",
    )
    .unwrap();
    let o = skm(
        &["deadline", "--calendar", "wita.toml", "--received", "2026-01-12T07:00:00+07:00", "--within", "1 jam"],
        dir.path(),
    );
    assert_eq!(text(&o.stdout), "2026-01-12T09:00:00+08:00\n", "{}", text(&o.stderr));
    let o = skm(&["deadline", "--received", "kemarin", "--within", "1 jam"], dir.path());
    assert!(
        !o.status.success() && text(&o.stderr).contains("--received 'kemarin': waktu tidak terbaca / unreadable time")
    );
    let o = skm(&["deadline", "--received", "2026-01-12 09:00", "--within", "segera"], dir.path());
    assert!(!o.status.success() && text(&o.stderr).contains("not understood"));
    let o = skm(&["deadline", "--received", "2026-01-12 09:00", "--within", "sesuai permohonan"], dir.path());
    assert!(!o.status.success() && text(&o.stderr).contains("requested_for"), "{}", text(&o.stderr));
}

#[test]
fn sla_on_the_demo_year() {
    let dir = tempfile::tempdir().unwrap();
    let o = skm(&["demo", "--year", "2026", "--out", "d"], dir.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let args = [
        "sla",
        "--requests",
        "d/requests.csv",
        "--complaints",
        "d/complaints.csv",
        "--year",
        "2026",
        "--as-of",
        "2026-12-31",
    ];
    let o = skm(&args, dir.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let table = text(&o.stdout);
    for expected in [
        "publikasi-media-sosial (janji: 1 jam kerja)",
        "dokumentasi-kegiatan (janji: sesuai permohonan)",
        "2026-01",
        "2026-12",
        "Patuh %",
        "Pengaduan",
        "Tingkat pengaduan",
    ] {
        assert!(table.contains(expected), "{expected} missing:\n{table}");
    }
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let o = skm(&json_args, dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let services = v["requests"]["services"].as_array().unwrap();
    assert_eq!(services.len(), 5);
    let mut sum = 0;
    for s in services {
        for key in ["total", "met", "breached", "pending", "compliance"] {
            assert!(s.get(key).is_some(), "{key} missing in {s}");
        }
        let (t, m, b, p) = (
            s["total"].as_u64().unwrap(),
            s["met"].as_u64().unwrap(),
            s["breached"].as_u64().unwrap(),
            s["pending"].as_u64().unwrap(),
        );
        assert_eq!(t, m + b + p);
        sum += t;
        assert_eq!(s["months"].as_array().unwrap().len(), 12);
    }
    assert_eq!(sum, 1000);
    assert!(v["complaints"]["services"].as_array().unwrap().iter().all(|s| s.get("compliance").is_some()));
    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = text(&skm(&csv_args, dir.path()).stdout);
    assert!(csv.starts_with("section,service,month,channel,tier,total,met,breached,pending,compliance"));
    assert!(csv.contains("\nrequests,publikasi-media-sosial,2026-03,"));
}
