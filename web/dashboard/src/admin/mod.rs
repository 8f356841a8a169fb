//! `/admin`: a unit's service standards, listed with their versions, created and edited with
//! the [`editor::Editor`], retired, and printed as QR posters. Guarded by the admin token, which
//! the server checks on every write.

mod editor;
mod fields;
mod follow_up;
mod populations;
mod publications;
mod staff;
mod words;

use gloo_storage::{SessionStorage, Storage};
use skm_core::catalog::Catalog;
use skm_core::editing::{template, RetireService, Saved};
use skm_core::unit::{UnitDocuments, UnitInfo};
use skm_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api::{self, SaveError};
use crate::dashboard::{save_text, text_input, TOKEN_KEY};
use editor::Editor;

/// Props of [`AdminPage`].
#[derive(Properties, PartialEq)]
pub struct AdminProps {
    /// Display language.
    pub lang: Lang,
}

/// A service of the unit as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    code: String,
    name: String,
    name_en: String,
    version: u32,
    effective_from: String,
    /// A later version still to take effect: (number, day).
    waiting: Option<(u32, String)>,
}

/// Today in a zone, by the browser's clock: the unit's day, not the browser's, decides which
/// version is in force (in the evening in UTC it is already tomorrow in WIB).
pub(crate) fn today_in(zone: skm_core::calendar::Zone) -> jiff::civil::Date {
    jiff::Timestamp::from_millisecond(js_sys::Date::now() as i64)
        .map(|now| now.to_zoned_datetime(zone.time_zone()).date())
        .unwrap_or_else(|_| skm_web::clock::today())
}

/// The rows of the services in force today in the unit's zone, the unit's name, and that day.
fn rows_of(documents: &UnitDocuments) -> Result<(String, Vec<Row>, jiff::civil::Date), String> {
    let zone = skm_core::unit::Unit::from_toml("unit.toml", &documents.unit).map_err(|e| e.to_string())?.calendar.zone;
    let day = today_in(zone);
    let (unit, catalog) = documents.read(day)?;
    let rows = documents
        .in_force(day)
        .into_iter()
        .filter_map(|current| {
            let standard = catalog.get(&current.service)?;
            let latest =
                documents.versions.iter().filter(|v| v.service == current.service).max_by_key(|v| v.version)?;
            Some(Row {
                code: current.service.clone(),
                name: standard.name.clone(),
                name_en: standard.name_en.clone(),
                version: current.version,
                effective_from: current.effective_from.clone(),
                waiting: (latest.version > current.version).then(|| (latest.version, latest.effective_from.clone())),
            })
        })
        .collect();
    Ok((unit.name, rows, day))
}

/// The standard to edit: the service's latest version (it may not be in force yet).
fn latest_standard(documents: &UnitDocuments, code: &str) -> Option<skm_core::catalog::ServiceStandard> {
    let latest = documents.versions.iter().filter(|v| v.service == code).max_by_key(|v| v.version)?;
    Catalog::parse_document(code, latest.document.as_deref()?).ok()
}

