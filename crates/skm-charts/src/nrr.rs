//! NRR per element (U1–U9) as bars over the grade bands.

use plotters::prelude::*;
use skm_core::format::decimal_id;
use skm_core::grade::GRADE_TABLE;
use skm_core::{IkmSummary, Lang, ELEMENTS};

use crate::palette::{band, BAR, INK};
use crate::ChartError;

/// Draws the NRR of each element as an SVG of `width` × `height` pixels.
pub fn nrr_per_element_svg(summary: &IkmSummary, lang: Lang, width: u32, height: u32) -> Result<String, ChartError> {
    let title = match lang {
        Lang::Id => "Nilai rata-rata (NRR) per unsur",
        Lang::En => "Average score (NRR) per element",
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20).into_font().color(&INK))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..8.5f64, 1f64..4f64)?;

        // The grade bands, on the 1–4 scale.
        for b in GRADE_TABLE {
            let low = (f64::from(b.converted_min_hundredths) / 2500.0).max(1.0);
            let high = (f64::from(b.converted_max_hundredths) + 1.0) / 2500.0;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(-0.5, low), (8.5, high.min(4.0))],
                band(b.grade).filled(),
            )))?;
        }

        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(9)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 1e-6 && (0.0..9.0).contains(&i) {
                    ELEMENTS[i as usize].id().to_owned()
                } else {
                    String::new()
                }
            })
            .y_labels(7)
            .y_label_formatter(&|y| decimal_id(*y, 1))
            .y_desc("NRR")
            .axis_desc_style(("sans-serif", 14).into_font().color(&INK))
            .label_style(("sans-serif", 13).into_font().color(&INK))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;

        let bars = summary.elements.iter().filter_map(|e| {
            let x = e.element.index() as f64;
            e.nrr.map(|nrr| Rectangle::new([(x - 0.32, 1.0), (x + 0.32, nrr)], BAR.filled()))
        });
        chart.draw_series(bars)?;
        let values = summary.elements.iter().filter_map(|e| {
            let x = e.element.index() as f64;
            e.nrr.map(|nrr| {
                Text::new(
                    decimal_id(nrr, 2),
                    (x - 0.3, (nrr + 0.12).min(3.95)),
                    ("sans-serif", 12).into_font().color(&INK),
                )
            })
        });
        chart.draw_series(values)?;
        root.present()?;
    }
    Ok(svg)
}
