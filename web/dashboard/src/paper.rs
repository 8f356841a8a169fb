//! `/kertas`: the operator's screen for paper questionnaires, made for the keyboard alone. The
//! day on the sheets and the service are set once for a stack; then for each sheet the serial
//! number, Tab, the nine answers typed as digits (`344343434`), Tab through the profile, Enter to
//! save, and the cursor is back on the serial number for the next sheet. A sheet typed twice is
//! refused by the server (409) and said so.

use skm_core::paper::{digits, PaperEntry};
use skm_core::profile::{labels, Choice, Profile, EDUCATIONS, GENDERS, OCCUPATIONS};
use skm_core::unit::{ServiceInfo, UnitInfo};
use skm_core::{Lang, Text, ELEMENTS};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::api::{self, SaveError};
use crate::dashboard::text_input;
use skm_web::texts;

const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

const TITLE: Text = t("Entri formulir kertas", "Paper forms entry");
const HINT: Text = t(
    "Pilih tanggal pengisian dan layanan untuk setumpuk lembar; lalu per lembar: nomor seri, Tab, 9 jawaban sebagai angka 1–4 (mis. 344343434), Tab ke profil, Enter untuk menyimpan.",
    "Choose the day filled in and the service for a stack of sheets; then for each sheet: the serial number, Tab, the 9 answers as digits 1–4 (e.g. 344343434), Tab to the profile, Enter to save.",
);
const SERIAL: Text = t("Nomor seri", "Serial number");
const FILLED_ON: Text = t("Tanggal pengisian", "Filled in on");
const SERVICE: Text = t("Layanan", "Service");
const UNIT: Text = t("Unit", "Unit");
const ANSWERS: Text = t("Jawaban U1–U9 (9 angka 1–4)", "Answers U1–U9 (9 digits 1–4)");
const SAVE: Text = t("Simpan (Enter)", "Save (Enter)");
const SAVED: Text = t("Tersimpan", "Saved");
const NOT_GIVEN: Text = t("–", "–");
const SIGN_IN_FIRST: Text =
    t("Masuk dengan akun operator atau admin unit.", "Sign in with an operator's or a unit admin's account.");

/// A select of a profile question's choices, its code as the value ("" for none).
fn choice_select<T: 'static>(
    id: &'static str,
    label: Text,
    choices: &[Choice<T>],
    value: &str,
    on: Callback<String>,
    l: Lang,
) -> Html {
    let onchange = on.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <div class="field">
            <label for={id}>{ label.get(l) }</label>
            <select {id} {onchange}>
                <option value="" selected={value.is_empty()}>{ NOT_GIVEN.get(l) }</option>
                { for choices.iter().map(|c| html! {
                    <option value={c.code} selected={c.code == value}>{ c.label.get(l) }</option>
                }) }
            </select>
        </div>
    }
}

/// The value of the choice with `code`, if one is chosen.
fn chosen<T: Copy>(choices: &[Choice<T>], code: &str) -> Option<T> {
    choices.iter().find(|c| c.code == code).map(|c| c.value)
}

/// The profile as the survey sends it, from the codes chosen.
fn profile(gender: &str, age: &str, education: &str, occupation: &str) -> Profile {
    Profile {
        gender: chosen(&GENDERS, gender),
        age: age.trim().parse().ok(),
        education: chosen(&EDUCATIONS, education),
        occupation: chosen(&OCCUPATIONS, occupation),
    }
}

/// Props of [`PaperPage`].
#[derive(Properties, PartialEq)]
pub struct PaperProps {
    /// Display language.
    pub lang: Lang,
}

