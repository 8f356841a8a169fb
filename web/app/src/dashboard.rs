//! The management dashboard: sign in, fetch the responses, compute in the worker, draw.

use gloo_storage::{SessionStorage, Storage};
use skm_core::format::decimal_id;
use skm_core::{GroupBy, IkmAnalysis, IkmOptions, Lang};
use skm_worker_protocol::{Reply, Request};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, FetchError, ServiceInfo};
use crate::texts;
use crate::worker_client::WorkerClient;

const TOKEN_KEY: &str = "skm.token";

/// Props of [`DashboardPage`].
#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    /// Display language.
    pub lang: Lang,
}

/// Where the dashboard stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    SignedOut,
    Busy,
    Done { analysis: Box<IkmAnalysis>, worker_ms: f64 },
    Failed(String),
}

/// The dashboard page.
#[component]
pub fn DashboardPage(props: &DashboardProps) -> Html {
    let l = props.lang;
    let phase = use_state(|| Phase::SignedOut);
    let token = use_state(|| SessionStorage::get::<String>(TOKEN_KEY).unwrap_or_default());
    let worker = use_mut_ref(|| None::<WorkerClient>);
    let services = use_state(Vec::<ServiceInfo>::new);
    {
        let services = services.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Without the list the table falls back to service codes.
                if let Ok(list) = api::services().await {
                    services.set(list);
                }
            });
        });
    }

    let on_reply = {
        let phase = phase.clone();
        Callback::from(move |reply: Reply| match reply {
            Reply::Ikm { analysis, elapsed_ms } => phase.set(Phase::Done { analysis, worker_ms: elapsed_ms }),
            Reply::Error { message } => phase.set(Phase::Failed(message)),
            Reply::Ready => {}
        })
    };
    let load = {
        let (phase, worker, token) = (phase.clone(), worker.clone(), token.clone());
        Callback::from(move |()| {
            let (phase, worker, on_reply) = (phase.clone(), worker.clone(), on_reply.clone());
            let token = (*token).clone();
            let _ = SessionStorage::set(TOKEN_KEY, &token);
            phase.set(Phase::Busy);
            wasm_bindgen_futures::spawn_local(async move {
                let csv = match api::responses_csv(&token).await {
                    Ok(csv) => csv,
                    Err(FetchError::Unauthorized) => {
                        SessionStorage::delete(TOKEN_KEY);
                        return phase.set(Phase::Failed(texts::WRONG_TOKEN.both()));
                    }
                    Err(FetchError::Other(e)) => return phase.set(Phase::Failed(e)),
                };
                let mut slot = worker.borrow_mut();
                if slot.is_none() {
                    match WorkerClient::spawn(on_reply) {
                        Ok(w) => *slot = Some(w),
                        Err(e) => return phase.set(Phase::Failed(e)),
                    }
                }
                let options = IkmOptions { by: vec![GroupBy::Service], ..IkmOptions::default() };
                let request = Request::Ikm { file: "responses.csv".into(), csv, options };
                if let Some(Err(e)) = slot.as_ref().map(|w| w.send(&request)) {
                    phase.set(Phase::Failed(e));
                }
            });
        })
    };
    {
        // A token kept from earlier in this tab signs in at once.
        let (load, has_token) = (load.clone(), !token.is_empty());
        use_effect_with((), move |_| {
            if has_token {
                load.emit(());
            }
        });
    }
    let on_token = {
        let token = token.clone();
        Callback::from(move |e: InputEvent| token.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_sign_in = {
        let load = load.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            load.emit(());
        })
    };
    let sign_in = html! {
        <form class="signin" onsubmit={on_sign_in}>
            <label class="field" for="token">
                <span>{ texts::TOKEN.get(l) }</span>
                <input id="token" type="password" autocomplete="current-password" value={(*token).clone()} oninput={on_token} />
            </label>
            <button id="signin" class="primary" type="submit">{ texts::SIGN_IN.get(l) }</button>
        </form>
    };
    let body = match &*phase {
        Phase::SignedOut => sign_in,
        Phase::Busy => html! { <p id="busy" class="muted">{ texts::COMPUTING.get(l) }</p> },
        Phase::Failed(message) => {
            html! { <>{ sign_in }<p id="dashboard-error" class="error" role="alert">{ message }</p></> }
        }
        Phase::Done { analysis, worker_ms } => results(analysis, *worker_ms, &services, l),
    };
    html! {
        <main class="page dashboard">
            <h1>{ texts::DASHBOARD.get(l) }</h1>
            { body }
        </main>
    }
}

