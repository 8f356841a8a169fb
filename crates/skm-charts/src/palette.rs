//! The colours of the charts: one per grade, and the ink of text and bars.

use plotters::style::RGBColor;
use skm_core::Grade;

/// Ink for axes and text.
pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
/// Bars.
pub const BAR: RGBColor = RGBColor(0x1d, 0x4e, 0xd8);
/// A second series (complaints, delays).
pub const SECOND: RGBColor = RGBColor(0xd9, 0x77, 0x06);

/// The light background of a grade band.
pub fn band(grade: Grade) -> RGBColor {
    match grade {
        Grade::A => RGBColor(0xdc, 0xfc, 0xe7),
        Grade::B => RGBColor(0xe0, 0xf2, 0xfe),
        Grade::C => RGBColor(0xfe, 0xf9, 0xc3),
        Grade::D => RGBColor(0xfe, 0xe2, 0xe2),
    }
}
