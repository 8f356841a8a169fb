//! The public results pages as HTML: no script, every text from a unit or its standards
//! escaped, the charts the report draws (skm-charts) inline as SVG.

use skm_core::sample::DEFAULT_MIN_SAMPLE;
use std::fmt::Write;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use skm_core::analysis::{GroupResult, IkmAnalysis};
use skm_core::format::{decimal, integer_id};
use skm_core::public::PublicResults;
use skm_core::unit::ServiceInfo;
use skm_core::Lang;

/// How a page is asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageOptions {
    /// Its language.
    pub lang: Lang,
    /// Shown inside another site's frame: no site header, links open outside the frame.
    pub embed: bool,
}

/// One text in both languages, in the page's.
fn t(o: PageOptions, id: &'static str, en: &'static str) -> &'static str {
    match o.lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

fn figure(value: Option<f64>, o: PageOptions) -> String {
    skm_core::format::figure(value, 2, o.lang)
}

fn grade_of(g: &GroupResult, o: PageOptions) -> String {
    skm_core::format::grade(g.summary.grade, o.lang)
}

/// The page's head and the start of its body.
fn open(title: &str, o: PageOptions, switch_to: &str) -> String {
    let mut s = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/hasil.css\">",
        o.lang.tag(),
        esc(title)
    );
    if o.embed {
        s.push_str("<base target=\"_blank\">");
    }
    s.push_str("</head><body");
    if o.embed {
        s.push_str(" class=\"embed\"");
    }
    s.push_str("><main class=\"results\">");
    let other = match o.lang {
        Lang::Id => ("en", "English"),
        Lang::En => ("id", "Bahasa Indonesia"),
    };
    let embed = if o.embed { "&amp;embed=1" } else { "" };
    let _ = write!(
        s,
        "<p class=\"lang\"><a id=\"switch-lang\" href=\"{}?lang={}{embed}\" hreflang=\"{}\">{}</a></p>",
        attr(switch_to),
        other.0,
        other.0,
        other.1
    );
    s
}

fn close(s: &mut String) {
    s.push_str("</main></body></html>");
}

/// The results page of a unit.
pub(crate) fn unit(r: &PublicResults, services: &[ServiceInfo], o: PageOptions) -> String {
    let title =
        format!("{} – {}", t(o, "Hasil Survei Kepuasan Masyarakat", "Public Satisfaction Survey results"), r.unit_name);
    let mut s = open(&title, o, &format!("/hasil/{}", r.unit));
    let _ = write!(
        s,
        "<header><p class=\"pemda\">{}</p><h1>{}</h1><p class=\"unit\">{}</p>",
        esc(&r.pemda),
        t(o, "Hasil Survei Kepuasan Masyarakat", "Public Satisfaction Survey results"),
        esc(&r.unit_name)
    );
    if let Some(p) = r.period {
        let provisional =
            if p.complete { "" } else { t(o, " (sementara, periode berjalan)", " (provisional, period under way)") };
        let _ = write!(s, "<p class=\"period\" id=\"period\">{}{provisional}</p>", esc(&p.key.label(o.lang)));
    }
    s.push_str("</header>");

    match &r.overall {
        None => {
            let _ = write!(
                s,
                "<p class=\"nothing\" id=\"no-results\">{} {}.</p>",
                t(
                    o,
                    "Belum ada hasil yang dapat diumumkan: hasil ditampilkan setelah paling sedikit",
                    "No results can be published yet: results are shown once there are at least"
                ),
                match o.lang {
                    Lang::Id => format!("{} responden", r.min_group),
                    Lang::En => format!("{} respondents", r.min_group),
                }
            );
        }
        Some(g) => headline(&mut s, g, o),
    }
    if let Some(g) = &r.overall {
        elements(&mut s, g, o);
    }
    service_table(&mut s, r, services, o);
    trend(&mut s, r, o);
    method(&mut s, r, o);
    follow_up(&mut s, r, o);
    let code = attr(&r.unit);
    let _ = write!(
        s,
        "<footer><p>{} <a id=\"open-json\" href=\"/api/v1/units/{code}/results.json\">JSON</a> · \
         <a id=\"open-csv\" href=\"/api/v1/units/{code}/results.csv\">CSV</a></p></footer>",
        t(o, "Data terbuka:", "Open data:")
    );
    close(&mut s);
    s
}

