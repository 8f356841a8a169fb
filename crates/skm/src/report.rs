//! `skm report`: the annual report from the year's exports: HTML, PDF, XLSX, charts and JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use skm_analytics::{
    analyse_year_with_responses, classify, Given, Input, Limits, Mapping, YearContext, YearFile, YearOptions,
};
use skm_core::calendar::Calendar;
use skm_core::year::{YearFilter, YearReport};
use skm_core::{Lang, PeriodKind, WeightConvention};
use skm_report::Report;

use crate::catalog;
use crate::output::write_issues;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The year reported on.
    #[arg(long)]
    year: i16,
    /// Folder with the year's files (responses, requests, complaints, steps, meetings, actions; CSV or XLSX).
    #[arg(long, required_unless_present = "code")]
    data: Option<PathBuf>,
    /// Folder the report is written to (made if missing).
    #[arg(long)]
    out: PathBuf,
    /// Folder with the previous year's files, for the change in the IKM.
    #[arg(long)]
    previous: Option<PathBuf>,
    /// The unit's name on the cover (default: the unit's, or that of the standards).
    #[arg(long)]
    unit_name: Option<String>,
    /// With --unit and --db: the unit's standards, calendar and stored responses (with the
    /// files of --data, if given).
    #[command(flatten)]
    unit: crate::sources::UnitSource,
    /// Weight convention of the IKM.
    #[arg(long, default_value = "exact", value_parser = |t: &str| WeightConvention::from_name(t).ok_or("exact, 0.111, 0.11"))]
    weight: WeightConvention,
    /// Language of the report.
    #[arg(long, default_value = "id", value_parser = |t: &str| Lang::from_tag(t).ok_or("id, en"))]
    lang: Lang,
    /// Write no PDF (it needs Chromium).
    #[arg(long)]
    no_pdf: bool,
    /// Extra standard documents (TOML).
    #[arg(long, num_args = 1.., conflicts_with = "code")]
    services: Vec<PathBuf>,
    /// The fewest respondents a group needs when its population is not known (docs/ikm-method.md).
    #[arg(long, default_value_t = skm_core::sample::DEFAULT_MIN_SAMPLE)]
    min_sample: u64,
    #[command(flatten)]
    limits: crate::files::LimitArgs,
}

/// The data files of a folder, in name order.
fn data_files(dir: &Path, limits: &Limits) -> anyhow::Result<Vec<(String, crate::files::FileBytes)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: folder tidak dapat dibaca / folder cannot be read", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["csv", "xlsx", "xls", "ods"].contains(&e.to_lowercase().as_str()))
        })
        .collect();
    paths.sort();
    crate::files::read_all(&paths, limits)
}

/// Chromium (or Chrome) for the PDF: `$CHROMIUM`, else the first on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser", "google-chrome"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

fn headless(browser: &Path, profile: &Path, args: &[String]) -> anyhow::Result<()> {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .with_context(|| format!("{} tidak dapat dijalankan / cannot be run", browser.display()))?;
    if !out.status.success() {
        bail!(
            "{} gagal / failed: {}",
            browser.display(),
            String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("")
        );
    }
    Ok(())
}

/// How a folder's year is read and computed.
struct Reading<'a> {
    year: i16,
    weight: WeightConvention,
    min_sample: u64,
    limits: Limits,
    ctx: YearContext<'a>,
    as_of: jiff::civil::DateTime,
}

fn analyse(
    dir: Option<&Path>,
    stored: Option<&crate::sources::FromDb>,
    how: &Reading<'_>,
) -> anyhow::Result<(YearReport, skm_analytics::ResponseTable, Vec<String>)> {
    let mut files = match dir {
        Some(dir) => data_files(dir, &how.limits)?,
        None => Vec::new(),
    };
    if let Some(db) = stored {
        files.push(db.responses()?);
    }
    let mut year_files = Vec::new();
    let mut skipped = Vec::new();
    for (name, bytes) in &files {
        // Rows without a date, whose title states no period, are of the folder's year.
        let given = Given { year: Some(how.year), ..Given::default() };
        let input = Input::new(name, bytes).with_limits(how.limits).with_given(given);
        match classify(&input) {
            Ok(kind) => year_files.push(YearFile { kind, input }),
            Err(e) => skipped.push(format!("{e}")),
        }
    }
    let options = YearOptions {
        year: how.year,
        weight: how.weight,
        trend: PeriodKind::Quarter,
        filter: YearFilter::default(),
        as_of: how.as_of,
        min_sample: how.min_sample,
    };
    let (report, table) = analyse_year_with_responses(&year_files, how.ctx, &options, &mut |_| {})?;
    Ok((report, table, skipped))
}

pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let l = args.lang;
    let steps = if args.no_pdf { 6 } else { 7 };
    let bar = ProgressBar::new(steps);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let stored = args.unit.open()?;
    let (catalog, calendar) = match &stored {
        Some(db) => (db.catalog()?, db.calendar()),
        None => (catalog::load(&args.services)?, Calendar::default_wib()?),
    };
    let mapping = Mapping::builtin()?;
    let ctx = YearContext { catalog: &catalog, calendar: &calendar, mapping: &mapping };
    let now = calendar.local(jiff::Timestamp::now());
    let as_of = YearOptions::as_of_for(args.year, now);

    let source = match (&args.data, &stored) {
        (Some(dir), _) => dir.display().to_string(),
        (None, Some(db)) => db.db.clone(),
        (None, None) => String::new(),
    };
    bar.set_message(format!("membaca / reading {source}"));
    let how = Reading {
        year: args.year,
        weight: args.weight,
        min_sample: args.min_sample,
        limits: args.limits.limits(),
        ctx,
        as_of,
    };
    let (mut year, responses, skipped) = analyse(args.data.as_deref(), stored.as_ref(), &how)?;
    // Where request files gave no population, the populations entered on the admin page do.
    let populations = match &stored {
        Some(db) => db.store.populations(&db.unit.unit.code)?,
        None => Vec::new(),
    };
    let entered = |analysis: Option<&mut skm_core::IkmAnalysis>, of: i16| {
        if let Some(a) = analysis {
            skm_core::sampling::apply_entered(a, &populations, |p| p.year == of, args.min_sample);
        }
    };
    entered(year.ikm.as_mut(), args.year);
    bar.inc(1);
    let previous = match &args.previous {
        Some(dir) => {
            bar.set_message(format!("tahun sebelumnya / previous year {}", dir.display()));
            let before = Reading { year: args.year - 1, as_of: YearOptions::as_of_for(args.year - 1, now), ..how };
            let mut before = analyse(Some(dir), stored.as_ref(), &before)?.0;
            entered(before.ikm.as_mut(), args.year - 1);
            Some(before)
        }
        None => None,
    };
    bar.inc(1);
    let unit = args
        .unit_name
        .clone()
        .or_else(|| stored.as_ref().map(|db| db.unit.unit.name.clone()))
        .or_else(|| catalog.standards().first().map(|s| s.unit.clone()))
        .unwrap_or_default();
    let made_on = now.date();
    let (follow_up, publications) = match &stored {
        Some(db) => {
            let code = &db.unit.unit.code;
            (Some(db.store.follow_ups(code)?), Some(db.store.publications(code)?))
        }
        None => (None, None),
    };
    let report = Report {
        year: &year,
        previous: previous.as_ref(),
        responses: &responses,
        unit: &unit,
        catalog: &catalog,
        lang: l,
        made_on,
        follow_up: follow_up.as_deref(),
        publications: publications.as_deref(),
    };

    std::fs::create_dir_all(args.out.join("grafik"))
        .with_context(|| format!("{}: folder tidak dapat dibuat / folder cannot be made", args.out.display()))?;
    let write = |name: &str, bytes: &[u8]| -> anyhow::Result<PathBuf> {
        let path = args.out.join(name);
        std::fs::write(&path, bytes)
            .with_context(|| format!("{} tidak dapat ditulis / cannot be written", path.display()))?;
        Ok(path)
    };
    bar.set_message("grafik / charts");
    let charts = report.charts()?;
    let fonts = skm_report::Fonts::load();
    if !fonts.any() {
        eprintln!("peringatan / warning: tidak ada fon sistem; PNG tanpa teks / no system fonts, PNGs without text");
    }
    for c in &charts {
        write(&format!("grafik/{}.svg", c.name), c.svg.as_bytes())?;
        write(&format!("grafik/{}.png", c.name), &fonts.png(c.name, &c.svg, 2.0)?)?;
    }
    bar.inc(1);
    let stem = format!("laporan-skm-{}", args.year);
    bar.set_message("HTML");
    let html_path = write(&format!("{stem}.html"), skm_report::html(&report, &charts).as_bytes())?;
    bar.inc(1);
    bar.set_message("XLSX");
    let workbook = skm_report::workbook(&report)?;
    write(&format!("{stem}.xlsx"), &workbook.bytes)?;
    bar.inc(1);
    bar.set_message("JSON");
    write(&format!("{stem}.json"), serde_json::to_string_pretty(&year)?.as_bytes())?;
    bar.inc(1);

    if !args.no_pdf {
        let browser = chromium().context(
            "Chromium tidak ditemukan untuk PDF; pasang (apt-get install chromium), set $CHROMIUM, atau pakai --no-pdf / \
             Chromium not found for the PDF; install it, set $CHROMIUM, or use --no-pdf",
        )?;
        let profile = tempfile::tempdir()?;
        let html_path = std::fs::canonicalize(&html_path)?;
        bar.set_message("PDF");
        let pdf = std::path::absolute(args.out.join(format!("{stem}.pdf")))?;
        headless(
            &browser,
            profile.path(),
            &[
                "--no-pdf-header-footer".into(),
                format!("--print-to-pdf={}", pdf.display()),
                format!("file://{}", html_path.display()),
            ],
        )?;
        bar.inc(1);
    }
    bar.finish_and_clear();

    let mut err = std::io::stderr();
    for s in &skipped {
        eprintln!("dilewati / skipped: {s}");
    }
    for input in year.inputs() {
        write_issues(&mut err, input, l)?;
    }
    for kind in &year.missing {
        eprintln!("tidak ada berkas / no file: {} — {}", kind.label().id, kind.label().en);
    }
    for c in &workbook.cut {
        eprintln!(
            "peringatan / warning: XLSX {}!{}{}: teks {} karakter dipotong pada batas Excel {} dengan «{}» / a text of {} characters cut at Excel's limit of {}",
            c.sheet,
            c.column,
            c.row,
            c.chars,
            skm_report::EXCEL_MAX_TEXT,
            skm_report::CUT_MARK.trim(),
            c.chars,
            skm_report::EXCEL_MAX_TEXT
        );
    }
    if let Some(ikm) = &year.ikm {
        crate::output::warn_dates_after_today(&ikm.input, l)?;
    }
    println!("{}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
