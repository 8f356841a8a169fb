//! The workbook: the classic processing sheet (every respondent's nine scores, the totals, NRR,
//! weighted NRR, IKM and its conversion, with the legend), then one sheet per table of the report.

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use skm_core::analysis::SAMPLE_TOO_SMALL;
use skm_core::grade::GRADE_TABLE;
use skm_core::ELEMENTS;

use crate::words::Words;
use crate::{Report, ReportError};

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

/// The sample remark of a group («sampel belum cukup: 1 dari 30 responden»), or nothing.
fn remark(g: &skm_core::GroupResult, l: skm_core::Lang) -> Cell {
    g.sample.as_ref().and_then(|c| c.remark(l)).map_or(Cell::Empty, Cell::Text)
}

/// The most rows a sheet holds (Excel's limit), less the header and the totals.
const MAX_RESPONDENT_ROWS: u64 = 1_048_576 - 40;

/// The longest text Excel keeps in a cell, in UTF-16 code units.
pub const EXCEL_MAX_TEXT: usize = 32_767;

/// What ends a text cut to fit a cell.
pub const CUT_MARK: &str = " … [teks dipotong / text cut]";

/// A text cut to fit Excel's limit: where it was, and how long it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutText {
    /// The sheet.
    pub sheet: String,
    /// The row, as Excel numbers it (the header is 1).
    pub row: u32,
    /// The column, as Excel names it (`C`).
    pub column: String,
    /// The text's length before the cut, in characters.
    pub chars: usize,
}

/// The workbook's bytes, and the texts cut to fit it.
#[derive(Debug, Clone)]
pub struct WorkbookFile {
    /// The XLSX file.
    pub bytes: Vec<u8>,
    /// Texts longer than a cell holds, cut with [`CUT_MARK`].
    pub cut: Vec<CutText>,
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The text as a cell holds it: whole, or cut at Excel's limit with [`CUT_MARK`] at its end.
fn fit(text: &str) -> Option<String> {
    if utf16_len(text) <= EXCEL_MAX_TEXT {
        return None;
    }
    let budget = EXCEL_MAX_TEXT - utf16_len(CUT_MARK);
    let mut used = 0;
    let mut kept: String = text
        .chars()
        .take_while(|c| {
            used += c.len_utf16();
            used <= budget
        })
        .collect();
    kept.push_str(CUT_MARK);
    Some(kept)
}

/// Excel's name of a column from 0 (`A`, `Z`, `AA`).
fn column_name(mut column: u16) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Writes a text a citizen or a file gave, as a string (never a formula), cut to fit a cell.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    cut: &mut Vec<CutText>,
) -> Result<(), ReportError> {
    match fit(text) {
        None => sheet.write_string(row, column, text)?,
        Some(fitted) => {
            cut.push(CutText {
                sheet: sheet.name(),
                row: row + 1,
                column: column_name(column),
                chars: text.chars().count(),
            });
            sheet.write_string(row, column, fitted)?
        }
    };
    Ok(())
}

fn table_sheet(
    book: &mut Workbook,
    name: &str,
    header: &[String],
    rows: Vec<Vec<Cell>>,
    cut: &mut Vec<CutText>,
) -> Result<(), ReportError> {
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
                Cell::Text(t) => write_text(sheet, r, c as u16, t, cut)?,
                Cell::Number(v) => {
                    sheet.write_number(r, c as u16, *v)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_column_width(0, 28)?;
    Ok(())
}

fn processing(sheet: &mut Worksheet, r: &Report<'_>, w: Words, cut: &mut Vec<CutText>) -> Result<(), ReportError> {
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
            write_text(sheet, row, 10, service, cut)?;
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

/// The workbook as XLSX bytes, with the texts that had to be cut to fit its cells.
pub fn workbook(r: &Report<'_>) -> Result<WorkbookFile, ReportError> {
    let w = Words(r.lang);
    let l = r.lang;
    let mut book = Workbook::new();
    let mut cut = Vec::new();
    processing(book.add_worksheet(), r, w, &mut cut)?;
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
            &mut cut,
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
                    remark(g, l),
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
            remark(&a.overall, l),
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
                w.t("Keterangan", "Remark"),
            ],
            rows,
            &mut cut,
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
                    if row.sample_met || row.respondents == 0 {
                        Cell::Empty
                    } else {
                        SAMPLE_TOO_SMALL.get(l).to_owned().into()
                    },
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
                w.t("Keterangan", "Remark"),
            ],
            rows,
            &mut cut,
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
                    remark(g, l),
                ]
            })
            .collect();
        table_sheet(
            &mut book,
            &w.t("IKM Periode", "IKM per period"),
            &[w.t("Periode", "Period"), w.t("Responden", "Respondents"), "IKM".into(), w.t("Keterangan", "Remark")],
            rows,
            &mut cut,
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
        table_sheet(
            &mut book,
            &w.t("SLA Layanan", "SLA per service"),
            &tally_header(w.t("Layanan", "Service")),
            rows,
            &mut cut,
        )?;
        let rows = s.requests.months.iter().map(|m| tally(m.month.clone().unwrap_or_default(), &m.tally)).collect();
        table_sheet(
            &mut book,
            &w.t("SLA Bulan", "SLA per month"),
            &tally_header(w.t("Bulan", "Month")),
            rows,
            &mut cut,
        )?;
        if let Some(c) = &s.complaints {
            let rows = c.tiers.iter().map(|t| tally(t.tier.clone().unwrap_or_default(), &t.tally)).collect();
            table_sheet(
                &mut book,
                &w.t("Pengaduan", "Complaints"),
                &tally_header(w.t("Jenis", "Tier")),
                rows,
                &mut cut,
            )?;
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
                &mut cut,
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
            &mut cut,
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
            &mut cut,
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
        &mut cut,
    )?;
    let sheets = [
        (w.t("RTL", "Follow-up"), Some(crate::plan(r))),
        (w.t("RTL sebelumnya", "Previous follow-up"), crate::previous(r)),
        (w.t("Publikasi", "Publications"), crate::publications(r)),
    ];
    for (name, table) in sheets {
        let Some(table) = table else { continue };
        let rows = table
            .rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .enumerate()
                    .map(|(i, text)| match (i, text.parse::<u64>()) {
                        (0, Ok(n)) => n.into(),
                        _ if text.is_empty() => Cell::Empty,
                        _ => text.into(),
                    })
                    .collect()
            })
            .collect();
        table_sheet(&mut book, &name, &table.header, rows, &mut cut)?;
    }
    Ok(WorkbookFile { bytes: book.save_to_buffer()?, cut })
}
