//! A unit's admin, end to end: signs in on the dashboard with a username and password (a demo
//! account of a fresh demo database), sees only its unit, is refused another unit's export (403)
//! with the attempt in the audit log, and signs out.

use std::process::Command;
use std::time::Duration;

use fantoccini::Locator;
use skm_e2e::{settled, skm_binary, Harness};

const WAIT: Duration = Duration::from_secs(120);
/// The demo accounts' password (README, "Demo accounts").
const DEMO_PASSWORD: &str = "demo-skm-2026";

async fn status_of(c: &fantoccini::Client, path: &str) -> u64 {
    let script = format!("const done = arguments[0]; fetch('{path}').then(r => done(r.status));");
    c.execute_async(&script, vec![]).await.unwrap().as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_admin_sees_only_its_unit_and_is_refused_another() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    c.goto(&format!("{}/dasbor", h.base)).await.unwrap();
    let name = c.wait().at_most(WAIT).for_element(Locator::Id("username")).await.unwrap();
    name.send_keys("admin.purbalingga").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(DEMO_PASSWORD).await.unwrap();
    c.find(Locator::Id("signin")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("ikm-value")).await.unwrap();
    settled(c).await;
    let who = c.find(Locator::Id("signed-in")).await.unwrap().text().await.unwrap();
    assert!(who.contains("admin.purbalingga") && who.contains("admin_unit"), "{who}");
    // Only its unit is offered, and shown.
    let options = c.find_all(Locator::Css("#filter-unit option")).await.unwrap();
    let mut values = Vec::new();
    for o in options {
        values.push(o.attr("value").await.unwrap().unwrap_or_default());
    }
    assert_eq!(values, ["dinkominfo-purbalingga"]);
    // The session reads its own unit's export; another unit's is refused, whatever the page shows.
    assert_eq!(status_of(c, "/api/v1/units/dinkominfo-purbalingga/responses.csv").await, 200);
    assert_eq!(status_of(c, "/api/v1/units/diskominfo-ketapang/responses.csv").await, 403);
    assert_eq!(status_of(c, "/api/v1/responses.csv").await, 403);

    // The attempt is in the audit log, with who, what and from where.
    let db = h.db();
    let out = Command::new(skm_binary().unwrap())
        .args(["audit", "--format", "json", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let log: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let refused = log.iter().find(|e| {
        e["actor"] == "admin.purbalingga" && e["target"] == "diskominfo-ketapang" && e["outcome"] == "refused"
    });
    let refused = refused.unwrap_or_else(|| panic!("no refusal in {log:#?}"));
    assert_eq!(refused["address"], "127.0.0.1");
    assert!(log.iter().any(|e| e["action"] == "sign_in" && e["target"] == "admin.purbalingga" && e["outcome"] == "ok"));

    // The admin page knows the session: its unit only, its services to edit.
    c.goto(&format!("{}/admin", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Css("li[data-service='publikasi-media-sosial']")).await.unwrap();
    let who = c.find(Locator::Id("signed-in")).await.unwrap().text().await.unwrap();
    assert!(who.contains("admin.purbalingga"), "{who}");
    let options = c.find_all(Locator::Css("#admin-unit option")).await.unwrap();
    assert_eq!(options.len(), 1);
    // A save with the session's CSRF token works for its unit; for another it is refused.
    let script = "const [unit, done] = [arguments[0], arguments[1]]; \
        fetch(`/api/v1/units/${unit}/services/tidak-ada/retire`, { method: 'POST', \
        headers: { 'X-CSRF-Token': sessionStorage.getItem('skm.csrf').replace(/\"/g, '') } }).then(r => done(r.status));";
    let own = c.execute_async(script, vec!["dinkominfo-purbalingga".into()]).await.unwrap();
    assert_eq!(own.as_u64(), Some(404), "allowed, and no such service");
    let other = c.execute_async(script, vec!["diskominfo-ketapang".into()]).await.unwrap();
    assert_eq!(other.as_u64(), Some(403));

    // Signed out: the sign-in form again, and the cookie opens nothing.
    c.goto(&format!("{}/dasbor", h.base)).await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("signout")).await.unwrap();
    c.find(Locator::Id("signout")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("username")).await.unwrap();
    assert_eq!(status_of(c, "/api/v1/units/dinkominfo-purbalingga/responses.csv").await, 401);
    h.stop().await;
}
