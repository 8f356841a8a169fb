//! The IKM per period of the year, with its 95 % interval, over the grade bands.

use plotters::prelude::*;
use skm_core::analysis::PeriodKey;
use skm_core::format::decimal;
use skm_core::{IkmAnalysis, Lang};

use crate::canvas::{
    band_fill, category_label, font, grade_spans, ikm_value_label, small_sample_note, svg, with_grade_legend,
    LabelledIkm,
};
use crate::palette::{BAR, INK};
use crate::ChartError;

/// Draws the IKM of each period of an analysis grouped by period (undated rows left out).
pub fn ikm_trend_svg(analysis: &IkmAnalysis, lang: Lang, width: u32, height: u32) -> Result<String, ChartError> {
    let shown: Vec<&skm_core::GroupResult> = analysis
        .groups
        .iter()
        .filter(|g| matches!(g.key.period, Some(PeriodKey::Known(_))) && g.summary.ikm.is_some())
        .collect();
    let points: Vec<LabelledIkm> = shown
        .iter()
        .filter_map(|g| match g.key.period {
            Some(PeriodKey::Known(p)) => Some((p.label(lang), g.summary.ikm?, g.ci.as_ref().map(|c| (c.low, c.high)))),
            _ => None,
        })
        .collect();
    let values: Vec<String> = shown.iter().map(|g| ikm_value_label(g, lang)).collect();
    let note = small_sample_note(&analysis.groups, lang).map(|n| format!(" ({n})")).unwrap_or_default();
    let title = match lang {
        Lang::Id => format!("IKM per periode{note}"),
        Lang::En => format!("IKM per period{note}"),
    };
    let n = points.len().max(1) as f64;
    let low = points.iter().map(|p| p.2.map_or(p.1, |c| c.0)).fold(100f64, f64::min);
    let floor = ((low - 5.0) / 5.0).floor().clamp(5.0, 19.0) * 5.0;
    svg(width, height, |root| {
        let area = with_grade_legend(root, lang)?;
        let mut chart = ChartBuilder::on(&area)
            .caption(&title, font(18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-0.5f64..(n - 0.5), floor..100f64)?;
        for (grade, lo, hi) in grade_spans() {
            if hi > floor {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(-0.5, lo.max(floor)), (n - 0.5, hi.min(100.0))],
                    band_fill(grade),
                )))?;
            }
        }
        let labels: Vec<String> = points.iter().map(|p| p.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(points.len().max(1))
            .x_label_formatter(&|x| category_label(&labels, *x, false))
            .y_label_formatter(&|y| decimal(*y, 0, lang))
            .y_desc("IKM")
            .label_style(font(13))
            .axis_desc_style(font(13))
            .light_line_style(WHITE.mix(0.0))
            .draw()?;
        for (i, p) in points.iter().enumerate() {
            if let Some((lo, hi)) = p.2 {
                let x = i as f64;
                chart.draw_series(std::iter::once(PathElement::new(vec![(x, lo), (x, hi)], INK.stroke_width(2))))?;
            }
        }
        chart.draw_series(LineSeries::new(
            points.iter().enumerate().map(|(i, p)| (i as f64, p.1)),
            BAR.stroke_width(3),
        ))?;
        chart.draw_series(points.iter().enumerate().map(|(i, p)| Circle::new((i as f64, p.1), 5, BAR.filled())))?;
        chart.draw_series(points.iter().enumerate().map(|(i, p)| {
            let label = values.get(i).cloned().unwrap_or_else(|| decimal(p.1, 2, lang));
            Text::new(label, (i as f64 + 0.08, p.1 + 1.5), font(13))
        }))?;
        Ok(())
    })
}
