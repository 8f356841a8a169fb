//! `skm token`: API tokens for automation, scoped to units and a permission. The secret is
//! printed once, alone on the last line; only its hash is kept.

use std::path::PathBuf;

use anyhow::bail;
use skm_core::access::{Scope, TokenPermission};
use skm_server::auth::new_token;

/// Arguments of `skm token`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(Debug, clap::Subcommand)]
enum TokenCommand {
    /// Make a token; prints it once, on the last line.
    Add {
        /// A unit the token may act on (repeat for several; `*` for every unit).
        #[arg(long = "unit", required = true)]
        units: Vec<String>,
        /// read (exports) or write (also standards and paper forms).
        #[arg(long)]
        permission: String,
        /// What the token is for.
        #[arg(long, default_value = "")]
        note: String,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// List the tokens with their last use.
    List {
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
    /// Revoke a token, given whole or by the prefix `skm token list` shows.
    Revoke {
        /// The token or its prefix.
        token: String,
        /// The database of `skm serve`.
        #[arg(long, default_value = "data/skm.db")]
        db: PathBuf,
    },
}

/// Runs `skm token`.
pub fn run(args: TokenArgs) -> anyhow::Result<()> {
    let audit = crate::user::cli_audit();
    match args.command {
        TokenCommand::Add { units, permission, note, db } => {
            let Some(permission) = TokenPermission::from_code(&permission) else {
                bail!("--permission '{permission}': read atau/or write");
            };
            let scope = if units.iter().any(|u| u == "*") { Scope::All } else { Scope::Units(units) };
            let mut store = crate::sources::open_existing(&db)?;
            let (secret, prefix, hash) = new_token();
            store.add_token(&prefix, &hash, permission, &scope, &note, audit)?;
            eprintln!("Token dibuat; simpan sekarang, tidak ditampilkan lagi / token made; keep it now, it is not shown again:");
            println!("{secret}");
        }
        TokenCommand::List { db } => {
            let store = crate::sources::open_existing(&db)?;
            for t in store.tokens()?.into_iter().map(|t| t.info) {
                let units = match &t.scope {
                    Scope::All => "*".to_owned(),
                    Scope::Units(u) => u.join(","),
                };
                let state =
                    t.revoked_at.as_deref().map_or("aktif/active".to_owned(), |at| format!("dicabut/revoked {at}"));
                let used = t.last_used.as_deref().unwrap_or("-");
                println!("{}…\t{}\t{}\t{}\t{}\t{}", t.prefix, t.permission.code(), units, used, state, t.note);
            }
        }
        TokenCommand::Revoke { token, db } => {
            let mut store = crate::sources::open_existing(&db)?;
            let key = if token.len() > 20 {
                skm_server::auth::hash_secret(&token)
            } else {
                token.trim_end_matches('…').to_owned()
            };
            let revoked = store.revoke_token(&key, audit)?;
            eprintln!("Token dicabut / token revoked: {}…", revoked.info.prefix);
        }
    }
    Ok(())
}
