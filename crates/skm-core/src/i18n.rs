//! The two languages of the product and a text given in both.

use serde::{Deserialize, Serialize};

/// A language the product speaks: Bahasa Indonesia (default) or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag (`id` or `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parses `id`/`en` (case-insensitive); anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "id" | "id-id" => Some(Lang::Id),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Bahasa Indonesia with its English translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Bahasa Indonesia (authoritative wording).
    pub id: &'static str,
    /// English translation.
    pub en: &'static str,
}

impl Text {
    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.id,
            Lang::En => self.en,
        }
    }

    /// Both languages as "Indonesia / English", for messages staff and auditors read.
    pub fn both(&self) -> String {
        format!("{} / {}", self.id, self.en)
    }
}

/// A text made at run time (a message with names and numbers in it), in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owned {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl Owned {
    /// The text in the given language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    /// Both languages as "Indonesia / English".
    pub fn both(&self) -> String {
        format!("{} / {}", self.id, self.en)
    }
}
