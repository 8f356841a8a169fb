//! The editor's fields: each shows its value, takes changes, and lists beside itself the
//! problems the core's validation finds in it.

use skm_core::catalog::{Limit, TimeLimit};
use skm_core::editing::FieldProblem;
use skm_core::{Lang, Text};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::words;

/// The element id of a field's path (`complaints.tiers[0].deadline` → `f-complaints-tiers-0-deadline`).
pub fn id_of(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '_' => id.push(c),
            ']' => {}
            _ => id.push('-'),
        }
    }
    id
}

/// What a field is: where it is, its label, and the problems the draft has.
#[derive(Clone, Copy)]
pub struct At<'a> {
    /// Display language.
    pub lang: Lang,
    /// Every problem of the draft.
    pub problems: &'a [FieldProblem],
}

impl At<'_> {
    /// The problems of `path` (and of the fields inside it when `inside`), shown beside it.
    pub fn problems(&self, path: &str, inside: bool) -> Html {
        let mine: Vec<&FieldProblem> =
            self.problems.iter().filter(|p| if inside { p.is_about(path) } else { p.field == path }).collect();
        if mine.is_empty() {
            return html! {};
        }
        html! {
            <ul class="field-problems" id={format!("{}-problems", id_of(path))} data-field={path.to_owned()}>
                { for mine.iter().map(|p| html! {
                    <li class="error" data-field={p.field.clone()}>
                        { if self.lang == Lang::Id { &p.message_id } else { &p.message_en } }
                    </li>
                }) }
            </ul>
        }
    }

    fn invalid(&self, path: &str) -> Option<&'static str> {
        self.problems.iter().any(|p| p.field == path).then_some("true")
    }

    /// A one-line text.
    pub fn text(&self, path: &str, label: Text, value: &str, on: Callback<String>) -> Html {
        let id = id_of(path);
        let oninput = on.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
        html! {
            <div class="field">
                <label for={id.clone()}>{ label.get(self.lang) }</label>
                <input id={id} type="text" value={value.to_owned()} {oninput} aria-invalid={self.invalid(path)} />
                { self.problems(path, false) }
            </div>
        }
    }

    /// A list of texts, one per line (read when the field is left, so blank lines can be typed).
    pub fn lines(&self, path: &str, label: Text, values: &[String], on: Callback<Vec<String>>) -> Html {
        let id = id_of(path);
        let onchange = on.reform(|e: Event| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
        });
        let rows = (values.len() + 1).clamp(2, 12).to_string();
        html! {
            <div class="field">
                <label for={id.clone()}>
                    { label.get(self.lang) }{ " " }<span class="muted">{ format!("({})", words::ONE_PER_LINE.get(self.lang)) }</span>
                </label>
                <textarea id={id} {rows} value={values.join("\n")} {onchange} aria-invalid={self.invalid(path)} />
                { self.problems(path, false) }
            </div>
        }
    }

    /// A whole number, empty for none (read when the field is left).
    pub fn number(&self, path: &str, label: Text, value: Option<u64>, on: Callback<Option<u64>>) -> Html {
        let id = id_of(path);
        let onchange = on.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value().trim().parse().ok());
        html! {
            <div class="field">
                <label for={id.clone()}>{ label.get(self.lang) }</label>
                <input id={id} type="number" min="0" inputmode="numeric" value={value.map(|v| v.to_string()).unwrap_or_default()}
                    {onchange} aria-invalid={self.invalid(path)} />
                { self.problems(path, false) }
            </div>
        }
    }

    /// A promised time: the document's words and what they mean.
    pub fn limit(&self, path: &str, label: Text, value: &TimeLimit, on: Callback<TimeLimit>) -> Html {
        let l = self.lang;
        let (kind, amount, at_least) = match value.limit {
            Limit::WorkingMinutes { amount, at_least } => ("working_minutes", Some(amount), at_least),
            Limit::WorkingHours { amount } => ("working_hours", Some(amount), None),
            Limit::WorkingDays { amount } => ("working_days", Some(amount), None),
            Limit::AsRequested => ("as_requested", None, None),
        };
        let with = |f: fn(&mut TimeLimit, String)| {
            let (value, on) = (value.clone(), on.clone());
            move |text: String| {
                let mut changed = value.clone();
                f(&mut changed, text);
                on.emit(changed);
            }
        };
        let on_text = Callback::from(with(|t, text| t.text = text));
        let on_kind = Callback::from(with(|t, kind| {
            let amount = match t.limit {
                Limit::WorkingMinutes { amount, .. }
                | Limit::WorkingHours { amount }
                | Limit::WorkingDays { amount } => amount,
                Limit::AsRequested => 1,
            };
            t.limit = match kind.as_str() {
                "working_minutes" => Limit::WorkingMinutes { amount, at_least: None },
                "working_hours" => Limit::WorkingHours { amount },
                "as_requested" => Limit::AsRequested,
                _ => Limit::WorkingDays { amount },
            };
        }));
        let on_amount = Callback::from(with(|t, text| {
            let amount = text.trim().parse().unwrap_or(0);
            t.limit = match t.limit {
                Limit::WorkingMinutes { at_least, .. } => Limit::WorkingMinutes { amount, at_least },
                Limit::WorkingHours { .. } => Limit::WorkingHours { amount },
                Limit::WorkingDays { .. } => Limit::WorkingDays { amount },
                Limit::AsRequested => Limit::AsRequested,
            };
        }));
        let on_at_least = Callback::from(with(|t, text| {
            if let Limit::WorkingMinutes { amount, .. } = t.limit {
                t.limit = Limit::WorkingMinutes { amount, at_least: text.trim().parse().ok() };
            }
        }));
        let id = id_of(path);
        let kinds = [
            ("working_minutes", words::MINUTES),
            ("working_hours", words::HOURS),
            ("working_days", words::DAYS),
            ("as_requested", words::AS_REQUESTED),
        ];
        html! {
            <fieldset class="limit" id={id.clone()}>
                <legend>{ label.get(l) }</legend>
                <div class="field">
                    <label for={format!("{id}-text")}>{ words::LIMIT_TEXT.get(l) }</label>
                    <input id={format!("{id}-text")} type="text" value={value.text.clone()}
                        oninput={on_text.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())} />
                </div>
                <div class="limit-value">
                    <div class="field">
                        <label for={format!("{id}-kind")}>{ words::LIMIT_KIND.get(l) }</label>
                        <select id={format!("{id}-kind")}
                            onchange={on_kind.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value())}>
                            { for kinds.iter().map(|(code, name)| html! {
                                <option value={*code} selected={*code == kind}>{ name.get(l) }</option>
                            }) }
                        </select>
                    </div>
                    if let Some(amount) = amount {
                        <div class="field">
                            <label for={format!("{id}-amount")}>{ words::AMOUNT.get(l) }</label>
                            <input id={format!("{id}-amount")} type="number" min="0" inputmode="numeric" value={amount.to_string()}
                                onchange={on_amount.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value())} />
                        </div>
                    }
                    if kind == "working_minutes" {
                        <div class="field">
                            <label for={format!("{id}-at-least")}>{ words::AT_LEAST.get(l) }</label>
                            <input id={format!("{id}-at-least")} type="number" min="0" inputmode="numeric"
                                value={at_least.map(|v| v.to_string()).unwrap_or_default()}
                                onchange={on_at_least.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value())} />
                        </div>
                    }
                </div>
                { self.problems(path, true) }
            </fieldset>
        }
    }

    /// A channel of a closed list: a checkbox that offers it, and the document's words for it
    /// while it is offered.
    pub fn channel(
        &self,
        id: &str,
        name: Text,
        text: Option<&str>,
        toggle: Callback<bool>,
        on_text: Callback<String>,
    ) -> Html {
        let l = self.lang;
        html! {
            <div class="channel">
                <label class="check" for={id.to_owned()}>
                    <input id={id.to_owned()} type="checkbox" checked={text.is_some()}
                        onchange={toggle.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked())} />
                    { " " }{ name.get(l) }
                </label>
                if let Some(text) = text {
                    <input id={format!("{id}-text")} type="text" aria-label={name.get(l)} value={text.to_owned()}
                        oninput={on_text.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())} />
                }
            </div>
        }
    }

    /// A part of the document that may be absent: a checkbox that adds or removes it, and its
    /// fields while it is there.
    pub fn optional(&self, path: &str, label: Text, present: bool, on: Callback<bool>, inner: Html) -> Html {
        let id = format!("{}-present", id_of(path));
        let onchange = on.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
        html! {
            <fieldset class="section" id={id_of(path)}>
                <legend>{ label.get(self.lang) }</legend>
                <label class="check" for={id.clone()}>
                    <input id={id} type="checkbox" checked={present} {onchange} />
                    { " " }{ words::STATES_IT.get(self.lang) }
                </label>
                { self.problems(path, false) }
                if present { { inner } }
            </fieldset>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_plain() {
        assert_eq!(id_of("complaints.tiers[0].deadline"), "f-complaints-tiers-0-deadline");
        assert_eq!(id_of("code"), "f-code");
    }
}
