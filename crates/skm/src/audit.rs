//! `skm audit`: the audit log of staff actions, as a table, CSV or JSON.

use std::path::PathBuf;

/// Arguments of `skm audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// table, csv or json.
    #[arg(long, default_value = "table")]
    format: String,
    /// The database of `skm serve`.
    #[arg(long, default_value = "data/skm.db")]
    db: PathBuf,
}

/// Runs `skm audit`.
pub fn run(args: AuditArgs) -> anyhow::Result<()> {
    let store = crate::sources::open_existing(&args.db)?;
    let entries = store.audit_log()?;
    match args.format.as_str() {
        "json" => println!("{}", serde_json::to_string_pretty(&entries)?),
        "csv" => {
            let bytes = skm_server::staff::audit_csv(&entries).map_err(anyhow::Error::msg)?;
            std::io::Write::write_all(&mut std::io::stdout(), &bytes)?;
        }
        "table" => {
            for row in skm_server::staff::audit_rows(&entries) {
                // The old and new documents can be long: the table shows their first line.
                let cells: Vec<String> =
                    row.iter().map(|c| c.lines().next().unwrap_or_default().chars().take(60).collect()).collect();
                println!("{}", cells.join("\t"));
            }
        }
        other => anyhow::bail!("--format '{other}': table, csv atau/or json"),
    }
    Ok(())
}
