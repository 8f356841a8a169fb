//! The start page: the services to give an opinion on, and the way to the dashboard.

use skm_core::Lang;
use yew::prelude::*;

use crate::api::{self, ServiceInfo};
use crate::texts;

/// Props of [`HomePage`].
#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// Display language.
    pub lang: Lang,
}

/// Lists the services, each linking to its survey.
#[component]
pub fn HomePage(props: &HomeProps) -> Html {
    let l = props.lang;
    let services = use_state(|| None::<Result<Vec<ServiceInfo>, String>>);
    {
        let services = services.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { services.set(Some(api::services().await)) });
        });
    }
    let list = match &*services {
        None => html! { <p>{ texts::LOADING.get(l) }</p> },
        Some(Err(e)) => html! { <p class="error">{ e }</p> },
        Some(Ok(list)) => html! {
            <ul class="services">
                { for list.iter().map(|s| html! {
                    <li>
                        <a class="service-link" href={format!("/survei/{}", s.code)}>
                            <span class="service-name">{ s.name_in(l) }</span>
                            <span class="service-unit">{ &s.unit }</span>
                        </a>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <main class="page">
            <h1>{ texts::CHOOSE_SERVICE.get(l) }</h1>
            { list }
            <p class="muted"><a href="/dasbor">{ texts::DASHBOARD.get(l) }</a></p>
        </main>
    }
}
