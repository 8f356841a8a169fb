//! Kiosk mode: one tablet, many respondents; the form is empty again a few seconds after the thanks.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::Lang;
use skm_e2e::{answer_survey, on_screen, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_session_resets_after_the_thanks() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let before = h.responses_csv().unwrap().lines().count();
    c.goto(&format!("{}/survei/video-conference-streaming?kiosk=1&key=kios-aula", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("main.kiosk #service-name")).await.unwrap();
    answer_survey(&c, Lang::Id, &Answers { scores: [4; 9], profile: &[("gender", "L")], suggestion: None })
        .await
        .unwrap();
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    assert_eq!(h.responses_csv().unwrap().lines().count(), before + 1);

    // A few seconds later the next respondent finds an empty form: nothing of the last one shows.
    on_screen(&c, "#mulai").await.unwrap();
    let state = c
        .execute(
            "return [location.hash, !!document.getElementById('receipt'), localStorage.getItem('skm.draft'), \
             localStorage.getItem('skm.kiosk'), localStorage.getItem('skm.kiosk_key')];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(state, serde_json::json!(["#mulai", false, null, "true", "\"kios-aula\""]));
    // Nothing of the last respondent comes back, not even through the back button.
    c.back().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    on_screen(&c, "#mulai").await.unwrap();
    c.find(Locator::Css("#start")).await.unwrap().click().await.unwrap();
    on_screen(&c, "#profil").await.unwrap();
    let gender = c.execute("return document.getElementById('gender').value;", vec![]).await.unwrap();
    assert_eq!(gender, serde_json::json!(""));

    // The mode is remembered on reload, and ?kiosk=0 turns it off.
    c.goto(&format!("{}/survei/video-conference-streaming", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("main.kiosk")).await.unwrap();
    c.goto(&format!("{}/survei/video-conference-streaming?kiosk=0", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    assert!(c.find(Locator::Css("main.kiosk")).await.is_err());
    h.stop().await;
}
