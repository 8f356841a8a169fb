//! What the dashboard's figures mean, in plain words: IKM, NRR, the interval, the grades and the
//! sample, folded under the views.

use skm_core::format::decimal;
use skm_core::grade::GRADE_TABLE;
use skm_core::Lang;
use yew::prelude::*;

use crate::texts;

/// The folded glossary.
pub(super) fn glossary(l: Lang) -> Html {
    let grades = GRADE_TABLE.iter().rev().map(|b| {
        let low = decimal(f64::from(b.converted_min_hundredths) / 100.0, 2, l);
        let high = decimal(f64::from(b.converted_max_hundredths) / 100.0, 2, l);
        html! { <li>{ format!("{} {}: {low}–{high}", b.grade.letter(), b.label.get(l)) }</li> }
    });
    html! {
        <details id="glossary" class="glossary">
            <summary>{ texts::GLOSSARY.get(l) }</summary>
            <dl>
                <dt>{ "IKM" }</dt><dd>{ texts::GLOSSARY_IKM.get(l) }</dd>
                <dt>{ "NRR" }</dt><dd>{ texts::GLOSSARY_NRR.get(l) }</dd>
                <dt>{ texts::CI_95.get(l) }</dt><dd>{ texts::GLOSSARY_CI.get(l) }</dd>
                <dt>{ texts::GRADE.get(l) }</dt><dd>{ texts::GLOSSARY_GRADE.get(l) }<ul>{ for grades }</ul></dd>
                <dt>{ texts::SAMPLE.get(l) }</dt><dd>{ texts::GLOSSARY_SAMPLE.get(l) }</dd>
            </dl>
        </details>
    }
}
