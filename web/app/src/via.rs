//! How the respondent came to the survey: `?via=qr` is on the address every QR code holds
//! (counter posters, paper forms), kept for the tab's session so moving between the app's pages
//! keeps it. Anything else is a link; the kiosk and paper channels are set by the server.

use gloo_storage::{SessionStorage, Storage};
use skm_core::channel::Channel;

const KEY: &str = "skm.via";

/// The channel the address (or an earlier one in this tab) said, if a browser may say it.
pub fn channel() -> Option<Channel> {
    let search = crate::kiosk::query();
    if let Some(said) = crate::kiosk::param(&search, "via").and_then(Channel::from_code) {
        let _ = SessionStorage::set(KEY, said.code());
    }
    SessionStorage::get::<String>(KEY).ok().and_then(|c| Channel::from_code(&c)).filter(|c| c.is_claimable())
}
