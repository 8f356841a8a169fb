//! The QR code of an address, as a matrix, SVG and PNG.

use qrcode::{Color, EcLevel, QrCode};

use crate::PosterError;

/// Light modules around the code, as the QR standard asks, so phones find it on any background.
pub const QUIET_ZONE: usize = 4;

/// The address a QR code holds for a survey address: the same with `?via=qr`, so each response
/// that came through a code is recorded as such (the printed address stays the plain one).
pub fn qr_address(url: &str) -> String {
    let joint = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joint}via=qr")
}

/// The modules of the QR code of `text` (medium error correction), row by row; `true` is dark.
pub fn qr_matrix(text: &str) -> Result<Vec<Vec<bool>>, PosterError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| PosterError::TooLong(text.to_owned()))?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors.chunks(width).map(|row| row.iter().map(|c| *c == Color::Dark).collect()).collect())
}

/// The QR code as an SVG of `size` pixels square, with its quiet zone; one path, crisp edges.
pub fn qr_svg(text: &str, size: u32) -> Result<String, PosterError> {
    let matrix = qr_matrix(text)?;
    Ok(svg_group(&matrix, size, 0, 0, true))
}

/// The modules as SVG: a whole document when `document`, else a group placed at `(x, y)`.
pub(crate) fn svg_group(matrix: &[Vec<bool>], size: u32, x: u32, y: u32, document: bool) -> String {
    let n = matrix.len() + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (r, row) in matrix.iter().enumerate() {
        for (c, dark) in row.iter().enumerate() {
            if *dark {
                path.push_str(&format!("M{} {}h1v1h-1z", c + QUIET_ZONE, r + QUIET_ZONE));
            }
        }
    }
    let body = format!(
        "<rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\" shape-rendering=\"crispEdges\"/>"
    );
    if document {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {n} {n}\">{body}</svg>\n")
    } else {
        format!("<svg x=\"{x}\" y=\"{y}\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {n} {n}\">{body}</svg>")
    }
}

/// The QR code as a grayscale PNG with `scale` pixels per module and its quiet zone.
pub fn qr_png(text: &str, scale: u32) -> Result<Vec<u8>, PosterError> {
    let matrix = qr_matrix(text)?;
    let scale = scale.max(1) as usize;
    let side = (matrix.len() + 2 * QUIET_ZONE) * scale;
    let mut pixels = vec![255u8; side * side];
    for (r, row) in matrix.iter().enumerate() {
        for (c, dark) in row.iter().enumerate() {
            if !*dark {
                continue;
            }
            for dy in 0..scale {
                let y = (r + QUIET_ZONE) * scale + dy;
                let x0 = (c + QUIET_ZONE) * scale;
                pixels[y * side + x0..y * side + x0 + scale].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let side32 = u32::try_from(side).map_err(|e| PosterError::Png(e.to_string()))?;
    let mut encoder = png::Encoder::new(&mut out, side32, side32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| PosterError::Png(e.to_string()))?;
    writer.write_image_data(&pixels).map_err(|e| PosterError::Png(e.to_string()))?;
    writer.finish().map_err(|e| PosterError::Png(e.to_string()))?;
    Ok(out)
}
