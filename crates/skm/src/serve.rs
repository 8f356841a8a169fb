//! `skm serve`: the survey, the dashboard and the API.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use skm_core::catalog::Catalog;
use skm_demo::{generate, DemoOptions};
use skm_server::{AppState, Store};

/// Arguments of `skm serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// SQLite database file (created if missing).
    #[arg(long, default_value = "data/skm.db")]
    db: PathBuf,
    /// Directory of the Trunk-built web app.
    #[arg(long, default_value = "dist")]
    web_dir: PathBuf,
    /// Token that unlocks the dashboard's data; a random one is made and printed if unset.
    #[arg(long, env = "SKM_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Do not fill an empty database with this year's demo responses.
    #[arg(long)]
    no_demo: bool,
}

/// Runs `skm serve` until Ctrl-C.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    if let Some(parent) = args.db.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("folder {} tidak dapat dibuat / cannot create folder", parent.display()))?;
    }
    let mut store = Store::open(&args.db)
        .with_context(|| format!("basis data {} tidak dapat dibuka / cannot open database", args.db.display()))?;
    if !args.no_demo && store.count()? == 0 {
        let year = skm_server::now_wib().year();
        let demo = generate(DemoOptions::for_year(year))?;
        store.insert_many(&demo.responses)?;
        tracing::info!(responses = demo.responses.len(), year, "empty database filled with demo responses");
    }
    let admin_token = match args.admin_token.filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        None => {
            let t = uuid::Uuid::new_v4().simple().to_string();
            eprintln!("Token admin untuk dasbor / admin token for the dashboard: {t}");
            t
        }
    };
    let state = AppState {
        store: Arc::new(Mutex::new(store)),
        catalog: Arc::new(Catalog::builtin()?),
        admin_token: Arc::from(admin_token.as_str()),
        web_dir: Arc::from(args.web_dir.as_path()),
    };
    let runtime = tokio::runtime::Runtime::new().context("tokio runtime")?;
    runtime.block_on(skm_server::serve(state, args.addr, |bound| {
        eprintln!("SKM siap / ready: http://{bound}/  (survei: http://{bound}/survei/publikasi-media-sosial, dasbor: http://{bound}/dasbor)");
    }))?;
    Ok(())
}
