//! The follow-up plan (RTL) part of `/admin`: the unit's actions with their progress, proposals
//! from the weakest elements of the latest results, and the form that adds an action or changes
//! one (its status, its evidence). The core checks the draft as it is typed; the server checks
//! it again and decides who may save.

use skm_core::editing::{Draft, FieldProblem};
use skm_core::follow_up::{propose, FollowUpDraft, FollowUpProgress, FollowUpRecord, FollowUpStatus, STATUSES};
use skm_core::{Lang, Period};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::fields::At;
use super::words;
use crate::api::{self, SaveError};

/// Props of [`FollowUpPanel`].
#[derive(Properties, PartialEq)]
pub struct FollowUpProps {
    /// Display language.
    pub lang: Lang,
    /// The unit's code.
    pub unit: String,
    /// The API token, when one is used instead of a session.
    pub token: String,
    /// Today in the unit's zone.
    pub today: String,
}

/// How many weakest elements are proposed.
const PROPOSED: usize = 3;

/// The problems of the draft, as the form's fields are named (`rtl.action`).
fn in_form(problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    problems.into_iter().map(|p| FieldProblem { field: format!("rtl.{}", p.field), ..p }).collect()
}

/// The period a new action follows up by default: the latest results', else the current year.
fn default_period(latest: Option<Period>, today: &str) -> String {
    latest.map(Period::key).unwrap_or_else(|| today.get(..4).unwrap_or_default().to_owned())
}

