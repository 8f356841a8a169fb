//! A whole survey on a small phone (360×640), a larger one (390×844) and a laptop (1366×768),
//! measured in headless Chromium: on every screen nothing scrolls sideways and the next action can
//! be tapped where it is, without scrolling (inside the viewport and not covered by anything), a
//! tapped answer shows as chosen and then moves on by itself, and «Kembali» stays one tap away. Prints the taps and scrolls a full survey takes. With
//! `SKM_SCREENSHOTS=DIR` it saves the phone's question, review and thanks screens there
//! (docs/screenshots/).

use std::time::Duration;

use fantoccini::{Client, Locator};
use skm_core::ELEMENTS;
use skm_e2e::{on_screen, Harness};

const WAIT: Duration = Duration::from_secs(60);

/// Whether the element `css` finds can be tapped as the page stands: wholly inside the viewport,
/// and the element at its centre is it (or inside it), not a bar drawn over it.
async fn tappable(c: &Client, css: &str) -> Result<(), String> {
    let script = "const e = document.querySelector(arguments[0]); if (!e) return 'missing'; \
                  const r = e.getBoundingClientRect(); \
                  const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; \
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); \
                  return inside && hit && e.contains(hit) ? 'ok' \
                    : `top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)} of ${innerHeight}, \
                       covered by ${hit ? hit.tagName + '.' + hit.className : 'nothing'}`;";
    let found = c.execute(script, vec![serde_json::json!(css)]).await.map_err(|e| e.to_string())?;
    match found.as_str() {
        Some("ok") => Ok(()),
        other => Err(format!("{css}: {}", other.unwrap_or("?"))),
    }
}

/// Taps `css` after checking that it can be tapped without scrolling, and that nothing on the
/// screen scrolls sideways.
async fn tap(c: &Client, screen: &str, css: &str, taps: &mut u32) {
    let widths = c.execute("return [innerWidth, document.documentElement.scrollWidth];", vec![]).await.unwrap();
    let (inner, content) = (widths[0].as_f64().unwrap(), widths[1].as_f64().unwrap());
    assert!(content <= inner, "{screen}: the content is {content} px wide on a screen of {inner} px");
    if let Err(e) = tappable(c, css).await {
        panic!("{screen}: the next action needs a scroll: {e}");
    }
    c.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
    *taps += 1;
}

/// Saves what the window shows as `DIR/<name>.png` when `SKM_SCREENSHOTS=DIR` is set.
async fn screenshot(c: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("SKM_SCREENSHOTS") {
        let png = c.screenshot().await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

/// Walks a whole survey at this window size, tapping only what is on screen; gives the taps.
async fn walk(h: &Harness, width: u32, height: u32, phone: bool) -> u32 {
    let c = &h.client;
    h.screen(width, height, phone).await.unwrap();
    c.goto(&format!("{}/survei/dinkominfo-purbalingga/publikasi-media-sosial", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    let inner = c.execute("return [innerWidth, innerHeight];", vec![]).await.unwrap();
    assert_eq!(inner, serde_json::json!([width, height]), "the phone's screen");
    let mut taps = 0;
    on_screen(c, "#mulai").await.unwrap();
    tap(c, "#mulai", "#start", &mut taps).await;
    on_screen(c, "#profil").await.unwrap();
    tap(c, "#profil", "#next", &mut taps).await;
    for (i, e) in ELEMENTS.iter().enumerate() {
        let screen = format!("#{}", e.column());
        on_screen(c, &screen).await.unwrap();
        if i == 0 && width == 360 {
            screenshot(c, "survey-phone-question").await;
        }
        if let Err(e) = tappable(c, "#next").await {
            panic!("{screen}: «Lanjut» needs a scroll: {e}");
        }
        if i > 0 {
            if let Err(e) = tappable(c, "#back").await {
                panic!("{screen}: «Kembali» needs a scroll: {e}");
            }
        }
        let answer = format!("label.answer:has(input[name='{}'][value='4'])", e.column());
        if i == 0 {
            // Watch the page: the answer shows as chosen for a while before the next question.
            c.execute(
                "window.__seen = []; const log = () => window.__seen.push([performance.now(), \
                 document.querySelector('form').dataset.step, !!document.querySelector('.answer.selected')]); \
                 new MutationObserver(log).observe(document.body, { subtree: true, childList: true, attributes: true });",
                vec![],
            )
            .await
            .unwrap();
        }
        tap(c, &screen, &answer, &mut taps).await;
        if i == 0 {
            on_screen(c, "#u2").await.unwrap();
            let seen = c.execute("return window.__seen;", vec![]).await.unwrap();
            let seen = seen.as_array().unwrap();
            let at = |step: &str, selected: bool| {
                seen.iter()
                    .find(|s| s[1] == step && s[2] == selected)
                    .and_then(|s| s[0].as_f64())
                    .unwrap_or_else(|| panic!("never seen {step} with an answer chosen {selected}: {seen:?}"))
            };
            let shown = at("#u2", false) - at("#u1", true);
            assert!(shown >= 300.0, "the chosen answer shows for {shown:.0} ms only before the next question");
        }
    }
    on_screen(c, "#saran").await.unwrap();
    tap(c, "#saran", "#next", &mut taps).await;
    on_screen(c, "#ringkasan").await.unwrap();
    if width == 360 {
        screenshot(c, "survey-phone-review").await;
    }
    tap(c, "#ringkasan", "#submit", &mut taps).await;
    c.wait().at_most(WAIT).for_element(Locator::Css("#receipt-code")).await.unwrap();
    if width == 360 {
        screenshot(c, "survey-phone-thanks").await;
    }
    if let Err(e) = tappable(c, "#receipt-code").await {
        panic!("thanks: the receipt code is off screen: {e}");
    }
    taps
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_survey_on_a_phone_without_a_scroll() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let before = h.responses_csv().unwrap().lines().count();
    for (width, height, phone) in [(360, 640, true), (390, 844, true), (1366, 768, false)] {
        let taps = walk(&h, width, height, phone).await;
        // «Mulai», «Lanjut» past the profile, nine answers, «Lanjut» past the suggestion, «Kirim».
        assert_eq!(taps, 13, "{width}×{height}");
        println!("{width}×{height}: a full survey in {taps} taps and 0 scrolls");
    }
    assert_eq!(h.responses_csv().unwrap().lines().count(), before + 3);
    h.stop().await;
}
