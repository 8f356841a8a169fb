//! `skm serve --config skm.toml`: a file's settings, overridden by the environment, overridden
//! by flags; a wrong file refused with its name, key and what was expected; JSON logs whose
//! lines carry the request's ID.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// A port free a moment ago.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A running `skm serve`, the address it said it listens on, and its standard error by line.
struct Running {
    child: Child,
    addr: String,
    lines: Receiver<String>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Running {
    let mut command = Command::new(env!("CARGO_BIN_EXE_skm"));
    command.arg("serve").args(args).current_dir(dir).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    for name in ["SKM_ADDR", "SKM_DB", "SKM_RATE_LIMIT", "SKM_LOG_FORMAT", "SKM_CONFIG", "SKM_NO_DEMO", "RUST_LOG"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let (send, lines) = mpsc::channel();
    // Owned by `Running` from the start: killed and reaped however the test ends.
    let mut running = Running { child: command.spawn().unwrap(), addr: String::new(), lines };
    let stderr = running.child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let mut said = Vec::new();
    loop {
        let line =
            running.lines.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("not ready: {said:#?}"));
        if let Some(rest) = line.strip_prefix("SKM siap / ready: http://") {
            running.addr = rest.split('/').next().unwrap().to_owned();
            return running;
        }
        said.push(line);
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_owned()
}

#[test]
fn a_flag_beats_the_environment_which_beats_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (file_port, env_port, flag_port) = (free_port(), free_port(), free_port());
    let config = write(
        dir.path(),
        "skm.toml",
        &format!("addr = \"127.0.0.1:{file_port}\"\ndb = \"data/dari-berkas.db\"\nno_demo = true\nrate-limit = 30\n"),
    );
    let from_file = serve(dir.path(), &["--config", &config], &[]);
    assert_eq!(from_file.addr, format!("127.0.0.1:{file_port}"));
    assert!(dir.path().join("data/dari-berkas.db").exists(), "the file's database");
    drop(from_file);

    let env_addr = format!("127.0.0.1:{env_port}");
    let from_env = serve(dir.path(), &[], &[("SKM_CONFIG", &config), ("SKM_ADDR", &env_addr)]);
    assert_eq!(from_env.addr, env_addr, "the environment wins over the file (named by SKM_CONFIG)");
    drop(from_env);

    let flag_addr = format!("127.0.0.1:{flag_port}");
    let from_flag = serve(dir.path(), &["--config", &config, "--addr", &flag_addr], &[("SKM_ADDR", &env_addr)]);
    assert_eq!(from_flag.addr, flag_addr, "a flag wins over both");
}

#[test]
fn a_wrong_file_is_refused_with_its_name_key_and_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("rate-limit = \"banyak\"\n", "'rate-limit': invalid value 'banyak'"),
        ("warna = \"biru\"\n", "'warna': bukan pengaturan skm serve / not a setting of skm serve (known: addr, db,"),
        ("no-demo = \"mungkin\"\n", "'no-demo': true atau false / true or false"),
        ("addr = [\"127.0.0.1:1\", \"127.0.0.1:2\"]\n", "'addr': satu nilai, bukan daftar / one value, not a list"),
        ("reset-admin-token = true\n", "'reset-admin-token': hanya di baris perintah / only on the command line"),
        ("backup-every = \"sebentar\"\n", "'backup-every': invalid value 'sebentar'"),
        ("addr = [\n", "bukan TOML yang sah / not valid TOML"),
    ];
    for (text, wanted) in cases {
        let file = write(dir.path(), "salah.toml", text);
        let out = Command::new(env!("CARGO_BIN_EXE_skm"))
            .args(["serve", "--config", &file])
            .current_dir(dir.path())
            .env_remove("SKM_CONFIG")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {said}");
        assert!(said.contains(&format!("salah.toml: {wanted}")) || said.contains(wanted), "{text}: {said}");
        assert!(said.contains("salah.toml"), "{said}");
        assert!(!dir.path().join("data").exists(), "nothing started: {said}");
    }
    // A folder (or a FIFO, a device) is not read at all.
    let out = Command::new(env!("CARGO_BIN_EXE_skm")).args(["serve", "--config", "."]).current_dir(dir.path()).output();
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

#[test]
fn json_log_lines_carry_the_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "skm.toml", "addr = \"127.0.0.1:0\"\nno-demo = true\nlog-format = \"json\"\n");
    let running = serve(dir.path(), &["--config", &config], &[("RUST_LOG", "info,skm_server=debug")]);
    let mut stream = TcpStream::connect(&running.addr).unwrap();
    stream
        .write_all(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Request-Id: pemeriksa-42\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("x-request-id: pemeriksa-42"), "{answer}");
    let logged = loop {
        let line = running.lines.recv_timeout(Duration::from_secs(10)).expect("the request's log line");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        if v["span"]["request_id"] == "pemeriksa-42" {
            break v;
        }
    };
    assert_eq!(logged["fields"]["message"], "answered", "{logged}");
    assert_eq!(logged["fields"]["status"], 200);
    assert_eq!(logged["span"]["path"], "/api/v1/health");
    assert_eq!(logged["level"], "DEBUG");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut running = serve(dir.path(), &["--addr", "127.0.0.1:0", "--no-demo", "--db", "skm.db"], &[]);
    let pid = libc::pid_t::try_from(running.child.id()).unwrap();
    // SAFETY: kill(2) on the child this test started and has not reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let status = running.child.wait().unwrap();
    assert!(status.success(), "{status}");
    let said: Vec<String> = running.lines.iter().collect();
    assert!(said.iter().any(|l| l.contains("SIGTERM: stopping")), "{said:#?}");
}
