//! Harness of the end-to-end tests: starts `skm serve` and chromedriver on free loopback ports,
//! and a headless Chromium session with the flags this machine needs. Everything is stopped
//! when the harness is dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

pub mod load;

/// The admin token the harness starts the server with.
pub const ADMIN_TOKEN: &str = "e2e-token";

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A loopback port free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(0)
}

/// Waits up to 60 s for `child` (named `what`) to listen on loopback `port`; an error if it exits first.
pub fn wait_for_port(port: u16, what: &str, child: &mut Child) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("{what} exited early with {status}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("{what} did not listen on port {port} within 60 s"))
}

/// The `skm` binary built next to this test (`cargo build -p skm` before the tests).
pub fn skm_binary() -> Result<PathBuf, String> {
    if let Ok(path) = std::env::var("SKM_BIN") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    // A test runs from target/<profile>/deps/, a binary of this crate from target/<profile>/.
    let dir = exe.parent().ok_or("no target dir")?;
    let profile_dir = if dir.ends_with("deps") { dir.parent().ok_or("no target dir")? } else { dir };
    let bin = profile_dir.join("skm");
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!("{} is missing: run `cargo build -p skm` first (scripts/test.sh does)", bin.display()))
    }
}

/// A bare `skm serve` on a free loopback port, for tests without a browser.
pub struct Server {
    /// Base URL (`http://127.0.0.1:PORT`).
    pub base: String,
    child: Child,
}

impl Server {
    /// Starts `skm serve --db DB` with the harness' admin token and `extra` arguments.
    pub fn start(db: &Path, extra: &[&str]) -> Result<Server, String> {
        Server::start_on(free_port(), db, extra)
    }

    /// [`Server::start`] on a given port (a restart keeps its address).
    fn start_on(port: u16, db: &Path, extra: &[&str]) -> Result<Server, String> {
        let mut args = vec!["--db".to_owned(), db.to_str().ok_or("the database's path is not UTF-8")?.to_owned()];
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        Server::launch(port, &Launch { binary: skm_binary()?, folder: None, args })
    }

    /// `skm serve` on `port` as `launch` says.
    fn launch(port: u16, launch: &Launch) -> Result<Server, String> {
        let mut command = Command::new(&launch.binary);
        if let Some(folder) = &launch.folder {
            command.current_dir(folder);
        }
        let mut child = command
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--admin-token", ADMIN_TOKEN])
            .args(&launch.args)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("skm serve: {e}"))?;
        wait_for_port(port, "skm serve", &mut child)?;
        Ok(Server { base: format!("http://127.0.0.1:{port}"), child })
    }

    /// Kills the server with SIGKILL, as a power cut or the OOM killer would, and reaps it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The canonical responses CSV, fetched with the admin token.
    pub fn responses_csv(&self) -> Result<String, String> {
        responses_csv(&self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn responses_csv(base: &str) -> Result<String, String> {
    let mut res = ureq::get(&format!("{base}/api/v1/responses.csv"))
        .header("Authorization", &format!("Bearer {ADMIN_TOKEN}"))
        .call()
        .map_err(|e| e.to_string())?;
    res.body_mut().read_to_string().map_err(|e| e.to_string())
}

/// Adds a unit and its standards to a database with the CLI (`skm unit add`, `skm standards
/// import`), paths relative to the repository root.
pub fn add_unit(db: &Path, unit: &str, standards: &[&str]) -> Result<(), String> {
    let root = repo_root();
    let db = db.to_str().ok_or("the database's path is not UTF-8")?;
    let run = |args: Vec<String>| -> Result<(), String> {
        let out = Command::new(skm_binary()?).args(&args).output().map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!("skm {args:?}: {}", String::from_utf8_lossy(&out.stderr)))
        }
    };
    let path = |p: &str| root.join(p).display().to_string();
    run(vec!["unit".into(), "add".into(), path(unit), "--db".into(), db.into()])?;
    let code = Path::new(unit).file_stem().and_then(|s| s.to_str()).ok_or("unit file name")?.to_owned();
    let mut import = vec!["standards".into(), "import".into(), "--db".into(), db.into(), "--unit".into(), code];
    import.extend(standards.iter().map(|s| path(s)));
    run(import)
}

