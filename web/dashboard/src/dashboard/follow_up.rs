//! The dashboard's card of what follows the year's results: how far the unit's follow-up actions
//! (RTL) have got, per period, and in how many media the results were published; read from the
//! server for whoever may read the unit.

use skm_core::follow_up::{by_period, FollowUpProgress, FollowUpRecord, FollowUpStatus, STATUSES};
use skm_core::format::figure;
use skm_core::publication::{media, PublicationRecord};
use skm_core::{Lang, Text};
use yew::prelude::*;

use crate::api;

const TITLE: Text = Text { id: "Tindak lanjut dan publikasi hasil", en: "Follow-up and publication of the results" };
const FOLLOW_UP: Text = Text { id: "Tindak lanjut", en: "Follow-up" };
const PUBLISHED: Text = Text { id: "Dipublikasikan di", en: "Published in" };
const NOT_PUBLISHED: Text = Text {
    id: "Belum ada publikasi hasil tahun ini yang dicatat.",
    en: "No publication of this year's results is recorded yet.",
};
const NONE: Text = Text {
    id: "Belum ada tindak lanjut yang dicatat untuk tahun ini; catat di halaman admin.",
    en: "No follow-up is recorded for this year yet; record it on the admin page.",
};

/// Props of [`FollowUpCard`].
#[derive(Properties, PartialEq)]
pub struct FollowUpCardProps {
    /// Display language.
    pub lang: Lang,
    /// The unit shown.
    pub unit: String,
    /// The API token, when one is used instead of a session.
    pub token: String,
    /// The year shown.
    pub year: i16,
}

/// The card.
#[component]
pub fn FollowUpCard(props: &FollowUpCardProps) -> Html {
    let l = props.lang;
    let records = use_state(|| None::<(Vec<FollowUpRecord>, Vec<PublicationRecord>)>);
    {
        let records = records.clone();
        use_effect_with((props.unit.clone(), props.token.clone()), move |(unit, token)| {
            let (unit, token) = (unit.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (actions, published) = futures::join!(
                    api::records::<FollowUpRecord>(&token, &unit, api::FOLLOW_UP),
                    api::records::<PublicationRecord>(&token, &unit, api::PUBLICATIONS)
                );
                records.set(actions.ok().zip(published.ok()));
            });
        });
    }
    // Not allowed to read the unit, or not answered: no card.
    let Some((all, published)) = &*records else { return html! {} };
    let periods: Vec<_> = by_period(all).into_iter().filter(|(p, _)| p.year == props.year).collect();
    let year = props.year;
    let found = media(published.iter().map(|p| &p.draft).filter(|d| d.period().is_some_and(|p| p.year == year)));
    let names: Vec<&str> = found.iter().map(|m| m.label().get(l)).collect();
    html! {
        <section id="follow-up-card" class="card" aria-labelledby="follow-up-card-title">
            <h2 id="follow-up-card-title">{ TITLE.get(l) }</h2>
            <p id="published-media" data-media={found.len().to_string()}>
                if found.is_empty() { { NOT_PUBLISHED.get(l) } }
                else { { format!("{} {} media: {}", PUBLISHED.get(l), found.len(), names.join(", ")) } }
            </p>
            <h3>{ FOLLOW_UP.get(l) }</h3>
            if periods.is_empty() {
                <p class="muted">{ NONE.get(l) }</p>
            }
            { for periods.iter().map(|(period, actions)| {
                let p = FollowUpProgress::of(actions.iter().map(|r| &r.draft));
                let count = |s: FollowUpStatus| match s {
                    FollowUpStatus::Planned => p.planned,
                    FollowUpStatus::InProgress => p.in_progress,
                    FollowUpStatus::Done => p.done,
                    FollowUpStatus::Dropped => p.dropped,
                };
                html! {
                    <div class="follow-up-period" data-period={period.key()} data-share={figure(p.share_done(), 1, Lang::En)}>
                        <p><strong>{ period.label(l) }</strong>{ ": " }{ p.sentence(l) }</p>
                        <progress max={p.total.to_string()} value={p.done.to_string()}
                            aria-label={format!("{} {}", TITLE.get(l), period.label(l))}></progress>
                        <p class="muted">
                            { STATUSES.iter().map(|s| format!("{} {}", s.label().get(l), count(*s))).collect::<Vec<_>>().join(" · ") }
                        </p>
                    </div>
                }
            }) }
        </section>
    }
}
