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
