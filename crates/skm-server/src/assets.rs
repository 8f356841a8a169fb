//! The app's files by their content: `/v/{hash}/{file}` serves a file of the built app whose
//! content has that hash, which the browser keeps for a year without asking again; a new build
//! gives new addresses. `GET /api/v1/assets/worker` tells the dashboard the analytics worker's.
//!
//! A file is read, hashed and gzipped (once: the build's zopfli `.gz` beside it when that holds
//! the same bytes, else gzip at its best level) when first asked for, and again when its size or
//! time changes; the bytes served are the bytes hashed, so a build written while the server runs
//! can never be cached under an older hash.

use std::collections::HashMap;
use std::io::{Read as _, Write as _};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use sha2::{Digest, Sha256};
use skm_worker_protocol::{WorkerAssets, WORKER_GLUE_FILE, WORKER_WASM_FILE};

use crate::errors::refusal;
use crate::web_files::{media_type, Stamp, WebFiles};
use crate::AppState;

/// How a file asked for by its hash may be kept: a year, never asked again.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// One file as read: its bytes, their hash and gzip, and what it was read as.
struct Loaded {
    stamp: Stamp,
    hash: String,
    bytes: Bytes,
    gzip: Bytes,
}

/// The app's files read so far, by name.
pub struct Assets {
    files: WebFiles,
    read: Mutex<HashMap<String, Arc<Loaded>>>,
}

impl Assets {
    /// The app's files from `files`.
    pub fn new(files: WebFiles) -> Assets {
        Assets { files, read: Mutex::new(HashMap::new()) }
    }

    /// `file` as it is now; `None` when the app has no such file.
    fn get(&self, file: &str) -> std::io::Result<Option<Arc<Loaded>>> {
        let Some(stamp) = self.files.stamp(file)? else { return Ok(None) };
        if let Some(known) = self.lock().get(file).filter(|r| r.stamp == stamp) {
            return Ok(Some(known.clone()));
        }
        let Some(bytes) = self.files.read(file)? else { return Ok(None) };
        let digest = Sha256::digest(&bytes);
        let hash = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let gzip = match self.files.read(&format!("{file}.gz")).ok().flatten().and_then(|gz| precompressed(gz, &bytes))
        {
            Some(gzip) => gzip,
            None => {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                gz.write_all(&bytes)?;
                Bytes::from(gz.finish()?)
            }
        };
        let read = Arc::new(Loaded { stamp, hash, bytes, gzip });
        self.lock().insert(file.to_owned(), read.clone());
        Ok(Some(read))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Loaded>>> {
        // The map holds finished reads only: one left by a panicking thread is still whole.
        self.read.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The build's own gzip of a file (`scripts/precompress.sh`: zopfli, smaller than gzip at its
/// best level), when it holds exactly `bytes`.
fn precompressed(gzip: Bytes, bytes: &[u8]) -> Option<Bytes> {
    // Read back no further than one byte past the file: a stale or hostile .gz cannot blow up.
    let mut decoded = Vec::with_capacity(bytes.len());
    let limit = bytes.len() as u64 + 1;
    flate2::read::GzDecoder::new(&gzip[..]).take(limit).read_to_end(&mut decoded).ok()?;
    (decoded == bytes).then_some(gzip)
}

/// `file` read on a blocking thread.
async fn read(state: &AppState, file: &str) -> std::io::Result<Option<Arc<Loaded>>> {
    let (assets, file) = (state.assets.clone(), file.to_owned());
    tokio::task::spawn_blocking(move || assets.get(&file)).await.map_err(std::io::Error::other)?
}

/// `GET /v/{hash}/{file}`: the file if its content has that hash.
pub async fn by_hash(
    State(state): State<AppState>,
    UrlPath((hash, file)): UrlPath<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let found = match read(&state, &file).await {
        Ok(Some(found)) if found.hash == hash => found,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return failed(&file, &e),
    };
    let mime = media_type(&file);
    let gzip_ok = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| coding.split(';').next().is_some_and(|c| c.trim().eq_ignore_ascii_case("gzip")));
    let mut response = if gzip_ok {
        ([(header::CONTENT_ENCODING, "gzip")], found.gzip.clone()).into_response()
    } else {
        found.bytes.clone().into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, header::HeaderValue::from_static(IMMUTABLE));
    h.insert(header::VARY, header::HeaderValue::from_static("accept-encoding"));
    response
}

/// `GET /api/v1/assets/worker`: the addresses of the analytics worker's files.
pub async fn worker(State(state): State<AppState>) -> Response {
    let (glue, wasm) = match (read(&state, WORKER_GLUE_FILE).await, read(&state, WORKER_WASM_FILE).await) {
        (Ok(Some(glue)), Ok(Some(wasm))) => (glue, wasm),
        (Err(e), _) | (_, Err(e)) => return failed(WORKER_WASM_FILE, &e),
        _ => {
            return refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "not_built",
                None,
                "pekerja analitik belum dibangun; jalankan `trunk build --release`",
                "the analytics worker is not built; run `trunk build --release`",
            )
        }
    };
    let assets = WorkerAssets {
        script: format!("/v/{}/{WORKER_GLUE_FILE}", glue.hash),
        wasm: format!("/v/{}/{WORKER_WASM_FILE}", wasm.hash),
        wasm_bytes: wasm.bytes.len() as u64,
    };
    ([(header::CACHE_CONTROL, "no-cache")], Json(assets)).into_response()
}

fn failed(file: &str, e: &std::io::Error) -> Response {
    tracing::error!(file, error = %e, "reading an app file failed");
    refusal(
        StatusCode::INTERNAL_SERVER_ERROR,
        "server_error",
        None,
        "gagal membaca berkas aplikasi",
        "reading an app file failed",
    )
}
