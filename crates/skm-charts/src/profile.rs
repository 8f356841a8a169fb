//! The respondents by one profile question (gender, age band, education, occupation).

use plotters::prelude::*;
use skm_core::analysis::ProfileBreakdown;
use skm_core::format::{decimal, integer};
use skm_core::Lang;

use crate::canvas::{caption, category_label, font, svg, text_px};
use crate::palette::BAR;
use crate::ChartError;

/// Draws the share of respondents choosing each answer of one profile question.
pub fn profile_svg(breakdown: &ProfileBreakdown, lang: Lang, width: u32) -> Result<String, ChartError> {
    let rows: Vec<(String, u64, f64)> = breakdown
        .rows
        .iter()
        .map(|r| (breakdown.field.answer_label(r.value.as_deref(), lang), r.respondents, r.share))
        .collect();
    let n = rows.len().max(1) as f64;
    let top = rows.iter().map(|r| r.2).fold(10f64, f64::max).min(100.0);
    let height = 70 + 30 * rows.len().max(1) as u32;
    let values: Vec<String> =
        rows.iter().map(|r| format!("{} ({}%)", integer(r.1, lang), decimal(r.2, 1, lang))).collect();
    // The labels are cut to the room they are given.
    let label_area = (width / 3).min(180);
    // The axis runs far enough past the longest bar for its value (about 7 px a character of
    // 12 px text) to end inside the chart.
    let plot = f64::from(width.saturating_sub(20 + label_area)).max(1.0);
    let widest = values.iter().map(|v| text_px(v)).fold(0.0, f64::max) + 8.0;
    let end = top / (1.0 - (widest / plot).min(0.6)).max(0.4) * 1.04;
    svg(width, height, |root| {
        let (caption_text, caption_style) = caption(breakdown.field.label().get(lang), width, 16);
        let mut chart = ChartBuilder::on(root)
            .caption(caption_text, caption_style)
            .margin(10)
            .x_label_area_size(24)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..end.max(top * 1.3), -0.5f64..(n - 0.5))?;
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_mesh()
            .y_labels(rows.len().max(1))
            .y_label_formatter(&|y| crate::canvas::fit(category_label(&labels, *y, true), label_area))
            .x_labels(5)
            .x_label_formatter(&|x| format!("{}%", decimal(*x, 0, lang)))
            .label_style(font(12))
            .draw()?;
        // The first answer at the top.
        let y_of = |i: usize| (rows.len() - 1 - i) as f64;
        chart.draw_series(
            rows.iter()
                .enumerate()
                .map(|(i, r)| Rectangle::new([(0.0, y_of(i) - 0.32), (r.2, y_of(i) + 0.32)], BAR.filled())),
        )?;
        chart.draw_series(
            rows.iter()
                .zip(&values)
                .enumerate()
                .map(|(i, (r, v))| Text::new(v.clone(), (r.2 + top * 0.02, y_of(i) + 0.2), font(12))),
        )?;
        Ok(())
    })
}
