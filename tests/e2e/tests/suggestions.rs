//! The suggestions tab as a Kepala Dinas reads a year of them: a page at a time, searched by words
//! (every suggestion shown holds them), and a long one folded with the rest one tap away.

use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use skm_core::format::integer_id;
use skm_e2e::{dashboard_signed_in, reads, settled, skm_binary, text, Harness};

const WAIT: Duration = Duration::from_secs(180);

/// The suggestions in the table, as their cells read.
async fn rows(c: &Client) -> Vec<String> {
    let v = c
        .execute(
            "return [...document.querySelectorAll('#suggestions tbody td.suggestion-text')].map(td => td.textContent);",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_are_searched_paged_and_folded() {
    // The demo year, and one respondent who wrote at length.
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("2026");
    let made =
        Command::new(skm_binary().unwrap()).args(["demo", "--year", "2026", "--out"]).arg(&demo).output().unwrap();
    assert!(made.status.success());
    let long = format!(
        "Pelayanan lambat di loket belakang. {}Tolong tambah petugas kejora.",
        "Antrean panjang sekali. ".repeat(20)
    );
    let responses = demo.join("responses.csv");
    let mut csv = std::fs::read_to_string(&responses).unwrap();
    csv.push_str(&format!(
        "\n7d3c3e0e-2a51-4c1e-9b8a-0d6f3f1e2a77,2026-12-01T09:00:00+07:00,internet-jaringan,3,3,3,3,3,3,3,3,3,,,,,\"{long}\"\n"
    ));
    std::fs::write(&responses, csv).unwrap();

    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = dashboard_signed_in(&h).await;
    c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#source-server")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&responses.display().to_string()).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#sources li.source")).await.unwrap();
    settled(&c).await;
    c.find(Locator::Css("#tab-suggestions")).await.unwrap().click().await.unwrap();

    // A page at a time.
    let count = text(&c, "#suggestion-count").await;
    let total: u64 = count.rsplit(' ').next().unwrap().replace('.', "").parse().unwrap();
    assert!(total > 50, "the demo year has many suggestions: {count}");
    assert_eq!(count, format!("1–25 dari {}", integer_id(total)));
    assert_eq!(rows(&c).await.len(), 25);
    let first_page = rows(&c).await;
    c.find(Locator::Css("#suggestions-next")).await.unwrap().click().await.unwrap();
    reads(&c, "#suggestion-count", &format!("26–50 dari {}", integer_id(total)), "page 2").await;
    assert_eq!(text(&c, "#suggestions-page").await, format!("Halaman 2 dari {}", total.div_ceil(25)));
    assert_ne!(rows(&c).await, first_page);
    c.find(Locator::Css("#suggestions-prev")).await.unwrap().click().await.unwrap();
    reads(&c, "#suggestion-count", &format!("1–25 dari {}", integer_id(total)), "back to page 1").await;

    // Searched: every suggestion shown holds the words, in any case; the search starts at page 1.
    c.find(Locator::Css("#suggestions-next")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#suggestion-search")).await.unwrap().send_keys("ANTRE").await.unwrap();
    let deadline = Instant::now() + WAIT;
    let found = loop {
        let count = text(&c, "#suggestion-count").await;
        if count.starts_with("1–") {
            break count;
        }
        assert!(Instant::now() < deadline, "the search shows {count}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let matching: u64 = found.rsplit(' ').next().unwrap().replace('.', "").parse().unwrap();
    assert!(matching >= 1 && matching < total, "{found}");
    for row in rows(&c).await {
        assert!(row.to_lowercase().contains("antre"), "{row:?} does not hold the word searched");
    }
    c.find(Locator::Css("#suggestion-search")).await.unwrap().send_keys(" zzqx").await.unwrap();
    reads(&c, "#suggestion-count", "Tidak ada saran yang memuat kata itu.", "no match").await;
    assert!(rows(&c).await.is_empty());

    // The long one folds: its start shows, the rest one tap away.
    c.execute("const s = document.getElementById('suggestion-search'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true }));", vec![])
        .await
        .unwrap();
    c.find(Locator::Css("#suggestion-search")).await.unwrap().send_keys("kejora").await.unwrap();
    reads(&c, "#suggestion-count", "1–1 dari 1", "the long one").await;
    let fold = c.find(Locator::Css("#suggestions details.fold")).await.unwrap();
    let shown = fold.text().await.unwrap();
    assert!(
        shown.starts_with("Pelayanan lambat di loket belakang.") && shown.ends_with("baca selengkapnya"),
        "{shown}"
    );
    assert!(!shown.contains("kejora"), "folded: {shown}");
    fold.find(Locator::Css("summary")).await.unwrap().click().await.unwrap();
    let open = fold.text().await.unwrap();
    assert!(open.contains(&long), "opened: {open}");
    h.stop().await;
}
