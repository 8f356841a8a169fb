//! Recap files as offices keep them: a title block above the header, a header over two rows of
//! merged cells, a summary block below the rows that states its own IKM, several sheets, no
//! dates. Each fixture is made here, as CSV and XLSX, and kept in the malformed/real-layout
//! corpus (`tests/malformed/responses/layout-*`; `SKM_BLESS=1` writes them again). The corpus
//! files are read with the expected figures and notes natively and, as wasm32 in headless
//! Chromium (the build the dashboard's worker runs), with the same.

use skm_analytics::{analyse_ikm, read_responses, AnalyticsError, Given, Input, Mapping, Population, ResponseTable};
use skm_core::analysis::{GroupBy, IkmOptions};
use skm_core::note::FileNote;
use skm_core::{Period, PeriodKind};

#[macro_use]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The answers of the six respondents of every fixture.
const SCORES: [[u8; 9]; 6] = [
    [4, 4, 3, 4, 4, 3, 4, 3, 3],
    [3, 3, 3, 4, 3, 3, 3, 2, 3],
    [2, 3, 2, 4, 3, 2, 3, 2, 4],
    [4, 4, 4, 4, 4, 4, 4, 4, 4],
    [3, 4, 3, 4, 3, 3, 4, 3, 3],
    [3, 3, 2, 4, 3, 3, 3, 3, 2],
];

/// The mean of each element's answers.
fn means(rows: &[[u8; 9]]) -> [f64; 9] {
    std::array::from_fn(|e| rows.iter().map(|r| f64::from(r[e])).sum::<f64>() / rows.len() as f64)
}

/// The IKM of the answers with each element weighing `weight` (the regulation: 1/9).
fn ikm(rows: &[[u8; 9]], weight: f64) -> f64 {
    25.0 * means(rows).iter().map(|m| m * weight).sum::<f64>()
}

/// The corpus files, as this test makes them and as the build embeds them.
const CORPUS: [(&str, &[u8]); 9] = [
    ("layout-title.csv", include_bytes!("../../../tests/malformed/responses/layout-title.csv")),
    ("layout-title.xlsx", include_bytes!("../../../tests/malformed/responses/layout-title.xlsx")),
    ("layout-two-row-header.csv", include_bytes!("../../../tests/malformed/responses/layout-two-row-header.csv")),
    ("layout-two-row-header.xlsx", include_bytes!("../../../tests/malformed/responses/layout-two-row-header.xlsx")),
    ("layout-summary.csv", include_bytes!("../../../tests/malformed/responses/layout-summary.csv")),
    ("layout-summary.xlsx", include_bytes!("../../../tests/malformed/responses/layout-summary.xlsx")),
    ("layout-sheets.xlsx", include_bytes!("../../../tests/malformed/responses/layout-sheets.xlsx")),
    ("layout-undated.csv", include_bytes!("../../../tests/malformed/responses/layout-undated.csv")),
    ("layout-undated.xlsx", include_bytes!("../../../tests/malformed/responses/layout-undated.xlsx")),
];

fn corpus(name: &str) -> &'static [u8] {
    CORPUS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b).unwrap_or_else(|| panic!("{name} not in the corpus"))
}

fn read(name: &str, given: Given<'_>) -> Result<ResponseTable, AnalyticsError> {
    read_responses(&[Input::new(name, corpus(name)).with_given(given)], &Mapping::builtin().unwrap())
}

fn notes(table: &ResponseTable) -> Vec<FileNote> {
    table.input.files.iter().flat_map(|f| f.notes.clone()).collect()
}

fn by_quarter() -> IkmOptions {
    IkmOptions { by: vec![GroupBy::Service, GroupBy::Period], period: PeriodKind::Quarter, ..IkmOptions::default() }
}

