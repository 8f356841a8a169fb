//! Printable material for the service counter: the survey's QR code as SVG and PNG, and an A4
//! poster (SVG, prints from any browser) that invites citizens to scan it.

mod poster;
mod qr;

pub use poster::{poster_svg, Poster};
pub use qr::{qr_matrix, qr_png, qr_svg, QUIET_ZONE};

/// Why the material could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PosterError {
    /// The address is too long for a QR code.
    #[error("alamat terlalu panjang untuk kode QR / address too long for a QR code: {0}")]
    TooLong(String),
    /// The PNG could not be written.
    #[error("PNG tidak dapat ditulis / PNG cannot be written: {0}")]
    Png(String),
}
