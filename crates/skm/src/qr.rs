//! `skm qr`: the survey's QR code and a printable A4 poster for each service's counter.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use skm_poster::{poster_svg, qr_png, qr_svg, Poster};

use crate::catalog;

/// Arguments of `skm qr`.
#[derive(Debug, clap::Args)]
pub struct QrArgs {
    /// The service (default: every service of the catalog).
    #[arg(long)]
    service: Option<String>,
    /// The address citizens reach the server at, as printed on the poster.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    base_url: String,
    /// Folder to write into (created if missing).
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// Service standards (TOML files or folders) instead of the built-in catalog.
    #[arg(long, num_args = 1.., conflicts_with = "code")]
    services: Vec<PathBuf>,
    /// With --unit and --db: the unit's services in force today, at `/survei/<unit>/<service>`.
    #[command(flatten)]
    unit: crate::sources::UnitSource,
}

/// Runs `skm qr`: writes `qr-<code>.svg`, `qr-<code>.png` and `poster-<code>.svg`.
pub fn run(args: QrArgs) -> anyhow::Result<ExitCode> {
    let stored = args.unit.open()?;
    let catalog = match &stored {
        Some(db) => db.catalog()?,
        None => catalog::load(&args.services)?,
    };
    // A unit's services live under its code; the built-in ones at the address before units,
    // which the server redirects where the code is one unit's.
    let prefix = stored.as_ref().map(|db| format!("{}/", db.unit.unit.code)).unwrap_or_default();
    let standards: Vec<_> = match &args.service {
        Some(code) => vec![catalog
            .get(code)
            .with_context(|| format!("--service '{code}': tidak ada di katalog / not in the catalog"))?],
        None => catalog.standards().iter().collect(),
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{} tidak dapat dibuat / cannot be created", args.out.display()))?;
    let base = args.base_url.trim_end_matches('/');
    if base.contains("127.0.0.1") || base.contains("localhost") {
        eprintln!("Catatan / note: {base} hanya terjangkau dari komputer ini; pakai --base-url alamat server / reachable only from this computer; pass --base-url with the server's address");
    }
    for s in standards {
        let url = format!("{base}/survei/{prefix}{}", s.code);
        let write = |name: String, bytes: &[u8]| -> anyhow::Result<()> {
            let path = args.out.join(name);
            std::fs::write(&path, bytes)
                .with_context(|| format!("{} tidak dapat ditulis / cannot be written", path.display()))?;
            println!("{}", path.display());
            Ok(())
        };
        let coded = skm_poster::qr_address(&url);
        write(format!("qr-{}.svg", s.code), qr_svg(&coded, 512)?.as_bytes())?;
        write(format!("qr-{}.png", s.code), &qr_png(&coded, 12)?)?;
        let unit = stored.as_ref().map_or(s.unit.as_str(), |db| db.unit.unit.name.as_str());
        let poster = Poster { service: &s.name, service_en: &s.name_en, unit, url: &url };
        write(format!("poster-{}.svg", s.code), poster_svg(&poster)?.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
