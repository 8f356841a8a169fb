//! Three fast clicks on «Kirim» (a double tap, an impatient citizen, a stuck key) store one
//! response: the clicks that come before the page shows «Mengirim…» send nothing more.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::Lang;
use skm_e2e::{answer_survey, Answers, Harness};

const WAIT: Duration = Duration::from_secs(120);

fn rows(csv: &str) -> usize {
    csv.lines().count().saturating_sub(1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_fast_clicks_on_send_store_one_response() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    let before = rows(&h.responses_csv().unwrap());
    c.goto(&format!("{}/survei/dinkominfo-purbalingga/publikasi-media-sosial", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    let answers = Answers { scores: [4, 4, 3, 4, 3, 4, 4, 3, 4], profile: &[], suggestion: None };
    answer_survey(c, Lang::Id, &answers).await.unwrap();
    // Three clicks in one go, before the page can draw anything in between.
    c.execute("const b = document.getElementById('submit'); b.click(); b.click(); b.click();", vec![]).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    // Give a second submission, had one left, the time to arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(rows(&h.responses_csv().unwrap()), before + 1);
    h.stop().await;
}
