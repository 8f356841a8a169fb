//! The management dashboard: data in (the server's responses, dropped files), the year's
//! figures computed in the analytics worker, and views of them with filters.

mod address;
mod chart;
mod download;
mod follow_up;
mod glossary;
mod pemda;
mod sampling;
mod sources;
mod suggestions;
mod templates;
mod views;
mod width;

use std::rc::Rc;

use gloo_storage::{SessionStorage, Storage};
use skm_core::access::Scope;
use skm_core::format::decimal;
use skm_core::pemda::PemdaView;
use skm_core::period::Period;
use skm_core::year::{FileKind, YearFilter, YearReport};
use skm_core::{Lang, PeriodKind, WeightConvention};
use skm_worker_protocol::{FileData, Reply, Request, UnitData, YearQuery};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api::{self, FetchError, ServiceInfo};
use crate::fetch::Received;
use crate::texts;
use crate::worker_client::WorkerClient;
use skm_core::unit::{UnitDocuments, UnitInfo};
use sources::Source;
use suggestions::SuggestionsView;
use views::{IkmView, MeetingsView, Overview, SlaView, ViewProps};

/// Where the tab keeps the admin token (the dashboard and the admin page share it).
pub(crate) const TOKEN_KEY: &str = "skm.token";
pub(crate) use download::save_text;

/// Props of [`DashboardPage`].
#[derive(Properties, PartialEq)]
pub struct DashboardProps {
    /// Display language.
    pub lang: Lang,
}

/// The dashboard's views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Overview,
    Ikm,
    Sla,
    Meetings,
    Suggestions,
}

impl View {
    /// Its name in the address (`view=ikm`).
    fn name(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Ikm => "ikm",
            View::Sla => "sla",
            View::Meetings => "meetings",
            View::Suggestions => "suggestions",
        }
    }

    /// The view of a name in the address.
    fn from_name(name: &str) -> Option<View> {
        VIEWS.iter().map(|(v, _, _)| *v).find(|v| v.name() == name)
    }
}

const VIEWS: [(View, &str, skm_core::Text); 5] = [
    (View::Overview, "tab-overview", texts::VIEW_OVERVIEW),
    (View::Ikm, "tab-ikm", texts::VIEW_IKM),
    (View::Sla, "tab-sla", texts::VIEW_SLA),
    (View::Meetings, "tab-meetings", texts::VIEW_MEETINGS),
    (View::Suggestions, "tab-suggestions", texts::VIEW_SUGGESTIONS),
];

/// Where the computation stands.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Busy(Option<FileKind>),
    Failed(String),
}

fn this_year() -> i16 {
    i16::try_from(js_sys::Date::new_0().get_full_year()).unwrap_or(2026)
}

