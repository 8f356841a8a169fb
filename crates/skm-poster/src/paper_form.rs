//! The blank paper questionnaire of one service: an A4 page per sheet, each with its own serial
//! number (which makes the typed-in response unique), the official wording of the nine elements
//! and their answers, the profile, a box for suggestions, and a QR code to the online survey.
//! One HTML document that prints from any browser, one sheet per page.

use skm_core::profile::{labels, Choice, EDUCATIONS, GENDERS, OCCUPATIONS};
use skm_core::{Lang, ELEMENTS};

use crate::qr::{qr_address, qr_matrix, svg_group};
use crate::PosterError;

/// The most sheets one document holds.
pub const MAX_SHEETS: u32 = 500;

/// What the sheets say.
#[derive(Debug, Clone)]
pub struct PaperForm<'a> {
    /// The office.
    pub unit: &'a str,
    /// The service's name.
    pub service: &'a str,
    /// The online survey's address, which the QR code holds.
    pub url: &'a str,
    /// The serial numbers' prefix (`IJ`): letters and digits.
    pub prefix: &'a str,
    /// The first serial number.
    pub first: u32,
    /// How many sheets (at most [`MAX_SHEETS`]).
    pub count: u32,
    /// The language of the wording.
    pub lang: Lang,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The serial number of sheet `n`: `IJ-00042`.
pub fn serial(prefix: &str, n: u32) -> String {
    format!("{prefix}-{n:05}")
}

/// A default prefix for a service: the initials of its code's words, upper-cased (`IJ` for
/// `internet-jaringan`).
pub fn initials(code: &str) -> String {
    code.split('-').filter_map(|w| w.chars().next()).map(|c| c.to_ascii_uppercase()).take(6).collect()
}

fn boxes<T>(choices: &[Choice<T>], lang: Lang) -> String {
    choices.iter().map(|c| format!("<span class=\"box\">☐ {}</span>", escape(c.label.get(lang)))).collect()
}

/// The sheets as one HTML document (A4 pages).
pub fn paper_form_html(f: &PaperForm<'_>) -> Result<String, PosterError> {
    let clean_prefix =
        !f.prefix.is_empty() && f.prefix.len() <= 12 && f.prefix.chars().all(|c| c.is_ascii_alphanumeric());
    if !clean_prefix {
        return Err(PosterError::Form(format!(
            "awalan '{}': 1–12 huruf atau angka / prefix: 1–12 letters or digits",
            f.prefix
        )));
    }
    if f.count == 0 || f.count > MAX_SHEETS {
        return Err(PosterError::Form(format!(
            "jumlah lembar {}: 1–{MAX_SHEETS} / number of sheets: 1–{MAX_SHEETS}",
            f.count
        )));
    }
    let last =
        f.first.checked_add(f.count - 1).filter(|l| *l <= 99_999).ok_or_else(|| {
            PosterError::Form("nomor seri paling besar 99999 / serial numbers go up to 99999".to_owned())
        })?;
    let l = f.lang;
    let t = |id: &'static str, en: &'static str| if l == Lang::Id { id } else { en };
    let qr = svg_group(&qr_matrix(&qr_address(f.url))?, 110, 0, 0, false);
    let mut questions = String::new();
    for (i, e) in ELEMENTS.iter().enumerate() {
        let text = e.text();
        let answers: String = text
            .answers
            .iter()
            .zip(['a', 'b', 'c', 'd'])
            .map(|(a, letter)| format!("<span class=\"box\">☐ {letter}. {}</span>", escape(a.get(l))))
            .collect();
        questions.push_str(&format!(
            "<li><p><b>{}. {}</b> — {}</p><p class=\"answers\">{answers}</p></li>",
            i + 1,
            escape(text.name.get(l)),
            escape(text.question.get(l))
        ));
    }
    let profile = format!(
        "<p>{}: {}</p><p>{}: ______</p><p>{}: {}</p><p>{}: {}</p>",
        escape(labels::GENDER.get(l)),
        boxes(&GENDERS, l),
        escape(labels::AGE.get(l)),
        escape(labels::EDUCATION.get(l)),
        boxes(&EDUCATIONS, l),
        escape(labels::OCCUPATION.get(l)),
        boxes(&OCCUPATIONS, l),
    );
    let mut pages = String::new();
    for n in f.first..=last {
        let number = serial(f.prefix, n);
        pages.push_str(&format!(
            "<section class=\"sheet\" data-serial=\"{number}\"><header><div><h1>{}</h1><p>{}</p><p><b>{}</b></p></div>\
             <div class=\"serial\">{}<br><b>{number}</b></div></header>\
             <p>{}: ____ / ____ / ________ · {}</p><h2>{}</h2>{profile}<h2>{}</h2><ol>{questions}</ol>\
             <h2>{}</h2><div class=\"suggestion\"></div>\
             <footer><div class=\"qr\">{qr}</div><p>{}<br><span class=\"url\">{}</span><br>{}</p></footer></section>",
            t("SURVEI KEPUASAN MASYARAKAT", "PUBLIC SATISFACTION SURVEY"),
            escape(f.unit),
            escape(f.service),
            t("Nomor seri", "Serial number"),
            t("Tanggal pengisian", "Filled in on"),
            t(
                "Berilah tanda silang (X) pada satu jawaban tiap pertanyaan.",
                "Mark one answer per question with a cross (X)."
            ),
            t("Profil responden", "About you"),
            t("Pendapat Saudara tentang pelayanan", "Your opinion of the service"),
            escape(labels::SUGGESTION.get(l)),
            t("Lebih suka mengisi di ponsel? Pindai kode ini:", "Rather answer on your phone? Scan this code:"),
            escape(f.url),
            t(
                "Survei Kepuasan Masyarakat sesuai PermenPANRB 14/2017 · tanpa nama",
                "Public satisfaction survey under PermenPANRB 14/2017 · anonymous"
            ),
        ));
    }
    Ok(format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} · {}</title><style>{STYLE}</style></head><body>{pages}</body></html>\n",
        l.tag(),
        escape(f.service),
        t("formulir kertas", "paper form"),
    ))
}