/// A new, empty PostgreSQL database `name` (an earlier one of that name dropped) on the server
/// that `SKM_TEST_POSTGRES` names; its URL. The README's test command starts that server
/// (`bash scripts/postgres.sh start`); without it this is an error, not a skipped test.
pub fn postgres_database(name: &str) -> Result<String, String> {
    let server = std::env::var("SKM_TEST_POSTGRES")
        .map_err(|_| "SKM_TEST_POSTGRES is not set: run `bash scripts/postgres.sh start` and export the URL it prints (scripts/test.sh does)".to_owned())?;
    if !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return Err(format!("{name}: a test database's name is lowercase letters and '_'"));
    }
    let mut client = postgres::Client::connect(&server, postgres::NoTls).map_err(|e| format!("{server}: {e}"))?;
    // Two statements sent apart: in one message they would be one transaction, which CREATE
    // DATABASE refuses.
    for sql in [format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), format!("CREATE DATABASE {name}")] {
        client.batch_execute(&sql).map_err(|e| format!("{sql}: {e:?}"))?;
    }
    let (base, _) = server.rsplit_once('/').ok_or_else(|| format!("{server}: no database in the URL"))?;
    Ok(format!("{base}/{name}"))
}

/// How the harness starts `skm serve`: which binary, in which folder, with which arguments (the
/// address and the admin token besides).
#[derive(Debug, Clone)]
struct Launch {
    binary: PathBuf,
    folder: Option<PathBuf>,
    args: Vec<String>,
}

