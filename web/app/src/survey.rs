//! The survey page of one service: profile, the nine questions, suggestion, submit.

use skm_core::profile::{self, Choice, Profile};
use skm_core::response::{Submission, MAX_SUGGESTION_CHARS};
use skm_core::{Lang, ELEMENTS};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, ApiError, ServiceInfo};
use crate::texts;

/// Props of [`SurveyPage`].
#[derive(Properties, PartialEq)]
pub struct SurveyProps {
    /// Display language.
    pub lang: Lang,
    /// Service code from the URL.
    pub service: String,
}

/// What the respondent has entered so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct Form {
    scores: [Option<u8>; 9],
    profile: Profile,
    suggestion: String,
}

/// Where the submission stands.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Editing,
    Incomplete,
    Sending,
    Sent(String),
    /// Kept on the device; it goes out when the server can be reached.
    Queued,
    Failed(ApiError),
}

impl Form {
    /// The submission, once all nine questions are answered. Trimming the suggestion is the
    /// core's rule (`Submission::validate`), applied on both sides.
    fn submission(&self, service: &str) -> Option<Submission> {
        let mut scores = [0u8; 9];
        for (score, answer) in scores.iter_mut().zip(self.scores) {
            *score = answer?;
        }
        Some(Submission {
            profile: self.profile.clone(),
            suggestion: (!self.suggestion.is_empty()).then(|| self.suggestion.clone()),
            ..Submission::from_scores(service, scores)
        })
    }
}

