//! The files of `deploy/` agree with the program they deploy: systemd accepts the unit, the
//! Dockerfile and the compose file name the archive `scripts/dist.sh` makes of this version, and
//! the compose file trusts exactly the network Caddy is on.

use std::process::Command;

use skm_e2e::{repo_root, skm_binary};

fn read(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("deploy").join(name)).unwrap()
}

#[test]
fn systemd_accepts_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    // The unit with the binary where this build has it: verify checks that it is executable.
    let unit = read("skm.service").replace("/usr/local/bin/skm", skm_binary().unwrap().to_str().unwrap());
    let path = dir.path().join("skm.service");
    std::fs::write(&path, unit).unwrap();
    let out = Command::new("systemd-analyze").arg("verify").arg(&path).output().expect("systemd-analyze (setup.sh)");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "systemd-analyze verify: {said}");
}

#[test]
fn the_container_files_name_this_version_and_trust_only_their_network() {
    let archive = format!("target/dist/skm-{}-x86_64-linux.tar.gz", env!("CARGO_PKG_VERSION"));
    let dockerfile = read("Dockerfile");
    assert!(dockerfile.contains(&format!("ARG ARCHIVE={archive}")), "the Dockerfile's default archive is {archive}");
    let compose = read("compose.yaml");
    assert!(compose.contains(&format!("ARCHIVE: {archive}")), "compose.yaml builds {archive}");
    let subnet = compose.lines().find_map(|l| l.trim().strip_prefix("- subnet: ")).expect("a fixed subnet");
    assert!(compose.contains(&format!("SKM_TRUSTED_PROXIES: {subnet}")), "skm trusts the proxy's network {subnet}");
    assert!(!compose.contains("8080:8080"), "skm is reached through Caddy only");
    for (file, text) in [("Caddyfile", read("Caddyfile")), ("nginx.conf", read("nginx.conf"))] {
        assert!(text.contains("Strict-Transport-Security"), "{file} sends HSTS");
        assert!(text.contains("X-Request-Id"), "{file} passes a request ID");
    }
}
