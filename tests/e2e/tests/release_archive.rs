//! The release archive (`scripts/dist.sh`; the test command makes it with `--dev`) unpacked into
//! an empty folder: `skm --version` names the commit and the app built in, and `skm serve` run
//! there, with nothing else beside it, serves the survey to headless Chromium and the dashboard.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use fantoccini::Locator;
use skm_e2e::{repo_root, Harness};

/// The newest archive in target/dist/ (or `$SKM_ARCHIVE`).
fn archive() -> PathBuf {
    if let Some(path) = std::env::var_os("SKM_ARCHIVE") {
        return PathBuf::from(path);
    }
    let dir = repo_root().join("target/dist");
    let found = std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok).filter(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        name.starts_with("skm-") && name.ends_with("-linux.tar.gz")
    });
    let newest = found.max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok());
    match newest {
        Some(entry) => entry.path(),
        None => panic!(
            "no release archive in {}: run `bash scripts/dist.sh --dev` first (scripts/test.sh does)",
            dir.display()
        ),
    }
}

fn unpacked(archive: &Path, into: &Path) -> PathBuf {
    let status = Command::new("tar").arg("-xzf").arg(archive).arg("-C").arg(into).status().unwrap();
    assert!(status.success(), "tar -xzf {}", archive.display());
    let entries: Vec<_> = std::fs::read_dir(into).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(entries.len(), 1, "one folder in the archive: {entries:?}");
    entries.into_iter().next().unwrap()
}

#[tokio::test]
async fn the_release_archive_serves_the_survey_from_an_empty_folder() {
    let empty = tempfile::tempdir().unwrap();
    let folder = unpacked(&archive(), empty.path());
    let mut names: Vec<String> =
        walk(&folder).iter().map(|p| p.strip_prefix(&folder).unwrap().display().to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "README.md",
            "deploy/Caddyfile",
            "deploy/Dockerfile",
            "deploy/compose.yaml",
            "deploy/nginx.conf",
            "deploy/skm.service",
            "deploy/skm.toml",
            "docs/configuration.md",
            "docs/deploy.md",
            "skm"
        ]
    );

    let binary = folder.join("skm");
    let version = Command::new(&binary).arg("--version").output().unwrap();
    let version = String::from_utf8(version.stdout).unwrap();
    assert!(version.starts_with("skm "), "{version}");
    assert!(version.contains("web app built in"), "{version}");
    // The commit is named when the archive was built from a git checkout, as this one was when
    // the repository has git (and is at the same commit, as in the test command).
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).current_dir(repo_root()).output();
    if let Some(head) = head.ok().filter(|o| o.status.success()) {
        let head = String::from_utf8(head.stdout).unwrap();
        assert!(version.contains(head.trim()), "{version} names commit {head}");
    }

    let h = Harness::start_installed(&binary, &folder).await.unwrap();
    let c = &h.client;
    c.goto(&format!("{}/survei/dinkominfo-purbalingga/publikasi-media-sosial", h.base)).await.unwrap();
    let name = c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css("#service-name")).await.unwrap();
    assert!(!name.text().await.unwrap().trim().is_empty(), "the survey names its service");
    for page in ["/dasbor", "/admin", "/api/v1/assets/worker"] {
        let got = ureq::get(&format!("{}{page}", h.base)).call().unwrap();
        assert_eq!(got.status(), 200, "{page}");
    }
    assert!(folder.join("data/skm.db").is_file(), "the database is made in the folder it runs in");
    drop(h);
    serves_with_the_example_config(&binary, &folder);
}

/// `skm serve --config deploy/skm.toml` from the archive starts, with the database and backup
/// folder moved by environment variables (they win over the file): the backup made at start is
/// there, and the log is JSON.
fn serves_with_the_example_config(binary: &Path, folder: &Path) {
    use std::io::{BufRead, BufReader};
    let state = tempfile::tempdir().unwrap();
    let mut child = Command::new(binary)
        .args(["serve", "--config", "deploy/skm.toml", "--addr", "127.0.0.1:0"])
        .current_dir(folder)
        .env("SKM_DB", state.path().join("skm.db"))
        .env("SKM_BACKUP_DIR", state.path().join("backups"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = Vec::new();
    for line in BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok) {
        let ready = line.starts_with("SKM siap / ready:");
        said.push(line);
        if ready {
            break;
        }
    }
    // The first backup is made beside serving: wait for it.
    let made = |dir: &Path| -> Vec<String> {
        let names = std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok);
        names.map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.ends_with(".db")).collect()
    };
    let backups = state.path().join("backups");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while made(&backups).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(said.last().is_some_and(|l| l.starts_with("SKM siap")), "{said:#?}");
    assert!(said.iter().any(|l| l.starts_with("{\"timestamp\"")), "JSON log lines: {said:#?}");
    assert_eq!(made(&backups).len(), 1, "the backup made at start: {said:#?}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
