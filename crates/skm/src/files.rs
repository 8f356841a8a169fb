//! Reading the files named on the command line, with their names for messages.

use std::path::PathBuf;

use anyhow::Context;
use skm_analytics::Input;

/// Reads every file whole; a file that cannot be read is an error naming it.
pub fn read_all(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    paths
        .iter()
        .map(|p| {
            let bytes =
                std::fs::read(p).with_context(|| format!("{} tidak dapat dibaca / cannot be read", p.display()))?;
            Ok((p.display().to_string(), bytes))
        })
        .collect()
}

/// The files as analytics inputs.
pub fn inputs(files: &[(String, Vec<u8>)]) -> Vec<Input<'_>> {
    files.iter().map(|(name, bytes)| Input { name, bytes }).collect()
}
