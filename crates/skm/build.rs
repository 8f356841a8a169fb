//! What the build puts into `skm`: the commit `skm --version` names (`SKM_COMMIT` when set, as
//! for a build from a source archive without git, else the checkout's, else "unknown"), and the
//! web app when `SKM_EMBED_DIST` names the folder Trunk built it into (`scripts/dist.sh`):
//! `$OUT_DIR/web_app.rs` lists each of its files with its bytes, empty without the variable.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SKM_COMMIT");
    println!("cargo:rerun-if-env-changed=SKM_EMBED_DIST");
    let commit = std::env::var("SKM_COMMIT").ok().filter(|c| !c.trim().is_empty()).or_else(git_commit);
    println!("cargo:rustc-env=SKM_COMMIT={}", commit.as_deref().unwrap_or("unknown").trim());
    let files = match std::env::var_os("SKM_EMBED_DIST").filter(|d| !d.is_empty()) {
        Some(dir) => app_files(Path::new(&dir)),
        None => Vec::new(),
    };
    let web = if files.is_empty() { "web app not built in" } else { "web app built in" };
    println!("cargo:rustc-env=SKM_WEB_APP={web}");
    let mut code = String::from("&[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(code, "    ({name:?}, include_bytes!({:?})),", path.display().to_string());
    }
    code.push(']');
    let Some(out) = std::env::var_os("OUT_DIR").map(|d| PathBuf::from(d).join("web_app.rs")) else {
        panic!("cargo sets OUT_DIR for a build script");
    };
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}

/// The checked-out commit's short hash and date, watched so that a new commit is named.
fn git_commit() -> Option<String> {
    let git = |args: &[&str]| {
        let out = Command::new("git").args(args).output().ok().filter(|o| o.status.success())?;
        String::from_utf8(out.stdout).ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
    };
    let hash = git(&["rev-parse", "--short=12", "HEAD"])?;
    let date = git(&["log", "-1", "--format=%cs", "HEAD"]);
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]).map(PathBuf::from) {
        let mut watched = vec![dir.join("HEAD"), dir.join("packed-refs")];
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watched.push(dir.join(branch));
        }
        // A path that does not exist would make the script run on every build.
        for path in watched.iter().filter(|p| p.exists()) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    Some(match date {
        Some(date) => format!("{hash}, {date}"),
        None => hash,
    })
}

/// The files of the built app in `dir` (Trunk writes them side by side), by name.
fn app_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let dir = match dir.canonicalize() {
        Ok(dir) => dir,
        Err(e) => panic!("SKM_EMBED_DIST={}: {e}; build the app first (trunk build --release)", dir.display()),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => panic!("SKM_EMBED_DIST={}: {e}", dir.display()),
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
        .collect();
    files.sort();
    if !files.iter().any(|(name, _)| name == "index.html") {
        panic!("SKM_EMBED_DIST={} has no index.html: build the app first (trunk build --release)", dir.display());
    }
    files
}
