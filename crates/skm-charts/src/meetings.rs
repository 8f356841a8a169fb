//! The evaluation meetings of the year as a calendar of twelve months.

use plotters::prelude::*;
use skm_core::evaluation::{MeetingReport, MonthStatus};
use skm_core::period::MONTH_NAMES;
use skm_core::Lang;

use crate::canvas::{font, svg};
use crate::palette::INK;
use crate::ChartError;

/// Draws the twelve months, coloured by whether the required meeting was held, with the roles
/// that were missing.
pub fn meeting_calendar_svg(report: &MeetingReport, lang: Lang, width: u32) -> Result<String, ChartError> {
    let (held, missed, open, missing_word, meetings_word) = match lang {
        Lang::Id => ("Sesuai", "Tidak sesuai", "Berjalan", "tanpa", "rapat"),
        Lang::En => ("Compliant", "Missed", "In progress", "without", "meetings"),
    };
    // Four months a row on a laptop, three or two on a phone: each cell wide enough for its words.
    let cols = (width.saturating_sub(24) / 200).clamp(2, 4);
    let cell_w = width.saturating_sub(24) / cols;
    let cell_h = 92u32;
    let height = 40 + 12u32.div_ceil(cols) * cell_h + 12;
    // About 7 px a character of 12 px text.
    let fits = (cell_w.saturating_sub(24) / 7).max(8) as usize;
    svg(width, height, |root| {
        let title = match lang {
            Lang::Id => format!("Rapat evaluasi {}", report.year),
            Lang::En => format!("Evaluation meetings {}", report.year),
        };
        root.draw(&Text::new(title, (12, 8), font(18)))?;
        for (i, month) in report.months.iter().enumerate().take(12) {
            let (col, row) = (i as u32 % cols, i as u32 / cols);
            let (x, y) = ((12 + col * cell_w) as i32, (40 + row * cell_h) as i32);
            let (fill, word) = match month.status {
                MonthStatus::Compliant => (RGBColor(0xdc, 0xfc, 0xe7), held),
                MonthStatus::Missed => (RGBColor(0xfe, 0xe2, 0xe2), missed),
                MonthStatus::InProgress => (RGBColor(0xf1, 0xf5, 0xf9), open),
            };
            let (w, h) = (cell_w as i32 - 8, cell_h as i32 - 8);
            root.draw(&Rectangle::new([(x, y), (x + w, y + h)], fill.filled()))?;
            root.draw(&Rectangle::new([(x, y), (x + w, y + h)], INK.mix(0.25).stroke_width(1)))?;
            root.draw(&Text::new(MONTH_NAMES[i].get(lang).to_owned(), (x + 8, y + 6), font(15)))?;
            root.draw(&Text::new(format!("{word} · {} {meetings_word}", month.meetings), (x + 8, y + 28), font(12)))?;
            if !month.missing_roles.is_empty() {
                let roles: Vec<&str> = month.missing_roles.iter().map(|r| r.label().get(lang)).collect();
                let line = format!("{missing_word} {}", roles.join(", "));
                let line = if line.chars().count() > fits {
                    line.chars().take(fits - 1).chain("…".chars()).collect()
                } else {
                    line
                };
                root.draw(&Text::new(line, (x + 8, y + 48), font(12)))?;
            }
        }
        Ok(())
    })
}
