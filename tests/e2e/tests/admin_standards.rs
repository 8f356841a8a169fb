//! The admin page, end to end: a unit's admin creates a service in the form, sees the core's
//! validation beside the fields it is about, saves it (version 1, offered by the survey at
//! once), edits it (version 2), prints its QR poster, and retires it. A wrong token stores
//! nothing.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use skm_e2e::{axe_source, fill, violations, Harness, ADMIN_TOKEN};

const WAIT: Duration = Duration::from_secs(120);
const UNIT: &str = "dinkominfo-purbalingga";
const SERVICE: &str = "pengaduan-siaran";

async fn problems_at(c: &Client, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for li in c.find_all(Locator::Css(&format!("#{id}-problems li"))).await.unwrap() {
        out.push(li.attr("data-field").await.unwrap().unwrap_or_default());
    }
    out
}

async fn saved_line(c: &Client) -> String {
    c.wait().at_most(WAIT).for_element(Locator::Id("editor-saved")).await.unwrap().text().await.unwrap()
}

fn services(h: &Harness) -> String {
    let (status, body) = h.api_get(&format!("/api/v1/units/{UNIT}/services")).unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_admin_creates_edits_prints_and_retires_a_service() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    c.goto(&format!("{}/admin?unit={UNIT}", h.base)).await.unwrap();
    // The unit's services in force, each with its version.
    let row =
        c.wait().at_most(WAIT).for_element(Locator::Css("li[data-service='publikasi-media-sosial']")).await.unwrap();
    assert!(row.text().await.unwrap().contains("v1"), "{}", row.text().await.unwrap());
    let chosen = c.find(Locator::Id("admin-unit")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some(UNIT));

    // A new service: the blank form names what is missing beside each field.
    c.find(Locator::Id("new-service")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("editor-problems")).await.unwrap();
    assert_eq!(problems_at(c, "f-code").await, ["code"]);
    assert_eq!(problems_at(c, "f-requirements").await, ["requirements"]);
    assert!(problems_at(c, "f-complaints-tiers-2-deadline")
        .await
        .contains(&"complaints.tiers[2].deadline.text".into()));
    // The form with its problems shown passes axe (WCAG 2.1 A/AA).
    let found = violations(c, &axe_source().unwrap()).await;
    assert!(found.is_empty(), "axe on the admin page: {found:#?}");
    let code = c.find(Locator::Id("f-code")).await.unwrap();
    assert_eq!(code.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));

    fill(c, "f-code", SERVICE).await;
    assert!(problems_at(c, "f-code").await.is_empty());
    fill(c, "f-name", "Pengaduan Siaran").await;
    fill(c, "f-name_en", "Broadcast complaints").await;
    fill(c, "f-requirements", "KTP\n\nSurat pengaduan").await;
    fill(c, "f-completion_time-text", "3 (tiga) hari kerja").await;
    // A limit of 0 days: refused beside the completion time, by the core's rule.
    fill(c, "f-completion_time-amount", "0").await;
    assert_eq!(problems_at(c, "f-completion_time").await, ["completion_time.limit.amount"]);
    fill(c, "f-completion_time-amount", "3").await;
    assert!(problems_at(c, "f-completion_time").await.is_empty());
    for tier in 0..4 {
        fill(c, &format!("f-complaints-tiers-{tier}-deadline-text"), "1 hari kerja").await;
    }
    // A second request channel, in the document's words.
    c.find(Locator::Id("f-request-3")).await.unwrap().click().await.unwrap();
    fill(c, "f-request-3-text", "WhatsApp 0812-0000-0000").await;
    c.wait().at_most(WAIT).for_element(Locator::Id("editor-valid")).await.unwrap();

    // A wrong token: refused, nothing stored.
    fill(c, "token", "salah").await;
    c.find(Locator::Id("editor-save")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#editor p.error[role='alert']")).await.unwrap();
    assert!(!services(&h).contains(SERVICE));
    // The right one: version 1, in force today, and the survey offers it at once.
    fill(c, "token", ADMIN_TOKEN).await;
    c.find(Locator::Id("editor-save")).await.unwrap().click().await.unwrap();
    let line = saved_line(c).await;
    assert!(line.contains("versi 1,") || line.contains("version 1,"), "{line}");
    assert!(services(&h).contains(SERVICE));
    let documents = h.api_get(&format!("/api/v1/units/{UNIT}/standards")).unwrap().1;
    assert!(documents.contains("WhatsApp 0812-0000-0000") && documents.contains("Surat pengaduan"), "{documents}");

    // Edited from the list: version 2; the survey shows the new name.
    let edit = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("li[data-service='{SERVICE}'] button.edit")))
        .await
        .unwrap();
    edit.click().await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Id("f-name")).await.unwrap();
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Pengaduan Siaran"));
    fill(c, "f-name", "Pengaduan Penyiaran").await;
    c.find(Locator::Id("editor-save")).await.unwrap().click().await.unwrap();
    let line = saved_line(c).await;
    assert!(line.contains("versi 2,") || line.contains("version 2,"), "{line}");
    assert!(services(&h).contains("Pengaduan Penyiaran"));
    c.goto(&format!("{}/survei/{UNIT}/{SERVICE}", h.base)).await.unwrap();
    let title = c.wait().at_most(WAIT).for_element(Locator::Id("service-name")).await.unwrap();
    assert_eq!(title.text().await.unwrap(), "Pengaduan Penyiaran");

    // Its QR poster, drawn in the page: the survey's address of this unit and service.
    c.goto(&format!("{}/admin?unit={UNIT}", h.base)).await.unwrap();
    let poster = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("li[data-service='{SERVICE}'] button.poster")))
        .await
        .unwrap();
    c.execute(
        "window.__saved = []; const make = URL.createObjectURL; \
         URL.createObjectURL = (b) => { window.__saved.push(b); return make(b); };",
        vec![],
    )
    .await
    .unwrap();
    poster.click().await.unwrap();
    let svg = c.execute_async("const done = arguments[0]; window.__saved[0].text().then(done);", vec![]).await.unwrap();
    let svg = svg.as_str().unwrap_or_default();
    assert!(svg.starts_with("<svg") && svg.contains("Pengaduan Penyiaran"), "{}", &svg[..svg.len().min(200)]);
    assert!(svg.contains(&format!("{}/survei/{UNIT}/{SERVICE}", h.base)), "the poster's address");

    // Retired (confirmed): gone from the list and the survey; its versions kept.
    c.execute("window.confirm = () => true;", vec![]).await.unwrap();
    c.find(Locator::Css(&format!("li[data-service='{SERVICE}'] button.retire"))).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("admin-notice")).await.unwrap();
    let deadline = Instant::now() + WAIT;
    while c.find(Locator::Css(&format!("li[data-service='{SERVICE}']"))).await.is_ok() {
        assert!(Instant::now() < deadline, "the retired service stayed in the list");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!services(&h).contains(SERVICE));
    let documents = h.api_get(&format!("/api/v1/units/{UNIT}/standards")).unwrap().1;
    assert_eq!(documents.matches(&format!("\"service\":\"{SERVICE}\"")).count(), 3, "two versions and the retirement");
    h.stop().await;
}
