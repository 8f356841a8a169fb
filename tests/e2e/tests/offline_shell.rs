//! Once opened with a connection, the survey opens again without one: the service worker keeps
//! the app shell and the list of services.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::Lang;
use skm_e2e::{answer_survey, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_survey_opens_offline_after_one_visit() {
    let mut h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let url = format!("{}/survei/internet-jaringan", h.base);
    c.goto(&url).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    // The worker installs in the background; once it is ready, a reload puts the page under it.
    let ready = c.execute("return navigator.serviceWorker.ready.then(() => true);", vec![]).await.unwrap();
    assert_eq!(ready, serde_json::json!(true));
    c.refresh().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    let controlled = c.execute("return !!navigator.serviceWorker.controller;", vec![]).await.unwrap();
    assert_eq!(controlled, serde_json::json!(true), "the service worker controls the page");

    h.stop_server();
    c.goto(&url).await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    assert_eq!(name.text().await.unwrap(), "Internet dan Jaringan");
    // And the survey can be walked through offline, up to the review.
    answer_survey(&c, Lang::Id, &Answers { scores: [4; 9], profile: &[], suggestion: None }).await.unwrap();
    h.stop().await;
}
