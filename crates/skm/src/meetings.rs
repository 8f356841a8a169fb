//! `skm meetings`: did the office hold the evaluation meetings its standards promise?

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use skm_analytics::{analyse_meetings, read_responses, Mapping, MeetingInputs};
use skm_core::date::parse_date;
use skm_core::evaluation::{MeetingReport, MeetingRule, MonthStatus};
use skm_core::Lang;

use crate::catalog;
use crate::files::{inputs, read_all, LimitArgs};
use crate::output;
use crate::words::{num, t};

/// Arguments of `skm meetings`.
#[derive(Debug, clap::Args)]
pub struct MeetingsArgs {
    /// Meeting files (meetings.csv or XLSX: date,unit,title,attendees,minutes_ref).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Action files (meeting_date,action,owner,due,done_at).
    #[arg(long, num_args = 1..)]
    actions: Vec<PathBuf>,
    /// Survey responses, to tell whether the year's SKM was held.
    #[arg(long, num_args = 1..)]
    responses: Vec<PathBuf>,
    /// The year (default: the year of --as-of).
    #[arg(long)]
    year: Option<i16>,
    /// Judge as of this date (default: today in WIB).
    #[arg(long)]
    as_of: Option<String>,
    /// Take the rule from this service's standard (default: the strictest of the catalog).
    #[arg(long)]
    service: Option<String>,
    /// Service standards (TOML files or folders) instead of the built-in catalog.
    #[arg(long, num_args = 1.., conflicts_with = "code")]
    services: Vec<PathBuf>,
    #[command(flatten)]
    unit: crate::sources::UnitSource,
    /// Output: table, json or csv.
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
    format: String,
    /// Language of the table: id or en.
    #[arg(long, default_value = "id", value_parser = |t: &str| Lang::from_tag(t).ok_or("id, en"))]
    lang: Lang,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Runs `skm meetings`.
pub fn run(args: MeetingsArgs) -> anyhow::Result<ExitCode> {
    let catalog = match args.unit.open()? {
        Some(db) => db.catalog()?,
        None => catalog::load(&args.services)?,
    };
    let rule = match &args.service {
        Some(code) => {
            let standard = catalog
                .get(code)
                .with_context(|| format!("--service '{code}': tidak ada di katalog / not in the catalog"))?;
            MeetingRule::of_standard(standard).with_context(|| {
                format!("--service '{code}': standar tanpa evaluasi kinerja / standard without an evaluation section")
            })?
        }
        None => MeetingRule::from_catalog(&catalog)
            .context("katalog tanpa aturan rapat evaluasi / no standard in the catalog has an evaluation rule")?,
    };
    let as_of = match &args.as_of {
        Some(text) => {
            parse_date(text).with_context(|| format!("--as-of '{text}': tanggal tidak terbaca / unreadable date"))?
        }
        None => jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7))).date(),
    };
    let year = args.year.unwrap_or(as_of.year());
    if !(2000..=2100).contains(&year) {
        bail!("--year {year}: di luar 2000–2100 / outside 2000–2100");
    }
    let limits = args.limits.limits();
    let (meetings, actions, responses) =
        (read_all(&args.files, &limits)?, read_all(&args.actions, &limits)?, read_all(&args.responses, &limits)?);
    let table = if responses.is_empty() {
        None
    } else {
        Some(read_responses(&inputs(&responses, &limits), &Mapping::builtin()?)?)
    };
    let (meetings, actions) = (inputs(&meetings, &limits), inputs(&actions, &limits));
    let report = analyse_meetings(
        MeetingInputs { meetings: &meetings, actions: &actions, responses: table.as_ref() },
        &rule,
        year,
        as_of,
    )?;
    let writers =
        output::Writers { table: &|out| write_table(out, &report, args.lang), csv: &|out| write_csv(out, &report) };
    output::emit(&args.format, &report, &report.input, args.lang, writers)?;
    Ok(ExitCode::SUCCESS)
}

fn roles(list: &[skm_core::catalog::Role], l: Lang) -> String {
    list.iter().map(|r| r.label().get(l)).collect::<Vec<_>>().join(", ")
}

