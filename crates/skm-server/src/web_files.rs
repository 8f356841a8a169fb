//! Where the built app's files come from: built into the `skm` binary (`scripts/dist.sh` builds
//! the release that way, so `skm serve` works from any folder), or a folder Trunk built it into
//! (development: `dist/`, `--web-dir`), read as it is now.

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;

/// The files of an app built into a binary, by name.
pub type BuiltInFiles = &'static [(&'static str, &'static [u8])];

/// The source of the app's files.
#[derive(Debug, Clone)]
pub enum WebFiles {
    /// Files built into the binary.
    BuiltIn(BuiltInFiles),
    /// The files of this folder, as they are when asked for.
    Dir(Arc<Path>),
}

/// What a file is as last seen, to tell whether it changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// Built in: never changes.
    BuiltIn,
    /// On disk: its size and time.
    File { len: u64, modified: Option<SystemTime> },
}

impl WebFiles {
    /// The app of `dir` when one is given, else the one `built_in` (when the binary has one),
    /// else the folder `dist`.
    pub fn choose(dir: Option<&Path>, built_in: BuiltInFiles) -> WebFiles {
        match dir {
            Some(dir) => WebFiles::from(dir),
            None if !built_in.is_empty() => WebFiles::BuiltIn(built_in),
            None => WebFiles::from(Path::new("dist")),
        }
    }

    /// Where the files come from, for the log and messages.
    pub fn describe(&self) -> String {
        match self {
            WebFiles::BuiltIn(_) => "built into the binary".to_owned(),
            WebFiles::Dir(dir) => dir.display().to_string(),
        }
    }

    /// Whether `file` is a plain name of the app's folder (never a path out of it).
    fn plain(file: &str) -> bool {
        !(file.is_empty() || file.starts_with('.') || file.contains(['/', '\\']))
    }

    /// The stamp of `file`; `None` when the app has no such file.
    pub(crate) fn stamp(&self, file: &str) -> std::io::Result<Option<Stamp>> {
        if !Self::plain(file) {
            return Ok(None);
        }
        match self {
            WebFiles::BuiltIn(files) => Ok(find(files, file).map(|_| Stamp::BuiltIn)),
            WebFiles::Dir(dir) => match std::fs::metadata(dir.join(file)) {
                Ok(meta) if meta.is_file() => Ok(Some(Stamp::File { len: meta.len(), modified: meta.modified().ok() })),
                Ok(_) => Ok(None),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    /// The bytes of `file` now; `None` when the app has no such file.
    pub(crate) fn read(&self, file: &str) -> std::io::Result<Option<Bytes>> {
        if !Self::plain(file) {
            return Ok(None);
        }
        match self {
            WebFiles::BuiltIn(files) => Ok(find(files, file).map(Bytes::from_static)),
            WebFiles::Dir(dir) => match std::fs::read(dir.join(file)) {
                Ok(bytes) => Ok(Some(Bytes::from(bytes))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    /// The app's `index.html`; `None` when the app is not built.
    pub fn index(&self) -> Option<String> {
        let bytes = self.read("index.html").ok().flatten()?;
        String::from_utf8(bytes.to_vec()).ok()
    }
}

impl From<&Path> for WebFiles {
    fn from(dir: &Path) -> WebFiles {
        WebFiles::Dir(Arc::from(dir))
    }
}

/// The built-in file of that name.
fn find(files: BuiltInFiles, file: &str) -> Option<&'static [u8]> {
    files.iter().find(|(name, _)| *name == file).map(|(_, bytes)| *bytes)
}

/// The media type of a file of the app, by its extension.
pub(crate) fn media_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