/// The panel.
#[component]
pub fn FollowUpPanel(props: &FollowUpProps) -> Html {
    let l = props.lang;
    let records = use_state(Vec::<FollowUpRecord>::new);
    let reloads = use_state(|| 0u32);
    let latest = use_state(|| None::<(Period, Vec<skm_core::ikm::RankedElement>)>);
    let draft = use_state(FollowUpDraft::default);
    let editing = use_state(|| None::<i64>);
    let message = use_state(String::new);
    let server_problems = use_state(Vec::<FieldProblem>::new);
    {
        let (records, message) = (records.clone(), message.clone());
        let (unit, token) = (props.unit.clone(), props.token.clone());
        use_effect_with((unit.clone(), token.clone(), *reloads), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match api::records(&token, &unit, api::FOLLOW_UP).await {
                    Ok(list) => records.set(list),
                    Err(SaveError::Unauthorized) => records.set(Vec::new()),
                    Err(e) => message.set(said(e)),
                }
            });
        });
    }
    {
        let (latest, draft, today) = (latest.clone(), draft.clone(), props.today.clone());
        use_effect_with(props.unit.clone(), move |unit| {
            let unit = unit.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let results = api::public_results(&unit).await.ok();
                let found = results.and_then(|r| Some((r.period?.key, r.overall?.weakest)));
                let period = found.as_ref().map(|(p, _)| *p);
                draft.set(FollowUpDraft { period: default_period(period, &today), ..FollowUpDraft::default() });
                latest.set(found);
            });
        });
    }

    let set = |change: fn(&mut FollowUpDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            change(&mut next, value);
            draft.set(next);
        })
    };
    let problems = {
        let mut p = in_form(draft.problems());
        p.extend(server_problems.iter().cloned());
        p
    };
    let at = At { lang: l, problems: &problems };
    let save = {
        let (draft, editing, message, reloads, server_problems) =
            (draft.clone(), editing.clone(), message.clone(), reloads.clone(), server_problems.clone());
        let (unit, token, today) = (props.unit.clone(), props.token.clone(), props.today.clone());
        let period = (*latest).as_ref().map(|(p, _)| *p);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (draft, editing, message, reloads, server_problems) =
                (draft.clone(), editing.clone(), message.clone(), reloads.clone(), server_problems.clone());
            let (unit, token, today, sent) = (unit.clone(), token.clone(), today.clone(), (*draft).clone());
            server_problems.set(Vec::new());
            // The problems are shown beside their fields already; the server would say the same.
            if !sent.problems().is_empty() {
                message.set(words::PROBLEMS.get(l).to_owned());
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_record::<_, FollowUpRecord>(&token, &unit, api::FOLLOW_UP, *editing, &sent).await {
                    Ok(kept) => {
                        message.set(format!("{} #{} · {}", words::FOLLOW_UP_SAVED.get(l), kept.id, kept.draft.action));
                        server_problems.set(Vec::new());
                        editing.set(None);
                        draft.set(FollowUpDraft { period: default_period(period, &today), ..FollowUpDraft::default() });
                        reloads.set(*reloads + 1);
                    }
                    Err(SaveError::Invalid(p)) => server_problems.set(in_form(p)),
                    Err(e) => message.set(said(e)),
                }
            });
        })
    };
    let progress = FollowUpProgress::of(records.iter().map(|r| &r.draft));
    let d = &*draft;
    let status_changed = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(status) = FollowUpStatus::from_code(&code) {
                draft.set(FollowUpDraft { status, ..(*draft).clone() });
            }
        })
    };
    let area = |path: &str, label: skm_core::Text, value: &str, on: Callback<String>| {
        let id = super::fields::id_of(path);
        let oninput = on.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
        html! {
            <div class="field">
                <label for={id.clone()}>{ label.get(l) }</label>
                <textarea id={id} rows="2" value={value.to_owned()} {oninput}
                    aria-invalid={problems.iter().any(|p| p.field == path).then_some("true")} />
                { at.problems(path, false) }
            </div>
        }
    };
    let on_deadline =
        set(|d, v| d.deadline = v).reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());

    html! {
        <section id="follow-up" class="follow-up" aria-labelledby="follow-up-title">
            <h2 id="follow-up-title">{ words::FOLLOW_UP.get(l) }</h2>
            <p class="muted">{ words::FOLLOW_UP_HINT.get(l) }</p>
            if progress.total > 0 {
                <p id="follow-up-progress">{ progress.sentence(l) }</p>
                <ul id="follow-up-list" class="admin-services">
                    { for records.iter().map(|r| {
                        let edit = {
                            let (draft, editing, server_problems, record) =
                                (draft.clone(), editing.clone(), server_problems.clone(), r.clone());
                            Callback::from(move |_: MouseEvent| {
                                server_problems.set(Vec::new());
                                editing.set(Some(record.id));
                                draft.set(record.draft.clone());
                            })
                        };
                        html! {
                            <li class="admin-service" data-follow-up={r.id.to_string()} data-status={r.draft.status.code()}>
                                <div>
                                    <span class="service-name">{ &r.draft.action }</span>
                                    <span class="muted">{ format!(" · {} · {} · {} {}", r.draft.period, r.draft.owner, words::DEADLINE.get(l), r.draft.deadline) }</span>
                                    <span class="status">{ format!(" · {}", r.draft.status.label().get(l)) }</span>
                                </div>
                                <div class="admin-actions">
                                    <button type="button" class="secondary edit" onclick={edit}>{ words::EDIT.get(l) }</button>
                                </div>
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some((period, weakest)) = &*latest {
                <div id="follow-up-proposals">
                    <p class="muted">{ format!("{} {}:", words::PROPOSED.get(l), period.label(l)) }</p>
                    <ul class="admin-services">
                        { for propose(*period, weakest, PROPOSED, l).into_iter().map(|proposal| {
                            let finding = proposal.finding.clone();
                            let use_it = {
                                let (draft, editing) = (draft.clone(), editing.clone());
                                Callback::from(move |_: MouseEvent| {
                                    editing.set(None);
                                    draft.set(proposal.clone());
                                })
                            };
                            html! {
                                <li class="admin-service">
                                    <span>{ finding }</span>
                                    <button type="button" class="secondary propose" onclick={use_it}>{ words::USE_PROPOSAL.get(l) }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }
            <form id="follow-up-form" class="editor" onsubmit={save} novalidate=true>
                <h3>{ if editing.is_some() { words::FOLLOW_UP_CHANGE.get(l) } else { words::FOLLOW_UP_NEW.get(l) } }</h3>
                { at.text("rtl.period", words::PERIOD, &d.period, set(|d, v| d.period = v)) }
                { at.text("rtl.finding", words::FINDING, &d.finding, set(|d, v| d.finding = v)) }
                { area("rtl.action", words::ACTION, &d.action, set(|d, v| d.action = v)) }
                { at.text("rtl.owner", words::OWNER, &d.owner, set(|d, v| d.owner = v)) }
                <div class="field">
                    <label for="f-rtl-deadline">{ words::DEADLINE.get(l) }</label>
                    <input id="f-rtl-deadline" type="date" value={d.deadline.clone()} oninput={on_deadline}
                        aria-invalid={problems.iter().any(|p| p.field == "rtl.deadline").then_some("true")} />
                    { at.problems("rtl.deadline", false) }
                </div>
                <div class="field">
                    <label for="f-rtl-status">{ words::STATUS.get(l) }</label>
                    <select id="f-rtl-status" onchange={status_changed}>
                        { for STATUSES.iter().map(|s| html! {
                            <option value={s.code()} selected={*s == d.status}>{ s.label().get(l) }</option>
                        }) }
                    </select>
                </div>
                { area("rtl.evidence", words::EVIDENCE, &d.evidence, set(|d, v| d.evidence = v)) }
                <button id="follow-up-save" class="primary" type="submit">{ words::FOLLOW_UP_SAVE.get(l) }</button>
            </form>
            if !message.is_empty() { <p id="follow-up-notice" role="status">{ (*message).clone() }</p> }
        </section>
    }
}

fn said(e: SaveError) -> String {
    match e {
        SaveError::Unauthorized => format!("{} / {}", words::WRONG_TOKEN.id, words::WRONG_TOKEN.en),
        SaveError::Invalid(p) => p.into_iter().map(|p| p.message_en).collect::<Vec<_>>().join("; "),
        SaveError::Other(e) => format!("{} / {}", e.message_id, e.message_en),
    }
}
