//! The IKM per period of the year, with its 95 % interval, over the grade bands.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use skm_core::analysis::PeriodKey;
use skm_core::format::{decimal, figure};
use skm_core::{IkmAnalysis, Lang};

use crate::canvas::{
    band_fill, caption, category_label, font, grade_spans, ikm_value_label, small_sample_note, svg, text_px,
    with_grade_legend, LabelledIkm,
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
    // The room of one period on the axis (the plot is the width less its margins and the IKM
    // axis), and about 7 px a character of 13 px text: a narrow chart names the periods short
    // and gives the IKM alone, centred above its point.
    let slot = f64::from(width.saturating_sub(24 + 44)) / shown.len().max(1) as f64;
    let fits = |text: &str| text_px(text) + 6.0 <= slot;
    let known = |g: &&skm_core::GroupResult| match g.key.period {
        Some(PeriodKey::Known(p)) => Some(p),
        _ => None,
    };
    let long_names = shown.iter().filter_map(known).all(|p| fits(&p.label(lang)));
    let points: Vec<LabelledIkm> = shown
        .iter()
        .filter_map(|g| {
            let p = known(g)?;
            let name = if long_names { p.label(lang) } else { p.short_label(lang) };
            Some((name, g.summary.ikm?, g.ci.as_ref().map(|c| (c.low, c.high))))
        })
        .collect();
    let full: Vec<String> = shown.iter().map(|g| ikm_value_label(g, lang)).collect();
    // Right of its point, the label has most of a period's room; centred above, the whole of it.
    let beside = full.iter().all(|v| text_px(v) + 6.0 <= slot * 0.42 + slot / 2.0);
    let values: Vec<String> =
        if beside { full } else { shown.iter().map(|g| figure(g.summary.ikm, 2, lang)).collect() };
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
        let (caption_text, caption_style) = caption(&title, width, 18);
        let mut chart = ChartBuilder::on(&area)
            .caption(caption_text, caption_style)
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
            if beside {
                Text::new(label, (i as f64 + 0.08, p.1 + 1.5), font(13))
            } else {
                let above = font(13).pos(Pos::new(HPos::Center, VPos::Bottom));
                Text::new(label, (i as f64, p.2.map_or(p.1, |c| c.1) + 0.5), above)
            }
        }))?;
        Ok(())
    })
}
