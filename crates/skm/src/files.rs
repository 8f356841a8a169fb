//! Reading the files named on the command line, with their names for messages.

use std::ops::Deref;
use std::path::{Path, PathBuf};

use anyhow::Context;
use skm_analytics::Input;

/// A file's bytes: read, or for a large file mapped into memory.
pub enum FileBytes {
    /// Read whole.
    Read(Vec<u8>),
    /// Mapped: the pages come from the page cache as the readers reach them, on every core,
    /// instead of being copied first on one (about 50 ms for a 130 MB file).
    Mapped(memmap2::Mmap),
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Read(bytes) => bytes,
            FileBytes::Mapped(map) => map,
        }
    }
}

/// Files from this size on are mapped rather than read.
const MAP_FROM: u64 = 4 << 20;

/// A file's bytes; a large regular file is mapped, anything else (or a file that cannot be
/// mapped) read whole.
pub fn bytes_of(path: &Path) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file() && meta.len() >= MAP_FROM {
        // SAFETY: the mapping is read-only and lives as long as the bytes are used. Were another
        // program to shorten the file during the run, reading past its new end would stop the
        // process (SIGBUS); the batch commands read files handed to them, not files being written.
        if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(FileBytes::Mapped(map));
        }
    }
    std::fs::read(path).map(FileBytes::Read)
}

/// Reads every file (large ones mapped); a file that cannot be read is an error naming it.
pub fn read_all(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, FileBytes)>> {
    paths
        .iter()
        .map(|p| {
            let bytes = bytes_of(p).with_context(|| format!("{} tidak dapat dibaca / cannot be read", p.display()))?;
            Ok((p.display().to_string(), bytes))
        })
        .collect()
}

/// The files as analytics inputs.
pub fn inputs(files: &[(String, FileBytes)]) -> Vec<Input<'_>> {
    files.iter().map(|(name, bytes)| Input { name, bytes }).collect()
}
