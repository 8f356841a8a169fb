//! Measures the dashboard's analytics worker as a Kepala Dinas's browser gets it: its wasm's
//! bytes on the wire (gzip) and decoded, the time from opening the dashboard to the first
//! figures on a cold visit and on a second visit (the wasm from the browser's cache, by its
//! content-hashed address), and the loading progress the page showed, in headless Chromium on
//! "slow 4G" (1.6 Mbit/s) and unthrottled.
//!
//! Run with `bash scripts/worker-figures.sh`, which builds the release app into `dist-release/`.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::json;
use skm_e2e::{dashboard_signed_in_at, settled, Harness};

/// Counts the different values of the engine's progress bar the page showed.
const OBSERVER: &str = "
window.__skm = { progress: new Set() };
new MutationObserver(() => {
  const bar = document.getElementById('engine-progress');
  if (bar) window.__skm.progress.add(bar.getAttribute('value'));
}).observe(document, { childList: true, subtree: true, attributes: true });";

/// One visit: seconds to the first figures, the wasm's bytes on the wire and decoded, and how
/// many progress values were shown.
struct Visit {
    seconds: f64,
    wire: u64,
    decoded: u64,
    progress: u64,
}

async fn visit(h: &Harness, cold: bool) -> Result<Visit, String> {
    let origin = h.base.clone();
    if cold {
        h.cdp("Storage.clearDataForOrigin", json!({ "origin": origin, "storageTypes": "all" })).await?;
        h.cdp("Network.clearBrowserCache", json!({})).await?;
    }
    let start = Instant::now();
    let c = if cold {
        dashboard_signed_in_at(h, "/dasbor").await
    } else {
        h.client.goto(&format!("{}/dasbor", h.base)).await.map_err(|e| e.to_string())?;
        h.client
            .wait()
            .at_most(Duration::from_secs(600))
            .for_element(Locator::Css("#ikm-value"))
            .await
            .map_err(|e| e.to_string())?;
        settled(&h.client).await;
        h.client.clone()
    };
    let seconds = start.elapsed().as_secs_f64();
    let v = c
        .execute(
            "const r = performance.getEntriesByType('resource').find(r => r.name.endsWith('skm-worker_bg.wasm'));
             return [r ? r.transferSize : -1, r ? r.decodedBodySize : -1, window.__skm.progress.size];",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let n = |i: usize| v[i].as_u64().unwrap_or(0);
    Ok(Visit { seconds, wire: n(0), decoded: n(1), progress: n(2) })
}

async fn run() -> Result<(), String> {
    let h = Harness::start().await?;
    h.cdp("Network.enable", json!({})).await?;
    h.cdp("Network.setBypassServiceWorker", json!({ "bypass": true })).await?;
    h.cdp("Page.enable", json!({})).await?;
    h.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": OBSERVER })).await?;
    let slow_4g = json!({ "offline": false, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8 });
    let unthrottled = json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
    println!("dashboard /dasbor with the demo responses, {}", h.base);
    println!(
        "{:<16} {:<8} {:>16} {:>16} {:>16} {:>16}",
        "network", "visit", "first figures", "wasm sent", "wasm decoded", "progress shown"
    );
    for (label, network) in [("unthrottled", &unthrottled), ("slow 4G", &slow_4g)] {
        h.cdp("Network.emulateNetworkConditions", network.clone()).await?;
        for cold in [true, false] {
            let v = visit(&h, cold).await?;
            println!(
                "{label:<16} {:<8} {:>14.1} s {:>14} B {:>14} B {:>9} values",
                if cold { "first" } else { "second" },
                v.seconds,
                v.wire,
                v.decoded,
                v.progress
            );
        }
    }
    h.stop().await;
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("worker-figures: {e}");
        std::process::exit(1);
    }
}
