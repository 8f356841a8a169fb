//! SLA compliance: per month of the year, and the SOP steps that make requests late.

use plotters::prelude::*;
use skm_core::compliance::{SlaReport, StepCompliance};
use skm_core::format::decimal;
use skm_core::period::MONTH_NAMES;
use skm_core::Lang;

use crate::canvas::{caption, category_label, font, svg};
use crate::palette::{BAR, INK, SECOND};
use crate::ChartError;

fn month_index(key: &str) -> Option<usize> {
    let month: usize = key.rsplit('-').next()?.parse().ok()?;
    (1..=12).contains(&month).then(|| month - 1)
}

/// Draws the share of requests (and complaints) finished within their promised time, per month.
pub fn compliance_per_month_svg(report: &SlaReport, lang: Lang, width: u32, height: u32) -> Result<String, ChartError> {
    let series = |rows: &[skm_core::compliance::ComplianceRow]| {
        let mut v = [None; 12];
        for r in rows {
            if let (Some(i), Some(c)) = (r.month.as_deref().and_then(month_index), r.tally.compliance) {
                v[i] = Some(c);
            }
        }
        v
    };
    let requests = series(&report.requests.months);
    let complaints = report.complaints.as_ref().map(|c| series(&c.months));
    let (title, req_name, comp_name) = match lang {
        Lang::Id => ("Kepatuhan waktu penyelesaian per bulan (%)", "Permohonan", "Pengaduan"),
        Lang::En => ("Completed within the promised time, per month (%)", "Requests", "Complaints"),
    };
    svg(width, height, |root| {
        let (caption_text, caption_style) = caption(title, width, 18);
        let mut chart = ChartBuilder::on(root)
            .caption(caption_text, caption_style)
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(40)
            .build_cartesian_2d(-0.5f64..11.5f64, 0f64..125f64)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(12)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 1e-6 && (0.0..12.0).contains(&i) {
                    MONTH_NAMES[i as usize].get(lang).chars().take(3).collect()
                } else {
                    String::new()
                }
            })
            .y_labels(6)
            .y_label_formatter(&|y| if *y <= 100.0 { decimal(*y, 0, lang) } else { String::new() })
            .label_style(font(12))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(RGBColor(0xe5, 0xe7, 0xeb))
            .draw()?;
        let width_of = if complaints.is_some() { 0.2 } else { 0.34 };
        let shift = if complaints.is_some() { -0.2 } else { 0.0 };
        chart
            .draw_series(requests.iter().enumerate().filter_map(|(i, v)| {
                let x = i as f64 + shift;
                v.map(|c| Rectangle::new([(x - width_of, 0.0), (x + width_of, c)], BAR.filled()))
            }))?
            .label(req_name)
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], BAR.filled()));
        if let Some(complaints) = complaints {
            chart
                .draw_series(complaints.iter().enumerate().filter_map(|(i, v)| {
                    let x = i as f64 + 0.2;
                    v.map(|c| Rectangle::new([(x - 0.2, 0.0), (x + 0.2, c)], SECOND.filled()))
                }))?
                .label(comp_name)
                .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], SECOND.filled()));
        }
        chart
            .draw_series(std::iter::once(PathElement::new(vec![(-0.5, 100.0), (11.5, 100.0)], INK.stroke_width(1))))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(INK)
            .label_font(font(12))
            .draw()?;
        Ok(())
    })
}

/// Draws each SOP step's share of the total delay: where the requests lose their time.
pub fn bottleneck_svg(steps: &[StepCompliance], lang: Lang, width: u32) -> Result<String, ChartError> {
    let (title, unit) = match lang {
        Lang::Id => ("Hambatan SOP: bagian keterlambatan per langkah", "tepat waktu"),
        Lang::En => ("SOP bottleneck: share of the delay per step", "on time"),
    };
    let n = steps.len().max(1) as f64;
    let height = 80 + 36 * steps.len().max(1) as u32;
    svg(width, height, |root| {
        // The labels are cut to the room they are given.
        let label_area = (width * 2 / 5).min(320);
        let (caption_text, caption_style) = caption(title, width, 18);
        let mut chart = ChartBuilder::on(root)
            .caption(caption_text, caption_style)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..110f64, -0.5f64..(n - 0.5))?;
        let labels: Vec<String> = steps.iter().map(|s| format!("{}. {}", s.step, s.activity)).collect();
        chart
            .configure_mesh()
            .disable_mesh()
            .y_labels(steps.len().max(1))
            .y_label_formatter(&|y| crate::canvas::fit(category_label(&labels, *y, true), label_area))
            .x_labels(6)
            .x_label_formatter(&|x| format!("{}%", decimal(*x, 0, lang)))
            .label_style(font(12))
            .draw()?;
        let y_of = |i: usize| (steps.len() - 1 - i) as f64;
        chart.draw_series(steps.iter().enumerate().map(|(i, s)| {
            Rectangle::new([(0.0, y_of(i) - 0.3), (s.delay_share.unwrap_or(0.0), y_of(i) + 0.3)], SECOND.filled())
        }))?;
        chart.draw_series(steps.iter().enumerate().map(|(i, s)| {
            let share = s.delay_share.unwrap_or(0.0);
            let on_time = s.tally.compliance.map(|c| format!(" · {}% {unit}", decimal(c, 0, lang))).unwrap_or_default();
            Text::new(format!("{}%{on_time}", decimal(share, 1, lang)), (share + 1.0, y_of(i) + 0.2), font(12))
        }))?;
        Ok(())
    })
}

