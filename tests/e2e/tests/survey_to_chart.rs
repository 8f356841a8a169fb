//! A citizen's tap to a chart: answer the survey in headless Chromium, submit it to `skm serve`,
//! open the dashboard, and read the IKM (computed by polars in the Web Worker) and the chart.

use std::time::Duration;

use fantoccini::Locator;
use skm_core::format::decimal_id;
use skm_core::{IkmOptions, Lang, ELEMENTS};
use skm_e2e::{answer_survey, on_screen, Answers, Harness, ADMIN_TOKEN};

const SERVICE: &str = "publikasi-media-sosial";
/// Generous: the dev build of the worker's wasm is large and the CI machine has two cores.
const WAIT: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survey_to_dashboard_chart() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    let before: u64 = h.responses_csv().unwrap().lines().count() as u64 - 1;

    // The survey, one screen at a time, in Bahasa Indonesia with every wording from the core.
    c.goto(&format!("{}/survei/{SERVICE}", h.base)).await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    assert_eq!(name.text().await.unwrap(), "Publikasi Konten Media Sosial");
    let intro = c.find(Locator::Css("#consent")).await.unwrap().text().await.unwrap();
    assert!(intro.contains(skm_core::consent::PURPOSE.id), "{intro}");

    // Nothing is chosen for the respondent until they choose; then the profile is sent.
    c.find(Locator::Css("#start")).await.unwrap().click().await.unwrap();
    on_screen(c, "#profil").await.unwrap();
    let unchosen = c
        .execute("return ['gender','education','occupation'].map(id => document.getElementById(id).value);", vec![])
        .await
        .unwrap();
    assert_eq!(unchosen, serde_json::json!(["", "", ""]), "profile selects must start empty");
    c.back().await.unwrap();
    on_screen(c, "#mulai").await.unwrap();

    // Answer: 4 on everything except U9 = 3.
    let scores = [4, 4, 4, 4, 4, 4, 4, 4, 3];
    let answers = Answers { scores, profile: &[("gender", "P"), ("education", "D4/S1")], suggestion: None };
    answer_survey(c, Lang::Id, &answers).await.unwrap();
    let progress = c.find(Locator::Css("#progress")).await.unwrap().text().await.unwrap();
    assert_eq!(progress, "9/9 terjawab");
    let review = c.find(Locator::Css("#review")).await.unwrap().text().await.unwrap();
    for (e, score) in ELEMENTS.iter().zip(scores) {
        let answer = e.answer(score).unwrap().id;
        assert!(review.contains(answer), "{}'s answer {score} in the core's wording: {review}", e.id());
    }
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let receipt = c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    let id = receipt.text().await.unwrap();
    assert_eq!(id.len(), 36, "a UUID receipt: {id}");

    // The survey page never fetched the analytics worker (polars) wasm.
    let resources =
        c.execute("return performance.getEntriesByType('resource').map(e => e.name);", vec![]).await.unwrap();
    let resources: Vec<String> = serde_json::from_value(resources).unwrap();
    assert!(resources.iter().any(|r| r.contains("skm-web_bg.wasm")), "{resources:?}");
    assert!(!resources.iter().any(|r| r.contains("skm-worker")), "survey fetched the worker: {resources:?}");
    assert!(!resources.iter().any(|r| r.contains("skm-dashboard")), "survey fetched the dashboard: {resources:?}");

    // The response is stored, with its answers.
    let csv = h.responses_csv().unwrap();
    let row = csv.lines().find(|l| l.starts_with(&id)).expect("the submitted response is exported");
    assert!(row.contains(&format!(",{SERVICE},4,4,4,4,4,4,4,4,3,P,,D4/S1,,")), "{row}");

    // The dashboard computes the IKM in the worker and draws the chart.
    c.goto(&format!("{}/dasbor", h.base)).await.unwrap();
    let token = c.wait().at_most(WAIT).for_element(Locator::Css("#token")).await.unwrap();
    token.send_keys(ADMIN_TOKEN).await.unwrap();
    let signed_in = std::time::Instant::now();
    c.find(Locator::Css("#signin")).await.unwrap().click().await.unwrap();
    let value = c.wait().at_most(WAIT).for_element(Locator::Css("#ikm-value")).await.unwrap();
    let to_first_figure = signed_in.elapsed();
    let shown_ikm = value.text().await.unwrap();
    let shown_respondents = c.find(Locator::Css("#respondents")).await.unwrap().text().await.unwrap();

    // The same numbers as the native analytics on the same export.
    let input = skm_analytics::Input::new("responses.csv", csv.as_bytes());
    let analysis = skm_analytics::ikm_of_files(&[input], &IkmOptions::default()).unwrap();
    let expected = &analysis.overall.summary;
    assert_eq!(expected.respondents, before + 1);
    let expected_ikm = decimal_id(expected.ikm.unwrap(), 2);
    assert_eq!(shown_ikm, expected_ikm);
    assert_eq!(shown_respondents, skm_core::format::integer_id(before + 1));
    let grade = c.find(Locator::Css("#ikm-grade")).await.unwrap().text().await.unwrap();
    assert!(grade.contains(expected.grade.unwrap().letter()), "{grade}");
    let ci = analysis.overall.ci.as_ref().unwrap();
    let shown_ci = c.find(Locator::Css("#ikm-ci")).await.unwrap().text().await.unwrap();
    assert!(shown_ci.ends_with(&format!("{}–{}", decimal_id(ci.low, 2), decimal_id(ci.high, 2))), "{shown_ci}");

    // The chart: an SVG with the nine elements, each named, and the NRR of U1 as the page shows it.
    c.find(Locator::Css("#tab-ikm")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#nrr-chart svg")).await.unwrap();
    let labels = c
        .execute(
            "return Array.from(document.querySelectorAll('#nrr-chart svg text')).map(t => t.textContent.trim());",
            vec![],
        )
        .await
        .unwrap();
    let labels: Vec<String> = serde_json::from_value(labels).unwrap();
    for e in ELEMENTS {
        let label = format!("{} {}", e.id(), e.short_name().id);
        assert!(labels.contains(&label), "chart label {label} missing: {labels:?}");
    }
    let u1 = expected.elements[0].nrr.unwrap();
    assert!(labels.contains(&decimal_id(u1, 2)), "U1's NRR {} not on the chart: {labels:?}", decimal_id(u1, 2));
    let resources =
        c.execute("return performance.getEntriesByType('resource').map(e => e.name);", vec![]).await.unwrap();
    let resources: Vec<String> = serde_json::from_value(resources).unwrap();
    assert!(resources.iter().any(|r| r.contains("skm-worker")), "the dashboard spawned the worker: {resources:?}");

    // Beside the profile charts, the responses by how they came: this one by a link, the demo's
    // from before channels were recorded.
    c.wait().at_most(WAIT).for_element(Locator::Css("#profile-channel svg")).await.unwrap();
    let shown = c.execute("return document.querySelector('#profile-channel svg').textContent;", vec![]).await.unwrap();
    let shown = shown.as_str().unwrap_or_default();
    assert!(shown.contains("Tautan") && shown.contains("Tidak tercatat"), "{shown}");
    let worker_time = c.find(Locator::Css("#worker-time")).await.unwrap().text().await.unwrap();
    println!(
        "dashboard: sign-in to IKM on screen {} ms (fetch + worker spawn + polars + chart); {worker_time}",
        to_first_figure.as_millis()
    );

    // The page the committee sees, for the record.
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(std::env::temp_dir().join("skm-dashboard.png"), png);
    }
    h.stop().await;
}
