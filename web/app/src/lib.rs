//! What the survey app and the dashboard app share: the server's API, the app's words, the
//! display language, and the kiosk flag (which the API sends along).

pub mod api;
pub mod kiosk;
pub mod lang;
pub mod route;
pub mod texts;
