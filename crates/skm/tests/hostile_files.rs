//! Files that attack or exhaust the people and machines that open them, as `skm` meets them:
//! devices and FIFOs, files over the limits, suggestions that are formulas or longer than a cell
//! holds, dates after today, groups too small to grade. Each test failed before its fix.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use calamine::{open_workbook, Data, Reader, Xlsx};

fn skm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skm")).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const HEADER: &str = "id,submitted_at,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion";

fn row(i: usize, date: &str, service: &str, suggestion: &str) -> String {
    let quoted = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    format!("r{i},{date},{},4,3,3,4,3,4,4,2,3,L,29,SMA,Swasta,{}", quoted(service), quoted(suggestion))
}

fn write(path: &Path, lines: &[String]) {
    let mut text = String::from(HEADER);
    for line in lines {
        text.push('\n');
        text.push_str(line);
    }
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

/// Runs `skm` with a deadline; a run that hangs is killed and fails the test.
fn within(seconds: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skm"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("skm {args:?} still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn devices_and_fifos_are_refused_before_they_are_opened() {
    let out = within(10, &["ikm", "/dev/zero"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("/dev/zero: bukan berkas biasa") && stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("jawaban.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = within(10, &["ikm", fifo.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bukan berkas biasa"), "{}", stderr(&out));

    let out = within(10, &["ikm", dir.path().to_str().unwrap()]);
    assert!(stderr(&out).contains("bukan berkas biasa"), "a folder: {}", stderr(&out));
    let out = within(10, &["catalog", "/dev/zero"]);
    assert!(stderr(&out).contains("bukan berkas biasa"), "a standards document: {}", stderr(&out));
}

#[test]
fn a_file_over_a_limit_names_the_limit_and_the_flag_that_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("responses.csv");
    write(&file, &(0..40).map(|i| row(i, "2026-02-03", "internet-jaringan", "Baik")).collect::<Vec<_>>());
    let path = file.to_str().unwrap();
    let out = skm(&["ikm", path, "--max-file-size", "1000"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(message.contains("melebihi batas 1000 B; naikkan dengan --max-file-size"), "{message}");
    assert!(message.contains("exceeds the limit of 1000 B; raise it with --max-file-size"), "{message}");
    assert_eq!(message.matches("--max-file-size").count(), 2, "said once in each language: {message}");
    let out = skm(&["ikm", path, "--max-rows", "39"]);
    assert!(stderr(&out).contains("--max-rows"), "{}", stderr(&out));
    let out = skm(&["ikm", path, "--max-file-size", "100000", "--max-rows", "40", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn every_csv_the_commands_write_is_safe_to_open_in_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("responses.csv");
    write(&file, &[row(1, "2026-02-03", "=HYPERLINK(\"http://evil\",\"x\")", "")]);
    let out = skm(&["ikm", file.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), "{csv}");

    let requests = dir.path().join("requests.csv");
    std::fs::write(
        &requests,
        "id,service,channel,requester,received_at,requested_for,completed_at,status\n\
         @SUM(1+1),internet-jaringan,+cmd|' /C calc'!A0,Dinas,2026-03-02T09:00:00+07:00,,2026-03-20T09:00:00+07:00,selesai\n",
    )
    .unwrap();
    let out = skm(&["sla", "--requests", requests.to_str().unwrap(), "--format", "csv", "--as-of", "2026-12-31"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8_lossy(&out.stdout);
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            assert!(!cell.starts_with(['=', '+', '@']), "a formula in skm sla's CSV: {cell} in {csv}");
        }
    }
    assert!(csv.contains("'+cmd|"), "the channel, marked: {csv}");
}

#[test]
fn dates_after_today_are_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("responses.csv");
    write(&file, &[row(1, "2026-02-03", "internet-jaringan", ""), row(2, "2099-12-31", "internet-jaringan", "")]);
    let out = skm(&["ikm", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("responses.csv: memuat tanggal sesudah hari ini") && message.contains("31 Desember 2099"),
        "{message}"
    );
    let en = skm(&["ikm", file.to_str().unwrap(), "--lang", "en"]);
    assert!(stderr(&en).contains("holds dates after today"), "{}", stderr(&en));
    write(&file, &[row(1, "2026-02-03", "internet-jaringan", "")]);
    assert!(!stderr(&skm(&["ikm", file.to_str().unwrap()])).contains("hari ini"), "no warning for the past");
}

#[test]
fn a_group_of_one_respondent_is_marked_as_too_small() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("responses.csv");
    let mut lines: Vec<String> = (0..31).map(|i| row(i, "2026-02-03", "internet-jaringan", "")).collect();
    lines.push(row(99, "2026-03-10", "dokumentasi-kegiatan", ""));
    write(&file, &lines);
    let out = skm(&["ikm", file.to_str().unwrap()]);
    let table = String::from_utf8_lossy(&out.stdout);
    let small = table.lines().find(|l| l.starts_with("dokumentasi-kegiatan")).unwrap();
    assert!(small.contains("sampel belum cukup: 1 dari 30 responden"), "{small}");
    let enough = table.lines().find(|l| l.starts_with("internet-jaringan")).unwrap();
    assert!(!enough.contains("sampel belum cukup"), "{enough}");
    let json: serde_json::Value =
        serde_json::from_slice(&skm(&["ikm", file.to_str().unwrap(), "--format", "json", "--min-sample", "1"]).stdout)
            .unwrap();
    assert!(json["groups"].as_array().unwrap().iter().all(|g| g["sample"]["met"] == true));
    let csv = String::from_utf8_lossy(&skm(&["ikm", file.to_str().unwrap(), "--format", "csv"]).stdout).into_owned();
    let small = csv.lines().find(|l| l.contains("dokumentasi-kegiatan")).unwrap();
    assert!(small.ends_with(",30,false"), "{small}");
}

#[test]
fn a_suggestion_longer_than_a_cell_is_cut_and_the_report_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let long = format!("Mohon diperbaiki. {}", "Antrean terlalu lama. ".repeat(2000));
    assert!(long.chars().count() > 32_767);
    write(
        &data.join("responses.csv"),
        &[
            row(1, "2026-02-03T09:00:00+07:00", "internet-jaringan", &long),
            row(2, "2026-02-04T09:00:00+07:00", "internet-jaringan", "=HYPERLINK(\"http://evil\",\"x\")"),
        ],
    );
    let out_dir = dir.path().join("laporan");
    let out = skm(&[
        "report",
        "--year",
        "2026",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--no-pdf",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("dipotong pada batas Excel 32767") && message.contains("cut at Excel's limit"),
        "{message}"
    );
    assert!(out_dir.join("laporan-skm-2026.json").is_file(), "the JSON is written");
    let mut book: Xlsx<_> = open_workbook(out_dir.join("laporan-skm-2026.xlsx")).unwrap();
    let sheet = book.worksheet_range("Saran").unwrap();
    let texts: Vec<String> = sheet.rows().skip(1).filter_map(|r| r.get(2).map(|c| c.to_string())).collect();
    let cut = texts.iter().find(|t| t.starts_with("Mohon diperbaiki")).unwrap();
    assert!(cut.encode_utf16().count() <= 32_767 && cut.ends_with("[teks dipotong / text cut]"), "{}", cut.len());
    // The formula is kept as text: a string cell, never a formula.
    assert!(sheet.rows().any(|r| matches!(r.get(2), Some(Data::String(s)) if s.starts_with("=HYPERLINK"))));
    let formulas = book.worksheet_formula("Saran").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula in the suggestions sheet");
}
