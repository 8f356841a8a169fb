//! `skm ikm` and `skm sample-size` as staff run them.

use std::path::Path;
use std::process::{Command, Output};

fn skm(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_skm")).args(args).current_dir(dir).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const RESPONSES: &str = "id,submitted_at,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion
a,2025-03-01T09:00:00+07:00,publikasi-media-sosial,3,3,3,4,3,3,3,2,3,L,30,SMA,PNS,
b,2025-08-01T09:00:00+07:00,publikasi-media-sosial,3,3,2,4,3,3,3,3,3,P,41,D4/S1,Swasta,
c,2026-02-01T09:00:00+07:00,publikasi-media-sosial,4,4,4,4,4,4,4,4,4,P,25,S2,PNS,
f,2026-04-01T09:00:00+07:00,publikasi-media-sosial,4,4,3,4,4,4,4,4,4,P,33,S2,PNS,
d,2026-03-01T09:00:00+07:00,internet-jaringan,4,4,3,4,4,4,4,3,4,L,52,SMA,Wirausaha,
e,2026-03-02T09:00:00+07:00,internet-jaringan,4,4,4,4,4,4,4,4,5,L,52,SMA,Wirausaha,
";

fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("responses.csv"), RESPONSES).unwrap();
    dir
}

#[test]
fn sample_size_prints_the_integer_alone() {
    let dir = tempfile::tempdir().unwrap();
    for (n, s) in [("1000", "278\n"), ("100", "80\n"), ("1000000", "384\n"), ("0", "0\n")] {
        let o = skm(&["sample-size", n], dir.path());
        assert!(o.status.success());
        assert_eq!(stdout(&o), s);
    }
    assert!(!skm(&["sample-size", "banyak"], dir.path()).status.success());
}

#[test]
fn json_has_the_documented_fields_at_top_level_and_in_each_group() {
    let dir = workdir();
    let o =
        skm(&["ikm", "responses.csv", "--by", "service,period", "--period", "year", "--format", "json"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let check = |g: &serde_json::Value| {
        for key in ["respondents", "ikm", "grade", "weight", "elements"] {
            assert!(g.get(key).is_some(), "{key} missing in {g}");
        }
        assert_eq!(g["weight"], "exact");
        let elements = g["elements"].as_array().unwrap();
        assert_eq!(elements.len(), 9);
        assert_eq!(elements[7]["id"], "U8");
        for key in ["answers", "nrr", "grade"] {
            assert!(elements[0].get(key).is_some(), "{key}");
        }
    };
    check(&v);
    assert_eq!(v["respondents"], 5);
    assert_eq!(v["input"]["rows_dropped"], 1);
    let groups = v["groups"].as_array().unwrap();
    let keys: Vec<(String, String)> = groups
        .iter()
        .map(|g| (g["service"].as_str().unwrap().to_owned(), g["period"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        keys,
        [("internet-jaringan", "2026"), ("publikasi-media-sosial", "2025"), ("publikasi-media-sosial", "2026")]
            .map(|(s, p)| (s.to_owned(), p.to_owned()))
    );
    groups.iter().for_each(check);
    assert_eq!(groups[2]["change"]["previous"], "2025");
    // The skipped row is reported on stderr with file, row and column.
    assert!(stderr(&o).contains("responses.csv, baris 7, kolom 'u9': '5'"), "{}", stderr(&o));
}

#[test]
fn all_4_answers_give_100_and_the_weight_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), "u1,u2,u3,u4,u5,u6,u7,u8,u9\n4,4,4,4,4,4,4,4,4\n").unwrap();
    let ikm = |weight: &str| {
        let o = skm(&["ikm", "r.csv", "--by", "none", "--weight", weight, "--format", "json"], dir.path());
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["weight"], weight);
        assert!(v["groups"].as_array().unwrap().is_empty());
        v["ikm"].as_f64().unwrap()
    };
    assert_eq!(ikm("exact"), 100.0);
    assert!((ikm("0.111") - 99.9).abs() < 1e-9);
    assert!((ikm("0.11") - 99.0).abs() < 1e-9);
}

#[test]
fn table_is_readable_in_both_languages() {
    let dir = workdir();
    let o = skm(&["ikm", "responses.csv", "--population", "50"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for text in [
        "Indeks Kepuasan Masyarakat",
        "bobot exact",
        "Responden",
        "U8 Sarana dan Prasarana",
        "Unsur terlemah",
        "diperlukan (Krejcie–Morgan) 44",
        "internet-jaringan",
        "1 baris dilewati",
    ] {
        assert!(out.contains(text), "{text} missing:\n{out}");
    }
    let en = stdout(&skm(&["ikm", "responses.csv", "--lang", "en"], dir.path()));
    assert!(en.contains("Weakest elements") && en.contains("U9 Handling of complaints"), "{en}");
}

#[test]
fn csv_has_one_line_per_group_after_the_total() {
    let dir = workdir();
    let o = skm(&["ikm", "responses.csv", "--format", "csv"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0]
        .starts_with("level,service,period,respondents,ikm,ikm_scale4,grade,label,weight,ci_low,ci_high,u1_nrr"));
    assert!(lines[1].starts_with("all,,,5,"));
    assert!(lines[2].starts_with("group,internet-jaringan,,1,"));
    assert_eq!(lines.len(), 4);
}

#[test]
fn strict_mode_fails_on_skipped_rows_and_errors_name_the_file() {
    let dir = workdir();
    let o = skm(&["ikm", "responses.csv", "--strict", "--format", "json"], dir.path());
    assert_eq!(o.status.code(), Some(3));
    let o = skm(&["ikm", "tidak-ada.csv"], dir.path());
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tidak-ada.csv tidak dapat dibaca / cannot be read"), "{}", stderr(&o));
    std::fs::write(dir.path().join("lama.csv"), "id,u1,u2\n1,4,4\n").unwrap();
    let o = skm(&["ikm", "lama.csv"], dir.path());
    assert!(stderr(&o).contains("lama.csv: kolom 'u3' tidak ada / column 'u3' is missing"), "{}", stderr(&o));
    let o = skm(&["ikm", "responses.csv", "--weight", "0.1"], dir.path());
    assert!(!o.status.success() && stderr(&o).contains("exact, 0.111, 0.11"));
}
