//! `skm`: the command-line glue over the SKM library crates.
//!
//! Every flag is defined and documented here, once; the work happens in the library crates.

mod catalog;
mod demo;
mod serve;

use clap::{Parser, Subcommand};

/// Survei Kepuasan Masyarakat: survey server, dashboard and batch reports.
#[derive(Debug, Parser)]
#[command(name = "skm", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the survey, the dashboard and the JSON API on an embedded SQLite database.
    Serve(serve::ServeArgs),
    /// Write a realistic, reproducible year of demo data as CSV files.
    Demo(demo::DemoArgs),
    /// List the service standards, or check standard documents of your own.
    Catalog(catalog::CatalogArgs),
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Catalog(args) => catalog::run(args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("galat / error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
