//! Paper questionnaires, end to end: an operator signs in on `/kertas` and types a sheet with the
//! keyboard alone (serial, Tab, the nine answers as digits, Tab through the profile, Enter); the
//! cursor comes back to the serial number; the same sheet typed again is refused and the unit's
//! export holds it once. The blank sheets print from the admin page, numbered.

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use skm_e2e::{axe_source, layout_faults, violations, Harness};

const WAIT: Duration = Duration::from_secs(120);
/// The demo accounts' password (README, "Demo accounts").
const DEMO_PASSWORD: &str = "demo-skm-2026";
const UNIT: &str = "dinkominfo-purbalingga";

async fn press(c: &Client, keys: &str) {
    c.active_element().await.unwrap().send_keys(keys).await.unwrap();
}

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn focused(c: &Client) -> String {
    c.execute("return document.activeElement.id", vec![]).await.unwrap().as_str().unwrap_or_default().to_owned()
}

/// Types one sheet from the serial number on (the day and service as they are set): the
/// answers, a gender by its first letter and an age, then Enter.
async fn type_sheet(c: &Client, serial: &str, answers: &str) {
    c.find(Locator::Id("p-serial")).await.unwrap().click().await.unwrap();
    press(c, serial).await;
    let tab = key(Key::Tab);
    press(c, &tab).await;
    assert_eq!(focused(c).await, "p-answers");
    press(c, answers).await;
    press(c, &tab).await;
    assert_eq!(focused(c).await, "p-gender");
    press(c, "P").await;
    press(c, &tab).await;
    press(c, "34").await;
    press(c, &key(Key::Enter)).await;
}

fn stored(h: &Harness, serial: &str) -> usize {
    let (status, csv) = h.api_get(&format!("/api/v1/units/{UNIT}/responses.csv")).unwrap();
    assert_eq!(status, 200);
    csv.lines().filter(|l| l.starts_with(&format!("kertas-{UNIT}-{serial},"))).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_operator_types_a_sheet_by_keyboard_and_a_second_entry_of_it_is_refused() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    c.goto(&format!("{}/kertas", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("username")).await.unwrap().click().await.unwrap();
    press(c, &format!("operator.purbalingga{}{DEMO_PASSWORD}{}", key(Key::Tab), key(Key::Enter))).await;
    c.wait().at_most(WAIT).for_element(Locator::Css("#p-service option")).await.unwrap();
    let found = violations(c, &axe_source().unwrap()).await;
    assert!(found.is_empty(), "axe on the paper forms screen: {found:#?}");

    type_sheet(c, "pbg-0001", "344343434").await;
    let saved = c.wait().at_most(WAIT).for_element(Locator::Id("paper-saved")).await.unwrap();
    assert!(saved.text().await.unwrap().contains("PBG-0001"));
    // Ready for the next sheet: the cursor is on the serial number, the answers are cleared.
    assert_eq!(focused(c).await, "p-serial");
    let answers = c.find(Locator::Id("p-answers")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(answers.as_deref(), Some(""));
    assert_eq!(stored(&h, "PBG-0001"), 1);
    let (_, csv) = h.api_get(&format!("/api/v1/units/{UNIT}/responses.csv")).unwrap();
    let row = csv.lines().find(|l| l.contains("PBG-0001")).unwrap().to_owned();
    assert!(row.contains(",3,4,4,3,4,3,4,3,4,P,34,"), "{row}");

    // The same sheet again: refused, said so, stored once.
    type_sheet(c, "PBG-0001", "111111111").await;
    let error = c.wait().at_most(WAIT).for_element(Locator::Id("paper-error")).await.unwrap();
    assert!(error.text().await.unwrap().contains("sudah dimasukkan"), "{}", error.text().await.unwrap());
    assert_eq!(stored(&h, "PBG-0001"), 1);

    // The entry screen fits a phone and a laptop.
    for (w, ht, phone) in [(360, 640, true), (1366, 768, false)] {
        h.screen(w, ht, phone).await.unwrap();
        let faults = layout_faults(c, "main").await;
        assert!(faults.is_empty(), "{w}×{ht} /kertas: {faults:#?}");
    }

    // The blank sheets printed from the admin page: one page each, numbered from 41.
    c.goto(&format!("{}/admin?unit={UNIT}", h.base)).await.unwrap();
    let button = c.wait().at_most(WAIT).for_element(Locator::Css("li[data-service] button.paper")).await.unwrap();
    c.execute(
        "window.__saved = []; const make = URL.createObjectURL; \
         URL.createObjectURL = (b) => { window.__saved.push(b); return make(b); }; \
         const answers = ['41', '3']; window.prompt = () => answers.shift();",
        vec![],
    )
    .await
    .unwrap();
    button.click().await.unwrap();
    let html =
        c.execute_async("const done = arguments[0]; window.__saved[0].text().then(done);", vec![]).await.unwrap();
    let html = html.as_str().unwrap_or_default();
    assert_eq!(html.matches("<section class=\"sheet\"").count(), 3, "three sheets");
    assert!(html.contains("-00041\"") && html.contains("-00043\""), "numbered 41 to 43");
    assert!(html.contains(&format!("{}/survei/{UNIT}/", h.base)), "the QR code's address is printed under it");

    h.stop().await;
}
