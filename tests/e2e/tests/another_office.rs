//! An office other than the seed ones, end to end: its unit and its standard (a licence promised
//! in «5 (lima) hari kerja», complaint tiers and office hours of its own, WITA) are added with
//! the CLI to a running server's database; a citizen opens `/survei/<unit>/<service>` and sends
//! an answer; it is in that unit's export, dashboard and `skm report --unit`, and the other
//! units' figures do not change. A request file named for the unit is judged in the pemda view
//! by the unit's own standard and Saturday hours. The address before units still works, and an unknown service
//! shows the unit's list instead of a survey that cannot be sent.

use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use skm_core::Lang;
use skm_e2e::{answer_survey, repo_root, settled, skm_binary, Answers, Harness, ADMIN_TOKEN};

const WAIT: Duration = Duration::from_secs(120);
const UNIT: &str = "dpmptsp-contoh";
const SERVICE: &str = "izin-reklame";

fn skm(args: &[&str]) -> String {
    let out = Command::new(skm_binary().unwrap()).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(out.status.success(), "skm {args:?}: {}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

/// This year in WIB, as the dashboard shows it.
fn now_year() -> i16 {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(7))).year()
}

/// The first Monday of `year` whose week, Monday to Saturday, has no national day off (the
/// unit's own day off is in December).
fn free_week(year: i16) -> jiff::civil::Date {
    let off: Vec<jiff::civil::Date> = skm_core::calendar::holidays::national().iter().map(|d| d.date).collect();
    let mut monday = jiff::civil::Date::new(year, 1, 1).unwrap();
    while monday.weekday() != jiff::civil::Weekday::Monday {
        monday = monday.tomorrow().unwrap();
    }
    loop {
        let week: Vec<jiff::civil::Date> =
            (0..6).map(|n| monday.checked_add(jiff::Span::new().days(n)).unwrap()).collect();
        if !week.iter().any(|d| off.contains(d)) {
            return monday;
        }
        monday = monday.checked_add(jiff::Span::new().days(7)).unwrap();
    }
}

