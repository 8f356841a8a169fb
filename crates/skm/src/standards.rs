//! `skm standards`: a unit's service standards in the server's database, each save a version.

use std::path::PathBuf;

use anyhow::Context;
use skm_server::Audit;

use crate::user::cli_audit;
use jiff::civil::Date;

/// Arguments of `skm standards`.
#[derive(Debug, clap::Args)]
pub struct StandardsArgs {
    #[command(subcommand)]
    command: StandardsCommand,
}

/// The unit and the database a subcommand works on.
#[derive(Debug, clap::Args)]
struct Target {
    /// The unit's code.
    #[arg(long)]
    unit: String,
    /// The database of `skm serve`.
    #[arg(long, default_value = "data/skm.db")]
    db: PathBuf,
}

#[derive(Debug, clap::Subcommand)]
enum StandardsCommand {
    /// Import standard documents (TOML files or folders) for a unit, each as a new version. Every
    /// document is checked first (as `skm catalog` does); on any error nothing is stored.
    Import {
        /// Standard documents, or folders of them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        target: Target,
        /// The day the new versions take effect (YYYY-MM-DD; default today). Requests received
        /// from that day on are judged by them.
        #[arg(long, value_parser = parse_date)]
        effective: Option<Date>,
    },
    /// Write the unit's standards in force into a folder, one TOML document per service.
    Export {
        #[command(flatten)]
        target: Target,
        /// The folder (made if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// Retire a service: from the effective day on the survey no longer offers it; its history stays.
    Retire {
        /// The service's code.
        service: String,
        #[command(flatten)]
        target: Target,
        /// The first day it is no longer offered (default today).
        #[arg(long, value_parser = parse_date)]
        effective: Option<Date>,
    },
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse().map_err(|_| format!("'{text}': tanggal YYYY-MM-DD / a date YYYY-MM-DD"))
}

/// Runs `skm standards`.
pub fn run(args: StandardsArgs) -> anyhow::Result<()> {
    let today = skm_server::now_wib().date();
    match args.command {
        StandardsCommand::Import { files, target: Target { unit, db }, effective } => {
            let documents = crate::catalog::documents(&files)?;
            if documents.is_empty() {
                anyhow::bail!("tidak ada berkas .toml / no .toml files");
            }
            let mut store = crate::sources::open_existing(&db)?;
            let effective = effective.unwrap_or(today);
            for done in store.import_standards(&unit, &documents, effective)? {
                let what = if done.new { "versi baru / new version" } else { "tidak berubah / unchanged" };
                println!("{}\tv{}\t{what}\t{effective}", done.service, done.version);
                if done.new {
                    let (target, new) = (format!("{unit}/{}", done.service), format!("v{} {effective}", done.version));
                    let audit = Audit {
                        action: "standards.import",
                        target: &target,
                        outcome: "ok",
                        new: Some(&new),
                        ..cli_audit()
                    };
                    store.audit(audit)?;
                }
            }
        }
        StandardsCommand::Export { target: Target { unit, db }, out } => {
            let store = crate::sources::open_existing(&db)?;
            if store.unit(&unit)?.is_none() {
                return Err(skm_server::StoreError::NoUnit(unit).into());
            }
            std::fs::create_dir_all(&out)
                .with_context(|| format!("{}: folder tidak dapat dibuat / folder cannot be made", out.display()))?;
            for version in store.standards_in_force(&unit, today)? {
                let Some(document) = &version.document else { continue };
                // The code passed the core's check (lowercase letters, digits, hyphens), so it is
                // a safe file name.
                let path = out.join(format!("{}.toml", version.service));
                std::fs::write(&path, document)
                    .with_context(|| format!("{} tidak dapat ditulis / cannot be written", path.display()))?;
                println!("{}\tv{}\t{}", version.service, version.version, path.display());
            }
        }
        StandardsCommand::Retire { service, target: Target { unit, db }, effective } => {
            let mut store = crate::sources::open_existing(&db)?;
            let effective = effective.unwrap_or(today);
            let done = store.retire_service(&unit, &service, effective)?;
            println!("{}\tv{}\tdihentikan / retired\t{effective}", done.service, done.version);
            let (target, new) = (format!("{unit}/{service}"), format!("v{} retired from {effective}", done.version));
            store.audit(Audit {
                action: "standards.retire",
                target: &target,
                outcome: "ok",
                new: Some(&new),
                ..cli_audit()
            })?;
        }
    }
    Ok(())
}
