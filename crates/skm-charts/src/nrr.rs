//! NRR per element (U1–U9) as bars over the grade bands, each named, U1 on top as in the table.

use plotters::prelude::*;
use skm_core::format::decimal;
use skm_core::grade::GRADE_TABLE;
use skm_core::{IkmSummary, Lang, ELEMENTS};

use crate::canvas::{band_fill, caption, category_label, fit, font, svg, with_grade_legend};
use crate::palette::BAR;
use crate::ChartError;

/// Draws the NRR of each element as an SVG of `width` × `height` pixels.
pub fn nrr_per_element_svg(summary: &IkmSummary, lang: Lang, width: u32, height: u32) -> Result<String, ChartError> {
    let title = match lang {
        Lang::Id => "Nilai rata-rata (NRR) per unsur",
        Lang::En => "Average score (NRR) per element",
    };
    let labels: Vec<String> = ELEMENTS.iter().map(|e| format!("{} {}", e.id(), e.short_name().get(lang))).collect();
    // U1 on top, as the element table lists them.
    let row_y = |index: usize| 8.0 - index as f64;
    let label_area = (width / 3).clamp(110, 170);
    svg(width, height, |root| {
        let area = with_grade_legend(root, lang)?;
        let (caption_text, caption_style) = caption(title, width, 18);
        let mut chart = ChartBuilder::on(&area)
            .caption(caption_text, caption_style)
            .margin(12)
            .x_label_area_size(30)
            .y_label_area_size(label_area)
            .build_cartesian_2d(1f64..4f64, -0.5f64..8.5f64)?;
        // The grade bands, on the 1–4 scale.
        for b in GRADE_TABLE {
            let low = (f64::from(b.converted_min_hundredths) / 2500.0).max(1.0);
            let high = (f64::from(b.converted_max_hundredths) + 1.0) / 2500.0;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(low, -0.5), (high.min(4.0), 8.5)],
                band_fill(b.grade),
            )))?;
        }
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(9)
            .y_label_formatter(&|y| fit(category_label(&labels, *y, true), label_area))
            .x_labels(7)
            .x_label_formatter(&|x| decimal(*x, 1, lang))
            .label_style(font(13))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        let bars = summary.elements.iter().filter_map(|e| {
            let y = row_y(e.element.index());
            e.nrr.map(|nrr| Rectangle::new([(1.0, y - 0.32), (nrr, y + 0.32)], BAR.filled()))
        });
        chart.draw_series(bars)?;
        let values = summary.elements.iter().filter_map(|e| {
            let y = row_y(e.element.index());
            e.nrr.map(|nrr| Text::new(decimal(nrr, 2, lang), (1.04, y + 0.2), font(13).color(&WHITE)))
        });
        chart.draw_series(values)?;
        Ok(())
    })
}
