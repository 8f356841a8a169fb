//! The dashboard's place in the page: on `/dasbor` and `/admin` the second wasm (`skm-dashboard`: charts,
//! tables, the worker client) is loaded into `#dashboard-root`; the survey never loads it.
//!
//! That root is a sibling of this app's root (`#app`), never inside it: Yew handles events at
//! its root in the capture phase, and this app would take the dashboard's events for its own
//! (the two wasm modules number their elements and listeners alike: a click on the admin page's
//! «Layanan baru» switched the language).

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

/// Adds the dashboard's root after this app's root, with a loading line the dashboard replaces.
fn add_root(loading: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    if document.get_element_by_id("dashboard-root").is_some() {
        return Ok(());
    }
    let root = document.create_element("div")?;
    root.set_id("dashboard-root");
    let line = document.create_element("p")?;
    line.set_id("dashboard-loading");
    line.set_class_name("page muted");
    line.set_text_content(Some(loading));
    root.append_child(&line)?;
    document.body().ok_or("no body")?.append_child(&root)?;
    Ok(())
}

/// Loads the dashboard app into its root.
#[component]
pub fn DashboardPage(props: &DashboardProps) -> Html {
    let loading = texts::LOADING.get(props.lang);
    use_effect_with((), move |_| {
        if let Err(e) = add_root(loading).and_then(|()| load(&SCRIPTS)) {
            web_sys::console::error_1(&e);
        }
    });
    html! {}
}
