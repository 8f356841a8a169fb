//! Backups of a database while it serves. `skm backup` runs while eight clients submit; `skm
//! restore` puts the copy into a fresh database; every response acknowledged before the backup
//! began is in it, and a server serves it. `skm serve --backup-dir` makes its own backups and
//! keeps the newest.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

use skm_e2e::load::Load;
use skm_e2e::{skm_binary, Server};

const KIOSK_KEY: &str = "backup-test-kiosk";

fn skm(args: &[&Path]) -> Output {
    Command::new(skm_binary().expect("the skm binary")).args(args).output().expect("skm runs")
}

fn new_database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("skm.db");
    skm_e2e::add_unit(&db, "data/units/dinkominfo-purbalingga.toml", &["data/standards/publikasi-media-sosial.toml"])
        .expect("the unit is added");
    db
}

fn stored_ids(db: &Path) -> HashSet<String> {
    let server = Server::start(db, &["--no-demo"]).expect("skm serve starts on the restored database");
    let csv = server.responses_csv().expect("the export answers");
    csv.lines().skip(1).filter_map(|line| line.split(',').next()).map(str::to_owned).collect()
}

#[test]
fn a_backup_under_load_restores_every_response_acknowledged_before_it_began() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = new_database(dir.path());
    let server = Server::start(&db, &["--no-demo", "--kiosk-key", KIOSK_KEY]).expect("skm serve starts");
    let load = Load::start(&server.base, KIOSK_KEY, 8);
    load.wait_for(300, Duration::from_secs(120)).expect("the server takes submissions");

    let before = load.acknowledged();
    let out = dir.path().join("backup.db");
    let made = skm(&[Path::new("backup"), Path::new("--db"), &db, Path::new("--out"), &out]);
    assert!(made.status.success(), "skm backup: {}", String::from_utf8_lossy(&made.stderr));
    let said = String::from_utf8_lossy(&made.stdout);
    assert!(said.contains("responses") && said.contains("schema version"), "{said}");
    // The clients went on while the backup ran, and after it.
    load.wait_for(before.len() as u64 + 100, Duration::from_secs(60)).expect("submissions go on");
    let all = load.stop();
    drop(server);

    let restored = dir.path().join("restored/skm.db");
    std::fs::create_dir(restored.parent().expect("a folder")).expect("the folder");
    let back = skm(&[Path::new("restore"), &out, Path::new("--db"), &restored]);
    assert!(back.status.success(), "skm restore: {}", String::from_utf8_lossy(&back.stderr));
    let again = skm(&[Path::new("restore"), &out, Path::new("--db"), &restored]);
    assert!(!again.status.success(), "a restore over a database needs --replace");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--replace"));

    let stored = stored_ids(&restored);
    let lost: Vec<&String> = before.iter().filter(|id| !stored.contains(*id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} responses acknowledged before the backup are missing: {:?}",
        lost.len(),
        before.len(),
        &lost[..lost.len().min(5)]
    );
    assert!(stored.len() <= all.len() + 8, "the copy holds no more than was sent");
    eprintln!(
        "{} acknowledged before the backup, {} in it, {} acknowledged in all",
        before.len(),
        stored.len(),
        all.len()
    );

    // A file that is no database, and a damaged one, are refused before anything is replaced.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "not a database").expect("a file");
    let refused = skm(&[Path::new("restore"), &junk, Path::new("--db"), &restored, Path::new("--replace")]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("bukan basis data skm / "),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(stored_ids(&restored), stored, "the restored database is untouched");
}

#[test]
fn the_server_backs_up_on_its_own_and_keeps_the_newest() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = new_database(dir.path());
    let backups = dir.path().join("cadangan");
    let backups_arg = backups.to_str().expect("a UTF-8 path");
    let args = [
        "--no-demo",
        "--kiosk-key",
        KIOSK_KEY,
        "--backup-dir",
        backups_arg,
        "--backup-every",
        "1s",
        "--backup-keep",
        "2",
    ];
    let server = Server::start(&db, &args).expect("skm serve starts");
    let load = Load::start(&server.base, KIOSK_KEY, 1);
    load.wait_for(20, Duration::from_secs(60)).expect("the server takes submissions");
    std::thread::sleep(Duration::from_millis(4_500));
    let acked = load.stop();
    drop(server);

    let mut names: Vec<String> = std::fs::read_dir(&backups)
        .expect("the folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "the two newest kept, the older removed: {names:?}");
    assert!(names.iter().all(|n| n.starts_with("skm-") && n.ends_with(".db")), "{names:?}");
    let newest = backups.join(&names[1]);
    let restored = dir.path().join("restored.db");
    let back = skm(&[Path::new("restore"), &newest, Path::new("--db"), &restored]);
    assert!(back.status.success(), "skm restore: {}", String::from_utf8_lossy(&back.stderr));
    assert!(!stored_ids(&restored).is_empty(), "the newest backup holds responses ({} acknowledged)", acked.len());
}