fn rows(csv: &str) -> usize {
    csv.lines().count().saturating_sub(1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_of_another_office_gets_its_own_survey_figures_and_report() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    let db = h.db();
    let db = db.to_str().unwrap();
    let offices = repo_root().join("tests/offices");
    skm(&["unit", "add", offices.join("dpmptsp-contoh.toml").to_str().unwrap(), "--db", db]);
    skm(&["standards", "import", "--db", db, "--unit", UNIT, offices.join("izin-reklame.toml").to_str().unwrap()]);

    // The running server sees the new unit within its refresh time.
    let deadline = Instant::now() + Duration::from_secs(30);
    while h.api_get(&format!("/api/v1/units/{UNIT}/services")).unwrap().0 != 200 {
        assert!(Instant::now() < deadline, "the server never listed the new unit");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let purbalingga_before = h.api_get("/api/v1/units/dinkominfo-purbalingga/responses.csv").unwrap().1;
    let ketapang_before = h.api_get("/api/v1/units/diskominfo-ketapang/responses.csv").unwrap().1;
    assert_eq!(rows(&h.api_get(&format!("/api/v1/units/{UNIT}/responses.csv")).unwrap().1), 0);

    // The home page lists the unit with its service.
    c.goto(&h.base).await.unwrap();
    let link = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("section[data-unit='{UNIT}'] a.service-link")))
        .await
        .unwrap();
    assert_eq!(link.attr("href").await.unwrap().as_deref(), Some(&*format!("/survei/{UNIT}/{SERVICE}")));

    // The survey of the unit's service, sent.
    c.goto(&format!("{}/survei/{UNIT}/{SERVICE}", h.base)).await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    // The unit's survey opens in its language, English (nobody chose one on this browser).
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath("//h1[@id='service-name' and text()='Billboard permit']"))
        .await
        .unwrap();
    let _ = name;
    let unit_name = c.find(Locator::Css(".service-unit")).await.unwrap().text().await.unwrap();
    assert_eq!(unit_name, "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Contoh");
    // Its own introduction above the consent, in its own words; it asks no profile
    // (`ask_profile = false`).
    let intro = c.wait().at_most(WAIT).for_element(Locator::Css("#unit-introduction")).await.unwrap();
    assert_eq!(intro.text().await.unwrap(), "Bantu kami memperbaiki layanan perizinan.");
    let answers = Answers { scores: [4, 3, 4, 4, 3, 4, 4, 3, 4], profile: &[], suggestion: Some("Loket cepat") };
    answer_survey(c, Lang::En, &answers).await.unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.fragment(), Some("ringkasan"));
    c.find(Locator::Css("#submit")).await.unwrap().click().await.unwrap();
    let receipt = c.wait().at_most(WAIT).for_element(Locator::Css("#receipt")).await.unwrap();
    let id = receipt.text().await.unwrap();

    // In this unit's export; the other units' exports unchanged.
    let mine = h.api_get(&format!("/api/v1/units/{UNIT}/responses.csv")).unwrap().1;
    assert_eq!(rows(&mine), 1, "{mine}");
    assert!(mine.contains(&format!("{id},")) && mine.contains(",izin-reklame,4,3,4,4,3,4,4,3,4,"), "{mine}");
    assert_eq!(h.api_get("/api/v1/units/dinkominfo-purbalingga/responses.csv").unwrap().1, purbalingga_before);
    assert_eq!(h.api_get("/api/v1/units/diskominfo-ketapang/responses.csv").unwrap().1, ketapang_before);

    // The unit's dashboard: its one respondent, its IKM.
    c.goto(&format!("{}/dasbor?unit={UNIT}", h.base)).await.unwrap();
    let token = c.wait().at_most(WAIT).for_element(Locator::Css("#token")).await.unwrap();
    token.send_keys(ADMIN_TOKEN).await.unwrap();
    c.find(Locator::Css("#signin")).await.unwrap().click().await.unwrap();
    let value = c.wait().at_most(WAIT).for_element(Locator::Css("#ikm-value")).await.unwrap();
    settled(c).await;
    let shown = value.text().await.unwrap();
    // (4+3+4+4+3+4+4+3+4)/9 = 33/9 → 91,67.
    assert!(shown.contains("91,67"), "the unit's IKM: {shown}");
    let respondents = c.find(Locator::Css("#respondents")).await.unwrap().text().await.unwrap();
    assert!(respondents.contains('1'), "{respondents}");
    let selected = c.find(Locator::Css("#filter-unit")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(selected.as_deref(), Some(UNIT));

    // The pemda view: every unit ranked, this one with its one respondent, the others' counts as
    // their exports, and the pemda's IKM with how it is combined.
    c.goto(&format!("{}/dasbor", h.base)).await.unwrap();
    let row = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("#pemda-table tr[data-unit='{UNIT}']")))
        .await
        .unwrap();
    let cell = |css: &'static str| {
        let row = row.clone();
        async move { row.find(Locator::Css(css)).await.unwrap().text().await.unwrap() }
    };
    assert_eq!(cell(".unit-ikm").await, "91,67");
    assert_eq!(cell(".unit-respondents").await, "1");
    for (code, before) in [("dinkominfo-purbalingga", &purbalingga_before), ("diskominfo-ketapang", &ketapang_before)] {
        let other =
            c.find(Locator::Css(&format!("#pemda-table tr[data-unit='{code}'] .unit-respondents"))).await.unwrap();
        assert_eq!(other.text().await.unwrap(), rows(before).to_string(), "{code}");
    }
    let pemda = c.find(Locator::Css("#pemda-ikm")).await.unwrap().text().await.unwrap();
    assert!(!pemda.is_empty() && pemda != "–", "{pemda}");
    let method = c.find(Locator::Css("#pemda-method")).await.unwrap().text().await.unwrap();
    assert!(method.contains("Σ"), "{method}");

    // A request file named for the unit is judged by the unit's own standard and calendar, never
    // the built-in ones (which know no `izin-reklame`): 5 working days from Monday 09:00 end on
    // Saturday 09:00, as the unit works Saturday mornings. One request done on Friday is on
    // time; one done on Saturday at 11:00 is late (a Monday-to-Friday calendar would call it on
    // time).
    let files = tempfile::tempdir().unwrap();
    let requests = files.path().join(format!("{UNIT}-permohonan.csv"));
    let monday = free_week(now_year());
    let day = |n: i64| monday.checked_add(jiff::Span::new().days(n)).unwrap();
    std::fs::write(
        &requests,
        format!(
            "id,service,channel,requester,received_at,requested_for,completed_at,status\n\
             R-1,izin-reklame,tatap_muka,,{monday} 09:00,,{} 10:00,selesai\n\
             R-2,izin-reklame,tatap_muka,,{monday} 09:00,,{} 11:00,selesai\n",
            day(4),
            day(5)
        ),
    )
    .unwrap();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&requests.display().to_string()).await.unwrap();
    let sla =
        Locator::XPath("//tr[@data-unit='dpmptsp-contoh']/td[contains(@class,'unit-sla') and text()='50,0% (2)']");
    c.wait().at_most(WAIT).for_element(sla).await.unwrap();
    let pemda_sla = c.find(Locator::Css("#pemda-sla")).await.unwrap().text().await.unwrap();
    assert_eq!(pemda_sla, "50,0%");
    // The overview of every unit reads the responses only, and says where the SLA is.
    settled(c).await;
    c.find(Locator::Css("#per-unit-note")).await.unwrap();
    assert!(c.find(Locator::Css("#sla-requests")).await.is_err(), "no SLA judged by one set of standards");

    // The annual report of the unit, from the database.
    let out = tempfile::tempdir().unwrap();
    let year = now_year().to_string();
    skm(&["report", "--year", &year, "--unit", UNIT, "--db", db, "--out", out.path().to_str().unwrap(), "--no-pdf"]);
    let html = std::fs::read_to_string(out.path().join(format!("laporan-skm-{year}.html"))).unwrap();
    assert!(html.contains("Kabupaten Contoh") && html.contains("Izin Penyelenggaraan Reklame"));
    assert!(html.contains("91,67"), "the report's IKM");

    // The address before units: redirected to the one unit that offers the service.
    c.goto(&format!("{}/survei/publikasi-media-sosial", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#service-name")).await.unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.path(), "/survei/dinkominfo-purbalingga/publikasi-media-sosial");

    // An unknown service of the unit: its list, never a survey that cannot be sent.
    c.goto(&format!("{}/survei/{UNIT}/tidak-ada", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#unknown-service")).await.unwrap();
    assert!(c.find(Locator::Css("#start")).await.is_err(), "a survey was shown for an unknown service");
    let offered = c.find(Locator::Css("a.service-link")).await.unwrap().attr("href").await.unwrap();
    assert_eq!(offered.as_deref(), Some(&*format!("/survei/{UNIT}/{SERVICE}")));
    h.stop().await;
}
