//! `skm serve`: the survey, the dashboard and the API.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use skm_core::access::StaffRole;
use skm_demo::{generate, DemoOptions};
use skm_server::{AdminToken, AppState, Store, TrustedProxies};

/// The web app built into this binary (`build.rs`, `scripts/dist.sh`); empty in a build without it.
static BUILT_IN: skm_server::BuiltInFiles = include!(concat!(env!("OUT_DIR"), "/web_app.rs"));

/// Arguments of `skm serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// A settings file (skm.toml): each key a flag below, by its long name. A flag given here
    /// or as its environment variable wins over the file (docs/configuration.md).
    #[arg(long, value_name = "FILE", env = "SKM_CONFIG")]
    pub config: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "SKM_ADDR")]
    addr: SocketAddr,
    /// The database: a SQLite file (created if missing), or a PostgreSQL URL
    /// (`postgres://user:password@host/name`) that several servers share.
    #[arg(long, value_name = "FILE|URL", default_value = "data/skm.db", env = "SKM_DB")]
    db: PathBuf,
    /// Directory of a Trunk-built web app, for development. Without it the app built into this
    /// binary is served (`scripts/dist.sh` builds it in); a binary built without one serves `dist`.
    #[arg(long, env = "SKM_WEB_DIR")]
    web_dir: Option<PathBuf>,
    /// Token that unlocks the dashboard's data. Unset: one is made on first start, printed once,
    /// and kept (as a hash) in the database.
    #[arg(long, env = "SKM_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// Make and print a new admin token, replacing the kept one.
    #[arg(long)]
    reset_admin_token: bool,
    /// Device keys of kiosk tablets, exempt from the submission limit (header X-SKM-Kiosk-Key).
    #[arg(long = "kiosk-key", env = "SKM_KIOSK_KEYS", value_delimiter = ',', hide_env_values = true)]
    kiosk_keys: Vec<String>,
    /// Well-formed submissions a client address may make per minute (bursts of twice as many);
    /// refused requests are counted apart. A counter where many citizens share one Wi-Fi needs
    /// kiosk keys or a higher value (docs/deploy.md).
    #[arg(long, default_value_t = 10, env = "SKM_RATE_LIMIT")]
    rate_limit: u32,
    /// A reverse proxy (address or CIDR network) whose `Forwarded` / `X-Forwarded-For` header
    /// names the client; repeat for several. Without it those headers are ignored.
    #[arg(long = "trusted-proxy", env = "SKM_TRUSTED_PROXIES", value_delimiter = ',', value_parser = TrustedProxies::parse_network)]
    trusted_proxies: Vec<ipnet::IpNet>,
    /// Seconds a client may take to send a request's headers or its body; an idle connection is
    /// closed after as long.
    #[arg(long, default_value_t = skm_server::DEFAULT_READ_TIMEOUT.as_secs(), env = "SKM_READ_TIMEOUT", value_parser = clap::value_parser!(u64).range(1..=3600))]
    read_timeout: u64,
    /// Do not fill an empty database with this year's demo responses (up to today) and its
    /// demo accounts.
    #[arg(long, env = "SKM_NO_DEMO", value_parser = clap::builder::BoolishValueParser::new())]
    no_demo: bool,
    /// Remove suggestions and profile answers of responses older than this many years (their
    /// scores, and so every count and index, stay): at start and then daily (UU PDP 27/2022).
    #[arg(long, env = "SKM_RETENTION_YEARS", value_parser = clap::value_parser!(u16).range(1..=100))]
    retention_years: Option<u16>,
    /// Mark the session cookie `Secure` (the server is reached over https, as behind a proxy).
    #[arg(long, env = "SKM_SECURE_COOKIES", value_parser = clap::builder::BoolishValueParser::new())]
    secure_cookies: bool,
    /// How log lines are written: `text`, or `json` for a log collector. Each line of a request
    /// carries its ID (`X-Request-Id`). The level comes from RUST_LOG.
    #[arg(long, value_enum, default_value_t = crate::logging::LogFormat::Text, env = "SKM_LOG_FORMAT")]
    pub log_format: crate::logging::LogFormat,
    #[command(flatten)]
    backups: crate::backup::ScheduleArgs,
}

