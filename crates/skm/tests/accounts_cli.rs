//! `skm user`, `skm token` and `skm audit` on the database of `skm serve`: a password only from
//! standard input (never an argument), a token printed once on its last line and kept hashed,
//! revocation, and every act in the audit log.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn skm(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_skm"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn accounts_and_tokens_are_made_listed_revoked_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("skm.db");
    let db = db.to_str().unwrap();
    let unit = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/units/dinkominfo-purbalingga.toml");
    ok(&skm(&["unit", "add", unit, "--db", db], ""));

    // The password comes from standard input; a weak one is refused and nothing is stored.
    let weak = skm(
        &["user", "add", "--username", "kadis", "--role", "pimpinan", "--unit", "dinkominfo-purbalingga", "--db", db],
        "pendek\n",
    );
    assert!(!weak.status.success());
    assert!(text(&weak.stderr).contains("at least 10 characters"), "{}", text(&weak.stderr));
    // A password is not an argument the command takes.
    let argument =
        skm(&["user", "add", "--username", "kadis", "--role", "pimpinan", "--password", "x", "--db", db], "");
    assert!(!argument.status.success());
    let made = ok(&skm(
        &["user", "add", "--username", "kadis", "--role", "pimpinan", "--unit", "dinkominfo-purbalingga", "--db", db],
        "kopi-tubruk-2026\n",
    ));
    assert!(made.contains("kadis  pimpinan  dinkominfo-purbalingga"), "{made}");
    let unknown_unit = skm(
        &["user", "add", "--username", "operator", "--role", "operator", "--unit", "tidak-ada", "--db", db],
        "kopi-tubruk-2026\n",
    );
    assert!(text(&unknown_unit.stderr).contains("no unit 'tidak-ada'"), "{}", text(&unknown_unit.stderr));
    let listed = ok(&skm(&["user", "list", "--db", db], ""));
    assert_eq!(listed.trim(), "kadis\tpimpinan\tdinkominfo-purbalingga\taktif/active");
    ok(&skm(&["user", "reset", "kadis", "--db", db], "teh-manis-hangat\n"));
    ok(&skm(&["user", "disable", "kadis", "--db", db], ""));
    assert!(ok(&skm(&["user", "list", "--db", db], "")).contains("nonaktif/disabled"));

    // A token: printed once, alone on the last line; the database keeps only its hash.
    let out = ok(&skm(
        &["token", "add", "--unit", "dinkominfo-purbalingga", "--permission", "read", "--note", "cadangan", "--db", db],
        "",
    ));
    let token = out.lines().last().unwrap().to_owned();
    assert!(token.starts_with("skm_") && token.len() == 68, "{out}");
    let raw = std::fs::read(dir.path().join("skm.db")).unwrap();
    let wal = std::fs::read(dir.path().join("skm.db-wal")).unwrap_or_default();
    assert!(!text(&raw).contains(&token) && !text(&wal).contains(&token), "the secret itself is stored");
    let listed = ok(&skm(&["token", "list", "--db", db], ""));
    assert!(listed.contains(&token[..12]) && listed.contains("read") && listed.contains("aktif/active"), "{listed}");
    ok(&skm(&["token", "revoke", &token, "--db", db], ""));
    assert!(ok(&skm(&["token", "list", "--db", db], "")).contains("dicabut/revoked"));
    let again = skm(&["token", "revoke", &token[..12], "--db", db], "");
    assert!(!again.status.success(), "revoked twice");

    // Every act in the audit log, as CSV and JSON.
    let csv = ok(&skm(&["audit", "--format", "csv", "--db", db], ""));
    assert!(csv.starts_with("seq,at,actor,address,action,target,outcome,old,new\n"), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&skm(&["audit", "--format", "json", "--db", db], ""))).unwrap();
    let actions: Vec<&str> = json.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["unit.add", "user.add", "user.reset", "user.disable", "token.add", "token.revoke"]);
    assert!(!csv.contains("kopi-tubruk") && !csv.contains("teh-manis"), "no password in the log");
}
