//! The infographic offices post: a unit's IKM, grade, respondents, strongest and weakest
//! elements, every element's score and how far the follow-up has got, as a 1080×1080 square for social media or an A4 page for
//! the noticeboard (SVG; PNG through [`crate::Fonts`]).

use std::fmt::Write;

use skm_core::analysis::GroupResult;
use skm_core::format::{decimal, integer_id};
use skm_core::public::PublicResults;
use skm_core::Lang;

/// The shape of an infographic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 1080 × 1080 px, for Instagram and the like.
    Square,
    /// A4 portrait (drawn on 1080 × 1528), for the noticeboard.
    A4,
}

impl Layout {
    /// Its height in the drawing's units (its width is always 1080).
    pub fn height(self) -> u32 {
        match self {
            Layout::Square => 1080,
            Layout::A4 => 1528,
        }
    }
}

const WIDTH: u32 = 1080;
const BRAND: &str = "#0f766e";
const INK: &str = "#1f2937";

fn esc(text: &str) -> String {
    html_escape::encode_safe(text).into_owned()
}

/// Splits `text` into lines of at most `chars` characters, at spaces, and at most `lines` lines
/// (the last cut with «…»).
fn wrap(text: &str, chars: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match out.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => out.push(word.to_owned()),
        }
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            let keep: String = last.chars().take(chars.saturating_sub(1)).collect();
            *last = format!("{keep}…");
        }
    }
    out
}

/// How a line of text is set: size, weight, colour and anchor (`start`, `middle`).
struct Set<'a>(u32, u32, &'a str, &'a str);

/// One line of text at `(x, y)`.
fn text(s: &mut String, (x, y): (u32, u32), Set(size, weight, fill, anchor): Set<'_>, content: &str) {
    let _ = write!(
        s,
        "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\" text-anchor=\"{anchor}\">{}</text>",
        esc(content)
    );
}

