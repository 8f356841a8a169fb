//! Words and numbers of the tables printed for people.

use skm_core::{Lang, Text};

/// A text in both languages.
pub const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

/// A figure with `decimals` decimals in `l`'s way (`1.250,5` / `1,250.5`), or a dash.
pub fn num(value: Option<f64>, decimals: usize, l: Lang) -> String {
    skm_core::format::figure(value, decimals, l)
}
