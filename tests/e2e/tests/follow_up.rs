//! The follow-up plan (RTL), end to end: a unit's admin takes a proposal from the weakest
//! elements on the admin page, completes it and saves it, then moves it on; the next `skm
//! report` of the unit shows it with its status, and so do the public results page and the
//! dashboard's card.

use std::process::Command;
use std::time::Duration;

use fantoccini::{Client, Locator};
use skm_e2e::{admin_page, axe_source, fill, skm_binary, text, violations, Harness};

const WAIT: Duration = Duration::from_secs(120);
const UNIT: &str = "dinkominfo-purbalingga";
const ACTION: &str = "Pelatihan layanan prima untuk petugas loket";

/// Sets a date or select field's value and tells the page, as the browser's picker does.
async fn pick(c: &Client, id: &str, value: &str, event: &str) {
    c.execute(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];
         e.dispatchEvent(new Event(arguments[2], { bubbles: true }));",
        vec![id.into(), value.into(), event.into()],
    )
    .await
    .unwrap();
}

async fn notice(c: &Client) -> String {
    c.wait().at_most(WAIT).for_element(Locator::Id("follow-up-notice")).await.unwrap().text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_action_recorded_on_the_admin_page_appears_in_the_next_report_with_its_status() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    admin_page(&h, UNIT).await;

    // A proposal from the weakest element of the latest results fills the finding and action.
    let propose =
        c.wait().at_most(WAIT).for_element(Locator::Css("#follow-up-proposals button.propose")).await.unwrap();
    propose.click().await.unwrap();
    let finding = c.find(Locator::Id("f-rtl-finding")).await.unwrap().prop("value").await.unwrap().unwrap();
    assert!(finding.contains("NRR"), "{finding}");
    let period = c.find(Locator::Id("f-rtl-period")).await.unwrap().prop("value").await.unwrap().unwrap();
    let year: i16 = period[..4].parse().unwrap();

    // Saving without an owner or deadline: the core names both beside their fields.
    c.find(Locator::Id("follow-up-save")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("f-rtl-owner-problems")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("f-rtl-deadline-problems")).await.unwrap();
    let found = violations(c, &axe_source().unwrap()).await;
    assert!(found.is_empty(), "axe on the admin page's follow-up: {found:#?}");

    fill(c, "f-rtl-action", ACTION).await;
    fill(c, "f-rtl-owner", "Kepala Bidang Layanan").await;
    pick(c, "f-rtl-deadline", &format!("{year}-12-31"), "input").await;
    c.find(Locator::Id("follow-up-save")).await.unwrap().click().await.unwrap();
    assert!(notice(c).await.contains(ACTION));
    let row =
        c.wait().at_most(WAIT).for_element(Locator::Css("#follow-up-list li[data-status='planned']")).await.unwrap();
    assert!(row.text().await.unwrap().contains(ACTION));

    // Moved on: in progress, with its evidence.
    row.find(Locator::Css("button.edit")).await.unwrap().click().await.unwrap();
    pick(c, "f-rtl-status", "in_progress", "change").await;
    fill(c, "f-rtl-evidence", "Undangan pelatihan 10 Desember").await;
    c.find(Locator::Id("follow-up-save")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#follow-up-list li[data-status='in_progress']")).await.unwrap();
    assert_eq!(c.find_all(Locator::Css("#follow-up-list li")).await.unwrap().len(), 1, "changed, not added");

    // The next annual report of the unit, from the server's database.
    let out = tempfile::tempdir().unwrap();
    let db = h.db();
    let run = Command::new(skm_binary().unwrap())
        .args(["report", "--year", &year.to_string(), "--unit", UNIT, "--db"])
        .arg(&db)
        .arg("--out")
        .arg(out.path())
        .arg("--no-pdf")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let html = std::fs::read_to_string(out.path().join(format!("laporan-skm-{year}.html"))).unwrap();
    let chapter = &html[html.find("id=\"follow-up\"").expect("the follow-up table")..];
    let chapter = &chapter[..chapter.find("</table>").unwrap()];
    assert!(chapter.contains(ACTION) && chapter.contains("Sedang berjalan"), "{chapter}");
    assert!(chapter.contains("Kepala Bidang Layanan") && chapter.contains("Undangan pelatihan 10 Desember"));
    assert!(html.contains("0 dari 1 tindakan selesai"), "the share done is stated");

    // The public page, signed out, shows it with its status.
    c.goto(&format!("{}/hasil/{UNIT}", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#follow-up tr[data-status='in_progress']")).await.unwrap();
    assert!(text(c, "#follow-up").await.contains(ACTION));

    h.stop().await;
}
