//! `skm user`: the staff accounts in the server's database (add, list, reset, disable). A
//! password is read from a prompt that does not echo it, or from standard input when that is not
//! a terminal; never from an argument, where `ps` and the shell's history would keep it.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use anyhow::{bail, Context};
use skm_core::access::{is_username, password_problem, StaffRole, STAFF_ROLES};
use skm_server::auth::hash_password;
use skm_server::Audit;

/// Arguments of `skm user`.
#[derive(Debug, clap::Args)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Debug, clap::Subcommand)]
enum UserCommand {
    /// Add an account; its password is asked for (or read from standard input).
    Add {
        /// The name it signs in with (lowercase letters, digits, '.', '_', '-').
        #[arg(long)]
        username: String,
        /// admin_pemda, admin_unit, pimpinan or operator.
        #[arg(long)]
        role: String,
        /// A unit of the account (repeat for several; none for admin_pemda).
        #[arg(long = "unit")]
        units: Vec<String>,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// List the accounts.
    List {
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// Set a new password (asked for, or read from standard input); the account's sessions end.
    Reset {
        /// The account.
        username: String,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// Stop an account from signing in; its sessions end.
    Disable {
        /// The account.
        username: String,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
}

/// A new password: asked twice at a terminal, else one line of standard input; checked.
fn read_password(username: &str) -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Kata sandi baru / new password: ")?;
        let again = rpassword::prompt_password("Ulangi / again: ")?;
        if first != again {
            bail!("kedua kata sandi berbeda / the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("stdin")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if let Some(problem) = password_problem(&password, username) {
        bail!("{} / {}", problem.id, problem.en);
    }
    Ok(password)
}

/// The CLI as the audit log names it.
pub fn cli_audit() -> Audit<'static> {
    Audit { actor: "cli", ..Audit::default() }
}

/// Runs `skm user`.
pub fn run(args: UserArgs) -> anyhow::Result<()> {
    match args.command {
        UserCommand::Add { username, role, units, db } => {
            let Some(role) = StaffRole::from_code(&role) else {
                let known: Vec<&str> = STAFF_ROLES.iter().map(|r| r.code()).collect();
                bail!("--role '{role}': bukan peran / not a role ({})", known.join(", "));
            };
            if !is_username(&username) {
                bail!("--username '{username}': 3–64 huruf kecil, angka, '.', '_' atau '-' / 3–64 lowercase letters, digits, '.', '_' or '-'");
            }
            match (role, units.is_empty()) {
                (StaffRole::AdminPemda, false) => bail!("admin_pemda memegang semua unit; jangan beri --unit / admin_pemda holds every unit; give no --unit"),
                (StaffRole::AdminPemda, true) => {}
                (_, true) => bail!("peran {} perlu --unit / the role {} needs --unit", role.code(), role.code()),
                (_, false) => {}
            }
            let mut store = crate::sources::open_existing(&db)?;
            let password = read_password(&username)?;
            let hash = hash_password(&password).map_err(anyhow::Error::msg)?;
            let user = store.add_user(&username, &hash, role, &units, cli_audit())?;
            println!("{}  {}  {}", user.username, user.role.code(), user.units.join(","));
        }
        UserCommand::List { db } => {
            let store = crate::sources::open_existing(&db)?;
            for u in store.users()? {
                let units = if u.role == StaffRole::AdminPemda { "*".to_owned() } else { u.units.join(",") };
                let state = if u.disabled { "nonaktif/disabled" } else { "aktif/active" };
                println!("{}\t{}\t{}\t{}", u.username, u.role.code(), units, state);
            }
        }
        UserCommand::Reset { username, db } => {
            let mut store = crate::sources::open_existing(&db)?;
            if store.user(&username)?.is_none() {
                bail!("pengguna '{username}' tidak ada / no user '{username}'");
            }
            let password = read_password(&username)?;
            let hash = hash_password(&password).map_err(anyhow::Error::msg)?;
            store.set_password(&username, &hash, Audit { action: "user.reset", ..cli_audit() })?;
            eprintln!("Kata sandi diganti / password changed: {username}");
        }
        UserCommand::Disable { username, db } => {
            let mut store = crate::sources::open_existing(&db)?;
            store.set_disabled(&username, true, cli_audit())?;
            eprintln!("Akun dinonaktifkan / account disabled: {username}");
        }
    }
    Ok(())
}
