//! `skm backup` and `skm restore`: a copy of the server's database made while it serves, checked
//! before it is kept, and a copy put back (skm-server's `backup`); and the backups `skm serve`
//! makes on a schedule (`--backup-dir`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use skm_server::backup::{self, Copied};

/// Arguments of `skm backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The database of `skm serve` (it may be serving meanwhile).
    #[arg(long, value_name = "FILE", default_value = "data/skm.db")]
    db: PathBuf,
    /// The backup file to write (replaced only once the new copy is complete and checked).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Arguments of `skm restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A backup made by `skm backup` or by `skm serve --backup-dir`.
    #[arg(value_name = "BACKUP")]
    from: PathBuf,
    /// The database to restore into; the server must be stopped.
    #[arg(long, value_name = "FILE", default_value = "data/skm.db")]
    db: PathBuf,
    /// Restore over an existing database, which is kept beside it as `<db>.before-restore-<time>`.
    #[arg(long)]
    replace: bool,
}

/// When `skm serve` backs up on its own (`--backup-dir`).
#[derive(Debug, Clone, clap::Args)]
pub struct ScheduleArgs {
    /// Back the database up into this folder, `skm-<time>.db`, at start and then every
    /// `--backup-every`.
    #[arg(long, value_name = "DIR", env = "SKM_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// How often, as `24h`, `6h`, `30m` or `1d`.
    #[arg(long, value_name = "DURATION", default_value = "24h", env = "SKM_BACKUP_EVERY", value_parser = parse_every)]
    pub backup_every: Duration,
    /// How many of the newest backups in the folder to keep; older ones are removed.
    #[arg(long, value_name = "N", default_value_t = 14, env = "SKM_BACKUP_KEEP", value_parser = clap::value_parser!(u32).range(1..))]
    pub backup_keep: u32,
}

/// A duration of at least a second, in jiff's friendly form (`24h`, `1d`, `30m`) or ISO 8601.
fn parse_every(text: &str) -> Result<Duration, String> {
    let wrong = || format!("'{text}': tulis misalnya / write for example 24h, 6h, 30m, 1d");
    let parsed: jiff::SignedDuration = text.trim().parse().map_err(|_| wrong())?;
    let every = Duration::try_from(parsed).map_err(|_| wrong())?;
    if every < Duration::from_secs(1) {
        return Err(format!("'{text}': paling sedikit satu detik / at least one second"));
    }
    Ok(every)
}

fn said(copied: &Copied) -> String {
    format!(
        "{} tanggapan, {} KB, skema versi {} / {} responses, {} KB, schema version {}",
        copied.responses,
        copied.bytes / 1024,
        copied.version,
        copied.responses,
        copied.bytes / 1024,
        copied.version
    )
}

/// Runs `skm backup`.
pub fn run_backup(args: BackupArgs) -> anyhow::Result<()> {
    let copied = backup::backup(&args.db, &args.out)
        .with_context(|| format!("cadangan / backup {} → {}", skm_server::shown(&args.db), args.out.display()))?;
    println!("{}: {}", args.out.display(), said(&copied));
    Ok(())
}

/// Runs `skm restore`.
pub fn run_restore(args: RestoreArgs) -> anyhow::Result<()> {
    let copied = backup::restore(&args.from, &args.db, args.replace)
        .with_context(|| format!("pemulihan / restore {} → {}", args.from.display(), skm_server::shown(&args.db)))?;
    println!("{} dipulihkan / restored: {}", skm_server::shown(&args.db), said(&copied));
    Ok(())
}

/// Backs `db` up into the schedule's folder now and then every so often, on a thread of its
/// own; a failed backup is logged and tried again at the next time.
pub fn keep_backups(db: &Path, schedule: &ScheduleArgs) -> anyhow::Result<()> {
    let Some(dir) = schedule.backup_dir.clone() else { return Ok(()) };
    backup::file_only(db)?;
    std::fs::create_dir_all(&dir).with_context(|| format!("folder cadangan / backup folder {}", dir.display()))?;
    let (db, every, keep) = (db.to_owned(), schedule.backup_every, schedule.backup_keep as usize);
    std::thread::Builder::new().name("backups".into()).spawn(move || loop {
        let out = dir.join(backup::backup_name(jiff::Timestamp::now()));
        match backup::backup(&db, &out) {
            Ok(copied) => {
                tracing::info!(file = %out.display(), responses = copied.responses, bytes = copied.bytes, "backup made");
                match backup::prune(&dir, keep) {
                    Ok(removed) if !removed.is_empty() => tracing::info!(removed = removed.len(), "old backups removed"),
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "old backups not removed"),
                }
            }
            Err(e) => tracing::error!(file = %out.display(), error = %e, "backup failed"),
        }
        std::thread::sleep(every);
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_every;
    use std::time::Duration;

    #[test]
    fn backup_intervals_are_read_as_people_write_them() {
        assert_eq!(parse_every("24h"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_every("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_every("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_every("PT6H"), Ok(Duration::from_secs(21_600)));
        for wrong in ["", "sehari", "-1h", "0s", "10ms"] {
            assert!(parse_every(wrong).is_err(), "{wrong}");
        }
    }
}
