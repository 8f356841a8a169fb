//! A complete survey with the keyboard alone (Tab, Space, arrows, Enter): every control is
//! reachable, each new screen puts the focus on its heading, and the focus is always visible.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use skm_core::ELEMENTS;
use skm_e2e::{on_screen, Harness};

const WAIT: Duration = Duration::from_secs(60);

async fn press(c: &Client, keys: &str) {
    c.active_element().await.unwrap().send_keys(keys).await.unwrap();
}

fn key(k: Key) -> String {
    char::from(k).to_string()
}

/// The focused element's id, and whether its focus ring (or its answer card's) is drawn.
async fn focus(c: &Client) -> (String, bool) {
    let v = c
        .execute(
            "const a = document.activeElement; const ring = a.closest('.answer') || a; \
             const s = getComputedStyle(ring); \
             return [a.id || a.name || a.tagName, s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2];",
            vec![],
        )
        .await
        .unwrap();
    (v[0].as_str().unwrap_or_default().to_owned(), v[1].as_bool().unwrap_or(false))
}

/// Presses Tab until `target` has the focus, checking the focus ring of everything passed.
async fn tab_to(c: &Client, target: &str) {
    for _ in 0..30 {
        press(c, &key(Key::Tab)).await;
        let (id, visible) = focus(c).await;
        assert!(visible, "the focus on {id} is not visible");
        if id == target {
            return;
        }
    }
    panic!("{target} cannot be reached with Tab");
}

async fn heading_has_focus(c: &Client, fragment: &str) {
    on_screen(c, fragment).await.unwrap();
    let (id, _) = focus(c).await;
    assert_eq!(id, "step-heading", "on {fragment} the focus moves to the screen's heading");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_complete_survey_with_the_keyboard_alone() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let before = h.responses_csv().unwrap().lines().count();
    c.goto(&format!("{}/survei/dokumentasi-kegiatan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();

    tab_to(&c, "start").await;
    press(&c, &key(Key::Enter)).await;
    heading_has_focus(&c, "#profil").await;
    tab_to(&c, "gender").await;
    press(&c, "P").await; // type-ahead in a closed select: «Perempuan»
    tab_to(&c, "age").await;
    press(&c, "41").await;
    tab_to(&c, "next").await;
    press(&c, &key(Key::Enter)).await;

    // Each question: Tab into the radio group, Space picks the first answer, arrows move on.
    let scores = [4u8, 3, 4, 2, 4, 3, 4, 4, 1];
    for (e, score) in ELEMENTS.iter().zip(scores) {
        heading_has_focus(&c, &format!("#{}", e.column())).await;
        tab_to(&c, e.column()).await;
        press(&c, &key(Key::Space)).await;
        for _ in 1..score {
            press(&c, &key(Key::Down)).await;
        }
        if e.column() == "u1" {
            // An answer chosen with the keyboard does not move on by itself, as a tap does.
            tokio::time::sleep(Duration::from_millis(1_000)).await;
            let hash = c.execute("return location.hash;", vec![]).await.unwrap();
            assert_eq!(hash, serde_json::json!("#u1"), "the keyboard's answer left the question");
        }
        tab_to(&c, "next").await;
        press(&c, &key(Key::Enter)).await;
    }
    heading_has_focus(&c, "#saran").await;
    tab_to(&c, "suggestion").await;
    press(&c, "Antrean cepat").await;
    tab_to(&c, "next").await;
    press(&c, &key(Key::Enter)).await;
    heading_has_focus(&c, "#ringkasan").await;
    tab_to(&c, "submit").await;
    press(&c, &key(Key::Enter)).await;

    let receipt = c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    let id = receipt.text().await.unwrap();
    let csv = h.responses_csv().unwrap();
    assert_eq!(csv.lines().count(), before + 1);
    let row = csv.lines().find(|l| l.starts_with(&id)).expect("stored");
    assert!(row.contains(",dokumentasi-kegiatan,4,3,4,2,4,3,4,4,1,P,41,"), "{row}");
    assert!(row.contains("Antrean cepat"), "{row}");
    h.stop().await;
}
