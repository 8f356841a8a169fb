//! `skm catalog`: list the service standards, or check an office's own documents.

use std::path::PathBuf;

use anyhow::Context;
use skm_core::catalog::Catalog;
use skm_core::sla::describe;

/// Arguments of `skm catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// Standard documents (TOML files, or folders of them; docs/data-formats.md) to check and list
    /// instead of the built-in five.
    files: Vec<PathBuf>,
}

/// The built-in catalog, or the standard documents in `paths` (files, or folders of `.toml`).
pub fn load(paths: &[PathBuf]) -> anyhow::Result<Catalog> {
    if paths.is_empty() {
        return Ok(Catalog::builtin()?);
    }
    let texts = documents(paths)?;
    Ok(Catalog::from_documents(texts.iter().map(|(f, t)| (f.as_str(), t.as_str())))?)
}

/// The TOML documents named by `paths` (files, or folders whose `.toml` files are taken in
/// name order), as (file name, text).
pub fn documents(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let listing = std::fs::read_dir(path)
                .with_context(|| format!("{} tidak dapat dibaca / cannot be read", path.display()))?;
            let mut inside: Vec<PathBuf> = listing
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(path.clone());
        }
    }
    let mut texts = Vec::with_capacity(files.len());
    for file in &files {
        texts.push((file.display().to_string(), crate::files::read_text(file)?));
    }
    Ok(texts)
}

/// Runs `skm catalog`.
pub fn run(args: CatalogArgs) -> anyhow::Result<()> {
    let catalog = load(&args.files)?;
    for s in catalog.standards() {
        println!("{}  (no. {}, {})", s.code, s.number, s.unit);
        println!("  {}: {} → {}", s.name, s.completion_time.text, describe(s.completion_time.limit));
        if let Some(complaints) = &s.complaints {
            let tiers: Vec<String> = complaints
                .tiers
                .iter()
                .map(|t| format!("{} {}", t.tier.label().id, describe(t.deadline.limit)))
                .collect();
            println!("  pengaduan: {}", tiers.join("; "));
        }
        if let Some(sop) = &s.sop {
            println!("  SOP: {} langkah, {} menit", sop.steps.len(), sop.total_minutes().unwrap_or(0));
        }
    }
    Ok(())
}
