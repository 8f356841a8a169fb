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
    #[arg(long)]
    out: PathBuf,
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
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("folder {} tidak dapat dibuat / cannot create folder", args.out.display()))?;
    let data =
        generate(DemoOptions { year: args.year, responses: args.responses, requests: args.requests, seed: args.seed })?;
    let paths = data.write_to(&args.out)?;
    let counts =
        [data.responses.len(), data.requests.len(), data.complaints.len(), data.meetings.len(), data.actions.len()];
    for (path, n) in paths.iter().zip(counts) {
        println!("{:>6} baris / rows  {}", n, path.display());
    }
    Ok(())
}