/// The page.
#[component]
pub fn PaperPage(props: &PaperProps) -> Html {
    let l = props.lang;
    let me = crate::session::use_session();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let units = use_state(Vec::<UnitInfo>::new);
    let unit = use_state(String::new);
    let services = use_state(Vec::<ServiceInfo>::new);
    let serial = use_state(String::new);
    let day = use_state(|| skm_web::clock::today().to_string());
    let service = use_state(String::new);
    let answers = use_state(String::new);
    let gender = use_state(String::new);
    let age = use_state(String::new);
    let education = use_state(String::new);
    let occupation = use_state(String::new);
    let suggestion = use_state(String::new);
    let saved = use_state(String::new);
    let error = use_state(String::new);
    let serial_ref = use_node_ref();
    {
        // The units the account enters forms for; the first is chosen.
        let (units, unit) = (units.clone(), unit.clone());
        let scope = me.as_ref().map(|m| m.scope.clone());
        use_effect_with(scope, move |scope| {
            if let Some(scope) = scope.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = api::units().await {
                        let mine: Vec<UnitInfo> = list.into_iter().filter(|u| scope.covers(Some(&u.code))).collect();
                        unit.set(mine.first().map(|u| u.code.clone()).unwrap_or_default());
                        units.set(mine);
                    }
                });
            }
        });
    }
    {
        let (services, service) = (services.clone(), service.clone());
        use_effect_with((*unit).clone(), move |code| {
            let code = code.clone();
            if !code.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = api::unit_services(&code).await {
                        service.set(list.first().map(|s| s.code.clone()).unwrap_or_default());
                        services.set(list);
                    }
                });
            }
        });
    }
    let sign_in = crate::session::sign_in(&me, &username, &password, &error);
    let Some(info) = &*me else {
        return html! {
            <main class="page paper">
                <h1>{ TITLE.get(l) }</h1>
                <p class="muted">{ SIGN_IN_FIRST.get(l) }</p>
                <form class="signin" onsubmit={sign_in}>
                    <div class="field">
                        <label for="username">{ texts::USERNAME.get(l) }</label>
                        <input id="username" type="text" autocomplete="username" autocapitalize="none" value={(*username).clone()} oninput={text_input(&username)} />
                    </div>
                    <div class="field">
                        <label for="password">{ texts::PASSWORD.get(l) }</label>
                        <input id="password" type="password" autocomplete="current-password" value={(*password).clone()} oninput={text_input(&password)} />
                    </div>
                    <button id="signin" class="primary" type="submit">{ texts::SIGN_IN.get(l) }</button>
                </form>
                if !error.is_empty() { <p class="error" role="alert">{ (*error).clone() }</p> }
            </main>
        };
    };

    let typed = digits(&answers);
    let save = {
        let states = (
            serial.clone(),
            day.clone(),
            service.clone(),
            answers.clone(),
            gender.clone(),
            age.clone(),
            education.clone(),
            occupation.clone(),
            suggestion.clone(),
        );
        let (saved, error, unit, serial_ref) = (saved.clone(), error.clone(), unit.clone(), serial_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (serial, day, service, answers, gender, age, education, occupation, suggestion) = states.clone();
            let scores = match digits(&answers) {
                Ok(scores) => scores,
                Err(e) => {
                    error.set(if l == Lang::Id { e.message_id } else { e.message_en });
                    return;
                }
            };
            let mut entry = PaperEntry::with_scores(&serial, &day, &service, scores);
            entry.profile = profile(&gender, &age, &education, &occupation);
            entry.suggestion = (!suggestion.trim().is_empty()).then(|| (*suggestion).clone());
            let (saved, error, unit, serial_ref) = (saved.clone(), error.clone(), (*unit).clone(), serial_ref.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::enter_paper(&unit, &entry).await {
                    Ok(_) => {
                        error.set(String::new());
                        saved.set(format!("{} {}", SAVED.get(l), entry.serial.trim().to_uppercase()));
                        for state in [&serial, &answers, &gender, &age, &education, &occupation, &suggestion] {
                            state.set(String::new());
                        }
                        if let Some(input) = serial_ref.cast::<HtmlInputElement>() {
                            let _ = input.focus();
                        }
                    }
                    Err(SaveError::Other(e)) => error.set(if l == Lang::Id { e.message_id } else { e.message_en }),
                    Err(SaveError::Invalid(p)) => {
                        error.set(p.into_iter().map(|p| p.message_en).collect::<Vec<_>>().join("; "))
                    }
                    Err(SaveError::Unauthorized) => error.set(SIGN_IN_FIRST.get(l).to_owned()),
                }
            });
        })
    };
    let set_select = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    html! {
        <main class="page paper">
            <h1>{ TITLE.get(l) }</h1>
            <p id="signed-in" class="muted">{ format!("{} {} ({})", texts::SIGNED_IN_AS.get(l), info.username, info.role.code()) }</p>
            <p class="muted">{ HINT.get(l) }</p>
            <form id="paper-form" class="editor" onsubmit={save}>
                if units.len() > 1 {
                    <div class="field">
                        <label for="p-unit">{ UNIT.get(l) }</label>
                        <select id="p-unit" onchange={
                            let unit = unit.clone();
                            Callback::from(move |e: Event| unit.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
                        }>
                            { for units.iter().map(|u| html! { <option value={u.code.clone()} selected={u.code == *unit}>{ &u.name }</option> }) }
                        </select>
                    </div>
                }
                <div class="field">
                    <label for="p-date">{ FILLED_ON.get(l) }</label>
                    <input id="p-date" type="date" value={(*day).clone()} oninput={text_input(&day)} />
                </div>
                <div class="field">
                    <label for="p-service">{ SERVICE.get(l) }</label>
                    <select id="p-service" onchange={set_select(&service).reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                        { for services.iter().map(|s| html! {
                            <option value={s.code.clone()} selected={s.code == *service}>{ if l == Lang::En && !s.name_en.is_empty() { &s.name_en } else { &s.name } }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="p-serial">{ SERIAL.get(l) }</label>
                    <input id="p-serial" ref={serial_ref} type="text" autocomplete="off" autocapitalize="characters"
                        value={(*serial).clone()} oninput={text_input(&serial)} />
                </div>
                <div class="field">
                    <label for="p-answers">{ ANSWERS.get(l) }</label>
                    <input id="p-answers" type="text" inputmode="numeric" autocomplete="off" aria-describedby="p-answers-read"
                        value={(*answers).clone()} oninput={text_input(&answers)} />
                    <p id="p-answers-read" class="muted" aria-live="polite">
                        { match &typed {
                            Ok(scores) => ELEMENTS.iter().map(|e| format!("{} {}", e.id().to_uppercase(), scores[e.index()])).collect::<Vec<_>>().join(" · "),
                            Err(_) => format!("{} / 9", answers.chars().filter(char::is_ascii_digit).count()),
                        } }
                    </p>
                </div>
                { choice_select("p-gender", labels::GENDER, &GENDERS, &gender, set_select(&gender), l) }
                <div class="field">
                    <label for="p-age">{ labels::AGE.get(l) }</label>
                    <input id="p-age" type="number" min="15" max="100" value={(*age).clone()} oninput={text_input(&age)} />
                </div>
                { choice_select("p-education", labels::EDUCATION, &EDUCATIONS, &education, set_select(&education), l) }
                { choice_select("p-occupation", labels::OCCUPATION, &OCCUPATIONS, &occupation, set_select(&occupation), l) }
                <div class="field">
                    <label for="p-suggestion">{ labels::SUGGESTION.get(l) }</label>
                    <textarea id="p-suggestion" rows="2" value={(*suggestion).clone()}
                        oninput={set_select(&suggestion).reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value())} />
                </div>
                <button id="p-save" class="primary" type="submit">{ SAVE.get(l) }</button>
            </form>
            if !saved.is_empty() { <p id="paper-saved" role="status">{ (*saved).clone() }</p> }
            if !error.is_empty() { <p id="paper-error" class="error" role="alert">{ (*error).clone() }</p> }
        </main>
    }
}
