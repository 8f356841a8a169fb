//! A chart on the dashboard: the SVG drawn by `skm-charts`, with its downloads.

use std::rc::Rc;

use skm_core::Lang;
use yew::prelude::*;

use super::download::{csv_of, save_png, save_text};
use crate::texts;

/// Props of [`ChartCard`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// Element id of the figure.
    pub id: AttrValue,
    /// The chart, or why it could not be drawn.
    pub svg: Rc<Result<String, String>>,
    /// The chart's numbers, header first, for the CSV download.
    pub table: Rc<Vec<Vec<String>>>,
    /// File name without extension.
    pub file: AttrValue,
    /// Display language.
    pub lang: Lang,
}

/// A chart with buttons to save it as SVG or PNG and its table as CSV.
#[component]
pub fn ChartCard(props: &ChartProps) -> Html {
    let l = props.lang;
    let svg = match &*props.svg {
        Ok(svg) => svg.clone(),
        Err(e) => return html! { <p class="error">{ e }</p> },
    };
    let save_svg = {
        let (svg, file) = (svg.clone(), props.file.clone());
        Callback::from(move |_: MouseEvent| save_text(&svg, "image/svg+xml", &format!("{file}.svg")))
    };
    let png = {
        let (svg, file) = (svg.clone(), props.file.clone());
        Callback::from(move |_: MouseEvent| save_png(&svg, &format!("{file}.png")))
    };
    let csv = {
        let (table, file) = (props.table.clone(), props.file.clone());
        Callback::from(move |_: MouseEvent| {
            save_text(&csv_of(&table), "text/csv;charset=utf-8", &format!("{file}.csv"))
        })
    };
    html! {
        <figure id={props.id.clone()} class="chart">
            { Html::from_html_unchecked(AttrValue::from(svg)) }
            <figcaption class="downloads">
                <button type="button" class="link" onclick={save_svg}>{ texts::DOWNLOAD_SVG.get(l) }</button>
                <button type="button" class="link" onclick={png}>{ texts::DOWNLOAD_PNG.get(l) }</button>
                if !props.table.is_empty() {
                    <button type="button" class="link" onclick={csv}>{ texts::DOWNLOAD_CSV.get(l) }</button>
                }
            </figcaption>
        </figure>
    }
}
