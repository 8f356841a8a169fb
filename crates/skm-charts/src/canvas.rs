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

/// Text of `size` CSS pixels on the screen, in the charts' ink. (plotters writes an SVG font
/// size of the style's size divided by 1,24, so the style is made that much larger.)
pub fn font(size: u32) -> TextStyle<'static> {
    ("sans-serif", f64::from(size) * 1.24).into_font().color(&INK)
}

/// A chart's title and its style: `largest` px where the title fits the chart's width, smaller
/// down to 13 px on a narrow chart, and cut with «…» only when even that does not fit.
pub fn caption(title: &str, width: u32, largest: u32) -> (String, TextStyle<'static>) {
    let room = f64::from(width.saturating_sub(24));
    let chars = title.chars().count().max(1) as f64;
    // About 0,5 em a character in the sans-serif fonts the charts are shown in (0,46 measured in
    // headless Chromium on Debian), with a little to spare.
    let fits = |size: u32| chars * f64::from(size) * 0.5 <= room;
    let size = (13..=largest.max(13)).rev().find(|&s| fits(s)).unwrap_or(13);
    let text = if fits(size) {
        title.to_owned()
    } else {
        let keep = ((room / (f64::from(size) * 0.5)) as usize).max(2);
        title.chars().take(keep - 1).chain("…".chars()).collect()
    };
    (text, font(size))
}

/// The converted-scale (25–100) span of each grade, low to high.
pub fn grade_spans() -> impl Iterator<Item = (skm_core::Grade, f64, f64)> {
    GRADE_TABLE.iter().map(|b| {
        (b.grade, f64::from(b.converted_min_hundredths) / 100.0, (f64::from(b.converted_max_hundredths) + 1.0) / 100.0)
    })
}

/// Draws the legend of the grade bands (`A Sangat baik`, …) along the bottom of `root`, in as
/// many rows as its width needs, and gives back the area above it for the chart.
pub fn with_grade_legend<'a>(root: &Area<'a>, lang: skm_core::Lang) -> Result<Area<'a>, ChartError> {
    let (width, height) = root.dim_in_pixel();
    const ITEM: u32 = 150;
    const ROW: u32 = 24;
    let per_row = (width.saturating_sub(24) / ITEM).clamp(1, 4);
    let rows = 4u32.div_ceil(per_row);
    let (chart, legend) = root.split_vertically(height.saturating_sub(rows * ROW + 8));
    // A first, as the grades are read.
    for (i, band) in GRADE_TABLE.iter().rev().enumerate() {
        let i = i as u32;
        let (x, y) = (12 + (i % per_row) * ITEM, 4 + (i / per_row) * ROW);
        let (x, y) = (x as i32, y as i32);
        legend.draw(&Rectangle::new([(x, y + 2), (x + 18, y + 18)], band_fill(band.grade)))?;
        legend.draw(&Rectangle::new([(x, y + 2), (x + 18, y + 18)], crate::palette::INK.mix(0.3)))?;
        let text = format!("{} {}", band.grade.letter(), band.label.get(lang));
        legend.draw(&Text::new(text, (x + 24, y + 3), font(13)))?;
    }
    Ok(chart)
}

/// A grade band's fill.
pub fn band_fill(grade: skm_core::Grade) -> ShapeStyle {
    band(grade).filled()
}

/// A labelled IKM with its 95 % interval, if known.
pub type LabelledIkm = (String, f64, Option<(f64, f64)>);

/// The value label of a group's IKM: the IKM, its respondents, and a star when the sample is
/// too small (`80,56 · n 1*`).
pub fn ikm_value_label(group: &skm_core::GroupResult, lang: skm_core::Lang) -> String {
    let ikm = skm_core::format::figure(group.summary.ikm, 2, lang);
    let short = group.sample.as_ref().is_some_and(|c| !c.met);
    format!("{ikm} · n {}{}", skm_core::format::integer(group.summary.respondents, lang), if short { "*" } else { "" })
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

/// About how many pixels `text` takes in the charts' 12–13 px labels (7 px a character).
pub fn text_px(text: &str) -> f64 {
    text.chars().count() as f64 * 7.0
}

/// A label cut with «…» to what `px` pixels of 12–13 px text hold (about 6,5 px a character),
/// so a narrow chart never draws a label beyond its edge.
pub fn fit(label: String, px: u32) -> String {
    let room = (px.saturating_sub(8) * 2 / 13).max(4) as usize;
    if label.chars().count() <= room {
        label
    } else {
        label.chars().take(room - 1).chain("…".chars()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{category_label, fit};

    #[test]
    fn a_title_shrinks_to_fit_and_is_cut_only_below_13_px() {
        let title = "Kepatuhan waktu penyelesaian per bulan (%)";
        assert_eq!(super::caption(title, 900, 18).0, title);
        let (shown, _) = super::caption(title, 328, 18);
        assert_eq!(shown, title, "smaller, whole");
        let (cut, _) = super::caption(title, 200, 18);
        assert!(cut.ends_with('…') && cut.chars().count() < title.chars().count(), "{cut}");
    }

    #[test]
    fn labels_fit_their_room() {
        assert_eq!(fit("Internet dan Jaringan".to_owned(), 300), "Internet dan Jaringan");
        assert_eq!(fit("Internet dan Jaringan".to_owned(), 73), "Internet …");
        assert_eq!(fit("Internet".to_owned(), 0), "Int…");
    }

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
