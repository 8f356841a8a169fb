//! The report as one self-contained HTML page (charts inline as SVG) that prints to A4.

use std::fmt::Write;

use skm_core::analysis::SAMPLE_TOO_SMALL;
use skm_core::format::{date_long, decimal_id, integer_id, moment_short};
use skm_core::grade::GRADE_TABLE;
use skm_core::year::{repeated_suggestions, FileKind};

use crate::words::Words;
use crate::{Chart, Report};

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A table: header cells, then rows; cells are escaped, numbers right-aligned by `num` columns.
fn table(id: &str, header: &[String], rows: &[Vec<String>], num: &[usize]) -> String {
    let mut s = format!("<table id=\"{id}\"><thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let class = if num.contains(&i) { " class=\"num\"" } else { "" };
        let _ = write!(s, "<th{class}>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>");
    for row in rows {
        s.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if num.contains(&i) { " class=\"num\"" } else { "" };
            let _ = write!(s, "<td{class}>{}</td>", esc(cell));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

fn figure(chart: Option<&Chart>, number: &mut u32, w: Words) -> String {
    let Some(c) = chart else { return String::new() };
    *number += 1;
    format!(
        "<figure class=\"chart\" id=\"chart-{}\">{}<figcaption>{} {number}. {}</figcaption></figure>",
        c.name,
        c.svg,
        w.t("Gambar", "Figure"),
        esc(&c.caption)
    )
}

fn opt(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| decimal_id(v, decimals))
}

const STYLE: &str = "
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: #1f2937; font-size: 10.5pt; line-height: 1.45; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 9mm 0 3mm; border-bottom: 1px solid #cbd5e1; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
.cover { text-align: center; padding: 40mm 0 20mm; break-after: page; }
.cover .unit { font-size: 13pt; } .cover .big { font-size: 44pt; font-weight: 800; margin: 10mm 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 3mm 0; font-size: 9.5pt; break-inside: auto; }
th, td { border: 1px solid #cbd5e1; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #f1f5f9; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
figure { margin: 4mm 0; break-inside: avoid; } figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #4b5563; text-align: center; }
.note { color: #6b7280; font-style: italic; }
.sign { margin-top: 15mm; text-align: right; }
";

/// The whole report.
pub fn html(r: &Report<'_>, charts: &[Chart]) -> String {
    let l = r.lang;
    let w = Words(l);
    let y = r.year.year;
    let chart = |name: &str| charts.iter().find(|c| c.name == name);
    let mut n = 0u32;
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        l.tag(),
        esc(&w.t(&format!("Laporan SKM {y}"), &format!("SKM report {y}")))
    );
    let ikm = r.year.ikm.as_ref();
    let overall = ikm.map(|a| &a.overall.summary);
    let _ = write!(
        s,
        "<section class=\"cover\"><div class=\"unit\">{}</div><h1>{}</h1><div>{}</div>",
        esc(r.unit),
        esc(&w.t(
            &format!("Laporan Hasil Survei Kepuasan Masyarakat Tahun {y}"),
            &format!("Public Satisfaction Survey Report {y}")
        )),
        esc(&w.t(
            "beserta kepatuhan standar pelayanan dan rapat evaluasi",
            "with service-standard compliance and evaluation meetings"
        ))
    );
    if let Some(o) = overall {
        let _ = write!(
            s,
            "<div class=\"big\" id=\"ikm-unit\">{}</div><div>{} {} · {}</div>",
            opt(o.ikm, 2),
            esc(&w.t("Mutu", "Grade")),
            o.grade.map_or("–", |g| g.letter()),
            esc(o.grade.map_or("", |g| g.label().get(l)))
        );
    }
    let _ = write!(s, "<p>{}</p></section>", esc(&date_long(r.made_on, l)));

    // 1. Introduction.
    let _ = write!(s, "<h2>1. {}</h2>", esc(&w.t("Pendahuluan", "Introduction")));
    let _ = write!(
        s,
        "<p>{}</p>",
        esc(&w.t(
            &format!("Survei Kepuasan Masyarakat (SKM) mengukur kepuasan masyarakat atas pelayanan {} sebagai bahan perbaikan pelayanan. Laporan ini juga menilai ketepatan waktu pelayanan dan pengaduan terhadap standar pelayanan yang dipublikasikan, serta pelaksanaan rapat evaluasi bulanan.", r.unit),
            &format!("The Public Satisfaction Survey (SKM) measures citizens' satisfaction with the services of {} as input for improving them. This report also judges the timeliness of services and complaints against the published service standards, and whether the monthly evaluation meetings were held.", r.unit)
        ))
    );
    let _ = write!(s, "<h3>{}</h3><ul>", esc(&w.t("Dasar hukum", "Legal basis")));
    for basis in [
        w.t("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "Law 25/2009 on Public Services"),
        w.t(
            "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009",
            "Government Regulation 96/2012 implementing Law 25/2009",
        ),
        w.t(
            "Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat",
            "Regulation 14/2017 of the Minister for Administrative and Bureaucratic Reform on the SKM guidelines",
        ),
        w.t(
            "Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan",
            "Regulation 15/2014 of the Minister for Administrative and Bureaucratic Reform on service standards",
        ),
    ] {
        let _ = write!(s, "<li>{}</li>", esc(&basis));
    }
    for standard in r.catalog.standards() {
        let _ = write!(
            s,
            "<li>{} {}</li>",
            esc(&w.t("Standar pelayanan", "Service standard")),
            esc(&r.service_name(&standard.code))
        );
    }
    s.push_str("</ul>");

    // 2. Method.
    let _ = write!(s, "<h2>2. {}</h2>", esc(&w.t("Metode", "Method")));
    let respondents = overall.map_or(0, |o| o.respondents);
    let weight = overall.map_or(skm_core::WeightConvention::Exact, |o| o.weight);
    let _ = write!(
        s,
        "<p>{}</p>",
        esc(&w.t(
            &format!("Periode survei: 1 Januari – 31 Desember {y}. Responden: {}. Kuesioner memuat sembilan unsur pelayanan (U1–U9) dengan empat pilihan jawaban bernilai 1–4. Bobot tiap unsur: {} (1/9 tepat bila «exact»). IKM = Σ(NRR × bobot), dikonversi dengan × 25.", integer_id(respondents), weight.name()),
            &format!("Survey period: 1 January – 31 December {y}. Respondents: {}. The questionnaire has nine elements (U1–U9) with four answers scored 1–4. Weight of each element: {} (exactly 1/9 for «exact»). IKM = Σ(NRR × weight), converted by × 25.", integer_id(respondents), weight.name())
        ))
    );
    if let Some(a) = ikm {
        let rows: Vec<Vec<String>> = a
            .groups
            .iter()
            .filter_map(|g| {
                let sample = g.sample.as_ref()?;
                Some(vec![
                    r.service_name(g.key.service.as_deref().unwrap_or("")),
                    sample.population.map_or_else(|| "–".to_owned(), integer_id),
                    integer_id(sample.required),
                    integer_id(sample.respondents),
                    sample.remark(l).unwrap_or_else(|| w.t("memenuhi", "met")),
                ])
            })
            .collect();
        if !rows.is_empty() {
            let _ = write!(
                s,
                "<h3>{}</h3>",
                esc(&w.t("Jumlah sampel (Krejcie dan Morgan)", "Sample size (Krejcie and Morgan)"))
            );
            let minimum = a.overall.sample.as_ref().filter(|c| c.population.is_none()).map(|c| c.required);
            let rule = match minimum {
                Some(m) => w.t(
                    &format!("Bila jumlah pengguna layanan (N) diketahui, sampel yang diperlukan dihitung dengan rumus Krejcie dan Morgan; bila tidak, paling sedikit {m} responden. Nilai IKM kelompok yang sampelnya belum cukup ditandai «sampel belum cukup» dan dibaca dengan hati-hati."),
                    &format!("Where the number of service users (N) is known, the sample required follows Krejcie and Morgan; otherwise at least {m} respondents. The IKM of a group whose sample is too small is marked «sample too small» and read with care."),
                ),
                None => w.t(
                    "Sampel yang diperlukan dihitung dengan rumus Krejcie dan Morgan dari jumlah pengguna layanan (N). Nilai IKM kelompok yang sampelnya belum cukup ditandai «sampel belum cukup» dan dibaca dengan hati-hati.",
                    "The sample required follows Krejcie and Morgan from the number of service users (N). The IKM of a group whose sample is too small is marked «sample too small» and read with care.",
                ),
            };
            let _ = write!(s, "<p>{}</p>", esc(&rule));
            if let Some(from) = population_sources(a, w) {
                let _ = write!(s, "<p>{}</p>", esc(&from));
            }
            let header = [
                w.t("Layanan", "Service"),
                w.t("Populasi (N)", "Population (N)"),
                w.t("Sampel yang diperlukan", "Sample required"),
                w.t("Responden", "Respondents"),
                w.t("Keterangan", "Remark"),
            ];
            s.push_str(&table("sample", &header, &rows, &[1, 2, 3]));
        }
    }
    let _ = write!(
        s,
        "<h3>{}</h3>",
        esc(&w.t("Nilai persepsi, interval dan mutu pelayanan", "Perception values, intervals and grades"))
    );
    let rows: Vec<Vec<String>> = GRADE_TABLE
        .iter()
        .map(|b| {
            vec![
                b.perception.to_string(),
                b.interval_text.to_owned(),
                format!(
                    "{} – {}",
                    decimal_id(f64::from(b.converted_min_hundredths) / 100.0, 2),
                    decimal_id(f64::from(b.converted_max_hundredths) / 100.0, 2)
                ),
                b.grade.letter().to_owned(),
                b.label.get(l).to_owned(),
            ]
        })
        .collect();
    let header = [
        w.t("Nilai persepsi", "Perception"),
        w.t("Nilai interval", "Interval"),
        w.t("Nilai interval konversi", "Converted interval"),
        w.t("Mutu", "Grade"),
        w.t("Kinerja unit", "Performance"),
    ];
    s.push_str(&table("grades", &header, &rows, &[]));

    // 3. Results.
    let _ = write!(s, "<h2>3. {}</h2>", esc(&w.t("Hasil survei", "Survey results")));
    match ikm {
        None => {
            let _ = write!(s, "<p class=\"note\">{}</p>", esc(&missing(w, FileKind::Responses)));
        }
        Some(a) => {
            let o = &a.overall.summary;
            let _ = write!(s, "<h3>3.1 {}</h3>", esc(&w.t("Profil responden", "Respondents' profile")));
            for p in &a.overall.profile {
                let rows: Vec<Vec<String>> = p
                    .rows
                    .iter()
                    .map(|row| {
                        let label = p.field.answer_label(row.value.as_deref(), l);
                        let remark = if row.sample_met || row.respondents == 0 {
                            String::new()
                        } else {
                            SAMPLE_TOO_SMALL.get(l).to_owned()
                        };
                        vec![
                            label,
                            integer_id(row.respondents),
                            format!("{}%", decimal_id(row.share, 1)),
                            opt(row.ikm, 2),
                            remark,
                        ]
                    })
                    .collect();
                let _ = write!(s, "<p><b>{}</b></p>", esc(p.field.label().get(l)));
                s.push_str(&table(
                    &format!("profile-{}", p.field.column()),
                    &[
                        p.field.label().get(l).to_owned(),
                        w.t("Responden", "Respondents"),
                        "%".into(),
                        "IKM".into(),
                        w.t("Keterangan", "Remark"),
                    ],
                    &rows,
                    &[1, 2, 3],
                ));
                s.push_str(&figure(chart(crate::profile_chart_name(p.field)), &mut n, w));
            }
            let _ = write!(s, "<h3>3.2 {}</h3>", esc(&w.t("Nilai per unsur pelayanan", "Score per element")));
            let rows: Vec<Vec<String>> = o
                .elements
                .iter()
                .map(|e| {
                    vec![
                        e.element.id().to_owned(),
                        e.element.text().name.get(l).to_owned(),
                        integer_id(e.answers),
                        opt(e.nrr, 3),
                        opt(e.weighted_nrr, 4),
                        e.grade.map_or("–", |g| g.letter()).to_owned(),
                    ]
                })
                .collect();
            let header = [
                w.t("Unsur", "Element"),
                w.t("Nama unsur", "Name"),
                w.t("Jawaban", "Answers"),
                "NRR".into(),
                w.t("NRR tertimbang", "Weighted NRR"),
                w.t("Mutu", "Grade"),
            ];
            s.push_str(&table("elements", &header, &rows, &[2, 3, 4]));
            s.push_str(&figure(chart("nrr-per-unsur"), &mut n, w));
            let _ =
                write!(s, "<h3>3.3 {}</h3>", esc(&w.t("IKM per layanan dan unit", "IKM per service and for the unit")));
            let mut rows: Vec<Vec<String>> = a
                .groups
                .iter()
                .map(|g| {
                    vec![
                        r.service_name(g.key.service.as_deref().unwrap_or("")),
                        integer_id(g.summary.respondents),
                        opt(g.summary.ikm, 2),
                        g.ci.as_ref().map_or_else(
                            || "–".into(),
                            |c| format!("{} – {}", decimal_id(c.low, 2), decimal_id(c.high, 2)),
                        ),
                        g.summary.grade.map_or("–", |g| g.letter()).to_owned(),
                        g.sample.as_ref().and_then(|c| c.remark(l)).unwrap_or_default(),
                    ]
                })
                .collect();
            rows.push(vec![
                w.t("Unit pelayanan", "Service unit"),
                integer_id(o.respondents),
                opt(o.ikm, 2),
                a.overall
                    .ci
                    .as_ref()
                    .map_or_else(|| "–".into(), |c| format!("{} – {}", decimal_id(c.low, 2), decimal_id(c.high, 2))),
                o.grade.map_or("–", |g| g.letter()).to_owned(),
                a.overall.sample.as_ref().and_then(|c| c.remark(l)).unwrap_or_default(),
            ]);
            let header = [
                w.t("Layanan", "Service"),
                w.t("Responden", "Respondents"),
                "IKM".into(),
                w.t("Selang kepercayaan 95%", "95% confidence interval"),
                w.t("Mutu", "Grade"),
                w.t("Keterangan", "Remark"),
            ];
            s.push_str(&table("ikm-services", &header, &rows, &[1, 2]));
            s.push_str(&figure(chart("ikm-per-layanan"), &mut n, w));
            if let Some(change) = r.change() {
                let sign = if change.delta >= 0.0 { "+" } else { "" };
                let _ = write!(
                    s,
                    "<p id=\"change\">{}</p>",
                    esc(&w.t(
                        &format!(
                            "Dibandingkan tahun {}: {sign}{} poin ({}).",
                            change.previous,
                            decimal_id(change.delta, 2),
                            if change.significant { "bermakna secara statistik" } else { "dalam batas variasi sampel" }
                        ),
                        &format!(
                            "Compared with {}: {sign}{} points ({}).",
                            change.previous,
                            decimal_id(change.delta, 2),
                            if change.significant { "statistically significant" } else { "within sampling noise" }
                        )
                    ))
                );
            }
            s.push_str(&figure(chart("ikm-per-periode"), &mut n, w));
        }
    }

    // 4. Service times.
    let _ = write!(
        s,
        "<h2>4. {}</h2>",
        esc(&w.t("Kepatuhan waktu pelayanan dan pengaduan", "Timeliness of services and complaints"))
    );
    match &r.year.sla {
        None => {
            let _ = write!(s, "<p class=\"note\">{}</p>", esc(&missing(w, FileKind::Requests)));
        }
        Some(sla) => {
            let rows: Vec<Vec<String>> = sla
                .requests
                .services
                .iter()
                .map(|sv| {
                    vec![
                        r.service_name(&sv.service),
                        sv.promise.clone(),
                        integer_id(sv.tally.total),
                        integer_id(sv.tally.met),
                        integer_id(sv.tally.breached),
                        integer_id(sv.tally.pending),
                        opt(sv.tally.compliance, 1),
                    ]
                })
                .collect();
            let header = [
                w.t("Layanan", "Service"),
                w.t("Janji waktu", "Promise"),
                w.t("Permohonan", "Requests"),
                w.t("Tepat", "On time"),
                w.t("Terlambat", "Late"),
                w.t("Berjalan", "Pending"),
                "% ".into(),
            ];
            s.push_str(&table("sla-services", &header, &rows, &[2, 3, 4, 5, 6]));
            s.push_str(&figure(chart("kepatuhan-per-bulan"), &mut n, w));
            s.push_str(&figure(chart("waktu-terhadap-janji"), &mut n, w));
            match &sla.complaints {
                Some(c) => {
                    let _ = write!(s, "<h3>{}</h3>", esc(&w.t("Pengaduan per jenis", "Complaints per tier")));
                    let rows: Vec<Vec<String>> = c
                        .tiers
                        .iter()
                        .map(|t| {
                            let name = t
                                .tier
                                .as_deref()
                                .and_then(skm_core::catalog::ComplaintTier::from_code)
                                .map_or_else(|| t.tier.clone().unwrap_or_default(), |c| c.label().get(l).to_owned());
                            vec![
                                name,
                                integer_id(t.tally.total),
                                integer_id(t.tally.met),
                                integer_id(t.tally.breached),
                                opt(t.tally.compliance, 1),
                            ]
                        })
                        .collect();
                    let header = [
                        w.t("Jenis", "Tier"),
                        w.t("Pengaduan", "Complaints"),
                        w.t("Tepat", "On time"),
                        w.t("Terlambat", "Late"),
                        "%".into(),
                    ];
                    s.push_str(&table("complaint-tiers", &header, &rows, &[1, 2, 3, 4]));
                }
                None => {
                    let _ = write!(s, "<p class=\"note\">{}</p>", esc(&missing(w, FileKind::Complaints)));
                }
            }
            if sla.steps.is_empty() {
                let _ = write!(s, "<p class=\"note\">{}</p>", esc(&missing(w, FileKind::Steps)));
            } else {
                let _ = write!(s, "<h3>{}</h3>", esc(&w.t("Hambatan langkah SOP", "SOP bottlenecks")));
                s.push_str(&figure(chart("hambatan-sop"), &mut n, w));
            }
            let mut worst: Vec<_> = sla.breaches.iter().collect();
            worst.sort_by(|a, b| b.late_minutes.total_cmp(&a.late_minutes));
            let rows: Vec<Vec<String>> = worst
                .iter()
                .take(10)
                .map(|b| {
                    vec![
                        b.id.clone(),
                        r.service_name(&b.service),
                        moment_short(&b.received, l),
                        moment_short(&b.deadline, l),
                        b.completed.as_deref().map_or_else(|| "–".into(), |c| moment_short(c, l)),
                        decimal_id(b.late_minutes / 60.0, 1),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                let _ = write!(s, "<h3>{}</h3>", esc(&w.t("Sepuluh keterlambatan terbesar", "The ten largest delays")));
                let header = [
                    "ID".into(),
                    w.t("Layanan", "Service"),
                    w.t("Diterima", "Received"),
                    w.t("Batas", "Deadline"),
                    w.t("Selesai", "Done"),
                    w.t("Terlambat (jam kerja)", "Late (working hours)"),
                ];
                s.push_str(&table("breaches", &header, &rows, &[5]));
            }
        }
    }

    // 5. Meetings.
    let _ = write!(s, "<h2>5. {}</h2>", esc(&w.t("Rapat evaluasi kinerja", "Performance evaluation meetings")));
    match &r.year.meetings {
        None => {
            let _ = write!(s, "<p class=\"note\">{}</p>", esc(&missing(w, FileKind::Meetings)));
        }
        Some(m) => {
            let _ = write!(
                s,
                "<p id=\"meetings-line\">{}</p>",
                esc(&w.t(
                    &format!(
                        "Bulan dengan rapat evaluasi sesuai standar: {} dari {} ({}%). Jeda terpanjang: {} bulan.",
                        m.months_compliant,
                        m.months_elapsed,
                        opt(m.compliance, 1),
                        m.longest_gap_months
                    ),
                    &format!(
                        "Months with a compliant evaluation meeting: {} of {} ({}%). Longest gap: {} months.",
                        m.months_compliant,
                        m.months_elapsed,
                        opt(m.compliance, 1),
                        m.longest_gap_months
                    )
                ))
            );
            s.push_str(&figure(chart("rapat-evaluasi"), &mut n, w));
            if let Some(a) = &m.actions {
                let rows = vec![vec![
                    integer_id(a.total),
                    integer_id(a.done_on_time),
                    integer_id(a.done_late),
                    integer_id(a.overdue),
                    integer_id(a.open),
                ]];
                let header = [
                    w.t("Tindak lanjut", "Actions"),
                    w.t("Selesai tepat waktu", "Done on time"),
                    w.t("Selesai terlambat", "Done late"),
                    w.t("Lewat batas", "Overdue"),
                    w.t("Terbuka", "Open"),
                ];
                s.push_str(&table("actions", &header, &rows, &[0, 1, 2, 3, 4]));
            }
        }
    }

    // 6. Suggestions.
    let _ = write!(s, "<h2>6. {}</h2>", esc(&w.t("Saran dan masukan masyarakat", "Citizens' suggestions")));
    let repeated = repeated_suggestions(&r.year.suggestions);
    if r.year.suggestions.is_empty() {
        let _ =
            write!(s, "<p class=\"note\">{}</p>", esc(&w.t("Tidak ada saran tertulis.", "No written suggestions.")));
    } else {
        let _ = write!(
            s,
            "<p>{}</p>",
            esc(&w.t(
                &format!("{} saran tertulis; yang berulang:", r.year.suggestions.len()),
                &format!("{} written suggestions; those made more than once:", r.year.suggestions.len())
            ))
        );
        let rows: Vec<Vec<String>> = repeated.iter().map(|(t, c)| vec![t.clone(), integer_id(*c)]).collect();
        s.push_str(&table("suggestions", &[w.t("Saran", "Suggestion"), w.t("Jumlah", "Count")], &rows, &[1]));
    }

    // 7. Conclusions.
    let _ = write!(s, "<h2>7. {}</h2><ul id=\"conclusions\">", esc(&w.t("Kesimpulan", "Conclusions")));
    if let (Some(a), Some(o)) = (ikm, overall) {
        let _ = write!(
            s,
            "<li>{}</li>",
            esc(&w.t(
                &format!(
                    "IKM {} tahun {y} adalah {} (mutu {}, {}).",
                    r.unit,
                    opt(o.ikm, 2),
                    o.grade.map_or("–", |g| g.letter()),
                    o.grade.map_or("", |g| g.label().id)
                ),
                &format!(
                    "The IKM of {} in {y} is {} (grade {}, {}).",
                    r.unit,
                    opt(o.ikm, 2),
                    o.grade.map_or("–", |g| g.letter()),
                    o.grade.map_or("", |g| g.label().en)
                )
            ))
        );
        let weakest: Vec<String> = a
            .overall
            .weakest
            .iter()
            .take(3)
            .map(|e| format!("{} {} ({})", e.element.id(), e.element.text().name.get(l), decimal_id(e.nrr, 2)))
            .collect();
        let _ =
            write!(s, "<li>{}: {}.</li>", esc(&w.t("Unsur terlemah", "Weakest elements")), esc(&weakest.join(", ")));
    }
    if let Some(sla) = &r.year.sla {
        let _ = write!(
            s,
            "<li>{}: {}%.</li>",
            esc(&w.t("Permohonan selesai tepat waktu", "Requests completed on time")),
            opt(sla.requests.overall.compliance, 1)
        );
    }
    if let Some(m) = &r.year.meetings {
        let _ = write!(
            s,
            "<li>{}: {}/{}.</li>",
            esc(&w.t("Bulan dengan rapat evaluasi sesuai", "Months with a compliant meeting")),
            m.months_compliant,
            m.months_elapsed
        );
    }
    s.push_str("</ul>");

    // 8. Follow-up plan.
    let _ = write!(s, "<h2>8. {}</h2>", esc(&w.t("Rencana tindak lanjut", "Follow-up plan")));
    let plan = crate::plan(r);
    let _ = write!(s, "<p class=\"note\">{}</p>", esc(&plan.note));
    s.push_str(&table("follow-up", &plan.header, &plan.rows, &[0]));
    if let Some(published) = crate::publications(r) {
        let _ = write!(
            s,
            "<h3>{}</h3><p class=\"note\" id=\"publications-note\">{}</p>",
            esc(&w.t("Publikasi hasil survei", "Publication of the results")),
            esc(&published.note)
        );
        if !published.rows.is_empty() {
            s.push_str(&table("publications", &published.header, &published.rows, &[0]));
        }
    }

    let _ = write!(
        s,
        "<p class=\"sign\">{}<br>{}<br><br><br>(....................................)</p>",
        esc(&date_long(r.made_on, l)),
        esc(&w.t("Kepala", "Head"))
    );
    if let Some(before) = crate::previous(r) {
        let _ = write!(
            s,
            "<h2 class=\"appendix\">{}</h2><p class=\"note\">{}</p>",
            esc(&w.t(
                &format!("Lampiran: tindak lanjut hasil tahun {}", r.year.year - 1),
                &format!("Appendix: follow-up of the results of {}", r.year.year - 1)
            )),
            esc(&before.note)
        );
        if !before.rows.is_empty() {
            s.push_str(&table("follow-up-previous", &before.header, &before.rows, &[0]));
        }
    }
    s.push_str("</body></html>");
    s
}

fn missing(w: Words, kind: FileKind) -> String {
    w.t(
        &format!("Bab ini dilewati: tidak ada berkas {}.", kind.label().id.to_lowercase()),
        &format!("Left out: no file of {}.", kind.label().en.to_lowercase()),
    )
}

/// Where the populations (N) of the sample table came from, in a sentence.
fn population_sources(a: &skm_core::IkmAnalysis, w: Words) -> Option<String> {
    let mut sources: Vec<&str> = a
        .groups
        .iter()
        .filter_map(|g| g.sample.as_ref())
        .filter(|c| c.population.is_some())
        .map(|c| c.source.as_str())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let named: Vec<String> = sources
        .iter()
        .map(|s| match *s {
            skm_core::sampling::ENTERED => w.t(
                "jumlah penerima layanan yang dicatat unit per periode",
                "the number of service users the unit recorded per period",
            ),
            "given" => w.t("jumlah yang diberikan", "the number given"),
            files => w.t(&format!("permohonan dalam {files}"), &format!("the requests in {files}")),
        })
        .collect();
    (!named.is_empty()).then(|| {
        w.t(
            &format!("Populasi (N) dari: {}.", named.join("; ")),
            &format!("Population (N) from: {}.", named.join("; ")),
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(super::esc("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }
}
