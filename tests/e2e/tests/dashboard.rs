//! The dashboard: sign in to Purbalingga's unit, load the demo year's files, and read from the
//! page the same IKM, SLA compliance and meeting figures the `skm` command prints for those files
//! by that unit's standards and calendar (`--unit --db`). With
//! `SKM_SCREENSHOTS=DIR` it also saves a screenshot of each view there (docs/screenshots/).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::Value;
use skm_core::format::decimal_id;
use skm_e2e::{axe_source, dashboard_signed_in_at, settled, skm_binary, text, violations, Harness};

const WAIT: Duration = Duration::from_secs(180);
/// The unit whose standards the demo files are judged by.
const UNIT: &str = "dinkominfo-purbalingga";

fn skm_json(args: &[&str]) -> Value {
    let out = Command::new(skm_binary().unwrap()).args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "skm {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn percent(v: &Value) -> String {
    format!("{}%", decimal_id(v.as_f64().unwrap(), 1))
}

/// The smallest chart text as shown (its font size times the chart's scale on the screen), how
/// many chart texts there are, how far the page is wider than the screen, and where the smallest
/// is; no chart text may reach beyond its chart's edges.
async fn chart_text(c: &fantoccini::Client) -> (f64, u64, f64, String) {
    let found = c
        .execute(
            "const sizes = [...document.querySelectorAll('figure.chart svg')].flatMap(svg => {\
               const shown = svg.getBoundingClientRect().width, drawn = svg.width.baseVal.value;\
               return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '')\
                 .map(t => [parseFloat(getComputedStyle(t).fontSize) * shown / drawn,\
                   `${svg.closest('figure').id} drawn ${drawn} shown ${shown.toFixed(0)}: ${t.textContent.trim()}`]); });\
             sizes.sort((a, b) => a[0] - b[0]);\
             const cut = [...document.querySelectorAll('figure.chart svg')].flatMap(svg => {\
               const frame = svg.getBoundingClientRect();\
               return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '')\
                 .filter(t => { const r = t.getBoundingClientRect();\
                   return r.left < frame.left - 1 || r.right > frame.right + 1; })\
                 .map(t => `${svg.closest('figure').id}: ${t.textContent.trim()}`); });\
             return [sizes.length ? sizes[0][0] : 0, sizes.length,\
               document.documentElement.scrollWidth - document.documentElement.clientWidth,\
               sizes.length ? sizes[0][1] : '', cut];",
            vec![],
        )
        .await
        .unwrap();
    let smallest = found[3].as_str().unwrap_or_default().to_owned();
    assert_eq!(found[4], serde_json::json!([]), "chart text beyond its chart's edges");
    (found[0].as_f64().unwrap(), found[1].as_u64().unwrap(), found[2].as_f64().unwrap(), smallest)
}

