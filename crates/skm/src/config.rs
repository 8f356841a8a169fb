//! `skm.toml`: the settings of `skm serve` in a file (`--config`, `SKM_CONFIG`).
//!
//! Each key is the long name of one of `skm serve`'s flags (`rate-limit`, or `rate_limit`), and
//! each value becomes that flag's default. So a flag on the command line wins over its
//! environment variable, which wins over the file, which wins over the built-in default; and a
//! value from the file is checked by the flag's own parser.

use std::path::Path;

use anyhow::{bail, Context};
use clap::{Arg, ArgAction, Command};

/// The subcommand a file configures.
const SUBCOMMAND: &str = "serve";

/// Flags that are one-off actions or name the file itself: never read from a file.
const NOT_IN_FILE: [&str; 3] = ["config", "reset-admin-token", "help"];

/// `cli` with the settings of the file at `path` as the defaults of `skm serve`'s flags.
pub fn apply(cli: Command, path: &Path) -> anyhow::Result<Command> {
    let text = crate::files::read_text(path)?;
    let table: toml::Table =
        toml::from_str(&text).with_context(|| format!("{}: bukan TOML yang sah / not valid TOML", path.display()))?;
    let Some(serve) = cli.find_subcommand(SUBCOMMAND).cloned() else {
        bail!("skm tanpa perintah serve / skm without a serve command")
    };
    let mut settings = Vec::with_capacity(table.len());
    for (key, value) in &table {
        let at = |what: String| format!("{}: '{key}': {what}", path.display());
        let name = key.replace('_', "-");
        let Some(arg) = serve.get_arguments().find(|a| a.get_long() == Some(name.as_str())) else {
            bail!(at(format!(
                "bukan pengaturan skm serve / not a setting of skm serve (known: {})",
                known(&serve).join(", ")
            )))
        };
        if NOT_IN_FILE.contains(&name.as_str()) {
            bail!(at("hanya di baris perintah / only on the command line".to_owned()));
        }
        let values = words(value).map_err(|e| anyhow::anyhow!(at(e)))?;
        if values.len() > 1 && !takes_many(arg) {
            bail!(at("satu nilai, bukan daftar / one value, not a list".to_owned()));
        }
        check(&serve, arg, &values).map_err(|e| anyhow::anyhow!(at(e)))?;
        settings.push((arg.get_id().clone(), values));
    }
    Ok(cli.mut_subcommand(SUBCOMMAND, |mut serve| {
        for (id, values) in settings {
            serve = serve.mut_arg(id, |arg| arg.default_values(values));
        }
        serve
    }))
}

/// The long names a file may set.
fn known(serve: &Command) -> Vec<&str> {
    serve.get_arguments().filter_map(Arg::get_long).filter(|name| !NOT_IN_FILE.contains(name)).collect()
}

/// Whether a flag is repeated (`--kiosk-key`) rather than given once.
fn takes_many(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Append)
}

/// A TOML value as the words a command line would give.
fn words(value: &toml::Value) -> Result<Vec<String>, String> {
    match value {
        toml::Value::Array(items) => items.iter().map(word).collect(),
        one => Ok(vec![word(one)?]),
    }
}

fn word(value: &toml::Value) -> Result<String, String> {
    match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        _ => Err("teks, angka, benar/salah atau daftarnya / a string, number, boolean or a list of them".to_owned()),
    }
}

/// Whether `skm serve` would take these values of `arg`, by the flag's own parser; its
/// refusal if not.
fn check(serve: &Command, arg: &Arg, values: &[String]) -> Result<(), String> {
    let Some(long) = arg.get_long() else { return Ok(()) };
    let mut line = vec![SUBCOMMAND.to_owned()];
    if matches!(arg.get_action(), ArgAction::SetTrue) {
        match values {
            [one] if one == "true" => line.push(format!("--{long}")),
            [one] if one == "false" => {}
            _ => return Err("true atau false / true or false".to_owned()),
        }
    } else {
        line.extend(values.iter().map(|value| format!("--{long}={value}")));
    }
    // The environment must not stand in for, or spoil, the value checked.
    let probe = serve.clone().mut_args(|a| a.env(None::<&str>));
    probe.try_get_matches_from(line).map(|_| ()).map_err(|e| first_line(&e.render().to_string()))
}

/// The first line of clap's message, without its `error:` label.
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().trim_start_matches("error: ").to_owned()
}
