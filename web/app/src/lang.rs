//! The display language: remembered on the device, announced to the dashboard when switched.

use gloo_storage::{LocalStorage, Storage};
use skm_core::Lang;

const KEY: &str = "skm.lang";
/// The window event sent when the language changes.
pub const EVENT: &str = "skm-lang";

/// The remembered language, Bahasa Indonesia by default.
pub fn stored() -> Lang {
    LocalStorage::get::<String>(KEY).ok().and_then(|t| Lang::from_tag(&t)).unwrap_or_default()
}

/// The language the user chose on this device, if they ever switched.
pub fn chosen() -> Option<Lang> {
    LocalStorage::get::<String>(KEY).ok().and_then(|t| Lang::from_tag(&t))
}

/// Forgets the user's choice (a kiosk's next respondent starts in the unit's language).
pub fn forget() {
    LocalStorage::delete(KEY);
}

/// Remembers the language (a browser that refuses storage forgets it on reload) and tells the
/// other app on the page.
pub fn store(lang: Lang) {
    let _ = LocalStorage::set(KEY, lang.tag());
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}
