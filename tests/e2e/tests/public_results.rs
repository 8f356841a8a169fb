//! The public results page, signed out, in headless Chromium: the IKM it shows is the one
//! `skm ikm` computes on the unit's export, and on a 360×640 phone it fits the screen, its
//! text is readable and its links can be tapped. With `SKM_SCREENSHOTS=DIR` it saves
//! `hasil-phone.png` there (docs/screenshots/).

use std::path::Path;
use std::process::Command;

use fantoccini::Locator;
use serde_json::Value;
use skm_core::format::{decimal_id, integer_id};
use skm_e2e::{axe_source, skm_binary, text, violations, Harness};

const UNIT: &str = "dinkominfo-purbalingga";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_page_shows_the_ikm_that_skm_ikm_computes_from_the_units_export() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;

    // What the batch command says of the unit's export, for its SKM period (semesters).
    let (status, csv) = h.api_get(&format!("/api/v1/units/{UNIT}/responses.csv")).unwrap();
    assert_eq!(status, 200, "{csv}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("responses.csv");
    std::fs::write(&file, &csv).unwrap();
    let out = Command::new(skm_binary().unwrap())
        .arg("ikm")
        .arg(&file)
        .args(["--by", "period", "--period", "semester", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let analysis: Value = serde_json::from_slice(&out.stdout).unwrap();
    let latest = analysis["groups"].as_array().and_then(|g| g.last()).cloned().expect("a period in the export");
    let want_ikm = decimal_id(latest["ikm"].as_f64().unwrap(), 2);
    let want_respondents = integer_id(latest["respondents"].as_u64().unwrap());
    let period = skm_core::Period::from_key(latest["period"].as_str().unwrap()).unwrap();

    // The page, signed out (a fresh browser has no session).
    c.goto(&format!("{}/hasil/{UNIT}", h.base)).await.unwrap();
    c.wait().for_element(Locator::Css("#ikm")).await.unwrap();
    assert_eq!(text(c, "#ikm").await, want_ikm);
    let respondents = text(c, "#respondents").await;
    assert!(respondents.starts_with(&format!("{want_respondents} responden")), "{respondents}");
    let shown_period = text(c, "#period").await;
    assert!(shown_period.starts_with(&period.label(skm_core::Lang::Id)), "{shown_period}");
    let elements = c.find_all(Locator::Css("#elements tbody tr")).await.unwrap();
    assert_eq!(elements.len(), 9);
    assert!(c.find(Locator::Css("#elements svg")).await.is_ok(), "the NRR chart is drawn");

    // Layout a person would notice, on a 360×640 phone and a 1366×768 laptop.
    for (width, height, phone) in [(1366, 768, false), (360, 640, true)] {
        h.screen(width, height, phone).await.unwrap();
        let layout = c
            .execute(
                "const vw = document.documentElement.clientWidth, vh = window.innerHeight;
                 const ikm = document.getElementById('ikm').getBoundingClientRect();
                 const small = [...document.querySelectorAll('p, td, th, a, h1, h2')]
                   .filter(e => e.offsetParent && e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 12)
                   .map(e => e.tagName + ' ' + e.textContent.trim().slice(0, 30));
                 const links = [...document.querySelectorAll('a')].filter(a => a.offsetParent)
                   .map(a => [a.textContent.trim(), a.getBoundingClientRect().height]);
                 return { sideways: document.documentElement.scrollWidth > vw, window: window.innerWidth,
                          ikm_on_first_screen: ikm.top >= 0 && ikm.bottom <= vh && ikm.right <= vw,
                          small, links };",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(layout["window"], width, "{layout}");
        assert_eq!(layout["sideways"], false, "the page scrolls sideways: {layout}");
        assert_eq!(layout["ikm_on_first_screen"], true, "{layout}");
        assert_eq!(layout["small"], serde_json::json!([]), "text under 12 px: {layout}");
        for link in layout["links"].as_array().unwrap() {
            assert!(link[1].as_f64().unwrap() >= 44.0, "a link under 44 px high at {width} px: {link}");
        }
    }
    if let Some(dir) = std::env::var_os("SKM_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        std::fs::write(Path::new(&dir).join("hasil-phone.png"), png).unwrap();
    }

    // No WCAG 2.1 A/AA violation, here or on the pemda's page.
    let axe = axe_source().unwrap();
    assert_eq!(violations(c, &axe).await, Vec::<Value>::new(), "/hasil/{UNIT}");
    c.goto(&format!("{}/hasil", h.base)).await.unwrap();
    c.wait().for_element(Locator::Css(&format!("tr[data-unit={UNIT}]"))).await.unwrap();
    assert_eq!(violations(c, &axe).await, Vec::<Value>::new(), "/hasil");
    c.goto(&format!("{}/hasil/{UNIT}", h.base)).await.unwrap();

    // In English, the same figure with a decimal point.
    c.find(Locator::Css("#switch-lang")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("html[lang=en]")).await.unwrap();
    assert_eq!(text(c, "#ikm").await, want_ikm.replace(',', "."));

    // The open data give the same figure.
    let (status, json) = h.api_get(&format!("/api/v1/units/{UNIT}/results.json")).unwrap();
    assert_eq!(status, 200);
    let results: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(results["overall"]["ikm"], latest["ikm"]);
    h.stop().await;
}