/// A running server, chromedriver and browser session.
pub struct Harness {
    /// Base URL of the server (`http://127.0.0.1:PORT`).
    pub base: String,
    /// The WebDriver session.
    pub client: Client,
    server: Server,
    driver: Child,
    port: u16,
    driver_port: u16,
    launch: Launch,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

/// Starts chromedriver on a free port and opens a headless Chromium session with `profile`.
async fn start_driver(profile: &Path) -> Result<(Child, u16, Client), String> {
    let driver_port = free_port();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let mut driver = Command::new(&chromedriver)
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{chromedriver}: {e}"))?;
    if let Err(e) = wait_for_port(driver_port, "chromedriver", &mut driver) {
        let _ = driver.kill();
        return Err(e);
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600",
                format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let connected = match ClientBuilder::rustls() {
        Ok(mut builder) => builder.capabilities(caps).connect(&format!("http://127.0.0.1:{driver_port}")).await,
        Err(e) => return Err(e.to_string()),
    };
    match connected {
        Ok(client) => Ok((driver, driver_port, client)),
        Err(e) => {
            let _ = driver.kill();
            let _ = driver.wait();
            Err(format!("WebDriver session: {e}"))
        }
    }
}

impl Harness {
    /// Starts everything; `dist/` (or `$SKM_DIST`) must hold the Trunk-built app.
    pub async fn start() -> Result<Harness, String> {
        Harness::start_on(None).await
    }

    /// [`Harness::start`] on a database of one's own (the demo fill is left out when it holds
    /// responses already).
    pub async fn start_on(db: Option<PathBuf>) -> Result<Harness, String> {
        // A relative $SKM_DIST is taken from the repository root, like `dist/` itself.
        let dist = repo_root().join(std::env::var_os("SKM_DIST").map_or_else(|| PathBuf::from("dist"), PathBuf::from));
        if !dist.join("index.html").is_file() {
            return Err(format!("{} is missing: run `trunk build` first (scripts/test.sh does)", dist.display()));
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let db = db.unwrap_or_else(|| dir.path().join("skm.db"));
        let path = |p: &Path| p.to_str().map(str::to_owned).ok_or("a path is not UTF-8");
        let args = vec!["--db".to_owned(), path(&db)?, "--web-dir".to_owned(), path(&dist)?];
        Harness::launch(Launch { binary: skm_binary()?, folder: None, args }, db, dir).await
    }

    /// Starts an installed `binary` in `folder` with its defaults: the web app built into it, its
    /// database `data/skm.db` there.
    pub async fn start_installed(binary: &Path, folder: &Path) -> Result<Harness, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let launch = Launch { binary: binary.to_owned(), folder: Some(folder.to_owned()), args: Vec::new() };
        Harness::launch(launch, folder.join("data/skm.db"), dir).await
    }

    async fn launch(launch: Launch, db: PathBuf, dir: tempfile::TempDir) -> Result<Harness, String> {
        let port = free_port();
        let server = Server::launch(port, &launch)?;

        let profile = dir.path().join("chromium-profile");
        // A free port can be handed to two tests at once (it is free until someone binds it), so a
        // driver that lost that race is started again on another port.
        let mut attempt = 0;
        let (driver, driver_port, client) = loop {
            attempt += 1;
            match start_driver(&profile).await {
                Ok(started) => break started,
                Err(e) if attempt < 3 => eprintln!("chromedriver, attempt {attempt}: {e}; trying again"),
                Err(e) => return Err(e),
            }
        };
        Ok(Harness {
            base: format!("http://127.0.0.1:{port}"),
            client,
            server,
            driver,
            port,
            driver_port,
            launch,
            db,
            _dir: dir,
        })
    }

    /// Stops the server, as if the office's connection went down.
    pub fn stop_server(&mut self) {
        self.server.kill();
    }

    /// Starts the server again on the same address and database.
    pub fn restart_server(&mut self) -> Result<(), String> {
        self.server = Server::launch(self.port, &self.launch)?;
        Ok(())
    }

    /// Fetches the canonical responses CSV with the admin token.
    pub fn responses_csv(&self) -> Result<String, String> {
        responses_csv(&self.base)
    }

    /// The server's database file (for `skm unit add --db` and the other batch commands).
    pub fn db(&self) -> PathBuf {
        self.db.clone()
    }

    /// A GET of the API with the admin token: status and body.
    pub fn api_get(&self, path: &str) -> Result<(u16, String), String> {
        let res = ureq::get(&format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {ADMIN_TOKEN}"))
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .map_err(|e| format!("{path}: {e}"))?;
        let status = res.status().as_u16();
        let body = res.into_body().read_to_string().map_err(|e| e.to_string())?;
        Ok((status, body))
    }

    /// Runs a Chrome DevTools Protocol command in the browser (through chromedriver).
    pub async fn cdp(&self, cmd: &str, params: serde_json::Value) -> Result<serde_json::Value, String> {
        let session = self.client.session_id().await.map_err(|e| e.to_string())?.ok_or("no WebDriver session")?;
        let url = format!("http://127.0.0.1:{}/session/{session}/goog/cdp/execute", self.driver_port);
        let body = serde_json::json!({ "cmd": cmd, "params": params });
        let mut res = ureq::post(&url)
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .map_err(|e| format!("{cmd}: {e}"))?;
        let text = res.body_mut().read_to_string().map_err(|e| e.to_string())?;
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{cmd}: {e}"))?;
        Ok(value["value"].clone())
    }

    /// Shows pages as a screen of this many CSS pixels does (the viewport itself, not the
    /// window around it, whose frame headless Chromium takes from the height): a phone's when
    /// `phone`, else a laptop's.
    pub async fn screen(&self, width: u32, height: u32, phone: bool) -> Result<(), String> {
        let scale = if phone { 2 } else { 1 };
        let metrics =
            serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": scale, "mobile": phone });
        self.cdp("Emulation.setDeviceMetricsOverride", metrics).await.map(|_| ())
    }

    /// Closes the browser and stops the processes.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        self.server.kill();
        let _ = self.driver.kill();
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.server.kill();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// What a respondent enters, for [`answer_survey`].
pub struct Answers<'a> {
    /// The nine scores, U1 to U9.
    pub scores: [u8; 9],
    /// Profile selects as (element id, option value), e.g. `("gender", "P")`.
    pub profile: &'a [(&'a str, &'a str)],
    /// The suggestion, if any.
    pub suggestion: Option<&'a str>,
}

/// The element `css` finds, once it appears (within a minute).
async fn element(c: &Client, css: &str) -> Result<fantoccini::elements::Element, String> {
    c.wait()
        .at_most(Duration::from_secs(60))
        .for_element(fantoccini::Locator::Css(css))
        .await
        .map_err(|e| format!("{css}: {e}"))
}

async fn text_of(c: &Client, css: &str) -> Result<String, String> {
    element(c, css).await?.text().await.map_err(|e| format!("{css}: {e}"))
}

async fn click(c: &Client, css: &str) -> Result<(), String> {
    element(c, css).await?.click().await.map_err(|e| format!("{css}: {e}"))
}

/// Clicks `css` once it appears, after scrolling it to the middle of the window, as a person on a
/// short screen scrolls a control up from behind the survey's action bar (WebDriver's own scroll
/// stops at the window's edge, under the bar).
pub async fn scroll_and_click(c: &Client, css: &str) -> Result<(), String> {
    let found = element(c, css).await?;
    let arg = serde_json::to_value(&found).map_err(|e| e.to_string())?;
    c.execute("arguments[0].scrollIntoView({ block: 'center' });", vec![arg])
        .await
        .map_err(|e| format!("{css}: {e}"))?;
    found.click().await.map_err(|e| format!("{css}: {e}"))
}

/// How long a dashboard test waits for the worker's figures.
const DASHBOARD_WAIT: Duration = Duration::from_secs(180);

/// The text of the element `css` finds, once it appears (within three minutes).
pub async fn text(c: &Client, css: &str) -> String {
    c.wait().at_most(DASHBOARD_WAIT).for_element(fantoccini::Locator::Css(css)).await.unwrap().text().await.unwrap()
}

/// Waits until `css` reads `want` (within three minutes); `what` names the state for the failure.
pub async fn reads(c: &Client, css: &str, want: &str, what: &str) {
    let deadline = Instant::now() + DASHBOARD_WAIT;
    loop {
        let got = text(c, css).await;
        if got == want {
            return;
        }
        if Instant::now() >= deadline {
            panic!("{what}: {css} reads {got:?}, not {want:?}; the page shows:\n{}", page_text(c).await);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// What the page shows, with the values of its fields, for a failure's message.
async fn page_text(c: &Client) -> String {
    let script = "const fields = [...document.querySelectorAll('input, select')]\
        .map(e => `#${e.id} = ${JSON.stringify(e.type === 'checkbox' ? e.checked : e.value)}`);\
        return document.body.innerText + '\\n' + fields.join('\\n');";
    match c.execute(script, vec![]).await {
        Ok(v) => v.as_str().unwrap_or_default().to_owned(),
        Err(e) => format!("(unreadable: {e})"),
    }
}

/// Waits until nothing matches `css` (within three minutes): the page re-renders after an event,
/// not within it. `what` names the state for the failure.
pub async fn gone(c: &Client, css: &str, what: &str) {
    let deadline = Instant::now() + DASHBOARD_WAIT;
    while c.find(fantoccini::Locator::Css(css)).await.is_ok() {
        assert!(Instant::now() < deadline, "{what}: {css} is still shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the survey shows the screen with this URL fragment (`#u3`).
pub async fn on_screen(c: &Client, fragment: &str) -> Result<(), String> {
    element(c, &format!("form[data-step='{fragment}']")).await.map(|_| ())
}

/// Walks a survey page already open on its first screen through consent, profile, the nine
/// questions (checking each shows the core's wording in `lang`; a tapped answer moves on by
/// itself) and the suggestion, and stops on the review screen, before sending.
pub async fn answer_survey(c: &Client, lang: skm_core::Lang, answers: &Answers<'_>) -> Result<(), String> {
    on_screen(c, "#mulai").await?;
    click(c, "#start").await?;
    // A unit that does not ask the profile goes from the consent to U1.
    let next = element(c, "form[data-step='#profil'], form[data-step='#u1']").await?;
    let step = next.attr("data-step").await.map_err(|e| e.to_string())?;
    if step.as_deref() == Some("#profil") {
        for (id, value) in answers.profile {
            let select =
                c.find(fantoccini::Locator::Css(&format!("#{id}"))).await.map_err(|e| format!("#{id}: {e}"))?;
            select.select_by_value(value).await.map_err(|e| format!("#{id} = {value}: {e}"))?;
        }
        click(c, "#next").await?;
    } else if !answers.profile.is_empty() {
        return Err("the profile was not asked, but answers for it were given".into());
    }
    for (e, score) in skm_core::ELEMENTS.iter().zip(answers.scores) {
        on_screen(c, &format!("#{}", e.column())).await?;
        let legend = text_of(c, "fieldset.question legend").await?;
        if legend != e.text().question.get(lang) {
            return Err(format!("{}: the question reads {legend:?}, not the core's wording", e.id()));
        }
        scroll_and_click(c, &format!("input[name='{}'][value='{score}']", e.column())).await?;
    }
    on_screen(c, "#saran").await?;
    if let Some(text) = answers.suggestion {
        let area = c.find(fantoccini::Locator::Css("#suggestion")).await.map_err(|e| e.to_string())?;
        area.send_keys(text).await.map_err(|e| e.to_string())?;
    }
    click(c, "#next").await?;
    on_screen(c, "#ringkasan").await
}

/// Waits until the dashboard's worker has answered for the current data and filters (no "busy"
/// line, no engine loading), within three minutes.
pub async fn settled(c: &Client) {
    gone(c, "#busy, #engine-loading", "the worker did not finish").await;
}

/// Opens the dashboard, signs in with the harness' admin token, and waits for the figures of the
/// server's responses.
pub async fn dashboard_signed_in(h: &Harness) -> Client {
    dashboard_signed_in_at(h, "/dasbor").await
}

/// [`dashboard_signed_in`] at an address of the dashboard (`/dasbor?unit=…`).
pub async fn dashboard_signed_in_at(h: &Harness, path: &str) -> Client {
    let c = h.client.clone();
    let wait = Duration::from_secs(180);
    c.goto(&format!("{}{path}", h.base)).await.unwrap();
    c.wait()
        .at_most(wait)
        .for_element(fantoccini::Locator::Css("#token"))
        .await
        .unwrap()
        .send_keys(ADMIN_TOKEN)
        .await
        .unwrap();
    c.find(fantoccini::Locator::Css("#signin")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(fantoccini::Locator::Css("#ikm-value")).await.unwrap();
    settled(&c).await;
    c
}

/// The axe-core script (from npm, installed by scripts/setup.sh).
pub fn axe_source() -> Result<String, String> {
    let path = repo_root().join(".tools/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e} (scripts/setup.sh installs axe-core)", path.display()))
}

/// The WCAG 2.1 A/AA violations axe-core finds on the page: id, impact, help and the elements.
pub async fn violations(c: &Client, axe: &str) -> Vec<serde_json::Value> {
    let script = format!(
        "{axe}\nreturn axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }})\
         .then(r => r.violations.map(v => ({{ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }})));"
    );
    match c.execute(&script, vec![]).await {
        Ok(result) => serde_json::from_value(result).unwrap_or_default(),
        Err(e) => vec![serde_json::json!({ "id": "axe-failed", "help": e.to_string() })],
    }
}

/// What a person would notice inside the elements `scope` selects on the page shown: a control
/// under 44×44 px, text under 12 px, anything reaching past the screen's right edge, and the page
/// scrolling sideways. Empty when all is well; each fault names its element and figure.
pub async fn layout_faults(c: &Client, scope: &str) -> Vec<String> {
    let script = "const scope = [...document.querySelectorAll(arguments[0])];\
        const inside = sel => scope.flatMap(s => [...s.querySelectorAll(sel)]).filter(e => e.getClientRects().length > 0);\
        const name = e => `${e.id || e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ')[0] : ''}`;\
        const faults = [];\
        for (const e of inside(':is(button, select, input, textarea, summary)')) {\
          const t = e.matches('input[type=checkbox], input[type=radio]') && e.closest('label') || e;\
          const r = t.getBoundingClientRect();\
          if (r.width < 44 || r.height < 44) faults.push(`${name(t)} ${r.width.toFixed(0)}×${r.height.toFixed(0)} px`);\
        }\
        for (const e of inside('*')) {\
          const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());\
          const size = parseFloat(getComputedStyle(e).fontSize);\
          if (own && size < 12) faults.push(`${name(e)} text ${size} px`);\
          const r = e.getBoundingClientRect();\
          if (r.right > innerWidth + 1 && !e.closest('.scroll, .table-scroll')) faults.push(`${name(e)} reaches ${r.right.toFixed(0)} px of ${innerWidth}`);\
        }\
        if (document.documentElement.scrollWidth > innerWidth + 1) faults.push(`page ${document.documentElement.scrollWidth} px wide in ${innerWidth}`);\
        return faults;";
    let found = c.execute(script, vec![scope.into()]).await;
    match found {
        Ok(v) => serde_json::from_value(v).unwrap_or_else(|e| vec![format!("unreadable answer: {e}")]),
        Err(e) => vec![format!("script failed: {e}")],
    }
}

/// Types into the field `id` as a person does, then leaves it (lists, numbers and the admin
/// token are read when their field is left).
pub async fn fill(c: &Client, id: &str, text: &str) {
    let input = c.wait().at_most(Duration::from_secs(120)).for_element(fantoccini::Locator::Id(id)).await.unwrap();
    // Emptied as a person's delete key does, with an input event in the same task: WebDriver's
    // clear fires none, so the page's state keeps the old text and a render in between (a
    // worker's reply) puts it back before the keys come.
    let arg = serde_json::to_value(&input).unwrap();
    c.execute("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", vec![arg])
        .await
        .unwrap();
    input.send_keys(text).await.unwrap();
    c.execute("document.activeElement.blur()", vec![]).await.unwrap();
}

/// Opens the admin page on `unit` and types the harness' admin token, as a unit's admin does.
pub async fn admin_page(h: &Harness, unit: &str) {
    let c = &h.client;
    c.goto(&format!("{}/admin?unit={unit}", h.base)).await.unwrap();
    c.wait().at_most(Duration::from_secs(120)).for_element(fantoccini::Locator::Css("li[data-service]")).await.unwrap();
    fill(c, "token", ADMIN_TOKEN).await;
}
