//! The survey of one service, one screen at a time: consent, profile, the nine questions,
//! suggestion, review, send, thanks. The answers are kept as the respondent goes (`draft`);
//! each screen has its own URL fragment (`step`), so back and forward keep every answer.

mod draft;
mod screens;
mod step;

use skm_core::{Lang, ELEMENTS};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::{self, ApiError, ServiceInfo};
use crate::texts;
use draft::Form;
use screens::Screen;
use step::Step;

/// Props of [`SurveyPage`].
#[derive(Properties, PartialEq)]
pub struct SurveyProps {
    /// Display language.
    pub lang: Lang,
    /// Unit code from the URL, if it names one.
    pub unit: Option<String>,
    /// Service code from the URL.
    pub service: String,
    /// Told the unit's default language once its settings are known.
    pub unit_language: Callback<Lang>,
}

/// What the page knows of the service asked for.
#[derive(Debug, Clone, PartialEq)]
enum Found {
    /// Offered today: the survey is shown.
    Offered(ServiceInfo),
    /// Not offered (unknown or retired): the unit's services instead, or every service when
    /// the unit is not known either.
    Elsewhere(Vec<ServiceInfo>),
}

/// The service asked for among those offered today.
fn find(list: Vec<ServiceInfo>, unit: Option<&str>, service: &str) -> Found {
    let matches = |s: &ServiceInfo| s.code == service && unit.is_none_or(|u| s.unit_code == u);
    let mut hits = list.iter().filter(|s| matches(s));
    if let (Some(hit), None) = (hits.next(), hits.next()) {
        return Found::Offered(hit.clone());
    }
    let of_unit: Vec<ServiceInfo> = list.iter().filter(|s| unit.is_some_and(|u| s.unit_code == u)).cloned().collect();
    Found::Elsewhere(if of_unit.is_empty() { list } else { of_unit })
}

/// How long a tapped answer shows as chosen before the next screen.
const ADVANCE_AFTER_MS: i32 = 450;

/// Where the submission stands.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Editing,
    /// The respondent tried to go on without what this screen needs.
    Hint(skm_core::Text),
    Sending,
    Sent(Receipt),
    /// Kept on the device; it goes out when the server can be reached.
    Queued(Receipt),
    /// Kept on the device first, and delivered since, while the thanks was on screen.
    Delivered(Receipt),
    Failed(ApiError),
}

/// What the respondent keeps of a submission: its ID and the day it was made.
#[derive(Debug, Clone, PartialEq)]
struct Receipt {
    id: String,
    day: jiff::civil::Date,
}

impl Receipt {
    /// A receipt dated today by the device's clock.
    fn today(id: String) -> Receipt {
        Receipt { id, day: skm_web::clock::today() }
    }

    /// The short code to read out, the date, and the whole ID.
    fn view(&self, l: Lang) -> Html {
        html! {
            <>
                <dl class="receipt">
                    if !self.id.is_empty() {
                        <div>
                            <dt>{ texts::RECEIPT_CODE.get(l) }</dt>
                            <dd id="receipt-code">{ skm_core::response::receipt_code(&self.id) }</dd>
                        </div>
                    }
                    <div>
                        <dt>{ texts::RECEIPT_DATE.get(l) }</dt>
                        <dd id="receipt-date">{ skm_core::format::date_long(self.day, l) }</dd>
                    </div>
                </dl>
                if !self.id.is_empty() {
                    <p class="muted">{ texts::RECEIPT_HINT.get(l) }</p>
                    <p class="muted">{ texts::RECEIPT.get(l) }{ ": " }<code id="receipt">{ &self.id }</code></p>
                }
            </>
        }
    }
}

fn location_fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Puts a screen in the address bar: a new history entry, or in place of the current one.
fn show_in_url(step: Step, push: bool) {
    let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
    let fragment = step.fragment();
    if location_fragment() == fragment {
        return;
    }
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&fragment))
    };
}

