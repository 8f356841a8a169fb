//! A download that tells its progress: the analytics worker's wasm is several megabytes, minutes
//! on a weak mobile connection, and a reader must see it move.

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response};

/// How far a download is: bytes received of the bytes expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    /// Bytes received so far (as decoded).
    pub bytes: u64,
    /// Bytes expected in all.
    pub of: u64,
}

impl Received {
    /// Whole percent received, at most 100.
    pub fn percent(self) -> u64 {
        (self.bytes.saturating_mul(100) / self.of.max(1)).min(100)
    }
}

fn js_error(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Fetches `url`, whose body is `expected` bytes once decoded; `progress` hears of each whole
/// percent received.
pub async fn fetch_with_progress(url: &str, expected: u64, progress: &dyn Fn(Received)) -> Result<ArrayBuffer, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: Response =
        JsFuture::from(window.fetch_with_str(url)).await.and_then(JsCast::dyn_into).map_err(js_error)?;
    if !response.ok() {
        return Err(format!("HTTP {} {url}", response.status()));
    }
    let reader: ReadableStreamDefaultReader =
        response.body().ok_or("no body")?.get_reader().dyn_into().map_err(|o| js_error(o.into()))?;
    let mut buffer = Uint8Array::new_with_length(u32::try_from(expected).unwrap_or(u32::MAX).max(1));
    let mut filled: u32 = 0;
    let mut told = None;
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(js_error)?;
        if Reflect::get(&chunk, &"done".into()).map_err(js_error)?.as_bool().unwrap_or(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).and_then(JsCast::dyn_into).map_err(js_error)?;
        let end = filled.checked_add(value.length()).ok_or("download too large")?;
        if end > buffer.length() {
            // More than the server said: a larger buffer, not a lost byte.
            let larger = Uint8Array::new_with_length(end.max(buffer.length().saturating_mul(2)));
            larger.set(&buffer.subarray(0, filled), 0);
            buffer = larger;
        }
        buffer.set(&value, filled);
        filled = end;
        let now = Received { bytes: u64::from(filled), of: expected.max(u64::from(filled)) };
        if told != Some(now.percent()) {
            told = Some(now.percent());
            progress(now);
        }
    }
    Ok(if filled == buffer.length() { buffer.buffer() } else { buffer.buffer().slice_with_end(0, filled) })
}

#[cfg(test)]
mod tests {
    use super::Received;

    #[test]
    fn percent_is_whole_and_bounded() {
        assert_eq!(Received { bytes: 0, of: 0 }.percent(), 0);
        assert_eq!(Received { bytes: 1, of: 3 }.percent(), 33);
        assert_eq!(Received { bytes: 5, of: 4 }.percent(), 100);
    }
}
