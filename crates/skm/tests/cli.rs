//! The `skm` command as a user runs it.

use std::process::Command;

fn skm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_skm"))
}

#[test]
fn demo_writes_a_reproducible_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2026");
    let run = skm().args(["demo", "--year", "2026", "--responses", "120", "--out"]).arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("120 baris / rows"), "{stdout}");
    let responses = std::fs::read_to_string(out.join("responses.csv")).unwrap();
    let mut lines = responses.lines();
    assert_eq!(
        lines.next(),
        Some("id,submitted_at,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion")
    );
    assert_eq!(lines.count(), 120);
    for name in ["requests", "complaints", "meetings", "actions"] {
        assert!(out.join(format!("{name}.csv")).is_file(), "{name}.csv missing");
    }
    let requests = std::fs::read_to_string(out.join("requests.csv")).unwrap();
    assert!(requests.starts_with("id,service,channel,requester,received_at,requested_for,completed_at,status\n"));

    let again = dir.path().join("again");
    let run = skm().args(["demo", "--year", "2026", "--responses", "120", "--out"]).arg(&again).output().unwrap();
    assert!(run.status.success());
    assert_eq!(std::fs::read(out.join("responses.csv")).unwrap(), std::fs::read(again.join("responses.csv")).unwrap());
}

#[test]
fn a_bad_year_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let run = skm().args(["demo", "--year", "1066", "--out"]).arg(dir.path()).output().unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("tahun 1066 tidak didukung") && stderr.contains("year 1066 is not supported"), "{stderr}");
}

#[test]
fn catalog_lists_the_seed_standards() {
    let run = skm().arg("catalog").output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.contains("Publikasi Konten Media Sosial: Maksimal 1 Jam → 1 jam kerja"), "{out}");
    assert!(out.contains("Pengaduan berkadar pengawasan dan memerlukan pemeriksaan 60 hari kerja"), "{out}");
    assert!(out.contains("SOP: 8 langkah, 375 menit"), "{out}");
}

#[test]
fn catalog_check_names_the_bad_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("layanan-baru.toml");
    std::fs::write(&bad, "code = \"layanan-baru\"\nkind = \"standar_pelayanan\"\nnumber = 9\n").unwrap();
    let run = skm().arg("catalog").arg(&bad).output().unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("layanan-baru.toml:3:"), "{err}");
    assert!(err.contains("berkas katalog tidak dapat dibaca / catalog file cannot be read"), "{err}");
}

#[test]
fn qr_writes_codes_and_posters_for_the_counter() {
    let dir = tempfile::tempdir().unwrap();
    let run = skm()
        .args(["qr", "--service", "internet-jaringan", "--base-url", "https://skm.purbalinggakab.go.id/", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for name in ["qr-internet-jaringan.svg", "qr-internet-jaringan.png", "poster-internet-jaringan.svg"] {
        assert!(dir.path().join(name).is_file(), "{name}");
    }
    let poster = std::fs::read_to_string(dir.path().join("poster-internet-jaringan.svg")).unwrap();
    assert!(poster.contains("https://skm.purbalinggakab.go.id/survei/internet-jaringan"), "{poster}");
    let png = std::fs::read(dir.path().join("qr-internet-jaringan.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    let all = skm().args(["qr", "--out"]).arg(dir.path().join("semua")).output().unwrap();
    assert!(all.status.success());
    assert!(String::from_utf8_lossy(&all.stderr).contains("--base-url"), "a local address is pointed out");
    assert_eq!(std::fs::read_dir(dir.path().join("semua")).unwrap().count(), 15);
    let bad = skm().args(["qr", "--service", "pajak"]).output().unwrap();
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("--service 'pajak'"));
}