/// A callback that keeps a text field's value in `state` as it is typed.
pub(crate) fn text_input(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

/// The dashboard page.
#[component]
pub fn DashboardPage(props: &DashboardProps) -> Html {
    let l = props.lang;
    let token = use_state(|| SessionStorage::get::<String>(TOKEN_KEY).unwrap_or_default());
    // A staff sign-in: the account (with its units) once the server knows it.
    let me = crate::session::use_session();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let server = use_state(|| None::<Source>);
    let use_server = use_state(|| true);
    let files = use_state(Vec::<Source>::new);
    let notes = use_state(Vec::<String>::new);
    // The period of the dropped files' rows without a date (an old recap), as typed.
    let period_of_text = use_state(String::new);
    // The view the address asks for (a shared link, a reload).
    let asked = use_memo((), |_| address::read());
    let year = use_state(|| asked.year.unwrap_or_else(this_year));
    // What the year field holds as typed ("202" on the way to "2025"): a render while the user
    // types must give back their text, not the last valid year.
    let year_text = use_state(|| year.to_string());
    let filter = use_state(|| asked.filter.clone());
    let view = use_state(|| asked.view.unwrap_or(View::Overview));
    let phase = use_state(|| Phase::Idle);
    // The analytics engine's download, until the worker is ready.
    let engine = use_state(|| None::<Received>);
    let chart_width = width::use_chart_width();
    let result = use_state(|| None::<(Rc<YearReport>, f64)>);
    // How many results have arrived, for the figures script to see a new one (`data-results`).
    let results = use_mut_ref(|| 0u64);
    let channels = use_state(Vec::<String>::new);
    let worker = use_mut_ref(|| None::<WorkerClient>);
    let services = use_state(|| Rc::new(Vec::<ServiceInfo>::new()));
    // The units on the server, the one shown (`?unit=`; the only one; or, with several, all of
    // them), and its documents: the worker judges SLA by that unit's standards and calendar.
    let units = use_state(Vec::<UnitInfo>::new);
    let unit = use_state(|| asked.unit.clone());
    let office = use_state(|| None::<(String, UnitDocuments)>);
    // With every unit shown: each unit's stored responses and documents, and the pemda's view.
    let unit_data = use_state(Vec::<(UnitInfo, Source, UnitDocuments)>::new);
    let pemda_view = use_state(|| None::<(Rc<PemdaView>, f64)>);
    {
        let (units, unit) = (units.clone(), unit.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // A server without units keeps every service and the built-in standards.
                let Ok(list) = api::units().await else { return };
                let known = unit.as_ref().is_some_and(|u| list.iter().any(|x| &x.code == u));
                if !known && list.len() == 1 {
                    unit.set(Some(list[0].code.clone()));
                } else if !known && unit.is_some() {
                    unit.set(None);
                }
                units.set(list);
            });
        });
    }
    {
        // The services shown and the standards judged by: the unit's, or every unit's.
        let (services, office) = (services.clone(), office.clone());
        use_effect_with((*unit).clone(), move |unit| {
            let unit = unit.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Without the list the views fall back to service codes.
                let list = match &unit {
                    Some(code) => api::unit_services(code).await,
                    None => api::services().await,
                };
                if let Ok(list) = list {
                    services.set(Rc::new(list));
                }
                let Some(code) = unit else { return };
                match api::unit_documents(&code).await {
                    Ok(documents) => office.set(Some((code, documents))),
                    Err(e) => {
                        web_sys::console::error_1(&e.into());
                        office.set(None);
                    }
                }
            });
        });
    }
    // The address follows the view.
    use_effect_with(((*unit).clone(), *year, (*filter).clone(), *view), |(unit, year, filter, view)| {
        address::write(&address::Address {
            unit: unit.clone(),
            year: Some(*year),
            filter: filter.clone(),
            view: Some(*view),
        });
    });

    // Every unit of a server shown: the worker reads the responses only; SLA and meetings are
    // judged per unit, by each unit's standards (the pemda view), and the page says so.
    let per_unit = unit.is_none() && units.len() > 1;
    let on_loading = {
        let engine = engine.clone();
        Callback::from(move |received: Received| engine.set(Some(received)))
    };
    let on_reply = {
        let (phase, result, channels, pemda_view, results, engine) =
            (phase.clone(), result.clone(), channels.clone(), pemda_view.clone(), results.clone(), engine.clone());
        Callback::from(move |reply: Reply| match reply {
            Reply::Units { view, elapsed_ms } => pemda_view.set(Some((Rc::new(*view), elapsed_ms))),
            Reply::Year { report, elapsed_ms } => {
                if let Some(sla) = &report.sla {
                    let mut seen = (*channels).clone();
                    seen.extend(sla.requests.channels.iter().filter_map(|c| c.channel.clone()));
                    seen.sort();
                    seen.dedup();
                    channels.set(seen);
                }
                *results.borrow_mut() += 1;
                result.set(Some((Rc::new(*report), elapsed_ms)));
                phase.set(Phase::Idle);
            }
            Reply::Progress { stage } => phase.set(Phase::Busy(Some(stage))),
            Reply::Ready => engine.set(None),
            Reply::Error { message } => phase.set(Phase::Failed(message)),
            Reply::Missing { .. } => {}
        })
    };
    // Every change of data or filters computes the year again, in the worker.
    {
        let (phase, worker) = (phase.clone(), worker.clone());
        let mut sources: Vec<Source> = (*files).clone();
        if *use_server {
            sources.extend((*server).clone());
        }
        let period_of = Period::from_key(period_of_text.trim()).map(|p| p.key());
        let query = YearQuery {
            year: *year,
            weight: WeightConvention::Exact,
            trend: PeriodKind::Quarter,
            filter: (*filter).clone(),
            min_sample: skm_core::sample::DEFAULT_MIN_SAMPLE,
        };
        // With units on the server, nothing is computed before the unit's documents are here.
        let waiting = unit.is_some() && office.as_ref().map(|(code, _)| code) != unit.as_ref();
        // Only the shown unit's documents: never those of a unit chosen before "all units".
        let documents = office.as_ref().filter(|(code, _)| unit.as_ref() == Some(code)).map(|(_, d)| d.clone());
        let (on_reply, on_loading) = (on_reply.clone(), on_loading.clone());
        use_effect_with(
            (sources, query, documents, waiting, per_unit, period_of),
            move |(sources, query, office, waiting, per_unit, period_of)| {
                if sources.is_empty() || *waiting {
                    return;
                }
                let mut slot = worker.borrow_mut();
                if slot.is_none() {
                    match WorkerClient::spawn(on_reply, on_loading) {
                        Ok(w) => *slot = Some(w),
                        Err(e) => return phase.set(Phase::Failed(e)),
                    }
                }
                phase.set(Phase::Busy(None));
                let given = |s: &Source| FileData { period_of: period_of.clone(), ..s.data() };
                let request = Request::Year {
                    files: sources.iter().map(given).collect(),
                    query: query.clone(),
                    office: office.clone(),
                    per_unit: *per_unit,
                };
                let bytes = sources.iter().map(Source::bytes).collect();
                if let Some(Err(e)) = slot.as_ref().map(|w| w.send(&request, bytes)) {
                    phase.set(Phase::Failed(e));
                }
            },
        );
    }

    // The pemda's view: each unit's year in the worker, when every unit is shown.
    {
        let (phase, worker, on_reply, on_loading) =
            (phase.clone(), worker.clone(), on_reply.clone(), on_loading.clone());
        let query = YearQuery {
            year: *year,
            weight: WeightConvention::Exact,
            trend: PeriodKind::Quarter,
            filter: YearFilter { period: filter.period.clone(), ..YearFilter::default() },
            min_sample: skm_core::sample::DEFAULT_MIN_SAMPLE,
        };
        let all = unit.is_none();
        use_effect_with(((*unit_data).clone(), (*files).clone(), query, all), move |(data, files, query, all)| {
            if !*all || data.is_empty() {
                return;
            }
            let units = data
                .iter()
                .map(|(info, stored, documents)| {
                    // A dropped file belongs to the unit whose code starts its name.
                    let mut sources = vec![stored.clone()];
                    sources.extend(files.iter().filter(|f| f.name.starts_with(&info.code)).cloned());
                    let unit = UnitData {
                        code: info.code.clone(),
                        name: info.name.clone(),
                        files: sources.iter().map(Source::data).collect(),
                        office: Some(documents.clone()),
                    };
                    (unit, sources)
                })
                .collect::<Vec<_>>();
            let bytes = units.iter().flat_map(|(_, sources)| sources.iter().map(Source::bytes)).collect();
            let units = units.into_iter().map(|(unit, _)| unit).collect();
            let mut slot = worker.borrow_mut();
            if slot.is_none() {
                match WorkerClient::spawn(on_reply, on_loading) {
                    Ok(w) => *slot = Some(w),
                    Err(e) => return phase.set(Phase::Failed(e)),
                }
            }
            if let Some(Err(e)) = slot.as_ref().map(|w| w.send(&Request::Units { units, query: query.clone() }, bytes))
            {
                phase.set(Phase::Failed(e));
            }
        });
    }
    {
        // Every unit's responses and documents, once signed in with every unit shown.
        let (unit_data, units, token) = (unit_data.clone(), units.clone(), token.clone());
        let wanted = unit.is_none() && server.is_some() && units.len() > 1;
        use_effect_with(wanted, move |wanted| {
            if !*wanted || !unit_data.is_empty() {
                return;
            }
            let (list, token) = ((*units).clone(), (*token).clone());
            wasm_bindgen_futures::spawn_local(async move {
                // All at once: the browser spreads them over its connections.
                let fetches = list.into_iter().map(|info| {
                    let token = token.clone();
                    async move {
                        let (csv, documents) = futures::join!(
                            api::responses_csv(&token, Some(&info.code)),
                            api::unit_documents(&info.code)
                        );
                        let stored =
                            Source::new(&format!("server: {}/responses.csv", info.code), csv.ok()?.into_bytes());
                        Some((info, stored, documents.ok()?))
                    }
                });
                let data = futures::future::join_all(fetches).await.into_iter().flatten().collect();
                unit_data.set(data);
            });
        });
    }

    let sign_in = {
        let (token, server, notes, unit) = (token.clone(), server.clone(), notes.clone(), unit.clone());
        let (me, username, password) = (me.clone(), username.clone(), password.clone());
        Callback::from(move |()| {
            let (server, notes, me) = (server.clone(), notes.clone(), me.clone());
            let token = (*token).clone();
            let unit = (*unit).clone();
            // A username and password (no token, not signed in yet): a session first.
            let credentials = (token.is_empty() && me.is_none()).then(|| ((*username).clone(), (*password).clone()));
            if !token.is_empty() {
                let _ = SessionStorage::set(TOKEN_KEY, &token);
            }
            // An account of some units waits until one of them is chosen (every unit at once is
            // not its to read).
            let waits = unit.is_none() && me.as_ref().is_some_and(|m| matches!(m.scope, Scope::Units(_)));
            wasm_bindgen_futures::spawn_local(async move {
                if let Some((username, password)) = credentials {
                    // Signed in, the account's units are shown and their data fetched (below).
                    match api::sign_in(&username, &password).await {
                        Ok(info) => me.set(Some(info)),
                        Err(message) => notes.set(vec![message]),
                    }
                    return;
                }
                if waits {
                    return;
                }
                match api::responses_csv(&token, unit.as_deref()).await {
                    Ok(csv) => {
                        let name = match &unit {
                            Some(u) => format!("server: {u}/responses.csv"),
                            None => "server: responses.csv".to_owned(),
                        };
                        server.set(Some(Source::new(&name, csv.into_bytes())));
                    }
                    Err(FetchError::Unauthorized) => {
                        SessionStorage::delete(TOKEN_KEY);
                        notes.set(vec![texts::WRONG_TOKEN.both()]);
                    }
                    Err(FetchError::Other(e)) => notes.set(vec![e]),
                }
            });
        })
    };
    {
        // A token kept from earlier in this tab, or a session, signs in at once, and again for
        // another unit.
        let (sign_in, has_token) = (sign_in.clone(), !token.is_empty() || me.is_some());
        let signed_in = server.is_some() || SessionStorage::get::<String>(TOKEN_KEY).is_ok() || me.is_some();
        use_effect_with(((*unit).clone(), me.is_some()), move |_| {
            if has_token && signed_in {
                sign_in.emit(());
            }
        });
    }
    {
        // A signed-in account sees its own units only; with one, that one is shown.
        let (units, unit) = (units.clone(), unit.clone());
        let scope = me.as_ref().map(|m| m.scope.clone());
        use_effect_with((scope, units.len()), move |(scope, _)| {
            let Some(Scope::Units(codes)) = scope else { return };
            let mine: Vec<UnitInfo> = units.iter().filter(|u| codes.contains(&u.code)).cloned().collect();
            if mine.len() != units.len() {
                units.set(mine.clone());
            }
            let shown = unit.as_ref().is_some_and(|u| codes.contains(u));
            if !shown && !mine.is_empty() {
                unit.set(mine.first().map(|u| u.code.clone()));
            }
        });
    }
    let sign_out = {
        let (me, server, token) = (me.clone(), server.clone(), token.clone());
        Callback::from(move |_: MouseEvent| {
            let (me, server, token) = (me.clone(), server.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = api::sign_out().await;
                SessionStorage::delete(TOKEN_KEY);
                token.set(String::new());
                me.set(None);
                server.set(None);
            });
        })
    };
    let add_files = {
        let (files, notes) = (files.clone(), notes.clone());
        Callback::from(move |list: web_sys::FileList| {
            let (files, notes) = (files.clone(), notes.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut next = (*files).clone();
                let mut problems = Vec::new();
                for read in sources::read_files(list).await {
                    match read {
                        // The same name again replaces the earlier file.
                        Ok(source) => {
                            next.retain(|f| f.name != source.name);
                            next.push(source);
                        }
                        Err(e) => problems.push(e),
                    }
                }
                notes.set(problems);
                files.set(next);
            });
        })
    };
    let on_pick = {
        let add_files = add_files.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(list) = input.files() {
                add_files.emit(list);
            }
        })
    };
    let on_drop = {
        let add_files = add_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(list) = e.data_transfer().and_then(|d| d.files()) {
                add_files.emit(list);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let sign_in_form = {
        let on_token = text_input(&token);
        let on_username = text_input(&username);
        let on_password = text_input(&password);
        let on_submit = sign_in.reform(|e: SubmitEvent| e.prevent_default());
        html! {
            <form class="signin" onsubmit={on_submit}>
                <p class="muted">{ texts::SIGN_IN_HINT.get(l) }</p>
                <label class="field" for="username">
                    <span>{ texts::USERNAME.get(l) }</span>
                    <input id="username" type="text" autocomplete="username" autocapitalize="none" value={(*username).clone()} oninput={on_username} />
                </label>
                <label class="field" for="password">
                    <span>{ texts::PASSWORD.get(l) }</span>
                    <input id="password" type="password" autocomplete="current-password" value={(*password).clone()} oninput={on_password} />
                </label>
                <label class="field" for="token">
                    <span>{ texts::TOKEN.get(l) }</span>
                    <input id="token" type="password" autocomplete="off" value={(*token).clone()} oninput={on_token} />
                </label>
                <button id="signin" class="primary" type="submit">{ texts::SIGN_IN.get(l) }</button>
            </form>
        }
    };
    let source_list = {
        let server_row = (*server).as_ref().map(|s| {
            let toggle = {
                let use_server = use_server.clone();
                Callback::from(move |_: Event| use_server.set(!*use_server))
            };
            html! {
                <li>
                    <label>
                        <input id="source-server" type="checkbox" checked={*use_server} onchange={toggle} />
                        { " " }{ texts::SERVER_RESPONSES.get(l) }{ format!(" ({} KB)", s.bytes.len() / 1024) }
                    </label>
                </li>
            }
        });
        let file_rows = files.iter().map(|f| {
            let remove = {
                let (files, name) = (files.clone(), f.name.clone());
                Callback::from(move |_: MouseEvent| files.set(files.iter().filter(|x| x.name != name).cloned().collect()))
            };
            let kind = f.kind.map_or_else(|| texts::KIND_BY_HEADER.get(l).to_owned(), |k| k.label().get(l).to_owned());
            html! {
                <li class="source">
                    <span class="source-name">{ &f.name }</span>
                    <span class="muted">{ format!(" · {kind} · {} KB", f.bytes.len().div_ceil(1024)) }</span>
                    <button type="button" class="link" onclick={remove} aria-label={format!("{} {}", texts::REMOVE.get(l), f.name)}>{ texts::REMOVE.get(l) }</button>
                </li>
            }
        });
        html! { <ul id="sources" class="sources">{ for server_row }{ for file_rows }</ul> }
    };
    let filters = {
        let y = *year;
        // A new year takes the chosen period with it (Triwulan II 2026 becomes Triwulan II 2025),
        // so the figures are always those of the filters as shown; typed or stepped with the
        // arrows, every valid year counts at once.
        let on_year = {
            let (year, year_text, filter) = (year.clone(), year_text.clone(), filter.clone());
            Callback::from(move |e: InputEvent| {
                let text = e.target_unchecked_into::<HtmlInputElement>().value();
                year_text.set(text.clone());
                let Ok(v) = text.trim().parse::<i16>() else {
                    return;
                };
                if !(2000..=2100).contains(&v) || v == *year {
                    return;
                }
                let mut next = (*filter).clone();
                next.period = next.period.as_deref().and_then(|key| same_period_in(key, v));
                filter.set(next);
                year.set(v);
            })
        };
        let select = |id: &'static str,
                      key: String,
                      label: skm_core::Text,
                      all: skm_core::Text,
                      options: Vec<(String, String)>,
                      current: Option<String>,
                      set: fn(&mut YearFilter, Option<String>)| {
            let filter = filter.clone();
            let onchange = Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                let mut next = (*filter).clone();
                set(&mut next, (!value.is_empty()).then_some(value));
                filter.set(next);
            });
            html! {
                <label class="field" for={id}>
                    <span>{ label.get(l) }</span>
                    // Keyed by what its options depend on: a new list is a new element, whose
                    // selection is the one the state holds, never one left from the old list.
                    <select id={id} key={key} {onchange}>
                        <option value="" selected={current.is_none()}>{ all.get(l) }</option>
                        { for options.into_iter().map(|(value, text)| {
                            let selected = current.as_deref() == Some(value.as_str());
                            html! { <option value={value} {selected}>{ text }</option> }
                        }) }
                    </select>
                </label>
            }
        };
        let mut periods = Vec::new();
        for kind in [PeriodKind::Quarter, PeriodKind::Month] {
            for month in 1..=12u8 {
                if let Some(p) = Period::containing(kind, y, month) {
                    let entry = (p.key(), p.label(l));
                    if !periods.contains(&entry) {
                        periods.push(entry);
                    }
                }
            }
        }
        let service_options: Vec<(String, String)> =
            services.iter().map(|s| (s.code.clone(), s.name_in(l).to_owned())).collect();
        let channel_options: Vec<(String, String)> =
            channels.iter().map(|c| (c.clone(), c.replace('_', " "))).collect();
        let unit_select = (!units.is_empty()).then(|| {
            let onchange = {
                let (unit, filter) = (unit.clone(), filter.clone());
                Callback::from(move |e: Event| {
                    let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                    unit.set((!value.is_empty()).then_some(value));
                    // Another unit's services: the service filter starts again.
                    let mut next = (*filter).clone();
                    next.service = None;
                    filter.set(next);
                })
            };
            html! {
                <>
                <label class="field" for="filter-unit">
                    <span>{ texts::UNIT.get(l) }</span>
                    <select id="filter-unit" {onchange}>
                        if units.len() > 1 {
                            <option value="" selected={unit.is_none()}>{ texts::ALL_UNITS.get(l) }</option>
                        }
                        { for units.iter().map(|u| {
                            let selected = unit.as_deref() == Some(u.code.as_str());
                            html! { <option value={u.code.clone()} {selected}>{ &u.name }</option> }
                        }) }
                    </select>
                </label>
                <p><a id="admin-link" href={format!("/admin{}", unit.as_deref().map(|u| format!("?unit={u}")).unwrap_or_default())}>
                    { texts::EDIT_STANDARDS.get(l) }
                </a></p>
                </>
            }
        });
        // On a phone the filters fold into one line that says what they are set to, so the
        // figures are on the first screen; a tap opens them.
        let shown_as = |current: &Option<String>, options: &[(String, String)], all: skm_core::Text| {
            current
                .as_ref()
                .and_then(|c| options.iter().find(|(v, _)| v == c).map(|(_, t)| t.clone()))
                .unwrap_or_else(|| all.get(l).to_owned())
        };
        let mut chosen = vec![y.to_string(), shown_as(&filter.period, &periods, texts::WHOLE_YEAR)];
        chosen.push(shown_as(&filter.service, &service_options, texts::ALL_SERVICES));
        if filter.channel.is_some() {
            chosen.push(shown_as(&filter.channel, &channel_options, texts::ALL_CHANNELS));
        }
        html! {
            <details id="filters" class="filters-fold" open={chart_width >= width::FOLD_BELOW}>
            <summary id="filters-summary">
                <span class="filters-label">{ texts::FILTERS.get(l) }</span>{ ": " }{ chosen.join(" · ") }
            </summary>
            <div class="filters">
                { for unit_select }
                <label class="field" for="filter-year">
                    <span>{ texts::YEAR.get(l) }</span>
                    <input id="filter-year" type="number" min="2000" max="2100" value={(*year_text).clone()} oninput={on_year} />
                </label>
                { select("filter-period", format!("period-{y}-{}", l.tag()), texts::PERIOD, texts::WHOLE_YEAR, periods.clone(), filter.period.clone(), |f, v| f.period = v) }
                { select("filter-service", format!("service-{}-{}", services.len(), l.tag()), texts::SERVICE, texts::ALL_SERVICES, service_options.clone(), filter.service.clone(), |f, v| f.service = v) }
                { select("filter-channel", format!("channel-{}", channels.join(",")), texts::CHANNEL, texts::ALL_CHANNELS, channel_options.clone(), filter.channel.clone(), |f, v| f.channel = v) }
            </div>
            </details>
        }
    };
    // Only with files dropped: the server's responses are always dated.
    let period_of_field = (!files.is_empty()).then(|| {
        let on_input = text_input(&period_of_text);
        let text = period_of_text.trim();
        let wrong = !text.is_empty() && Period::from_key(text).is_none();
        html! {
            <>
                <label class="field" for="period-of">
                    <span>{ texts::PERIOD_OF.get(l) }</span>
                    <input id="period-of" type="text" autocomplete="off" placeholder="2025-Q2"
                        aria-invalid={wrong.to_string()} value={(*period_of_text).clone()} oninput={on_input} />
                </label>
                if wrong {
                    <p id="period-of-error" class="error" role="alert">{ texts::PERIOD_OF_WRONG.get(l) }</p>
                } else {
                    <p class="muted">{ texts::PERIOD_OF_HINT.get(l) }</p>
                }
            </>
        }
    });
    let count = files.len() + usize::from(server.is_some() && *use_server);
    let data_line = if count > 0 {
        format!(": {count} {}", if count == 1 { texts::SOURCE } else { texts::SOURCES }.get(l))
    } else {
        String::new()
    };
    let status = match (&*phase, *engine) {
        (Phase::Failed(message), _) => html! { <p id="dashboard-error" class="error" role="alert">{ message }</p> },
        (_, Some(received)) => html! {
            <p id="engine-loading" class="muted" role="status">
                { texts::LOADING_ENGINE.get(l) }{ format!(": {} %", received.percent()) }
                <progress id="engine-progress" max={received.of.to_string()} value={received.bytes.to_string()}></progress>
            </p>
        },
        (Phase::Idle, None) => html! {},
        (Phase::Busy(stage), None) => html! {
            <p id="busy" class="muted" role="status">
                { texts::READING.get(l) }{ stage.map(|k| format!(": {}", k.label().get(l))).unwrap_or_default() }{ "…" }
            </p>
        },
    };
    let tabs = VIEWS.iter().map(|&(v, id, label)| {
        let onclick = {
            let view = view.clone();
            Callback::from(move |_: MouseEvent| view.set(v))
        };
        let selected = *view == v;
        html! {
            <button type="button" role="tab" id={id} class={classes!("tab", selected.then_some("selected"))}
                aria-selected={selected.to_string()} {onclick}>{ label.get(l) }</button>
        }
    });
    let body = (*result).as_ref().map(|(report, ms)| {
        let props = ViewProps { report: report.clone(), services: (*services).clone(), lang: l, width: chart_width };
        let rejected = rejected(report, l);
        let layout = layout_notes(report, l);
        let future = dates_after_today(report, l);
        let shown = match *view {
            View::Overview => html! { <Overview ..props /> },
            View::Ikm => html! { <IkmView ..props /> },
            View::Sla => html! { <SlaView ..props /> },
            View::Meetings => html! { <MeetingsView ..props /> },
            View::Suggestions => html! { <SuggestionsView ..props /> },
        };
        let per_unit = per_unit
            .then(|| html! { <p id="per-unit-note" class="muted">{ texts::PER_UNIT_NOTE.get(l) }</p> });
        html! {
            <>
                { future }
                { for per_unit }
                <div class="tabs" role="tablist">{ for tabs }</div>
                <div role="tabpanel">{ shown }</div>
                // Below the figures: on a phone the IKM stays on the first screen.
                if let Some(code) = &*unit {
                    if *view == View::Overview {
                        <follow_up::FollowUpCard lang={l} unit={code.clone()} token={(*token).clone()} year={*year} />
                        <sampling::SamplingCard lang={l} unit={code.clone()} token={(*token).clone()} />
                    }
                }
                { layout }
                { rejected }
                { glossary::glossary(l) }
                <p id="worker-time" class="muted" data-ms={format!("{ms:.1}")} data-results={results.borrow().to_string()}>
                    { texts::COMPUTED_IN.get(l) }{ " " }{ decimal(*ms, 0, l) }{ " ms" }</p>
            </>
        }
    });
    html! {
        <main class="page dashboard">
            <h1>{ texts::DASHBOARD.get(l) }</h1>
            if let Some(info) = &*me {
                <p id="signed-in" class="muted">
                    { format!("{} {} ({}) ", texts::SIGNED_IN_AS.get(l), info.username, info.role.code()) }
                    <button id="signout" type="button" class="secondary" onclick={sign_out}>{ texts::SIGN_OUT.get(l) }</button>
                </p>
            }
            // Folded away once there are figures to look at; a click opens it again.
            if unit.is_none() {
                if let Some(view) = &*pemda_view {
                    <pemda::PemdaPanel view={view.0.clone()} elapsed_ms={view.1} lang={l} />
                }
            }
            <details class="data-in" open={result.is_none()}>
                <summary id="data-summary"><h2>{ texts::DATA.get(l) }{ data_line }</h2></summary>
                if server.is_none() { { sign_in_form } }
                <div class="dropzone" ondrop={on_drop} ondragover={on_drag_over}>
                    <label class="field" for="files">
                        <span>{ texts::ADD_FILES.get(l) }</span>
                        <input id="files" type="file" multiple=true accept=".csv,.xlsx,.xls,.ods,text/csv" onchange={on_pick} />
                    </label>
                    <p class="muted">{ texts::DROP_HERE.get(l) }</p>
                </div>
                { source_list }
                { for period_of_field }
                { for notes.iter().map(|n| html! { <p class="error" role="alert">{ n }</p> }) }
            </details>
            { filters }
            { status }
            { for body }
        </main>
    }
}