fn headline(s: &mut String, g: &GroupResult, o: PageOptions) {
    let _ = write!(
        s,
        "<section class=\"headline\" aria-labelledby=\"ikm-label\"><p id=\"ikm-label\" class=\"label\">{}</p>\
         <p class=\"ikm\" id=\"ikm\">{}</p><p class=\"grade\" id=\"grade\">{} {}</p>",
        t(o, "Indeks Kepuasan Masyarakat (IKM)", "Public Satisfaction Index (IKM)"),
        figure(g.summary.ikm, o),
        t(o, "Mutu pelayanan", "Service quality"),
        esc(&grade_of(g, o))
    );
    if let Some(ci) = &g.ci {
        let _ = write!(
            s,
            "<p class=\"interval\" id=\"interval\">{}: <span class=\"nb\">{} – {}</span></p>",
            t(o, "Selang kepercayaan 95%", "95% confidence interval"),
            decimal(ci.low, 2, o.lang),
            decimal(ci.high, 2, o.lang)
        );
    }
    let respondents = integer_id(g.summary.respondents);
    let sample = match (g.sample.as_ref().map(|c| (c.required, c.population)), o.lang) {
        (Some((required, None)), Lang::Id) => {
            format!(" dari <span class=\"nb\">sampel minimal {}</span>", integer_id(required))
        }
        (Some((required, None)), Lang::En) => {
            format!(" of <span class=\"nb\">a minimum sample of {}</span>", integer_id(required))
        }
        (Some((required, Some(n))), Lang::Id) => format!(
            " dari <span class=\"nb\">{} yang diperlukan</span> <span class=\"nb\">(Krejcie–Morgan, N = {})</span>",
            integer_id(required),
            integer_id(n)
        ),
        (Some((required, Some(n))), Lang::En) => format!(
            " of <span class=\"nb\">{} required</span> <span class=\"nb\">(Krejcie–Morgan, N = {})</span>",
            integer_id(required),
            integer_id(n)
        ),
        (None, _) => String::new(),
    };
    let _ = write!(
        s,
        "<p class=\"respondents\" id=\"respondents\">{respondents} {}{sample}</p></section>",
        t(o, "responden", "respondents")
    );
}

fn elements(s: &mut String, g: &GroupResult, o: PageOptions) {
    let _ = write!(
        s,
        "<section id=\"elements\"><h2>{}</h2>{}<table><thead><tr><th>{}</th><th class=\"num\">NRR</th><th>{}</th></tr></thead><tbody>",
        t(o, "Nilai per unsur pelayanan", "Score per service element"),
        scroll(t(o, "Nilai per unsur pelayanan", "Score per service element")),
        t(o, "Unsur", "Element"),
        t(o, "Mutu", "Quality")
    );
    for e in &g.summary.elements {
        let grade = skm_core::format::grade(e.grade, o.lang);
        let _ = write!(
            s,
            "<tr><td>{} {}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            e.element.id().to_uppercase(),
            esc(e.element.short_name().get(o.lang)),
            figure(e.nrr, o),
            esc(&grade)
        );
    }
    s.push_str("</tbody></table></div>");
    if let Ok(svg) = skm_charts::nrr_per_element_svg(&g.summary, o.lang, 640, 360) {
        let _ = write!(s, "<figure class=\"chart\" aria-hidden=\"true\">{svg}</figure>");
    }
    s.push_str("</section>");
}