/// Applies the retention period now and then every day, on a thread of its own.
fn keep_retention(store: std::sync::Arc<std::sync::Mutex<Store>>, years: u16) {
    std::thread::spawn(move || loop {
        let cutoff = skm_server::now_wib()
            .checked_sub(jiff::Span::new().years(i64::from(years)))
            .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        match (cutoff, store.lock()) {
            (Ok(cutoff), Ok(mut s)) => {
                let audit = skm_server::Audit { actor: "retention", ..skm_server::Audit::default() };
                match s.apply_retention(&cutoff, audit) {
                    Ok(cleared) if cleared > 0 => {
                        tracing::info!(cleared, %cutoff, "retention: suggestions and profiles removed")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(%e, "retention failed"),
                }
            }
            _ => tracing::error!("retention: no cutoff or no store"),
        }
        std::thread::sleep(std::time::Duration::from_secs(24 * 3600));
    });
}

/// The password of every demo account (README, "Demo accounts"): for trying the roles out,
/// never for a server that holds real answers.
pub const DEMO_PASSWORD: &str = "demo-skm-2026";

/// The demo accounts: one of each role over the two demo units.
const DEMO_ACCOUNTS: [(&str, StaffRole, &[&str]); 5] = [
    ("pemda", StaffRole::AdminPemda, &[]),
    ("admin.purbalingga", StaffRole::AdminUnit, &["dinkominfo-purbalingga"]),
    ("kadis.purbalingga", StaffRole::Pimpinan, &["dinkominfo-purbalingga"]),
    ("operator.purbalingga", StaffRole::Operator, &["dinkominfo-purbalingga"]),
    ("admin.ketapang", StaffRole::AdminUnit, &["diskominfo-ketapang"]),
];

/// Adds the demo accounts to a fresh demo database.
fn seed_demo_accounts(store: &mut Store) -> anyhow::Result<()> {
    let hash = skm_server::auth::hash_password(DEMO_PASSWORD).map_err(anyhow::Error::msg)?;
    let present: Vec<String> = store.units()?.into_iter().map(|u| u.unit.code).collect();
    for (name, role, units) in DEMO_ACCOUNTS {
        let units: Vec<String> = units.iter().map(|u| (*u).to_owned()).collect();
        if units.is_empty() || units.iter().any(|u| present.contains(u)) {
            store.add_user(
                name,
                &hash,
                role,
                &units,
                skm_server::Audit { actor: "demo", ..skm_server::Audit::default() },
            )?;
        }
    }
    eprintln!(
        "Akun demo / demo accounts: {} — kata sandi / password '{DEMO_PASSWORD}' (README). Jangan dipakai untuk data sungguhan / never for real data.",
        DEMO_ACCOUNTS.map(|(name, role, _)| format!("{name} ({})", role.code())).join(", ")
    );
    Ok(())
}

/// Enters each demo unit's populations per SKM period, counted from the demo year's requests
/// (the whole year: the people a period serves, as the counter's register would say).
fn seed_demo_populations(store: &mut Store, year: &skm_demo::DemoData) -> anyhow::Result<()> {
    let files = year.csv_files()?;
    let Some((name, bytes)) = files.iter().find(|(name, _)| *name == "requests.csv") else { return Ok(()) };
    let table =
        skm_analytics::read_requests(&[skm_analytics::Input::new(name, bytes)], &skm_analytics::Mapping::builtin()?)?;
    let note = "data demo: permohonan tahun ini / demo data: this year's requests";
    let counted = crate::populations::Counted { table: &table, note, within: None, actor: "demo" };
    for unit in store.units()? {
        crate::populations::enter(store, &unit.unit.code, &counted)?;
    }
    Ok(())
}

const ADMIN_TOKEN_KEY: &str = "admin_token_sha256";

/// The admin token: given, kept from the first start, or made now (and printed, once).
fn admin_token(store: &mut Store, given: Option<&str>, reset: bool) -> anyhow::Result<AdminToken> {
    if let Some(token) = given.filter(|t| !t.trim().is_empty()) {
        return Ok(AdminToken::from_secret(token));
    }
    if !reset {
        if let Some(kept) = store.setting(ADMIN_TOKEN_KEY)?.and_then(|h| AdminToken::from_hash_hex(&h)) {
            eprintln!(
                "Token admin tersimpan dipakai (--reset-admin-token untuk membuat baru) / \
                 using the kept admin token (--reset-admin-token makes a new one)"
            );
            return Ok(kept);
        }
    }
    let secret = uuid::Uuid::new_v4().simple().to_string();
    let token = AdminToken::from_secret(&secret);
    store.set_setting(ADMIN_TOKEN_KEY, &token.hash_hex())?;
    eprintln!("Token admin untuk dasbor (dicetak sekali) / admin token for the dashboard (printed once): {secret}");
    Ok(token)
}

/// Runs `skm serve` until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let mut store = crate::unit::open_or_create(&args.db)?;
    let without_units = store.units()?.is_empty();
    if !args.no_demo && without_units {
        let added = store.seed_demo_units(skm_server::now_wib().date())?;
        eprintln!(
            "Basis data tanpa unit: {added} unit demo ditambahkan (Purbalingga, Ketapang) / \
             database without units: {added} demo units added (Purbalingga, Ketapang)"
        );
    }
    if args.no_demo && without_units {
        eprintln!(
            "Belum ada unit. Tambahkan dengan: skm unit add --db {db} UNIT.toml, lalu \
             skm standards import --db {db} --unit KODE FOLDER / no units yet: add one with the \
             commands above",
            db = skm_server::shown(&args.db)
        );
    }
    if !args.no_demo && store.count()? == 0 {
        // This year's demo up to now: a dashboard opened today never counts answers from days
        // still to come.
        let now = skm_server::now_wib();
        let year = now.year();
        let whole_year = generate(DemoOptions::for_year(year))?;
        let demo = whole_year.clone().until(now.timestamp());
        store.insert_many(&demo.responses)?;
        tracing::info!(responses = demo.responses.len(), year, "empty database filled with demo responses up to now");
        seed_demo_populations(&mut store, &whole_year)?;
        if store.user_count()? == 0 {
            seed_demo_accounts(&mut store)?;
        }
    }
    if store.user_count()? == 0 {
        eprintln!(
            "Belum ada akun. Buat admin pemda pertama / no account yet; make the first pemda admin:\n  skm user add --username NAMA --role admin_pemda --db {}",
            skm_server::shown(&args.db)
        );
    }
    let admin_token = admin_token(&mut store, args.admin_token.as_deref(), args.reset_admin_token)?;
    let limit = skm_server::RateLimit { per_minute: args.rate_limit, burst: args.rate_limit.saturating_mul(2) };
    let limiter = skm_server::SubmitLimiter::new(limit, args.kiosk_keys);
    let web = skm_server::WebFiles::choose(args.web_dir.as_deref(), BUILT_IN);
    tracing::info!(from = %web.describe(), "web app");
    let mut state = AppState::new(store, admin_token, limiter, web)?;
    state.trusted_proxies = TrustedProxies::new(args.trusted_proxies);
    state.read_timeout = std::time::Duration::from_secs(args.read_timeout);
    state.secure_cookies = args.secure_cookies;
    if let Some(years) = args.retention_years {
        keep_retention(state.store.clone(), years);
    }
    crate::backup::keep_backups(&args.db, &args.backups)?;
    let runtime = tokio::runtime::Runtime::new().context("tokio runtime")?;
    runtime.block_on(skm_server::serve(state, args.addr, |bound| {
        eprintln!("SKM siap / ready: http://{bound}/  (survei / survey: http://{bound}/, dasbor / dashboard: http://{bound}/dasbor, admin: http://{bound}/admin)");
    }))?;
    Ok(())
}
