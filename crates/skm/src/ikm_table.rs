//! The IKM analysis as a table for people, in Bahasa Indonesia or English.

use std::io::{self, Write};

use skm_core::analysis::{GroupResult, IkmAnalysis, PeriodKey};
use skm_core::Lang;

use crate::words::{num, t};

fn interval(g: &GroupResult, l: Lang) -> String {
    g.ci.as_ref()
        .map_or_else(|| "–".to_owned(), |ci| format!("{}–{}", num(Some(ci.low), 2, l), num(Some(ci.high), 2, l)))
}

/// Writes the whole analysis.
pub fn write(out: &mut dyn Write, a: &IkmAnalysis, l: Lang) -> io::Result<()> {
    let o = &a.overall;
    let s = &o.summary;
    writeln!(
        out,
        "{} — {} {}",
        t("Indeks Kepuasan Masyarakat (IKM)", "Community Satisfaction Index (IKM)").get(l),
        t("bobot", "weight").get(l),
        s.weight.name()
    )?;
    for f in &a.input.files {
        writeln!(
            out,
            "  {} ({}, {}): {} {}, {} {}",
            f.file,
            f.format,
            f.layout,
            f.rows_read,
            t("baris", "rows").get(l),
            f.rows_dropped,
            t("dilewati", "skipped").get(l)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{:<24}{}", t("Responden", "Respondents").get(l), s.respondents)?;
    writeln!(
        out,
        "{:<24}{}  ({} 1–4: {})",
        "IKM",
        num(s.ikm, 2, l),
        t("skala", "scale").get(l),
        num(s.ikm_scale4, 4, l)
    )?;
    writeln!(out, "{:<24}{}", t("Selang kepercayaan 95%", "95% confidence").get(l), interval(o, l))?;
    writeln!(out, "{:<24}{}", t("Mutu pelayanan", "Service grade").get(l), skm_core::format::grade(s.grade, l))?;
    if let Some(sample) = &o.sample {
        let verdict = sample.remark(l).unwrap_or_else(|| t("cukup", "enough").get(l).to_owned());
        match sample.population {
            Some(population) => writeln!(
                out,
                "{:<24}N = {} ({}), {} {} — {}",
                t("Sampel", "Sample").get(l),
                num(Some(population as f64), 0, l),
                sample.source,
                t("diperlukan (Krejcie–Morgan)", "required (Krejcie–Morgan)").get(l),
                sample.required,
                verdict
            )?,
            None => writeln!(
                out,
                "{:<24}{} {} ({}) — {}",
                t("Sampel", "Sample").get(l),
                t("paling sedikit", "at least").get(l),
                sample.required,
                t("N tidak diketahui; --min-sample", "N not known; --min-sample").get(l),
                verdict
            )?,
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<44} {:>8} {:>7} {:>9}  {}",
        t("Unsur", "Element").get(l),
        t("Jawaban", "Answers").get(l),
        "NRR",
        t("NRR×bobot", "NRR×w").get(l),
        t("Mutu", "Grade").get(l)
    )?;
    for e in &s.elements {
        let name = format!("{} {}", e.element.id(), e.element.text().name.get(l));
        writeln!(
            out,
            "{:<44} {:>8} {:>7} {:>9}  {}",
            name,
            e.answers,
            num(e.nrr, 3, l),
            num(e.weighted_nrr, 3, l),
            e.grade.map_or("–", |g| g.letter())
        )?;
    }
    let weakest: Vec<String> =
        o.weakest.iter().take(3).map(|w| format!("{} ({})", w.element.id(), num(Some(w.nrr), 3, l))).collect();
    writeln!(
        out,
        "{}: {}",
        t("Unsur terlemah (bahan RTL)", "Weakest elements (for the follow-up plan)").get(l),
        weakest.join(", ")
    )?;

    for breakdown in &o.profile {
        writeln!(out)?;
        writeln!(
            out,
            "{:<28} {:>10} {:>7} {:>7}  {}",
            breakdown.field.label().get(l),
            t("Responden", "Respondents").get(l),
            "%",
            "IKM",
            t("Mutu", "Grade").get(l)
        )?;
        for row in &breakdown.rows {
            let label = match &row.value {
                Some(code) => breakdown.field.value_label(code).map_or(code.clone(), |t| t.get(l).to_owned()),
                None => t("(tidak diisi)", "(not given)").get(l).to_owned(),
            };
            let remark =
                if row.sample_met || row.respondents == 0 { "" } else { skm_core::analysis::SAMPLE_TOO_SMALL.get(l) };
            writeln!(
                out,
                "  {:<26} {:>10} {:>7} {:>7}  {:<5} {}",
                label,
                row.respondents,
                num(Some(row.share), 1, l),
                num(row.ikm, 2, l),
                row.grade.map_or("–", |g| g.letter()),
                remark
            )?;
        }
    }

    if !a.groups.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{:<30} {:<18} {:>9} {:>7} {:>13}  {:<5} {}",
            t("Layanan", "Service").get(l),
            t("Periode", "Period").get(l),
            t("Responden", "Respondents").get(l),
            "IKM",
            t("SK 95%", "95% CI").get(l),
            t("Mutu", "Grade").get(l),
            t("Perubahan", "Change").get(l)
        )?;
        for g in &a.groups {
            let change = g.change.as_ref().map_or(String::new(), |c| {
                let sign = if c.delta >= 0.0 { "+" } else { "" };
                let noise =
                    if c.significant { t("nyata", "significant") } else { t("dalam batas galat", "within noise") };
                format!(
                    "{sign}{} {} {} ({})",
                    num(Some(c.delta), 2, l),
                    t("dari", "from").get(l),
                    c.previous,
                    noise.get(l)
                )
            });
            let sample = g.sample.as_ref().and_then(|s| s.remark(l)).map_or(String::new(), |r| format!("  ⚠ {r}"));
            writeln!(
                out,
                "{:<30} {:<18} {:>9} {:>7} {:>13}  {:<5} {}{}",
                g.key.service.as_deref().unwrap_or("–"),
                g.key.period.map_or("–".to_owned(), |p: PeriodKey| p.label(l)),
                g.summary.respondents,
                num(g.summary.ikm, 2, l),
                interval(g, l),
                g.summary.grade.map_or("–", |g| g.letter()),
                change,
                sample
            )?;
        }
    }
    crate::output::write_issues(out, &a.input, l)
}