/// The box a table scrolls sideways in on a narrow screen: reachable by the keyboard, and named
/// for a screen reader.
fn scroll(label: &str) -> String {
    format!("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">", attr(label))
}

/// A table of groups (services or periods): each group's name, respondents, IKM and grade.
fn groups_table<'g>(
    s: &mut String,
    first: &str,
    rows: impl Iterator<Item = (String, String, &'g GroupResult)>,
    o: PageOptions,
) {
    let _ = write!(
        s,
        "{}<table><thead><tr><th>{first}</th><th class=\"num\">{}</th><th class=\"num\">IKM</th><th>{}</th></tr></thead><tbody>",
        scroll(first),
        t(o, "Responden", "Respondents"),
        t(o, "Mutu", "Quality")
    );
    for (data, name, g) in rows {
        let _ = write!(
            s,
            "<tr{data}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&name),
            integer_id(g.summary.respondents),
            figure(g.summary.ikm, o),
            esc(&grade_of(g, o))
        );
    }
    s.push_str("</tbody></table></div>");
}

fn service_table(s: &mut String, r: &PublicResults, services: &[ServiceInfo], o: PageOptions) {
    if r.services.is_empty() {
        return;
    }
    let _ = write!(s, "<section id=\"services\"><h2>{}</h2>", t(o, "Per layanan", "By service"));
    let rows = r.services.iter().map(|g| {
        let code = g.key.service.as_deref().unwrap_or("");
        let name = services.iter().find(|i| i.code == code).map_or(code, |i| {
            if o.lang == Lang::En && !i.name_en.is_empty() {
                &i.name_en
            } else {
                &i.name
            }
        });
        (format!(" data-service=\"{}\"", attr(code)), name.to_owned(), g)
    });
    groups_table(s, t(o, "Layanan", "Service"), rows, o);
    s.push_str("</section>");
}

fn trend(s: &mut String, r: &PublicResults, o: PageOptions) {
    if r.trend.is_empty() {
        return;
    }
    let _ = write!(s, "<section id=\"trend\"><h2>{}</h2>", t(o, "Dari periode ke periode", "Period by period"));
    let rows = r.trend.iter().map(|g| (String::new(), g.key.period.map(|p| p.label(o.lang)).unwrap_or_default(), g));
    groups_table(s, t(o, "Periode", "Period"), rows, o);
    if r.trend.len() > 1 {
        let analysis = IkmAnalysis {
            grouping: skm_core::analysis::Grouping {
                by: vec![skm_core::analysis::GroupBy::Period],
                period: r.period.map_or_else(Default::default, |p| p.key.kind),
            },
            input: Default::default(),
            overall: r.trend[r.trend.len() - 1].clone(),
            groups: r.trend.clone(),
        };
        if let Ok(svg) = skm_charts::ikm_trend_svg(&analysis, o.lang, 640, 300) {
            let _ = write!(s, "<figure class=\"chart\" aria-hidden=\"true\">{svg}</figure>");
        }
    }
    s.push_str("</section>");
}

/// The follow-up actions of the latest periods with their status, or that none is recorded.
fn follow_up(s: &mut String, r: &PublicResults, o: PageOptions) {
    let _ = write!(s, "<section id=\"follow-up\"><h2>{}</h2>", t(o, "Tindak lanjut", "Follow-up"));
    if r.follow_up.is_empty() {
        let _ = write!(
            s,
            "<p>{}</p>",
            t(o, "Rencana tindak lanjut hasil survei belum dicatat.", "No follow-up plan has been recorded yet.")
        );
    }
    for f in &r.follow_up {
        let key = f.period.key();
        let caption = match o.lang {
            Lang::Id => format!("Tindak lanjut hasil {}", f.period.label(o.lang)),
            Lang::En => format!("Follow-up of the results of {}", f.period.label(o.lang)),
        };
        let _ = write!(
            s,
            "<h3>{}</h3><p class=\"progress\" data-period=\"{}\">{}</p>{}<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&caption),
            attr(&key),
            esc(&f.progress.sentence(o.lang)),
            scroll(&caption),
            t(o, "Temuan", "Finding"),
            t(o, "Tindakan", "Action"),
            t(o, "Penanggung jawab", "Owner"),
            t(o, "Batas waktu", "Deadline"),
            t(o, "Status", "Status")
        );
        for a in &f.actions {
            let deadline = a
                .deadline
                .parse::<jiff::civil::Date>()
                .map_or_else(|_| a.deadline.clone(), |d| skm_core::format::date_long(d, o.lang));
            let _ = write!(
                s,
                "<tr data-status=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                a.status.code(),
                esc(&a.finding),
                esc(&a.action),
                esc(&a.owner),
                esc(&deadline),
                a.status.label().get(o.lang)
            );
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("</section>");
}

fn method(s: &mut String, r: &PublicResults, o: PageOptions) {
    let text = match o.lang {
        Lang::Id => format!(
            "Survei mengikuti PermenPANRB Nomor 14 Tahun 2017: penerima layanan menilai sembilan unsur \
             pelayanan dengan skala 1–4. Nilai rata-rata tiap unsur (NRR) dijumlahkan dengan bobot yang sama \
             (1/9) dan dikalikan 25, sehingga IKM berada antara 25 dan 100. Selang kepercayaan 95% menunjukkan \
             ketelitian IKM dari jumlah responden yang ada. Sampel yang diperlukan dihitung dengan rumus \
             Krejcie dan Morgan dari jumlah penerima layanan (N) yang dicatat unit; bila N tidak diketahui, \
             paling sedikit {} responden. Kelompok dengan kurang dari {} responden tidak ditampilkan{}.",
            DEFAULT_MIN_SAMPLE,
            r.min_group,
            hidden(r, o)
        ),
        Lang::En => format!(
            "The survey follows PermenPANRB 14/2017: service users rate nine service elements on a 1–4 scale. \
             The average score of each element (NRR) is summed with equal weights (1/9) and multiplied by 25, \
             so the IKM lies between 25 and 100. The 95% confidence interval shows how precise the IKM is for \
             the number of respondents. The sample required follows Krejcie and Morgan from the number of \
             service users (N) the unit recorded; where N is not recorded, at least {} respondents. Groups of \
             fewer than {} respondents are not shown{}.",
            DEFAULT_MIN_SAMPLE,
            r.min_group,
            hidden(r, o)
        ),
    };
    let _ = write!(s, "<section id=\"method\"><h2>{}</h2><p>{text}</p></section>", t(o, "Metode", "Method"));
}

fn hidden(r: &PublicResults, o: PageOptions) -> String {
    match (r.groups_hidden, o.lang) {
        (0, _) => String::new(),
        (n, Lang::Id) => format!(" ({n} kelompok tidak ditampilkan)"),
        (n, Lang::En) => format!(" ({n} groups not shown)"),
    }
}

/// The pemda's page: each unit's latest result, with a link to its page.
pub(crate) fn pemda(units: &[std::sync::Arc<PublicResults>], o: PageOptions) -> String {
    let pemda = units.first().map(|u| u.pemda.clone()).unwrap_or_default();
    let title =
        format!("{} – {}", t(o, "Hasil Survei Kepuasan Masyarakat", "Public Satisfaction Survey results"), pemda);
    let mut s = open(&title, o, "/hasil");
    let _ = write!(
        s,
        "<header><p class=\"pemda\">{}</p><h1>{}</h1></header><section id=\"units\">{}<table><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">IKM</th><th>{}</th></tr></thead><tbody>",
        esc(&pemda),
        t(o, "Hasil Survei Kepuasan Masyarakat", "Public Satisfaction Survey results"),
        scroll(t(o, "Unit pelayanan", "Service unit")),
        t(o, "Unit pelayanan", "Service unit"),
        t(o, "Periode", "Period"),
        t(o, "Responden", "Respondents"),
        t(o, "Mutu", "Quality")
    );
    let lang = if o.lang == Lang::En { "?lang=en" } else { "" };
    for u in units {
        let period = u.period.map(|p| p.key.label(o.lang)).unwrap_or_else(|| "–".to_owned());
        let (respondents, ikm, grade) = match &u.overall {
            Some(g) => (integer_id(g.summary.respondents), figure(g.summary.ikm, o), grade_of(g, o)),
            None => ("–".to_owned(), "–".to_owned(), t(o, "belum ada hasil", "no results yet").to_owned()),
        };
        let _ = write!(
            s,
            "<tr data-unit=\"{}\"><td><a href=\"/hasil/{}{lang}\">{}</a></td><td>{}</td><td class=\"num\">{respondents}</td><td class=\"num\">{ikm}</td><td>{}</td></tr>",
            attr(&u.unit),
            attr(&u.unit),
            esc(&u.unit_name),
            esc(&period),
            esc(&grade)
        );
    }
    s.push_str("</tbody></table></div></section>");
    close(&mut s);
    s
}

/// The page for a unit that does not exist.
pub(crate) fn not_found(code: &str, o: PageOptions) -> String {
    let mut s = open(t(o, "Unit tidak ada", "No such unit"), o, "/hasil");
    let _ = write!(
        s,
        "<h1>{}</h1><p>{} <a href=\"/hasil\">{}</a></p>",
        t(o, "Unit tidak ada", "No such unit"),
        esc(&format!("'{code}'")),
        t(o, "Lihat semua unit", "See every unit")
    );
    close(&mut s);
    s
}
