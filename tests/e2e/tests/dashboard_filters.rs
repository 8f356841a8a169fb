//! The dashboard's filters as a Kepala Dinas uses them: a period, then another year (typed, or
//! with the arrow keys), or a year then a period; the figures are always those of the filters
//! as shown. Groups too small to grade say so, and a file with dates after today is pointed out.

use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;
use skm_core::format::decimal_id;
use skm_e2e::{dashboard_signed_in, reads, settled, skm_binary, text, Harness, ADMIN_TOKEN};

const WAIT: Duration = Duration::from_secs(180);

/// The period select's value and the text of its selected option, as the page shows them.
async fn period_shown(c: &Client) -> (String, String) {
    let v = c
        .execute(
            "const s = document.getElementById('filter-period'); return [s.value, s.options[s.selectedIndex].text];",
            vec![],
        )
        .await
        .unwrap();
    (v[0].as_str().unwrap_or_default().to_owned(), v[1].as_str().unwrap_or_default().to_owned())
}

/// Types a year over the one shown, as a person does: backspace over it, then the digits (every
/// keystroke an `input` event, the figures following the last valid year).
async fn set_year_by_typing(c: &Client, year: &str) {
    let input = c.find(Locator::Css("#filter-year")).await.unwrap();
    let erase = char::from(Key::Backspace).to_string().repeat(6);
    input.send_keys(&format!("{erase}{year}")).await.unwrap();
}

