//! The scale figures of a pemda's server: 60 units of 15 services each and 200 000 responses a
//! year (made with `skm demo --pemda`), in headless Chromium: how long the home page takes to
//! list all 900 services, and how long the dashboard takes from signing in to the pemda view of
//! the 60 units. Each figure is the median of three runs.
//!
//! Run with `bash scripts/pemda-figures.sh`, which builds the release app and binary.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use skm_e2e::{skm_binary, Harness, ADMIN_TOKEN};

const UNITS: usize = 60;
const SERVICES: usize = 15;
const RESPONSES: u64 = 200_000;
const RUNS: usize = 3;
const WAIT: Duration = Duration::from_secs(600);

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn count(c: &fantoccini::Client, css: &str) -> usize {
    c.find_all(Locator::Css(css)).await.map_or(0, |v| v.len())
}

async fn until(c: &fantoccini::Client, css: &str, n: usize) {
    let deadline = Instant::now() + WAIT;
    while count(c, css).await < n {
        assert!(Instant::now() < deadline, "{css}: fewer than {n} in {WAIT:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let db = dir.path().join("pemda.db");
    let made = Instant::now();
    let out = std::process::Command::new(skm_binary().expect("skm"))
        .args(["demo", "--year", "2026", "--responses", &RESPONSES.to_string(), "--pemda", &UNITS.to_string()])
        .args(["--services-per-unit", &SERVICES.to_string(), "--db"])
        .arg(&db)
        .output()
        .expect("skm demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    println!("pemda made in {:.1} s: {}", made.elapsed().as_secs_f64(), String::from_utf8_lossy(&out.stdout).trim());

    let h = Harness::start_on(Some(db)).await.expect("harness");
    let c = &h.client;
    let (mut home, mut pemda, mut overview) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        c.goto(&h.base).await.unwrap();
        until(c, "a.service-link", UNITS * SERVICES).await;
        home.push(started.elapsed().as_secs_f64() * 1000.0);

        c.goto(&format!("{}/dasbor", h.base)).await.unwrap();
        c.execute("sessionStorage.clear();", vec![]).await.unwrap();
        c.goto(&format!("{}/dasbor", h.base)).await.unwrap();
        let token = c.wait().at_most(WAIT).for_element(Locator::Css("#token")).await.unwrap();
        token.send_keys(ADMIN_TOKEN).await.unwrap();
        let started = Instant::now();
        c.find(Locator::Css("#signin")).await.unwrap().click().await.unwrap();
        until(c, "#ikm-value", 1).await;
        overview.push(started.elapsed().as_secs_f64() * 1000.0);
        until(c, "#pemda-table tbody tr", UNITS).await;
        pemda.push(started.elapsed().as_secs_f64() * 1000.0);
        let worker = c.find(Locator::Css("#pemda")).await.unwrap().attr("data-elapsed-ms").await.unwrap();
        println!("  the worker computed the {UNITS} units in {} ms", worker.unwrap_or_default());
    }
    println!("home page, {} services listed: median {:.0} ms of {home:.0?}", UNITS * SERVICES, median(home.clone()));
    println!(
        "sign-in to the pemda's IKM over all {RESPONSES} responses: median {:.0} ms of {overview:.0?}",
        median(overview.clone())
    );
    println!("sign-in to the pemda view of {UNITS} units: median {:.0} ms of {pemda:.0?}", median(pemda.clone()));
    h.stop().await;
}
