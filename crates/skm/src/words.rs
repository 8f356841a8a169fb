//! Words and numbers of the tables printed for people.

use skm_core::format::decimal_id;
use skm_core::{Lang, Text};

/// A text in both languages.
pub const fn t(id: &'static str, en: &'static str) -> Text {
    Text { id, en }
}

/// A figure with `decimals` decimals: decimal comma in Indonesian, point in English; a dash
/// when there is none.
pub fn num(value: Option<f64>, decimals: usize, l: Lang) -> String {
    match (value, l) {
        (None, _) => "–".to_owned(),
        (Some(v), Lang::Id) => decimal_id(v, decimals),
        (Some(v), Lang::En) => format!("{v:.decimals$}"),
    }
}