/// The infographic of the results' latest period, or `None` when it has nothing to publish
/// (fewer respondents than the unit's minimum).
pub fn infographic_svg(r: &PublicResults, layout: Layout, lang: Lang) -> Option<String> {
    let g: &GroupResult = r.overall.as_ref()?;
    let ikm = g.summary.ikm?;
    let t = |id: &'static str, en: &'static str| if lang == Lang::Id { id } else { en };
    let height = layout.height();
    let mut s = match layout {
        Layout::Square => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"sans-serif\">"
        ),
        Layout::A4 => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" viewBox=\"0 0 {WIDTH} {height}\" font-family=\"sans-serif\">"
        ),
    };
    let _ = write!(s, "<rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>");

    // The band: pemda, unit, what and when.
    let unit = wrap(&r.unit_name, 46, 2);
    let band = 200 + 46 * unit.len() as u32;
    let _ = write!(s, "<rect width=\"{WIDTH}\" height=\"{band}\" fill=\"{BRAND}\"/>");
    text(&mut s, (60, 78), Set(30, 400, "#ccfbf1", "start"), &r.pemda);
    for (i, line) in unit.iter().enumerate() {
        text(&mut s, (60, 130 + 46 * i as u32), Set(40, 700, "#ffffff", "start"), line);
    }
    let period = r.period.map(|p| p.key.label(lang)).unwrap_or_default();
    let provisional = match r.period {
        Some(p) if !p.complete => t(" (sementara)", " (provisional)"),
        _ => "",
    };
    let heading = format!(
        "{} · {period}{provisional}",
        t("HASIL SURVEI KEPUASAN MASYARAKAT", "PUBLIC SATISFACTION SURVEY RESULTS")
    );
    text(&mut s, (60, band - 40), Set(26, 600, "#ffffff", "start"), &heading);

    // The index, its grade and the respondents.
    let top = band + if layout == Layout::A4 { 90 } else { 60 };
    text(&mut s, (290, top + 20), Set(30, 600, INK, "middle"), t("Indeks Kepuasan Masyarakat", "Satisfaction Index"));
    let _ = write!(
        s,
        "<text id=\"ikm\" x=\"290\" y=\"{}\" font-size=\"150\" font-weight=\"800\" fill=\"{BRAND}\" text-anchor=\"middle\">{}</text>",
        top + 170,
        esc(&decimal(ikm, 2, lang))
    );
    if let Some(grade) = g.summary.grade {
        let line = format!("{} {} ({})", t("Mutu", "Grade"), grade.letter(), grade.label().get(lang));
        text(&mut s, (290, top + 240), Set(44, 700, INK, "middle"), &line);
    }
    let respondents = format!("{} {}", integer_id(g.summary.respondents), t("responden", "respondents"));
    text(&mut s, (290, top + 295), Set(30, 400, INK, "middle"), &respondents);

    // The strongest and the weakest element.
    let ranked = &g.weakest;
    let mut side = |label: &str, at: u32, element: Option<&skm_core::ikm::RankedElement>| {
        let Some(e) = element else { return };
        text(&mut s, (600, at), Set(26, 600, "#475569", "start"), label);
        let name = wrap(e.element.short_name().get(lang), 24, 2);
        for (i, line) in name.iter().enumerate() {
            text(&mut s, (600, at + 42 + 38 * i as u32), Set(34, 700, INK, "start"), line);
        }
        let nrr = format!("{} · NRR {}", e.element.id().to_uppercase(), decimal(e.nrr, 2, lang));
        text(&mut s, (600, at + 44 + 38 * name.len() as u32), Set(28, 400, BRAND, "start"), &nrr);
    };
    side(t("Unsur terkuat", "Strongest element"), top, ranked.last());
    side(t("Unsur terlemah", "Weakest element"), top + 170, ranked.first());

    // Every element's score, as bars on the 1–4 scale.
    let bars_top = top + if layout == Layout::A4 { 420 } else { 335 };
    let row = if layout == Layout::A4 { 74 } else { 35 };
    let bar_height = row * 2 / 3;
    for (i, e) in g.summary.elements.iter().enumerate() {
        let y = bars_top + row * i as u32;
        let name = format!("{} {}", e.element.id().to_uppercase(), e.element.short_name().get(lang));
        let name: String =
            if name.chars().count() > 26 { name.chars().take(25).chain(['…']).collect() } else { name };
        let baseline = y + bar_height / 2 + 9;
        text(&mut s, (60, baseline), Set(24, 400, INK, "start"), &name);
        let Some(nrr) = e.nrr else { continue };
        let length = ((nrr - 1.0) / 3.0 * 520.0).clamp(2.0, 520.0);
        let _ = write!(
            s,
            "<rect x=\"400\" y=\"{y}\" width=\"{length:.1}\" height=\"{bar_height}\" rx=\"6\" fill=\"{BRAND}\" fill-opacity=\"0.85\"/>"
        );
        text(&mut s, (410 + length as u32, baseline), Set(24, 700, INK, "start"), &decimal(nrr, 2, lang));
    }

    // How far the follow-up of the newest results with actions has got.
    if let Some(f) = r.follow_up.first() {
        let line = match lang {
            Lang::Id => format!("Tindak lanjut hasil {}: {}", f.period.label(lang), f.progress.sentence(lang)),
            Lang::En => format!("Follow-up of {}: {}", f.period.label(lang), f.progress.sentence(lang)),
        };
        let _ = write!(
            s,
            "<text id=\"follow-up\" x=\"60\" y=\"{}\" font-size=\"24\" font-weight=\"700\" fill=\"{BRAND}\">{}</text>",
            height - 62,
            esc(&line)
        );
    }

    // Where the figures come from.
    let method = t(
        "PermenPANRB 14/2017 · 9 unsur pelayanan, skala 25–100",
        "PermenPANRB 14/2017 · 9 service elements, scale 25–100",
    );
    text(&mut s, (60, height - 28), Set(22, 400, "#475569", "start"), method);
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_names_wrap_at_spaces_and_are_cut_after_the_last_line() {
        let name = "Dinas Komunikasi dan Informatika Kabupaten Purbalingga";
        assert_eq!(wrap(name, 46, 2), ["Dinas Komunikasi dan Informatika Kabupaten", "Purbalingga"]);
        assert_eq!(wrap(name, 20, 2), ["Dinas Komunikasi dan", "Informatika…"]);
        assert_eq!(wrap("", 20, 2), Vec::<String>::new());
    }
}
