//! The SLA analysis as tables for people (one per service, by month) and as flat CSV.

use std::io::{self, Write};

use skm_core::compliance::{ComplianceRow, SlaReport, SlaSection, Tally};
use skm_core::{Lang, Text};

use crate::words::{num, t};

/// How many breaches the table lists; JSON and CSV have them all.
const BREACHES_SHOWN: usize = 15;

fn header(out: &mut dyn Write, first: &str, l: Lang) -> io::Result<()> {
    writeln!(
        out,
        "  {:<28} {:>6} {:>6} {:>9} {:>6} {:>9} {:>9} {:>9} {:>9}",
        first,
        t("Total", "Total").get(l),
        t("Tepat", "Met").get(l),
        t("Terlambat", "Breached").get(l),
        t("Proses", "Open").get(l),
        t("Patuh %", "Met %").get(l),
        t("Median", "Median").get(l),
        "P90",
        t("Maks", "Max").get(l)
    )
}

fn line(out: &mut dyn Write, label: &str, x: &Tally, l: Lang) -> io::Result<()> {
    writeln!(
        out,
        "  {:<28} {:>6} {:>6} {:>9} {:>6} {:>9} {:>9} {:>9} {:>9}",
        label,
        x.total,
        x.met,
        x.breached,
        x.pending,
        num(x.compliance, 1, l),
        num(x.median_minutes, 0, l),
        num(x.p90_minutes, 0, l),
        num(x.max_minutes, 0, l)
    )
}

fn section(out: &mut dyn Write, title: Text, s: &SlaSection, l: Lang) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{} — {}", title.get(l), t("waktu kerja dalam menit", "working time in minutes").get(l))?;
    for service in &s.services {
        writeln!(out)?;
        writeln!(out, "{} ({}: {})", service.service, t("janji", "promise").get(l), service.promise)?;
        header(out, t("Bulan", "Month").get(l), l)?;
        for m in &service.months {
            line(out, m.month.as_deref().unwrap_or("–"), &m.tally, l)?;
        }
        line(out, t("Jumlah", "All months").get(l), &service.tally, l)?;
    }
    writeln!(out)?;
    header(out, t("Semua layanan per bulan", "All services by month").get(l), l)?;
    for m in &s.months {
        line(out, m.month.as_deref().unwrap_or("–"), &m.tally, l)?;
    }
    line(out, t("Jumlah", "All").get(l), &s.overall, l)?;
    writeln!(out)?;
    header(out, t("Kanal", "Channel").get(l), l)?;
    for c in &s.channels {
        line(out, c.channel.as_deref().filter(|c| !c.is_empty()).unwrap_or("–"), &c.tally, l)?;
    }
    if !s.tiers.is_empty() {
        writeln!(out)?;
        header(out, t("Tingkat pengaduan", "Complaint tier").get(l), l)?;
        for c in &s.tiers {
            line(out, c.tier.as_deref().unwrap_or("–"), &c.tally, l)?;
        }
    }
    Ok(())
}

/// Writes the report as tables.
pub fn write(out: &mut dyn Write, r: &SlaReport, l: Lang) -> io::Result<()> {
    writeln!(
        out,
        "{} — {} ({}), {} {}{}",
        t("Kepatuhan waktu layanan", "Service-time compliance").get(l),
        r.calendar,
        r.zone,
        t("per", "as of").get(l),
        r.as_of,
        r.year.map_or(String::new(), |y| format!(", {} {y}", t("tahun", "year").get(l)))
    )?;
    section(out, t("Permohonan layanan", "Service requests"), &r.requests, l)?;
    if let Some(c) = &r.complaints {
        section(out, t("Pengaduan", "Complaints"), c, l)?;
    }
    if !r.steps.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t("Langkah SOP", "SOP steps").get(l))?;
        writeln!(
            out,
            "  {:<34} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9}",
            t("Layanan / langkah", "Service / step").get(l),
            t("Baku", "Std").get(l),
            t("Total", "Total").get(l),
            t("Patuh %", "Met %").get(l),
            t("Median", "Median").get(l),
            t("Lambat", "Delay").get(l),
            t("Porsi %", "Share %").get(l)
        )?;
        for s in &r.steps {
            writeln!(
                out,
                "  {:<34} {:>6} {:>6} {:>9} {:>9} {:>9} {:>9}",
                format!("{} #{}", s.service, s.step),
                s.limit_minutes,
                s.tally.total,
                num(s.tally.compliance, 1, l),
                num(s.tally.median_minutes, 0, l),
                num(Some(s.delay_minutes), 0, l),
                num(s.delay_share, 1, l)
            )?;
        }
    }
    if !r.breaches.is_empty() {
        writeln!(out)?;
        writeln!(out, "{} ({})", t("Pelanggaran", "Breaches").get(l), r.breaches.len())?;
        for b in r.breaches.iter().take(BREACHES_SHOWN) {
            writeln!(
                out,
                "  {} {}: {} {}, {} {} ({} {})",
                b.service,
                b.id,
                t("batas", "due").get(l),
                b.deadline,
                t("selesai", "done").get(l),
                b.completed.as_deref().unwrap_or(t("belum", "not yet").get(l)),
                num(Some(b.late_minutes), 0, l),
                t("menit kerja terlambat", "working minutes late").get(l)
            )?;
        }
        if r.breaches.len() > BREACHES_SHOWN {
            writeln!(
                out,
                "  … {} {}",
                r.breaches.len() - BREACHES_SHOWN,
                t("lainnya (lihat --format json)", "more (see --format json)").get(l)
            )?;
        }
    }
    crate::output::write_issues(out, &r.input, l)
}

fn csv_row(section: &str, r: &ComplianceRow) -> Vec<String> {
    let mut row = vec![
        section.to_owned(),
        r.service.clone().unwrap_or_default(),
        r.month.clone().unwrap_or_default(),
        r.channel.clone().unwrap_or_default(),
        r.tier.clone().unwrap_or_default(),
    ];
    let x = &r.tally;
    let f = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    row.extend([x.total.to_string(), x.met.to_string(), x.breached.to_string(), x.pending.to_string()]);
    row.extend([f(x.compliance), f(x.median_minutes), f(x.p90_minutes), f(x.max_minutes)]);
    row
}

/// Writes one line per service, service and month, month, channel and tier.
pub fn write_csv(out: &mut dyn Write, r: &SlaReport) -> anyhow::Result<()> {
    let mut w = skm_csv::CsvWriter::new(out);
    w.row([
        "section",
        "service",
        "month",
        "channel",
        "tier",
        "total",
        "met",
        "breached",
        "pending",
        "compliance",
        "median_minutes",
        "p90_minutes",
        "max_minutes",
    ])?;
    let sections = std::iter::once(("requests", &r.requests)).chain(r.complaints.as_ref().map(|c| ("complaints", c)));
    for (name, s) in sections {
        let all = ComplianceRow { service: None, month: None, channel: None, tier: None, tally: s.overall.clone() };
        w.row(csv_row(name, &all))?;
        for service in &s.services {
            let total = ComplianceRow {
                service: Some(service.service.clone()),
                month: None,
                channel: None,
                tier: None,
                tally: service.tally.clone(),
            };
            w.row(csv_row(name, &total))?;
            for m in &service.months {
                let with_service = ComplianceRow { service: Some(service.service.clone()), ..m.clone() };
                w.row(csv_row(name, &with_service))?;
            }
        }
        for row in s.months.iter().chain(&s.channels).chain(&s.tiers) {
            w.row(csv_row(name, row))?;
        }
    }
    w.flush()?;
    Ok(())
}