/// The colour of a timing band: greens within the promise, oranges and red beyond it.
fn timing_colour(band: usize) -> RGBColor {
    const COLOURS: [RGBColor; 7] = [
        RGBColor(0x14, 0x53, 0x2d),
        RGBColor(0x15, 0x80, 0x3d),
        RGBColor(0x22, 0xc5, 0x5e),
        RGBColor(0x86, 0xef, 0xac),
        RGBColor(0xfd, 0xba, 0x74),
        RGBColor(0xf9, 0x73, 0x16),
        RGBColor(0xb9, 0x1c, 0x1c),
    ];
    COLOURS[band.min(COLOURS.len() - 1)]
}

/// Draws, per service, how the completed requests' time taken spreads against the time their
/// promise allows (100 % = exactly the promised time).
pub fn time_taken_svg(
    services: &[skm_core::compliance::ServiceCompliance],
    name: &dyn Fn(&str) -> String,
    lang: Lang,
    width: u32,
) -> Result<String, ChartError> {
    let title = match lang {
        Lang::Id => "Waktu penyelesaian terhadap janji layanan (100% = tepat batas)",
        Lang::En => "Time taken against the promised time (100% = exactly the limit)",
    };
    let rows: Vec<(String, Vec<f64>)> = services
        .iter()
        .map(|s| {
            let total: u64 = s.timing.iter().sum();
            let shares =
                s.timing.iter().map(|&n| if total > 0 { n as f64 * 100.0 / total as f64 } else { 0.0 }).collect();
            (name(&s.service), shares)
        })
        .collect();
    let n = rows.len().max(1) as f64;
    // The legend under the chart, in as many rows of 80 px items as the width needs.
    let bands = skm_core::sla::TIMING_BANDS.len() + 1;
    let per_row = (width.saturating_sub(24) / 80).clamp(1, bands as u32) as usize;
    let legend_rows = bands.div_ceil(per_row) as u32;
    let legend = 14 + 22 * legend_rows;
    let height = 94 + legend + 44 * rows.len().max(1) as u32;
    svg(width, height, |root| {
        let (upper, lower) = root.split_vertically(height - legend);
        // The labels are cut to the room they are given.
        let label_area = (width / 3).min(300);
        let (caption_text, caption_style) = caption(title, width, 18);
        let mut chart = ChartBuilder::on(&upper)
            .caption(caption_text, caption_style)
            .margin(12)
            // Room for half of the last axis label, «100%», centred on the plot's end.
            .margin_right(24)
            .x_label_area_size(28)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..100f64, -0.5f64..(n - 0.5))?;
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_mesh()
            .y_labels(rows.len().max(1))
            .y_label_formatter(&|y| crate::canvas::fit(category_label(&labels, *y, true), label_area))
            .x_labels(6)
            .x_label_formatter(&|x| format!("{}%", decimal(*x, 0, lang)))
            .label_style(font(12))
            .draw()?;
        for (i, (_, shares)) in rows.iter().enumerate() {
            let y = (rows.len() - 1 - i) as f64;
            let mut start = 0.0;
            for (band, share) in shares.iter().enumerate() {
                if *share > 0.0 {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(start, y - 0.3), (start + share, y + 0.3)],
                        timing_colour(band).filled(),
                    )))?;
                }
                start += share;
            }
        }
        let step = (width as i32 - 24) / per_row as i32;
        for band in 0..bands {
            let (x, y) = (12 + (band % per_row) as i32 * step, 10 + (band / per_row) as i32 * 22);
            lower.draw(&Rectangle::new([(x, y), (x + 14, y + 14)], timing_colour(band).filled()))?;
            lower.draw(&Text::new(skm_core::sla::timing_band_label(band), (x + 20, y), font(12)))?;
        }
        Ok(())
    })
}
