//! The A4 poster for the counter: title, service, QR code, address and a short invitation in
//! Bahasa Indonesia and English.

use crate::qr::{qr_address, qr_matrix, svg_group};
use crate::PosterError;

/// What the poster says.
#[derive(Debug, Clone)]
pub struct Poster<'a> {
    /// The service's name in Bahasa Indonesia.
    pub service: &'a str,
    /// Its name in English.
    pub service_en: &'a str,
    /// The office.
    pub unit: &'a str,
    /// The survey's address, which the QR code holds.
    pub url: &'a str,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The poster as an A4 SVG (210 × 297 mm, drawn in tenths of a millimetre).
pub fn poster_svg(p: &Poster<'_>) -> Result<String, PosterError> {
    let matrix = qr_matrix(&qr_address(p.url))?;
    let qr = svg_group(&matrix, 1300, 400, 900, false);
    let line = |y: u32, size: u32, weight: &str, text: &str| {
        format!(
            "<text x=\"1050\" y=\"{y}\" font-size=\"{size}\" font-weight=\"{weight}\" text-anchor=\"middle\" \
             font-family=\"Noto Sans, Arial, sans-serif\" fill=\"#0f172a\">{}</text>",
            escape(text)
        )
    };
    let parts = [
        "<rect width=\"2100\" height=\"2970\" fill=\"#fff\"/>".to_owned(),
        "<rect width=\"2100\" height=\"260\" fill=\"#1d4ed8\"/>".to_owned(),
        format!(
            "<text x=\"1050\" y=\"170\" font-size=\"90\" font-weight=\"700\" text-anchor=\"middle\" \
             font-family=\"Noto Sans, Arial, sans-serif\" fill=\"#fff\">{}</text>",
            escape("Survei Kepuasan Masyarakat")
        ),
        line(420, 64, "400", p.unit),
        line(560, 84, "700", p.service),
        line(650, 52, "400", p.service_en),
        line(800, 58, "400", "Bagaimana pelayanan kami hari ini? Pindai kode ini:"),
        qr,
        line(2330, 44, "400", p.url),
        line(2480, 56, "700", "9 pertanyaan · sekitar 2 menit · tanpa nama"),
        line(2570, 44, "400", "How was our service today? Scan the code: 9 questions, about 2 minutes, anonymous."),
        line(2800, 36, "400", "Survei Kepuasan Masyarakat (SKM) sesuai PermenPANRB 14/2017"),
    ];
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" viewBox=\"0 0 2100 2970\">{}</svg>\n",
        parts.concat()
    ))
}
