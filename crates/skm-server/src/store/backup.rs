//! Backups of the database while it serves, and restoring one. SQLite's online backup copies the
//! database in one step, which is one read transaction: the copy is the database at one moment,
//! and in WAL mode the server's writers are not held up. The copy goes into a temporary file
//! beside the target, is checked with `integrity_check`, and only then takes the target's name,
//! so a backup file is never partial.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::migrate;
use super::StoreError;

/// What a checked copy of the database holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copied {
    /// The copy's size in bytes.
    pub bytes: u64,
    /// The responses in it.
    pub responses: u64,
    /// Its schema version (`PRAGMA user_version`).
    pub version: u32,
}

/// How long a backup waits for the database to let it read (the server commits in
/// milliseconds; a longer wait means something else holds it).
const PATIENCE: Duration = Duration::from_secs(60);

/// Refuses a PostgreSQL URL: backups and restores here are of SQLite files (PostgreSQL has
/// `pg_dump` and `pg_restore`).
pub fn file_only(db: &Path) -> Result<(), StoreError> {
    match super::postgres_url(db) {
        Some(_) => Err(StoreError::NotAFile(super::shown(db))),
        None => Ok(()),
    }
}

/// Copies the database at `db` into `out` while a server may be writing to it.
pub fn backup(db: &Path, out: &Path) -> Result<Copied, StoreError> {
    file_only(db)?;
    if !db.is_file() {
        return Err(StoreError::NoDatabase(db.to_owned()));
    }
    let source = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(PATIENCE)?;
    copy_into(&source, out)
}

/// Restores the backup `from` as the database `db`, after checking it. An existing `db` is
/// refused unless `replace`; then it is kept beside as `<db>.before-restore-<time>` (with its
/// WAL files), once the restored copy is whole and checked. The server must be stopped while
/// this runs.
pub fn restore(from: &Path, db: &Path, replace: bool) -> Result<Copied, StoreError> {
    file_only(db)?;
    check(from)?;
    let replacing = db.exists();
    if replacing && !replace {
        return Err(StoreError::DatabaseExists(db.to_owned()));
    }
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let (part, copied) = copy_beside(&source, db)?;
    if replacing {
        let stamp = stamp(jiff::Timestamp::now());
        for suffix in ["", "-wal", "-shm"] {
            let file = with_suffix(db, suffix);
            if !file.exists() {
                continue;
            }
            if let Err(source) = std::fs::rename(&file, with_suffix(db, &format!(".before-restore-{stamp}{suffix}"))) {
                let _ = std::fs::remove_file(&part);
                return Err(StoreError::Io { file, source });
            }
        }
    }
    put_in_place(&part, db)?;
    Ok(copied)
}

/// Removes all but the `keep` newest backups named `skm-*.db` in `dir`; gives the files removed.
pub fn prune(dir: &Path, keep: usize) -> Result<Vec<PathBuf>, StoreError> {
    let io = |e| StoreError::Io { file: dir.to_owned(), source: e };
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.starts_with("skm-") && name.ends_with(".db")
        })
        .collect();
    // The names hold the time they were made, so their order is their age.
    found.sort();
    let old = found.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = found.into_iter().take(old).collect();
    for file in &removed {
        std::fs::remove_file(file).map_err(|e| StoreError::Io { file: file.clone(), source: e })?;
    }
    Ok(removed)
}

/// The file name of a backup made at `now` in a backup folder.
pub fn backup_name(now: jiff::Timestamp) -> String {
    format!("skm-{}.db", stamp(now))
}

/// A moment as it goes into file names: `20261203-020000` (UTC).
fn stamp(now: jiff::Timestamp) -> String {
    now.strftime("%Y%m%d-%H%M%S").to_string()
}

/// `source` copied in one step into a temporary file beside `out`, checked, then renamed to `out`.
fn copy_into(source: &Connection, out: &Path) -> Result<Copied, StoreError> {
    let (part, copied) = copy_beside(source, out)?;
    put_in_place(&part, out)?;
    Ok(copied)
}

/// `source` copied in one step into a temporary file beside `out` and checked: the file and
/// what it holds (nothing is left behind when this fails).
fn copy_beside(source: &Connection, out: &Path) -> Result<(PathBuf, Copied), StoreError> {
    let part = with_suffix(out, &format!(".part-{}", std::process::id()));
    let _ = std::fs::remove_file(&part);
    match copy_checked(source, &part) {
        Ok(copied) => Ok((part, copied)),
        Err(e) => {
            let _ = std::fs::remove_file(&part);
            Err(e)
        }
    }
}

/// The checked copy `part` renamed to `out`, the new name made durable.
fn put_in_place(part: &Path, out: &Path) -> Result<(), StoreError> {
    std::fs::rename(part, out).map_err(|e| StoreError::Io { file: out.to_owned(), source: e })?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The new name is on disk before the backup is reported made.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

fn copy_checked(source: &Connection, part: &Path) -> Result<Copied, StoreError> {
    let mut target = Connection::open(part)?;
    {
        let backup = Backup::new(source, &mut target)?;
        let started = Instant::now();
        loop {
            // All pages in one step: one read transaction, one moment of the database.
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if started.elapsed() > PATIENCE => {
                    return Err(StoreError::Busy(part.to_owned()));
                }
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    // One file, with no WAL beside it (the server turns WAL on again when it opens a restored one).
    target.pragma_update(None, "journal_mode", "DELETE")?;
    drop(target);
    std::fs::File::open(part)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::Io { file: part.to_owned(), source: e })?;
    check(part)
}

/// Checks that `file` is a whole database of this server: `integrity_check` says ok, it has a
/// schema version this release knows, and its responses can be counted.
pub fn check(file: &Path) -> Result<Copied, StoreError> {
    if !file.is_file() {
        return Err(StoreError::NoDatabase(file.to_owned()));
    }
    let not_ours = || StoreError::NotADatabase(file.to_owned());
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| not_ours())?;
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|_| not_ours())?;
    if integrity != "ok" {
        return Err(StoreError::Damaged { file: file.to_owned(), detail: integrity });
    }
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?;
    if version == 0 {
        return Err(not_ours());
    }
    if version > migrate::LATEST {
        return Err(StoreError::TooNew { found: version, latest: migrate::LATEST });
    }
    let responses =
        conn.query_row("SELECT COUNT(*) FROM responses", [], |r| r.get::<_, i64>(0)).map_err(|_| not_ours())?;
    let bytes = std::fs::metadata(file).map_err(|e| StoreError::Io { file: file.to_owned(), source: e })?.len();
    Ok(Copied { bytes, responses: u64::try_from(responses).unwrap_or(0), version })
}

/// `path` with `suffix` added to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}
