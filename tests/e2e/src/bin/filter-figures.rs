//! How long a filter change takes on the dashboard with 100 000 responses and 100 000 requests
//! loaded, in headless Chromium: from the change of a filter to the new figures on the page,
//! and the worker's own part of it. The files go to the worker once; a change is computed from
//! what the worker kept. Each figure is the median of the runs.
//!
//! Run with `bash scripts/filter-figures.sh`, which builds the release app and binary.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::Value;
use skm_e2e::{dashboard_signed_in_at, settled, skm_binary, Harness};

const ROWS: u64 = 100_000;
const RUNS: usize = 5;
const WAIT: Duration = Duration::from_secs(600);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Sets a filter as a person would and waits for the next result on the page: the milliseconds
/// from the change to the figures shown, and the worker's milliseconds.
const CHANGE: &str = r#"
const [id, value, done] = arguments;
const shown = () => document.getElementById('worker-time');
const before = shown() ? shown().dataset.results : '';
const start = performance.now();
const watch = new MutationObserver(() => {
  const t = shown();
  if (t && t.dataset.results !== before) {
    watch.disconnect();
    // The figures are in the page; the next frame is when they are painted.
    requestAnimationFrame(() => done([performance.now() - start, parseFloat(t.dataset.ms)]));
  }
});
watch.observe(document.body, { subtree: true, childList: true, attributes: true });
const select = document.getElementById(id);
select.value = value;
select.dispatchEvent(new Event('change', { bubbles: true }));
"#;

async fn options(c: &fantoccini::Client, id: &str) -> Vec<String> {
    let script = format!("return Array.from(document.getElementById('{id}').options).map(o => o.value);");
    let v = c.execute(&script, vec![]).await.expect("options");
    v.as_array().into_iter().flatten().filter_map(|o| o.as_str().map(str::to_owned)).collect()
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let demo = dir.path().join("2026");
    let out = std::process::Command::new(skm_binary().expect("skm"))
        .args(["demo", "--year", "2026", "--responses", &ROWS.to_string(), "--requests", &ROWS.to_string(), "--out"])
        .arg(&demo)
        .output()
        .expect("skm demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let h = Harness::start().await.expect("harness");
    // Purbalingga's unit: with every unit shown, the overview judges no SLA (each unit's is
    // judged by its own standards); the Ketapang service's requests are refused here.
    let c = dashboard_signed_in_at(&h, "/dasbor?unit=dinkominfo-purbalingga").await;
    settled(&c).await;
    c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#source-server")).await.unwrap().click().await.unwrap();
    settled(&c).await;
    let paths: Vec<String> =
        ["responses.csv", "requests.csv"].iter().map(|n| demo.join(n).display().to_string()).collect();
    let dropped = Instant::now();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&paths.join("\n")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#sla-requests")).await.unwrap();
    settled(&c).await;
    let first = dropped.elapsed().as_secs_f64() * 1000.0;
    let first_worker = c.find(Locator::Css("#worker-time")).await.unwrap().attr("data-ms").await.unwrap();
    println!(
        "files dropped to figures shown ({ROWS} responses, {ROWS} requests): {first:.0} ms, the worker {} ms",
        first_worker.unwrap_or_default()
    );

    let services = options(&c, "filter-service").await;
    let channels = options(&c, "filter-channel").await;
    let (service, channel) =
        (services.get(1).cloned().unwrap_or_default(), channels.get(1).cloned().unwrap_or_default());
    let changes = [
        ("filter-service", service),
        ("filter-service", String::new()),
        ("filter-channel", channel),
        ("filter-channel", String::new()),
    ];
    let (mut page, mut worker) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        for (id, value) in &changes {
            let got: Value = c
                .execute_async(CHANGE, vec![Value::from(*id), Value::from(value.as_str())])
                .await
                .expect("a filter change");
            page.push(got[0].as_f64().unwrap_or(f64::NAN));
            worker.push(got[1].as_f64().unwrap_or(f64::NAN));
        }
    }
    println!(
        "filter change to figures shown: median {:.0} ms of {} changes (max {:.0} ms); the worker: median {:.0} ms",
        median(page.clone()),
        page.len(),
        page.iter().copied().fold(0.0, f64::max),
        median(worker.clone())
    );
    println!("  page: {page:.0?}");
    println!("  worker: {worker:.0?}");
    h.stop().await;
}
