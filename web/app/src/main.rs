//! The SKM browser app: the survey a citizen fills in and the dashboard management reads.
//!
//! Every text of the instrument comes from `skm-core`; the rules of a valid submission too. The
//! dashboard's statistics run in the analytics Web Worker (`skm-worker`), spawned only on the
//! dashboard, so the survey never downloads polars; the dashboard itself is a second wasm
//! (`skm-dashboard`) the page loads only on `/dasbor`, so the survey never downloads the charts.

mod app;
mod dashboard;
mod home;
mod outbox;
mod route;
mod survey;

use skm_web::{api, kiosk, texts};

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
