//! The survey one screen at a time: back and forward (the app's buttons and the browser's) and a
//! reload keep every answer; a screen cannot be skipped; the review leads back to any answer.

use std::time::Duration;

use fantoccini::{Client, Locator};
use skm_core::{Lang, ELEMENTS};
use skm_e2e::{answer_survey, gone, on_screen, Answers, Harness};

const WAIT: Duration = Duration::from_secs(60);

async fn checked(c: &Client, column: &str) -> serde_json::Value {
    let script =
        format!("const r = document.querySelector(\"input[name='{column}']:checked\"); return r ? r.value : null;");
    c.execute(&script, vec![]).await.unwrap()
}

async fn click(c: &Client, css: &str) {
    c.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_forward_and_reload_keep_every_answer() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    let before = h.responses_csv().unwrap().lines().count();
    // Come by a QR code: its address holds ?via=qr, which the tab keeps across the pages below.
    c.goto(&format!("{}/survei/internet-jaringan?via=qr", h.base)).await.unwrap();
    on_screen(&c, "#mulai").await.unwrap();
    // The screens cannot be skipped: before consent, nothing but the first screen shows.
    c.goto(&format!("{}/survei/internet-jaringan#u4", h.base)).await.unwrap();
    on_screen(&c, "#mulai").await.unwrap();

    click(&c, "#start").await;
    on_screen(&c, "#profil").await.unwrap();
    // An impossible age is caught on its screen, with the core's range.
    c.find(Locator::Css("#age")).await.unwrap().send_keys("7").await.unwrap();
    click(&c, "#next").await;
    let error = c.wait().at_most(WAIT).for_element(Locator::Css("#form-error")).await.unwrap();
    assert_eq!(error.text().await.unwrap(), "Isi usia 15–100 tahun, atau kosongkan.");
    c.find(Locator::Css("#age")).await.unwrap().send_keys("0").await.unwrap();
    click(&c, "#next").await;
    on_screen(&c, "#u1").await.unwrap();
    // No answer, no next question.
    click(&c, "#next").await;
    let error = c.wait().at_most(WAIT).for_element(Locator::Css("#form-error")).await.unwrap();
    assert_eq!(error.text().await.unwrap(), "Pilih salah satu jawaban untuk melanjutkan.");
    assert_eq!(c.execute("return location.hash;", vec![]).await.unwrap(), serde_json::json!("#u1"));
    // A tapped answer shows as chosen, then the next question comes by itself.
    click(&c, "input[name='u1'][value='2']").await;
    gone(&c, "#form-error", "the hint goes once answered").await;
    on_screen(&c, "#u2").await.unwrap();
    click(&c, "input[name='u2'][value='3']").await;
    on_screen(&c, "#u3").await.unwrap();
    assert_eq!(c.find(Locator::Css("#progress")).await.unwrap().text().await.unwrap(), "2/9 terjawab");

    // The browser's back and forward move between screens, answers in place.
    c.back().await.unwrap();
    on_screen(&c, "#u2").await.unwrap();
    assert_eq!(checked(&c, "u2").await, serde_json::json!("3"));
    c.forward().await.unwrap();
    on_screen(&c, "#u3").await.unwrap();
    // So do the app's own buttons.
    click(&c, "#back").await;
    on_screen(&c, "#u2").await.unwrap();
    click(&c, "#back").await;
    on_screen(&c, "#u1").await.unwrap();
    assert_eq!(checked(&c, "u1").await, serde_json::json!("2"));
    // A reload (or a closed tab) loses nothing.
    c.refresh().await.unwrap();
    on_screen(&c, "#u1").await.unwrap();
    assert_eq!(checked(&c, "u1").await, serde_json::json!("2"));
    click(&c, "#back").await;
    on_screen(&c, "#profil").await.unwrap();
    let age = c.execute("return document.getElementById('age').value;", vec![]).await.unwrap();
    assert_eq!(age, serde_json::json!("70"));
    // Skipping ahead in the address bar stops at the first unanswered question.
    c.goto(&format!("{}/survei/internet-jaringan#ringkasan", h.base)).await.unwrap();
    on_screen(&c, "#u3").await.unwrap();

    // The rest, then the review: one answer changed from there returns straight to it.
    for e in &ELEMENTS[2..] {
        on_screen(&c, &format!("#{}", e.column())).await.unwrap();
        click(&c, &format!("input[name='{}'][value='4']", e.column())).await;
    }
    on_screen(&c, "#saran").await.unwrap();
    click(&c, "#next").await;
    on_screen(&c, "#ringkasan").await.unwrap();
    click(&c, "#edit-u5").await;
    on_screen(&c, "#u5").await.unwrap();
    assert_eq!(checked(&c, "u5").await, serde_json::json!("4"));
    let next = c.find(Locator::Css("#next")).await.unwrap().text().await.unwrap();
    assert_eq!(next, "Kembali ke ringkasan");
    click(&c, "input[name='u5'][value='1']").await;
    on_screen(&c, "#ringkasan").await.unwrap();
    let review = c.find(Locator::Css("#review")).await.unwrap().text().await.unwrap();
    assert!(review.contains(ELEMENTS[4].text().answers[0].id), "U5 now reads as answer 1: {review}");
    assert!(review.contains("70"), "{review}");

    click(&c, "#submit").await;
    let receipt = c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    let id = receipt.text().await.unwrap();
    // A code short enough to read out, the start of the ID, and the day.
    let code = c.find(Locator::Css("#receipt-code")).await.unwrap().text().await.unwrap();
    assert_eq!(code, skm_core::response::receipt_code(&id));
    assert_eq!(code.len(), 9, "{code}");
    assert!(id.to_uppercase().replace('-', "").starts_with(&code.replace('-', "")), "{code} {id}");
    let day = c.find(Locator::Css("#receipt-date")).await.unwrap().text().await.unwrap();
    let today =
        c.execute("const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()];", vec![]).await.unwrap();
    let month = skm_core::period::MONTH_NAMES[today[1].as_u64().unwrap() as usize].id;
    assert_eq!(day, format!("{} {month} {}", today[0], today[2]));
    let csv = h.responses_csv().unwrap();
    assert_eq!(csv.lines().count(), before + 1);
    let row = csv.lines().find(|l| l.starts_with(&id)).expect("stored");
    assert!(row.contains(",internet-jaringan,2,3,4,4,1,4,4,4,4,,70,"), "{row}");
    assert!(row.ends_with(",qr"), "recorded as come by a QR code: {row}");
    let draft = c.execute("return localStorage.getItem('skm.draft');", vec![]).await.unwrap();
    assert_eq!(draft, serde_json::Value::Null, "the draft is gone once sent");
    h.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_shows_the_answers_before_they_are_sent() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = h.client.clone();
    c.goto(&format!("{}/survei/internet-jaringan", h.base)).await.unwrap();
    let answers = Answers {
        scores: [1, 2, 3, 4, 1, 2, 3, 4, 1],
        profile: &[("gender", "P"), ("occupation", "PNS")],
        suggestion: Some("Wifi di ruang tunggu sering putus"),
    };
    answer_survey(&c, Lang::Id, &answers).await.unwrap();
    let before = h.responses_csv().unwrap().lines().count();
    let review = c.find(Locator::Css("#review")).await.unwrap().text().await.unwrap();
    for (e, score) in ELEMENTS.iter().zip(answers.scores) {
        assert!(review.contains(e.text().answers[usize::from(score - 1)].id), "{}: {review}", e.id());
    }
    assert!(review.contains("Perempuan") && review.contains("Wifi di ruang tunggu sering putus"), "{review}");
    // Nothing leaves the device before «Kirim».
    assert_eq!(h.responses_csv().unwrap().lines().count(), before);
    h.stop().await;
}
