//! `skm deadline` and `skm sla`: promised times on the office's working calendar.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use skm_analytics::{analyse_sla, Mapping, SlaContext, SlaInputs};
use skm_core::calendar::Calendar;
use skm_core::date::{parse_date, parse_moment, Moment};
use skm_core::Lang;

use crate::files::{inputs, read_all, LimitArgs};
use crate::output;
use crate::{catalog, sla_table};

/// Where the calendar and the catalog come from.
#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// The office's calendar (TOML: zone, hours per weekday, own days off; see
    /// data/calendars/). Default: Perpres 21/2023 hours in WIB with the national holidays.
    #[arg(long, conflicts_with = "code")]
    calendar: Option<PathBuf>,
    /// Service standards (TOML files or folders) instead of the built-in catalog.
    #[arg(long, num_args = 1.., conflicts_with = "code")]
    services: Vec<PathBuf>,
    #[command(flatten)]
    unit: crate::sources::UnitSource,
}

impl CalendarArgs {
    /// The unit's catalog (every version) and calendar, or those of the files given.
    fn open(&self) -> anyhow::Result<(skm_core::catalog::Catalog, Calendar)> {
        match self.unit.open()? {
            Some(db) => Ok((db.catalog()?, db.calendar())),
            None => Ok((catalog::load(&self.services)?, self.calendar()?)),
        }
    }

    fn calendar(&self) -> anyhow::Result<Calendar> {
        Ok(match &self.calendar {
            Some(path) => {
                let text = crate::files::read_text(path)?;
                Calendar::from_toml(&path.display().to_string(), &text)?
            }
            None => Calendar::default_wib()?,
        })
    }
}

/// Arguments of `skm deadline`.
#[derive(Debug, clap::Args)]
pub struct DeadlineArgs {
    /// When the request or complaint was received: ISO 8601 with offset, or local time in the
    /// calendar's zone (`2026-03-17 14:00`, `17/03/2026 14.00`).
    #[arg(long)]
    received: String,
    /// The promised time in the standard's words: "Maksimal 1 Jam", "1 Hari Kerja",
    /// "14 hari kerja", "15-30 menit", "Sesuai dengan permohonan".
    #[arg(long, required_unless_present = "service")]
    within: Option<String>,
    /// Take the promised time from this service's standard instead.
    #[arg(long, conflicts_with = "within")]
    service: Option<String>,
    /// The date asked for, for "sesuai dengan permohonan".
    #[arg(long)]
    requested_for: Option<String>,
    #[command(flatten)]
    sources: CalendarArgs,
}

/// Runs `skm deadline`: prints the deadline as ISO 8601 with the zone's offset.
pub fn deadline(args: DeadlineArgs) -> anyhow::Result<ExitCode> {
    let (catalog, cal) = args.sources.open()?;
    let received = match parse_moment(&args.received) {
        Some(Moment::Instant(ts)) => cal.local(ts),
        Some(Moment::Local(dt)) => dt,
        Some(Moment::Date(d)) => d.to_datetime(jiff::civil::Time::midnight()),
        None => bail!(
            "--received '{}': waktu tidak terbaca / unreadable time (e.g. 2026-03-17T14:00:00+07:00)",
            args.received
        ),
    };
    let limit = match (&args.within, &args.service) {
        (Some(text), _) => skm_core::sla::parse_limit(text).with_context(|| {
            format!("--within '{text}': tidak dikenali / not understood (e.g. \"1 jam\", \"14 hari kerja\", \"sesuai dengan permohonan\")")
        })?,
        (None, Some(code)) => {
            // The version in force when it was received.
            let standard = catalog
                .standard_on(code, received.date())
                .with_context(|| format!("--service '{code}': tidak ada di katalog / not in the catalog"))?;
            standard.completion_time.limit
        }
        (None, None) => bail!("--within atau / or --service"),
    };
    let requested_for = match &args.requested_for {
        Some(text) => Some(
            parse_date(text)
                .with_context(|| format!("--requested-for '{text}': tanggal tidak terbaca / unreadable date"))?,
        ),
        None => None,
    };
    let due = skm_core::sla::deadline(&cal, received, limit, requested_for)?;
    println!("{}", cal.iso(due));
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `skm sla`.
#[derive(Debug, clap::Args)]
pub struct SlaArgs {
    /// Request files (requests.csv or XLSX).
    #[arg(long, required = true, num_args = 1..)]
    requests: Vec<PathBuf>,
    /// Complaint files.
    #[arg(long, num_args = 1..)]
    complaints: Vec<PathBuf>,
    /// SOP step times (request_id,step,started_at,finished_at).
    #[arg(long, num_args = 1..)]
    steps: Vec<PathBuf>,
    /// Only items received in this year.
    #[arg(long)]
    year: Option<i16>,
    /// Judge open items as of this moment (default: now).
    #[arg(long)]
    as_of: Option<String>,
    /// Output: table, json or csv.
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
    format: String,
    /// Language of the table: id or en.
    #[arg(long, default_value = "id", value_parser = |t: &str| Lang::from_tag(t).ok_or("id, en"))]
    lang: Lang,
    #[command(flatten)]
    sources: CalendarArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Runs `skm sla`.
pub fn run(args: SlaArgs) -> anyhow::Result<ExitCode> {
    let (catalog, cal) = args.sources.open()?;
    let mapping = Mapping::builtin()?;
    let as_of = match &args.as_of {
        None => cal.local(jiff::Timestamp::now()),
        Some(text) => match parse_moment(text) {
            Some(Moment::Instant(ts)) => cal.local(ts),
            Some(Moment::Local(dt)) => dt,
            Some(Moment::Date(d)) => d.to_datetime(jiff::civil::Time::constant(23, 59, 59, 0)),
            None => bail!("--as-of '{text}': waktu tidak terbaca / unreadable time"),
        },
    };
    let limits = args.limits.limits();
    let (requests, complaints, steps) =
        (read_all(&args.requests, &limits)?, read_all(&args.complaints, &limits)?, read_all(&args.steps, &limits)?);
    let (requests, complaints, steps) =
        (inputs(&requests, &limits), inputs(&complaints, &limits), inputs(&steps, &limits));
    let files = SlaInputs { requests: &requests, complaints: &complaints, steps: &steps };
    let ctx = SlaContext { catalog: &catalog, calendar: &cal, mapping: &mapping, as_of };
    let report = analyse_sla(files, ctx, args.year)?;
    let writers = output::Writers {
        table: &|out| sla_table::write(out, &report, args.lang),
        csv: &|out| sla_table::write_csv(out, &report),
    };
    output::emit(&args.format, &report, &report.input, args.lang, writers)?;
    Ok(ExitCode::SUCCESS)
}
