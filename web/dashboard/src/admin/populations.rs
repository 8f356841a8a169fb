//! The sampling plan part of `/admin`: the number of people each service served in an SKM
//! period (its population N), typed from the counter's register, and the Krejcie–Morgan sample
//! it asks for. The core checks each number as it is typed; the server checks it again.

use std::collections::BTreeMap;

use skm_core::editing::{Draft, FieldProblem};
use skm_core::sample::krejcie_morgan;
use skm_core::sampling::{PopulationDraft, PopulationRecord, SamplingPlan};
use skm_core::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fields::{id_of, At};
use super::words;
use crate::api::{self, SaveError};

/// Props of [`PopulationsPanel`].
#[derive(Properties, PartialEq)]
pub struct PopulationsProps {
    /// Display language.
    pub lang: Lang,
    /// The unit's code.
    pub unit: String,
    /// The API token, when one is used instead of a session.
    pub token: String,
}

/// The population entered for `service` in `period`.
fn kept<'r>(records: &'r [PopulationRecord], period: &str, service: &str) -> Option<&'r PopulationRecord> {
    records.iter().find(|r| r.draft.period == period && r.draft.service == service)
}

/// The drafts the typed numbers make, with the record each changes; the problems of the others.
fn drafts(
    records: &[PopulationRecord],
    period: &str,
    typed: &BTreeMap<String, String>,
) -> (Vec<(Option<i64>, PopulationDraft)>, Vec<FieldProblem>) {
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    for (service, text) in typed {
        let field = format!("pop.{service}");
        // A field left empty says nothing (a kept population is corrected, never deleted).
        if text.trim().is_empty() {
            continue;
        }
        let Ok(population) = text.trim().parse::<u64>() else {
            problems.push(FieldProblem::new(
                &field,
                format!("'{text}' bukan bilangan bulat"),
                format!("'{text}' is not a whole number"),
            ));
            continue;
        };
        let before = kept(records, period, service);
        let note = before.map(|r| r.draft.note.clone()).unwrap_or_default();
        let draft = PopulationDraft { period: period.to_owned(), service: service.clone(), population, note }.cleaned();
        let mine = draft.problems();
        if mine.is_empty() {
            if before.is_none_or(|r| r.draft != draft) {
                out.push((before.map(|r| r.id), draft));
            }
        } else {
            let named = |p: FieldProblem| match p.field.as_str() {
                "period" => FieldProblem { field: "pop.period".to_owned(), ..p },
                _ => FieldProblem { field: field.clone(), ..p },
            };
            problems.extend(mine.into_iter().map(named));
        }
    }
    (out, problems)
}

