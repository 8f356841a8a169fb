//! A pemda's two `skm serve` behind one load balancer, on one PostgreSQL: submissions to either
//! are one set of responses, a response sent to both is stored once, a session made on one
//! works on the other, and a service retired through one leaves the survey of the other.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use skm_e2e::load::{body, uuid, Load};
use skm_e2e::{skm_binary, Server, ADMIN_TOKEN};

const KIOSK_KEY: &str = "dua-server";
const UNIT: &str = "dinkominfo-purbalingga";

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn submit(base: &str, text: String) -> u16 {
    agent()
        .post(&format!("{base}/api/v1/responses"))
        .header("Content-Type", "application/json")
        .header("X-SKM-Kiosk-Key", KIOSK_KEY)
        .send(text)
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

/// The IDs in a server's export.
fn exported(server: &Server) -> Vec<String> {
    let csv = server.responses_csv().expect("the export");
    csv.lines().skip(1).filter_map(|line| line.split(',').next()).map(str::to_owned).collect()
}

#[test]
fn two_servers_on_one_postgres_are_one_service() {
    let url = skm_e2e::postgres_database("skm_two_servers").expect("a PostgreSQL database for the test");
    let db = Path::new(&url);
    skm_e2e::add_unit(
        db,
        "data/units/dinkominfo-purbalingga.toml",
        &["data/standards/publikasi-media-sosial.toml", "data/standards/internet-jaringan.toml"],
    )
    .expect("the unit is added");
    let mut add_user = Command::new(skm_binary().expect("skm"))
        .args(["user", "add", "--username", "admin.pemda", "--role", "admin_pemda", "--db", &url])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("skm user add");
    add_user.stdin.take().expect("stdin").write_all(b"kata-sandi-yang-panjang-2026\n").expect("the password");
    assert!(add_user.wait_with_output().expect("skm user add").status.success());

    let args = ["--no-demo", "--kiosk-key", KIOSK_KEY];
    let a = Server::start(db, &args).expect("the first server starts");
    let b = Server::start(db, &args).expect("the second server starts on the same database");

    // Load on both at once: every acknowledged response, from either, is in both exports. The two
    // loads send the same responses (client i's n-th is the same on both), so each is also sent
    // to both servers at about the same moment: stored once, a replay for the later one.
    let (load_a, load_b) = (Load::start(&a.base, KIOSK_KEY, 3), Load::start(&b.base, KIOSK_KEY, 3));
    load_a.wait_for(300, Duration::from_secs(120)).expect("the first server takes submissions");
    load_b.wait_for(300, Duration::from_secs(120)).expect("the second server takes submissions");
    let mut acked = load_a.stop();
    let from_b = load_b.stop();
    let overlap = from_b.iter().filter(|id| acked.contains(id)).count();
    acked.extend(from_b);
    let (in_a, in_b) = (exported(&a), exported(&b));
    assert_eq!(in_a, in_b, "both servers export the same responses, in the same order");
    let stored: HashSet<&String> = in_a.iter().collect();
    assert_eq!(stored.len(), in_a.len(), "no response is stored twice");
    assert!(acked.iter().all(|id| stored.contains(id)), "every acknowledged response is stored");
    eprintln!("{} acknowledged by two servers ({overlap} by both), {} stored", acked.len(), in_a.len());

    // The same response sent to both at the same moment: one stores it, the other answers
    // that it was stored; a different response with the same ID is a conflict on either.
    for n in 0..20 {
        let id = uuid(900, n);
        let (base_a, base_b) = (a.base.clone(), b.base.clone());
        let (text_a, text_b) = (body(&id, n), body(&id, n));
        let first = std::thread::spawn(move || submit(&base_a, text_a));
        let second = submit(&base_b, text_b);
        let mut statuses = [first.join().expect("a sender"), second];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 201], "response {id} sent to both servers");
        assert_eq!(submit(&b.base, body(&id, n + 1)), 409, "another response with the ID of {id}");
        assert_eq!(submit(&a.base, body(&id, n + 1)), 409, "another response with the ID of {id}");
    }

    // A session made on the first server is good on the second, and so is its CSRF token.
    let signed_in = agent()
        .post(&format!("{}/api/v1/session", a.base))
        .header("Content-Type", "application/json")
        .send(r#"{"username":"admin.pemda","password":"kata-sandi-yang-panjang-2026"}"#)
        .expect("sign in");
    assert_eq!(signed_in.status(), 200);
    let cookie = signed_in
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let mut session =
        agent().get(&format!("{}/api/v1/session", b.base)).header("Cookie", &cookie).call().expect("session");
    assert_eq!(session.status(), 200, "the second server knows the first one's session");
    let info: serde_json::Value =
        serde_json::from_str(&session.body_mut().read_to_string().expect("body")).expect("json");
    assert_eq!(info["username"], "admin.pemda");
    let csrf = info["csrf"].as_str().expect("csrf").to_owned();

    // A service retired through the second server leaves the first one's survey (within the
    // few seconds its copy of the units is kept).
    let offered = |base: &str| {
        let mut listed = agent().get(&format!("{base}/api/v1/services")).call().expect("services");
        listed.body_mut().read_to_string().expect("body").contains("internet-jaringan")
    };
    assert!(offered(&a.base), "the first server offers the service before");
    let retired = agent()
        .post(&format!("{}/api/v1/units/{UNIT}/services/internet-jaringan/retire", b.base))
        .header("Cookie", &cookie)
        .header("X-CSRF-Token", &csrf)
        .header("Content-Type", "application/json")
        .send("{}")
        .expect("retire a service");
    assert!(matches!(retired.status().as_u16(), 200 | 201), "retiring through the second server: {}", retired.status());
    let deadline = Instant::now() + Duration::from_secs(15);
    while offered(&a.base) {
        assert!(Instant::now() < deadline, "the first server still offers the service retired through the second");
        std::thread::sleep(Duration::from_millis(250));
    }
    let other = body(&uuid(901, 0), 0).replace("publikasi-media-sosial", "internet-jaringan");
    assert_eq!(submit(&a.base, other), 422, "the first server refuses the retired service");

    // Both report the same database, healthy.
    for server in [&a, &b] {
        let health = agent().get(&format!("{}/api/v1/health", server.base)).call().expect("health");
        assert_eq!(health.status(), 200);
        let metrics = agent()
            .get(&format!("{}/metrics", server.base))
            .header("Authorization", &format!("Bearer {ADMIN_TOKEN}"))
            .call()
            .expect("metrics");
        assert_eq!(metrics.status(), 200);
    }
}
