//! axe-core (from npm, installed by scripts/setup.sh) finds no WCAG 2.1 A/AA violation on the
//! survey pages, in both languages, in headless Chromium.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::ELEMENTS;
use skm_e2e::{axe_source, on_screen, violations, Harness};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survey_pages_have_no_wcag_violations() {
    let axe = axe_source().unwrap();
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let mut found = Vec::new();
    for (path, ready) in [("/", "main"), ("/survei/publikasi-media-sosial", "#service-name")] {
        c.goto(&format!("{}{path}", h.base)).await.unwrap();
        c.wait().at_most(WAIT).for_element(Locator::Css(ready)).await.unwrap();
        found.extend(violations(&c, &axe).await.into_iter().map(|v| (path, "id", v)));
        c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        found.extend(violations(&c, &axe).await.into_iter().map(|v| (path, "en", v)));
        c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
    }
    // Every screen of the survey, with answers chosen, and the thanks.
    c.goto(&format!("{}/survei/publikasi-media-sosial", h.base)).await.unwrap();
    on_screen(&c, "#mulai").await.unwrap();
    c.find(Locator::Css("#start")).await.unwrap().click().await.unwrap();
    on_screen(&c, "#profil").await.unwrap();
    c.find(Locator::Css("#gender")).await.unwrap().select_by_value("L").await.unwrap();
    found.extend(violations(&c, &axe).await.into_iter().map(|v| ("#profil", "id", v)));
    c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
    for e in ELEMENTS {
        let screen = format!("#{}", e.column());
        on_screen(&c, &screen).await.unwrap();
        c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap(); // the hint, unanswered
        let answer = format!("input[name='{}'][value='3']", e.column());
        if e.column() == "u1" {
            // Chosen as the keyboard chooses (no pointer), the screen stays for the check.
            c.execute(&format!("document.querySelector(\"{answer}\").click();"), vec![]).await.unwrap();
            found.extend(violations(&c, &axe).await.into_iter().map(|v| ("#u1", "id", v)));
            c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
        } else {
            // A tapped answer moves on by itself.
            c.find(Locator::Css(&answer)).await.unwrap().click().await.unwrap();
        }
    }
    on_screen(&c, "#saran").await.unwrap();
    found.extend(violations(&c, &axe).await.into_iter().map(|v| ("#saran", "id", v)));
    c.find(Locator::Css("#next")).await.unwrap().click().await.unwrap();
    on_screen(&c, "#ringkasan").await.unwrap();
    found.extend(violations(&c, &axe).await.into_iter().map(|v| ("#ringkasan", "id", v)));
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    found.extend(violations(&c, &axe).await.into_iter().map(|v| ("thanks", "id", v)));
    assert!(found.is_empty(), "WCAG violations: {found:#?}");

    // At 320 CSS pixels (a small phone, or 200 % zoom of a 640 px window) nothing scrolls sideways.
    c.set_window_size(320, 800).await.unwrap();
    c.goto(&format!("{}/survei/publikasi-media-sosial", h.base)).await.unwrap();
    let mut screens = vec!["#mulai".to_owned(), "#profil".to_owned()];
    screens.extend(ELEMENTS.iter().map(|e| format!("#{}", e.column())));
    screens.extend(["#saran".to_owned(), "#ringkasan".to_owned()]);
    for screen in &screens {
        on_screen(&c, screen).await.unwrap();
        let widths =
            c.execute("return [window.innerWidth, document.documentElement.scrollWidth];", vec![]).await.unwrap();
        let (inner, scroll) = (widths[0].as_f64().unwrap(), widths[1].as_f64().unwrap());
        assert!(inner <= 360.0, "the window is narrow: {inner}");
        assert!(scroll <= inner, "{screen}: no sideways scrolling at {inner}px: content is {scroll}px wide");
        let next = if screen == "#mulai" {
            "#start".to_owned()
        } else if screen == "#ringkasan" {
            break;
        } else if let Some(e) = ELEMENTS.iter().find(|e| screen[1..] == *e.column()) {
            // A tapped answer moves on by itself.
            format!("input[name='{}'][value='1']", e.column())
        } else {
            "#next".to_owned()
        };
        c.find(Locator::Css(&next)).await.unwrap().click().await.unwrap();
    }

    // The check itself can fail: an image without a text alternative is found.
    c.execute("const i = document.createElement('img'); i.src = '/x.png'; document.body.appendChild(i);", vec![])
        .await
        .unwrap();
    let planted = violations(&c, &axe).await;
    assert!(planted.iter().any(|v| v["id"] == "image-alt"), "{planted:#?}");
    h.stop().await;
}