/// A figure with `decimals` decimals the Indonesian way, or a dash when there is none.
fn figure(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| decimal_id(v, decimals))
}

fn results(analysis: &IkmAnalysis, worker_ms: f64, services: &[ServiceInfo], l: Lang) -> Html {
    let name_of = |code: &str| {
        services.iter().find(|s| s.code == code).map_or_else(|| code.to_owned(), |s| s.name_in(l).to_owned())
    };
    let o = &analysis.overall.summary;
    let value = figure(o.ikm, 2);
    let interval = analysis.overall.ci.as_ref().map_or_else(String::new, |ci| {
        format!("{} {}–{}", texts::CI_95.get(l), decimal_id(ci.low, 2), decimal_id(ci.high, 2))
    });
    let grade = o.grade.map_or_else(|| "–".to_owned(), |g| format!("{} ({})", g.letter(), g.label().get(l)));
    let chart = match skm_charts::nrr_per_element_svg(o, l, 720, 360) {
        Ok(svg) => Html::from_html_unchecked(AttrValue::from(svg)),
        Err(e) => html! { <p class="error">{ e.to_string() }</p> },
    };
    html! {
        <>
            <section class="cards">
                <div class="card">
                    <div class="card-label">{ texts::IKM_UNIT.get(l) }</div>
                    <div id="ikm-value" class="card-value">{ value }</div>
                    <div id="ikm-grade" class="card-sub">{ texts::GRADE.get(l) }{ ": " }{ grade }</div>
                    <div id="ikm-ci" class="card-sub">{ interval }</div>
                </div>
                <div class="card">
                    <div class="card-label">{ texts::RESPONDENTS.get(l) }</div>
                    <div id="respondents" class="card-value">{ skm_core::format::integer_id(o.respondents) }</div>
                    <div class="card-sub">{ texts::WEIGHT.get(l) }{ ": " }{ o.weight.name() }
                        { if analysis.input.rows_dropped > 0 { format!(" · {} {}", analysis.input.rows_dropped, texts::REJECTED_ROWS.get(l)) } else { String::new() } }
                    </div>
                </div>
            </section>
            <figure id="nrr-chart" class="chart">{ chart }</figure>
            <table id="elements" class="data">
                <thead><tr>
                    <th>{ texts::ELEMENT.get(l) }</th><th></th><th class="num">{ texts::ANSWERS.get(l) }</th>
                    <th class="num">{ "NRR" }</th><th>{ texts::GRADE.get(l) }</th>
                </tr></thead>
                <tbody>
                    { for o.elements.iter().map(|e| html! {
                        <tr>
                            <td>{ e.element.id() }</td>
                            <td>{ e.element.text().name.get(l) }</td>
                            <td class="num">{ skm_core::format::integer_id(e.answers) }</td>
                            <td class="num">{ figure(e.nrr, 3) }</td>
                            <td>{ e.grade.map_or("–", |g| g.letter()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h2>{ texts::PER_SERVICE.get(l) }</h2>
            <table id="services" class="data">
                <thead><tr>
                    <th>{ texts::SERVICE.get(l) }</th><th class="num">{ texts::RESPONDENTS.get(l) }</th>
                    <th class="num">{ "IKM" }</th><th>{ texts::GRADE.get(l) }</th>
                </tr></thead>
                <tbody>
                    { for analysis.groups.iter().map(|s| html! {
                        <tr>
                            <td>{ name_of(s.key.service.as_deref().unwrap_or_default()) }</td>
                            <td class="num">{ skm_core::format::integer_id(s.summary.respondents) }</td>
                            <td class="num">{ figure(s.summary.ikm, 2) }</td>
                            <td>{ s.summary.grade.map_or("–", |g| g.letter()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p id="worker-time" class="muted">{ texts::COMPUTED_IN.get(l) }{ " " }{ decimal_id(worker_ms, 0) }{ " ms" }</p>
        </>
    }
}
