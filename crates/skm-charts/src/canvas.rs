//! The frame every chart is drawn in: an SVG string of a given size, white, with the fonts and
//! the grade bands the charts share.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::TextStyle;
use skm_core::grade::GRADE_TABLE;

use crate::palette::{band, INK};
use crate::ChartError;

/// The drawing area of an SVG chart.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Draws onto a white SVG of `width` × `height` pixels and returns its text.
pub fn svg(
    width: u32,
    height: u32,
    draw: impl FnOnce(&Area<'_>) -> Result<(), ChartError>,
) -> Result<String, ChartError> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
    }
    Ok(text)
}

/// Text of `size` pixels in the charts' ink.
pub fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&INK)
}

/// The converted-scale (25–100) span of each grade, low to high.
pub fn grade_spans() -> impl Iterator<Item = (skm_core::Grade, f64, f64)> {
    GRADE_TABLE.iter().map(|b| {
        (b.grade, f64::from(b.converted_min_hundredths) / 100.0, (f64::from(b.converted_max_hundredths) + 1.0) / 100.0)
    })
}

/// A grade band's fill.
pub fn band_fill(grade: skm_core::Grade) -> ShapeStyle {
    band(grade).filled()
}

/// A labelled IKM with its 95 % interval, if known.
pub type LabelledIkm = (String, f64, Option<(f64, f64)>);

/// The value label of a group's IKM: the IKM, its respondents, and a star when the sample is
/// too small (`80,56 · n 1*`).
pub fn ikm_value_label(group: &skm_core::GroupResult) -> String {
    let ikm = group.summary.ikm.map_or_else(|| "–".to_owned(), |v| skm_core::format::decimal_id(v, 2));
    let short = group.sample.as_ref().is_some_and(|c| !c.met);
    format!("{ikm} · n {}{}", skm_core::format::integer_id(group.summary.respondents), if short { "*" } else { "" })
}

/// The footnote for the star of [`ikm_value_label`], when any group has it.
pub fn small_sample_note(groups: &[skm_core::GroupResult], lang: skm_core::Lang) -> Option<String> {
    groups
        .iter()
        .any(|g| g.sample.as_ref().is_some_and(|c| !c.met))
        .then(|| format!("* {}", skm_core::analysis::SAMPLE_TOO_SMALL.get(lang)))
}

/// The label of the category at an axis position, empty between categories. With `top_first`
/// the first label belongs to the highest position (the first row at the top of a bar chart).
pub fn category_label(labels: &[String], at: f64, top_first: bool) -> String {
    let i = at.round();
    if (at - i).abs() >= 1e-6 || i < 0.0 {
        return String::new();
    }
    let i = i as usize;
    let index = if top_first { labels.len().checked_sub(1 + i) } else { Some(i) };
    index.and_then(|k| labels.get(k)).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::category_label;

    #[test]
    fn categories_sit_on_whole_positions() {
        let labels = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(category_label(&labels, 0.0, false), "a");
        assert_eq!(category_label(&labels, 0.0, true), "c");
        assert_eq!(category_label(&labels, 2.0, true), "a");
        assert_eq!(category_label(&labels, 0.5, false), "");
        assert_eq!(category_label(&labels, 3.0, true), "");
        assert_eq!(category_label(&labels, -1.0, false), "");
    }
}