/// The IKM of a table, and its groups' keys (`service period`).
fn figures(table: &ResponseTable) -> (f64, Vec<String>) {
    let a = analyse_ikm(table, &by_quarter(), Population::Unknown).unwrap();
    let keys = a
        .groups
        .iter()
        .map(|g| {
            let period = g.key.period.as_ref().map(|p| format!("{p:?}")).unwrap_or_default();
            format!("{} {period}", g.key.service.as_deref().unwrap_or(""))
        })
        .collect();
    (a.overall.summary.ikm.unwrap(), keys)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

both_targets! {
    fn a_title_block_is_passed_over_and_states_the_period() {
        for name in ["layout-title.csv", "layout-title.xlsx"] {
            let table = read(name, Given::default()).unwrap();
            assert_eq!((table.len(), table.input.issues.len()), (6, 0), "{name}: {:?}", table.input.issues);
            let (value, groups) = figures(&table);
            assert!(close(value, ikm(&SCORES, 1.0 / 9.0)), "{name}: {value}");
            assert_eq!(groups, [" Known(Period { year: 2026, kind: Quarter, index: 1 })"], "{name}");
            let title = "REKAPITULASI SURVEI KEPUASAN MASYARAKAT TRIWULAN I 2026";
            assert_eq!(
                notes(&table),
                [
                    FileNote::TitleSkipped { rows: (1, 1), header: (3, 3) },
                    FileNote::PeriodGiven { rows: 6, period: "2026-Q1".into(), from: format!("«{title}»") },
                ],
                "{name}"
            );
            let said = table.input.notes();
            assert_eq!(said[0].id, format!("{name}: baris 1 di atas judul kolom (baris 3) tidak dibaca"));
            assert_eq!(said[0].en, format!("{name}: row 1 above the header (row 3) not read"));
        }
    }

    fn a_header_over_two_rows_of_merged_cells_is_read_whole() {
        for name in ["layout-two-row-header.csv", "layout-two-row-header.xlsx"] {
            let table = read(name, Given::default()).unwrap();
            assert_eq!((table.len(), table.input.issues.len()), (6, 0), "{name}: {:?}", table.input.issues);
            assert!(close(figures(&table).0, ikm(&SCORES, 1.0 / 9.0)), "{name}");
            // «Jenis Kelamin» stands in the upper row, over a blank: it is read with U1…U9.
            let genders: Vec<Option<u8>> = table.gender.clone();
            assert_eq!(genders, [Some(0), Some(1), Some(0), Some(1), Some(0), Some(1)], "{name}");
            assert_eq!(
                notes(&table),
                [
                    FileNote::TitleSkipped { rows: (1, 1), header: (2, 3) },
                    FileNote::PeriodGiven { rows: 6, period: "2025".into(), from: "«PENGOLAHAN DATA SKM TAHUN 2025»".into() },
                ],
                "{name}"
            );
        }
    }

    fn a_summary_block_stops_the_rows_and_its_stated_ikm_is_checked() {
        for name in ["layout-summary.csv", "layout-summary.xlsx"] {
            let table = read(name, Given::default()).unwrap();
            // Not one message per summary cell: the block is no rows.
            assert_eq!((table.len(), table.input.rows_read, table.input.issues.len()), (6, 6, 0), "{name}");
            assert!(close(figures(&table).0, ikm(&SCORES, 1.0 / 9.0)), "{name}");
            let m = means(&SCORES);
            let two = |v: f64| format!("{v:.2}");
            assert_eq!(
                notes(&table),
                [
                    FileNote::SummaryBlock { row: 9, label: "Jumlah".into(), rows: 6 },
                    // The sheet's IKM came from 0,111 per element, not 1/9.
                    FileNote::StatedIkm {
                        row: 13,
                        stated: two(ikm(&SCORES, 0.111)),
                        ours: two(ikm(&SCORES, 1.0 / 9.0)),
                        agrees: false,
                        weight: Some("0.111".into()),
                    },
                    // Its NRR row has U8 and U9 swapped.
                    FileNote::StatedNrr {
                        row: 10,
                        differences: vec![
                            ("U8".into(), two(m[8]), two(m[7])),
                            ("U9".into(), two(m[7]), two(m[8])),
                        ],
                    },
                    FileNote::Undated { rows: 6 },
                ],
                "{name}"
            );
        }
    }

    fn every_sheet_with_responses_is_read_and_named() {
        let name = "layout-sheets.xlsx";
        let table = read(name, Given::default()).unwrap();
        let files: Vec<&str> = table.input.files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(files, ["layout-sheets.xlsx [TW I]", "layout-sheets.xlsx [TW II]"]);
        // The second sheet's bad row is named with its sheet.
        let messages: Vec<String> = table.input.issues.iter().map(|i| i.message()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("layout-sheets.xlsx [TW II], baris 5, kolom 'U3': '5'"), "{}", messages[0]);
        assert_eq!(table.len(), 10);
        let (_, groups) = figures(&table);
        assert_eq!(groups.len(), 2, "{groups:?}");
        let all = notes(&table);
        assert!(all.contains(&FileNote::SheetSkipped { sheet: "Grafik".into() }), "{all:?}");
        // One sheet, by name; a name the workbook lacks is refused with the names it has.
        let second = read(name, Given { sheet: Some("tw ii"), ..Given::default() }).unwrap();
        assert_eq!((second.len(), second.input.files.len()), (4, 1));
        let e = read(name, Given { sheet: Some("TW III"), ..Given::default() }).unwrap_err().to_string();
        assert!(e.contains("tidak ada lembar 'TW III' (lembar: TW I, TW II, Grafik)"), "{e}");
    }

    fn a_file_without_dates_takes_the_period_and_service_given() {
        for name in ["layout-undated.csv", "layout-undated.xlsx"] {
            let alone = read(name, Given::default()).unwrap();
            assert_eq!(notes(&alone), [FileNote::Undated { rows: 6 }], "{name}");
            let q2 = Period { year: 2025, kind: PeriodKind::Quarter, index: 2 };
            let given = Given { period: Some((q2, "--period-of")), service: Some("izin-reklame"), ..Given::default() };
            let table = read(name, given).unwrap();
            assert_eq!(
                notes(&table),
                [
                    FileNote::PeriodGiven { rows: 6, period: "2025-Q2".into(), from: "--period-of".into() },
                    FileNote::ServiceGiven { rows: 6, service: "izin-reklame".into() },
                ],
                "{name}"
            );
            let (value, groups) = figures(&table);
            assert!(close(value, ikm(&SCORES, 1.0 / 9.0)), "{name}");
            assert_eq!(groups, ["izin-reklame Known(Period { year: 2025, kind: Quarter, index: 2 })"], "{name}");
            let file = &table.input.files[0];
            assert_eq!((file.first_date.as_deref(), file.last_date.as_deref()), (None, None), "{name}");
        }
    }
}

/// The fixtures, made: each layout as CSV (semicolons and decimal commas, as Excel on an
/// Indonesian Windows saves it) and as XLSX.
#[cfg(not(target_arch = "wasm32"))]
mod made {
    use super::*;
    use rust_xlsxwriter::{Chart, ChartType, DocProperties, ExcelDateTime, Format, Workbook, Worksheet};

    /// A cell of a fixture.
    #[derive(Clone)]
    pub enum Cell {
        Text(String),
        Number(f64),
        Blank,
    }
    use Cell::{Blank, Number, Text};

    fn text(s: &str) -> Cell {
        Text(s.to_owned())
    }

    /// A sheet: its rows, and the ranges merged in the XLSX (first row, first column, last
    /// row, last column).
    pub struct Grid {
        pub rows: Vec<Vec<Cell>>,
        pub merged: Vec<(u32, u16, u32, u16)>,
    }

    fn elements() -> impl Iterator<Item = Cell> {
        (1..=9).map(|e| text(&format!("U{e}")))
    }

    fn answers(scores: &[[u8; 9]]) -> Vec<Vec<Cell>> {
        scores
            .iter()
            .enumerate()
            .map(|(i, r)| {
                std::iter::once(Number(i as f64 + 1.0)).chain(r.iter().map(|s| Number(f64::from(*s)))).collect()
            })
            .collect()
    }

    fn processing_header() -> Vec<Cell> {
        std::iter::once(text("No")).chain(elements()).collect()
    }

    pub fn title() -> Grid {
        let mut rows =
            vec![vec![text("REKAPITULASI SURVEI KEPUASAN MASYARAKAT TRIWULAN I 2026")], vec![], processing_header()];
        rows.extend(answers(&SCORES));
        Grid { rows, merged: vec![(0, 0, 0, 9)] }
    }

    pub fn two_row_header(upper: &str) -> Grid {
        let mut first = vec![text("No."), text("Jenis Kelamin"), text(upper)];
        first.extend(std::iter::repeat_n(Blank, 8));
        let mut second = vec![Blank, Blank];
        second.extend(elements());
        let mut rows = vec![vec![text("PENGOLAHAN DATA SKM TAHUN 2025")], first, second];
        for (i, r) in SCORES.iter().enumerate() {
            let mut row = vec![Number(i as f64 + 1.0), text(if i % 2 == 0 { "L" } else { "P" })];
            row.extend(r.iter().map(|s| Number(f64::from(*s))));
            rows.push(row);
        }
        Grid { rows, merged: vec![(0, 0, 0, 10), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 1, 10)] }
    }

    pub fn summary() -> Grid {
        let m = means(&SCORES);
        let row = |label: &str, values: Vec<Cell>| std::iter::once(text(label)).chain(values).collect::<Vec<_>>();
        let round = |v: f64, places: i32| (v * 10f64.powi(places)).round() / 10f64.powi(places);
        let sums = (0..9).map(|e| Number(SCORES.iter().map(|r| f64::from(r[e])).sum())).collect();
        // The office's NRR row with U8 and U9 swapped, and its IKM with 0,111 per element.
        let mut nrr: Vec<Cell> = m.iter().map(|v| Number(round(*v, 2))).collect();
        nrr.swap(7, 8);
        let weighted = m.iter().map(|v| Number(round(v * 0.111, 3))).collect();
        let scale4 = round(m.iter().map(|v| v * 0.111).sum::<f64>(), 2);
        let mut rows = vec![processing_header()];
        rows.extend(answers(&SCORES));
        rows.push(vec![]);
        rows.push(row("Jumlah", sums));
        rows.push(row("NRR", nrr));
        rows.push(row("NRR Tertimbang", weighted));
        rows.push(row("IKM", vec![Number(scale4)]));
        rows.push(row("Konversi IKM", vec![Number(round(ikm(&SCORES, 0.111), 2))]));
        rows.push(row("Mutu Pelayanan", vec![text("B (Baik)")]));
        Grid { rows, merged: Vec::new() }
    }

    pub fn undated() -> Grid {
        let mut rows = vec![processing_header()];
        rows.extend(answers(&SCORES));
        Grid { rows, merged: Vec::new() }
    }

    /// A quarter's sheet of the workbook of several sheets; `bad` puts a 5 in U3 of the third row.
    fn quarter(title: &str, scores: &[[u8; 9]], bad: bool) -> Grid {
        let mut rows = vec![vec![text(title)], processing_header()];
        let mut body = answers(scores);
        if bad {
            body[2][3] = Number(5.0);
        }
        rows.extend(body);
        Grid { rows, merged: Vec::new() }
    }

    pub fn csv(grid: &Grid) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(Vec::new());
        for row in &grid.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Text(t) => t.clone(),
                    Number(n) => n.to_string().replace('.', ","),
                    Blank => String::new(),
                })
                .collect();
            if cells.is_empty() {
                w.write_record([""]).unwrap();
            } else {
                w.write_record(&cells).unwrap();
            }
        }
        w.into_inner().unwrap()
    }

    fn fill(sheet: &mut Worksheet, grid: &Grid) {
        let bold = Format::new().set_bold();
        for (r, row) in grid.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if grid.merged.iter().any(|(r0, c0, r1, c1)| (*r0..=*r1).contains(&r) && (*c0..=*c1).contains(&c)) {
                    continue;
                }
                match cell {
                    Text(t) => sheet.write_string(r, c, t).map(|_| ()).unwrap(),
                    Number(n) => sheet.write_number(r, c, *n).map(|_| ()).unwrap(),
                    Blank => {}
                }
            }
        }
        // A merged range holds its text in its first cell only, as Excel saves it.
        for (r0, c0, r1, c1) in &grid.merged {
            let first = &grid.rows[*r0 as usize][*c0 as usize];
            let text = match first {
                Text(t) => t.clone(),
                _ => String::new(),
            };
            sheet.merge_range(*r0, *c0, *r1, *c1, &text, &bold).unwrap();
        }
    }

    fn book() -> Workbook {
        let mut book = Workbook::new();
        let made = ExcelDateTime::from_ymd(2026, 1, 5).unwrap();
        book.set_properties(&DocProperties::new().set_creation_datetime(&made));
        book
    }

    pub fn xlsx(grid: &Grid) -> Vec<u8> {
        let mut book = book();
        fill(book.add_worksheet(), grid);
        book.save_to_buffer().unwrap()
    }

    /// One sheet per quarter, a sheet of notes, and a chart sheet.
    pub fn sheets() -> Vec<u8> {
        let mut book = book();
        let first = quarter("REKAP SKM TRIWULAN I 2026", &SCORES, false);
        let second = quarter("REKAP SKM TRIWULAN II 2026", &SCORES[..5], true);
        fill(book.add_worksheet().set_name("TW I").unwrap(), &first);
        fill(book.add_worksheet().set_name("TW II").unwrap(), &second);
        let notes = Grid { rows: vec![vec![text("Grafik IKM per triwulan: lihat lembar Bagan")]], merged: Vec::new() };
        fill(book.add_worksheet().set_name("Grafik").unwrap(), &notes);
        let mut chart = Chart::new(ChartType::Column);
        chart.add_series().set_values("='TW I'!$B$3:$B$8");
        book.add_chartsheet().set_name("Bagan").unwrap().insert_chart(0, 0, &chart).unwrap();
        book.save_to_buffer().unwrap()
    }

    /// Every fixture, by its name in the corpus.
    pub fn all() -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("layout-title.csv", csv(&title())),
            ("layout-title.xlsx", xlsx(&title())),
            ("layout-two-row-header.csv", csv(&two_row_header("Nilai Unsur Pelayanan"))),
            ("layout-two-row-header.xlsx", xlsx(&two_row_header("UNSUR PELAYANAN"))),
            ("layout-summary.csv", csv(&summary())),
            ("layout-summary.xlsx", xlsx(&summary())),
            ("layout-sheets.xlsx", sheets()),
            ("layout-undated.csv", csv(&undated())),
            ("layout-undated.xlsx", xlsx(&undated())),
        ]
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_corpus_holds_the_fixtures_made_here() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/malformed/responses");
    let made = made::all();
    assert_eq!(made.len(), CORPUS.len());
    for (name, bytes) in made {
        let path = dir.join(name);
        if std::env::var_os("SKM_BLESS").is_some() {
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        assert!(corpus(name) == bytes.as_slice(), "{name} differs from the fixture made here: run with SKM_BLESS=1");
    }
}
