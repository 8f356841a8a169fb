//! What each screen of the survey shows. Every wording of the instrument comes from `skm-core`;
//! the navigation around the screens is in `mod.rs`.

use skm_core::profile::{self, Choice, Profile};
use skm_core::response::MAX_SUGGESTION_CHARS;
use skm_core::{consent, Element, Lang, ELEMENTS};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::draft::Form;
use super::step::Step;
use crate::texts;

/// What a screen needs: the language, the form, a way to change it or jump to a screen, and
/// a way to move on once an answer is tapped.
pub struct Screen<'a> {
    pub lang: Lang,
    pub form: &'a Form,
    pub set: Callback<Form>,
    pub edit: Callback<Step>,
    pub advance: Callback<()>,
}

/// The heading each screen starts with; it takes the focus when the screen appears.
fn heading(text: impl Into<Html>) -> Html {
    html! { <h2 id="step-heading" tabindex="-1">{ text.into() }</h2> }
}

impl Screen<'_> {
    /// A copy of the form changed by `f`, set as the new form.
    fn change(&self, f: impl Fn(&mut Form) + 'static) -> Callback<()> {
        let (form, set) = (self.form.clone(), self.set.clone());
        Callback::from(move |()| {
            let mut next = form.clone();
            f(&mut next);
            set.emit(next);
        })
    }

    /// Purpose, privacy statement and consent.
    pub fn intro(&self) -> Html {
        let l = self.lang;
        html! {
            <section class="intro" id="consent">
                { heading(consent::TITLE.get(l)) }
                <p>{ consent::PURPOSE.get(l) }</p>
                <ul>{ for consent::POINTS.iter().map(|p| html! { <li>{ p.get(l) }</li> }) }</ul>
                <p class="muted">{ consent::AGREEMENT.get(l) }</p>
            </section>
        }
    }

    /// The optional questions about the respondent.
    pub fn profile(&self) -> Html {
        let l = self.lang;
        let p = &self.form.profile;
        let select = |id: &'static str, label: skm_core::Text, options: Html, apply: fn(&mut Profile, &str)| {
            let (form, set) = (self.form.clone(), self.set.clone());
            let onchange = Callback::from(move |e: Event| {
                let value = e.target_unchecked_into::<HtmlSelectElement>().value();
                let mut next = form.clone();
                apply(&mut next.profile, &value);
                set.emit(next);
            });
            html! {
                <label class="field" for={id}>
                    <span>{ label.get(l) }</span>
                    <select id={id} {onchange}>{ options }</select>
                </label>
            }
        };
        let on_age = {
            let (form, set) = (self.form.clone(), self.set.clone());
            Callback::from(move |e: InputEvent| {
                let mut next = form.clone();
                next.age_text = e.target_unchecked_into::<HtmlInputElement>().value();
                set.emit(next);
            })
        };
        html! {
            <section class="profile">
                { heading(texts::PROFILE.get(l)) }
                { select("gender", profile::labels::GENDER, options(&profile::GENDERS, p.gender, l),
                    |p, v| p.gender = profile::choice_by_code(&profile::GENDERS, v)) }
                <label class="field" for="age">
                    <span>{ profile::labels::AGE.get(l) }</span>
                    <input id="age" type="number" inputmode="numeric"
                        min={profile::AGE_RANGE.start().to_string()} max={profile::AGE_RANGE.end().to_string()}
                        value={self.form.age_text.clone()} oninput={on_age} />
                </label>
                { select("education", profile::labels::EDUCATION, options(&profile::EDUCATIONS, p.education, l),
                    |p, v| p.education = profile::choice_by_code(&profile::EDUCATIONS, v)) }
                { select("occupation", profile::labels::OCCUPATION, options(&profile::OCCUPATIONS, p.occupation, l),
                    |p, v| p.occupation = profile::choice_by_code(&profile::OCCUPATIONS, v)) }
            </section>
        }
    }

    /// One of the nine questions: a real radio group with the core's four answers.
    pub fn question(&self, e: Element) -> Html {
        let l = self.lang;
        let text = e.text();
        let current = self.form.scores[e.index()];
        html! {
            <section class="question-step">
                { heading(html! {
                    <>
                        <span class="qcount">{ format!("{} {} {} 9", texts::QUESTION.get(l), e.index() + 1, texts::OF.get(l)) }</span>
                        <span class="qname">{ text.name.get(l) }</span>
                    </>
                }) }
                <fieldset class="question" id={format!("q-{}", e.column())}>
                    <legend class="qtext">{ text.question.get(l) }</legend>
                    <div class="answers">
                        { for (1..=4u8).map(|score| {
                            let selected = current == Some(score);
                            let onchange = self.change(move |f| f.scores[e.index()] = Some(score)).reform(|_: Event| ());
                            // A tap or a click moves on by itself; the keyboard's Space and arrows
                            // (a click of detail 0, as is the one a label passes to its radio) do
                            // not, so moving through the answers never leaves the question.
                            let advance = self.advance.clone();
                            let onclick = Callback::from(move |e: MouseEvent| {
                                if e.detail() > 0 {
                                    advance.emit(());
                                }
                            });
                            html! {
                                <label class={classes!("answer", selected.then_some("selected"))} {onclick}>
                                    <input type="radio" name={e.column()} value={score.to_string()}
                                        checked={selected} {onchange} />
                                    <span>{ text.answers[usize::from(score - 1)].get(l) }</span>
                                </label>
                            }
                        }) }
                    </div>
                </fieldset>
            </section>
        }
    }

    /// The optional suggestion.
    pub fn suggestion(&self) -> Html {
        let l = self.lang;
        let (form, set) = (self.form.clone(), self.set.clone());
        let oninput = Callback::from(move |e: InputEvent| {
            let mut next = form.clone();
            next.suggestion = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            set.emit(next);
        });
        html! {
            <section>
                { heading(profile::labels::SUGGESTION.get(l)) }
                <label class="field" for="suggestion">
                    <span class="muted">{ texts::SUGGESTION_HINT.get(l) }</span>
                    <textarea id="suggestion" rows="5" maxlength={MAX_SUGGESTION_CHARS.to_string()}
                        aria-describedby="suggestion-left" value={self.form.suggestion.clone()} {oninput} />
                </label>
                // The box stops at its limit: the citizen sees how much is left, not a cut.
                <p id="suggestion-left" class="muted" aria-live="polite">
                    { format!("{} {}", MAX_SUGGESTION_CHARS.saturating_sub(self.form.suggestion.chars().count()), texts::CHARACTERS_LEFT.get(l)) }
                </p>
            </section>
        }
    }

    /// Everything entered, each with a way back to change it.
    pub fn review(&self) -> Html {
        let l = self.lang;
        let f = self.form;
        let not_given = || texts::NOT_GIVEN.get(l).to_owned();
        let row = |id: String, label: String, value: String, step: Step| {
            let onclick = self.edit.reform(move |_: MouseEvent| step);
            html! {
                <div class="review-row">
                    <dt>{ label.clone() }</dt>
                    <dd>
                        <span>{ value }</span>
                        <button type="button" class="link" id={id} {onclick}
                            aria-label={format!("{} {label}", texts::CHANGE.get(l))}>{ texts::CHANGE.get(l) }</button>
                    </dd>
                </div>
            }
        };
        let p = &f.profile;
        let age = if f.age_text.trim().is_empty() { not_given() } else { f.age_text.trim().to_owned() };
        html! {
            <section class="review" id="review">
                { heading(texts::REVIEW.get(l)) }
                <p class="muted">{ texts::REVIEW_HINT.get(l) }</p>
                <dl>
                    { for ELEMENTS.iter().map(|&e| {
                        let answer = f.scores[e.index()].and_then(|s| e.answer(s)).map_or_else(not_given, |t| t.get(l).to_owned());
                        row(format!("edit-{}", e.column()), e.text().name.get(l).to_owned(), answer, Step::Question(e))
                    }) }
                    { row("edit-gender".into(), profile::labels::GENDER.get(l).into(), choice(&profile::GENDERS, p.gender, l), Step::Profile) }
                    { row("edit-age".into(), profile::labels::AGE.get(l).into(), age, Step::Profile) }
                    { row("edit-education".into(), profile::labels::EDUCATION.get(l).into(), choice(&profile::EDUCATIONS, p.education, l), Step::Profile) }
                    { row("edit-occupation".into(), profile::labels::OCCUPATION.get(l).into(), choice(&profile::OCCUPATIONS, p.occupation, l), Step::Profile) }
                    { row("edit-suggestion".into(), profile::labels::SUGGESTION.get(l).into(),
                        if f.suggestion.trim().is_empty() { not_given() } else { f.suggestion.trim().to_owned() }, Step::Suggestion) }
                </dl>
            </section>
        }
    }
}

/// The options of a profile question. The chosen one (or the placeholder) is marked explicitly:
/// Yew inserts a list's children last-first, and a `<select>` with nothing marked keeps the
/// first option inserted, the last one.
fn options<T: Copy + PartialEq>(choices: &[Choice<T>], current: Option<T>, l: Lang) -> Html {
    let placeholder = html! { <option value="" selected={current.is_none()}>{ texts::CHOOSE.get(l) }</option> };
    std::iter::once(placeholder)
        .chain(choices.iter().map(|c| {
            html! { <option value={c.code} selected={current == Some(c.value)}>{ c.label.get(l) }</option> }
        }))
        .collect()
}

/// The label of a profile answer, or "not given".
fn choice<T: Copy + PartialEq>(choices: &[Choice<T>], value: Option<T>, l: Lang) -> String {
    value.and_then(|v| profile::label_of(choices, v)).map_or(texts::NOT_GIVEN, |t| t).get(l).to_owned()
}
