//! `skm ikm`: the IKM of response files, as a table, JSON or CSV; and `skm sample-size`.

use std::path::PathBuf;
use std::process::ExitCode;

use skm_analytics::{analyse_ikm, read_requests, read_responses, Mapping, Population};
use skm_core::analysis::{GroupBy, IkmOptions};
use skm_core::{Lang, PeriodKind, WeightConvention};

use crate::files::{inputs, read_all, GivenArgs, LimitArgs};
use crate::output;
use crate::{ikm_csv, ikm_table};

/// Arguments of `skm ikm`.
#[derive(Debug, clap::Args)]
pub struct IkmArgs {
    /// Response files: canonical CSV, Excel CSV (semicolon, BOM), XLSX/XLS/ODS, or a Google Forms
    /// export (CSV or XLSX). Several files are analysed together.
    #[arg(required_unless_present = "code")]
    files: Vec<PathBuf>,
    /// With --unit and --db, the unit's stored responses are analysed (with any files given).
    #[command(flatten)]
    unit: crate::sources::UnitSource,
    /// Group by: service, period, both as `service,period`, or none.
    #[arg(long, value_delimiter = ',', default_value = "service", value_parser = parse_by)]
    by: Vec<Option<GroupBy>>,
    /// Length of a period: year, semester, quarter or month.
    #[arg(long, default_value = "year", value_parser = parse_period)]
    period: PeriodKind,
    /// Weight of each element: exact (1/9), 0.111 or 0.11. The rounded weights exist only to
    /// reproduce other tools' numbers; every output names the one used.
    #[arg(long, default_value = "exact", value_parser = parse_weight)]
    weight: WeightConvention,
    /// Output: table (for people), json or csv.
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
    format: String,
    /// Service users in the period (N), for the Krejcie–Morgan sample check.
    #[arg(long, conflicts_with = "requests")]
    population: Option<u64>,
    /// Request files (requests.csv) to count N per service and period.
    #[arg(long, num_args = 1..)]
    requests: Vec<PathBuf>,
    /// A mapping file for form exports worded differently (data/mappings/google-forms.toml).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Language of the table: id or en.
    #[arg(long, default_value = "id", value_parser = parse_lang)]
    lang: Lang,
    /// Exit with status 3 when any row was left out.
    #[arg(long)]
    strict: bool,
    /// The fewest respondents a group needs when its population is not known; a group with
    /// fewer is marked «sampel belum cukup / sample too small» (docs/ikm-method.md).
    #[arg(long, default_value_t = skm_core::sample::DEFAULT_MIN_SAMPLE)]
    min_sample: u64,
    #[command(flatten)]
    given: GivenArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

fn parse_by(text: &str) -> Result<Option<GroupBy>, String> {
    match text.trim() {
        "service" | "layanan" => Ok(Some(GroupBy::Service)),
        "period" | "periode" => Ok(Some(GroupBy::Period)),
        "none" => Ok(None),
        other => Err(format!("'{other}': pilih / choose service, period, none")),
    }
}

fn parse_period(text: &str) -> Result<PeriodKind, String> {
    PeriodKind::from_name(text).ok_or_else(|| format!("'{text}': pilih / choose year, semester, quarter, month"))
}

fn parse_weight(text: &str) -> Result<WeightConvention, String> {
    WeightConvention::from_name(text).ok_or_else(|| format!("'{text}': pilih / choose exact, 0.111, 0.11"))
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_tag(text).ok_or_else(|| format!("'{text}': pilih / choose id, en"))
}

/// Runs `skm ikm`.
pub fn run(args: IkmArgs) -> anyhow::Result<ExitCode> {
    let mapping = match &args.mapping {
        Some(path) => {
            let text = crate::files::read_text(path)?;
            Mapping::with_file(&path.display().to_string(), &text)?
        }
        None => Mapping::builtin()?,
    };
    let limits = args.limits.limits();
    args.given.check_grouping(args.by.contains(&Some(GroupBy::Period)), args.period)?;
    let mut responses = read_all(&args.files, &limits)?;
    if let Some(db) = args.unit.open()? {
        responses.push(db.responses()?);
    }
    let given = args.given.given();
    let response_inputs: Vec<_> = inputs(&responses, &limits).into_iter().map(|i| i.with_given(given)).collect();
    let table = read_responses(&response_inputs, &mapping)?;
    let request_files = read_all(&args.requests, &limits)?;
    let requests =
        if request_files.is_empty() { None } else { Some(read_requests(&inputs(&request_files, &limits), &mapping)?) };
    let population = match (&requests, args.population) {
        (Some(r), _) => Population::Requests(r),
        (None, Some(n)) => Population::Given(n),
        (None, None) => Population::Unknown,
    };
    let mut by: Vec<GroupBy> = args.by.iter().flatten().copied().collect();
    by.sort();
    by.dedup();
    let options = IkmOptions { weight: args.weight, by, period: args.period, min_sample: args.min_sample };
    let analysis = analyse_ikm(&table, &options, population)?;
    crate::output::warn_dates_after_today(&analysis.input, args.lang)?;

    let writers = output::Writers {
        table: &|out| ikm_table::write(out, &analysis, args.lang),
        csv: &|out| ikm_csv::write(out, &analysis),
    };
    output::emit(&args.format, &analysis, &analysis.input, args.lang, writers)?;
    Ok(if args.strict && analysis.input.rows_dropped > 0 { ExitCode::from(3) } else { ExitCode::SUCCESS })
}

/// Arguments of `skm sample-size`.
#[derive(Debug, clap::Args)]
pub struct SampleSizeArgs {
    /// Service users in the period (N).
    population: u64,
}

/// Runs `skm sample-size`: prints the Krejcie–Morgan sample for N, alone.
pub fn sample_size(args: SampleSizeArgs) -> anyhow::Result<ExitCode> {
    println!("{}", skm_core::sample::krejcie_morgan(args.population));
    Ok(ExitCode::SUCCESS)
}
