//! What the survey app and the dashboard app share: the server's API, the app's words, the
//! display language, the kiosk flag (which the API sends along) and the browser's clock.

pub mod api;
pub mod clock;
pub mod kiosk;
pub mod lang;
pub mod route;
pub mod texts;
pub mod via;
