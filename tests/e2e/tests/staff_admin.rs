//! The pemda's administrator on `/admin`, end to end: signs in, makes an API token in the page
//! (shown once, working at once), revokes it, disables an account, resets another's password,
//! reads the audit log of it all, and changes its own password (then signs in again).

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use skm_e2e::{axe_source, fill, violations, Harness};

const WAIT: Duration = Duration::from_secs(120);
/// The demo accounts' password (README, "Demo accounts").
const DEMO_PASSWORD: &str = "demo-skm-2026";

async fn sign_in(c: &Client, base: &str, username: &str, password: &str) {
    c.goto(&format!("{base}/admin")).await.unwrap();
    fill(c, "username", username).await;
    fill(c, "password", password).await;
    c.find(Locator::Id("signin")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("signed-in")).await.unwrap();
}

async fn until_text(c: &Client, css: &str, wanted: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            let text = e.text().await.unwrap_or_default();
            if text.contains(wanted) {
                return text;
            }
        }
        assert!(Instant::now() < deadline, "{css} never said {wanted}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pemda_admin_manages_tokens_accounts_and_reads_the_audit_log() {
    let h = match Harness::start().await {
        Ok(h) => h,
        Err(e) => panic!("harness: {e}"),
    };
    let c = &h.client;
    sign_in(c, &h.base, "pemda", DEMO_PASSWORD).await;
    c.wait().at_most(WAIT).for_element(Locator::Css("#audit-table tbody tr")).await.unwrap();
    let found = violations(c, &axe_source().unwrap()).await;
    assert!(found.is_empty(), "axe on the administrator's page: {found:#?}");
    c.execute("window.confirm = () => true;", vec![]).await.unwrap();

    // A read token for one unit, shown once; it opens that unit's export and nothing more.
    fill(c, "token-units", "diskominfo-ketapang").await;
    fill(c, "token-note", "cadangan harian").await;
    c.find(Locator::Id("make-token")).await.unwrap().click().await.unwrap();
    let secret = c.wait().at_most(WAIT).for_element(Locator::Id("new-token")).await.unwrap().text().await.unwrap();
    assert!(secret.starts_with("skm_") && secret.len() == 68, "{secret}");
    let get = |path: &str| {
        ureq::get(&format!("{}{path}", h.base))
            .header("Authorization", &format!("Bearer {secret}"))
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(get("/api/v1/units/diskominfo-ketapang/responses.csv"), 200);
    assert_eq!(get("/api/v1/units/dinkominfo-purbalingga/responses.csv"), 403);
    // Listed with its last use, then revoked.
    let prefix = &secret[..12];
    let row = until_text(c, &format!("tr[data-token='{prefix}']"), "cadangan harian").await;
    assert!(row.contains("read") && row.contains("diskominfo-ketapang"), "{row}");
    c.refresh().await.unwrap();
    let used = until_text(c, &format!("tr[data-token='{prefix}']"), "+07:00").await;
    assert!(used.contains("+07:00"), "its last use: {used}");
    c.find(Locator::Css(&format!("tr[data-token='{prefix}'] button.revoke"))).await.unwrap().click().await.unwrap();
    until_text(c, &format!("tr[data-token='{prefix}']"), "dicabut").await;
    assert_eq!(get("/api/v1/units/diskominfo-ketapang/responses.csv"), 401);

    // An account disabled (confirmed), another's password reset.
    c.execute("window.confirm = () => true;", vec![]).await.unwrap();
    c.find(Locator::Css("tr[data-user='operator.purbalingga'] button.disable")).await.unwrap().click().await.unwrap();
    until_text(c, "tr[data-user='operator.purbalingga']", "nonaktif").await;
    c.find(Locator::Css("#reset-user option[value='kadis.purbalingga']")).await.unwrap().click().await.unwrap();
    fill(c, "reset-password", "teh-manis-hangat").await;
    c.find(Locator::Id("reset-submit")).await.unwrap().click().await.unwrap();
    until_text(c, "#staff-message", "Selesai").await;

    // The audit log holds each act.
    c.refresh().await.unwrap();
    let log = until_text(c, "#audit-table", "token.revoke").await;
    for action in ["sign_in", "token.add", "token.revoke", "user.disable", "user.reset", "export"] {
        assert!(log.contains(action), "{action} not in the audit log:\n{log}");
    }
    let (status, csv) = {
        // The CSV export as the page links it, with the session's cookie.
        let script =
            "const done = arguments[0]; fetch('/api/v1/audit.csv').then(r => r.text().then(t => done([r.status, t])));";
        let v = c.execute_async(script, vec![]).await.unwrap();
        (v[0].as_u64().unwrap(), v[1].as_str().unwrap().to_owned())
    };
    assert_eq!(status, 200);
    assert!(csv.starts_with("seq,at,actor,address,action,target,outcome,old,new"), "{csv}");

    // The others: the disabled account cannot sign in; the reset one can with its new password.
    c.find(Locator::Id("current-password")).await.unwrap().send_keys(DEMO_PASSWORD).await.unwrap();
    c.find(Locator::Id("new-password")).await.unwrap().send_keys("kopi-tubruk-2026").await.unwrap();
    c.find(Locator::Id("change-password")).await.unwrap().click().await.unwrap();
    c.wait().at_most(WAIT).for_element(Locator::Id("username")).await.unwrap();
    sign_in(c, &h.base, "kadis.purbalingga", "teh-manis-hangat").await;
    c.find(Locator::Id("signout")).await.unwrap().click().await.unwrap();
    fill(c, "username", "operator.purbalingga").await;
    fill(c, "password", DEMO_PASSWORD).await;
    c.find(Locator::Id("signin")).await.unwrap().click().await.unwrap();
    let refused = until_text(c, "#admin-notice", "salah").await;
    assert!(refused.contains("wrong username or password"), "a disabled account: {refused}");
    sign_in(c, &h.base, "pemda", "kopi-tubruk-2026").await;
    c.goto(&format!("{}/admin", h.base)).await.unwrap();
    let who = c.wait().at_most(WAIT).for_element(Locator::Id("signed-in")).await.unwrap().text().await.unwrap();
    assert!(who.contains("pemda"), "{who}");
    h.stop().await;
}
