//! `deploy/nginx.conf` as shipped, run by a real nginx (Debian's) in front of `skm serve
//! --trusted-proxy 127.0.0.1`: http is sent to https, every answer carries HSTS and nginx's
//! request ID (the same ID nginx logs), and the citizen's address is the one the proxy saw, so a
//! forged `X-Forwarded-For` cannot dodge the rate limit.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use skm_e2e::load::{body, uuid};
use skm_e2e::{free_port, repo_root, wait_for_port, Server};

/// nginx in the foreground, stopped with the test.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// deploy/nginx.conf with this machine's ports, a self-signed certificate and loopback only,
/// inside the few lines of a whole nginx.conf that run it as this user, in `dir`.
fn nginx_conf(dir: &Path, http: u16, https: u16, skm: u16) -> String {
    let shipped = std::fs::read_to_string(repo_root().join("deploy/nginx.conf")).unwrap();
    let mut servers = String::new();
    for line in shipped.lines() {
        let line = match line.trim() {
            "listen [::]:80;" | "listen [::]:443 ssl http2;" => continue,
            "listen 80;" => format!("    listen 127.0.0.1:{http};"),
            "listen 443 ssl http2;" => format!("    listen 127.0.0.1:{https} ssl http2;"),
            "proxy_pass http://127.0.0.1:8080;" => format!("        proxy_pass http://127.0.0.1:{skm};"),
            t if t.starts_with("ssl_certificate ") => format!("    ssl_certificate {}/cert.pem;", dir.display()),
            t if t.starts_with("ssl_certificate_key ") => format!("    ssl_certificate_key {}/key.pem;", dir.display()),
            _ => line.to_owned(),
        };
        servers.push_str(&line);
        servers.push('\n');
    }
    let d = dir.display();
    format!(
        "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\nhttp {{\n\
         log_format ids '$request_id';\naccess_log {d}/access.log ids;\nclient_body_temp_path {d}/body;\n\
         proxy_temp_path {d}/proxy;\nfastcgi_temp_path {d}/fastcgi;\nuwsgi_temp_path {d}/uwsgi;\n\
         scgi_temp_path {d}/scgi;\n{servers}}}\n"
    )
}

/// `curl` from `from` (a loopback address) with `args`; the headers and body it printed.
fn curl(from: &str, args: &[&str]) -> String {
    let out = Command::new("curl")
        .args(["-sk", "-D", "-", "--max-time", "20", "--interface", from])
        .args(args)
        .output()
        .expect("curl runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    answer.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

fn status(answer: &str) -> u16 {
    answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[test]
fn the_nginx_example_gives_https_hsts_request_ids_and_the_real_client() {
    let dir = tempfile::tempdir().unwrap();
    let made = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"])
        .args(["-subj", "/CN=skm.example.go.id", "-keyout"])
        .arg(dir.path().join("key.pem"))
        .arg("-out")
        .arg(dir.path().join("cert.pem"))
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(made.success(), "a self-signed certificate");

    let db = dir.path().join("skm.db");
    skm_e2e::add_unit(&db, "data/units/dinkominfo-purbalingga.toml", &["data/standards/publikasi-media-sosial.toml"])
        .unwrap();
    // One well-formed submission a minute per client, a burst of two.
    let server =
        Server::start(&db, &["--no-demo", "--trusted-proxy", "127.0.0.1", "--secure-cookies", "--rate-limit", "1"])
            .unwrap();
    let skm_port: u16 = server.base.rsplit(':').next().unwrap().parse().unwrap();

    let (http, https) = (free_port(), free_port());
    let conf = dir.path().join("nginx.conf");
    std::fs::write(&conf, nginx_conf(dir.path(), http, https, skm_port)).unwrap();
    let check = Command::new("nginx").arg("-t").arg("-c").arg(&conf).output().expect("nginx is installed (setup.sh)");
    assert!(check.status.success(), "nginx -t: {}", String::from_utf8_lossy(&check.stderr));
    let mut nginx = Nginx(Command::new("nginx").arg("-c").arg(&conf).stderr(Stdio::null()).spawn().unwrap());
    wait_for_port(https, "nginx", &mut nginx.0).unwrap();

    let plain = curl("127.0.0.2", &[&format!("http://127.0.0.1:{http}/api/v1/health")]);
    assert_eq!(status(&plain), 301, "{plain}");
    assert!(header(&plain, "location").is_some_and(|l| l.starts_with("https://")), "{plain}");

    let health = curl("127.0.0.2", &[&format!("https://127.0.0.1:{https}/api/v1/health")]);
    assert_eq!(status(&health), 200, "{health}");
    assert_eq!(header(&health, "strict-transport-security"), Some("max-age=31536000; includeSubDomains"));
    let id = header(&health, "x-request-id").expect("a request ID").to_owned();
    let logged = std::fs::read_to_string(dir.path().join("access.log")).unwrap();
    assert!(logged.lines().any(|l| l == id), "skm answered with nginx's ID {id}; nginx logged {logged}");

    // Each submission forges another address; the server still sees 127.0.0.2, the address
    // nginx saw, and its third within the minute is refused.
    let url = format!("https://127.0.0.1:{https}/api/v1/responses");
    let submit = |from: &str, n: u64, forged: &str| {
        let forwarded = format!("X-Forwarded-For: {forged}");
        let json = body(&uuid(7, n), n);
        let args = ["-H", "content-type: application/json", "-H", &forwarded, "--data-binary", &json, &url];
        status(&curl(from, &args))
    };
    assert_eq!(submit("127.0.0.2", 1, "203.0.113.1"), 201);
    assert_eq!(submit("127.0.0.2", 2, "203.0.113.2"), 201);
    assert_eq!(submit("127.0.0.2", 3, "203.0.113.3"), 429, "a forged header does not reset the budget");
    assert_eq!(submit("127.0.0.3", 4, "203.0.113.3"), 201, "another citizen has a budget of their own");
}