fn focus_heading() {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("step-heading")) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// The survey of one service.
#[component]
pub fn SurveyPage(props: &SurveyProps) -> Html {
    let l = props.lang;
    // The draft belongs to the unit's service.
    let code = match &props.unit {
        Some(unit) => format!("{unit}/{}", props.service),
        None => props.service.clone(),
    };
    let form = use_state({
        let code = code.clone();
        move || draft::load(&code)
    });
    // The screen the URL asks for; what is shown is this, or the furthest the answers allow.
    let asked = use_state(|| Step::from_fragment(&location_fragment()));
    let step = asked.within(&form);
    // Editing from the review returns there with one press.
    let from_review = use_state(|| false);
    let status = use_state(|| Status::Editing);
    let service = use_state(|| None::<Found>);
    // The unit's survey settings: its introduction, and whether the profile is asked.
    let settings = use_state(skm_core::unit::SurveySettings::default);
    let kiosk = use_memo((), |_| crate::kiosk::enabled());
    let last_touch = use_mut_ref(crate::kiosk::now_ms);
    // Set from the first click on «Kirim» until the server has answered: the clicks that come
    // before the page shows «Mengirim…» (a double tap, a stuck key) send nothing more.
    let in_flight = use_mut_ref(|| false);
    let latest = use_mut_ref(Form::default);
    *latest.borrow_mut() = (*form).clone();

    // Every change is kept on the device at once.
    {
        let code = code.clone();
        use_effect_with((*form).clone(), move |f| draft::save(&code, f));
    }
    // The address bar follows the screen; back and forward in the browser move between screens.
    {
        let asked = asked.clone();
        use_effect_with((), move |_| {
            let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                asked.set(Step::from_fragment(&location_fragment()));
            });
            if let Some(window) = web_sys::window() {
                let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            }
            on_pop.forget();
        });
    }
    {
        let first = use_mut_ref(|| true);
        let asked = asked.clone();
        use_effect_with(step, move |step| {
            // A screen asked for beyond the answers is replaced by the one shown, so answering
            // it does not jump ahead on its own.
            if *asked != *step {
                asked.set(*step);
            }
            show_in_url(*step, false);
            // A new screen takes the focus to its heading, for keyboards and screen readers; the
            // first one leaves the page as it loaded.
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                focus_heading();
            }
        });
    }
    // The unit's language, once its settings are known.
    let unit_lang = use_mut_ref(|| None::<Lang>);
    let reset = {
        let (form, asked, status, from_review) = (form.clone(), asked.clone(), status.clone(), from_review.clone());
        let (unit_lang, unit_language, kiosk) = (unit_lang.clone(), props.unit_language.clone(), *kiosk);
        move || {
            // The next respondent at a kiosk starts in the unit's language, whatever the last chose.
            if kiosk {
                skm_web::lang::forget();
                unit_language.emit(unit_lang.borrow().unwrap_or_default());
            }
            draft::clear();
            form.set(Form::default());
            from_review.set(false);
            asked.set(Step::Intro);
            status.set(Status::Editing);
            show_in_url(Step::Intro, false);
        }
    };
    // Kiosk: the next respondent gets the first screen a few seconds after the thanks…
    {
        let (reset, kiosk) = (reset.clone(), *kiosk);
        use_effect_with((*status).clone(), move |current| {
            if kiosk && matches!(current, Status::Sent(_) | Status::Queued(_)) {
                crate::kiosk::after(crate::kiosk::RESET_AFTER_THANKS_MS, reset);
            }
        });
    }
    // …and a half-filled survey left alone for two minutes is cleared.
    {
        let (reset, kiosk, last_touch, latest) = (reset.clone(), *kiosk, last_touch.clone(), latest.clone());
        use_effect_with((), move |_| {
            if kiosk {
                if let Some(window) = web_sys::window() {
                    let tick = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                        let idle = crate::kiosk::now_ms() - *last_touch.borrow();
                        if idle > crate::kiosk::IDLE_RESET_MS && *latest.borrow() != Form::default() {
                            reset();
                        }
                    });
                    let _ = window
                        .set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 10_000);
                    tick.forget();
                }
            }
        });
    }
    // An answer kept on the device: the thanks says so once the outbox has delivered it.
    {
        let status = status.clone();
        use_effect_with((*status).clone(), move |current| {
            let mut watching = None;
            // (Without an ID, from a browser that cannot make one, there is nothing to watch.)
            let queued = match current {
                Status::Queued(receipt) if !receipt.id.is_empty() => Some(receipt.clone()),
                _ => None,
            };
            if let (Some(receipt), Some(window)) = (queued, web_sys::window()) {
                let watch = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                    if !crate::outbox::is_waiting(&receipt.id) {
                        status.set(Status::Delivered(receipt.clone()));
                    }
                });
                let handle = window
                    .set_interval_with_callback_and_timeout_and_arguments_0(watch.as_ref().unchecked_ref(), 1_000)
                    .ok();
                watching = handle.map(|h| (window, h, watch));
            }
            move || {
                if let Some((window, handle, _watch)) = watching {
                    window.clear_interval_with_handle(handle);
                }
            }
        });
    }
    {
        let (settings, unit_language, unit_lang) = (settings.clone(), props.unit_language.clone(), unit_lang.clone());
        use_effect_with(props.unit.clone(), move |unit| {
            let unit = unit.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(code) = unit else { return };
                if let Some(info) = api::units().await.ok().and_then(|list| list.into_iter().find(|u| u.code == code)) {
                    *unit_lang.borrow_mut() = Some(info.survey.language);
                    unit_language.emit(info.survey.language);
                    settings.set(info.survey);
                }
            });
        });
    }
    {
        // The list of every service (kept by the service worker for offline opening) tells
        // whether this one is offered today.
        let service = service.clone();
        use_effect_with((props.unit.clone(), props.service.clone()), move |(unit, code)| {
            let (unit, code) = (unit.clone(), code.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let list = api::services().await.unwrap_or_default();
                service.set(Some(find(list, unit.as_deref(), &code)));
            });
        });
    }

    if let Status::Sent(receipt) | Status::Queued(receipt) | Status::Delivered(receipt) = &*status {
        let (id, note) = match &*status {
            Status::Queued(_) => ("queued", html! { <p id="queued-note">{ texts::QUEUED.get(l) }</p> }),
            Status::Delivered(_) => ("thanks", html! { <p id="delivered">{ texts::DELIVERED.get(l) }</p> }),
            _ => ("thanks", html! {}),
        };
        return html! {
            <main class={classes!("page", kiosk.then_some("kiosk"))}>
                <div id={id} class="thanks" role="status">
                    <h1>{ texts::THANKS.get(l) }</h1>
                    { note }
                    { receipt.view(l) }
                    if !*kiosk { <p><a class="back-link" href="/">{ texts::BACK_HOME.get(l) }</a></p> }
                </div>
            </main>
        };
    }
    let heading = match &*service {
        None => html! { <p>{ texts::LOADING.get(l) }</p> },
        Some(Found::Elsewhere(others)) => {
            // Never a survey that cannot be sent: the services that can be chosen instead.
            return html! {
                <main class="page">
                    <p id="unknown-service" class="error" role="alert">{ texts::UNKNOWN_SERVICE.get(l) }</p>
                    <h1>{ texts::CHOOSE_SERVICE.get(l) }</h1>
                    <crate::home::ServiceList lang={l} services={others.clone()} />
                </main>
            };
        }
        Some(Found::Offered(s)) => html! {
            <>
                <p class="service-unit">{ &s.unit }</p>
                <h1 id="service-name">{ s.name_in(l) }</h1>
            </>
        },
    };
    let unit_code = match &*service {
        Some(Found::Offered(s)) => Some(s.unit_code.clone()).filter(|c| !c.is_empty()),
        _ => None,
    };

    let go = {
        let (asked, status, from_review) = (asked.clone(), status.clone(), from_review.clone());
        Callback::from(move |to: Step| {
            if to == Step::Review {
                from_review.set(false);
            }
            status.set(Status::Editing);
            show_in_url(to, true);
            asked.set(to);
        })
    };
    let set = {
        let (form, status) = (form.clone(), status.clone());
        Callback::from(move |next: Form| {
            if matches!(*status, Status::Hint(_)) {
                status.set(Status::Editing);
            }
            form.set(next);
        })
    };
    let edit = {
        let (go, from_review) = (go.clone(), from_review.clone());
        Callback::from(move |to: Step| {
            go.emit(to);
            from_review.set(true);
        })
    };
    let send = {
        let (form, status, code) = (form.clone(), status.clone(), code.clone());
        let service_code = props.service.clone();
        let in_flight = in_flight.clone();
        move || {
            if *in_flight.borrow() {
                return;
            }
            let Some(mut submission) = form.submission(&service_code) else {
                status.set(Status::Hint(texts::ANSWER_ALL));
                return;
            };
            submission.unit = unit_code.clone();
            submission.client_id = crate::outbox::new_client_id();
            submission.via = skm_web::via::channel();
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
            *in_flight.borrow_mut() = true;
            // From here the outbox owns the answers: the draft is done with.
            crate::outbox::add(&submission);
            draft::clear();
            let (status, form, code, in_flight) = (status.clone(), form.clone(), code.clone(), in_flight.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = api::submit(&submission).await;
                *in_flight.borrow_mut() = false;
                match outcome {
                    Ok(created) => {
                        crate::outbox::remove(submission.client_id.as_deref());
                        status.set(Status::Sent(Receipt::today(created.id)));
                    }
                    Err(api::SubmitError::Refused(e)) => {
                        crate::outbox::remove(submission.client_id.as_deref());
                        // Refused for good: the answers stay on screen and on the device.
                        draft::save(&code, &form);
                        status.set(Status::Failed(e));
                        return;
                    }
                    Err(api::SubmitError::Retry(_)) => {
                        status.set(Status::Queued(Receipt::today(submission.client_id.unwrap_or_default())))
                    }
                }
                form.set(Form::default());
            });
        }
    };
    let skip_profile = !settings.ask_profile;
    let on_next = {
        let (form, status, go, from_review, set) =
            (form.clone(), status.clone(), go.clone(), *from_review, set.clone());
        let kiosk = *kiosk;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let f = &*form;
            let missing = match step {
                Step::Profile if !f.age_ok() => Some(texts::AGE_INVALID),
                Step::Question(e) if f.scores[e.index()].is_none() => Some(texts::PICK_ONE),
                _ => None,
            };
            if let Some(hint) = missing {
                status.set(Status::Hint(hint));
                return;
            }
            match step {
                Step::Intro => {
                    if kiosk {
                        crate::kiosk::full_screen();
                    }
                    let mut next = f.clone();
                    next.consented = true;
                    set.emit(next);
                    go.emit(if skip_profile { Step::Question(ELEMENTS[0]) } else { Step::Profile });
                }
                Step::Review => send(),
                _ if from_review && Step::furthest(f) == Step::Review => go.emit(Step::Review),
                _ => go.emit(step.next()),
            }
        })
    };
    let on_back = go.reform(move |_: MouseEvent| match step.back() {
        Step::Profile if skip_profile => Step::Intro,
        before => before,
    });

    let message = match &*status {
        Status::Hint(hint) if *hint == texts::AGE_INVALID => html! {
            <p id="form-error" class="error" role="alert">
                { format!("{} {}–{} {}", hint.get(l), skm_core::profile::AGE_RANGE.start(),
                    skm_core::profile::AGE_RANGE.end(), texts::AGE_INVALID_END.get(l)) }
            </p>
        },
        Status::Hint(hint) => html! { <p id="form-error" class="error" role="alert">{ hint.get(l) }</p> },
        Status::Failed(e) => html! {
            <p id="form-error" class="error" role="alert">
                { texts::SEND_FAILED.get(l) }{ ": " }
                { e.field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default() }
                { if l == Lang::Id { &e.message_id } else { &e.message_en } }
            </p>
        },
        _ => html! {},
    };
    // An answer tapped shows as chosen for a moment, then the survey moves on as «Lanjut» would,
    // unless the respondent has left the screen meanwhile.
    let advance = Callback::from(move |()| {
        let fragment = step.fragment();
        crate::kiosk::after(ADVANCE_AFTER_MS, move || {
            let next = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&format!("form[data-step='{fragment}'] #next")).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(next) = next {
                next.click();
            }
        });
    });
    let screen = Screen { lang: l, form: &form, set, edit, advance };
    let body = match step {
        Step::Intro => html! {
            <>
                if let Some(text) = &settings.introduction {
                    <p id="unit-introduction" class="introduction">{ text }</p>
                }
                { screen.intro() }
            </>
        },
        Step::Profile => screen.profile(),
        Step::Question(e) => screen.question(e),
        Step::Suggestion => screen.suggestion(),
        Step::Review => screen.review(),
    };
    let sending = *status == Status::Sending;
    let (next_id, next_label) = match step {
        Step::Intro => ("start", skm_core::consent::START.get(l)),
        Step::Review if sending => ("submit", texts::SENDING.get(l)),
        Step::Review => ("submit", texts::SUBMIT.get(l)),
        _ if *from_review && Step::furthest(&form) == Step::Review => ("next", texts::TO_REVIEW.get(l)),
        _ => ("next", texts::NEXT.get(l)),
    };
    let progress = (step != Step::Intro).then(|| {
        html! {
            <div class="progress-wrap">
                <progress id="progress-bar" max={(step::COUNT - 1).to_string()} value={step.index().to_string()}
                    aria-label={texts::PROGRESS.get(l)} />
                <p class="progress" id="progress">{ format!("{}/{} {}", form.answered(), ELEMENTS.len(), texts::ANSWERED.get(l)) }</p>
            </div>
        }
    });
    let touched = {
        let last_touch = last_touch.clone();
        Callback::from(move |_: Event| *last_touch.borrow_mut() = crate::kiosk::now_ms())
    };
    html! {
        <main class={classes!("page", "survey", kiosk.then_some("kiosk"))} onchange={touched.clone()}
            oninput={touched.reform(|e: InputEvent| e.into())}>
            { heading }
            { for progress }
            <form onsubmit={on_next} novalidate=true data-step={step.fragment()}>
                { body }
                // The next action stays on screen however long the screen is.
                <div class="action-bar">
                    { message }
                    <div class="nav">
                        if step != Step::Intro && step != Step::Review || (step == Step::Review && !sending) {
                            <button id="back" class="secondary" type="button" onclick={on_back}>{ texts::BACK.get(l) }</button>
                        }
                        <button id={next_id} class="primary" type="submit" disabled={sending}>{ next_label }</button>
                    </div>
                </div>
            </form>
        </main>
    }
}
