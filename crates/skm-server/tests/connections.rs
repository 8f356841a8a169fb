//! Connections as the server's listener sees them: one that never sends a request, one idle
//! after a request, and a body that trickles in, are all ended after the read timeout.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use skm_server::{AdminToken, AppState, RateLimit, SubmitLimiter};

const TIMEOUT: Duration = Duration::from_millis(800);

/// A server on a free port with a short read timeout, running until the test ends.
fn start() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() else {
            return;
        };
        let mut state = AppState::new(
            support::demo_store(),
            AdminToken::from_secret("rahasia"),
            SubmitLimiter::new(RateLimit { per_minute: 60, burst: 60 }, []),
            std::path::Path::new("/nonexistent"),
        )
        .unwrap();
        state.read_timeout = TIMEOUT;
        let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let _ = runtime.block_on(skm_server::serve(state, addr, |bound| {
            let _ = tx.send(bound);
        }));
    });
    rx.recv_timeout(Duration::from_secs(30)).expect("the server starts")
}

/// Reads until the server closes the connection; how long that took, and what it sent.
fn until_closed(stream: &mut TcpStream) -> (Duration, String) {
    let start = Instant::now();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server kept the connection open: {e} after {:?}", start.elapsed()),
        }
    }
    (start.elapsed(), String::from_utf8_lossy(&received).into_owned())
}

#[test]
fn a_connection_that_sends_nothing_is_closed() {
    let addr = start();
    let mut half_open = TcpStream::connect(addr).unwrap();
    let (waited, _) = until_closed(&mut half_open);
    assert!(waited >= TIMEOUT / 2 && waited < TIMEOUT * 4, "closed after {waited:?}");
}

#[test]
fn an_idle_connection_is_closed_after_its_request() {
    let addr = start();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (waited, sent) = until_closed(&mut stream);
    assert!(sent.starts_with("HTTP/1.1 200"), "{sent}");
    assert!(waited < TIMEOUT * 4, "closed after {waited:?}");
}

#[test]
fn headers_sent_a_byte_at_a_time_are_cut_off() {
    let addr = start();
    let mut stream = TcpStream::connect(addr).unwrap();
    let start = Instant::now();
    let request =
        b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    for byte in request {
        if stream.write_all(&[*byte]).is_err() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        if start.elapsed() > TIMEOUT * 4 {
            break;
        }
    }
    let (_, sent) = until_closed(&mut stream);
    assert!(start.elapsed() < TIMEOUT * 6, "took {:?}", start.elapsed());
    assert!(!sent.contains("200 OK"), "the slow request was not served: {sent}");
}

#[test]
fn a_body_that_trickles_in_gets_408_in_json() {
    let addr = start();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .write_all(b"POST /api/v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"service\"")
        .unwrap();
    let (waited, sent) = until_closed(&mut stream);
    assert!(sent.starts_with("HTTP/1.1 408"), "{sent}");
    assert!(sent.contains("\"error\":\"timeout\"") && sent.contains("message_id"), "{sent}");
    assert!(waited < TIMEOUT * 4, "after {waited:?}");
}
