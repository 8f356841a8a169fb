//! The report's words in its language.

use skm_core::Lang;

/// Picks the Indonesian or English wording.
#[derive(Debug, Clone, Copy)]
pub struct Words(pub Lang);

impl Words {
    /// The text in the report's language.
    pub fn t(self, id: &str, en: &str) -> String {
        match self.0 {
            Lang::Id => id.to_owned(),
            Lang::En => en.to_owned(),
        }
    }
}
