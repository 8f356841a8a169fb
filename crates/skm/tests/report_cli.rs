//! `skm report` on the demo year: every output exists, and the IKM in each equals `skm ikm` on
//! the same files; the XLSX opens with an independent reader (calamine).

use std::path::Path;
use std::process::{Command, Output};

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use skm_core::format::decimal_id;

fn skm(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_skm")).args(args).output().unwrap();
    assert!(out.status.success(), "skm {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn demo(dir: &Path, year: &str) -> String {
    let data = dir.join(year);
    skm(&["demo", "--year", year, "--out", data.to_str().unwrap()]);
    data.display().to_string()
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let n = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (n(16), n(20))
}

#[test]
fn the_report_of_the_demo_year_carries_the_same_ikm_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo(dir.path(), "2026");
    let previous = demo(dir.path(), "2025");
    let out = dir.path().join("laporan");
    let out_s = out.to_str().unwrap();
    skm(&["report", "--year", "2026", "--data", &data, "--previous", &previous, "--out", out_s]);

    let ikm: serde_json::Value = serde_json::from_slice(
        &skm(&["ikm", &format!("{data}/responses.csv"), "--by", "service", "--format", "json"]).stdout,
    )
    .unwrap();
    let unit = ikm["ikm"].as_f64().unwrap();
    let services: Vec<(String, f64)> = ikm["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["service"].as_str().unwrap().to_owned(), g["ikm"].as_f64().unwrap()))
        .collect();

    // HTML: the cover, the tables, the change from 2025, the chapters.
    let html = std::fs::read_to_string(out.join("laporan-skm-2026.html")).unwrap();
    assert!(html.contains(&format!("id=\"ikm-unit\">{}</div>", decimal_id(unit, 2))));
    for (_, v) in &services {
        assert!(html.contains(&decimal_id(*v, 2)));
    }
    assert!(html.contains("id=\"change\">Dibandingkan tahun 2025"), "the change from last year");
    for chapter in [
        "1. Pendahuluan",
        "2. Metode",
        "3. Hasil survei",
        "4. Kepatuhan waktu",
        "5. Rapat evaluasi",
        "6. Saran",
        "7. Kesimpulan",
        "8. Rencana tindak lanjut",
    ] {
        assert!(html.contains(chapter), "{chapter}");
    }
    assert!(html.contains("Bab ini dilewati: tidak ada berkas langkah sop."), "the missing steps file is noted");
    assert!(html.contains("<svg"), "charts inline");

    // PDF, read back as text.
    let pdf = out.join("laporan-skm-2026.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let text =
        Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils, scripts/setup.sh)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&decimal_id(unit, 2)), "the unit's IKM in the PDF");
    assert!(text.contains("Rencana tindak lanjut"));

    // XLSX through calamine: the processing sheet and the per-service sheet.
    let mut book: Xlsx<_> = open_workbook(out.join("laporan-skm-2026.xlsx")).unwrap();
    let sheets = book.sheet_names();
    assert!(sheets.len() >= 10, "{sheets:?}");
    let processing = book.worksheet_range("Pengolahan").unwrap();
    let rows: Vec<&[Data]> = processing.rows().collect();
    let label = |r: &[Data]| r.first().map(|c| c.to_string()).unwrap_or_default();
    let respondents = rows.iter().skip(1).take_while(|r| matches!(r.first(), Some(Data::Float(_)))).count();
    assert_eq!(respondents as u64, ikm["respondents"].as_u64().unwrap());
    let converted = rows.iter().find(|r| label(r) == "IKM konversi (× 25)").expect("converted IKM row");
    assert!((converted[1].as_f64().unwrap() - unit).abs() < 1e-9);
    assert!(rows.iter().any(|r| label(r) == "NRR tertimbang"));
    let per_service = book.worksheet_range("IKM Layanan").unwrap();
    let last = per_service.rows().next_back().unwrap();
    assert_eq!(label(last), "Unit pelayanan");
    assert!((last[2].as_f64().unwrap() - unit).abs() < 1e-9);

    // Charts: SVG with the services' IKM, PNG of the same size at 2×.
    let svg = std::fs::read_to_string(out.join("grafik/ikm-per-layanan.svg")).unwrap();
    for (code, v) in &services {
        assert!(svg.contains(&format!(">{}</text>", decimal_id(*v, 2))) || svg.contains(&decimal_id(*v, 2)), "{code}");
    }
    let (w, h) = png_size(&std::fs::read(out.join("grafik/ikm-per-layanan.png")).unwrap());
    assert_eq!((w, h % 2), (1800, 0));
    for entry in std::fs::read_dir(out.join("grafik")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            assert!(path.with_extension("png").is_file(), "{} has its PNG", path.display());
        }
    }

    // JSON: the year's figures.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("laporan-skm-2026.json")).unwrap()).unwrap();
    assert_eq!(json["ikm"]["ikm"].as_f64().unwrap(), unit);
    assert_eq!(json["missing"], serde_json::json!(["steps"]));
}

#[test]
fn a_year_with_responses_only_leaves_the_other_chapters_out_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo(dir.path(), "2026");
    for name in ["requests.csv", "complaints.csv", "meetings.csv", "actions.csv"] {
        std::fs::remove_file(Path::new(&data).join(name)).unwrap();
    }
    let out = dir.path().join("report");
    let run =
        skm(&["report", "--year", "2026", "--data", &data, "--out", out.to_str().unwrap(), "--lang", "en", "--no-pdf"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("no file: Permohonan layanan — Service requests") || stderr.contains("Service requests"),
        "{stderr}"
    );
    let html = std::fs::read_to_string(out.join("laporan-skm-2026.html")).unwrap();
    assert!(html.contains("Left out: no file of service requests."));
    assert!(html.contains("Left out: no file of evaluation meetings."));
    assert!(html.contains("3. Survey results"));
    assert!(!out.join("laporan-skm-2026.pdf").exists());
}
