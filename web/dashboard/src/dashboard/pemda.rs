//! The pemda's view: every unit's IKM with its interval, respondents and SLA, ranked, and the
//! pemda's IKM with how it is combined (`skm_core::pemda`).

use std::rc::Rc;

use skm_core::format::{decimal, figure, integer};
use skm_core::pemda::{Combined, PemdaView};
use skm_core::Lang;
use yew::prelude::*;

use super::views::percent;
use crate::texts;

/// Props of [`PemdaPanel`].
#[derive(Properties, PartialEq)]
pub struct PemdaProps {
    /// The view the worker computed.
    pub view: Rc<PemdaView>,
    /// How long the worker took, for the figures script (`data-elapsed-ms`).
    pub elapsed_ms: f64,
    /// Display language.
    pub lang: Lang,
}

fn combined_line(c: &Combined, l: Lang) -> String {
    format!(
        "{} ({}) · {} {} · {} {}",
        decimal(c.ikm, 2, l),
        c.grade.letter(),
        integer(u64::from(c.units), l),
        texts::UNITS.get(l),
        integer(c.respondents, l),
        texts::RESPONDENTS.get(l).to_lowercase()
    )
}

/// The units ranked, and the pemda's IKM both ways.
#[component]
pub fn PemdaPanel(props: &PemdaProps) -> Html {
    let l = props.lang;
    let v = &props.view;
    let rows = v.units.iter().enumerate().map(|(i, u)| {
        let rank = if u.ikm.is_some() { (i + 1).to_string() } else { "–".to_owned() };
        let ci =
            u.ci.as_ref()
                .map_or_else(|| "–".to_owned(), |c| format!("{}–{}", decimal(c.low, 2, l), decimal(c.high, 2, l)));
        let sample = u.sample.as_ref().and_then(|s| s.remark(l)).unwrap_or_default();
        let sla = u
            .sla_compliance
            .map_or_else(|| "–".to_owned(), |p| format!("{}% ({})", decimal(p, 1, l), integer(u.requests, l)));
        html! {
            <tr data-unit={u.code.clone()}>
                <td class="num">{ rank }</td>
                <td>{ &u.name }</td>
                <td class="num unit-ikm">{ figure(u.ikm, 2, l) }</td>
                <td>{ u.grade.map(|g| g.letter().to_string()).unwrap_or_else(|| "–".to_owned()) }</td>
                <td class="num">{ ci }</td>
                <td class="num unit-respondents">{ integer(u.respondents, l) }</td>
                <td class="warning">{ sample }</td>
                <td class="num unit-sla">{ sla }</td>
            </tr>
        }
    });
    html! {
        <section id="pemda" class="pemda" data-elapsed-ms={format!("{:.0}", props.elapsed_ms)}>
            <h2>{ texts::PEMDA_VIEW.get(l) }{ format!(" {}", v.year) }</h2>
            <section class="cards">
                if let Some(c) = &v.respondent_weighted {
                    <div class="card">
                        <div class="card-label">{ texts::PEMDA_IKM.get(l) }</div>
                        <div id="pemda-ikm" class="card-value">{ decimal(c.ikm, 2, l) }</div>
                        <div class="card-sub">{ combined_line(c, l) }</div>
                    </div>
                }
                if let Some(c) = &v.mean_of_units {
                    <div class="card">
                        <div class="card-label">{ texts::PEMDA_MEAN.get(l) }</div>
                        <div id="pemda-mean" class="card-value">{ decimal(c.ikm, 2, l) }</div>
                        <div class="card-sub">{ combined_line(c, l) }</div>
                    </div>
                }
                if let Some(s) = &v.sla {
                    <div class="card">
                        <div class="card-label">{ texts::PEMDA_SLA.get(l) }</div>
                        <div id="pemda-sla" class="card-value">{ percent(s.compliance, l) }</div>
                        <div class="card-sub">{ format!(
                            "{} {} {} {} · {} {}",
                            integer(s.met, l),
                            texts::DECIDED_OF.get(l),
                            integer(s.met + s.breached, l),
                            texts::DECIDED.get(l),
                            integer(u64::from(s.units), l),
                            texts::UNITS.get(l)
                        ) }</div>
                    </div>
                }
            </section>
            <p id="pemda-method" class="muted">{ texts::PEMDA_METHOD.get(l) }</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={texts::PEMDA_VIEW.get(l)}>
                <table id="pemda-table" class="data">
                    <thead><tr>
                        <th class="num">{ texts::RANK.get(l) }</th><th>{ texts::UNIT.get(l) }</th>
                        <th class="num">{ "IKM" }</th><th>{ texts::GRADE.get(l) }</th><th class="num">{ texts::CI_95.get(l) }</th>
                        <th class="num">{ texts::RESPONDENTS.get(l) }</th><th>{ texts::SAMPLE.get(l) }</th>
                        <th class="num">{ texts::REQUESTS_ON_TIME.get(l) }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
