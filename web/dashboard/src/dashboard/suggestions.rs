//! The citizens' suggestions of the filtered year (the dashboard's period and service filters
//! apply): those made more than once, then every one, newest first, searched by words and shown a
//! page at a time; a long one folds.

use skm_core::format::integer;
use skm_core::year::Suggestion;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::views::{no_data, ViewProps};
use crate::texts;

/// Suggestions on one page of the list.
pub(crate) const PER_PAGE: usize = 25;
/// A suggestion of more characters than this folds, its start shown.
const FOLD_AFTER: usize = 280;
/// How much of a folded suggestion shows.
const FOLDED_START: usize = 200;

/// The suggestions view.
#[component]
pub fn SuggestionsView(props: &ViewProps) -> Html {
    let l = props.lang;
    let search = use_state(String::new);
    let page = use_state(|| 0usize);
    let list = &props.report.suggestions;
    if list.is_empty() {
        // Without responses the view says which file fills it; with them, only that none has a suggestion.
        let kinds: &[skm_core::year::FileKind] =
            if props.report.ikm.is_none() { &[skm_core::year::FileKind::Responses] } else { &[] };
        return no_data(kinds, l);
    }
    let repeated = skm_core::year::repeated_suggestions(list);
    let found: Vec<&Suggestion> = list.iter().filter(|s| s.matches(&search)).collect();
    let pages = found.len().div_ceil(PER_PAGE).max(1);
    // New filters may leave fewer pages than the one shown.
    let current = (*page).min(pages - 1);
    let first = current * PER_PAGE;
    let shown = &found[first.min(found.len())..(first + PER_PAGE).min(found.len())];
    let on_search = {
        let (search, page) = (search.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value());
            page.set(0);
        })
    };
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let count = if found.is_empty() {
        texts::NO_SUGGESTION_MATCH.get(l).to_owned()
    } else {
        format!(
            "{}–{} {} {}",
            integer(first as u64 + 1, l),
            integer((first + shown.len()) as u64, l),
            texts::OF.get(l),
            integer(found.len() as u64, l)
        )
    };
    html! {
        <section id="view-suggestions">
            if !repeated.is_empty() {
                <h2>{ texts::REPEATED.get(l) }</h2>
                <div class="table-scroll" tabindex="0" role="region" aria-label={texts::REPEATED.get(l)}>
                    <table id="repeated-suggestions" class="data">
                        <thead><tr><th>{ texts::SUGGESTION.get(l) }</th><th class="num">{ texts::TIMES.get(l) }</th></tr></thead>
                        <tbody>{ for repeated.iter().map(|(text, n)| html! {
                            <tr><td>{ text }</td><td class="num">{ integer(*n, l) }</td></tr>
                        }) }</tbody>
                    </table>
                </div>
            }
            <h2>{ texts::ALL_SUGGESTIONS.get(l) }</h2>
            <label class="field" for="suggestion-search">
                <span>{ texts::SEARCH_SUGGESTIONS.get(l) }</span>
                <input id="suggestion-search" type="search" value={(*search).clone()} oninput={on_search} />
            </label>
            <p id="suggestion-count" class="muted" aria-live="polite">{ count }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={texts::SUGGESTION.get(l)}>
                <table id="suggestions" class="data">
                    <thead><tr><th>{ texts::DATE.get(l) }</th><th>{ texts::SERVICE.get(l) }</th><th>{ texts::SUGGESTION.get(l) }</th></tr></thead>
                    <tbody>{ for shown.iter().map(|s| html! {
                        <tr>
                            <td>{ s.date.as_deref().map(|d| skm_core::format::moment_short(d, l)).unwrap_or_default() }</td>
                            <td>{ props.name(&s.service) }</td>
                            <td class="suggestion-text">{ folded(&s.text, l) }</td>
                        </tr>
                    }) }</tbody>
                </table>
            </div>
            if pages > 1 {
                <nav class="pager" aria-label={texts::PAGES.get(l)}>
                    <button type="button" id="suggestions-prev" class="secondary" disabled={current == 0}
                        onclick={go(current.saturating_sub(1))}>{ texts::PREVIOUS.get(l) }</button>
                    <span id="suggestions-page">{ format!("{} {} {} {}", texts::PAGE.get(l), current + 1, texts::OF.get(l), pages) }</span>
                    <button type="button" id="suggestions-next" class="secondary" disabled={current + 1 >= pages}
                        onclick={go(current + 1)}>{ texts::NEXT_PAGE.get(l) }</button>
                </nav>
            }
        </section>
    }
}

/// A suggestion as shown: whole, or its start with the rest one tap away.
fn folded(text: &str, l: skm_core::Lang) -> Html {
    if text.chars().count() <= FOLD_AFTER {
        return html! { { text } };
    }
    let start: String = text.chars().take(FOLDED_START).collect();
    html! {
        <details class="fold">
            <summary><span class="fold-start">{ format!("{}…", start.trim_end()) }</span>{ " " }<span class="fold-more">{ texts::READ_MORE.get(l) }</span></summary>
            <p>{ text }</p>
        </details>
    }
}