/// The page.
#[component]
pub fn AdminPage(props: &AdminProps) -> Html {
    let l = props.lang;
    let token = use_state(|| SessionStorage::get::<String>(TOKEN_KEY).unwrap_or_default());
    let units = use_state(Vec::<UnitInfo>::new);
    let unit = use_state(String::new);
    let documents = use_state(|| None::<UnitDocuments>);
    let reloads = use_state(|| 0u32);
    // The form: a counter that remounts it, and the standard it starts from.
    let editing = use_state(|| None::<(u32, skm_core::catalog::ServiceStandard)>);
    let notice = use_state(String::new);
    // A staff session (the cookie), or the sign-in to make one; a token works without it.
    let me = crate::session::use_session();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let sign_in = crate::session::sign_in(&me, &username, &password, &notice);
    {
        // An account of some units edits only those; the first is shown.
        let (unit, units) = (unit.clone(), units.clone());
        let scope = me.as_ref().map(|m| m.scope.clone());
        use_effect_with((scope, units.len()), move |(scope, _)| {
            if let Some(skm_core::access::Scope::Units(codes)) = scope {
                if !codes.contains(&*unit) {
                    if let Some(first) = units.iter().find(|u| codes.contains(&u.code)) {
                        unit.set(first.code.clone());
                    }
                }
            }
        });
    }
    let on_username = text_input(&username);
    let on_password = text_input(&password);

    {
        let (units, unit) = (units.clone(), unit.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = api::units().await {
                    let wanted = web_sys::window()
                        .and_then(|w| w.location().search().ok())
                        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
                        .and_then(|p| p.get("unit"));
                    let first = wanted
                        .filter(|w| list.iter().any(|u| u.code == *w))
                        .or_else(|| list.first().map(|u| u.code.clone()));
                    unit.set(first.unwrap_or_default());
                    units.set(list);
                }
            });
        });
    }
    {
        // Answers can arrive out of order when the unit changes while one is on its way (the
        // first unit listed, then the session's own): only the latest unit's answer is kept.
        let documents = documents.clone();
        let wanted = use_mut_ref(String::new);
        use_effect_with(((*unit).clone(), *reloads), move |(code, _)| {
            let code = code.clone();
            *wanted.borrow_mut() = code.clone();
            if !code.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = api::unit_documents(&code).await.ok();
                    if *wanted.borrow() == code {
                        documents.set(answer);
                    }
                });
            }
        });
    }

    // Taken when the field is left (or Enter): the follow-up lists are read with it, and a
    // request per keystroke would send half a token and count as wrong ones.
    let on_token = {
        let token = token.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let _ = SessionStorage::set(TOKEN_KEY, &value);
            token.set(value);
        })
    };
    let on_unit = {
        let (unit, editing) = (unit.clone(), editing.clone());
        Callback::from(move |e: Event| {
            editing.set(None);
            unit.set(e.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let listed = (*documents).as_ref().map(rows_of);
    let (unit_name, unit_today) = match &listed {
        Some(Ok((name, _, day))) => (name.clone(), *day),
        _ => (String::new(), skm_web::clock::today()),
    };
    let open = {
        let editing = editing.clone();
        move |standard: skm_core::catalog::ServiceStandard| {
            let key = editing.as_ref().map_or(0, |(k, _)| k + 1);
            editing.set(Some((key, standard)));
        }
    };
    let on_new = {
        let (open, unit_name) = (open.clone(), unit_name.clone());
        Callback::from(move |_: MouseEvent| open(template(&unit_name)))
    };
    let on_saved = {
        let reloads = reloads.clone();
        Callback::from(move |_: Saved| reloads.set(*reloads + 1))
    };
    let on_close = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };

    let list = match &listed {
        None => html! { <p class="muted">{ skm_web::texts::LOADING.get(l) }</p> },
        Some(Err(why)) => html! { <p class="error" role="alert">{ why }</p> },
        Some(Ok((_, rows, _))) if rows.is_empty() => html! { <p class="muted">{ words::NONE_YET.get(l) }</p> },
        Some(Ok((name, rows, _))) => html! {
            <ul id="admin-services" class="admin-services">
                { for rows.iter().map(|row| {
                    let edit = {
                        let (open, documents, code) = (open.clone(), documents.clone(), row.code.clone());
                        Callback::from(move |_: MouseEvent| {
                            if let Some(standard) = (*documents).as_ref().and_then(|d| latest_standard(d, &code)) {
                                open(standard);
                            }
                        })
                    };
                    let poster = {
                        let (row, unit_name, unit_code) = (row.clone(), name.clone(), (*unit).clone());
                        Callback::from(move |_: MouseEvent| {
                            let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
                            let url = format!("{origin}/survei/{unit_code}/{}", row.code);
                            let poster = skm_poster::Poster { service: &row.name, service_en: &row.name_en, unit: &unit_name, url: &url };
                            match skm_poster::poster_svg(&poster) {
                                Ok(svg) => save_text(&svg, "image/svg+xml", &format!("poster-{unit_code}-{}.svg", row.code)),
                                Err(e) => web_sys::console::error_1(&e.to_string().into()),
                            }
                        })
                    };
                    let paper = {
                        let (row, unit_name, unit_code) = (row.clone(), name.clone(), (*unit).clone());
                        // Two services with the same initials get their place in the list too, so
                        // their sheets never share a serial number.
                        let mut prefix = skm_poster::initials(&row.code);
                        let same = rows.iter().filter(|r| skm_poster::initials(&r.code) == prefix).count();
                        if same > 1 {
                            let place = rows.iter().position(|r| r.code == row.code).unwrap_or(0) + 1;
                            prefix = format!("{prefix}{place}");
                        }
                        Callback::from(move |_: MouseEvent| {
                            let Some(window) = web_sys::window() else { return };
                            let ask = |text: &str, default: &str| {
                                window.prompt_with_message_and_default(text, default).ok().flatten().and_then(|v| v.trim().parse::<u32>().ok())
                            };
                            let Some(first) = ask(words::PAPER_FIRST.get(l), "1") else { return };
                            let Some(count) = ask(words::PAPER_COUNT.get(l), "20") else { return };
                            let origin = window.location().origin().unwrap_or_default();
                            let url = format!("{origin}/survei/{unit_code}/{}", row.code);
                            let shown = if l == Lang::Id { &row.name } else { &row.name_en };
                            let form = skm_poster::PaperForm { unit: &unit_name, service: shown, url: &url, prefix: &prefix, first, count, lang: l };
                            match skm_poster::paper_form_html(&form) {
                                Ok(html) => save_text(&html, "text/html", &format!("formulir-{unit_code}-{}-{}.html", row.code, skm_poster::serial(&prefix, first))),
                                Err(e) => { let _ = window.alert_with_message(&e.to_string()); }
                            }
                        })
                    };
                    let retire = {
                        let (token, unit_code, code, reloads, notice) =
                            ((*token).clone(), (*unit).clone(), row.code.clone(), reloads.clone(), notice.clone());
                        Callback::from(move |_: MouseEvent| {
                            let sure = web_sys::window().and_then(|w| w.confirm_with_message(words::RETIRE_CONFIRM.get(l)).ok());
                            if sure != Some(true) {
                                return;
                            }
                            let (token, unit_code, code, reloads, notice) =
                                (token.clone(), unit_code.clone(), code.clone(), reloads.clone(), notice.clone());
                            wasm_bindgen_futures::spawn_local(async move {
                                match api::retire_service(&token, &unit_code, &code, &RetireService::default()).await {
                                    Ok(done) => {
                                        notice.set(format!("{} {}: {}", words::RETIRED.get(l), done.effective_from, done.service));
                                        reloads.set(*reloads + 1);
                                    }
                                    Err(SaveError::Unauthorized) => notice.set(words::WRONG_TOKEN.get(l).to_owned()),
                                    Err(SaveError::Invalid(p)) => notice.set(p.first().map(|p| p.message_en.clone()).unwrap_or_default()),
                                    Err(SaveError::Other(e)) => notice.set(format!("{} / {}", e.message_id, e.message_en)),
                                }
                            });
                        })
                    };
                    let shown = if l == Lang::Id { &row.name } else { &row.name_en };
                    html! {
                        <li class="admin-service" data-service={row.code.clone()}>
                            <div>
                                <span class="service-name">{ shown }</span>
                                <span class="muted">{ format!(" · {} · v{} {} {}", row.code, row.version, words::IN_FORCE_FROM.get(l), row.effective_from) }</span>
                                if let Some((version, from)) = &row.waiting {
                                    <span class="warning">{ format!(" · v{version} {} {from}", words::IN_FORCE_FROM.get(l)) }</span>
                                }
                            </div>
                            <div class="admin-actions">
                                <button type="button" class="secondary edit" onclick={edit}>{ words::EDIT.get(l) }</button>
                                <button type="button" class="secondary poster" onclick={poster}>{ words::POSTER.get(l) }</button>
                                <button type="button" class="secondary paper" onclick={paper}>{ words::PAPER_FORM.get(l) }</button>
                                <button type="button" class="secondary retire" onclick={retire}>{ words::RETIRE.get(l) }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
        },
    };

    html! {
        <main class="page admin">
            <h1>{ words::TITLE.get(l) }</h1>
            <p class="muted">{ words::HINT.get(l) }</p>
            if let Some(info) = &*me {
                <p id="signed-in" class="muted">
                    { format!("{} {} ({}) ", skm_web::texts::SIGNED_IN_AS.get(l), info.username, info.role.code()) }
                    <button id="signout" type="button" class="secondary" onclick={
                        let me = me.clone();
                        Callback::from(move |_: MouseEvent| {
                            let me = me.clone();
                            wasm_bindgen_futures::spawn_local(async move {
                                let _ = api::sign_out().await;
                                me.set(None);
                            });
                        })
                    }>{ skm_web::texts::SIGN_OUT.get(l) }</button>
                </p>
            } else {
                <form class="signin" onsubmit={sign_in}>
                    <div class="field">
                        <label for="username">{ skm_web::texts::USERNAME.get(l) }</label>
                        <input id="username" type="text" autocomplete="username" autocapitalize="none" value={(*username).clone()} oninput={on_username} />
                    </div>
                    <div class="field">
                        <label for="password">{ skm_web::texts::PASSWORD.get(l) }</label>
                        <input id="password" type="password" autocomplete="current-password" value={(*password).clone()} oninput={on_password} />
                    </div>
                    <button id="signin" class="primary" type="submit">{ skm_web::texts::SIGN_IN.get(l) }</button>
                    <div class="field">
                        <label for="token">{ words::TOKEN.get(l) }</label>
                        <input id="token" type="password" autocomplete="off" value={(*token).clone()} onchange={on_token} />
                    </div>
                </form>
            }
            <div class="field">
                <label for="admin-unit">{ words::UNIT.get(l) }</label>
                <select id="admin-unit" onchange={on_unit}>
                    { for units.iter().filter(|u| me.as_ref().is_none_or(|m| m.scope.covers(Some(&u.code)))).map(|u| html! {
                        <option value={u.code.clone()} selected={u.code == *unit}>{ format!("{} ({})", u.name, u.pemda) }</option>
                    }) }
                </select>
            </div>
            <h2>{ words::SERVICES.get(l) }</h2>
            if !notice.is_empty() { <p id="admin-notice" role="status">{ (*notice).clone() }</p> }
            { list }
            <button id="new-service" type="button" class="primary" onclick={on_new}>{ words::NEW_SERVICE.get(l) }</button>
            if !unit.is_empty() && (me.is_some() || !token.is_empty()) {
                <follow_up::FollowUpPanel key={(*unit).clone()} lang={l} unit={(*unit).clone()}
                    token={(*token).clone()} today={unit_today.to_string()} />
                <publications::PublicationsPanel key={format!("p-{}", *unit)} lang={l} unit={(*unit).clone()}
                    token={(*token).clone()} today={unit_today.to_string()} />
                <populations::PopulationsPanel key={format!("n-{}", *unit)} lang={l} unit={(*unit).clone()}
                    token={(*token).clone()} />
            }
            if let Some(info) = &*me {
                <staff::StaffPanel lang={l} me={info.clone()} on_signed_out={
                    let me = me.clone();
                    Callback::from(move |()| me.set(None))
                } />
            }
            if let Some((key, standard)) = &*editing {
                <Editor key={key.to_string()} lang={l} unit={(*unit).clone()} today={unit_today.to_string()}
                    standard={standard.clone()} token={(*token).clone()} {on_saved} {on_close} />
            }
        </main>
    }
}
