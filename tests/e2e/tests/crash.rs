//! A power cut during a rush: `skm serve` is killed with SIGKILL while eight clients submit as
//! fast as they can; after a restart on the same database every response the server
//! acknowledged (201, or 200 for a resend) must be there, and the server must serve again.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use skm_e2e::Server;

const KIOSK_KEY: &str = "crash-test-kiosk";
const CLIENTS: usize = 8;
/// Acknowledged responses to wait for before the kill.
const ACKS_BEFORE_KILL: u64 = 600;

fn body(client_id: &str, n: u64) -> String {
    let score = |k: u64| 1 + (n + k) % 4;
    format!(
        r#"{{"client_id":"{client_id}","service":"publikasi-media-sosial","answers":{{"u1":{},"u2":{},"u3":{},"u4":{},"u5":{},"u6":{},"u7":{},"u8":{},"u9":{}}},"profile":{{"gender":"P","age":{},"education":"SMA","occupation":"Swasta"}}}}"#,
        score(1),
        score(2),
        score(3),
        score(4),
        score(5),
        score(6),
        score(7),
        score(8),
        score(9),
        18 + n % 60
    )
}

/// A UUID of client `c`'s `n`-th submission.
fn uuid(c: usize, n: u64) -> String {
    format!("00000000-0000-4000-8{c:03x}-{n:012x}")
}

#[test]
fn every_acknowledged_response_survives_sigkill() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("skm.db");
    let args = ["--no-demo", "--kiosk-key", KIOSK_KEY];
    skm_e2e::add_unit(&db, "data/units/dinkominfo-purbalingga.toml", &["data/standards/publikasi-media-sosial.toml"])
        .expect("the unit is added");
    let mut server = Server::start(&db, &args).expect("skm serve starts");
    let url = format!("{}/api/v1/responses", server.base);

    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let ack_count = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (url, acked, ack_count, stop) = (url.clone(), acked.clone(), ack_count.clone(), stop.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(5)))
                    .build()
                    .into();
                let mut errors_after_kill = 0;
                for n in 0.. {
                    if stop.load(Ordering::Relaxed) || errors_after_kill > 3 {
                        break;
                    }
                    let id = uuid(c, n);
                    let sent = agent
                        .post(&url)
                        .header("Content-Type", "application/json")
                        .header("X-SKM-Kiosk-Key", KIOSK_KEY)
                        .send(body(&id, n));
                    match sent {
                        Ok(res) if res.status() == 201 || res.status() == 200 => {
                            acked.lock().expect("ack list").push(id);
                            ack_count.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(res) => panic!("submission {id} refused with {}", res.status()),
                        // Refused or cut connections: the server is gone. Not acknowledged.
                        Err(_) => errors_after_kill += 1,
                    }
                }
            })
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(120);
    while ack_count.load(Ordering::Relaxed) < ACKS_BEFORE_KILL {
        assert!(Instant::now() < deadline, "only {} acknowledgements in 120 s", ack_count.load(Ordering::Relaxed));
        std::thread::sleep(Duration::from_millis(5));
    }
    // Kill while the clients are still sending: some requests are mid-flight.
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().expect("a client thread panicked");
    }
    let acked = acked.lock().expect("ack list").clone();
    assert!(acked.len() as u64 >= ACKS_BEFORE_KILL);

    let server = Server::start(&db, &args).expect("skm serve restarts on the killed database");
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
