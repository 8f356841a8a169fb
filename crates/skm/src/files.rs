//! Reading the files named on the command line, with their names for messages, within the
//! reading limits: only regular files (a device such as `/dev/zero` or a FIFO is refused before
//! it is opened), never more bytes than the limit allows.

use std::io::Read;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use anyhow::Context;
use skm_analytics::input::{Found, Given, Limit, Limits};
use skm_analytics::{AnalyticsError, Input};

/// The flags that set the reading limits (shared by every command that reads data files).
#[derive(Debug, Clone, clap::Args)]
pub struct LimitArgs {
    /// Refuse a data file larger than this many bytes.
    #[arg(long, default_value_t = Limits::DEFAULT.file_bytes, value_name = "BYTES")]
    max_file_size: u64,
    /// Refuse a spreadsheet (XLSX, ODS) with a part that unpacks to more than this many bytes.
    #[arg(long, default_value_t = Limits::DEFAULT.part_bytes, value_name = "BYTES")]
    max_unpacked_size: u64,
    /// Refuse a file with a cell longer than this many bytes.
    #[arg(long, default_value_t = Limits::DEFAULT.cell_bytes, value_name = "BYTES")]
    max_cell_size: u64,
    /// Refuse a file with more data rows than this.
    #[arg(long, default_value_t = Limits::DEFAULT.rows, value_name = "ROWS")]
    max_rows: u64,
}

impl LimitArgs {
    /// The limits the flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            file_bytes: self.max_file_size,
            part_bytes: self.max_unpacked_size,
            cell_bytes: self.max_cell_size,
            rows: self.max_rows,
        }
    }
}

/// The flags that say what a response file does not: its sheet, its period, its service.
#[derive(Debug, Clone, clap::Args)]
pub struct GivenArgs {
    /// Read only this sheet of a workbook (by default every sheet with a header of responses).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The period of rows without a date (an old processing sheet): a year (2025), semester
    /// (2025-S1), quarter (2025-Q2) or month (2025-07).
    #[arg(long, value_name = "PERIOD", value_parser = parse_period_of)]
    period_of: Option<skm_core::Period>,
    /// The service code of rows without a service (a sheet without a service column).
    #[arg(long, value_name = "CODE", value_parser = parse_service)]
    service: Option<String>,
}

fn parse_period_of(text: &str) -> Result<skm_core::Period, String> {
    skm_core::Period::from_key(text)
        .ok_or_else(|| format!("'{text}': tulis / write 2025, 2025-S1, 2025-Q2 atau / or 2025-07"))
}

fn parse_service(text: &str) -> Result<String, String> {
    let code = text.trim();
    if skm_core::unit::is_code(code) {
        Ok(code.to_owned())
    } else {
        Err(format!("'{text}': kode layanan (huruf kecil, angka, tanda hubung) / a service code (lower-case letters, digits, hyphens)"))
    }
}

impl GivenArgs {
    /// What the flags say, for the analytics.
    pub fn given(&self) -> Given<'_> {
        Given {
            sheet: self.sheet.as_deref(),
            period: self.period_of.map(|p| (p, "--period-of")),
            service: self.service.as_deref(),
            year: None,
        }
    }

    /// Refuses a period of rows coarser than the periods they are grouped by: a year's rows
    /// would all fall in its first quarter.
    pub fn check_grouping(&self, by_period: bool, kind: skm_core::PeriodKind) -> anyhow::Result<()> {
        if let Some(p) = self.period_of.filter(|p| by_period && p.kind < kind) {
            anyhow::bail!(
                "--period-of {p} lebih kasar dari --period {k}: beri periode {k} (mis. {p}-Q2) atau kelompokkan per {pk} / \
                 --period-of {p} is coarser than --period {k}: give a {k} (e.g. {p}-Q2) or group by {pk}",
                k = kind.name(),
                pk = p.kind.name()
            );
        }
        Ok(())
    }
}

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

/// The largest standards, calendar or mapping document read (TOML written by people).
pub const MAX_DOCUMENT_BYTES: u64 = 4 << 20;

/// Refuses what is not a regular file, or is larger than `max_bytes`, before it is opened.
fn check(path: &Path, max_bytes: u64) -> anyhow::Result<()> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("{} tidak dapat dibaca / cannot be read", path.display()))?;
    if !meta.is_file() {
        anyhow::bail!(
            "{}: bukan berkas biasa (folder, perangkat atau FIFO), tidak dibaca / not a regular file (a folder, device or FIFO), not read",
            path.display()
        );
    }
    if meta.len() > max_bytes {
        return Err(AnalyticsError::TooLarge {
            file: path.display().to_string(),
            limit: Limit::FileSize,
            bound: max_bytes,
            found: Found { size: Some(meta.len()), at: None },
        }
        .into());
    }
    Ok(())
}

/// A file's bytes; a large regular file is mapped, a smaller one read whole, never more than
/// `max_bytes` (a file that grows while it is read is refused).
pub fn bytes_of(path: &Path, max_bytes: u64) -> anyhow::Result<FileBytes> {
    check(path, max_bytes)?;
    let cannot = || format!("{} tidak dapat dibaca / cannot be read", path.display());
    let file = std::fs::File::open(path).with_context(cannot)?;
    let meta = file.metadata().with_context(cannot)?;
    if !meta.is_file() {
        anyhow::bail!("{}: bukan berkas biasa / not a regular file", path.display());
    }
    if meta.len() >= MAP_FROM && meta.len() <= max_bytes {
        // SAFETY: the mapping is read-only and lives as long as the bytes are used. Were another
        // program to shorten the file during the run, reading past its new end would stop the
        // process (SIGBUS); the batch commands read files handed to them, not files being written.
        if let Ok(map) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(FileBytes::Mapped(map));
        }
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).with_context(cannot)?;
    if bytes.len() as u64 > max_bytes {
        check(path, max_bytes)?;
        anyhow::bail!("{}: berkas bertambah besar saat dibaca / the file grew while it was read", path.display());
    }
    Ok(FileBytes::Read(bytes))
}

/// A text document (standards, calendar, mapping) of at most [`MAX_DOCUMENT_BYTES`].
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = bytes_of(path, MAX_DOCUMENT_BYTES)?;
    String::from_utf8(bytes.to_vec())
        .map_err(|_| anyhow::anyhow!("{}: bukan teks UTF-8 / not UTF-8 text", path.display()))
}

/// Reads every file within the limits (large ones mapped); a file that cannot be read is an
/// error naming it.
pub fn read_all(paths: &[PathBuf], limits: &Limits) -> anyhow::Result<Vec<(String, FileBytes)>> {
    paths.iter().map(|p| Ok((p.display().to_string(), bytes_of(p, limits.file_bytes)?))).collect()
}

/// The files as analytics inputs, read within the limits.
pub fn inputs<'a>(files: &'a [(String, FileBytes)], limits: &Limits) -> Vec<Input<'a>> {
    files.iter().map(|(name, bytes)| Input::new(name, bytes).with_limits(*limits)).collect()
}
