//! The app shell: header with the language switch, and the page for the current URL.

use skm_core::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dashboard::DashboardPage;
use crate::home::HomePage;
use crate::route::Route;
use crate::survey::SurveyPage;
use crate::texts;

/// The root component.
#[component]
pub fn App() -> Html {
    let lang = use_state(skm_web::lang::stored);
    let route = Route::current();
    // Deliver what an earlier visit could not send: now, when the connection returns, and every
    // 20 seconds while something waits.
    use_effect_with((), |_| {
        // The shell for offline opening; browsers offer service workers on https and localhost
        // only (on plain http `navigator.serviceWorker` is missing and the outbox still works).
        if let Some(window) = web_sys::window() {
            let navigator = window.navigator();
            let available = js_sys::Reflect::get(&navigator, &"serviceWorker".into()).is_ok_and(|v| !v.is_undefined());
            if available {
                let _ = navigator.service_worker().register("/sw.js");
            }
        }
        let flush = || {
            wasm_bindgen_futures::spawn_local(async {
                crate::outbox::flush().await;
            })
        };
        flush();
        if let Some(window) = web_sys::window() {
            let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(flush);
            let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            on_online.forget();
            let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                if !crate::outbox::pending().is_empty() {
                    flush();
                }
            });
            let _ =
                window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 20_000);
            tick.forget();
        }
    });
    let switch = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| {
            let next = if *lang == Lang::Id { Lang::En } else { Lang::Id };
            skm_web::lang::store(next);
            lang.set(next);
        })
    };
    // A unit's survey opens in the unit's language, unless the user chose one on this device.
    let unit_language = {
        let lang = lang.clone();
        Callback::from(move |unit_default: Lang| {
            if skm_web::lang::chosen().is_none() {
                lang.set(unit_default);
            }
        })
    };
    let l = *lang;
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", l.tag());
        }
    }
    let page = match route {
        Route::Home => html! { <HomePage lang={l} /> },
        Route::Survey { unit, service } => html! { <SurveyPage lang={l} {unit} {service} {unit_language} /> },
        // The admin page and the paper forms' screen are drawn by the dashboard's wasm too, which
        // reads the address.
        Route::Dashboard | Route::Admin | Route::Paper => html! { <DashboardPage lang={l} /> },
        Route::NotFound => html! {
            <main class="page"><p>{ texts::NOT_FOUND.get(l) }</p><a href="/">{ texts::BACK_HOME.get(l) }</a></main>
        },
    };
    // A kiosk stays on its survey: the title is no way to the list of services there.
    let brand = if crate::kiosk::enabled() {
        html! { <span class="brand">{ texts::APP_TITLE.get(l) }</span> }
    } else {
        html! { <a class="brand" href="/">{ texts::APP_TITLE.get(l) }</a> }
    };
    html! {
        <>
            <header class="topbar">
                { brand }
                <button id="lang-switch" class="lang" onclick={switch}>{ texts::SWITCH_LANGUAGE.get(l) }</button>
            </header>
            { page }
        </>
    }
}