const STYLE: &str = "@page{size:A4;margin:12mm}body{font-family:'Noto Sans',Arial,sans-serif;font-size:10pt;color:#000;margin:0}\
.sheet{page-break-after:always;break-after:page}.sheet:last-child{page-break-after:auto;break-after:auto}\
header{display:flex;justify-content:space-between;align-items:flex-start;border-bottom:2px solid #000;margin-bottom:4mm}\
h1{font-size:14pt;margin:0}h2{font-size:11pt;margin:3mm 0 1mm}header p{margin:1mm 0}\
.serial{border:2px solid #000;padding:2mm 4mm;text-align:center;font-size:9pt}.serial b{font-size:14pt;letter-spacing:1px}\
ol{margin:0;padding-left:0;list-style:none}li{margin-bottom:1.6mm}li p{margin:0}\
.answers{display:flex;flex-wrap:wrap;gap:1mm 5mm;padding-left:4mm}.box{white-space:nowrap;margin-right:4mm}\
.suggestion{border:1px solid #000;height:22mm}footer{display:flex;gap:4mm;align-items:center;margin-top:3mm;font-size:8.5pt}\
.qr svg{width:24mm;height:24mm}.url{font-family:monospace}@media screen{body{margin:8mm}.sheet{margin-bottom:12mm}}";

#[cfg(test)]
mod tests {
    use super::*;

    fn form(first: u32, count: u32) -> PaperForm<'static> {
        PaperForm {
            unit: "Dinas <Uji> & Co",
            service: "Layanan \"internet\"",
            url: "https://skm.contoh.go.id/survei/uji/internet",
            prefix: "IJ",
            first,
            count,
            lang: Lang::Id,
        }
    }

    #[test]
    fn one_page_per_sheet_each_with_its_serial_and_the_official_wording() {
        let html = paper_form_html(&form(41, 3)).unwrap();
        assert_eq!(html.matches("<section class=\"sheet\"").count(), 3);
        for serial in ["IJ-00041", "IJ-00042", "IJ-00043"] {
            assert!(html.contains(&format!("data-serial=\"{serial}\"")), "{serial}");
        }
        for e in ELEMENTS {
            assert_eq!(html.matches(&escape(e.text().question.id)).count(), 3);
        }
        assert!(html.contains("Dinas &lt;Uji&gt; &amp; Co") && html.contains("Layanan &quot;internet&quot;"));
        assert!(html.contains("<path d=\"M"), "the QR code");
        assert_eq!(initials("internet-jaringan"), "IJ");
    }

    #[test]
    fn a_bad_prefix_count_or_range_is_refused() {
        assert!(paper_form_html(&PaperForm { prefix: "I J", ..form(1, 1) }).is_err());
        assert!(paper_form_html(&form(1, 0)).is_err());
        assert!(paper_form_html(&form(1, MAX_SHEETS + 1)).is_err());
        assert!(paper_form_html(&form(99_999, 2)).is_err());
    }
}
