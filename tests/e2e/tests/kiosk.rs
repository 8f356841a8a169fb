//! Kiosk mode: one tablet, many respondents; the form is empty again a few seconds after the thanks.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::ELEMENTS;
use skm_e2e::Harness;

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
    c.find(Locator::Css("#gender")).await.unwrap().select_by_value("L").await.unwrap();
    for e in ELEMENTS {
        c.find(Locator::Css(&format!("input[name='{}'][value='4']", e.column()))).await.unwrap().click().await.unwrap();
    }
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    assert_eq!(h.responses_csv().unwrap().lines().count(), before + 1);

    // A few seconds later the next respondent finds an empty form: nothing of the last one shows.
    let progress = c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#progress")).await.unwrap();
    assert_eq!(progress.text().await.unwrap(), "0/9 terjawab");
    let state = c
        .execute(
            "return [document.querySelectorAll('input[type=radio]:checked').length, \
             document.getElementById('gender').value, !!document.getElementById('receipt'), \
             localStorage.getItem('skm.kiosk'), localStorage.getItem('skm.kiosk_key')];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(state, serde_json::json!([0, "", false, "true", "\"kios-aula\""]));

    // The mode is remembered on reload, and ?kiosk=0 turns it off.
    c.goto(&format!("{}/survei/video-conference-streaming", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("main.kiosk")).await.unwrap();
    c.goto(&format!("{}/survei/video-conference-streaming?kiosk=0", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    assert!(c.find(Locator::Css("main.kiosk")).await.is_err());
    h.stop().await;
}
