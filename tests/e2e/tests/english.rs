//! A complete survey in English: the switch is remembered, every text comes from the core's
//! English wording, and the answers arrive as in Bahasa Indonesia.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::Lang;
use skm_core::ELEMENTS;
use skm_e2e::{answer_survey, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complete_survey_in_english() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    c.goto(&format!("{}/survei/dokumentasi-kegiatan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
    // Remembered across a reload.
    c.refresh().await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    assert_eq!(name.text().await.unwrap(), "Event documentation");
    assert_eq!(c.execute("return document.documentElement.lang;", vec![]).await.unwrap(), serde_json::json!("en"));
    let answers = Answers { scores: [2; 9], profile: &[], suggestion: Some("More chairs, please") };
    answer_survey(&c, Lang::En, &answers).await.unwrap();
    assert_eq!(c.find(Locator::Css("#progress")).await.unwrap().text().await.unwrap(), "9/9 answered");
    let review = c.find(Locator::Css("#review")).await.unwrap().text().await.unwrap();
    for e in ELEMENTS {
        assert!(review.contains(e.text().answers[1].en), "{}'s answer in English: {review}", e.id());
    }
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let receipt = c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    let id = receipt.text().await.unwrap();
    assert!(c.source().await.unwrap().contains("Thank you! Your answers are saved."));
    let csv = h.responses_csv().unwrap();
    let row = csv.lines().find(|l| l.starts_with(&id)).expect("stored");
    assert!(row.contains(",dokumentasi-kegiatan,2,2,2,2,2,2,2,2,2,"), "{row}");
    assert!(row.contains("More chairs, please"), "{row}");
    h.stop().await;
}
