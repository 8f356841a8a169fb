//! `skm populations`: the population of each of a unit's services per SKM period, counted from
//! its request files and entered in the server's database as the admin page enters it (audited),
//! so the sampling plan's targets come from the requests rather than typed by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use skm_analytics::{read_requests, requests_per_service_and_period, Mapping, RequestTable};
use skm_core::editing::Draft;
use skm_core::sample::krejcie_morgan;
use skm_core::sampling::{PopulationDraft, MAX_NOTE};
use skm_core::Period;
use skm_server::Store;

use crate::files::{inputs, read_all, LimitArgs};

/// Arguments of `skm populations`.
#[derive(Debug, clap::Args)]
pub struct PopulationsArgs {
    /// The database of `skm serve`.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The unit (its code).
    #[arg(long, value_name = "CODE")]
    unit: String,
    /// Only the unit's periods within this one (`2026`, `2026-S2`).
    #[arg(long, value_parser = crate::infographic::parse_period)]
    period: Option<Period>,
    /// Request files (CSV, XLSX, ODS), as `skm sla` reads them.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Runs `skm populations`: one line per service and period entered, with its Krejcie–Morgan
/// sample; services the unit does not offer are named and left out.
pub fn run(args: PopulationsArgs) -> anyhow::Result<ExitCode> {
    let mut store = crate::sources::open_existing(&args.db)?;
    let limits = args.limits.limits();
    let files = read_all(&args.files, &limits)?;
    let table = read_requests(&inputs(&files, &limits), &Mapping::builtin()?)?;
    for issue in &table.issues {
        eprintln!("{}", issue.message());
    }
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let note = format!("dihitung dari permohonan / counted from the requests: {}", names.join(", "));
    let counted = Counted { table: &table, note: &note, within: args.period, actor: "cli" };
    let (entered, elsewhere) = enter(&mut store, &args.unit, &counted)?;
    for d in &entered {
        println!("{}\t{}\tN = {}\tsampel / sample {}", d.period, d.service, d.population, krejcie_morgan(d.population));
    }
    if !elsewhere.is_empty() {
        eprintln!(
            "dilewati, bukan layanan unit {unit} / skipped, not services of {unit}: {}",
            elsewhere.join(", "),
            unit = args.unit
        );
    }
    eprintln!("{} populasi dicatat / populations recorded", entered.len());
    Ok(ExitCode::SUCCESS)
}

/// Requests to count, and how to record what they give.
pub struct Counted<'a> {
    /// The requests read.
    pub table: &'a RequestTable,
    /// The note each population gets (where it was counted from).
    pub note: &'a str,
    /// Only the unit's periods within this one.
    pub within: Option<Period>,
    /// Who the audit log names.
    pub actor: &'a str,
}

/// Enters the populations counted for `unit`'s services, per its SKM period (audited where
/// something changed): what was entered, and the services of the requests it does not offer.
pub fn enter(
    store: &mut Store,
    unit: &str,
    counted: &Counted<'_>,
) -> anyhow::Result<(Vec<PopulationDraft>, Vec<String>)> {
    let stored = store.unit(unit)?.ok_or_else(|| skm_server::StoreError::NoUnit(unit.to_owned()))?;
    let offered: Vec<String> =
        store.catalog(unit, skm_server::now_wib().date())?.standards().iter().map(|s| s.code.clone()).collect();
    let note: String = counted.note.chars().take(MAX_NOTE).collect();
    let now = skm_server::now_wib().to_string();
    let (mut entered, mut elsewhere) = (Vec::new(), std::collections::BTreeSet::new());
    for ((service, period), n) in requests_per_service_and_period(counted.table, stored.unit.survey.period) {
        if counted.within.is_some_and(|p| !period.within(p)) {
            continue;
        }
        if !offered.contains(&service) {
            elsewhere.insert(service);
            continue;
        }
        let draft = PopulationDraft { period: period.key(), service, population: n, note: note.clone() }.cleaned();
        if let Some(p) = draft.problems().first() {
            anyhow::bail!("{}: {} / {}", p.field, p.message_id, p.message_en);
        }
        let (before, after) = store.set_population(unit, &draft, &now)?;
        if before.as_ref() != Some(&after) {
            let action = if before.is_some() { "population.change" } else { "population.add" };
            let (old, new) = (before.and_then(|b| serde_json::to_string(&b).ok()), serde_json::to_string(&after).ok());
            let target = format!("{unit}/{}", after.id);
            store.audit(skm_server::Audit {
                actor: counted.actor,
                action,
                target: &target,
                outcome: "ok",
                old: old.as_deref(),
                new: new.as_deref(),
                ..skm_server::Audit::default()
            })?;
        }
        entered.push(draft);
    }
    Ok((entered, elsewhere.into_iter().collect()))
}