/// On the view shown: every control is at least 44×44 px, and every table wider than the screen
/// scrolls inside the page with the shadow that says there is more (style.css).
async fn phone_layout(c: &fantoccini::Client, w: u32, tab: &str) {
    let found = c
        .execute(
            "const small = [...document.querySelectorAll('main.dashboard :is(button, select, input, summary)')]\
               .filter(e => e.getClientRects().length > 0)\
               .map(e => e.matches('input[type=checkbox], input[type=radio]') && e.closest('label') || e)\
               .map(e => [e, e.getBoundingClientRect()])\
               .filter(([e, r]) => r.width < 44 || r.height < 44)\
               .map(([e, r]) => `${e.id || e.tagName} in ${e.parentElement.id || e.parentElement.className} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);\
             const cut = [...document.querySelectorAll('main.dashboard :is(table.data, .table-scroll)')]\
               .filter(t => t.scrollWidth > t.clientWidth + 1)\
               .filter(t => !getComputedStyle(t).backgroundAttachment.includes('local'))\
               .map(t => t.id || t.className);\
             return [small, cut];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(found[0], serde_json::json!([]), "{w} px {tab}: controls under 44×44 px");
    assert_eq!(found[1], serde_json::json!([]), "{w} px {tab}: tables cut with no sign they scroll");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_shows_what_the_command_prints() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("2026");
    let status =
        Command::new(skm_binary().unwrap()).args(["demo", "--year", "2026", "--out"]).arg(&demo).output().unwrap();
    assert!(status.status.success());
    let file = |name: &str| demo.join(name).display().to_string();

    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    // Signed in to Purbalingga's unit, judged by its standards and calendar: the server's
    // responses are a source, computed at once; for the comparison with the files, they are left
    // out. (With every unit shown, SLA is judged per unit, never by one set of standards.)
    let db = h.db();
    let db = db.to_str().unwrap();
    let c = dashboard_signed_in_at(&h, &format!("/dasbor?unit={UNIT}")).await;
    // With figures shown, the data section is folded; it opens again with a click.
    assert!(!c.find(Locator::Css("#source-server")).await.unwrap().is_displayed().await.unwrap());
    c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#source-server")).await.unwrap().click().await.unwrap();

    let names = ["responses.csv", "requests.csv", "complaints.csv", "meetings.csv", "actions.csv"];
    let paths: Vec<String> = names.iter().map(|n| file(n)).collect();
    let dropped = Instant::now();
    c.find(Locator::Css("#files")).await.unwrap().send_keys(&paths.join("\n")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#sla-requests")).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("#services-chart svg")).await.unwrap();
    let to_first_chart = dropped.elapsed();
    settled(&c).await;
    let sources = c.find_all(Locator::Css("#sources li.source")).await.unwrap().len();
    assert_eq!(sources, 5);
    // The one kind not given (SOP steps) says how to fill it: its columns and two templates,
    // which the server gives.
    let missing = c.find_all(Locator::Css("#missing .to-fill-kind")).await.unwrap();
    assert_eq!(missing.len(), 1);
    assert!(text(&c, "#to-fill-steps").await.contains("steps.csv"));
    let columns = c.find_all(Locator::Css("#to-fill-steps .format-table tbody tr")).await.unwrap().len();
    assert_eq!(columns, skm_core::year::FileKind::Steps.columns().len());
    for format in ["csv", "xlsx"] {
        let link = c.find(Locator::Css(&format!("#to-fill-steps a[href='/api/v1/templates/steps.{format}']"))).await;
        let href = link.unwrap().attr("href").await.unwrap().unwrap();
        let fetched = c
            .execute_async(
                "const [href, done] = arguments; fetch(href).then(r => r.arrayBuffer().then(b => done([r.status, b.byteLength])));",
                vec![serde_json::json!(href)],
            )
            .await
            .unwrap();
        assert_eq!(fetched[0], 200, "{href}");
        assert!(fetched[1].as_u64().unwrap() > 40, "{href}: {fetched}");
    }
    // The words a reader meets: the weight and the interval in plain words, and a glossary.
    assert!(text(&c, "#view-overview").await.contains("Bobot unsur: sama untuk tiap unsur, 1/9"));
    assert!(text(&c, "#ikm-ci").await.starts_with("Selang kepercayaan 95%: "));
    assert!(text(&c, "#data-summary").await.ends_with("5 sumber"), "{}", text(&c, "#data-summary").await);
    assert!(text(&c, "#worker-time").await.starts_with("Dihitung di peramban ini dalam "));
    c.find(Locator::Css("#glossary summary")).await.unwrap().click().await.unwrap();
    let glossary = text(&c, "#glossary").await;
    for word in ["IKM", "NRR", "Selang kepercayaan 95%", "A Sangat baik: 88,31–100,00", "Krejcie"] {
        assert!(glossary.contains(word), "{word} in {glossary}");
    }
    // Each new control is a tap target of at least 44 px high (and 44 px wide).
    let sizes = c
        .execute(
            "return [...document.querySelectorAll('#glossary summary, .file-format summary, .template-link')]\
             .map(e => { const r = e.getBoundingClientRect(); return [e.className || e.tagName, r.width, r.height]; });",
            vec![],
        )
        .await
        .unwrap();
    let sizes = sizes.as_array().unwrap();
    assert_eq!(sizes.len(), 4, "{sizes:?}");
    for size in sizes {
        assert!(size[1].as_f64().unwrap() >= 44.0 && size[2].as_f64().unwrap() >= 44.0, "under 44×44: {size}");
    }

    // The IKM, as `skm ikm --by service` prints it.
    let ikm = skm_json(&["ikm", &file("responses.csv"), "--by", "service"]);
    assert_eq!(text(&c, "#ikm-value").await, decimal_id(ikm["ikm"].as_f64().unwrap(), 2));
    assert_eq!(text(&c, "#respondents").await, ikm["respondents"].as_u64().unwrap().to_string());
    for g in ikm["groups"].as_array().unwrap() {
        let code = g["service"].as_str().unwrap();
        assert_eq!(text(&c, &format!("#svc-{code} .ikm")).await, decimal_id(g["ikm"].as_f64().unwrap(), 2), "{code}");
    }
    // SLA compliance, as `skm sla` prints it.
    let sla = skm_json(&[
        "sla",
        "--requests",
        &file("requests.csv"),
        "--complaints",
        &file("complaints.csv"),
        "--year",
        "2026",
        "--unit",
        UNIT,
        "--db",
        db,
    ]);
    assert_eq!(text(&c, "#sla-requests").await, percent(&sla["requests"]["compliance"]));
    assert_eq!(text(&c, "#sla-complaints").await, percent(&sla["complaints"]["compliance"]));
    for s in sla["requests"]["services"].as_array().unwrap() {
        let code = s["service"].as_str().unwrap();
        assert_eq!(text(&c, &format!("#svc-{code} .sla")).await, percent(&s["compliance"]), "{code}");
    }
    // Meetings, as `skm meetings` prints them.
    let meetings = skm_json(&[
        "meetings",
        &file("meetings.csv"),
        "--actions",
        &file("actions.csv"),
        "--responses",
        &file("responses.csv"),
        "--year",
        "2026",
        "--unit",
        UNIT,
        "--db",
        db,
    ]);
    let held = format!("{}/{}", meetings["months_compliant"], meetings["months_elapsed"]);
    assert_eq!(text(&c, "#meetings-held").await, held);

    let shots = std::env::var_os("SKM_SCREENSHOTS");
    if shots.is_some() {
        // Fold the data away.
        c.find(Locator::Css("#data-summary")).await.unwrap().click().await.unwrap();
    }
    let shoot = |name: &'static str| {
        let (c, shots) = (c.clone(), shots.clone());
        async move {
            if let Some(dir) = shots {
                // As tall as the view, so the picture holds it whole.
                c.set_window_size(1280, 800).await.unwrap();
                let height = c.execute("return document.documentElement.scrollHeight;", vec![]).await.unwrap();
                let height = height.as_u64().unwrap_or(1600).clamp(800, 4000) as u32;
                c.set_window_size(1280, height + 90).await.unwrap();
                tokio::time::sleep(Duration::from_millis(300)).await;
                let png = c.screenshot().await.unwrap();
                std::fs::write(Path::new(&dir).join(format!("dashboard-{name}.png")), png).unwrap();
            }
        }
    };
    shoot("overview").await;
    // Every view draws its charts.
    for (tab, chart) in [
        ("#tab-ikm", "#nrr-chart svg"),
        ("#tab-sla", "#time-taken-chart svg"),
        ("#tab-meetings", "#meetings-chart svg"),
        ("#tab-suggestions", "#suggestions"),
    ] {
        c.find(Locator::Css(tab)).await.unwrap().click().await.unwrap();
        c.wait().at_most(WAIT).for_element(Locator::Css(chart)).await.unwrap();
        shoot(&tab[5..]).await;
    }
    // No WCAG 2.1 A/AA violation on any view.
    let axe = axe_source().unwrap();
    let mut found = Vec::new();
    for tab in ["#tab-overview", "#tab-ikm", "#tab-sla", "#tab-meetings", "#tab-suggestions"] {
        c.find(Locator::Css(tab)).await.unwrap().click().await.unwrap();
        found.extend(violations(&c, &axe).await.into_iter().map(|v| (tab, v)));
    }
    assert!(found.is_empty(), "WCAG violations: {found:#?}");
    c.find(Locator::Css("#tab-ikm")).await.unwrap().click().await.unwrap();
    assert_eq!(c.find_all(Locator::Css(".profile-chart svg")).await.unwrap().len(), 4);
    assert!(text(&c, "#trend-chart").await.contains("Triwulan I 2026"));

    // Charts are drawn at the width they are shown at: on a phone and on a laptop, every chart
    // text is at least 12 px on the screen, and no view is wider than the screen.
    for (w, h) in [(360, 640), (390, 844), (1366, 768)] {
        c.set_window_size(w, h).await.unwrap();
        for tab in ["#tab-overview", "#tab-ikm", "#tab-sla", "#tab-meetings"] {
            click_tab(&c, tab).await;
            let deadline = Instant::now() + WAIT;
            loop {
                let (smallest, texts, overflow, which) = chart_text(&c).await;
                if smallest >= 11.95 && texts > 0 && overflow <= 0.0 {
                    println!("{w}×{h} {tab}: {texts} chart texts, the smallest {smallest:.1} px");
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "{w}×{h} {tab}: smallest chart text {smallest:.1} px of {texts} ({which}), {overflow:.0} px wider than the screen"
                );
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            phone_layout(&c, w, tab).await;
            // The first screen of each view as a person sees it, on a phone and on a laptop.
            if let (Some(dir), Some(screen)) = (&shots, [(390, "phone"), (1366, "laptop")].iter().find(|s| s.0 == w)) {
                c.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
                tokio::time::sleep(Duration::from_millis(300)).await;
                let png = c.screenshot().await.unwrap();
                std::fs::write(Path::new(dir).join(format!("dashboard-{}-{}.png", screen.1, &tab[5..])), png).unwrap();
            }
        }
        // The first screen: on a phone the filters are folded to one line and the IKM is in
        // view without scrolling; on a laptop the filters are open.
        click_tab(&c, "#tab-overview").await;
        // The data in folds away when the figures arrive; this test opened it to add files.
        let first = c
            .execute(
                "document.querySelector('.data-in').open = false;\
                 window.scrollTo(0, 0); const v = document.getElementById('ikm-value').getBoundingClientRect();\
                 const above = [...document.querySelectorAll('main.dashboard > *, [role=tabpanel] > section > *')]\
                   .filter(e => e.getBoundingClientRect().top < v.bottom)\
                   .map(e => `${e.id || e.className || e.tagName} ${e.getBoundingClientRect().height.toFixed(0)}`);\
                 return [v.bottom, window.innerHeight, document.getElementById('filters').open, above];",
                vec![],
            )
            .await
            .unwrap();
        let (bottom, height, open) = (first[0].as_f64().unwrap(), first[1].as_f64().unwrap(), first[2].as_bool());
        assert!(
            bottom <= height,
            "{w}×{h}: the IKM ends at y = {bottom:.0}, below the first screen ({height:.0}); above it: {}",
            first[3]
        );
        assert_eq!(open, Some(w >= 1000), "{w}×{h}: filters open");
        println!("{w}×{h}: the IKM ends at y = {bottom:.0} of {height:.0}, filters open: {open:?}");
    }
    c.find(Locator::Css("#tab-overview")).await.unwrap().click().await.unwrap();

    // A filter recomputes in the worker: one service alone gives that service's figures.
    c.find(Locator::Css("#tab-overview")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#filter-service")).await.unwrap().select_by_value("internet-jaringan").await.unwrap();
    let group = ikm["groups"].as_array().unwrap().iter().find(|g| g["service"] == "internet-jaringan").unwrap();
    let expected = decimal_id(group["ikm"].as_f64().unwrap(), 2);
    let deadline = Instant::now() + WAIT;
    while text(&c, "#ikm-value").await != expected {
        assert!(Instant::now() < deadline, "the filter did not apply");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The header's language switch reaches the dashboard (a second wasm on the page).
    c.find(Locator::Css("#lang-switch")).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + WAIT;
    while text(&c, "#tab-overview").await != "Overview" {
        assert!(Instant::now() < deadline, "the dashboard did not switch to English");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(text(&c, "#view-overview").await.contains("Requests on time"));
    // English writes its own numbers: a decimal point, not a comma.
    let english = skm_core::format::decimal(group["ikm"].as_f64().unwrap(), 2, skm_core::Lang::En);
    assert_eq!(text(&c, "#ikm-value").await, english);
    assert!(text(&c, "#ikm-ci").await.starts_with("95% confidence interval: "));
    assert!(text(&c, "#view-overview").await.contains("Element weight: the same for every element, 1/9"));
    println!("dashboard: files given to first chart in {} ms", to_first_chart.as_millis());
    h.stop().await;
}

/// Taps a tab: on a phone the tabs are one row that scrolls sideways, so it is swiped to first.
async fn click_tab(c: &fantoccini::Client, tab: &str) {
    let swipe = format!("document.querySelector('{tab}').scrollIntoView({{block: 'nearest', inline: 'nearest'}});");
    c.execute(&swipe, vec![]).await.unwrap();
    c.find(Locator::Css(tab)).await.unwrap().click().await.unwrap();
}
