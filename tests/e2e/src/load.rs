//! Submissions sent as fast as a few clients can, for the tests that need a server under load
//! (a SIGKILL, a backup): every response the server acknowledges (201, or 200 for a resend) is
//! recorded, in the order the acknowledgements came.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A submission of client `client_id`, its answers varied by `n`.
pub fn body(client_id: &str, n: u64) -> String {
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
pub fn uuid(c: usize, n: u64) -> String {
    format!("00000000-0000-4000-8{c:03x}-{n:012x}")
}

/// Clients submitting to a server until stopped, or until it stops answering.
pub struct Load {
    acked: Arc<Mutex<Vec<String>>>,
    count: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    clients: Vec<JoinHandle<()>>,
}

impl Load {
    /// `clients` clients submitting to the server at `base` as a kiosk with `kiosk_key` (no
    /// rate limit). A client stops after a few failed connections (the server is gone); a
    /// refusal panics it, since a well-formed submission must be taken.
    pub fn start(base: &str, kiosk_key: &str, clients: usize) -> Load {
        let url = format!("{base}/api/v1/responses");
        let acked = Arc::new(Mutex::new(Vec::new()));
        let count = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let clients = (0..clients)
            .map(|c| {
                let (url, key) = (url.clone(), kiosk_key.to_owned());
                let (acked, count, stop) = (acked.clone(), count.clone(), stop.clone());
                std::thread::spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .timeout_global(Some(Duration::from_secs(5)))
                        .build()
                        .into();
                    let mut failed = 0;
                    for n in 0.. {
                        if stop.load(Ordering::Relaxed) || failed > 3 {
                            break;
                        }
                        let id = uuid(c, n);
                        let sent = agent
                            .post(&url)
                            .header("Content-Type", "application/json")
                            .header("X-SKM-Kiosk-Key", &key)
                            .send(body(&id, n));
                        match sent {
                            Ok(res) if res.status() == 201 || res.status() == 200 => {
                                acked.lock().expect("ack list").push(id);
                                count.fetch_add(1, Ordering::Relaxed);
                            }
                            Ok(res) => panic!("submission {id} refused with {}", res.status()),
                            // Refused or cut connections: the server is gone. Not acknowledged.
                            Err(_) => failed += 1,
                        }
                    }
                })
            })
            .collect();
        Load { acked, count, stop, clients }
    }

    /// Waits until `n` submissions are acknowledged; an error after `within`.
    pub fn wait_for(&self, n: u64, within: Duration) -> Result<(), String> {
        let deadline = Instant::now() + within;
        while self.count.load(Ordering::Relaxed) < n {
            if Instant::now() > deadline {
                return Err(format!("only {} acknowledgements in {within:?}", self.count.load(Ordering::Relaxed)));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }

    /// The IDs acknowledged so far.
    pub fn acknowledged(&self) -> Vec<String> {
        self.acked.lock().expect("ack list").clone()
    }

    /// Stops the clients; gives every ID acknowledged.
    pub fn stop(mut self) -> Vec<String> {
        self.stop.store(true, Ordering::Relaxed);
        for client in std::mem::take(&mut self.clients) {
            client.join().expect("a client thread panicked");
        }
        self.acknowledged()
    }
}
