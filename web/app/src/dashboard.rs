//! The dashboard's place in the page: on `/dasbor` the second wasm (`skm-dashboard`: charts,
//! tables, the worker client) is loaded into `#dashboard-root`; the survey never loads it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::texts;

/// The dashboard's script (wasm-bindgen `no-modules`, built by Trunk), then the one that starts it.
const SCRIPTS: [&str; 2] = ["/skm-dashboard.js", "/dashboard-init.js"];

/// Props of [`DashboardPage`].
#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    /// Display language, for the loading line.
    pub lang: skm_core::Lang,
}

/// Adds the scripts one after the other: each starts when the one before has run.
fn load(rest: &'static [&'static str]) -> Result<(), JsValue> {
    let Some((first, rest)) = rest.split_first() else { return Ok(()) };
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let script: web_sys::HtmlScriptElement = document.create_element("script")?.dyn_into()?;
    script.set_src(first);
    let onload = Closure::once_into_js(move || {
        if let Err(e) = load(rest) {
            web_sys::console::error_1(&e);
        }
    });
    script.set_onload(Some(onload.unchecked_ref()));
    document.body().ok_or("no body")?.append_child(&script)?;
    Ok(())
}

/// Loads the dashboard app into its root.
#[component]
pub fn DashboardPage(props: &DashboardProps) -> Html {
    use_effect_with((), |_| {
        if let Err(e) = load(&SCRIPTS) {
            web_sys::console::error_1(&e);
        }
    });
    html! {
        <div id="dashboard-root">
            <p id="dashboard-loading" class="page muted">{ texts::LOADING.get(props.lang) }</p>
        </div>
    }
}
