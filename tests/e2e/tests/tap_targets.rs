//! On a 360×640 phone: the language switch, every «Ubah» on the review and the way back to the
//! list after sending are tap targets of at least 44×44 CSS pixels, «Ubah» stays on one line, and the
//! suggestion box says how many characters are left, measured in headless Chromium.

use std::time::Duration;

use fantoccini::{Client, Locator};
use skm_core::Lang;
use skm_e2e::{answer_survey, scroll_and_click, Answers, Harness};

const WAIT: Duration = Duration::from_secs(120);

/// Width and height of every element `css` finds, and how many lines its text takes.
async fn boxes(c: &Client, css: &str) -> Vec<(f64, f64, u64)> {
    let script = format!(
        "return [...document.querySelectorAll(\"{css}\")].map(e => {{ const r = e.getBoundingClientRect(); \
         const range = document.createRange(); range.selectNodeContents(e); \
         const lines = new Set([...range.getClientRects()].map(x => Math.round(x.top))).size; \
         return [r.width, r.height, lines]; }});"
    );
    let found = c.execute(&script, vec![]).await.unwrap();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b[0].as_f64().unwrap(), b[1].as_f64().unwrap(), b[2].as_u64().unwrap()))
        .collect()
}

fn big_enough(what: &str, found: &[(f64, f64, u64)]) {
    assert!(!found.is_empty(), "{what}: none on the page");
    for (w, h, _) in found {
        assert!(*w >= 44.0 && *h >= 44.0, "{what}: {w:.0}×{h:.0} px, under 44×44");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tap_targets_are_big_enough_on_a_small_phone() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    c.set_window_size(360, 640).await.unwrap();
    c.goto(&format!("{}/survei/dinkominfo-purbalingga/publikasi-media-sosial", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    let inner = c.execute("return window.innerWidth;", vec![]).await.unwrap().as_f64().unwrap();
    assert!(inner <= 360.0, "a phone's width: {inner}");
    big_enough("the language switch", &boxes(c, "#lang-switch").await);

    let answers = Answers { scores: [3; 9], profile: &[], suggestion: Some("Antrean") };
    answer_survey(c, Lang::Id, &answers).await.unwrap();
    let edits = boxes(c, ".review-row .link").await;
    big_enough("«Ubah» on the review", &edits);
    for (_, _, lines) in &edits {
        assert_eq!(*lines, 1, "«Ubah» wraps over {lines} lines");
    }

    // Back to the suggestion: the characters left, as typed.
    scroll_and_click(c, "#edit-suggestion").await.unwrap();
    let left = c.wait().at_most(WAIT).for_element(Locator::Id("suggestion-left")).await.unwrap();
    assert_eq!(left.text().await.unwrap(), "1993 karakter lagi");
    c.find(Locator::Id("suggestion")).await.unwrap().send_keys(" panjang").await.unwrap();
    assert_eq!(left.text().await.unwrap(), "1985 karakter lagi");

    // Sent: the way back to the list of services is a tap target too.
    c.find(Locator::Id("next")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("submit")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("receipt")).await.unwrap();
    big_enough("back to the list of services", &boxes(c, "a.back-link").await);
    h.stop().await;
}