/// The survey of one service.
#[component]
pub fn SurveyPage(props: &SurveyProps) -> Html {
    let l = props.lang;
    let form = use_state(Form::default);
    let status = use_state(|| Status::Editing);
    let service = use_state(|| None::<Option<ServiceInfo>>);
    let kiosk = use_memo((), |_| crate::kiosk::enabled());
    let last_touch = use_mut_ref(crate::kiosk::now_ms);
    // Kiosk: the next respondent gets an empty form a few seconds after the thanks…
    {
        let (form, status, kiosk) = (form.clone(), status.clone(), *kiosk);
        use_effect_with((*status).clone(), move |current| {
            if kiosk && matches!(current, Status::Sent(_) | Status::Queued) {
                crate::kiosk::after(crate::kiosk::RESET_AFTER_THANKS_MS, move || {
                    form.set(Form::default());
                    status.set(Status::Editing);
                });
            }
        });
    }
    // …and a half-filled form left alone for two minutes is cleared.
    {
        let (form, status, kiosk, last_touch) = (form.clone(), status.clone(), *kiosk, last_touch.clone());
        use_effect_with((), move |_| {
            if kiosk {
                if let Some(window) = web_sys::window() {
                    let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                        let idle = crate::kiosk::now_ms() - *last_touch.borrow();
                        if idle > crate::kiosk::IDLE_RESET_MS && *form != Form::default() {
                            form.set(Form::default());
                            status.set(Status::Editing);
                        }
                    });
                    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
                        wasm_bindgen::JsCast::unchecked_ref(tick.as_ref()),
                        10_000,
                    );
                    tick.forget();
                }
            }
        });
    }
    {
        let service = service.clone();
        let code = props.service.clone();
        use_effect_with(code.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let found = api::services().await.ok().and_then(|list| list.into_iter().find(|s| s.code == code));
                service.set(Some(found));
            });
        });
    }

    if *status == Status::Queued {
        return html! {
            <main class="page">
                <div id="queued" class="thanks" role="status">
                    <h1>{ texts::THANKS.get(l) }</h1>
                    <p>{ texts::QUEUED.get(l) }</p>
                </div>
            </main>
        };
    }
    if let Status::Sent(id) = &*status {
        return html! {
            <main class="page">
                <div id="thanks" class="thanks">
                    <h1>{ texts::THANKS.get(l) }</h1>
                    <p>{ texts::RECEIPT.get(l) }{ ": " }<code id="receipt">{ id }</code></p>
                </div>
            </main>
        };
    }
    let heading = match &*service {
        None => html! { <p>{ texts::LOADING.get(l) }</p> },
        Some(None) => html! { <p class="error">{ texts::UNKNOWN_SERVICE.get(l) }</p> },
        Some(Some(s)) => html! {
            <>
                <p class="service-unit">{ &s.unit }</p>
                <h1 id="service-name">{ s.name_in(l) }</h1>
            </>
        },
    };

    let set_score = |index: usize, score: u8| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            next.scores[index] = Some(score);
            form.set(next);
        })
    };
    let questions = ELEMENTS.iter().map(|&e| {
        let text = e.text();
        let current = form.scores[e.index()];
        html! {
            <fieldset class="question" id={format!("q-{}", e.column())}>
                <legend><span class="qid">{ e.id() }</span>{ " " }{ text.name.get(l) }</legend>
                <p class="qtext">{ text.question.get(l) }</p>
                <div class="answers">
                    { for (1..=4u8).map(|score| {
                        let selected = current == Some(score);
                        html! {
                            <label class={classes!("answer", selected.then_some("selected"))}>
                                <input type="radio" name={e.column()} value={score.to_string()}
                                    checked={selected} onchange={set_score(e.index(), score)} />
                                <span>{ e.text().answers[usize::from(score - 1)].get(l) }</span>
                            </label>
                        }
                    }) }
                </div>
            </fieldset>
        }
    });
    let answered = form.scores.iter().filter(|s| s.is_some()).count();

    let profile_select = |id: &'static str, label: skm_core::Text, options: Html, apply: fn(&mut Profile, &str)| {
        let form = form.clone();
        let onchange = Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let mut next = (*form).clone();
            apply(&mut next.profile, &value);
            form.set(next);
        });
        html! {
            <label class="field" for={id}>
                <span>{ label.get(l) }</span>
                <select id={id} {onchange}>
                    { options }
                </select>
            </label>
        }
    };
    // The chosen option (or the placeholder) is marked explicitly: Yew inserts a list's children
    // last-first, and a <select> with nothing marked keeps the first option inserted, the last one.
    fn options<T: Copy + PartialEq>(choices: &[Choice<T>], current: Option<T>, l: Lang) -> Html {
        let placeholder = html! { <option value="" selected={current.is_none()}>{ texts::CHOOSE.get(l) }</option> };
        std::iter::once(placeholder)
            .chain(choices.iter().map(|c| {
                html! { <option value={c.code} selected={current == Some(c.value)}>{ c.label.get(l) }</option> }
            }))
            .collect()
    }
    let on_age = {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut next = (*form).clone();
            next.profile.age = value.trim().parse().ok();
            form.set(next);
        })
    };
    let on_suggestion = {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*form).clone();
            next.suggestion = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            form.set(next);
        })
    };
    let on_submit = {
        let form = form.clone();
        let status = status.clone();
        let code = props.service.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(mut submission) = form.submission(&code) else {
                status.set(Status::Incomplete);
                return;
            };
            submission.client_id = crate::outbox::new_client_id();
            // The core's rules first, so an invalid answer never leaves the phone.
            if let Err(err) = submission.validate(|_| true) {
                status.set(Status::Failed(ApiError {
                    field: Some(err.field),
                    message_id: err.message_id,
                    message_en: err.message_en,
                }));
                return;
            }
            status.set(Status::Sending);
            let status = status.clone();
            crate::outbox::add(&submission);
            wasm_bindgen_futures::spawn_local(async move {
                match api::submit(&submission).await {
                    Ok(created) => {
                        crate::outbox::remove(submission.client_id.as_deref());
                        status.set(Status::Sent(created.id));
                    }
                    Err(api::SubmitError::Refused(e)) => {
                        crate::outbox::remove(submission.client_id.as_deref());
                        status.set(Status::Failed(e));
                    }
                    Err(api::SubmitError::Retry(_)) => status.set(Status::Queued),
                }
            });
        })
    };
    let message = match &*status {
        Status::Incomplete => html! { <p id="form-error" class="error" role="alert">{ texts::ANSWER_ALL.get(l) }</p> },
        Status::Failed(e) => html! {
            <p id="form-error" class="error" role="alert">
                { texts::SEND_FAILED.get(l) }{ ": " }
                { e.field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default() }
                { if l == Lang::Id { &e.message_id } else { &e.message_en } }
            </p>
        },
        _ => html! {},
    };
    let sending = *status == Status::Sending;
    let p = &form.profile;
    let touched = {
        let last_touch = last_touch.clone();
        Callback::from(move |_: Event| *last_touch.borrow_mut() = crate::kiosk::now_ms())
    };
    html! {
        <main class={classes!("page", "survey", kiosk.then_some("kiosk"))} onchange={touched.clone()} oninput={touched.reform(|e: InputEvent| e.into())}>
            { heading }
            <form onsubmit={on_submit} novalidate=true>
                <section class="profile">
                    <h2>{ texts::PROFILE.get(l) }</h2>
                    { profile_select("gender", profile::labels::GENDER, options(&profile::GENDERS, p.gender, l),
                        |p, v| p.gender = profile::choice_by_code(&profile::GENDERS, v)) }
                    <label class="field" for="age">
                        <span>{ profile::labels::AGE.get(l) }</span>
                        <input id="age" type="number" inputmode="numeric"
                            min={profile::AGE_RANGE.start().to_string()} max={profile::AGE_RANGE.end().to_string()}
                            onchange={on_age} />
                    </label>
                    { profile_select("education", profile::labels::EDUCATION, options(&profile::EDUCATIONS, p.education, l),
                        |p, v| p.education = profile::choice_by_code(&profile::EDUCATIONS, v)) }
                    { profile_select("occupation", profile::labels::OCCUPATION, options(&profile::OCCUPATIONS, p.occupation, l),
                        |p, v| p.occupation = profile::choice_by_code(&profile::OCCUPATIONS, v)) }
                </section>
                <section>
                    <h2>{ texts::QUESTIONS.get(l) }</h2>
                    <p class="progress" id="progress">{ format!("{answered}/9 {}", texts::ANSWERED.get(l)) }</p>
                    { for questions }
                </section>
                <label class="field" for="suggestion">
                    <span>{ profile::labels::SUGGESTION.get(l) }</span>
                    <textarea id="suggestion" rows="3" maxlength={MAX_SUGGESTION_CHARS.to_string()}
                        value={form.suggestion.clone()} oninput={on_suggestion} />
                </label>
                { message }
                <button id="submit" class="primary" type="submit" disabled={sending}>
                    { if sending { texts::SENDING.get(l) } else { texts::SUBMIT.get(l) } }
                </button>
            </form>
        </main>
    }
}
