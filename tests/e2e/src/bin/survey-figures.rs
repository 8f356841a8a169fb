//! Measures the survey page as a citizen's phone gets it: the bytes sent (wasm, JavaScript, CSS,
//! the page, after the server's compression) and the time until the first screen can be used,
//! in headless Chromium with the CPU slowed 4× and optionally a slow mobile network. Each figure
//! is the median of cold loads (cache, storage and service worker cleared before each).
//!
//! Run with `bash scripts/survey-figures.sh`, which builds the release app into `dist-release/`.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;
use skm_e2e::Harness;

const SERVICE_PATH: &str = "/survei/publikasi-media-sosial";
const RUNS: usize = 5;

/// Records when the first screen's start button and the service's name appear.
const OBSERVER: &str = "
window.__skm = {};
new MutationObserver(() => {
  if (!window.__skm.start && document.getElementById('start')) window.__skm.start = performance.now();
  if (!window.__skm.name && document.getElementById('service-name')) window.__skm.name = performance.now();
}).observe(document, { childList: true, subtree: true });";

struct Load {
    start_ms: f64,
    name_ms: f64,
    load_ms: f64,
    /// (kind, bytes on the wire, bytes decoded)
    sizes: Vec<(String, u64, u64)>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn cold_load(h: &Harness) -> Result<Load, String> {
    let origin = h.base.clone();
    h.cdp("Storage.clearDataForOrigin", json!({ "origin": origin, "storageTypes": "all" })).await?;
    h.cdp("Network.clearBrowserCache", json!({})).await?;
    h.client.goto(&format!("{}{SERVICE_PATH}", h.base)).await.map_err(|e| e.to_string())?;
    h.client
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("#service-name"))
        .await
        .map_err(|e| e.to_string())?;
    let v = h
        .client
        .execute(
            "const nav = performance.getEntriesByType('navigation')[0];
             const kind = n => n.endsWith('.wasm') ? 'wasm' : n.endsWith('.js') ? 'js' : n.endsWith('.css') ? 'css' : 'other';
             const res = performance.getEntriesByType('resource')
               .filter(r => !r.name.includes('/api/'))
               .map(r => [kind(new URL(r.name).pathname), r.encodedBodySize, r.decodedBodySize]);
             res.push(['html', nav.encodedBodySize, nav.decodedBodySize]);
             return [window.__skm.start, window.__skm.name, nav.loadEventEnd, res];",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let num = |x: &serde_json::Value| x.as_f64().unwrap_or(f64::NAN);
    let sizes = v[3]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r[0].as_str().unwrap_or("other").to_owned(),
                        r[1].as_u64().unwrap_or(0),
                        r[2].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Load { start_ms: num(&v[0]), name_ms: num(&v[1]), load_ms: num(&v[2]), sizes })
}

async fn run() -> Result<(), String> {
    let h = Harness::start().await?;
    h.cdp("Network.enable", json!({})).await?;
    h.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await?;
    h.cdp("Network.setBypassServiceWorker", json!({ "bypass": true })).await?;
    h.cdp("Page.enable", json!({})).await?;
    h.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": OBSERVER })).await?;
    // A phone a few years old on a weak mobile connection (Lighthouse's "slow 4G": 150 ms,
    // 1.6 Mbit/s down, 750 kbit/s up).
    let slow_4g = json!({ "offline": false, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8 });
    let unthrottled = json!({ "offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
    println!("survey page {SERVICE_PATH}, {} (median of {RUNS} cold loads)", h.base);
    println!("{:<28} {:>14} {:>16} {:>10}", "conditions", "first screen", "service named", "load");
    let mut sizes = Vec::new();
    for (label, cpu, network) in
        [("no throttling", 1, &unthrottled), ("4x CPU", 4, &unthrottled), ("4x CPU + slow 4G", 4, &slow_4g)]
    {
        h.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": cpu })).await?;
        h.cdp("Network.emulateNetworkConditions", network.clone()).await?;
        let mut loads = Vec::new();
        for _ in 0..RUNS {
            loads.push(cold_load(&h).await?);
        }
        let m = |f: fn(&Load) -> f64| median(loads.iter().map(f).collect());
        println!(
            "{label:<28} {:>11.0} ms {:>13.0} ms {:>7.0} ms",
            m(|l| l.start_ms),
            m(|l| l.name_ms),
            m(|l| l.load_ms)
        );
        sizes = loads.pop().map(|l| l.sizes).unwrap_or_default();
    }
    h.cdp("Emulation.setCPUThrottlingRate", json!({ "rate": 1 })).await?;
    println!();
    println!("{:<8} {:>14} {:>14}", "kind", "sent (gzip)", "decoded");
    let mut total = (0, 0);
    for kind in ["wasm", "js", "css", "html", "other"] {
        let (wire, decoded) = sizes.iter().filter(|s| s.0 == kind).fold((0, 0), |a, s| (a.0 + s.1, a.1 + s.2));
        if wire + decoded > 0 {
            println!("{kind:<8} {wire:>12} B {decoded:>12} B");
        }
        if kind != "other" {
            total = (total.0 + wire, total.1 + decoded);
        }
    }
    println!("{:<8} {:>12} B {:>12} B   (wasm + js + css + html)", "total", total.0, total.1);
    h.stop().await;
    Ok(())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("survey-figures: {e}");
        std::process::exit(1);
    }
}
