//! Kiosk mode: one tablet at the counter, many respondents. Turned on by opening the survey with
//! `?kiosk=1` (and `&key=<device key>` to be exempt from the server's submission limit); the
//! choice is remembered on the device until `?kiosk=0&key=<device key>` (the key is needed when
//! one was given, so a respondent cannot leave the kiosk). In kiosk mode the survey returns to an
//! empty form, in the unit's language, a few seconds after the thanks and after two minutes
//! without a touch; «Mulai» asks for full screen; the header has no way to other pages.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

const FLAG: &str = "skm.kiosk";
const KEY: &str = "skm.kiosk_key";

/// Seconds the thanks stays on screen before the next respondent's empty form.
pub const RESET_AFTER_THANKS_MS: i32 = 6_000;
/// Milliseconds without a touch after which a half-filled form is cleared.
pub const IDLE_RESET_MS: f64 = 120_000.0;

/// The address' query (`?kiosk=1&key=…`).
pub fn query() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// One parameter of a query.
pub fn param<'a>(search: &'a str, name: &str) -> Option<&'a str> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then_some(v)
    })
}

/// Whether this device runs the survey as a kiosk (reads and remembers `?kiosk=` and `&key=`).
pub fn enabled() -> bool {
    let search = query();
    match param(&search, "kiosk") {
        Some("1") => {
            let _ = LocalStorage::set(FLAG, true);
            // The key is set once; changing it means leaving with the old one first.
            if let Some(key) = param(&search, "key").filter(|k| !k.is_empty() && device_key().is_none()) {
                let _ = LocalStorage::set(KEY, key);
            }
        }
        Some("0") if device_key().is_none() || param(&search, "key") == device_key().as_deref() => {
            LocalStorage::delete(FLAG);
            LocalStorage::delete(KEY);
        }
        _ => {}
    }
    LocalStorage::get::<bool>(FLAG).unwrap_or(false)
}

/// The kiosk's device key, sent with each submission.
pub fn device_key() -> Option<String> {
    LocalStorage::get::<String>(KEY).ok().filter(|k| !k.is_empty())
}

/// Milliseconds since the page loaded.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Runs `f` once after `ms` milliseconds.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    if let Some(window) = web_sys::window() {
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms);
    }
}

/// Asks for full screen (browsers grant it only during a tap, so it is called from «Mulai»).
pub fn full_screen() {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        // Refused (no gesture, an iframe, an old browser): the kiosk works in a window too.
        let _ = root.request_fullscreen();
    }
}
