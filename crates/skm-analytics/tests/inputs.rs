//! The files offices actually have: the same answers as canonical CSV, Excel's semicolon CSV,
//! XLSX and a Google Forms export give the same result; bad rows and bad files are reported,
//! never a panic. Runs natively and, as wasm32, in headless Chromium.

use serde_json::Value;
use skm_analytics::{analyse_ikm, read_responses, AnalyticsError, Input, Mapping, Population};
use skm_core::analysis::{GroupBy, IkmAnalysis, IkmOptions};
use skm_core::catalog::Catalog;
use skm_core::issue::IssueKind;
use skm_core::period::MONTH_NAMES;
use skm_core::profile::{EDUCATIONS, GENDERS, OCCUPATIONS};
use skm_core::{PeriodKind, ELEMENTS};

#[macro_use]
mod common;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// One hand-made respondent: (year, month, day), service, scores (0 = unanswered), gender,
/// age, education, occupation (indexes into the choice lists; `None` = not given).
struct Respondent {
    date: (u16, u8, u8),
    service: &'static str,
    scores: [u8; 9],
    gender: Option<usize>,
    age: Option<u8>,
    education: Option<usize>,
    occupation: Option<usize>,
    suggestion: &'static str,
}

const PMS: &str = "publikasi-media-sosial";
const VCS: &str = "video-conference-streaming";

fn people() -> Vec<Respondent> {
    let r = |date, service, scores, gender, age, education, occupation, suggestion| Respondent {
        date,
        service,
        scores,
        gender,
        age,
        education,
        occupation,
        suggestion,
    };
    vec![
        r((2026, 1, 12), PMS, [4, 4, 3, 4, 4, 3, 4, 3, 3], Some(0), Some(34), Some(4), Some(0), "Cepat; ramah"),
        r((2026, 2, 3), PMS, [3, 3, 3, 4, 3, 3, 3, 2, 3], Some(1), Some(22), Some(2), Some(3), ""),
        r((2026, 3, 30), PMS, [2, 3, 2, 4, 3, 2, 3, 2, 0], Some(1), Some(45), Some(5), Some(4), "Ruang tunggu, panas"),
        r((2026, 4, 1), PMS, [4, 4, 4, 4, 4, 4, 4, 4, 4], None, None, None, None, ""),
        r((2026, 5, 17), PMS, [3, 4, 3, 4, 3, 3, 4, 3, 3], Some(0), Some(61), Some(0), Some(5), ""),
        r((2026, 6, 30), VCS, [3, 3, 2, 4, 3, 3, 3, 3, 2], Some(0), Some(29), Some(3), Some(1), ""),
        r((2026, 1, 2), VCS, [1, 2, 2, 4, 2, 2, 2, 1, 1], Some(1), Some(38), Some(6), Some(2), "Perbaiki jaringan"),
        r((2026, 2, 28), VCS, [4, 3, 4, 4, 0, 3, 4, 4, 3], Some(0), Some(19), Some(1), Some(5), ""),
        r((2026, 5, 5), VCS, [3, 3, 3, 3, 3, 3, 3, 3, 3], Some(1), Some(50), Some(4), Some(0), ""),
        r((2026, 6, 1), VCS, [4, 4, 4, 4, 4, 4, 4, 3, 4], Some(0), Some(41), Some(4), Some(0), ""),
    ]
}

