//! Kiosk mode: one tablet, many respondents; the form is empty again a few seconds after the thanks,
//! in the unit's language, and the kiosk is left only with its key.

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
    c.goto(&format!("{}/survei/video-conference-streaming?kiosk=0&key=kios-aula", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    assert!(c.find(Locator::Css("main.kiosk")).await.is_err());
    h.stop().await;
}

/// The document's language and the text of the first screen's button, once the page shows them.
async fn language_of_first_screen(c: &fantoccini::Client) -> (String, String) {
    on_screen(c, "#mulai").await.unwrap();
    let v = c
        .execute("return [document.documentElement.lang, document.getElementById('start').textContent];", vec![])
        .await
        .unwrap();
    (v[0].as_str().unwrap().to_owned(), v[1].as_str().unwrap().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_starts_everyone_in_the_units_language_and_is_left_only_with_its_key() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let survey = format!("{}/survei/dinkominfo-purbalingga/publikasi-media-sosial", h.base);
    c.goto(&format!("{survey}?kiosk=1&key=kios-aula")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("main.kiosk #service-name")).await.unwrap();
    // The header's title leads nowhere else.
    assert!(c.find(Locator::Css("header a.brand")).await.is_err(), "no link to the list of services");
    c.find(Locator::Css("header span.brand")).await.unwrap();

    // A respondent switches to English and answers.
    c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
    let start_en = skm_core::consent::START.en.to_owned();
    assert_eq!(language_of_first_screen(&c).await, ("en".to_owned(), start_en));
    let answers = Answers { scores: [4; 9], profile: &[], suggestion: None };
    answer_survey(&c, Lang::En, &answers).await.unwrap();
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();

    // The next respondent finds the unit's language again.
    c.wait().at_most(WAIT).for_element(Locator::Css("html[lang='id'] form[data-step='#mulai']")).await.unwrap();
    let start_id = skm_core::consent::START.id.to_owned();
    assert_eq!(language_of_first_screen(&c).await, ("id".to_owned(), start_id));

    // Leaving needs the device's key: without it, or with another, the kiosk stays.
    for leave in ["?kiosk=0", "?kiosk=0&key=kios-lain", "?kiosk=1&key=kios-lain"] {
        c.goto(&format!("{survey}{leave}")).await.unwrap();
        c.wait().at_most(WAIT).for_element(Locator::Css("main.kiosk #service-name")).await.unwrap();
    }
    c.goto(&format!("{survey}?kiosk=0&key=kios-aula")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("header a.brand")).await.unwrap();
    assert!(c.find(Locator::Css("main.kiosk")).await.is_err());
    h.stop().await;
}
