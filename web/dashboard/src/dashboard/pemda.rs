//! The pemda's view: every unit's IKM with its interval, respondents and SLA, ranked, and the
//! pemda's IKM with how it is combined (`skm_core::pemda`).

use std::rc::Rc;

use skm_core::format::{decimal_id, integer_id};
use skm_core::pemda::{Combined, PemdaView};
use skm_core::Lang;
use yew::prelude::*;

use super::views::{figure, percent};
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
        decimal_id(c.ikm, 2),
        c.grade.letter(),
        integer_id(u64::from(c.units)),
        texts::UNITS.get(l),
        integer_id(c.respondents),
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
                .map_or_else(|| "–".to_owned(), |c| format!("{}–{}", decimal_id(c.low, 2), decimal_id(c.high, 2)));
        let sample = u.sample.as_ref().and_then(|s| s.remark(l)).unwrap_or_default();
        let sla = u
            .sla_compliance
            .map_or_else(|| "–".to_owned(), |p| format!("{}% ({})", decimal_id(p, 1), integer_id(u.requests)));
        html! {
            <tr data-unit={u.code.clone()}>
                <td class="num">{ rank }</td>
                <td>{ &u.name }</td>
                <td class="num unit-ikm">{ figure(u.ikm, 2) }</td>
                <td>{ u.grade.map(|g| g.letter().to_string()).unwrap_or_else(|| "–".to_owned()) }</td>
                <td class="num">{ ci }</td>
                <td class="num unit-respondents">{ integer_id(u.respondents) }</td>
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
                        <div id="pemda-ikm" class="card-value">{ decimal_id(c.ikm, 2) }</div>
                        <div class="card-sub">{ combined_line(c, l) }</div>
                    </div>
                }
                if let Some(c) = &v.mean_of_units {
                    <div class="card">
                        <div class="card-label">{ texts::PEMDA_MEAN.get(l) }</div>
                        <div id="pemda-mean" class="card-value">{ decimal_id(c.ikm, 2) }</div>
                        <div class="card-sub">{ combined_line(c, l) }</div>
                    </div>
                }
                if let Some(s) = &v.sla {
                    <div class="card">
                        <div class="card-label">{ texts::PEMDA_SLA.get(l) }</div>
                        <div id="pemda-sla" class="card-value">{ percent(s.compliance) }</div>
                        <div class="card-sub">{ format!(
                            "{} {} {} {} · {} {}",
                            integer_id(s.met),
                            texts::DECIDED_OF.get(l),
                            integer_id(s.met + s.breached),
                            texts::DECIDED.get(l),
                            integer_id(u64::from(s.units)),
                            texts::UNITS.get(l)
                        ) }</div>
                    </div>
                }
            </section>
            <p id="pemda-method" class="muted">{ texts::PEMDA_METHOD.get(l) }</p>
            <div class="table-scroll">
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
