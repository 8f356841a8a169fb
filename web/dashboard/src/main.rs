//! The management dashboard: rendered into `#dashboard-root` once the survey app has loaded this
//! wasm on `/dasbor`. It follows the language switch of the page's header.

mod admin;
mod dashboard;
mod fetch;
mod paper;
mod session;
mod worker_client;

use skm_core::Lang;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use skm_web::{api, texts};

/// The dashboard in the language the header shows.
#[component]
fn Root() -> Html {
    let lang = use_state(skm_web::lang::stored);
    {
        let lang = lang.clone();
        use_effect_with((), move |_| {
            let on_switch = Closure::<dyn Fn()>::new(move || lang.set(skm_web::lang::stored()));
            if let Some(window) = web_sys::window() {
                let _ =
                    window.add_event_listener_with_callback(skm_web::lang::EVENT, on_switch.as_ref().unchecked_ref());
            }
            on_switch.forget();
        });
    }
    let l: Lang = *lang;
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    match skm_web::route::Route::from_path(&path) {
        skm_web::route::Route::Admin => html! { <admin::AdminPage lang={l} /> },
        skm_web::route::Route::Paper => html! { <paper::PaperPage lang={l} /> },
        _ => html! { <dashboard::DashboardPage lang={l} /> },
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("dashboard-root"));
    match root {
        Some(root) => {
            // The loading line goes; the dashboard takes its place.
            root.set_inner_html("");
            yew::Renderer::<Root>::with_root(root).render();
        }
        None => web_sys::console::error_1(&"skm-dashboard: #dashboard-root is missing".into()),
    }
}
