//! `skm unit`: the units in the server's database (add, list, show, export).

use std::path::PathBuf;

use anyhow::Context;
use skm_core::sla::describe;
use skm_server::Store;

/// Arguments of `skm unit`.
#[derive(Debug, clap::Args)]
pub struct UnitArgs {
    #[command(subcommand)]
    command: UnitCommand,
}

#[derive(Debug, clap::Subcommand)]
enum UnitCommand {
    /// Add a unit from its document (TOML; docs/data-formats.md, data/units/).
    Add {
        /// The unit document.
        file: PathBuf,
        /// The database of `skm serve` (made if missing).
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
        /// Replace the unit of the same code (its standards and responses stay).
        #[arg(long)]
        replace: bool,
    },
    /// List the units.
    List {
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// Show a unit: its calendar, survey settings and the services in force today.
    Show {
        /// The unit's code.
        code: String,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// Print a unit's document as it was added (to edit and add again with --replace).
    Export {
        /// The unit's code.
        code: String,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
}

/// Opens (making if missing) the database of `skm serve`: a SQLite file, with its folder, or
/// skm's tables in a PostgreSQL database.
pub fn open_or_create(db: &std::path::Path) -> anyhow::Result<Store> {
    let file_parent = db.parent().filter(|p| !p.as_os_str().is_empty() && skm_server::postgres_url(db).is_none());
    if let Some(parent) = file_parent {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("folder {} tidak dapat dibuat / cannot create folder", parent.display()))?;
    }
    Store::open(db)
        .with_context(|| format!("basis data {} tidak dapat dibuka / cannot open database", skm_server::shown(db)))
}

/// Runs `skm unit`.
pub fn run(args: UnitArgs) -> anyhow::Result<()> {
    match args.command {
        UnitCommand::Add { file, db, replace } => {
            let text = crate::files::read_text(&file)?;
            let mut store = open_or_create(&db)?;
            let source = file.display().to_string();
            // The document it replaces, for the audit log.
            let old = skm_core::unit::Unit::from_toml(&source, &text)
                .ok()
                .and_then(|u| store.unit(&u.code).ok().flatten())
                .map(|stored| stored.document);
            let unit = store.add_unit(&source, &text, replace)?;
            let action = if old.is_some() { "unit.replace" } else { "unit.add" };
            let audit = skm_server::Audit {
                action,
                target: &unit.code,
                outcome: "ok",
                old: old.as_deref(),
                new: Some(&text),
                ..crate::user::cli_audit()
            };
            store.audit(audit)?;
            println!("{}  {} ({})", unit.code, unit.name, unit.pemda);
            eprintln!(
                "Unit tersimpan. Berikutnya / unit saved. Next: skm standards import --db {} --unit {} FOLDER",
                skm_server::shown(&db),
                unit.code
            );
        }
        UnitCommand::List { db } => {
            let store = crate::sources::open_existing(&db)?;
            let today = skm_server::now_wib().date();
            for stored in store.units()? {
                let u = &stored.unit;
                let services = store.standards_in_force(&u.code, today)?.len();
                println!("{}\t{}\t{}\t{} layanan / services", u.code, u.name, u.pemda, services);
            }
        }
        UnitCommand::Show { code, db } => {
            let store = crate::sources::open_existing(&db)?;
            let stored = store.unit(&code)?.ok_or_else(|| skm_server::StoreError::NoUnit(code.clone()))?;
            let u = &stored.unit;
            println!("{}  {}", u.code, u.name);
            println!("  pemda: {}", u.pemda);
            for (label, value) in
                [("alamat / address", &u.address), ("kontak / contact", &u.contact), ("logo", &u.logo)]
            {
                if let Some(v) = value {
                    println!("  {label}: {v}");
                }
            }
            println!("  kalender / calendar: {} ({})", u.calendar.name, u.calendar.zone.name());
            println!(
                "  survei / survey: bahasa {}, profil {}",
                u.survey.language.tag(),
                if u.survey.ask_profile { "ditanyakan / asked" } else { "tidak ditanyakan / not asked" }
            );
            let history = store.standard_history(&code)?;
            let today = skm_server::now_wib().date();
            let in_force = store.standards_in_force(&code, today)?;
            for v in &history {
                let state =
                    match (&v.standard, in_force.iter().any(|f| f.service == v.service && f.version == v.version)) {
                        (None, _) => "dihentikan / retired".to_owned(),
                        (Some(s), true) => format!("berlaku / in force: {}", describe(s.completion_time.limit)),
                        (Some(s), false) => describe(s.completion_time.limit),
                    };
                println!("  {} v{} sejak / from {}: {state}", v.service, v.version, v.effective_from);
            }
        }
        UnitCommand::Export { code, db } => {
            let store = crate::sources::open_existing(&db)?;
            let stored = store.unit(&code)?.ok_or_else(|| skm_server::StoreError::NoUnit(code.clone()))?;
            print!("{}", stored.document);
        }
    }
    Ok(())
}
