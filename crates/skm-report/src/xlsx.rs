//! The workbook: the classic processing sheet (every respondent's nine scores, the totals, NRR,
//! weighted NRR, IKM and its conversion, with the legend), then one sheet per table of the report.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use skm_core::grade::GRADE_TABLE;
use skm_core::ELEMENTS;

use crate::words::Words;
use crate::{follow_up, Report, ReportError};

/// A cell of a table sheet.
enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Cell {
        Cell::Number(v)
    }
}

impl From<u64> for Cell {
    fn from(v: u64) -> Cell {
        Cell::Number(v as f64)
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Number)
    }
}

/// The most rows a sheet holds (Excel's limit), less the header and the totals.
const MAX_RESPONDENT_ROWS: u64 = 1_048_576 - 40;

fn table_sheet(book: &mut Workbook, name: &str, header: &[String], rows: Vec<Vec<Cell>>) -> Result<(), ReportError> {
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(t) => sheet.write_string(r, c as u16, t)?,
                Cell::Number(v) => sheet.write_number(r, c as u16, *v)?,
                Cell::Empty => sheet,
            };
        }
    }
    sheet.set_column_width(0, 28)?;
    Ok(())
}

fn processing(sheet: &mut Worksheet, r: &Report<'_>, w: Words) -> Result<(), ReportError> {
    let bold = Format::new().set_bold();
    let l = r.lang;
    sheet.set_name(w.t("Pengolahan", "Processing"))?;
    sheet.write_string_with_format(0, 0, w.t("No. responden", "Respondent"), &bold)?;
    for e in ELEMENTS {
        sheet.write_string_with_format(0, 1 + e.index() as u16, e.id(), &bold)?;
    }
    sheet.write_string_with_format(0, 10, w.t("Layanan", "Service"), &bold)?;
    let t = r.responses;
    let shown = t.len().min(MAX_RESPONDENT_ROWS);
    for i in 0..shown {
        let row = i as u32 + 1;
        let idx = i as usize;
        sheet.write_number(row, 0, (i + 1) as f64)?;
        for e in ELEMENTS {
            if let Some(Some(score)) = t.scores[e.index()].get(idx) {
                sheet.write_number(row, 1 + e.index() as u16, f64::from(*score))?;
            }
        }
        if let Some(service) = t.service.get(idx) {
            sheet.write_string(row, 10, &**service)?;
        }
    }
    let Some(a) = &r.year.ikm else { return Ok(()) };
    let o = &a.overall.summary;
    let mut row = shown as u32 + 2;
    type Line = (String, Box<dyn Fn(&skm_core::ElementResult) -> Option<f64>>);
    let lines: [Line; 4] = [
        (w.t("Σ nilai per unsur", "Σ scores per element"), Box::new(|e| Some(e.sum as f64))),
        (w.t("Jumlah jawaban", "Answers"), Box::new(|e| Some(e.answers as f64))),
        ("NRR".to_owned(), Box::new(|e| e.nrr)),
        (w.t("NRR tertimbang", "Weighted NRR"), Box::new(|e| e.weighted_nrr)),
    ];
    for (label, value) in &lines {
        sheet.write_string_with_format(row, 0, label, &bold)?;
        for e in &o.elements {
            if let Some(v) = value(e) {
                sheet.write_number(row, 1 + e.element.index() as u16, v)?;
            }
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, w.t("IKM (skala 1–4)", "IKM (1–4 scale)"), &bold)?;
    if let Some(v) = o.ikm_scale4 {
        sheet.write_number(row, 1, v)?;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, w.t("IKM konversi (× 25)", "Converted IKM (× 25)"), &bold)?;
    if let Some(v) = o.ikm {
        sheet.write_number(row, 1, v)?;
    }
    sheet.write_string(row, 2, o.grade.map_or("", |g| g.letter()))?;
    row += 1;
    sheet.write_string(row, 0, format!("{} {}", w.t("Bobot", "Weight"), o.weight.name()))?;
    if t.len() > shown {
        row += 1;
        sheet.write_string(
            row,
            0,
            w.t(
                &format!(
                    "Hanya {shown} dari {} responden muat di lembar ini; angka di atas dihitung dari semuanya.",
                    t.len()
                ),
                &format!(
                    "Only {shown} of {} respondents fit this sheet; the figures above are computed from all of them.",
                    t.len()
                ),
            ),
        )?;
    }
    // The legend.
    row += 2;
    sheet.write_string_with_format(row, 0, w.t("Keterangan", "Legend"), &bold)?;
    for e in ELEMENTS {
        row += 1;
        sheet.write_string(row, 0, e.id())?;
        sheet.write_string(row, 1, e.text().name.get(l))?;
    }
    row += 2;
    for (c, h) in [
        w.t("Nilai persepsi", "Perception"),
        w.t("Interval", "Interval"),
        w.t("Interval konversi", "Converted"),
        w.t("Mutu", "Grade"),
        w.t("Kinerja", "Performance"),
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string_with_format(row, c as u16, h, &bold)?;
    }
    for b in GRADE_TABLE {
        row += 1;
        sheet.write_number(row, 0, f64::from(b.perception))?;
        sheet.write_string(row, 1, b.interval_text)?;
        sheet.write_string(
            row,
            2,
            format!(
                "{:.2} – {:.2}",
                f64::from(b.converted_min_hundredths) / 100.0,
                f64::from(b.converted_max_hundredths) / 100.0
            ),
        )?;
        sheet.write_string(row, 3, b.grade.letter())?;
        sheet.write_string(row, 4, b.label.get(l))?;
    }
    sheet.set_column_width(0, 24)?;
    Ok(())
}

/// The workbook as XLSX bytes.
pub fn workbook(r: &Report<'_>) -> Result<Vec<u8>, ReportError> {
    let w = Words(r.lang);
    let l = r.lang;
    let mut book = Workbook::new();
    processing(book.add_worksheet(), r, w)?;
    if let Some(a) = &r.year.ikm {
        let rows = a
            .overall
            .summary
            .elements
            .iter()
            .map(|e| {
                vec![
                    e.element.id().to_owned().into(),
                    e.element.text().name.get(l).to_owned().into(),
                    e.answers.into(),
                    (e.sum as f64).into(),
                    e.nrr.into(),
                    e.weighted_nrr.into(),
                    e.grade.map_or("", |g| g.letter()).to_owned().into(),
                ]
            })
            .collect();
        table_sheet(
            &mut book,
            &w.t("Unsur", "Elements"),
            &[
                w.t("Unsur", "Element"),
                w.t("Nama", "Name"),
                w.t("Jawaban", "Answers"),
                w.t("Jumlah nilai", "Sum"),
                "NRR".into(),
                w.t("NRR tertimbang", "Weighted NRR"),
                w.t("Mutu", "Grade"),
            ],
            rows,
        )?;
        let mut rows: Vec<Vec<Cell>> = a
            .groups
            .iter()
            .map(|g| {
                vec![
                    r.service_name(g.key.service.as_deref().unwrap_or("")).into(),
                    g.summary.respondents.into(),
                    g.summary.ikm.into(),
                    g.ci.as_ref().map(|c| c.low).into(),
                    g.ci.as_ref().map(|c| c.high).into(),
                    g.summary.grade.map_or("", |g| g.letter()).to_owned().into(),
                ]
            })
            .collect();
        rows.push(vec![
            w.t("Unit pelayanan", "Service unit").into(),
            a.overall.summary.respondents.into(),
            a.overall.summary.ikm.into(),
            a.overall.ci.as_ref().map(|c| c.low).into(),
            a.overall.ci.as_ref().map(|c| c.high).into(),
            a.overall.summary.grade.map_or("", |g| g.letter()).to_owned().into(),
        ]);
        table_sheet(
            &mut book,
            &w.t("IKM Layanan", "IKM per service"),
            &[
                w.t("Layanan", "Service"),
                w.t("Responden", "Respondents"),
                "IKM".into(),
                w.t("SK 95% bawah", "95% CI low"),
                w.t("SK 95% atas", "95% CI high"),
                w.t("Mutu", "Grade"),
            ],
            rows,
        )?;
        let mut rows = Vec::new();
        for p in &a.overall.profile {
            for row in &p.rows {
                let label = p.field.answer_label(row.value.as_deref(), l);
                rows.push(vec![
                    p.field.label().get(l).to_owned().into(),
                    label.into(),
                    row.respondents.into(),
                    row.share.into(),
                    row.ikm.into(),
                ]);
            }
        }
        table_sheet(
            &mut book,
            &w.t("Profil", "Profile"),
            &[
                w.t("Pertanyaan", "Question"),
                w.t("Jawaban", "Answer"),
                w.t("Responden", "Respondents"),
                "%".into(),
                "IKM".into(),
            ],
            rows,
        )?;
    }
    if let Some(t) = &r.year.trend {
        let rows = t
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.key.period.map_or_else(String::new, |p| p.key()).into(),
                    g.summary.respondents.into(),
                    g.summary.ikm.into(),
                ]
            })
            .collect();
        table_sheet(
            &mut book,
            &w.t("IKM Periode", "IKM per period"),
            &[w.t("Periode", "Period"), w.t("Responden", "Respondents"), "IKM".into()],
            rows,
        )?;
    }
    if let Some(s) = &r.year.sla {
        let tally_header = |first: String| {
            vec![
                first,
                w.t("Jumlah", "Total"),
                w.t("Tepat", "On time"),
                w.t("Terlambat", "Late"),
                w.t("Berjalan", "Pending"),
                "%".into(),
                w.t("Median (menit kerja)", "Median (working minutes)"),
            ]
        };
        let tally = |name: String, t: &skm_core::compliance::Tally| {
            vec![
                name.into(),
                t.total.into(),
                t.met.into(),
                t.breached.into(),
                t.pending.into(),
                t.compliance.into(),
                t.median_minutes.into(),
            ]
        };
        let rows = s.requests.services.iter().map(|sv| tally(r.service_name(&sv.service), &sv.tally)).collect();
        table_sheet(&mut book, &w.t("SLA Layanan", "SLA per service"), &tally_header(w.t("Layanan", "Service")), rows)?;
        let rows = s.requests.months.iter().map(|m| tally(m.month.clone().unwrap_or_default(), &m.tally)).collect();
        table_sheet(&mut book, &w.t("SLA Bulan", "SLA per month"), &tally_header(w.t("Bulan", "Month")), rows)?;
        if let Some(c) = &s.complaints {
            let rows = c.tiers.iter().map(|t| tally(t.tier.clone().unwrap_or_default(), &t.tally)).collect();
            table_sheet(&mut book, &w.t("Pengaduan", "Complaints"), &tally_header(w.t("Jenis", "Tier")), rows)?;
        }
        if !s.steps.is_empty() {
            let rows = s
                .steps
                .iter()
                .map(|st| {
                    vec![
                        r.service_name(&st.service).into(),
                        u64::from(st.step).into(),
                        st.activity.clone().into(),
                        st.limit_minutes.into(),
                        st.tally.compliance.into(),
                        st.delay_share.into(),
                    ]
                })
                .collect();
            table_sheet(
                &mut book,
                &w.t("Langkah SOP", "SOP steps"),
                &[
                    w.t("Layanan", "Service"),
                    w.t("Langkah", "Step"),
                    w.t("Kegiatan", "Activity"),
                    w.t("Batas (menit)", "Limit (minutes)"),
                    "% ".into(),
                    w.t("Bagian keterlambatan %", "Share of delay %"),
                ],
                rows,
            )?;
        }
        let rows = s
            .breaches
            .iter()
            .map(|b| {
                vec![
                    b.id.clone().into(),
                    r.service_name(&b.service).into(),
                    b.received.clone().into(),
                    b.deadline.clone().into(),
                    b.completed.clone().unwrap_or_default().into(),
                    (b.late_minutes / 60.0).into(),
                ]
            })
            .collect();
        table_sheet(
            &mut book,
            &w.t("Keterlambatan", "Breaches"),
            &[
                "ID".into(),
                w.t("Layanan", "Service"),
                w.t("Diterima", "Received"),
                w.t("Batas", "Deadline"),
                w.t("Selesai", "Done"),
                w.t("Terlambat (jam kerja)", "Late (working hours)"),
            ],
            rows,
        )?;
    }
    if let Some(m) = &r.year.meetings {
        let rows = m
            .months
            .iter()
            .map(|mo| {
                vec![
                    mo.month.clone().into(),
                    mo.meetings.into(),
                    w.t(if mo.compliant { "ya" } else { "tidak" }, if mo.compliant { "yes" } else { "no" }).into(),
                    mo.missing_roles.iter().map(|r| r.label().get(l)).collect::<Vec<_>>().join(", ").into(),
                ]
            })
            .collect();
        table_sheet(
            &mut book,
            &w.t("Rapat", "Meetings"),
            &[
                w.t("Bulan", "Month"),
                w.t("Rapat", "Meetings"),
                w.t("Sesuai", "Compliant"),
                w.t("Tidak hadir", "Missing roles"),
            ],
            rows,
        )?;
    }
    let rows = r
        .year
        .suggestions
        .iter()
        .map(|s| {
            vec![s.date.clone().unwrap_or_default().into(), r.service_name(&s.service).into(), s.text.clone().into()]
        })
        .collect();
    table_sheet(
        &mut book,
        &w.t("Saran", "Suggestions"),
        &[w.t("Tanggal", "Date"), w.t("Layanan", "Service"), w.t("Saran", "Suggestion")],
        rows,
    )?;
    let rows = follow_up(r)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            vec![((i + 1) as u64).into(), f.finding.into(), f.problem.into(), Cell::Empty, Cell::Empty, Cell::Empty]
        })
        .collect();
    table_sheet(
        &mut book,
        &w.t("RTL", "Follow-up"),
        &[
            "No".into(),
            w.t("Temuan", "Finding"),
            w.t("Permasalahan", "Problem"),
            w.t("Rencana tindak lanjut", "Plan"),
            w.t("Penanggung jawab", "Owner"),
            w.t("Waktu", "When"),
        ],
        rows,
    )?;
    Ok(book.save_to_buffer()?)
}
