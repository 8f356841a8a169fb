//! The publication register: where and when a unit published its survey results (website,
//! Instagram, noticeboard, …) with a link, the rule of what an entry holds, and the count of
//! media the national evaluation (PEKPPP) scores.

use serde::{Deserialize, Serialize};

use crate::editing::{date_problem, period_problem, text_problem, Draft, FieldProblem};
use crate::i18n::Text;
use crate::period::Period;

/// Where results are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    /// The unit's or the pemda's website.
    #[default]
    Website,
    /// Instagram.
    Instagram,
    /// Facebook.
    Facebook,
    /// X (Twitter).
    X,
    /// YouTube.
    Youtube,
    /// TikTok.
    Tiktok,
    /// The noticeboard at the office (papan pengumuman).
    Noticeboard,
    /// A newspaper or other printed medium.
    Print,
    /// Radio or television.
    Broadcast,
    /// Anything else (say what in the note).
    Other,
}

/// Every medium, in the order the form lists them.
pub const MEDIA: [Medium; 10] = [
    Medium::Website,
    Medium::Instagram,
    Medium::Facebook,
    Medium::X,
    Medium::Youtube,
    Medium::Tiktok,
    Medium::Noticeboard,
    Medium::Print,
    Medium::Broadcast,
    Medium::Other,
];

impl Medium {
    /// The code in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Medium::Website => "website",
            Medium::Instagram => "instagram",
            Medium::Facebook => "facebook",
            Medium::X => "x",
            Medium::Youtube => "youtube",
            Medium::Tiktok => "tiktok",
            Medium::Noticeboard => "noticeboard",
            Medium::Print => "print",
            Medium::Broadcast => "broadcast",
            Medium::Other => "other",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<Medium> {
        MEDIA.into_iter().find(|m| m.code() == code.trim())
    }

    /// Its name in both languages.
    pub fn label(self) -> Text {
        match self {
            Medium::Website => Text { id: "Situs web", en: "Website" },
            Medium::Instagram => Text { id: "Instagram", en: "Instagram" },
            Medium::Facebook => Text { id: "Facebook", en: "Facebook" },
            Medium::X => Text { id: "X (Twitter)", en: "X (Twitter)" },
            Medium::Youtube => Text { id: "YouTube", en: "YouTube" },
            Medium::Tiktok => Text { id: "TikTok", en: "TikTok" },
            Medium::Noticeboard => Text { id: "Papan pengumuman", en: "Noticeboard" },
            Medium::Print => Text { id: "Media cetak", en: "Print media" },
            Medium::Broadcast => Text { id: "Radio atau televisi", en: "Radio or television" },
            Medium::Other => Text { id: "Lainnya", en: "Other" },
        }
    }

    /// Whether a publication there has an address to link to.
    pub fn is_online(self) -> bool {
        matches!(
            self,
            Medium::Website | Medium::Instagram | Medium::Facebook | Medium::X | Medium::Youtube | Medium::Tiktok
        )
    }
}

/// The longest link, in characters.
pub const MAX_LINK: usize = 500;
/// The longest note.
pub const MAX_NOTE: usize = 500;

/// A publication as the admin page sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicationDraft {
    /// The SKM period whose results were published (`2026-S1`).
    pub period: String,
    /// Where.
    pub medium: Medium,
    /// When (`2026-07-15`).
    pub published_on: String,
    /// The address of the post or page (required for an online medium; `http(s)://` only).
    #[serde(default)]
    pub link: String,
    /// What else to know (the newspaper's name, where the board hangs).
    #[serde(default)]
    pub note: String,
}

/// A kept publication.
pub type PublicationRecord = crate::editing::Kept<PublicationDraft>;

/// Whether `link` is an absolute web address a page may link to: `http(s)://host…`, no spaces,
/// quotes or angle brackets.
pub fn is_web_link(link: &str) -> bool {
    let rest = link.strip_prefix("https://").or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            && !r
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\'))
    })
}

impl Draft for PublicationDraft {
    /// The draft with its texts trimmed and control characters dropped.
    fn cleaned(&self) -> PublicationDraft {
        let clean = |t: &str| crate::response::without_controls(t.trim());
        PublicationDraft {
            period: self.period.trim().to_owned(),
            medium: self.medium,
            published_on: self.published_on.trim().to_owned(),
            link: clean(&self.link),
            note: clean(&self.note),
        }
    }

    /// Every rule the draft breaks, by field; empty when it may be kept.
    fn problems(&self) -> Vec<FieldProblem> {
        let mut out: Vec<FieldProblem> = period_problem("period", &self.period).into_iter().collect();
        out.extend(date_problem(
            "published_on",
            &self.published_on,
            Text { id: "Tanggal terbit", en: "The publication date" },
        ));
        let link = Text { id: "Tautan", en: "The link" };
        if let Some(p) = text_problem("link", &self.link, self.medium.is_online(), MAX_LINK, link) {
            out.push(p);
        } else if !self.link.is_empty() && !is_web_link(&self.link) {
            out.push(FieldProblem::new(
                "link",
                "tautan harus alamat web lengkap (https://…)".to_owned(),
                "the link must be a full web address (https://…)".to_owned(),
            ));
        }
        out.extend(text_problem("note", &self.note, false, MAX_NOTE, Text { id: "Catatan", en: "The note" }));
        out
    }
}

impl PublicationDraft {
    /// The period whose results it published, when its key is valid.
    pub fn period(&self) -> Option<Period> {
        Period::from_key(&self.period)
    }
}

/// The distinct media of some publications, in the form's order: what PEKPPP counts.
pub fn media<'a>(drafts: impl IntoIterator<Item = &'a PublicationDraft>) -> Vec<Medium> {
    let mut out: Vec<Medium> = drafts.into_iter().map(|d| d.medium).collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PublicationDraft {
        PublicationDraft {
            period: "2026-S1".into(),
            medium: Medium::Instagram,
            published_on: "2026-07-15".into(),
            link: "https://instagram.com/p/abc".into(),
            note: String::new(),
        }
    }

    fn fields(d: &PublicationDraft) -> Vec<String> {
        d.problems().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn an_online_medium_needs_a_web_link_and_a_noticeboard_does_not() {
        assert!(draft().problems().is_empty());
        assert_eq!(fields(&PublicationDraft { link: String::new(), ..draft() }), ["link"]);
        for bad in
            ["javascript:alert(1)", "https://", "https:///x", "https://a b", "https://x\"onmouseover=1", "ftp://x"]
        {
            assert_eq!(fields(&PublicationDraft { link: bad.into(), ..draft() }), ["link"], "{bad}");
        }
        let board = PublicationDraft { medium: Medium::Noticeboard, link: String::new(), ..draft() };
        assert!(board.problems().is_empty());
        assert_eq!(fields(&PublicationDraft { published_on: "15/07/2026".into(), ..draft() }), ["published_on"]);
        assert_eq!(fields(&PublicationDraft { period: "2026-H1".into(), ..draft() }), ["period"]);
    }

    #[test]
    fn media_are_counted_once_each() {
        let a = draft();
        let b = PublicationDraft { medium: Medium::Website, ..draft() };
        assert_eq!(media([&a, &b, &a]), [Medium::Website, Medium::Instagram]);
        for m in MEDIA {
            assert_eq!(Medium::from_code(m.code()), Some(m));
        }
    }
}
