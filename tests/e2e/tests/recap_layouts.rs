//! Offices' recap workbooks in the dashboard: a sheet per quarter under a title block, and a
//! processing sheet whose title states its quarter, dropped on the page, give the IKM `skm ikm`
//! prints for the same files, and the page lists what the reader noticed of their layout (the
//! titles, the sheet passed over) as the command does; an undated sheet takes the period typed
//! in the page, as `skm ikm --period-of` does.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use fantoccini::Locator;
use skm_core::format::decimal_id;
use skm_e2e::{dashboard_signed_in_at, fill, gone, layout_faults, reads, settled, skm_binary, text, Harness};

const WAIT: Duration = Duration::from_secs(180);

#[tokio::test(flavor = "multi_thread")]
async fn recap_workbooks_give_in_the_dashboard_what_the_command_prints() {
    let corpus = corpus();
    let files: Vec<String> =
        ["layout-sheets.xlsx", "layout-title.xlsx"].iter().map(|n| corpus.join(n).display().to_string()).collect();
    let out = Command::new(skm_binary().unwrap())
        .arg("ikm")
        .args(&files)
        .args(["--by", "none", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: Vec<String> = printed["input"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["notes"].as_array().cloned().unwrap_or_default())
        .map(|n| n["note"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        notes,
        [
            "title_skipped",
            "period_given",
            "title_skipped",
            "period_given",
            "sheet_skipped",
            "title_skipped",
            "period_given"
        ]
    );

    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = dropped(&h, &files).await;
    assert_eq!(text(&c, "#ikm-value").await, decimal_id(printed["ikm"].as_f64().unwrap(), 2));
    assert_eq!(text(&c, "#respondents").await, printed["respondents"].as_u64().unwrap().to_string());
    c.find(Locator::Css("#layout-notes summary")).await.unwrap().click().await.unwrap();
    let shown = text(&c, "#layout-notes").await;
    assert!(shown.starts_with("7 catatan tentang tata letak berkas"), "{shown}");
    for said in [
        "layout-sheets.xlsx [TW II]: baris 1 di atas judul kolom (baris 2) tidak dibaca",
        "layout-sheets.xlsx: lembar 'Grafik' tanpa judul kolom jawaban, dilewati",
        "layout-title.xlsx: 6 baris tanpa tanggal dihitung pada periode 2026-Q1",
    ] {
        assert!(shown.contains(said), "{said} in {shown}");
    }
    c.close().await.unwrap();
}

/// The dashboard of the demo unit with `files` dropped on it, once their figures and notes are
/// shown.
async fn dropped(h: &Harness, files: &[String]) -> fantoccini::Client {
    let c = dashboard_signed_in_at(h, "/dasbor?unit=dinkominfo-purbalingga").await;
    c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    // The server's own responses are left out: the page shows the files alone.
    c.find(Locator::Css("#source-server")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&files.join("\n")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#layout-notes")).await.unwrap();
    settled(&c).await;
    c
}

/// The corpus of malformed and real-layout files, as the browser wants a path: canonical.
fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../malformed/responses").canonicalize().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_undated_sheet_takes_the_period_typed_in_the_dashboard() {
    let file = corpus().join("layout-undated.xlsx").display().to_string();
    let out = Command::new(skm_binary().unwrap())
        .args(["ikm", &file, "--period-of", "2025-Q2", "--by", "none", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = dropped(&h, &[file]).await;
    c.find(Locator::Css("#layout-notes summary")).await.unwrap().click().await.unwrap();
    let shown = text(&c, "#layout-notes").await;
    assert!(shown.contains("6 baris tanpa tanggal tidak masuk periode mana pun"), "{shown}");
    assert!(shown.contains("di dasbor «Periode baris tanpa tanggal»"), "{shown}");

    // A period that is none is pointed out and not used.
    fill(&c, "period-of", "2025-Q5").await;
    assert_eq!(text(&c, "#period-of-error").await, "Tulis 2025, 2025-S1, 2025-Q2 atau 2025-07.");
    // Measured on a cheap phone and on a laptop, with the error shown.
    for (width, height, phone) in [(360, 640, true), (1366, 768, false)] {
        h.screen(width, height, phone).await.unwrap();
        let faults = layout_faults(&c, "label[for=period-of], #period-of-error").await;
        assert_eq!(faults, Vec::<String>::new(), "the period field at {width}×{height}");
    }
    fill(&c, "period-of", "2025-Q2").await;
    gone(&c, "#period-of-error", "the error goes with the mistake").await;
    fill(&c, "filter-year", "2025").await;
    settled(&c).await;
    reads(&c, "#ikm-value", &decimal_id(printed["ikm"].as_f64().unwrap(), 2), "the recap's IKM in 2025").await;
    assert_eq!(text(&c, "#respondents").await, "6");
    // The notes were opened above and stay so: read them whole.
    let shown = c.execute("return document.getElementById('layout-notes').textContent", vec![]).await.unwrap();
    let shown = shown.as_str().unwrap_or_default();
    assert!(shown.contains("6 baris tanpa tanggal dihitung pada periode 2025-Q2 (dari dasbor / dashboard)"), "{shown}");
    c.close().await.unwrap();
}
