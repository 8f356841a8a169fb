//! Printable material for the service counter: the survey's QR code as SVG and PNG, an A4
//! poster (SVG, prints from any browser) that invites citizens to scan it, and the blank paper
//! questionnaire with a serial number per sheet.

mod paper_form;
mod poster;
mod qr;

pub use paper_form::{initials, paper_form_html, serial, PaperForm, MAX_SHEETS};
pub use poster::{poster_svg, Poster};
pub use qr::{qr_address, qr_matrix, qr_png, qr_svg, QUIET_ZONE};

/// Why the material could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// The address is too long for a QR code.
    #[error("alamat terlalu panjang untuk kode QR / address too long for a QR code: {0}")]
    TooLong(String),
    /// The paper form's numbering was refused.
    #[error("{0}")]
    Form(String),
    /// The PNG could not be written.
    #[error("PNG tidak dapat ditulis / PNG cannot be written: {0}")]
    Png(String),
}
