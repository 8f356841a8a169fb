//! The start page: the units and the services they offer, each linking to its survey, with a
//! search box once there are many; and the way to the dashboard.

use skm_core::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::{self, ServiceInfo};
use crate::texts;

/// Props of [`HomePage`].
#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// Display language.
    pub lang: Lang,
}

/// Lists the units and their services.
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
        Some(Ok(list)) => html! { <ServiceList lang={l} services={list.clone()} /> },
    };
    html! {
        <main class="page">
            <h1>{ texts::CHOOSE_SERVICE.get(l) }</h1>
            { list }
            <p class="muted"><a href="/dasbor">{ texts::DASHBOARD.get(l) }</a></p>
        </main>
    }
}

/// Props of [`ServiceList`].
#[derive(Properties, PartialEq)]
pub struct ServiceListProps {
    /// Display language.
    pub lang: Lang,
    /// The services, unit by unit.
    pub services: Vec<ServiceInfo>,
}

/// From how many services on a page a search box is offered.
const SEARCH_FROM: usize = 12;

/// The survey address of a service.
pub fn survey_href(s: &ServiceInfo) -> String {
    if s.unit_code.is_empty() {
        format!("/survei/{}", s.code)
    } else {
        format!("/survei/{}/{}", s.unit_code, s.code)
    }
}

/// The unit's public results page (served by the server, not a page of this app).
fn results_href(unit: &str, l: Lang) -> String {
    match l {
        Lang::Id => format!("/hasil/{unit}"),
        Lang::En => format!("/hasil/{unit}?lang=en"),
    }
}

/// Whether every word of the query is in the service's or its unit's name (any case).
fn matches(s: &ServiceInfo, l: Lang, query: &str) -> bool {
    let hay = format!("{} {} {}", s.name_in(l), s.unit, s.code).to_lowercase();
    query.to_lowercase().split_whitespace().all(|word| hay.contains(word))
}

/// The services grouped under their units, in the order given.
#[component]
pub fn ServiceList(props: &ServiceListProps) -> Html {
    let l = props.lang;
    let query = use_state(String::new);
    let on_input = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                query.set(input.value());
            }
        })
    };
    let shown: Vec<&ServiceInfo> = props.services.iter().filter(|s| matches(s, l, &query)).collect();
    let mut units: Vec<(&str, Vec<&ServiceInfo>)> = Vec::new();
    for s in shown {
        match units.iter_mut().find(|(unit, _)| *unit == s.unit_code) {
            Some((_, list)) => list.push(s),
            None => units.push((&s.unit_code, vec![s])),
        }
    }
    let search = (props.services.len() >= SEARCH_FROM).then(|| {
        html! {
            <p class="search">
                <label for="service-search">{ texts::SEARCH_SERVICE.get(l) }</label>
                <input id="service-search" type="search" value={(*query).clone()} oninput={on_input} />
            </p>
        }
    });
    html! {
        <>
            { for search }
            if units.is_empty() && !props.services.is_empty() {
                <p id="no-match" role="status">{ texts::NO_MATCH.get(l) }</p>
            }
            { for units.iter().map(|(code, list)| html! {
                <section class="unit" data-unit={code.to_string()}>
                    <h2 class="unit-name">{ &list[0].unit }</h2>
                    <ul class="services">
                        { for list.iter().map(|s| html! {
                            <li>
                                <a class="service-link" href={survey_href(s)}>
                                    <span class="service-name">{ s.name_in(l) }</span>
                                    <span class="service-unit">{ &s.completion_time }</span>
                                </a>
                            </li>
                        }) }
                    </ul>
                    if !code.is_empty() {
                        <p class="unit-results">
                            <a href={results_href(code, l)}>{ texts::UNIT_RESULTS.get(l) }</a>
                        </p>
                    }
                </section>
            }) }
        </>
    }
}