/// The period of `key` (`2026-Q2`, `2026-05`) in another year, as its key.
fn same_period_in(key: &str, year: i16) -> Option<String> {
    Period::from_key(key).map(|p| Period { year, ..p }.key())
}

/// Today in WIB, by the browser's clock.
fn today() -> Option<jiff::civil::Date> {
    Some(crate::admin::today_in(skm_core::calendar::Zone::Wib))
}

/// A warning for every file that holds dates after today, folded to one line that counts them,
/// so the figures stay on the first screen.
fn dates_after_today(report: &YearReport, l: Lang) -> Html {
    let Some(today) = today() else { return html! {} };
    let notes: Vec<String> =
        report.inputs().iter().flat_map(|i| i.after_today(today)).map(|n| n.get(l).to_owned()).collect();
    if notes.is_empty() {
        return html! {};
    }
    let line = texts::files_with_dates_after_today(notes.len(), l);
    html! {
        <details id="dates-after-today" class="warning" role="status">
            <summary>{ line }</summary>
            { for notes.iter().map(|n| html! { <p>{ n }</p> }) }
        </details>
    }
}

/// What the reader noticed of the files' layout (a title, a summary block and the IKM it
/// states, a sheet passed over, a period taken from a title).
fn layout_notes(report: &YearReport, l: Lang) -> Html {
    let notes: Vec<String> = report.inputs().iter().flat_map(|i| i.notes()).map(|n| n.get(l).to_owned()).collect();
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <details id="layout-notes" class="rejected">
            <summary>{ format!("{} {}", notes.len(), texts::LAYOUT_NOTES.get(l)) }</summary>
            <ul>{ for notes.iter().take(200).map(|n| html! { <li>{ n }</li> }) }</ul>
        </details>
    }
}

/// The rows left out of the computation, with why, from every kind of file.
fn rejected(report: &YearReport, l: Lang) -> Html {
    let inputs = report.inputs();
    let dropped: u64 = inputs.iter().map(|i| i.rows_dropped).sum();
    let issues: Vec<_> = inputs.iter().flat_map(|i| i.issues.iter()).collect();
    if issues.is_empty() {
        return html! {};
    }
    html! {
        <details id="rejected" class="rejected">
            <summary>{ format!("{dropped} {} · {} {}", texts::REJECTED_ROWS.get(l), issues.len(), texts::NOTES.get(l)) }</summary>
            <ul>{ for issues.iter().take(200).map(|i| html! { <li>{ i.message() }</li> }) }</ul>
        </details>
    }
}