fn write_table(out: &mut dyn Write, r: &MeetingReport, l: Lang) -> io::Result<()> {
    writeln!(
        out,
        "{} {} — {} {}",
        t("Rapat evaluasi kinerja pelaksana", "Staff performance evaluation meetings").get(l),
        r.year,
        t("per", "as of").get(l),
        r.as_of
    )?;
    writeln!(
        out,
        "{} {} {} {} ({})",
        t("Aturan: minimal", "Rule: at least").get(l),
        r.rule.meetings_per_month,
        t("rapat sebulan, dihadiri", "meeting(s) a month, attended by").get(l),
        roles(&r.rule.required_roles, l),
        r.rule.sources.join(", ")
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "  {:<9} {:>6} {:>8}  {:<16} {}",
        t("Bulan", "Month").get(l),
        t("Rapat", "Held").get(l),
        t("Sesuai", "Proper").get(l),
        t("Status", "Status").get(l),
        t("Tidak hadir", "Missing").get(l)
    )?;
    for m in &r.months {
        let status = match m.status {
            MonthStatus::Compliant => t("terpenuhi", "kept"),
            MonthStatus::Missed => t("tidak terpenuhi", "missed"),
            MonthStatus::InProgress => t("berjalan", "in progress"),
        };
        writeln!(
            out,
            "  {:<9} {:>6} {:>8}  {:<16} {}",
            m.month,
            m.meetings,
            m.compliant_meetings,
            status.get(l),
            roles(&m.missing_roles, l)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}: {}/{} {} ({} %), {}: {}",
        t("Kepatuhan", "Compliance").get(l),
        r.months_compliant,
        r.months_elapsed,
        t("bulan", "months").get(l),
        num(r.compliance, 1, l),
        t("jeda terpanjang (bulan)", "longest gap (months)").get(l),
        r.longest_gap_months
    )?;
    let attendance: Vec<String> =
        r.attendance.iter().map(|a| format!("{} {} %", a.role.label().get(l), num(a.rate, 0, l))).collect();
    writeln!(out, "{}: {}", t("Kehadiran", "Attendance").get(l), attendance.join(", "))?;
    if let Some(a) = &r.actions {
        writeln!(
            out,
            "{}: {} — {} {}, {} {}, {} {}, {} {}",
            t("Tindak lanjut", "Actions").get(l),
            a.total,
            a.done_on_time,
            t("tepat waktu", "on time").get(l),
            a.done_late,
            t("terlambat", "late").get(l),
            a.overdue,
            t("lewat tenggat", "overdue").get(l),
            a.open,
            t("berjalan", "open").get(l)
        )?;
        for o in &a.overdue_list {
            writeln!(
                out,
                "  {} ({}, {} {}): {} {}",
                o.action,
                o.owner,
                t("tenggat", "due").get(l),
                o.due,
                o.days_overdue,
                t("hari lewat", "days over").get(l)
            )?;
        }
    }
    if let Some(s) = &r.skm {
        let verdict = if s.held { t("dilaksanakan", "held") } else { t("belum dilaksanakan", "not held") };
        writeln!(out, "SKM {}: {} ({} {})", r.year, verdict.get(l), s.responses, t("responden", "respondents").get(l))?;
    }
    crate::output::write_issues(out, &r.input, l)
}

fn write_csv(out: &mut dyn Write, r: &MeetingReport) -> anyhow::Result<()> {
    let mut w = skm_csv::CsvWriter::new(out);
    w.row(["month", "meetings", "compliant_meetings", "compliant", "status", "missing_roles"])?;
    for m in &r.months {
        let status = match m.status {
            MonthStatus::Compliant => "compliant",
            MonthStatus::Missed => "missed",
            MonthStatus::InProgress => "in_progress",
        };
        let missing: Vec<&str> = m.missing_roles.iter().map(|r| r.code()).collect();
        w.row([
            m.month.clone(),
            m.meetings.to_string(),
            m.compliant_meetings.to_string(),
            m.compliant.to_string(),
            status.to_owned(),
            missing.join(";"),
        ])?;
    }
    w.flush()?;
    Ok(())
}
