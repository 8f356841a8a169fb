//! `skm demo`: write a year of demo data.

use std::path::PathBuf;

use anyhow::Context;
use skm_demo::{generate, DemoOptions};

/// Arguments of `skm demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Calendar year of the data.
    #[arg(long)]
    year: i16,
    /// Directory to write the CSV files into (created if missing).
    #[arg(long, required_unless_present = "db")]
    out: Option<PathBuf>,
    /// Instead of files: a pemda of this many units in the server's database (given with --db),
    /// each with --services-per-unit services, the responses spread over them (the scale
    /// benchmark's pemda).
    #[arg(long, requires = "db", value_parser = clap::value_parser!(u32).range(1..=999))]
    pemda: Option<u32>,
    /// Services of each unit of --pemda.
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=99))]
    services_per_unit: u32,
    /// The database of `skm serve` to write the pemda into (made if missing; it must hold no units).
    #[arg(long, requires = "pemda", conflicts_with = "out")]
    db: Option<PathBuf>,
    /// Number of survey responses.
    #[arg(long, default_value_t = 400)]
    responses: u64,
    /// Number of service requests.
    #[arg(long, default_value_t = 1000)]
    requests: u64,
    /// Seed of the random generator; the same seed gives the same files.
    #[arg(long, default_value_t = 2017)]
    seed: u64,
}

/// Runs `skm demo`.
pub fn run(args: DemoArgs) -> anyhow::Result<()> {
    let data =
        generate(DemoOptions { year: args.year, responses: args.responses, requests: args.requests, seed: args.seed })?;
    if let (Some(units), Some(db)) = (args.pemda, &args.db) {
        return pemda(data, units, args.services_per_unit, db);
    }
    let Some(out) = &args.out else { anyhow::bail!("--out atau / or --pemda with --db") };
    std::fs::create_dir_all(out)
        .with_context(|| format!("folder {} tidak dapat dibuat / cannot create folder", out.display()))?;
    let paths = data.write_to(out)?;
    let counts =
        [data.responses.len(), data.requests.len(), data.complaints.len(), data.meetings.len(), data.actions.len()];
    for (path, n) in paths.iter().zip(counts) {
        println!("{:>6} baris / rows  {}", n, path.display());
    }
    Ok(())
}

/// Writes a demo pemda into the server's database: its units, their standards, and the year's
/// responses spread over their services.
fn pemda(data: skm_demo::DemoData, units: u32, services: u32, db: &std::path::Path) -> anyhow::Result<()> {
    let mut store = crate::unit::open_or_create(db)?;
    if !store.units()?.is_empty() {
        anyhow::bail!("{}: basis data sudah berisi unit / the database holds units already", skm_server::shown(db));
    }
    let pemda = skm_demo::demo_pemda(units, services);
    let effective = jiff::civil::date(1970, 1, 1);
    for unit in &pemda.units {
        store.add_unit(&unit.document.0, &unit.document.1, false)?;
        store.import_standards(&unit.code, &unit.standards, effective)?;
    }
    let filed: Vec<skm_server::Filed> = data
        .responses
        .into_iter()
        .enumerate()
        .map(|(i, mut record)| skm_server::Filed { unit: pemda.assign(i, &mut record), record })
        .collect();
    for batch in filed.chunks(50_000) {
        store.insert_batch(batch)?;
    }
    println!(
        "{units} unit, {} layanan, {} responden / responses  {}",
        units * services,
        filed.len(),
        skm_server::shown(db)
    );
    Ok(())
}
