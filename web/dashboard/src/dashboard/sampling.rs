//! The dashboard's card of the sample in the running SKM period: per service the respondents so
//! far against the Krejcie–Morgan sample of its population, with the days left; read from the
//! server for whoever may read the unit.

use skm_core::format::integer;
use skm_core::sampling::{SampleProgress, SamplingPlan};
use skm_core::{Lang, Text};
use yew::prelude::*;

use crate::api;

const TITLE: Text = Text { id: "Kemajuan sampel periode berjalan", en: "Sample in the running period" };
const DAYS_LEFT: Text = Text { id: "hari lagi", en: "days left" };
const WORKING_DAYS: Text = Text { id: "hari kerja", en: "working days" };
const OF: Text = Text { id: "dari", en: "of" };
const RESPONDENTS: Text = Text { id: "responden", en: "respondents" };
const NO_POPULATION: Text =
    Text { id: "N belum diisi di halaman admin: paling sedikit", en: "N not entered on the admin page: at least" };
const MET: Text = Text { id: "tercapai", en: "reached" };
const MISSING: Text = Text { id: "kurang", en: "missing" };

/// Props of [`SamplingCard`].
#[derive(Properties, PartialEq)]
pub struct SamplingCardProps {
    /// Display language.
    pub lang: Lang,
    /// The unit shown.
    pub unit: String,
    /// The API token, when one is used instead of a session.
    pub token: String,
}

fn row(s: &SampleProgress, l: Lang) -> Html {
    let population = match s.population {
        Some(n) => format!("N = {} · Krejcie–Morgan", integer(n, l)),
        None => format!("{} {}", NO_POPULATION.get(l), integer(s.required, l)),
    };
    let state = if s.met { MET.get(l).to_owned() } else { format!("{} {}", MISSING.get(l), integer(s.missing(), l)) };
    html! {
        <div class="sample-service" data-service={s.service.clone()} data-required={s.required.to_string()}
            data-respondents={s.respondents.to_string()} data-met={s.met.to_string()}>
            <p><strong>{ s.name.clone() }</strong>{ ": " }
                { format!("{} {} {} {} ({} %) · {state}", integer(s.respondents, l), OF.get(l), integer(s.required, l), RESPONDENTS.get(l), s.percent) }</p>
            <progress max={s.required.max(1).to_string()} value={s.respondents.min(s.required).to_string()}
                aria-label={format!("{} {}", TITLE.get(l), s.name)}></progress>
            <p class="muted">{ population }</p>
        </div>
    }
}

/// The card.
#[component]
pub fn SamplingCard(props: &SamplingCardProps) -> Html {
    let l = props.lang;
    let plan = use_state(|| None::<SamplingPlan>);
    {
        let plan = plan.clone();
        use_effect_with((props.unit.clone(), props.token.clone()), move |(unit, token)| {
            let (unit, token) = (unit.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                plan.set(api::sampling(&token, &unit).await.ok());
            });
        });
    }
    // Not allowed to read the unit, or not answered: no card.
    let Some(p) = &*plan else { return html! {} };
    html! {
        <section id="sampling-card" class="card" aria-labelledby="sampling-card-title" data-period={p.period.key()}>
            <h2 id="sampling-card-title">{ TITLE.get(l) }</h2>
            <p id="sampling-days">
                { format!("{} · {} {} ({} {})", p.period.label(l), p.days_left, DAYS_LEFT.get(l), p.working_days_left, WORKING_DAYS.get(l)) }
            </p>
            { row(&p.overall, l) }
            { for p.services.iter().map(|s| row(s, l)) }
        </section>
    }
}
