//! An answer given while the server cannot be reached is kept in the browser and delivered, once,
//! when the server is back (also after the tab was closed and reopened).

use std::time::{Duration, Instant};

use fantoccini::Locator;
use skm_core::Lang;
use skm_e2e::{answer_survey, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_made_while_the_server_is_down_arrives_once() {
    let mut h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let rows = |h: &Harness| h.responses_csv().unwrap().lines().count() - 1;
    let before = rows(&h);

    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    answer_survey(&c, Lang::Id, &Answers { scores: [3; 9], profile: &[], suggestion: None }).await.unwrap();

    // The server goes away; the citizen submits anyway.
    h.stop_server();
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let queued = c.wait().at_most(WAIT).for_element(Locator::Css("#queued")).await.unwrap();
    assert!(queued.text().await.unwrap().contains("tersimpan di perangkat ini"));
    let waiting =
        c.execute("return JSON.parse(localStorage.getItem('skm.outbox') || '[]').length;", vec![]).await.unwrap();
    assert_eq!(waiting, serde_json::json!(1));

    // The server is back; the tab is reopened (any page of the app sends what waits).
    h.restart_server().unwrap();
    c.goto(&format!("{}/", h.base)).await.unwrap();
    let deadline = Instant::now() + WAIT;
    while rows(&h) < before + 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(rows(&h), before + 1, "delivered");
    let waiting =
        c.execute("return JSON.parse(localStorage.getItem('skm.outbox') || '[]').length;", vec![]).await.unwrap();
    assert_eq!(waiting, serde_json::json!(0), "nothing left waiting");

    // Opening the app again sends nothing twice.
    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(rows(&h), before + 1, "exactly once");
    let csv = h.responses_csv().unwrap();
    assert!(csv.contains(",internet-jaringan,3,3,3,3,3,3,3,3,3,"), "the answers arrived");
    h.stop().await;
}
