//! The publication register part of `/admin`: where and when the unit's results were published,
//! with the link, and the form that enters one. The core checks the entry as it is typed; the
//! server checks it again.

use skm_core::editing::{Draft, FieldProblem};
use skm_core::publication::{media, Medium, PublicationDraft, PublicationRecord, MEDIA};
use skm_core::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fields::At;
use super::words;
use crate::api::{self, SaveError};

/// Props of [`PublicationsPanel`].
#[derive(Properties, PartialEq)]
pub struct PublicationsProps {
    /// Display language.
    pub lang: Lang,
    /// The unit's code.
    pub unit: String,
    /// The API token, when one is used instead of a session.
    pub token: String,
    /// Today in the unit's zone.
    pub today: String,
}

/// The form's fields are named `pub.<field>`.
fn in_form(problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    problems.into_iter().map(|p| FieldProblem { field: format!("pub.{}", p.field), ..p }).collect()
}

fn blank(today: &str) -> PublicationDraft {
    PublicationDraft {
        period: today.get(..4).unwrap_or_default().to_owned(),
        published_on: today.to_owned(),
        ..PublicationDraft::default()
    }
}

/// The panel.
#[component]
pub fn PublicationsPanel(props: &PublicationsProps) -> Html {
    let l = props.lang;
    let records = use_state(Vec::<PublicationRecord>::new);
    let reloads = use_state(|| 0u32);
    let draft = {
        let today = props.today.clone();
        use_state(move || blank(&today))
    };
    let message = use_state(String::new);
    let server_problems = use_state(Vec::<FieldProblem>::new);
    {
        let records = records.clone();
        use_effect_with((props.unit.clone(), props.token.clone(), *reloads), move |(unit, token, _)| {
            let (unit, token) = (unit.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                records.set(api::records(&token, &unit, api::PUBLICATIONS).await.unwrap_or_default());
            });
        });
    }
    let set = |change: fn(&mut PublicationDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        })
    };
    let mut problems = in_form(draft.problems());
    problems.extend(server_problems.iter().cloned());
    let at = At { lang: l, problems: &problems };
    let save = {
        let (draft, message, reloads, server_problems) =
            (draft.clone(), message.clone(), reloads.clone(), server_problems.clone());
        let (unit, token, today) = (props.unit.clone(), props.token.clone(), props.today.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let sent = (*draft).clone();
            server_problems.set(Vec::new());
            if !sent.problems().is_empty() {
                message.set(words::PROBLEMS.get(l).to_owned());
                return;
            }
            let (draft, message, reloads, server_problems) =
                (draft.clone(), message.clone(), reloads.clone(), server_problems.clone());
            let (unit, token, today) = (unit.clone(), token.clone(), today.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_record::<_, PublicationRecord>(&token, &unit, api::PUBLICATIONS, None, &sent).await {
                    Ok(kept) => {
                        message.set(format!(
                            "{} #{} · {}",
                            words::FOLLOW_UP_SAVED.get(l),
                            kept.id,
                            kept.draft.medium.label().get(l)
                        ));
                        draft.set(blank(&today));
                        reloads.set(*reloads + 1);
                    }
                    Err(SaveError::Invalid(p)) => server_problems.set(in_form(p)),
                    Err(SaveError::Unauthorized) => message.set(words::WRONG_TOKEN.get(l).to_owned()),
                    Err(SaveError::Other(e)) => message.set(format!("{} / {}", e.message_id, e.message_en)),
                }
            });
        })
    };
    let on_medium = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(medium) = Medium::from_code(&e.target_unchecked_into::<HtmlSelectElement>().value()) {
                draft.set(PublicationDraft { medium, ..(*draft).clone() });
            }
        })
    };
    let on_date =
        set(|d, v| d.published_on = v).reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let found = media(records.iter().map(|r| &r.draft));
    let d = &*draft;
    let lang = if l == Lang::En { "?lang=en" } else { "" };
    html! {
        <section id="publications" class="follow-up" aria-labelledby="publications-title">
            <h2 id="publications-title">{ words::PUBLICATIONS.get(l) }</h2>
            <p class="muted">{ words::PUBLICATIONS_HINT.get(l) }</p>
            <p id="publication-material">
                { words::MATERIAL.get(l) }{ ": " }
                <a id="public-page" href={format!("/hasil/{}{lang}", props.unit)}>{ words::PUBLIC_PAGE.get(l) }</a>{ " · " }
                <a id="infographic-png" href={format!("/hasil/{}/infografis.png{lang}", props.unit)} download="">{ words::INFOGRAPHIC_PNG.get(l) }</a>{ " · " }
                <a id="infographic-a4" href={format!("/hasil/{}/infografis-a4.svg{lang}", props.unit)} download="">{ words::INFOGRAPHIC_A4.get(l) }</a>
            </p>
            if !records.is_empty() {
                <p id="publications-count">{ format!("{} {}: {}", found.len(), words::MEDIA.get(l), found.iter().map(|m| m.label().get(l)).collect::<Vec<_>>().join(", ")) }</p>
                <ul id="publications-list" class="admin-services">
                    { for records.iter().map(|r| html! {
                        <li class="admin-service" data-medium={r.draft.medium.code()}>
                            <span class="service-name">{ r.draft.medium.label().get(l) }</span>
                            <span class="muted">{ format!(" · {} · {} {}", r.draft.period, r.draft.published_on, r.draft.link) }</span>
                        </li>
                    }) }
                </ul>
            }
            <form id="publication-form" class="editor" onsubmit={save} novalidate=true>
                { at.text("pub.period", words::PERIOD, &d.period, set(|d, v| d.period = v)) }
                <div class="field">
                    <label for="f-pub-medium">{ words::MEDIUM.get(l) }</label>
                    <select id="f-pub-medium" onchange={on_medium}>
                        { for MEDIA.iter().map(|m| html! {
                            <option value={m.code()} selected={*m == d.medium}>{ m.label().get(l) }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="f-pub-published_on">{ words::PUBLISHED_ON.get(l) }</label>
                    <input id="f-pub-published_on" type="date" value={d.published_on.clone()} oninput={on_date}
                        aria-invalid={problems.iter().any(|p| p.field == "pub.published_on").then_some("true")} />
                    { at.problems("pub.published_on", false) }
                </div>
                { at.text("pub.link", words::LINK, &d.link, set(|d, v| d.link = v)) }
                { at.text("pub.note", words::NOTE, &d.note, set(|d, v| d.note = v)) }
                <button id="publication-save" class="primary" type="submit">{ words::PUBLICATION_SAVE.get(l) }</button>
            </form>
            if !message.is_empty() { <p id="publication-notice" role="status">{ (*message).clone() }</p> }
        </section>
    }
}