/// Chooses a period once the list offers it (the list is made anew when the year changes).
async fn choose_period(c: &Client, key: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let chosen = match c.find(Locator::Css("#filter-period")).await {
            Ok(select) => select.select_by_value(key).await.is_ok(),
            Err(_) => false,
        };
        if chosen {
            return;
        }
        if Instant::now() > deadline {
            let state = c
                .execute(
                    "return [document.getElementById('filter-year').value, \
                     Array.from(document.getElementById('filter-period').options).map(o => o.value).join(' ')];",
                    vec![],
                )
                .await
                .unwrap_or_default();
            panic!("the period list never offered {key}: year and periods {state}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The IKM and respondents `skm ikm` gives each quarter and month of a response file.
fn ikm_by_period(file: &str, period: &str) -> Vec<(String, String, u64)> {
    let out = Command::new(skm_binary().unwrap())
        .args(["ikm", file, "--by", "period", "--period", period, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["period"].as_str().unwrap().to_owned(),
                decimal_id(g["ikm"].as_f64().unwrap(), 2),
                g["respondents"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_figures_are_always_those_of_the_filters_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("2026");
    let made =
        Command::new(skm_binary().unwrap()).args(["demo", "--year", "2026", "--out"]).arg(&demo).output().unwrap();
    assert!(made.status.success());
    let responses = demo.join("responses.csv").display().to_string();
    let quarters = ikm_by_period(&responses, "quarter");
    let months = ikm_by_period(&responses, "month");
    let q2 = quarters.iter().find(|(p, _, _)| p == "2026-Q2").unwrap().clone();
    let may = months.iter().find(|(p, _, _)| p == "2026-05").unwrap().clone();

    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = dashboard_signed_in(&h).await;
    // The demo year's file alone, not the server's responses.
    c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#source-server")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&responses).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#sources li.source")).await.unwrap();
    set_year_by_typing(&c, "2026").await;

    // Period, then year (typed): the period moves to the new year, and so do the figures.
    choose_period(&c, "2026-Q2").await;
    reads(&c, "#ikm-value", &q2.1, "Triwulan II 2026").await;
    reads(&c, "#respondents", &q2.2.to_string(), "Triwulan II 2026").await;
    set_year_by_typing(&c, "2025").await;
    reads(&c, "#respondents", "0", "Triwulan II 2025 has no responses").await;
    settled(&c).await;
    assert_eq!(text(&c, "#ikm-value").await, "–");
    assert_eq!(period_shown(&c).await, ("2025-Q2".to_owned(), "Triwulan II 2025".to_owned()));
    // An empty period says so in each view, instead of drawing an empty frame.
    for tab in ["#tab-ikm", "#tab-overview"] {
        c.find(Locator::Css(tab)).await.unwrap().click().await.unwrap();
        let said = text(&c, "[role=tabpanel] .nothing-chosen").await;
        assert!(said.starts_with("Tidak ada data pada periode dan layanan yang dipilih"), "{tab}: {said:?}");
        let frames = c.find_all(Locator::Css("[role=tabpanel] figure.chart")).await.unwrap();
        assert!(frames.is_empty(), "{tab}: {} empty chart frames", frames.len());
    }

    // Year with the arrow key: back to 2026, the same quarter, its figures.
    c.find(Locator::Css("#filter-year")).await.unwrap().send_keys(&char::from(Key::Up).to_string()).await.unwrap();
    reads(&c, "#ikm-value", &q2.1, "arrow up to 2026").await;
    assert_eq!(period_shown(&c).await, ("2026-Q2".to_owned(), "Triwulan II 2026".to_owned()));
    assert_eq!(
        c.find(Locator::Css("#filter-year")).await.unwrap().prop("value").await.unwrap().as_deref(),
        Some("2026")
    );

    // A month, then the year: the same.
    choose_period(&c, "2026-05").await;
    reads(&c, "#ikm-value", &may.1, "Mei 2026").await;
    set_year_by_typing(&c, "2025").await;
    reads(&c, "#respondents", "0", "Mei 2025").await;
    assert_eq!(period_shown(&c).await.0, "2025-05");

    // Year, then period: the periods offered are the year's, and choosing one shows it.
    set_year_by_typing(&c, "2026").await;
    reads(&c, "#ikm-value", &may.1, "back to Mei 2026").await;
    choose_period(&c, "").await;
    set_year_by_typing(&c, "2025").await;
    settled(&c).await;
    choose_period(&c, "2025-Q2").await;
    reads(&c, "#respondents", "0", "year then period").await;
    set_year_by_typing(&c, "2026").await;
    reads(&c, "#ikm-value", &q2.1, "then back to 2026").await;
    assert_eq!(period_shown(&c).await.0, "2026-Q2");

    // A month of one service has a handful of respondents: each IKM carries its respondents and
    // the mark of a sample too small to grade.
    choose_period(&c, "2026-05").await;
    reads(&c, "#ikm-value", &may.1, "Mei 2026 again").await;
    settled(&c).await;
    let rows = c.find_all(Locator::Css("#service-table tbody tr")).await.unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let n: u64 = row.find(Locator::Css(".respondents")).await.unwrap().text().await.unwrap().parse().unwrap_or(0);
        let sample = row.find(Locator::Css(".sample")).await.unwrap().text().await.unwrap();
        assert_eq!(n < 30, sample.starts_with("sampel belum cukup"), "{n} respondents: {sample:?}");
    }
    assert!(text(&c, "#ikm-sample").await.starts_with("sampel belum cukup"), "the month's {} respondents", may.2);

    // A file with dates after today is pointed out.
    let wib = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
    let next_year = (jiff::Timestamp::now().to_zoned_datetime(wib).year() + 1).to_string();
    let ahead = dir.path().join("ahead");
    let made = Command::new(skm_binary().unwrap())
        .args(["demo", "--year", &next_year, "--responses", "40", "--seed", "99", "--out"])
        .arg(&ahead)
        .output()
        .unwrap();
    assert!(made.status.success());
    let future = ahead.join("jawaban-tahun-depan.csv");
    std::fs::rename(ahead.join("responses.csv"), &future).unwrap();
    c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&future.display().to_string()).await.unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        // Folded to a line that counts the files; opened, it names each.
        // (A new result may replace the line as it is found: the next round finds it again.)
        if let Ok(line) = c.find(Locator::Css("#dates-after-today:not([open]) > summary")).await {
            let _ = line.click().await;
        }
        let note = text(&c, "#dates-after-today").await;
        if note.contains("jawaban-tahun-depan.csv: memuat tanggal sesudah hari ini") {
            break;
        }
        assert!(Instant::now() < deadline, "the file with next year's dates is not pointed out: {note}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    h.stop().await;
}

/// The filters and the tab as the page shows them: year, period, service, and the tab selected.
async fn view_shown(c: &Client) -> Value {
    c.execute(
        "const v = id => { const e = document.getElementById(id); return e ? e.value : null; }; \
         const tab = document.querySelector('[role=tab][aria-selected=true]'); \
         return [v('filter-year'), v('filter-period'), v('filter-service'), tab ? tab.id : null];",
        vec![],
    )
    .await
    .unwrap()
}

/// Waits until the page shows `want` (see [`view_shown`]).
async fn shows(c: &Client, want: Value, what: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let got = view_shown(c).await;
        if got == want {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: the page shows {got}, not {want}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_opens_exactly_its_view_and_a_reload_keeps_it() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    // «Triwulan II 2025, Internet dan Jaringan», on the IKM tab, as a colleague sends it.
    let link = "/dasbor?year=2025&period=2025-Q2&service=internet-jaringan&view=ikm";
    c.goto(&format!("{}{link}", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#token")).await.unwrap().send_keys(ADMIN_TOKEN).await.unwrap();
    c.find(Locator::Css("#signin")).await.unwrap().click().await.unwrap();
    let linked = serde_json::json!(["2025", "2025-Q2", "internet-jaringan", "tab-ikm"]);
    shows(&c, linked.clone(), "the link").await;
    settled(&c).await;
    assert_eq!(period_shown(&c).await.1, "Triwulan II 2025");

    // Another period and tab: the address follows, and a reload keeps the view.
    choose_period(&c, "2025-Q3").await;
    c.find(Locator::Css("#tab-sla")).await.unwrap().click().await.unwrap();
    let changed = serde_json::json!(["2025", "2025-Q3", "internet-jaringan", "tab-sla"]);
    shows(&c, changed.clone(), "after the change").await;
    let search = c.execute("return location.search;", vec![]).await.unwrap();
    let search = search.as_str().unwrap();
    for part in ["year=2025", "period=2025-Q3", "service=internet-jaringan", "view=sla"] {
        assert!(search.contains(part), "{part} is not in the address {search}");
    }
    c.refresh().await.unwrap();
    shows(&c, changed, "after a reload").await;

    // A link that cannot be right opens the default view instead of failing.
    c.goto(&format!("{}/dasbor?year=99999&period=kemarin&view=grafik", h.base)).await.unwrap();
    let this_year = c.execute("return String(new Date().getFullYear());", vec![]).await.unwrap();
    shows(&c, serde_json::json!([this_year, "", "", "tab-overview"]), "a wrong link").await;
    h.stop().await;
}
