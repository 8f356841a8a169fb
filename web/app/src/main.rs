//! The SKM browser app: the survey a citizen fills in and the dashboard management reads.
//!
//! Every text of the instrument comes from `skm-core`; the rules of a valid submission too. The
//! dashboard's statistics run in the analytics Web Worker (`skm-worker`), spawned only on the
//! dashboard, so the survey never downloads polars; the dashboard itself is a second wasm
//! (`skm-dashboard`) the page loads only on `/dasbor` and `/admin`, so the survey never downloads the charts.

mod app;
mod dashboard;
mod home;
mod outbox;
mod survey;

use skm_web::{api, kiosk, route, texts};

fn main() {
    console_error_panic_hook::set_once();
    // The address the respondent arrived at says whether a QR code brought them; kept for the tab.
    let _ = skm_web::via::channel();
    // Into `#app`, not the body: the dashboard's root is its sibling (see `dashboard`).
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}
