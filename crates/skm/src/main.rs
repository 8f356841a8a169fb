//! `skm`: the command-line glue over the SKM library crates.
//!
//! Every flag is defined and documented here, once; the work happens in the library crates.

mod audit;
mod backup;
mod catalog;
mod config;
mod demo;
mod files;
mod ikm;
mod ikm_csv;
mod ikm_table;
mod infographic;
mod logging;
mod meetings;
mod output;
mod populations;
mod qr;
mod report;
mod serve;
mod sla;
mod sla_table;
mod sources;
mod standards;
mod token;
mod unit;
mod user;
mod words;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// The version, the commit it was built from and whether the web app is in it (`build.rs`).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("SKM_COMMIT"), "; ", env!("SKM_WEB_APP"), ")");

/// Survei Kepuasan Masyarakat: survey server, dashboard and batch reports.
#[derive(Debug, Parser)]
#[command(name = "skm", version = VERSION, about, long_about = None)]
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
    /// Compute the IKM of survey response files (CSV, Excel, Google Forms), overall and by group.
    Ikm(ikm::IkmArgs),
    /// Print the Krejcie–Morgan sample size for a population of N service users.
    SampleSize(ikm::SampleSizeArgs),
    /// Print the deadline of a promised time ("1 jam", "14 hari kerja") on the working calendar.
    Deadline(sla::DeadlineArgs),
    /// SLA compliance of requests and complaints against the service standards.
    Sla(sla::SlaArgs),
    /// Whether the monthly evaluation meetings were held as the standards require.
    Meetings(meetings::MeetingsArgs),
    /// Write each service's survey QR code (SVG, PNG) and an A4 poster for the counter.
    Qr(qr::QrArgs),
    /// Write the annual report (HTML, PDF, XLSX, charts, JSON) from a year's files.
    Report(report::ReportArgs),
    /// Write a unit's results as an infographic: a 1080×1080 PNG for social media, an A4 SVG.
    #[command(name = "infografis", alias = "infographic")]
    Infographic(infographic::InfographicArgs),
    /// Count each service's population per SKM period from request files into the database.
    Populations(populations::PopulationsArgs),
    /// The units in the server's database: add, list, show, export.
    Unit(unit::UnitArgs),
    /// A unit's service standards in the server's database: import, export, retire.
    Standards(standards::StandardsArgs),
    /// Staff accounts in the server's database: add, list, reset, disable.
    User(user::UserArgs),
    /// API tokens for automation: add, list, revoke.
    Token(token::TokenArgs),
    /// The audit log of staff actions.
    Audit(audit::AuditArgs),
    /// Copy the server's database while it serves, checked with SQLite's integrity_check.
    Backup(backup::BackupArgs),
    /// Put a backup back as the server's database (stop the server first).
    Restore(backup::RestoreArgs),
}

/// An error with its causes, each said once: a cause whose words the message before it already
/// holds (`buku kerja / workbook: X` caused by `X`) is not repeated.
fn chain(error: &anyhow::Error) -> String {
    let mut said = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if text.is_empty() || said.contains(&text) {
            continue;
        }
        if !said.is_empty() {
            said.push_str(": ");
        }
        said.push_str(&text);
    }
    said
}

/// The command line, with `skm serve`'s settings file (`--config`) as the defaults of its flags.
fn parse() -> anyhow::Result<Cli> {
    let cli = Cli::parse();
    let Command::Serve(serve) = &cli.command else { return Ok(cli) };
    let Some(file) = &serve.config else { return Ok(cli) };
    let command = config::apply(Cli::command(), file)?;
    Ok(Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit()))
}

fn main() -> std::process::ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("galat / error: {}", chain(&e));
            return std::process::ExitCode::from(2);
        }
    };
    logging::init(match &cli.command {
        Command::Serve(serve) => serve.log_format,
        _ => logging::LogFormat::Text,
    });
    let success = |()| std::process::ExitCode::SUCCESS;
    let result = match cli.command {
        Command::Serve(args) => serve::run(args).map(success),
        Command::Demo(args) => demo::run(args).map(success),
        Command::Catalog(args) => catalog::run(args).map(success),
        Command::Ikm(args) => ikm::run(args),
        Command::SampleSize(args) => ikm::sample_size(args),
        Command::Deadline(args) => sla::deadline(args),
        Command::Sla(args) => sla::run(args),
        Command::Meetings(args) => meetings::run(args),
        Command::Qr(args) => qr::run(args),
        Command::Report(args) => report::run(args),
        Command::Infographic(args) => infographic::run(args),
        Command::Populations(args) => populations::run(args),
        Command::Unit(args) => unit::run(args).map(success),
        Command::Standards(args) => standards::run(args).map(success),
        Command::User(args) => user::run(args).map(success),
        Command::Token(args) => token::run(args).map(success),
        Command::Audit(args) => audit::run(args).map(success),
        Command::Backup(args) => backup::run_backup(args).map(success),
        Command::Restore(args) => backup::run_restore(args).map(success),
    };
    match result {
        Ok(code) => code,
        // The reader of our output went away (`skm sla | head`): nothing left to say.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) => {
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("galat / error: {}", chain(&e));
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::chain;

    #[test]
    fn each_cause_is_said_once() {
        /// An error that shows its cause in its own message and gives it as its source too.
        #[derive(Debug)]
        struct Workbook(std::io::Error);
        impl std::fmt::Display for Workbook {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "buku kerja / workbook: {}", self.0)
            }
        }
        impl std::error::Error for Workbook {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let inner = std::io::Error::other("string too long");
        let e = anyhow::Error::new(Workbook(inner)).context("laporan-skm-2026.xlsx");
        assert_eq!(chain(&e), "laporan-skm-2026.xlsx: buku kerja / workbook: string too long");
    }
}
