//! `skm catalog`: list the service standards, or check an office's own documents.

use std::path::PathBuf;

use anyhow::Context;
use skm_core::catalog::{Catalog, Limit};

/// Arguments of `skm catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// Standard documents (TOML, docs/data-formats.md) to check and list instead of the built-in five.
    files: Vec<PathBuf>,
}

fn limit_text(limit: Limit) -> String {
    match limit {
        Limit::WorkingMinutes { amount, at_least: Some(low) } => format!("{low}–{amount} menit kerja"),
        Limit::WorkingMinutes { amount, at_least: None } => format!("{amount} menit kerja"),
        Limit::WorkingHours { amount } => format!("{amount} jam kerja"),
        Limit::WorkingDays { amount } => format!("{amount} hari kerja"),
        Limit::AsRequested => "sesuai permohonan".to_owned(),
    }
}

/// Runs `skm catalog`.
pub fn run(args: CatalogArgs) -> anyhow::Result<()> {
    let catalog = if args.files.is_empty() {
        Catalog::builtin()?
    } else {
        let mut texts = Vec::with_capacity(args.files.len());
        for file in &args.files {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("{} tidak dapat dibaca / cannot be read", file.display()))?;
            texts.push((file.display().to_string(), text));
        }
        Catalog::from_documents(texts.iter().map(|(f, t)| (f.as_str(), t.as_str())))?
    };
    for s in catalog.standards() {
        println!("{}  (no. {}, {})", s.code, s.number, s.unit);
        println!("  {}: {} → {}", s.name, s.completion_time.text, limit_text(s.completion_time.limit));
        if let Some(complaints) = &s.complaints {
            let tiers: Vec<String> = complaints
                .tiers
                .iter()
                .map(|t| format!("{} {}", t.tier.label().id, limit_text(t.deadline.limit)))
                .collect();
            println!("  pengaduan: {}", tiers.join("; "));
        }
        if let Some(sop) = &s.sop {
            println!("  SOP: {} langkah, {} menit", sop.steps.len(), sop.total_minutes().unwrap_or(0));
        }
    }
    Ok(())
}