/// The panel.
#[component]
pub fn PopulationsPanel(props: &PopulationsProps) -> Html {
    let l = props.lang;
    let plan = use_state(|| None::<SamplingPlan>);
    let records = use_state(Vec::<PopulationRecord>::new);
    let reloads = use_state(|| 0u32);
    let period = use_state(String::new);
    let typed = use_state(BTreeMap::<String, String>::new);
    let message = use_state(String::new);
    let problems = use_state(Vec::<FieldProblem>::new);
    {
        let (plan, records) = (plan.clone(), records.clone());
        use_effect_with((props.unit.clone(), props.token.clone(), *reloads), move |(unit, token, _)| {
            let (unit, token) = (unit.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (got, kept) =
                    futures::join!(api::sampling(&token, &unit), api::records(&token, &unit, api::POPULATIONS));
                records.set(kept.unwrap_or_default());
                plan.set(got.ok());
            });
        });
    }
    // Not allowed to read the unit, or not answered: no panel.
    let Some(p) = &*plan else { return html! {} };
    let current = p.period.key();
    let key = if period.trim().is_empty() { current.clone() } else { period.trim().to_owned() };
    let save = {
        let (typed, message, reloads, problems, records) =
            (typed.clone(), message.clone(), reloads.clone(), problems.clone(), records.clone());
        let (unit, token, key) = (props.unit.clone(), props.token.clone(), key.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (sends, found) = drafts(&records, &key, &typed);
            if !found.is_empty() {
                problems.set(found);
                message.set(words::PROBLEMS.get(l).to_owned());
                return;
            }
            problems.set(Vec::new());
            let (typed, message, reloads, problems) =
                (typed.clone(), message.clone(), reloads.clone(), problems.clone());
            let (unit, token) = (unit.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (mut saved, mut refused) = (0, Vec::new());
                for (id, draft) in &sends {
                    let field = format!("pop.{}", draft.service);
                    match api::save_record::<_, PopulationRecord>(&token, &unit, api::POPULATIONS, *id, draft).await {
                        Ok(_) => saved += 1,
                        Err(SaveError::Invalid(p)) => {
                            refused.extend(p.into_iter().map(|p| FieldProblem { field: field.clone(), ..p }))
                        }
                        Err(SaveError::Unauthorized) => refused.push(FieldProblem::new(
                            &field,
                            words::WRONG_TOKEN.id.into(),
                            words::WRONG_TOKEN.en.into(),
                        )),
                        Err(SaveError::Other(e)) => refused.push(FieldProblem::new(&field, e.message_id, e.message_en)),
                    }
                }
                message.set(format!("{}: {saved}", words::FOLLOW_UP_SAVED.get(l)));
                if refused.is_empty() {
                    typed.set(BTreeMap::new());
                }
                problems.set(refused);
                reloads.set(*reloads + 1);
            });
        })
    };
    let on_period = {
        let (period, typed) = (period.clone(), typed.clone());
        Callback::from(move |value: String| {
            period.set(value);
            typed.set(BTreeMap::new());
        })
    };
    let at = At { lang: l, problems: &problems };
    let left = format!(
        "{}: {} – {} · {} {} ({} {})",
        p.period.label(l),
        p.first_day,
        p.last_day,
        p.days_left,
        words::DAYS_LEFT.get(l),
        p.working_days_left,
        words::WORKING_DAYS.get(l)
    );
    html! {
        <section id="populations" class="follow-up" aria-labelledby="populations-title">
            <h2 id="populations-title">{ words::SAMPLING.get(l) }</h2>
            <p class="muted">{ words::SAMPLING_HINT.get(l) }</p>
            <p id="sampling-period">{ left }</p>
            <form id="population-form" class="editor" onsubmit={save} novalidate=true>
                { at.text("pop.period", words::PERIOD, &key, on_period) }
                { for p.services.iter().map(|s| {
                    let path = format!("pop.{}", s.service);
                    let entered = kept(&records, &key, &s.service).map(|r| r.draft.population.to_string());
                    let value = typed.get(&s.service).cloned().or(entered).unwrap_or_default();
                    let required = value.trim().parse::<u64>().ok().map(krejcie_morgan);
                    let so_far = (key == current).then(|| format!(" · {} {}", s.respondents, words::RESPONDENTS_SO_FAR.get(l)));
                    let oninput = {
                        let (typed, code) = (typed.clone(), s.service.clone());
                        Callback::from(move |e: InputEvent| {
                            let mut next = (*typed).clone();
                            next.insert(code.clone(), e.target_unchecked_into::<HtmlInputElement>().value());
                            typed.set(next);
                        })
                    };
                    html! {
                        <div class="field" data-service={s.service.clone()}>
                            <label for={id_of(&path)}>{ format!("{} (N)", s.name) }</label>
                            <input id={id_of(&path)} type="number" min="0" inputmode="numeric" value={value} {oninput}
                                aria-invalid={problems.iter().any(|p| p.field == path).then_some("true")} />
                            <p class="muted sample-required" data-required={required.map(|r| r.to_string())}>
                                { match required {
                                    Some(r) => format!("{}: {r}", words::SAMPLE_REQUIRED.get(l)),
                                    None => words::NO_POPULATION.get(l).to_owned(),
                                } }
                                { so_far.unwrap_or_default() }
                            </p>
                            { at.problems(&path, false) }
                        </div>
                    }
                }) }
                <button id="population-save" class="primary" type="submit">{ words::POPULATION_SAVE.get(l) }</button>
            </form>
            if !message.is_empty() { <p id="population-notice" role="status">{ (*message).clone() }</p> }
        </section>
    }
}
