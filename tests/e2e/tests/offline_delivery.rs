//! An answer given while the server cannot be reached is kept in the browser and delivered, once,
//! when the server is back (also after the tab was closed and reopened).

use std::time::{Duration, Instant};

use fantoccini::Locator;
use skm_core::Lang;
use skm_e2e::{answer_survey, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submission_made_while_the_server_is_down_arrives_once() {
    let mut h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let rows = |h: &Harness| h.responses_csv().unwrap().lines().count() - 1;
    let before = rows(&h);

    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    answer_survey(&c, Lang::Id, &Answers { scores: [3; 9], profile: &[], suggestion: None }).await.unwrap();

    // The server goes away; the citizen submits anyway.
    h.stop_server();
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let queued = c.wait().at_most(WAIT).for_element(Locator::Css("#queued")).await.unwrap();
    assert!(queued.text().await.unwrap().contains("tersimpan di perangkat ini"));
    let waiting =
        c.execute("return JSON.parse(localStorage.getItem('skm.outbox') || '[]').length;", vec![]).await.unwrap();
    assert_eq!(waiting, serde_json::json!(1));

    // The server is back; the tab is reopened (any page of the app sends what waits).
    h.restart_server().unwrap();
    c.goto(&format!("{}/", h.base)).await.unwrap();
    let deadline = Instant::now() + WAIT;
    while rows(&h) < before + 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(rows(&h), before + 1, "delivered");
    let waiting =
        c.execute("return JSON.parse(localStorage.getItem('skm.outbox') || '[]').length;", vec![]).await.unwrap();
    assert_eq!(waiting, serde_json::json!(0), "nothing left waiting");

    // Opening the app again sends nothing twice.
    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(rows(&h), before + 1, "exactly once");
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
    let rows = |h: &Harness| h.responses_csv().unwrap().lines().count() - 1;
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
