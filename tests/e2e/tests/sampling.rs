//! The sampling plan, end to end: a unit's admin types the population of a service for the
//! running SKM period on the admin page; the page shows the Krejcie–Morgan sample it asks for,
//! and the dashboard's card shows the respondents stored so far against that sample, with the
//! days left. The panels fit a phone's screen and a laptop's.

use std::time::Duration;

use fantoccini::{Client, Locator};
use skm_e2e::{admin_page, axe_source, fill, layout_faults, settled, violations, Harness};

const WAIT: Duration = Duration::from_secs(120);
const UNIT: &str = "dinkominfo-purbalingga";

async fn attr(c: &Client, css: &str, name: &str) -> String {
    let e = c.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap();
    e.attr(name).await.unwrap().unwrap_or_default()
}

/// The respondents of `service` stored from `first` to `last`, counted from the unit's export.
fn counted(csv: &str, service: &str, first: &str, last: &str) -> u64 {
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (when, of) = (at("submitted_at"), at("service"));
    rows.records().map(Result::unwrap).filter(|r| r[of] == *service && (first..=last).contains(&&r[when][..10])).count()
        as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sample_progress_matches_krejcie_morgan() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    admin_page(&h, UNIT).await;

    // The first service of the running period: 1 000 people served asks for 278 respondents.
    let service = attr(c, "#population-form div[data-service]", "data-service").await;
    let input = format!("f-pop-{service}");
    fill(c, &input, "-5").await;
    c.find(Locator::Id("population-save")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id(&format!("{input}-problems"))).await.unwrap();
    fill(c, &input, "1000").await;
    let required = format!("#population-form div[data-service='{service}'] .sample-required");
    assert_eq!(attr(c, &required, "data-required").await, "278");
    c.find(Locator::Id("population-save")).await.unwrap().click().await.unwrap();
    let notice = c.wait().at_most(WAIT).for_element(Locator::Id("population-notice")).await.unwrap();
    assert!(notice.text().await.unwrap().ends_with(": 1"), "one population saved");
    let found = violations(c, &axe_source().unwrap()).await;
    assert!(found.is_empty(), "axe on the admin page's sampling plan: {found:#?}");
    let (status, kept) = h.api_get(&format!("/api/v1/units/{UNIT}/populations")).unwrap();
    assert_eq!(status, 200);
    assert!(kept.contains("\"population\":1000"), "{kept}");

    // The admin page's panels and the paper entry fit a phone and a laptop.
    for (w, ht, phone) in [(360, 640, true), (1366, 768, false)] {
        h.screen(w, ht, phone).await.unwrap();
        let faults = layout_faults(c, "#follow-up, #publications, #populations").await;
        assert!(faults.is_empty(), "{w}×{ht} admin page: {faults:#?}");
    }

    // The dashboard's card: the stored respondents of the period against 278.
    h.screen(360, 640, true).await.unwrap();
    // The token typed on the admin page holds for the tab's session.
    c.goto(&format!("{}/dasbor?unit={UNIT}", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("ikm-value")).await.unwrap();
    settled(c).await;
    let row = format!("#sampling-card .sample-service[data-service='{service}']");
    assert_eq!(attr(c, &row, "data-required").await, "278");
    let (_, plan) = h.api_get(&format!("/api/v1/units/{UNIT}/sampling")).unwrap();
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    let (first, last) = (plan["first_day"].as_str().unwrap(), plan["last_day"].as_str().unwrap());
    let csv = h.responses_csv().unwrap();
    let respondents = counted(&csv, &service, first, last);
    assert_eq!(attr(c, &row, "data-respondents").await, respondents.to_string());
    let line = c.find(Locator::Css(&row)).await.unwrap().text().await.unwrap();
    assert!(line.contains(&format!("{respondents} dari 278 responden")), "{line}");
    assert!(line.contains("N = 1.000"), "{line}");
    let days = c.find(Locator::Id("sampling-days")).await.unwrap().text().await.unwrap();
    assert!(days.contains(&format!("{} hari lagi", plan["days_left"])), "{days}");
    let faults = layout_faults(c, "#sampling-card").await;
    assert!(faults.is_empty(), "360×640 sampling card: {faults:#?}");

    h.stop().await;
}
