//! An answer given while the server cannot be reached is kept in the browser and delivered, once,
//! when the server is back (also after the tab was closed and reopened).

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use skm_core::Lang;
use skm_e2e::{answer_survey, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

/// The number of stored responses.
fn rows(h: &Harness) -> usize {
    h.responses_csv().unwrap().lines().count() - 1
}

/// Waits until `count` responses are stored.
async fn stored(h: &Harness, count: usize) {
    let deadline = Instant::now() + WAIT;
    while rows(h) < count && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(rows(h), count, "delivered");
}

async fn waiting(c: &Client) -> serde_json::Value {
    c.execute("return JSON.parse(localStorage.getItem('skm.outbox') || '[]').length;", vec![]).await.unwrap()
}

/// Opens a survey, answers it and sends it with the server stopped: the thanks says the answers
/// wait on the device, with their receipt code. Gives back the code.
async fn send_while_down(h: &mut Harness, scores: [u8; 9]) -> String {
    let c = h.client.clone();
    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    answer_survey(&c, Lang::Id, &Answers { scores, profile: &[], suggestion: None }).await.unwrap();
    h.stop_server();
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let queued = c.wait().at_most(WAIT).for_element(Locator::Css("#queued")).await.unwrap();
    assert!(queued.text().await.unwrap().contains("tersimpan di perangkat ini"));
    assert_eq!(waiting(&c).await, serde_json::json!(1));
    let code = c.find(Locator::Css("#receipt-code")).await.unwrap().text().await.unwrap();
    let id = c.find(Locator::Css("#receipt")).await.unwrap().text().await.unwrap();
    assert_eq!(code, skm_core::response::receipt_code(&id), "the receipt is the one that will be stored");
    code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_made_while_the_server_is_down_arrives_once() {
    let mut h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let before = rows(&h);

    // The thanks stays on screen: once the server is back, it says the answers were delivered,
    // under the same receipt code.
    let code = send_while_down(&mut h, [2; 9]).await;
    assert!(c.find(Locator::Css("#delivered")).await.is_err(), "not delivered yet");
    h.restart_server().unwrap();
    let delivered = c.wait().at_most(WAIT).for_element(Locator::Css("#thanks #delivered")).await.unwrap();
    assert!(delivered.text().await.unwrap().contains("sudah terkirim"));
    assert_eq!(c.find(Locator::Css("#receipt-code")).await.unwrap().text().await.unwrap(), code);
    assert_eq!(rows(&h), before + 1);
    assert_eq!(waiting(&c).await, serde_json::json!(0), "nothing left waiting");
    let csv = h.responses_csv().unwrap();
    let stored_under = |l: &&str| l.to_uppercase().replace('-', "").starts_with(&code.replace('-', ""));
    assert_eq!(csv.lines().filter(stored_under).count(), 1, "stored once under the receipt code {code}");

    // The tab is closed while the server is down and reopened once it is back: any page of the
    // app sends what waits.
    send_while_down(&mut h, [3; 9]).await;
    h.restart_server().unwrap();
    c.goto(&format!("{}/", h.base)).await.unwrap();
    stored(&h, before + 2).await;
    assert_eq!(waiting(&c).await, serde_json::json!(0), "nothing left waiting");

    // Opening the app again sends nothing twice.
    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(rows(&h), before + 2, "exactly once");
    let csv = h.responses_csv().unwrap();
    assert!(csv.contains(",internet-jaringan,3,3,3,3,3,3,3,3,3,"), "the answers arrived");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_client_uuid_sent_twice_from_the_browser_stores_one_row() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let before = rows(&h);
    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    // As a phone whose first answer was lost on the way back resends it: same UUID, same content;
    // then a different answer under the same UUID.
    let statuses = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const body = (u9) => JSON.stringify({ client_id: '7d3c3e0e-2a51-4c1e-9b8a-0d6f3f1e2a77', service: 'internet-jaringan',
               answers: { u1: 4, u2: 4, u3: 3, u4: 4, u5: 4, u6: 3, u7: 4, u8: 4, u9: u9 } });
             const send = (u9) => fetch('/api/v1/responses', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body(u9) })
               .then(async r => [r.status, (await r.json()).id]);
             send(2).then(a => send(2).then(b => send(1).then(c => done([a, b, c]))));",
            vec![],
        )
        .await
        .unwrap();
    let id = "7d3c3e0e-2a51-4c1e-9b8a-0d6f3f1e2a77";
    assert_eq!(statuses[0], serde_json::json!([201, id]), "{statuses}");
    assert_eq!(statuses[1], serde_json::json!([200, id]), "the resend is acknowledged with the first receipt");
    assert_eq!(statuses[2][0], serde_json::json!(409), "other content under the same UUID is refused");
    assert_eq!(rows(&h), before + 1, "one row");
    h.stop().await;
}
