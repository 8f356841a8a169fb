//! The IKM of each service, with its 95 % interval, over the grade bands.

use plotters::prelude::*;
use skm_core::format::decimal;
use skm_core::{IkmAnalysis, Lang};

use crate::canvas::{
    band_fill, caption, category_label, font, grade_spans, ikm_value_label, small_sample_note, svg, with_grade_legend,
    LabelledIkm,
};
use crate::palette::{BAR, INK};
use crate::ChartError;

/// Draws the IKM (converted, 25–100) per service of an analysis grouped by service; `name`
/// gives a service's display name from its code.
pub fn ikm_per_service_svg(
    analysis: &IkmAnalysis,
    name: &dyn Fn(&str) -> String,
    lang: Lang,
    width: u32,
) -> Result<String, ChartError> {
    let shown: Vec<&skm_core::GroupResult> = analysis.groups.iter().filter(|g| g.summary.ikm.is_some()).collect();
    let rows: Vec<LabelledIkm> = shown
        .iter()
        .filter_map(|g| {
            let ikm = g.summary.ikm?;
            let code = g.key.service.as_deref().unwrap_or("");
            Some((name(code), ikm, g.ci.as_ref().map(|c| (c.low, c.high))))
        })
        .collect();
    let values: Vec<String> = shown.iter().map(|g| ikm_value_label(g, lang)).collect();
    let note = small_sample_note(&analysis.groups, lang).map(|n| format!("; {n}")).unwrap_or_default();
    let title = match lang {
        Lang::Id => format!("IKM per layanan (garis: selang kepercayaan 95%{note})"),
        Lang::En => format!("IKM per service (lines: 95% confidence interval{note})"),
    };
    let n = rows.len().max(1) as f64;
    // The first service on top, as the service table lists them.
    let row_y = |i: usize| n - 1.0 - i as f64;
    let height = 122 + 46 * rows.len().max(1) as u32;
    svg(width, height, |root| {
        let area = with_grade_legend(root, lang)?;
        let label_area = (width / 3).min(300);
        let (caption_text, caption_style) = caption(&title, width, 18);
        let mut chart = ChartBuilder::on(&area)
            .caption(caption_text, caption_style)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(label_area)
            .build_cartesian_2d(25f64..100f64, -0.5f64..(n - 0.5))?;
        for (grade, low, high) in grade_spans() {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(low, -0.5), (high.min(100.0), n - 0.5)],
                band_fill(grade),
            )))?;
        }
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows.len().max(1))
            .y_label_formatter(&|y| crate::canvas::fit(category_label(&labels, *y, true), label_area))
            .x_labels(7)
            .x_label_formatter(&|x| decimal(*x, 0, lang))
            .label_style(font(13))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        chart.draw_series(
            rows.iter()
                .enumerate()
                .map(|(i, r)| Rectangle::new([(25.0, row_y(i) - 0.3), (r.1, row_y(i) + 0.3)], BAR.filled())),
        )?;
        for (i, r) in rows.iter().enumerate() {
            let y = row_y(i);
            if let Some((low, high)) = r.2 {
                chart.draw_series(std::iter::once(PathElement::new(vec![(low, y), (high, y)], INK.stroke_width(2))))?;
                for x in [low, high] {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(x, y - 0.15), (x, y + 0.15)],
                        INK.stroke_width(2),
                    )))?;
                }
            }
            chart.draw_series(std::iter::once(Text::new(
                values.get(i).cloned().unwrap_or_else(|| decimal(r.1, 2, lang)),
                (27.0, y + 0.12),
                font(13).color(&WHITE),
            )))?;
        }
        Ok(())
    })
}
