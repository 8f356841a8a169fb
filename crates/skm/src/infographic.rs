//! `skm infografis`: a unit's results as the infographic offices post: a 1080×1080 PNG (and
//! its SVG) for social media and an A4 SVG for the noticeboard.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use skm_core::{Lang, Period};
use skm_report::{infographic_svg, Fonts, Layout};

/// Arguments of `skm infografis`.
#[derive(Debug, clap::Args)]
pub struct InfographicArgs {
    /// The database of `skm serve`.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The unit (its code).
    #[arg(long, value_name = "CODE")]
    unit: String,
    /// The period (`2026`, `2026-S2`, `2026-Q3`); by default the latest with responses, of the
    /// unit's SKM period.
    #[arg(long, value_parser = parse_period)]
    period: Option<Period>,
    /// Folder to write into (created if missing).
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// Language: id or en.
    #[arg(long, default_value = "id", value_parser = parse_lang)]
    lang: Lang,
}

pub(crate) fn parse_period(text: &str) -> Result<Period, String> {
    Period::from_key(text).ok_or_else(|| format!("'{text}': tulis / write 2026, 2026-S2 atau / or 2026-Q3"))
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_tag(text).ok_or_else(|| format!("'{text}': pilih / choose id, en"))
}

/// Runs `skm infografis`: writes `infografis-<unit>-<period>.png` and `.svg` (square) and
/// `infografis-<unit>-<period>-a4.svg`.
pub fn run(args: InfographicArgs) -> anyhow::Result<ExitCode> {
    let store = crate::sources::open_existing(&args.db)?;
    let unit = store.unit(&args.unit)?.ok_or_else(|| skm_server::StoreError::NoUnit(args.unit.clone()))?.unit;
    let csv = store.export_csv(Some(&unit.code))?;
    let (follow_up, populations) = (store.follow_ups(&unit.code)?, store.populations(&unit.code)?);
    let records = skm_server::Records { follow_up: &follow_up, populations: &populations };
    let results = skm_server::public_results(&unit, &csv, &records, skm_server::now_wib().date(), args.period)?;
    let period = results.period.map(|p| p.key.key()).unwrap_or_default();
    let nothing = || {
        anyhow::anyhow!(
            "unit {}, periode {period}: kurang dari {} responden, tidak ada yang dapat diumumkan / fewer than {} respondents, nothing to publish",
            unit.code,
            results.min_group,
            results.min_group
        )
    };
    let square = infographic_svg(&results, Layout::Square, args.lang).ok_or_else(nothing)?;
    let a4 = infographic_svg(&results, Layout::A4, args.lang).ok_or_else(nothing)?;
    let fonts = Fonts::load();
    if !fonts.any() {
        anyhow::bail!("tidak ada huruf (font) di komputer ini untuk PNG / no fonts on this computer for the PNG");
    }
    let png = fonts.png("infografis", &square, 1.0)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{} tidak dapat dibuat / cannot be created", args.out.display()))?;
    let stem = format!("infografis-{}-{period}", unit.code);
    for (name, bytes) in [
        (format!("{stem}.png"), png.as_slice()),
        (format!("{stem}.svg"), square.as_bytes()),
        (format!("{stem}-a4.svg"), a4.as_bytes()),
    ] {
        let path = args.out.join(name);
        std::fs::write(&path, bytes)
            .with_context(|| format!("{} tidak dapat ditulis / cannot be written", path.display()))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
