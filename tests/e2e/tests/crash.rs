//! A power cut during a rush: `skm serve` is killed with SIGKILL while eight clients submit as
//! fast as they can; after a restart on the same database every response the server
//! acknowledged (201, or 200 for a resend) must be there, and the server must serve again. On
//! SQLite and on PostgreSQL.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use skm_e2e::load::{body, uuid, Load};
use skm_e2e::Server;

const KIOSK_KEY: &str = "crash-test-kiosk";
const CLIENTS: usize = 8;
/// Acknowledged responses to wait for before the kill.
const ACKS_BEFORE_KILL: u64 = 600;

#[test]
fn every_acknowledged_response_survives_sigkill() {
    let dir = tempfile::tempdir().expect("temporary folder");
    crash_and_restart(&dir.path().join("skm.db"));
}

/// The same on PostgreSQL: the server's connection dies with it, the transaction it had open
/// is rolled back, and every commit it acknowledged stays.
#[test]
fn every_acknowledged_response_survives_sigkill_on_postgres() {
    let url = skm_e2e::postgres_database("skm_crash").expect("a PostgreSQL database for the test");
    crash_and_restart(Path::new(&url));
}

fn crash_and_restart(db: &Path) {
    let args = ["--no-demo", "--kiosk-key", KIOSK_KEY];
    skm_e2e::add_unit(db, "data/units/dinkominfo-purbalingga.toml", &["data/standards/publikasi-media-sosial.toml"])
        .expect("the unit is added");
    let mut server = Server::start(db, &args).expect("skm serve starts");
    let load = Load::start(&server.base, KIOSK_KEY, CLIENTS);
    load.wait_for(ACKS_BEFORE_KILL, Duration::from_secs(120)).expect("the server takes submissions");
    // Kill while the clients are still sending: some requests are mid-flight.
    server.kill();
    let acked = load.stop();
    assert!(acked.len() as u64 >= ACKS_BEFORE_KILL);

    let server = Server::start(db, &args).expect("skm serve restarts on the killed database");
    let csv = server.responses_csv().expect("the export answers after the restart");
    let stored: HashSet<&str> = csv.lines().skip(1).filter_map(|line| line.split(',').next()).collect();
    let lost: Vec<&String> = acked.iter().filter(|id| !stored.contains(id.as_str())).collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged responses lost after SIGKILL: {:?}",
        lost.len(),
        acked.len(),
        &lost[..lost.len().min(5)]
    );
    eprintln!("{} acknowledged, {} stored after the SIGKILL and restart, none lost", acked.len(), stored.len());

    // And the restarted server takes new submissions.
    let res = ureq::post(&format!("{}/api/v1/responses", server.base))
        .header("Content-Type", "application/json")
        .header("X-SKM-Kiosk-Key", KIOSK_KEY)
        .send(body(&uuid(999, 1), 1))
        .expect("a submission after the restart");
    assert_eq!(res.status(), 201);
}