fn canonical_csv(people: &[Respondent]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(skm_core::response::CSV_HEADER).unwrap();
    for (i, p) in people.iter().enumerate() {
        let (y, m, d) = p.date;
        let mut row = vec![format!("r{i}"), format!("{y}-{m:02}-{d:02}T10:15:00+07:00"), p.service.to_owned()];
        row.extend(p.scores.iter().map(|s| if *s == 0 { String::new() } else { s.to_string() }));
        row.push(p.gender.map_or(String::new(), |g| GENDERS[g].code.to_owned()));
        row.push(p.age.map_or(String::new(), |a| a.to_string()));
        row.push(p.education.map_or(String::new(), |e| EDUCATIONS[e].code.to_owned()));
        row.push(p.occupation.map_or(String::new(), |o| OCCUPATIONS[o].code.to_owned()));
        row.push(p.suggestion.to_owned());
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// What Excel on an Indonesian Windows writes: BOM, semicolons, CRLF, day-first or spelled dates.
fn excel_csv(people: &[Respondent]) -> Vec<u8> {
    let canonical = canonical_csv(people);
    let mut reader = csv::Reader::from_reader(canonical.as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(reader.headers().unwrap()).unwrap();
    for (i, (record, p)) in reader.records().zip(people).enumerate() {
        let mut row: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        let (y, m, d) = p.date;
        row[1] = if i % 2 == 0 {
            format!("{d:02}/{m:02}/{y} 10:15")
        } else {
            format!("{d} {} {y}", MONTH_NAMES[usize::from(m) - 1].id)
        };
        w.write_record(&row).unwrap();
    }
    w.into_inner().unwrap()
}

/// A Google Forms CSV download: question texts as headers, answer texts as cells.
fn google_forms_csv(people: &[Respondent]) -> String {
    let catalog = Catalog::builtin().unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header =
        vec!["Stempel waktu".to_owned(), "Alamat email".to_owned(), "Jenis layanan yang diterima".to_owned()];
    header.extend(["Jenis kelamin", "Usia", "Pendidikan terakhir", "Pekerjaan utama"].map(str::to_owned));
    header.extend(ELEMENTS.iter().map(|e| format!("{}. {}", e.index() + 1, e.text().question.id)));
    header.push("Saran dan masukan untuk perbaikan pelayanan".to_owned());
    w.write_record(&header).unwrap();
    for p in people {
        let (y, m, d) = p.date;
        let mut row = vec![format!("{y}/{m:02}/{d:02} 10:15:00 AM GMT+7"), "warga@example.id".to_owned()];
        row.push(catalog.get(p.service).unwrap().name.clone());
        row.push(p.gender.map_or(String::new(), |g| GENDERS[g].label.id.to_owned()));
        row.push(p.age.map_or(String::new(), |a| format!("{a} tahun")));
        row.push(p.education.map_or(String::new(), |e| EDUCATIONS[e].label.id.to_owned()));
        row.push(p.occupation.map_or(String::new(), |o| OCCUPATIONS[o].label.id.to_owned()));
        for e in ELEMENTS {
            let s = p.scores[e.index()];
            row.push(e.answer(s).map_or(String::new(), |t| t.id.to_owned()));
        }
        row.push(p.suggestion.to_owned());
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn options() -> IkmOptions {
    IkmOptions { by: vec![GroupBy::Service, GroupBy::Period], period: PeriodKind::Quarter, ..IkmOptions::default() }
}

fn analyse_files(files: &[(&str, &[u8])]) -> Result<IkmAnalysis, AnalyticsError> {
    let inputs: Vec<Input> = files.iter().map(|(name, bytes)| Input::new(name, bytes)).collect();
    let table = read_responses(&inputs, &Mapping::builtin()?)?;
    analyse_ikm(&table, &options(), Population::Unknown)
}

fn analyse(name: &str, bytes: &[u8]) -> IkmAnalysis {
    analyse_files(&[(name, bytes)]).unwrap()
}

/// The results without the description of the input files.
fn results(a: &IkmAnalysis) -> Value {
    let mut v = serde_json::to_value(a).unwrap();
    v.as_object_mut().unwrap().remove("input");
    v
}

both_targets! {
    fn excel_semicolon_csv_with_bom_gives_the_canonical_result() {
        let people = people();
        let canonical = analyse("responses.csv", canonical_csv(&people).as_bytes());
        assert_eq!(canonical.overall.summary.respondents, 10);
        assert!(canonical.input.issues.is_empty(), "{:?}", canonical.input.issues);
        let excel = analyse("excel.csv", &excel_csv(&people));
        assert_eq!(excel.input.files[0].format, "csv-semicolon");
        assert!(excel.input.issues.is_empty(), "{:?}", excel.input.issues);
        assert_eq!(results(&excel), results(&canonical));
    }

    fn google_forms_export_gives_the_canonical_result() {
        let people = people();
        let canonical = analyse("responses.csv", canonical_csv(&people).as_bytes());
        let forms = analyse("Survei SKM (Jawaban).csv", google_forms_csv(&people).as_bytes());
        assert_eq!(forms.input.files[0].layout, "google_forms");
        assert!(forms.input.issues.is_empty(), "{:?}", forms.input.issues);
        assert_eq!(results(&forms), results(&canonical));
    }

    fn xlsx_gives_the_canonical_result() {
        // tests/fixtures/responses.xlsx holds people() with real date cells, written by the
        // native test below.
        let canonical = analyse("responses.csv", canonical_csv(&people()).as_bytes());
        let xlsx = analyse("responses.xlsx", include_bytes!("fixtures/responses.xlsx"));
        assert_eq!(xlsx.input.files[0].format, "spreadsheet");
        assert!(xlsx.input.issues.is_empty(), "{:?}", xlsx.input.issues);
        assert_eq!(results(&xlsx), results(&canonical));
    }

    fn a_score_of_5_drops_its_row_and_keeps_the_others() {
        let mut text = canonical_csv(&people());
        text.push_str("bad,2026-03-03T09:00:00+07:00,publikasi-media-sosial,4,4,5,4,4,4,4,4,4,P,30,SMA,PNS,\n");
        let a = analyse("skm.csv", text.as_bytes());
        assert_eq!((a.input.rows_read, a.input.rows_dropped, a.overall.summary.respondents), (11, 1, 10));
        assert_eq!(a.input.drop_reasons[0].reason, IssueKind::ScoreOutOfRange);
        let issue = &a.input.issues[0];
        assert_eq!((issue.file.as_str(), issue.row, issue.column.as_str(), issue.value.as_str()), ("skm.csv", 12, "u3", "5"));
        let m = issue.message();
        assert!(m.contains("skm.csv, baris 12, kolom 'u3': '5' — nilai di luar 1–4") && m.contains("score outside 1–4; row skipped"), "{m}");
        assert_eq!(results(&a), results(&analyse("ok.csv", canonical_csv(&people()).as_bytes())));
    }

    fn an_unknown_answer_text_is_named_with_its_question() {
        let mut text = google_forms_csv(&people());
        let catalog = Catalog::builtin().unwrap();
        let mut row = vec!["2026/03/03 9:00:00 AM GMT+7".to_owned(), String::new(), catalog.get(PMS).unwrap().name.clone()];
        row.extend(["Perempuan", "30", "SMA", "PNS"].map(str::to_owned));
        row.extend(ELEMENTS.iter().map(|e| e.answer(3).unwrap().id.to_owned()));
        row[7 + 4] = "Lumayan".to_owned();
        row.push(String::new());
        text.push_str(&row.join(","));
        text.push('\n');
        let a = analyse("forms.csv", text.as_bytes());
        assert_eq!((a.input.rows_dropped, a.overall.summary.respondents), (1, 10));
        let issue = &a.input.issues[0];
        assert_eq!(issue.kind, IssueKind::UnknownAnswer);
        assert_eq!(issue.row, 12);
        assert!(issue.column.starts_with("5. Bagaimana pendapat Saudara tentang kesesuaian produk"), "{}", issue.column);
        assert!(issue.message().contains("unknown answer (expected 1–4 or an answer text)"));
    }

    fn a_broken_date_drops_its_row() {
        let mut text = canonical_csv(&people());
        text.push_str("x1,31/02/2026,publikasi-media-sosial,4,4,4,4,4,4,4,4,4,,,,,\n");
        text.push_str("x2,kemarin sore,publikasi-media-sosial,4,4,4,4,4,4,4,4,4,,,,,\n");
        let a = analyse("skm.csv", text.as_bytes());
        assert_eq!((a.input.rows_dropped, a.overall.summary.respondents), (2, 10));
        assert_eq!(a.input.drop_reasons[0].reason, IssueKind::BadDate);
        assert_eq!(a.input.drop_reasons[0].rows, 2);
        let m = a.input.issues[1].message();
        assert!(m.contains("baris 13, kolom 'submitted_at': 'kemarin sore'") && m.contains("unreadable date"), "{m}");
    }

    fn unreadable_profile_answers_are_ignored_but_the_row_counts() {
        let mut text = canonical_csv(&people());
        text.push_str("x1,2026-03-03,publikasi-media-sosial,4,4,4,4,4,4,4,4,4,X,7,Sekolah Tinggi,Astronot,\n");
        let a = analyse("skm.csv", text.as_bytes());
        assert_eq!((a.input.rows_dropped, a.input.cells_ignored, a.overall.summary.respondents), (0, 4, 11));
        assert!(a.input.issues.iter().all(|i| !i.row_dropped));
    }

    fn duplicates_blank_rows_and_empty_answer_rows() {
        let text = "id,u1,u2,u3,u4,u5,u6,u7,u8,u9\n\
                    a,4,4,4,4,4,4,4,4,4\n\
                    ,,,,,,,,,\n\
                    \n\
                    a,3,3,3,3,3,3,3,3,3\n\
                    b,,,,,,,,,\n";
        let a = analyse("d.csv", text.as_bytes());
        assert_eq!((a.input.rows_read, a.input.rows_dropped, a.overall.summary.respondents), (3, 2, 1));
        let kinds: Vec<IssueKind> = a.input.issues.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [IssueKind::DuplicateId, IssueKind::NoAnswers]);
        assert_eq!(a.input.issues[0].row, 5);
    }

    fn short_rows_and_extra_columns_are_tolerated() {
        let text = "u1,u2,u3,u4,u5,u6,u7,u8,u9,catatan\n4,4,4,4,4,4,4,4,4,x,extra\n3,3,3\n";
        let a = analyse("s.csv", text.as_bytes());
        assert_eq!(a.overall.summary.respondents, 2);
        assert_eq!(a.overall.summary.element(skm_core::Element::U4).unwrap().answers, 1);
        // Every element has at least one answer, so the IKM is defined.
        assert!(a.overall.summary.ikm.is_some());
    }

    fn files_that_cannot_be_read_are_errors_that_name_them() {
        let cases: [(&str, &[u8], &str); 6] = [
            ("kosong.csv", b"", "kosong.csv: berkas kosong"),
            ("spasi.csv", b"\n\n  \n", "spasi.csv: berkas kosong"),
            ("lama.csv", b"id,service,u1,u2\n1,x,4,4\n", "lama.csv: kolom 'u3' tidak ada / column 'u3' is missing"),
            ("kutip.csv", b"u1,u2,u3,u4,u5,u6,u7,u8,u9\n4,4,4,4,4,4,4,4,\"4\n", ""),
            ("rusak.xlsx", b"PK\x03\x04garbage that is not a zip", "rusak.xlsx: lembar kerja tidak dapat dibuka"),
            ("gambar.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "gambar.csv: kolom 'u1' tidak ada"),
        ];
        for (name, bytes, expected) in cases {
            match analyse_files(&[(name, bytes)]) {
                Err(e) => assert!(e.to_string().starts_with(expected), "{name}: {e}"),
                // An unclosed quote at the end of the file is read as one long last cell.
                Ok(a) => assert!(name == "kutip.csv" && a.overall.summary.respondents == 1, "{name}"),
            }
        }
    }

    fn a_header_only_file_gives_no_ikm_and_no_panic() {
        let a = analyse("kosong.csv", skm_core::response::CSV_HEADER.join(",").as_bytes());
        assert_eq!(a.overall.summary.respondents, 0);
        assert_eq!(a.overall.summary.ikm, None);
        assert_eq!(a.overall.ci, None);
        assert!(a.groups.is_empty());
    }

    fn issues_name_the_file_they_come_from() {
        let good = canonical_csv(&people());
        let bad = "id,u1,u2,u3,u4,u5,u6,u7,u8,u9\nz,4,4,4,4,4,4,4,4,9\n";
        let a = analyse_files(&[("januari.csv", good.as_bytes()), ("februari.csv", bad.as_bytes())]).unwrap();
        assert_eq!(a.input.files.len(), 2);
        assert_eq!((a.input.files[1].rows_read, a.input.files[1].rows_dropped), (1, 1));
        assert_eq!(a.input.issues[0].file, "februari.csv");
        assert_eq!(a.overall.summary.respondents, 10);
    }

    fn an_office_mapping_reads_a_differently_worded_form() {
        let text = "Waktu,Layanan,Syarat,Alur,Lama proses,Ongkos,Hasil,Petugas,Sikap,Fasilitas,Keluhan\n\
                    12/01/2026,Internet,Pas,Mudah,Cepat,Gratis,Sesuai,Kompeten,Sopan dan ramah,Baik,Dikelola dengan baik\n";
        let mapping = "[columns]\nsubmitted_at = [\"waktu\"]\nservice = [\"layanan\"]\nu1 = [\"syarat\"]\nu2 = [\"alur\"]\n\
                       u3 = [\"lama proses\"]\nu4 = [\"ongkos\"]\nu5 = [\"hasil\"]\nu6 = [\"petugas\"]\nu7 = [\"sikap\"]\n\
                       u8 = [\"fasilitas\"]\nu9 = [\"keluhan\"]\n[answers.u1]\n\"pas\" = 3\n";
        let mapping = Mapping::with_file("kantor.toml", mapping).unwrap();
        let table = read_responses(&[Input::new("form.csv", text.as_bytes())], &mapping).unwrap();
        assert!(table.input.issues.is_empty(), "{:?}", table.input.issues);
        assert_eq!(table.service, [std::sync::Arc::from("internet-jaringan")]);
        assert_eq!(table.scores.iter().map(|c| c[0].unwrap()).collect::<Vec<_>>(), [3, 3, 3, 4, 3, 3, 3, 3, 4]);
    }
}

/// Writes `people()` as XLSX the way Excel keeps it: numbers as numbers, dates as date cells.
#[cfg(not(target_arch = "wasm32"))]
fn people_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for (c, name) in skm_core::response::CSV_HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    for (i, p) in people().iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, format!("r{i}")).unwrap();
        let (y, m, d) = p.date;
        let when = ExcelDateTime::from_ymd(y, m, d).unwrap().and_hms(10, 15, 0).unwrap();
        sheet.write_datetime_with_format(r, 1, &when, &date_format).unwrap();
        sheet.write_string(r, 2, p.service).unwrap();
        for (e, s) in p.scores.iter().enumerate() {
            if *s > 0 {
                sheet.write_number(r, 3 + e as u16, f64::from(*s)).unwrap();
            }
        }
        if let Some(g) = p.gender {
            sheet.write_string(r, 12, GENDERS[g].code).unwrap();
        }
        if let Some(a) = p.age {
            sheet.write_number(r, 13, f64::from(a)).unwrap();
        }
        if let Some(e) = p.education {
            sheet.write_string(r, 14, EDUCATIONS[e].code).unwrap();
        }
        if let Some(o) = p.occupation {
            sheet.write_string(r, 15, OCCUPATIONS[o].code).unwrap();
        }
        sheet.write_string(r, 16, p.suggestion).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn a_freshly_written_xlsx_gives_the_canonical_result() {
    let bytes = people_xlsx();
    if std::env::var_os("SKM_BLESS").is_some() {
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/responses.xlsx"), &bytes).unwrap();
    }
    let canonical = analyse("responses.csv", canonical_csv(&people()).as_bytes());
    let xlsx = analyse("responses.xlsx", &bytes);
    assert!(xlsx.input.issues.is_empty(), "{:?}", xlsx.input.issues);
    assert_eq!(results(&xlsx), results(&canonical));
}
